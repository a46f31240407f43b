"""Query budgets: campaign progress, results, indicators and the lists stay constant
in the number of clubs, responses and rows."""

import pytest
from django.urls import reverse

from clubs.models import Meeting, MeetingKind
from core.jalali import today
from surveys.models import CampaignTarget
from tests import factories as f
from tests.surveys import factories as sf


def grow(world, campaign, facilitator, count):
    clubs = [
        f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=world.county_a1))
        for _ in range(count)
    ]
    CampaignTarget.objects.bulk_create(
        CampaignTarget(campaign=campaign, club=c, submitted_count=1) for c in clubs
    )
    for _ in range(count):
        sf.answer(
            campaign,
            world.club_a1,
            facilitator,
            sf.valid_values(smoker="yes", cigarettes=3, foods=["rice", "fish"], fish_kind="کپور"),
        )
    for club in clubs:
        Meeting.objects.create(club=club, kind=MeetingKind.TRAINING, held_on=today())
    return clubs


@pytest.mark.django_db
class TestBudgets:
    @pytest.mark.parametrize(
        ("url_name", "budget"),
        [
            ("surveys:campaign_detail", 14),
            ("surveys:campaign_results", 19),
        ],
    )
    def test_campaign_pages(
        self,
        login,
        world,
        campaign,
        facilitator,
        staff_a,
        django_assert_max_num_queries,
        url_name,
        budget,
    ):
        client = login(staff_a)
        url = reverse(url_name, args=[campaign.pk])
        client.get(url)
        grow(world, campaign, facilitator, 3)
        with django_assert_max_num_queries(budget) as small:
            client.get(url)
        grow(world, campaign, facilitator, 25)
        with django_assert_max_num_queries(budget) as large:
            assert client.get(url).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)

    def test_indicator_page(
        self,
        login,
        world,
        campaign,
        facilitator,
        ministry_admin,
        national_indicator,
        django_assert_max_num_queries,
    ):
        client = login(ministry_admin)
        url = reverse("surveys:indicator_detail", args=[national_indicator.pk])
        params = {"level": "county"}
        client.get(url, params)
        grow(world, campaign, facilitator, 3)
        with django_assert_max_num_queries(18) as small:
            client.get(url, params)
        grow(world, campaign, facilitator, 25)
        with django_assert_max_num_queries(18) as large:
            assert client.get(url, {"level": "club"}).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)

    @pytest.mark.parametrize(
        ("url_name", "user_fixture", "budget"),
        [
            ("surveys:campaign_list", "facilitator", 12),
            ("surveys:campaign_list", "ministry_admin", 12),
            ("surveys:questionnaire_list", "ministry_admin", 12),
            ("surveys:indicator_list", "ministry_admin", 12),
            ("surveys:findings_index", "staff_a", 12),
            ("surveys:my_responses", "facilitator", 12),
        ],
    )
    def test_lists(
        self,
        request,
        login,
        world,
        campaign,
        facilitator,
        url_name,
        user_fixture,
        budget,
        django_assert_max_num_queries,
    ):
        client = login(request.getfixturevalue(user_fixture))
        url = reverse(url_name)
        client.get(url)
        grow(world, campaign, facilitator, 3)
        with django_assert_max_num_queries(budget) as small:
            client.get(url)
        for _ in range(12):
            sf.make_campaign(campaign.questionnaire, [world.club_a1])
            sf.make_questionnaire(sf.all_types_spec("پرسشنامه دیگر"))
        grow(world, campaign, facilitator, 10)
        with django_assert_max_num_queries(budget) as large:
            assert client.get(url).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)

    def test_fill_page(self, login, world, campaign, facilitator, django_assert_max_num_queries):
        draft = sf.answer(campaign, world.club_a1, facilitator, sf.valid_values(), submit=False)
        client = login(facilitator)
        client.get("/")
        with django_assert_max_num_queries(10):
            assert client.get(reverse("surveys:response_fill", args=[draft.pk])).status_code == 200
