from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="forum_list"),
    path("<int:pk>/", views.forum_detail, name="forum_detail"),
    path("<int:pk>/inbox/", views.forum_inbox, name="forum_inbox"),
    path("<int:pk>/merge/", views.forum_merge, name="forum_merge"),
    path("<int:pk>/issues/new/", views.issue_raise, name="issue_raise"),
    path("<int:pk>/seats/new/", views.seat_create, name="seat_create"),
    path("<int:pk>/seats/<int:seat_pk>/edit/", views.seat_edit, name="seat_edit"),
    path("<int:pk>/seats/<int:seat_pk>/delete/", views.seat_delete, name="seat_delete"),
    path("<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("<int:pk>/sessions/<int:session_pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/sessions/<int:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/policies/new/", views.policy_create, name="policy_create"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("issues/<int:pk>/<slug:action>/", views.issue_action, name="issue_action"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path(
        "policies/<int:pk>/adoptions/<int:adoption_pk>/",
        views.adoption_acknowledge,
        name="adoption_acknowledge",
    ),
]
