from django.urls import path

from clubs.rollout import views

app_name = "rollout"

urlpatterns = [
    path("board/", views.board, name="board"),
    path("board/export.xlsx", views.board_export, name="board_export"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("review/", views.review_queue, name="review"),
    path("rollups/", views.rollups, name="rollups"),
    path("clubs/<int:club_id>/", views.checklist, name="checklist"),
    path("clubs/<int:club_id>/sync/", views.club_sync, name="club_sync"),
    path("clubs/<int:club_id>/items/<int:pk>/", views.item_detail, name="item"),
    path("clubs/<int:club_id>/items/<int:pk>/verify/", views.item_verify, name="item_verify"),
    path(
        "clubs/<int:club_id>/items/<int:pk>/send-back/",
        views.item_send_back,
        name="item_send_back",
    ),
    path(
        "clubs/<int:club_id>/items/<int:pk>/evidence/upload/",
        views.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "clubs/<int:club_id>/items/<int:pk>/evidence/link/",
        views.evidence_link,
        name="evidence_link",
    ),
    path(
        "clubs/<int:club_id>/items/<int:pk>/evidence/<int:evidence_id>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("plan/", views.plan_overview, name="plan"),
    path("plan/<int:university_id>/", views.plan_university, name="plan_university"),
    path("plan/<int:university_id>/items/<int:item_id>/", views.plan_item, name="plan_item"),
    path(
        "plan/<int:university_id>/items/<int:item_id>/evidence/<int:evidence_id>/delete/",
        views.plan_evidence_delete,
        name="plan_evidence_delete",
    ),
    path(
        "plan/evidence/<int:evidence_id>/",
        views.plan_evidence_download,
        name="plan_evidence_download",
    ),
]
