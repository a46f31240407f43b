"""From findings to action: the ranked problems of a neighborhood, raised by the
neighborhood forum's secretariat as issues of that forum, linked to the evidence."""

from decimal import Decimal

import pytest
from django.urls import reverse

from surveys import services
from surveys.selectors import neighborhood_ranked_problems
from tests.surveys import factories as sf


@pytest.fixture
def assessed(world, topics, facilitator, staff_a):
    """Three residents of neighborhood A1 rate four topics (1–5):
    env 5, 4, 4 → 4.33 (3 high)     addiction 5, 5, 1 → 3.67 (2 high)
    nutrition 2, 3, 4 → 3.00 (1 high)   tobacco 3, 3, 3 → 3.00 (0 high)
    plus one response in A2 (another neighborhood) that must not count."""
    questionnaire = sf.make_questionnaire(sf.needs_spec(), owner=world.university_a, by=staff_a)
    campaign = sf.make_campaign(
        questionnaire, [world.club_a1, world.club_a2], owner=world.university_a, title="نیازسنجی"
    )
    for env, addiction, nutrition, tobacco in [(5, 5, 2, 3), (4, 5, 3, 3), (4, 1, 4, 3)]:
        sf.answer(
            campaign,
            world.club_a1,
            facilitator,
            {
                "env": str(env),
                "addiction": str(addiction),
                "nutrition": str(nutrition),
                "tobacco": str(tobacco),
            },
        )
    return campaign


@pytest.fixture
def a2_answer(world, assessed):
    from accounts.roles import Role
    from tests import factories as f

    user = f.UserFactory(username="facilitator_a2")
    f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_a2)
    sf.answer(
        assessed,
        world.club_a2,
        user,
        {"env": "1", "addiction": "1", "nutrition": "5", "tobacco": "5"},
    )


@pytest.mark.django_db
class TestRanking:
    def test_ranked_by_mean_then_high_ratings(self, world, assessed, a2_answer):
        findings = neighborhood_ranked_problems(neighborhood=world.neighborhood_a1)
        assert [(f.topic_name, f.rank, f.mean, f.respondents, f.high_count) for f in findings] == [
            ("بهداشت محیط", 1, Decimal("4.33"), 3, 3),
            ("پیشگیری از اعتیاد", 2, Decimal("3.67"), 3, 2),
            ("تغذیه", 3, Decimal("3.00"), 3, 1),
            ("کنترل دخانیات", 4, Decimal("3.00"), 3, 0),
        ]

    def test_other_neighborhood_has_its_own(self, world, a2_answer):
        findings = neighborhood_ranked_problems(neighborhood=world.neighborhood_a2)
        assert [f.topic_name for f in findings][:2] == ["تغذیه", "کنترل دخانیات"]

    def test_page_lists_findings_with_the_raise_action(self, login, world, assessed, facilitator):
        url = reverse("surveys:neighborhood_findings", args=[world.neighborhood_a1.pk])
        response = login(facilitator).get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert page.index("بهداشت محیط") < page.index("پیشگیری از اعتیاد")
        assert page.count('data-testid="raise-issue"') == 4
        draft = response.context["findings"][0][1]
        assert "۴٫۳۳" in draft.description and "۳ پاسخ" in draft.description
        assert draft.source_url.endswith(f"#topic-{response.context['findings'][0][0].topic_id}")

    @pytest.mark.parametrize("reader", ["province_secretariat", "staff_a", "county_secretariat"])
    def test_readers_see_no_action(self, request, login, world, assessed, reader):
        """Only the neighborhood forum's secretariat raises issues there."""
        page = (
            login(request.getfixturevalue(reader))
            .get(reverse("surveys:neighborhood_findings", args=[world.neighborhood_a1.pk]))
            .content.decode()
        )
        assert 'data-testid="raise-issue"' not in page

    def test_index_lists_assessed_neighborhoods_in_scope(
        self, login, world, assessed, staff_a, staff_b
    ):
        response = login(staff_a).get(reverse("surveys:findings_index"))
        assert [n.pk for n in response.context["page"]] == [world.neighborhood_a1.pk]
        assert list(login(staff_b).get(reverse("surveys:findings_index")).context["page"]) == []

    def test_campaign_filter(self, login, world, assessed, staff_a):
        url = reverse("surveys:neighborhood_findings", args=[world.neighborhood_a1.pk])
        response = login(staff_a).get(url, {"campaign": assessed.pk})
        assert len(response.context["findings"]) == 4
        assert login(staff_a).get(url, {"campaign": 999999}).status_code == 404


@pytest.mark.django_db
class TestFindingToIssue:
    def test_raises_an_issue_at_the_neighborhood_forum_linked_to_the_evidence(
        self, world, assessed, facilitator
    ):
        from forums.models import ForumLevel, IssueEvent, IssueSource

        finding = neighborhood_ranked_problems(neighborhood=world.neighborhood_a1)[0]
        issue = services.finding_to_issue(
            neighborhood=world.neighborhood_a1, topic_id=finding.topic_id, by=facilitator
        )
        assert issue.origin_forum.level == ForumLevel.NEIGHBORHOOD
        assert issue.origin_forum.neighborhood == world.neighborhood_a1
        assert issue.category_id == finding.topic_id
        assert issue.source_kind == IssueSource.SURVEY
        assert issue.source_url.endswith(f"#topic-{finding.topic_id}")
        assert "۴٫۳۳" in issue.description
        assert issue.severity == 4
        assert IssueEvent.objects.filter(issue=issue).exists()

    def test_an_open_finding_is_not_raised_twice(self, world, assessed, facilitator):
        from django.core.exceptions import ValidationError

        finding = neighborhood_ranked_problems(neighborhood=world.neighborhood_a1)[0]
        services.finding_to_issue(
            neighborhood=world.neighborhood_a1, topic_id=finding.topic_id, by=facilitator
        )
        with pytest.raises(ValidationError, match="هنوز باز است"):
            services.finding_to_issue(
                neighborhood=world.neighborhood_a1, topic_id=finding.topic_id, by=facilitator
            )

    def test_only_the_forums_secretariat_may_raise(self, world, assessed, staff_a):
        from django.core.exceptions import PermissionDenied

        from forums.models import Issue

        finding = neighborhood_ranked_problems(neighborhood=world.neighborhood_a1)[0]
        with pytest.raises(PermissionDenied):
            services.finding_to_issue(
                neighborhood=world.neighborhood_a1, topic_id=finding.topic_id, by=staff_a
            )
        assert not Issue.objects.exists()

    def test_unknown_topic_is_refused(self, world, assessed, facilitator):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.finding_to_issue(
                neighborhood=world.neighborhood_a1, topic_id=987654, by=facilitator
            )

    def test_the_action_raises_and_says_so_in_persian(self, login, world, assessed, facilitator):
        from forums.models import Issue

        finding = neighborhood_ranked_problems(neighborhood=world.neighborhood_a1)[0]
        response = login(facilitator).post(
            reverse("surveys:finding_raise", args=[world.neighborhood_a1.pk]),
            {"topic": finding.topic_id},
            follow=True,
        )
        assert "طرح شد" in response.content.decode()
        assert Issue.objects.filter(origin_forum__neighborhood=world.neighborhood_a1).count() == 1

    def test_outside_scope_is_404_and_readers_403(
        self, login, world, assessed, staff_a, province_secretariat
    ):
        from accounts.roles import Role
        from tests import factories as f

        other = f.UserFactory(username="facilitator_b")
        f.RoleAssignmentFactory(user=other, role=Role.FACILITATOR, club=world.club_b1)
        url = reverse("surveys:finding_raise", args=[world.neighborhood_a1.pk])
        assert login(other).post(url, {"topic": 1}).status_code == 404
        assert login(province_secretariat).post(url, {"topic": 1}).status_code == 403
        assert login(staff_a).post(url, {"topic": 1}).status_code == 403
