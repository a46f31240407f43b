"""The club services: the rules the database cannot express, and the ones it backs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clubs import services
from clubs.models import (
    ActionItem,
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    OfficerRole,
    OfficerTerm,
    Person,
)
from clubs.tasks import mark_dormant_clubs
from core.forms import MobileField, NationalCodeField
from core.validators import is_valid_national_code, normalize_mobile
from tests import factories as f
from tests.clubs.factories import (
    ActionItemFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    valid_national_code,
)

TODAY = timezone.localdate()


def add(club, code="0499370899", **overrides):
    values = {
        "club": club,
        "national_code": code,
        "first_name": "زهرا",
        "last_name": "احمدی",
        "gender": Gender.FEMALE,
        "joined_on": dt.date(2024, 4, 3),
        **overrides,
    }
    return services.member_add(**values)


class TestNationalCodeAndMobile:
    @pytest.mark.parametrize("code", ["0499370899", "0790419904", "1234567891", "۰۴۹۹۳۷۰۸۹۹"])
    def test_valid_checksums(self, code):
        assert NationalCodeField().clean(code) == code.translate(
            str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
        )

    @pytest.mark.parametrize(
        "code", ["0499370898", "1234567890", "1111111111", "123456789", "abcdefghij"]
    )
    def test_invalid_checksums_are_refused_in_persian(self, code):
        with pytest.raises(ValidationError) as error:
            NationalCodeField().clean(code)
        assert "کد ملی" in " ".join(error.value.messages)

    def test_generated_demo_codes_are_valid(self):
        import random

        from clubs.demo import national_code

        rng = random.Random(1)
        assert all(is_valid_national_code(national_code(rng)) for _ in range(500))
        assert all(is_valid_national_code(valid_national_code(n)) for n in range(500))

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("۰۹۱۲۱۲۳۴۵۶۷", "09121234567"),
            ("٠٩١٢١٢٣٤٥٦٧", "09121234567"),
            ("+98 912 123 4567", "09121234567"),
            ("+۹۸۹۱۲۱۲۳۴۵۶۷", "09121234567"),
            ("0098-912-123-4567", "09121234567"),
            ("9121234567", "09121234567"),
        ],
    )
    def test_mobile_normalized(self, typed, stored):
        assert normalize_mobile(typed) == stored
        assert MobileField().clean(typed) == stored

    @pytest.mark.parametrize("typed", ["02112345678", "0912123456", "+1 555 123 4567"])
    def test_bad_mobile_refused(self, typed):
        with pytest.raises(ValidationError):
            MobileField().clean(typed)

    @pytest.mark.django_db
    def test_service_refuses_a_bad_code(self, world):
        with pytest.raises(ValidationError):
            add(world.club_a1, code="0499370898")
        assert not Person.objects.exists()


@pytest.mark.django_db
class TestMembers:
    def test_add_creates_person_and_membership_with_normalized_input(self, world):
        membership = add(
            world.club_a1, code="۰۴۹۹۳۷۰۸۹۹", mobile="+98 912 123 4567", first_name="علي"
        )
        person = membership.person
        assert person.national_code == "0499370899"
        assert person.mobile == "09121234567"
        assert person.first_name == "علی"
        assert membership.is_current

    def test_same_person_joins_a_second_club_as_one_person(self, world):
        add(world.club_a1)
        add(world.club_a2, first_name="نام دیگر", mobile="09120000000")
        assert Person.objects.count() == 1
        person = Person.objects.get()
        assert person.first_name == "زهرا"  # another club's record is not overwritten
        assert person.mobile == "09120000000"  # but what was missing is filled in
        assert person.memberships.count() == 2

    def test_a_second_current_membership_is_refused(self, world):
        add(world.club_a1)
        with pytest.raises(ValidationError) as error:
            add(world.club_a1)
        assert "national_code" in error.value.message_dict
        assert Membership.objects.count() == 1

    def test_leave_keeps_history_and_ends_office(self, world):
        membership = add(world.club_a1)
        services.officer_elect(
            club=world.club_a1,
            membership=membership,
            role=OfficerRole.SECRETARY,
            elected_on=dt.date(2024, 5, 1),
        )
        group = GroupFactory(club=world.club_a1, lead=membership)
        group.members.add(membership)
        services.member_leave(membership=membership, left_on=dt.date(2024, 9, 1))
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2024, 9, 1)
        assert Membership.objects.filter(pk=membership.pk).exists()  # the row stays
        term = OfficerTerm.objects.get()
        assert term.ended_on == dt.date(2024, 9, 1)
        group.refresh_from_db()
        assert group.lead is None
        assert membership.history.count() == 2  # created, then left
        assert membership.history.first().left_on == dt.date(2024, 9, 1)
        # Rejoining adds a new row; the old one is the history.
        again = add(world.club_a1, joined_on=dt.date(2024, 10, 1))
        assert again.pk != membership.pk
        assert Membership.objects.filter(person=membership.person).count() == 2

    def test_leave_before_joining_is_refused(self, world):
        membership = add(world.club_a1)
        with pytest.raises(ValidationError):
            services.member_leave(membership=membership, left_on=dt.date(2024, 1, 1))
        membership.refresh_from_db()
        assert membership.left_on is None

    def test_update_refuses_another_persons_code(self, world):
        first = add(world.club_a1)
        second = add(world.club_a1, code="0790419904")
        with pytest.raises(ValidationError):
            services.member_update(
                membership=second,
                national_code=first.person.national_code,
                first_name="x",
                last_name="y",
                gender=Gender.MALE,
                joined_on=dt.date(2024, 4, 3),
            )


@pytest.mark.django_db
class TestOfficers:
    def test_one_current_secretary_through_the_service(self, world, members_a1):
        first, second = members_a1[0], members_a1[1]
        services.officer_elect(
            club=world.club_a1,
            membership=first,
            role=OfficerRole.SECRETARY,
            elected_on=dt.date(2024, 5, 1),
        )
        services.officer_elect(
            club=world.club_a1,
            membership=second,
            role=OfficerRole.SECRETARY,
            elected_on=dt.date(2024, 8, 1),
        )
        terms = OfficerTerm.objects.filter(club=world.club_a1, role=OfficerRole.SECRETARY)
        assert terms.current().get().membership == second
        old = terms.get(membership=first)
        assert old.ended_on == dt.date(2024, 8, 1)  # history kept

    def test_the_database_allows_one_current_secretary(self, world, members_a1):
        OfficerTerm.objects.create(
            club=world.club_a1,
            membership=members_a1[0],
            role=OfficerRole.SECRETARY,
            elected_on=dt.date(2024, 5, 1),
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            OfficerTerm.objects.create(
                club=world.club_a1,
                membership=members_a1[1],
                role=OfficerRole.SECRETARY,
                elected_on=dt.date(2024, 6, 1),
            )
        # A deputy at the same time, and a secretary of another club, are fine.
        OfficerTerm.objects.create(
            club=world.club_a1,
            membership=members_a1[1],
            role=OfficerRole.DEPUTY,
            elected_on=dt.date(2024, 6, 1),
        )

    def test_secretary_elected_as_deputy_leaves_the_other_office(self, world, members_a1):
        services.officer_elect(
            club=world.club_a1,
            membership=members_a1[0],
            role="secretary",
            elected_on=dt.date(2024, 5, 1),
        )
        services.officer_elect(
            club=world.club_a1,
            membership=members_a1[0],
            role="deputy",
            elected_on=dt.date(2024, 6, 1),
        )
        current = OfficerTerm.objects.filter(club=world.club_a1).current()
        assert [(t.role, t.membership_id) for t in current] == [("deputy", members_a1[0].pk)]

    def test_election_before_the_current_term_is_refused(self, world, members_a1):
        services.officer_elect(
            club=world.club_a1,
            membership=members_a1[0],
            role="secretary",
            elected_on=dt.date(2024, 6, 1),
        )
        with pytest.raises(ValidationError):
            services.officer_elect(
                club=world.club_a1,
                membership=members_a1[1],
                role="secretary",
                elected_on=dt.date(2024, 5, 1),
            )
        assert OfficerTerm.objects.current().get().membership == members_a1[0]

    def test_member_of_another_club_cannot_be_elected(self, world, members_a1):
        other = MembershipFactory(club=world.club_b1)
        with pytest.raises(ValidationError):
            services.officer_elect(
                club=world.club_a1,
                membership=other,
                role="secretary",
                elected_on=dt.date(2024, 6, 1),
            )


@pytest.mark.django_db
class TestGroups:
    def test_lead_must_be_a_member_of_the_group(self, world, members_a1):
        topic = GroupFactory.build().topic
        topic.save()
        with pytest.raises(ValidationError) as error:
            services.group_create(
                club=world.club_a1,
                topic=topic,
                formed_on=dt.date(2024, 5, 1),
                members=members_a1[:2],
                lead=members_a1[3],
            )
        assert "lead" in error.value.message_dict
        group = services.group_create(
            club=world.club_a1,
            topic=topic,
            formed_on=dt.date(2024, 5, 1),
            members=members_a1[:2],
            lead=members_a1[0],
        )
        assert set(group.members.all()) == set(members_a1[:2])
        with pytest.raises(ValidationError):  # one active group per topic
            services.group_create(club=world.club_a1, topic=topic, formed_on=dt.date(2024, 5, 1))
        services.group_dissolve(group=group, dissolved_on=dt.date(2024, 9, 1))
        services.group_create(club=world.club_a1, topic=topic, formed_on=dt.date(2024, 9, 2))


@pytest.mark.django_db
class TestMeetings:
    def test_log_counts_attendance_by_gender_and_sets_last_meeting(
        self, world, members_a1, facilitator
    ):
        first = services.meeting_log(
            club=world.club_a1,
            by=facilitator,
            kind=MeetingKind.CLUB,
            held_on=TODAY - dt.timedelta(days=10),
            attendees=[members_a1[0], members_a1[1], members_a1[3]],
            guests_female=4,
            guests_male=2,
            action_items=[
                services.ActionItemData(
                    title="پیگیری",
                    due_on=TODAY + dt.timedelta(days=5),
                    owner_membership=members_a1[0],
                )
            ],
        )
        assert (first.members_female, first.members_male) == (2, 1)
        assert first.attendance_total == 9
        assert first.recorded_by == facilitator
        assert first.action_items.get().owner_membership == members_a1[0]
        club = Club.objects.get(pk=world.club_a1.pk)
        assert club.last_meeting_on == TODAY - dt.timedelta(days=10)
        # An older meeting logged later does not move the date back.
        services.meeting_log(
            club=club, by=facilitator, kind=MeetingKind.CLUB, held_on=TODAY - dt.timedelta(days=30)
        )
        club.refresh_from_db()
        assert club.last_meeting_on == TODAY - dt.timedelta(days=10)
        # Moving the latest meeting earlier recomputes the date.
        services.meeting_update(
            meeting=first,
            kind=MeetingKind.CLUB,
            held_on=TODAY - dt.timedelta(days=40),
            attendees=[members_a1[4]],
        )
        first.refresh_from_db()
        assert (first.members_female, first.members_male) == (0, 1)
        club.refresh_from_db()
        assert club.last_meeting_on == TODAY - dt.timedelta(days=30)

    def test_attendees_must_belong_to_the_club(self, world, members_a1, facilitator):
        stranger = MembershipFactory(club=world.club_b1)
        with pytest.raises(ValidationError):
            services.meeting_log(
                club=world.club_a1,
                by=facilitator,
                kind="club",
                held_on=TODAY,
                attendees=[members_a1[0], stranger],
            )
        assert not Meeting.objects.exists()

    def test_future_meeting_and_group_meeting_without_group_are_refused(self, world, facilitator):
        with pytest.raises(ValidationError):
            services.meeting_log(
                club=world.club_a1,
                by=facilitator,
                kind="club",
                held_on=TODAY + dt.timedelta(days=1),
            )
        with pytest.raises(ValidationError):
            services.meeting_log(
                club=world.club_a1, by=facilitator, kind=MeetingKind.THEMATIC_GROUP, held_on=TODAY
            )

    def test_a_meeting_wakes_a_dormant_club(self, world, facilitator):
        Club.objects.filter(pk=world.club_a1.pk).update(status=ClubStatus.DORMANT)
        club = Club.objects.get(pk=world.club_a1.pk)
        services.meeting_log(club=club, by=facilitator, kind="club", held_on=TODAY)
        club.refresh_from_db()
        assert club.status == ClubStatus.ACTIVE


@pytest.mark.django_db
class TestActionItems:
    def test_overdue_items(self, world):
        late = ActionItemFactory(club=world.club_a1, due_on=TODAY - dt.timedelta(days=1))
        ActionItemFactory(club=world.club_a1, due_on=TODAY)  # due today: not overdue yet
        ActionItemFactory(
            club=world.club_a1, due_on=TODAY - dt.timedelta(days=3), status=ActionStatus.DONE
        )
        ActionItemFactory(
            club=world.club_a1, due_on=TODAY - dt.timedelta(days=3), status=ActionStatus.CANCELLED
        )
        in_progress = ActionItemFactory(
            club=world.club_a1, due_on=TODAY - dt.timedelta(days=9), status=ActionStatus.IN_PROGRESS
        )
        assert set(ActionItem.objects.overdue(TODAY)) == {late, in_progress}
        assert late.is_overdue(TODAY)

    def test_done_sets_done_on_and_reopening_clears_it(self, world):
        item = ActionItemFactory(club=world.club_a1)
        services.action_item_set_status(item=item, status=ActionStatus.DONE)
        item.refresh_from_db()
        assert item.done_on == TODAY
        services.action_item_set_status(item=item, status=ActionStatus.OPEN)
        item.refresh_from_db()
        assert item.done_on is None

    def test_owner_from_another_club_is_refused(self, world):
        other = MembershipFactory(club=world.club_b1)
        with pytest.raises(ValidationError):
            services.action_item_create(
                club=world.club_a1, title="x", due_on=TODAY, owner_membership=other
            )


@pytest.mark.django_db
class TestDormantTask:
    def test_marks_quiet_active_clubs_dormant_once(self, world):
        quiet = world.club_a1
        Club.objects.filter(pk=quiet.pk).update(last_meeting_on=TODAY - dt.timedelta(days=61))
        Club.objects.filter(pk=world.club_a2.pk).update(
            last_meeting_on=TODAY - dt.timedelta(days=59)
        )
        never = f.ClubFactory(opened_on=TODAY - dt.timedelta(days=90))
        forming = f.ClubFactory(status=ClubStatus.FORMING, opened_on=TODAY - dt.timedelta(days=90))
        assert mark_dormant_clubs.delay().get() == 2
        statuses = dict(Club.objects.values_list("pk", "status"))
        assert statuses[quiet.pk] == ClubStatus.DORMANT
        assert statuses[never.pk] == ClubStatus.DORMANT
        assert statuses[world.club_a2.pk] == ClubStatus.ACTIVE
        assert statuses[forming.pk] == ClubStatus.FORMING
        # Idempotent: a second run changes nothing and adds no history.
        history_rows = Club.history.count()
        assert mark_dormant_clubs.delay().get() == 0
        assert Club.history.count() == history_rows
        assert Club.history.filter(id=quiet.pk).latest().history_change_reason

    def test_beat_runs_it_daily(self, settings):
        entry = settings.CELERY_BEAT_SCHEDULE["clubs-mark-dormant"]
        assert entry["task"] == "clubs.mark_dormant_clubs"


def test_meeting_factory_is_usable(db, world):
    meeting = MeetingFactory(club=world.club_a1)
    assert meeting.attendance_total == 0
