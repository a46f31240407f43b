"""Every surveys view, for every standing role: who may (200/302), who may not (403),
and an object outside the user's scope (404). Anonymous users go to the login page."""

import pytest
from django.urls import reverse

from surveys import services
from tests.conftest import ROLE_FIXTURES
from tests.surveys import factories as sf

ROLES = ROLE_FIXTURES  # ministry_admin, staff_a, staff_b, province_secretariat, county_secretariat, facilitator, club_secretary, outsider


@pytest.fixture
def objects(
    world,
    topics,
    staff_a,
    facilitator,
    university_questionnaire,
    university_campaign,
    questionnaire,
    university_indicator,
    national_indicator,
):
    submitted = sf.answer(university_campaign, world.club_a1, facilitator, sf.valid_values())
    draft = sf.answer(university_campaign, world.club_a1, facilitator, {}, submit=False)
    version = university_questionnaire.current_version
    return {
        "qa": university_questionnaire,
        "qn": questionnaire,
        "section": version.sections.first(),
        "question": version.questions.get(name="bio"),
        "ca": university_campaign,
        "submitted": submitted,
        "draft": draft,
        "ia": university_indicator,
        "in": national_indicator,
        "neighborhood": world.neighborhood_a1,
    }


def status_row(**statuses):
    """Expected status per role; roles not named get `default`."""
    default = statuses.pop("default")
    return {role: statuses.get(role, default) for role in ROLES}


READERS_Q = {
    "ministry_admin": 200,
    "staff_a": 200,
    "staff_b": 404,
    "province_secretariat": 200,
    "county_secretariat": 200,
    "default": 403,
}
OWNER_A = {"staff_a": 200, "ministry_admin": 404, "staff_b": 404, "default": 403}
CAMPAIGN_A = {
    "ministry_admin": 200,
    "staff_a": 200,
    "staff_b": 404,
    "province_secretariat": 200,
    "county_secretariat": 200,
    "facilitator": 200,
    "club_secretary": 200,
    "outsider": 403,
    "default": 403,
}
DESIGNERS = {"ministry_admin": 200, "staff_a": 200, "staff_b": 200, "default": 403}
EVERYONE = {"outsider": 403, "default": 200}

GET_CASES = [
    ("surveys:campaign_list", lambda o: [], EVERYONE),
    ("surveys:campaign_create", lambda o: [], DESIGNERS),
    ("surveys:campaign_detail", lambda o: [o["ca"].pk], CAMPAIGN_A),
    ("surveys:campaign_results", lambda o: [o["ca"].pk], CAMPAIGN_A),
    ("surveys:campaign_results_export", lambda o: [o["ca"].pk], CAMPAIGN_A),
    ("surveys:campaign_responses_export", lambda o: [o["ca"].pk], CAMPAIGN_A),
    (
        "surveys:response_start",
        lambda o: [o["ca"].pk],
        {"facilitator": 200, "club_secretary": 200, "staff_b": 404, "default": 403},
    ),
    (
        "surveys:response_fill",
        lambda o: [o["draft"].pk],
        {"facilitator": 200, "club_secretary": 404, "default": 403},
    ),
    ("surveys:response_detail", lambda o: [o["submitted"].pk], dict(CAMPAIGN_A)),
    (
        "surveys:my_responses",
        lambda o: [],
        {"facilitator": 200, "club_secretary": 200, "default": 403},
    ),
    (
        "surveys:questionnaire_list",
        lambda o: [],
        {
            "ministry_admin": 200,
            "staff_a": 200,
            "staff_b": 200,
            "province_secretariat": 200,
            "county_secretariat": 200,
            "default": 403,
        },
    ),
    ("surveys:questionnaire_create", lambda o: [], DESIGNERS),
    ("surveys:questionnaire_import", lambda o: [], DESIGNERS),
    ("surveys:questionnaire_detail", lambda o: [o["qa"].pk], READERS_Q),
    ("surveys:questionnaire_preview", lambda o: [o["qa"].pk], READERS_Q),
    ("surveys:questionnaire_export", lambda o: [o["qa"].pk], READERS_Q),
    ("surveys:questionnaire_detail", lambda o: [o["qn"].pk], dict(READERS_Q, staff_b=200)),
    ("surveys:questionnaire_edit", lambda o: [o["qa"].pk], OWNER_A),
    (
        "surveys:questionnaire_edit",
        lambda o: [o["qn"].pk],
        {"ministry_admin": 200, "staff_a": 404, "staff_b": 404, "default": 403},
    ),
    ("surveys:section_create", lambda o: [o["qa"].pk], OWNER_A),
    ("surveys:section_edit", lambda o: [o["qa"].pk, o["section"].pk], OWNER_A),
    ("surveys:question_create", lambda o: [o["qa"].pk, o["section"].pk], OWNER_A),
    ("surveys:question_edit", lambda o: [o["qa"].pk, o["question"].pk], OWNER_A),
    ("surveys:findings_index", lambda o: [], EVERYONE),
    (
        "surveys:neighborhood_findings",
        lambda o: [o["neighborhood"].pk],
        {"staff_b": 404, "outsider": 403, "default": 200},
    ),
    ("surveys:indicator_list", lambda o: [], EVERYONE),
    ("surveys:indicator_create", lambda o: [], DESIGNERS),
    (
        "surveys:indicator_detail",
        lambda o: [o["ia"].pk],
        {"staff_b": 404, "outsider": 403, "default": 200},
    ),
    ("surveys:indicator_detail", lambda o: [o["in"].pk], EVERYONE),
    ("surveys:indicator_edit", lambda o: [o["ia"].pk], OWNER_A),
    (
        "surveys:indicator_edit",
        lambda o: [o["in"].pk],
        {"ministry_admin": 200, "staff_a": 404, "staff_b": 404, "default": 403},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "args", "expected"),
    GET_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(GET_CASES)],
)
def test_get_per_role(request, client, login, objects, url_name, args, expected):
    url = reverse(url_name, args=args(objects))
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("account_login") in anonymous["Location"]
    got = {}
    for role in ROLES:
        got[role] = login(request.getfixturevalue(role)).get(url).status_code
    assert got == status_row(**expected)


POST_CASES = [
    # (url name, args, data, expected, check that nothing changed for refused roles)
    (
        "surveys:campaign_status",
        lambda o: [o["ca"].pk],
        {"status": "closed"},
        {"staff_a": 302, "staff_b": 404, "ministry_admin": 404, "default": 403},
    ),
    (
        "surveys:campaign_use_current_version",
        lambda o: [o["ca"].pk],
        {},
        {"staff_a": 302, "staff_b": 404, "ministry_admin": 404, "default": 403},
    ),
    (
        "surveys:questionnaire_archive",
        lambda o: [o["qa"].pk],
        {"archived": "0"},
        {"staff_a": 302, "ministry_admin": 404, "staff_b": 404, "default": 403},
    ),
    (
        "surveys:question_move",
        lambda o: [o["qa"].pk, o["question"].pk],
        {"direction": "down"},
        {"staff_a": 302, "ministry_admin": 404, "staff_b": 404, "default": 403},
    ),
    (
        "surveys:section_move",
        lambda o: [o["qa"].pk, o["section"].pk],
        {"direction": "down"},
        {"staff_a": 302, "ministry_admin": 404, "staff_b": 404, "default": 403},
    ),
    (
        "surveys:questionnaire_copy",
        lambda o: [o["qn"].pk],
        {},
        {"ministry_admin": 302, "staff_a": 302, "staff_b": 302, "default": 403},
    ),
    (
        "surveys:indicator_target",
        lambda o: [o["ia"].pk],
        {"period": "bad"},
        {"staff_a": 302, "ministry_admin": 404, "staff_b": 404, "default": 403},
    ),
    (
        "surveys:finding_raise",
        lambda o: [o["neighborhood"].pk],
        {"topic": "1"},
        # Only the neighborhood forum's secretariat raises issues there.
        {"facilitator": 302, "club_secretary": 302, "default": 403},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "args", "data", "expected"), POST_CASES, ids=[c[0] for c in POST_CASES]
)
def test_post_per_role(request, client, login, objects, url_name, args, data, expected):
    url = reverse(url_name, args=args(objects))
    assert client.post(url, data).status_code == 302  # anonymous → login
    got = {role: login(request.getfixturevalue(role)).post(url, data).status_code for role in ROLES}
    assert got == status_row(**expected)


@pytest.mark.django_db
def test_refused_deletes_change_nothing(
    login, objects, staff_b, ministry_admin, facilitator, club_secretary
):
    question = objects["question"]
    url = reverse("surveys:question_delete", args=[objects["qa"].pk, question.pk])
    for user in (staff_b, ministry_admin):
        assert login(user).post(url).status_code == 404
    assert login(facilitator).post(url).status_code == 403
    question.refresh_from_db()
    draft_url = reverse("surveys:response_delete", args=[objects["draft"].pk])
    assert login(club_secretary).post(draft_url).status_code == 404  # not the author
    assert login(facilitator).post(draft_url).status_code == 302
    assert not type(objects["draft"]).objects.filter(pk=objects["draft"].pk).exists()


@pytest.mark.django_db
def test_facilitator_of_another_club_cannot_start_or_fill(login, world, objects, facilitator_b1):
    # B1's facilitator does not see university A's campaign at all.
    assert (
        login(facilitator_b1)
        .get(reverse("surveys:response_start", args=[objects["ca"].pk]))
        .status_code
        == 404
    )
    assert (
        login(facilitator_b1)
        .get(reverse("surveys:response_fill", args=[objects["draft"].pk]))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_closed_campaign_takes_no_new_response(login, world, objects, facilitator, staff_a):
    services.campaign_set_status(campaign=objects["ca"], status="closed", by=staff_a)
    target = objects["ca"].targets.get(club=world.club_a1)
    response = login(facilitator).post(
        reverse("surveys:response_start", args=[objects["ca"].pk]), {"target": target.pk}
    )
    assert "پاسخ نمی‌پذیرد" in response.content.decode()
