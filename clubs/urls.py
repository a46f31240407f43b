from django.urls import path

from clubs import views

app_name = "clubs"

urlpatterns = [
    path("", views.club_list, name="club_list"),
    path("new/", views.club_create, name="club_create"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("actions/", views.action_list, name="action_list"),
    path("data/", views.data_hub, name="data_hub"),
    path("data/members/import/", views.member_import, name="member_import"),
    path("data/members.<str:fmt>", views.member_export, name="member_export"),
    path("data/clubs/import/", views.club_import, name="club_import"),
    path("data/clubs.<str:fmt>", views.club_export, name="club_export"),
    path("<int:pk>/", views.club_detail, name="club_detail"),
    path("<int:pk>/edit/", views.club_edit, name="club_edit"),
    path("<int:pk>/history/", views.club_history, name="club_history"),
    path("<int:pk>/members/", views.member_list, name="member_list"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/members/import/", views.club_member_import, name="club_member_import"),
    path("<int:pk>/members.<str:fmt>", views.club_member_export, name="club_member_export"),
    path("<int:pk>/members/<int:membership_pk>/edit/", views.member_edit, name="member_edit"),
    path("<int:pk>/members/<int:membership_pk>/leave/", views.member_leave, name="member_leave"),
    path("<int:pk>/officers/", views.officer_elect, name="officer_elect"),
    path("<int:pk>/officers/<int:term_pk>/end/", views.officer_end, name="officer_end"),
    path("<int:pk>/groups/new/", views.group_create, name="group_create"),
    path("<int:pk>/groups/<int:group_pk>/edit/", views.group_edit, name="group_edit"),
    path("<int:pk>/groups/<int:group_pk>/dissolve/", views.group_dissolve, name="group_dissolve"),
    path("<int:pk>/meetings/", views.club_meeting_list, name="club_meeting_list"),
    path("<int:pk>/meetings/new/", views.meeting_log, name="meeting_log"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/meetings/<int:meeting_pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/actions/", views.club_action_list, name="club_action_list"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("<int:pk>/actions/<int:item_pk>/status/", views.action_status, name="action_status"),
]
