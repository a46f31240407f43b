from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard_home, name="dashboard"),
    path("national/", views.national, name="national"),
    path("provinces/<int:pk>/", views.province, name="province"),
    path("universities/<int:pk>/", views.university, name="university"),
    path("counties/<int:pk>/", views.county, name="county"),
    path("clubs/<int:pk>/", views.club, name="club"),
    path("archive/", views.archive, name="archive"),
    path("archive/request/", views.request_report, name="request"),
    path("archive/<int:pk>/row/", views.report_row, name="report_row"),
    path("archive/<int:pk>/<str:kind>/", views.report_file, name="report_file"),
]
