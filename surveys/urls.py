from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.campaign_list, name="index"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/status/", views.campaign_status, name="campaign_status"),
    path(
        "campaigns/<int:pk>/use-current-version/",
        views.campaign_use_current_version,
        name="campaign_use_current_version",
    ),
    path("campaigns/<int:pk>/responses/new/", views.response_start, name="response_start"),
    path("campaigns/<int:pk>/results/", views.campaign_results, name="campaign_results"),
    path(
        "campaigns/<int:pk>/results.xlsx",
        views.campaign_results_export,
        name="campaign_results_export",
    ),
    path(
        "campaigns/<int:pk>/responses.xlsx",
        views.campaign_responses_export,
        name="campaign_responses_export",
    ),
    path("responses/mine/", views.my_responses, name="my_responses"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    path("responses/<int:pk>/fill/", views.response_fill, name="response_fill"),
    path("responses/<int:pk>/delete/", views.response_delete, name="response_delete"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/import/", views.questionnaire_import, name="questionnaire_import"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:pk>/copy/", views.questionnaire_copy, name="questionnaire_copy"),
    path(
        "questionnaires/<int:pk>/archive/",
        views.questionnaire_archive,
        name="questionnaire_archive",
    ),
    path(
        "questionnaires/<int:pk>/preview/",
        views.questionnaire_preview,
        name="questionnaire_preview",
    ),
    path(
        "questionnaires/<int:pk>/xlsform/", views.questionnaire_export, name="questionnaire_export"
    ),
    path("questionnaires/<int:pk>/sections/new/", views.section_create, name="section_create"),
    path(
        "questionnaires/<int:pk>/sections/<int:section_id>/edit/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "questionnaires/<int:pk>/sections/<int:section_id>/delete/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "questionnaires/<int:pk>/sections/<int:section_id>/move/",
        views.section_move,
        name="section_move",
    ),
    path(
        "questionnaires/<int:pk>/sections/<int:section_id>/questions/new/",
        views.question_create,
        name="question_create",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/edit/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question_id>/move/",
        views.question_move,
        name="question_move",
    ),
    path("findings/", views.findings_index, name="findings_index"),
    path(
        "findings/neighborhood/<int:pk>/",
        views.neighborhood_findings,
        name="neighborhood_findings",
    ),
    path("findings/neighborhood/<int:pk>/raise/", views.finding_raise, name="finding_raise"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", views.indicator_target, name="indicator_target"),
]
