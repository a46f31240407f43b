"""Campaigns: creation by region, progress counters, the facilitator's flow, the
home page counts, shipped templates and demo data."""

import pytest
from django.urls import reverse

from clubs.models import ClubStatus
from core.jalali import today
from core.periods import JalaliMonth
from surveys.models import Campaign, Questionnaire, Response, ResponseStatus
from surveys.shipped import shipped_questionnaires_load
from tests import factories as f
from tests.surveys import factories as sf


@pytest.mark.django_db
class TestCreate:
    def test_staff_create_for_a_county_and_a_month(
        self, login, world, staff_a, university_questionnaire
    ):
        extra = f.ClubFactory(neighborhood=world.neighborhood_a1, name="کانون دوم")
        f.ClubFactory(
            neighborhood=world.neighborhood_a1, name="کانون منحل", status=ClubStatus.CLOSED
        )
        month = JalaliMonth.of(today())
        response = login(staff_a).post(
            reverse("surveys:campaign_create"),
            {
                "title": "پویش ماه",
                "questionnaire": university_questionnaire.pk,
                "owner": world.university_a.pk,
                "period": month.key,
                "target_per_club": "۵",
                "counties": [world.county_a1.pk],
            },
        )
        assert response.status_code == 302
        campaign = Campaign.objects.get(title="پویش ماه")
        assert (campaign.starts_on, campaign.ends_on) == month.range
        assert campaign.target_per_club == 5
        assert set(campaign.targets.values_list("club", flat=True)) == {world.club_a1.pk, extra.pk}
        assert campaign.version == university_questionnaire.current_version

    def test_custom_jalali_range_and_errors(self, login, world, staff_a, university_questionnaire):
        client = login(staff_a)
        data = {
            "title": "پویش دلخواه",
            "questionnaire": university_questionnaire.pk,
            "owner": world.university_a.pk,
            "period": "custom",
            "starts_on": "۱۴۰۴/۰۲/۱۰",
            "ends_on": "۱۴۰۴/۰۱/۰۱",
            "target_per_club": "3",
            "clubs": [world.club_a2.pk],
        }
        response = client.post(reverse("surveys:campaign_create"), data)
        assert "پایان پویش نمی‌تواند پیش از آغاز" in response.content.decode()
        response = client.post(
            reverse("surveys:campaign_create"), {**data, "clubs": [], "ends_on": "۱۴۰۴/۰۳/۰۱"}
        )
        assert "کانون‌های پویش را انتخاب کنید" in response.content.decode()
        response = client.post(
            reverse("surveys:campaign_create"),
            {**data, "clubs": [world.club_b1.pk], "ends_on": "۱۴۰۴/۰۳/۰۱"},
        )
        assert response.status_code == 200  # club B1 is not university A's to choose
        assert not Campaign.objects.filter(title="پویش دلخواه").exists()
        response = client.post(
            reverse("surveys:campaign_create"), {**data, "ends_on": "۱۴۰۴/۰۳/۰۱"}
        )
        campaign = Campaign.objects.get(title="پویش دلخواه")
        assert campaign.starts_on.isoformat() == "2025-04-30"

    def test_ministry_chooses_by_university(self, login, world, ministry_admin, questionnaire):
        response = login(ministry_admin).post(
            reverse("surveys:campaign_create"),
            {
                "title": "پویش ملی",
                "questionnaire": questionnaire.pk,
                "owner": "national",
                "period": JalaliMonth(1405, 1).key,
                "target_per_club": "2",
                "universities": [world.university_b.pk],
            },
        )
        assert response.status_code == 302
        campaign = Campaign.objects.get(title="پویش ملی")
        assert campaign.owner_university is None
        assert list(campaign.targets.values_list("club", flat=True)) == [world.club_b1.pk]


@pytest.mark.django_db
class TestFillingAndProgress:
    def test_facilitator_flow_counts_in_progress(
        self, login, world, university_campaign, facilitator, staff_a
    ):
        client = login(facilitator)
        listing = client.get(reverse("surveys:campaign_list"))
        assert [t.club for t in listing.context["fillable"]] == [world.club_a1]
        target = university_campaign.targets.get(club=world.club_a1)
        response = client.post(
            reverse("surveys:response_start", args=[university_campaign.pk]),
            {"target": target.pk, "respondent_label": "بانوی ۴۰ ساله"},
        )
        draft = Response.objects.get(created_by=facilitator)
        assert response["Location"] == reverse("surveys:response_fill", args=[draft.pk])
        target.refresh_from_db()
        assert (target.submitted_count, target.draft_count) == (0, 1)
        data = {
            "action": "submit",
            "q_full_name": "زهرا",
            "q_age": "40",
            "q_color": "blue",
            "q_satisfaction": "5",
            "q_smoker": "no",
        }
        assert (
            client.post(reverse("surveys:response_fill", args=[draft.pk]), data).status_code == 302
        )
        target.refresh_from_db()
        assert (target.submitted_count, target.draft_count) == (1, 0)
        draft.refresh_from_db()
        assert draft.status == ResponseStatus.SUBMITTED and draft.submitted_on is not None
        # Submitted responses are read, no longer filled.
        assert client.get(reverse("surveys:response_fill", args=[draft.pk])).status_code == 302
        progress = login(staff_a).get(
            reverse("surveys:campaign_detail", args=[university_campaign.pk])
        )
        assert progress.context["progress"].submitted == 1
        assert progress.context["progress"].target_total == 6
        assert progress.context["progress"].clubs == 2

    def test_progress_follows_scope(
        self, login, world, campaign, facilitator, facilitator_b1, staff_b
    ):
        sf.answer(campaign, world.club_a1, facilitator, sf.valid_values())
        sf.answer(campaign, world.club_b1, facilitator_b1, sf.valid_values())
        sf.answer(campaign, world.club_b1, facilitator_b1, sf.valid_values())
        progress = (
            login(staff_b)
            .get(reverse("surveys:campaign_detail", args=[campaign.pk]))
            .context["progress"]
        )
        assert (progress.clubs, progress.submitted, progress.target_total) == (1, 2, 3)
        listing = login(staff_b).get(reverse("surveys:campaign_list"))
        row = next(c for c in listing.context["page"] if c.pk == campaign.pk)
        assert (row.scoped_clubs, row.scoped_submitted) == (1, 2)

    def test_close_ended_campaigns_task(self, world, campaign):
        import datetime as dt

        from surveys.tasks import close_ended_campaigns

        Campaign.objects.filter(pk=campaign.pk).update(
            ends_on=dt.date(2020, 1, 1), starts_on=dt.date(2019, 1, 1)
        )
        assert close_ended_campaigns.delay().get() == 1
        assert close_ended_campaigns.delay().get() == 0  # idempotent
        campaign.refresh_from_db()
        assert campaign.status == "closed"


@pytest.mark.django_db
class TestHome:
    def test_facilitator_sees_open_campaigns_and_drafts(self, login, world, campaign, facilitator):
        sf.answer(campaign, world.club_a1, facilitator, {}, submit=False)
        stats = {s.key: s.value for s in login(facilitator).get("/").context["stats"]}
        assert stats["open_campaigns"] == 1
        assert stats["my_drafts"] == 1

    def test_staff_see_running_campaigns(self, login, world, university_campaign, staff_a, staff_b):
        assert {s.key: s.value for s in login(staff_a).get("/").context["stats"]}[
            "open_campaigns"
        ] == 1
        assert "open_campaigns" not in {s.key for s in login(staff_b).get("/").context["stats"]}


@pytest.mark.django_db
class TestShipped:
    def test_loaded_after_migrate_and_idempotent(self, topics):
        shipped_questionnaires_load()
        assert shipped_questionnaires_load() == []
        shipped = Questionnaire.objects.exclude(shipped_code="")
        assert {q.shipped_code for q in shipped} == {
            "needs-assessment",
            "baseline-study",
            "member-satisfaction",
        }
        needs = shipped.get(shipped_code="needs-assessment")
        rated = needs.current_version.questions.filter(topic__isnull=False)
        assert rated.count() == 15
        assert all(q.type == "likert" and q.likert_scale == "severity" for q in rated)
        baseline = shipped.get(shipped_code="baseline-study").current_version.questions
        for name in (
            "history",
            "identity",
            "settlement",
            "vulnerable_groups",
            "is_informal",
            "is_deprived",
            "facilities",
            "insured_share",
        ):
            assert baseline.filter(name=name).exists()
        assert baseline.get(name="responsible_org").condition_question.name == "is_deprived"
        satisfaction = shipped.get(shipped_code="member-satisfaction").current_version.questions
        assert satisfaction.filter(type="likert", likert_scale="agreement").count() == 12


@pytest.mark.django_db
def test_demo_seed_is_idempotent(topics):
    from django.core.management import call_command

    from surveys.models import Answer, Indicator

    call_command("load_regions", verbosity=0)
    call_command("seed_demo", "--force", verbosity=0)
    counts = (
        Campaign.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Indicator.objects.count(),
    )
    call_command("seed_demo", "--force", verbosity=0)
    assert (
        Campaign.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Indicator.objects.count(),
    ) == counts
    assert counts[0] == 2 and counts[1] > 10 and counts[3] == 4
