from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("neighborhoods/", views.neighborhood_list, name="neighborhood_list"),
    path("neighborhoods/new/", views.neighborhood_create, name="neighborhood_create"),
    path("neighborhoods/<int:pk>/edit/", views.neighborhood_edit, name="neighborhood_edit"),
    path("universities/", views.university_list, name="university_list"),
]
