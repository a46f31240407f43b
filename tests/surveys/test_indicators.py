"""Indicators over fixtures give the values computed by hand for Jalali months and
seasons, including the boundary day 1 Farvardin; per region; within scope."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clubs.models import Club, ClubStatus, Meeting, MeetingKind, OfficerRole, OfficerTerm
from core import jalali
from core.jalali import to_gregorian
from core.periods import JalaliMonth, JalaliSeason
from surveys.indicators import REGISTRY, indicator_fractions, indicator_table
from surveys.models import Indicator, IndicatorSource, IndicatorUnit, SurveyMeasure
from tests import factories as f
from tests.surveys import factories as sf


def j(year, month, day):
    return to_gregorian(year, month, day)


FARVARDIN = JalaliMonth(1403, 1)
ORDIBEHESHT = JalaliMonth(1403, 2)
KHORDAD = JalaliMonth(1403, 3)
ESFAND_1402 = JalaliMonth(1402, 12)
SPRING = JalaliSeason(1403, 1)


def portal(computation, unit=IndicatorUnit.PERCENT):
    return Indicator(
        name=computation, source=IndicatorSource.PORTAL, computation=computation, unit=unit
    )


def values(indicator, clubs, periods, level=None):
    fractions = indicator_fractions(indicator, clubs, periods, level)
    result = {}
    for (key, period), (numerator, denominator) in fractions.items():
        value = indicator.scaled(numerator, denominator)
        result[(key, period)] = None if value is None else round(value, 2)
    return result


@pytest.fixture
def meetings(world):
    """1 Farvardin 1403 is 2024-03-20; the day before is the last of Esfand 1402.

    club A1: meeting on 1 Farvardin 1403        club A2: meeting on 29 Esfand 1402
    club B1: meeting on 10 Ordibehesht 1403     new club (founded 15 Ordibehesht): 5 Khordad
    closed club: a meeting in Farvardin (never counted)
    """
    assert j(1403, 1, 1).isoformat() == "2024-03-20"
    new = f.ClubFactory(
        neighborhood=world.neighborhood_a1, name="کانون تازه", founded_on=j(1403, 2, 15)
    )
    closed = f.ClubFactory(
        neighborhood=world.neighborhood_a1, name="کانون منحل", status=ClubStatus.CLOSED
    )
    for club, day, kind in [
        (world.club_a1, j(1403, 1, 1), MeetingKind.CLUB),
        (world.club_a2, j(1402, 12, 29), MeetingKind.CLUB),
        (world.club_b1, j(1403, 2, 10), MeetingKind.FORUM),
        (new, j(1403, 3, 5), MeetingKind.CLUB),
        (closed, j(1403, 1, 5), MeetingKind.CLUB),
    ]:
        Meeting.objects.create(club=club, kind=kind, held_on=day)
    return new


@pytest.mark.django_db
class TestClubsWithMeeting:
    def test_months_and_season_by_hand(self, world, meetings):
        result = values(
            portal("clubs_with_meeting"),
            Club.objects.all(),
            [ESFAND_1402, FARVARDIN, ORDIBEHESHT, KHORDAD, SPRING],
        )
        assert result[(None, "1402-12")] == Decimal("33.33")  # A2 of A1, A2, B1
        assert result[(None, "1403-01")] == Decimal(
            "33.33"
        )  # A1 (1 Farvardin) of 3; the new club not yet founded
        assert result[(None, "1403-02")] == Decimal("25.00")  # B1 of 4
        assert result[(None, "1403-03")] == Decimal("25.00")  # the new club of 4
        assert result[(None, "1403-S1")] == Decimal("75.00")  # A1, B1, new of 4

    def test_per_university(self, world, meetings):
        result = values(
            portal("clubs_with_meeting"), Club.objects.all(), [FARVARDIN, SPRING], "university"
        )
        a, b = world.university_a.pk, world.university_b.pk
        assert result[(a, "1403-01")] == Decimal("50.00")  # A1 of A1, A2
        assert result[(b, "1403-01")] == Decimal("0.00")
        assert result[(a, "1403-S1")] == Decimal("66.67")  # A1, new of A1, A2, new
        assert result[(b, "1403-S1")] == Decimal("100.00")

    def test_forum_sessions(self, world, meetings):
        result = values(
            portal("clubs_with_forum_session"), Club.objects.all(), [ORDIBEHESHT, SPRING]
        )
        assert result[(None, "1403-02")] == Decimal("25.00")
        assert result[(None, "1403-S1")] == Decimal("25.00")


@pytest.fixture
def training(world):
    """Club A1: m1, m2 joined 1 Dey 1402; m3 joined 1 Ordibehesht 1403; m4 left 15 Esfand 1402.
    Training on 1 Farvardin (m1 attends), a club meeting in Farvardin (m2 attends, not
    training), training on 5 Ordibehesht (m1 and m3 attend)."""
    club = world.club_a1
    m1 = sf.member(club, j(1402, 10, 1))
    m2 = sf.member(club, j(1402, 10, 1))
    m3 = sf.member(club, j(1403, 2, 1))
    m4 = sf.member(club, j(1402, 10, 1), left_on=j(1402, 12, 15))
    first = Meeting.objects.create(club=club, kind=MeetingKind.TRAINING, held_on=j(1403, 1, 1))
    first.attendees.set([m1])
    other = Meeting.objects.create(club=club, kind=MeetingKind.CLUB, held_on=j(1403, 1, 20))
    other.attendees.set([m2])
    second = Meeting.objects.create(club=club, kind=MeetingKind.TRAINING, held_on=j(1403, 2, 5))
    second.attendees.set([m1, m3])
    return m1, m2, m3, m4


@pytest.mark.django_db
class TestMembers:
    def test_members_trained(self, world, training):
        clubs = Club.objects.filter(pk=world.club_a1.pk)
        result = values(
            portal("members_trained"), clubs, [ESFAND_1402, FARVARDIN, ORDIBEHESHT, SPRING]
        )
        assert result[(None, "1402-12")] == Decimal("0.00")  # m1, m2, m4 members; no training
        assert result[(None, "1403-01")] == Decimal("50.00")  # m1 of m1, m2
        assert result[(None, "1403-02")] == Decimal("66.67")  # m1, m3 of m1, m2, m3
        assert result[(None, "1403-S1")] == Decimal("66.67")

    def test_members_per_club(self, world, training):
        result = values(
            portal("members_per_club", IndicatorUnit.RATIO),
            Club.objects.all(),
            [FARVARDIN, ORDIBEHESHT],
        )
        assert result[(None, "1403-01")] == Decimal("0.67")  # m1, m2 over 3 clubs
        assert result[(None, "1403-02")] == Decimal("1.00")  # m1, m2, m3 over 3 clubs

    def test_clubs_with_secretary(self, world, training):
        m1 = training[0]
        a2_member = sf.member(world.club_a2, j(1402, 1, 1))
        OfficerTerm.objects.create(
            club=world.club_a1,
            membership=m1,
            role=OfficerRole.SECRETARY,
            elected_on=j(1402, 11, 1),
            ended_on=j(1403, 1, 15),
        )
        OfficerTerm.objects.create(
            club=world.club_a2,
            membership=a2_member,
            role=OfficerRole.SECRETARY,
            elected_on=j(1403, 1, 10),
        )
        result = values(
            portal("clubs_with_secretary"), Club.objects.all(), [ESFAND_1402, FARVARDIN]
        )
        assert result[(None, "1402-12")] == Decimal(
            "33.33"
        )  # A1's secretary in office on 29 Esfand
        assert result[(None, "1403-01")] == Decimal("33.33")  # A2's; A1's term ended mid-month


@pytest.mark.django_db
class TestSurveyIndicators:
    @pytest.fixture
    def answered(self, world, campaign, facilitator, facilitator_b1):
        # submitted on: 1 Farvardin (yes, 5), 31 Farvardin (no, 3), 1 Ordibehesht (yes, 4) in A1; B1: 2 Khordad (yes, 1)
        sf.answer(
            campaign,
            world.club_a1,
            facilitator,
            sf.valid_values(smoker="yes", cigarettes=3, satisfaction="5"),
            on=j(1403, 1, 1),
        )
        sf.answer(
            campaign,
            world.club_a1,
            facilitator,
            sf.valid_values(smoker="no", satisfaction="3"),
            on=j(1403, 1, 31),
        )
        sf.answer(
            campaign,
            world.club_a1,
            facilitator,
            sf.valid_values(smoker="yes", cigarettes=1, satisfaction="4"),
            on=j(1403, 2, 1),
        )
        sf.answer(
            campaign,
            world.club_b1,
            facilitator_b1,
            sf.valid_values(smoker="yes", cigarettes=9, satisfaction="1"),
            on=j(1403, 3, 2),
        )
        sf.answer(
            campaign, world.club_a1, facilitator, sf.valid_values(smoker="yes"), submit=False
        )  # draft
        return campaign

    def test_share_of_an_answer(self, questionnaire, answered):
        indicator = Indicator(
            name="سهم سیگاری‌ها",
            source=IndicatorSource.SURVEY,
            questionnaire=questionnaire,
            question_name="smoker",
            survey_measure=SurveyMeasure.SHARE,
            answer_value="yes",
        )
        result = values(
            indicator, Club.objects.all(), [ESFAND_1402, FARVARDIN, ORDIBEHESHT, KHORDAD, SPRING]
        )
        assert result.get((None, "1402-12")) is None
        assert result[(None, "1403-01")] == Decimal("50.00")
        assert result[(None, "1403-02")] == Decimal("100.00")
        assert result[(None, "1403-S1")] == Decimal("75.00")

    def test_mean_of_likert(self, questionnaire, answered, world):
        indicator = Indicator(
            name="میانگین رضایت",
            unit=IndicatorUnit.SCORE,
            source=IndicatorSource.SURVEY,
            questionnaire=questionnaire,
            campaign=answered,
            question_name="satisfaction",
            survey_measure=SurveyMeasure.MEAN,
        )
        result = values(indicator, Club.objects.all(), [FARVARDIN, SPRING], "university")
        assert result[(world.university_a.pk, "1403-01")] == Decimal("4.00")  # (5+3)/2
        assert result[(world.university_a.pk, "1403-S1")] == Decimal("4.00")  # (5+3+4)/3
        assert result[(world.university_b.pk, "1403-S1")] == Decimal("1.00")


@pytest.mark.django_db
class TestPage:
    def test_table_rows_targets_and_scope(
        self, login, world, meetings, national_indicator, staff_a
    ):
        national_indicator.targets.create(period_key="1403-S1", value=Decimal(70))
        response = login(staff_a).get(
            reverse("surveys:indicator_detail", args=[national_indicator.pk]),
            {"granularity": "season", "year": "1403", "level": "county"},
        )
        table = response.context["table"]
        assert [p.key for p in table.periods] == ["1403-S1", "1403-S2", "1403-S3", "1403-S4"]
        spring_total = table.total.cells[0]
        # University A's clubs: A1, A2, the new one; A1 and the new one met in spring.
        assert (spring_total.numerator, spring_total.denominator) == (2, 3)
        assert round(spring_total.value, 2) == Decimal("66.67")
        assert spring_total.target == 70 and spring_total.met is False
        assert {row.label for row in table.rows} == {"تهران", "اسلامشهر"}
        page = response.content.decode()
        assert "مشهد" not in page

    def test_a_computation_no_longer_registered_is_shown_as_unavailable(
        self, login, world, ministry_admin
    ):
        indicator = Indicator.objects.create(
            name="شاخص قدیمی", source=IndicatorSource.PORTAL, computation="removed_computation"
        )
        response = login(ministry_admin).get(
            reverse("surveys:indicator_detail", args=[indicator.pk])
        )
        assert 'data-testid="unavailable"' in response.content.decode()
        assert not response.context["table"].available

    def test_the_forums_computation_is_registered_and_can_be_chosen(
        self, login, world, ministry_admin
    ):
        assert "issues_resolved_locally" in REGISTRY
        response = login(ministry_admin).post(
            reverse("surveys:indicator_create"),
            {
                "name": "حل مسائل در محله",
                "unit": "percent",
                "source": "portal",
                "computation": "issues_resolved_locally",
                "owner": "national",
                "is_active": "on",
                "higher_is_better": "on",
            },
        )
        assert response.status_code == 302
        indicator = Indicator.objects.get(name="حل مسائل در محله")
        assert (
            login(ministry_admin)
            .get(reverse("surveys:indicator_detail", args=[indicator.pk]))
            .context["table"]
            .available
        )

    def test_staff_define_a_survey_indicator_and_set_a_target(
        self, login, world, staff_a, university_questionnaire
    ):
        client = login(staff_a)
        response = client.post(
            reverse("surveys:indicator_create"),
            {
                "name": "میانگین رضایت",
                "unit": "score",
                "source": "survey",
                "questionnaire": university_questionnaire.pk,
                "question_name": "satisfaction",
                "survey_measure": "mean",
                "owner": world.university_a.pk,
                "is_active": "on",
                "higher_is_better": "on",
            },
        )
        indicator = Indicator.objects.get(name="میانگین رضایت")
        assert response.status_code == 302
        assert indicator.owner_university == world.university_a
        key = JalaliSeason.of(jalali.today()).key
        client.post(
            reverse("surveys:indicator_target", args=[indicator.pk]),
            {"period": key, "value": "۴٫۲"},
        )
        assert indicator.targets.get(period_key=key).value == Decimal("4.2")
        client.post(
            reverse("surveys:indicator_target", args=[indicator.pk]), {"period": key, "value": ""}
        )
        assert not indicator.targets.exists()

    def test_survey_indicator_refuses_a_missing_question(
        self, login, world, staff_a, university_questionnaire
    ):
        response = login(staff_a).post(
            reverse("surveys:indicator_create"),
            {
                "name": "x",
                "unit": "percent",
                "source": "survey",
                "questionnaire": university_questionnaire.pk,
                "question_name": "nope",
                "survey_measure": "share",
                "owner": world.university_a.pk,
            },
        )
        assert "پرسشی با این نام فنی" in response.content.decode()


@pytest.mark.django_db
def test_indicator_table_helper_uses_club_names(world, meetings):
    indicator = portal("clubs_with_meeting")
    indicator.save()
    table = indicator_table(
        indicator, Club.objects.filter(neighborhood=world.neighborhood_a1), [FARVARDIN], "club"
    )
    labels = {row.label: row.cells[0].value for row in table.rows}
    assert labels["کانون دروازه غار"] == 100
