"""Every club page for who may and who may not, URL tampering, and query budgets."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clubs.models import (
    ActionItem,
    ActionStatus,
    Club,
    Meeting,
    Membership,
    OfficerTerm,
    ThematicGroup,
)
from core import jalali
from tests import factories as f
from tests.clubs.factories import (
    ActionItemFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    TopicFactory,
)

TODAY = timezone.localdate()
READERS = [
    "ministry_admin",
    "staff_a",
    "province_secretariat",
    "county_secretariat",
    "facilitator",
    "club_secretary",
]
EDITORS = ["staff_a", "facilitator", "club_secretary"]
READ_ONLY = ["ministry_admin", "province_secretariat", "county_secretariat"]
STRANGERS = ["staff_b", "facilitator_b", "outsider"]


def jd(day: dt.date) -> str:
    return jalali.format_date(day)


@pytest.fixture
def club_objects(world, members_a1):
    """One of each child of club A1, for URLs."""
    meeting = MeetingFactory(club=world.club_a1, held_on=TODAY - dt.timedelta(days=3))
    meeting.attendees.set(members_a1[:2])
    group = GroupFactory(club=world.club_a1, lead=members_a1[0])
    group.members.set(members_a1[:3])
    item = ActionItemFactory(
        club=world.club_a1, meeting=meeting, due_on=TODAY - dt.timedelta(days=2)
    )
    term = OfficerTerm.objects.create(
        club=world.club_a1,
        membership=members_a1[0],
        role="secretary",
        elected_on=dt.date(2024, 5, 1),
    )
    return {
        "meeting": meeting,
        "group": group,
        "item": item,
        "term": term,
        "membership": members_a1[0],
    }


def view_urls(club, o):
    return [
        reverse("clubs:club_detail", args=[club.pk]),
        reverse("clubs:club_history", args=[club.pk]),
        reverse("clubs:member_list", args=[club.pk]),
        reverse("clubs:club_meeting_list", args=[club.pk]),
        reverse("clubs:meeting_detail", args=[club.pk, o["meeting"].pk]),
        reverse("clubs:club_action_list", args=[club.pk]),
    ]


def change_urls(club, o):
    return [
        reverse("clubs:member_add", args=[club.pk]),
        reverse("clubs:member_edit", args=[club.pk, o["membership"].pk]),
        reverse("clubs:member_leave", args=[club.pk, o["membership"].pk]),
        reverse("clubs:officer_elect", args=[club.pk]),
        reverse("clubs:group_create", args=[club.pk]),
        reverse("clubs:group_edit", args=[club.pk, o["group"].pk]),
        reverse("clubs:meeting_log", args=[club.pk]),
        reverse("clubs:meeting_edit", args=[club.pk, o["meeting"].pk]),
        reverse("clubs:action_create", args=[club.pk]),
    ]


@pytest.mark.django_db
class TestWhoMayRead:
    def test_anonymous_goes_to_login(self, client, world, club_objects):
        for url in [reverse("clubs:club_list"), *view_urls(world.club_a1, club_objects)]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize("user_fixture", READERS)
    def test_readers_see_every_page(self, request, login, world, club_objects, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for url in view_urls(world.club_a1, club_objects):
            assert client.get(url).status_code == 200, url

    @pytest.mark.parametrize("user_fixture", STRANGERS)
    def test_others_get_404(self, request, login, world, club_objects, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for url in view_urls(world.club_a1, club_objects):
            assert client.get(url).status_code == 404, url

    def test_child_of_another_club_is_404_even_through_my_club(
        self, login, world, club_objects, facilitator
    ):
        other_meeting = MeetingFactory(club=world.club_b1)
        url = reverse("clubs:meeting_detail", args=[world.club_a1.pk, other_meeting.pk])
        assert login(facilitator).get(url).status_code == 404

    @pytest.mark.parametrize(
        ("user_fixture", "expected"),
        [
            ("ministry_admin", {"club_a1", "club_a2", "club_b1"}),
            ("staff_a", {"club_a1", "club_a2"}),
            ("staff_b", {"club_b1"}),
            ("province_secretariat", {"club_a1", "club_a2"}),
            ("county_secretariat", {"club_a1"}),
            ("facilitator", {"club_a1"}),
            ("club_secretary", {"club_a1"}),
            ("outsider", set()),
        ],
    )
    def test_club_list_scope(self, request, login, world, user_fixture, expected):
        response = login(request.getfixturevalue(user_fixture)).get(reverse("clubs:club_list"))
        assert response.status_code == 200
        assert {c.pk for c in response.context["page"]} == {getattr(world, n).pk for n in expected}

    def test_club_list_filters(self, login, world, staff_a):
        client = login(staff_a)
        by_county = client.get(reverse("clubs:club_list"), {"county": world.county_a2.pk})
        assert [c.pk for c in by_county.context["page"]] == [world.club_a2.pk]
        Club.objects.filter(pk=world.club_a1.pk).update(status="dormant")
        by_status = client.get(reverse("clubs:club_list"), {"status": "dormant"})
        assert [c.pk for c in by_status.context["page"]] == [world.club_a1.pk]
        search = client.get(reverse("clubs:club_list"), {"q": "قائميه"})  # Arabic yeh
        assert [c.pk for c in search.context["page"]] == [world.club_a2.pk]

    def test_personal_data_only_for_editors(
        self, login, world, members_a1, ministry_admin, facilitator
    ):
        code = members_a1[0].person.national_code
        url = reverse("clubs:member_list", args=[world.club_a1.pk])
        from core.text import persian_digits

        assert persian_digits(code) not in login(ministry_admin).get(url).content.decode()
        assert persian_digits(code) in login(facilitator).get(url).content.decode()


@pytest.mark.django_db
class TestWhoMayChange:
    @pytest.mark.parametrize("user_fixture", EDITORS)
    def test_editors_open_every_form(self, request, login, world, club_objects, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for url in change_urls(world.club_a1, club_objects):
            assert client.get(url).status_code == 200, url

    @pytest.mark.parametrize("user_fixture", READ_ONLY + STRANGERS)
    def test_readers_and_strangers_get_404(self, request, login, world, club_objects, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for url in change_urls(world.club_a1, club_objects):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {}).status_code == 404, url
        o = club_objects
        for url in [
            reverse("clubs:action_status", args=[world.club_a1.pk, o["item"].pk]),
            reverse("clubs:group_dissolve", args=[world.club_a1.pk, o["group"].pk]),
            reverse("clubs:officer_end", args=[world.club_a1.pk, o["term"].pk]),
        ]:
            assert (
                client.post(
                    url, {"status": "done", "dissolved_on": jd(TODAY), "ended_on": jd(TODAY)}
                ).status_code
                == 404
            )
        o["item"].refresh_from_db()
        assert o["item"].status == ActionStatus.OPEN

    def test_staff_of_university_b_changing_the_id_to_a_club_of_a(self, login, world, staff_b):
        client = login(staff_b)
        assert client.get(reverse("clubs:club_detail", args=[world.club_b1.pk])).status_code == 200
        for name in [
            "club_detail",
            "club_edit",
            "member_add",
            "meeting_log",
            "club_member_import",
            "club_history",
        ]:
            assert (
                client.get(reverse(f"clubs:{name}", args=[world.club_a1.pk])).status_code == 404
            ), name
        response = client.post(
            reverse("clubs:member_add", args=[world.club_a1.pk]),
            {
                "national_code": "0499370899",
                "first_name": "x",
                "last_name": "y",
                "gender": "male",
                "joined_on": jd(TODAY),
            },
        )
        assert response.status_code == 404
        assert not Membership.objects.exists()

    def test_facilitator_reaching_another_club(self, login, world, facilitator):
        client = login(facilitator)
        for pk in (world.club_a2.pk, world.club_b1.pk):
            assert client.get(reverse("clubs:club_detail", args=[pk])).status_code == 404
            assert (
                client.post(
                    reverse("clubs:meeting_log", args=[pk]), {"kind": "club", "held_on": jd(TODAY)}
                ).status_code
                == 404
            )
        assert not Meeting.objects.exists()


@pytest.mark.django_db
class TestClubCreateEdit:
    def data(self, world, **overrides):
        return {
            "name": "کانون نمونه",
            "neighborhood": world.neighborhood_a1.pk,
            "status": "forming",
            "location": "سرای محله",
            "founded_on": "۱۴۰۳/۰۱/۱۵",
            "opened_on": "1403/02/01",
            "new_partners": "خیریه نمونه، سمن نمونه",
            **overrides,
        }

    def test_staff_create_a_club_with_new_partners(self, login, world, staff_a):
        response = login(staff_a).post(reverse("clubs:club_create"), self.data(world))
        club = Club.objects.get(name="کانون نمونه")
        assert response.status_code == 302
        assert club.founded_on == dt.date(2024, 4, 3)
        assert sorted(p.name for p in club.partners.all()) == ["خیریه نمونه", "سمن نمونه"]

    @pytest.mark.parametrize(
        "user_fixture",
        ["ministry_admin", "facilitator", "club_secretary", "county_secretariat", "outsider"],
    )
    def test_others_may_not_create(self, request, login, world, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        assert client.get(reverse("clubs:club_create")).status_code == 403
        assert client.post(reverse("clubs:club_create"), self.data(world)).status_code == 403
        assert not Club.objects.filter(name="کانون نمونه").exists()

    def test_staff_cannot_place_a_club_in_another_university(self, login, world, staff_a):
        response = login(staff_a).post(
            reverse("clubs:club_create"), self.data(world, neighborhood=world.neighborhood_b1.pk)
        )
        assert "neighborhood" in response.context["form"].errors
        assert not Club.objects.filter(name="کانون نمونه").exists()

    def test_opening_before_founding_is_refused(self, login, world, staff_a):
        response = login(staff_a).post(
            reverse("clubs:club_create"), self.data(world, opened_on="1402/01/01")
        )
        assert "opened_on" in response.context["form"].errors

    def test_staff_edit_and_history_records_it(self, login, world, staff_a):
        client = login(staff_a)
        url = reverse("clubs:club_edit", args=[world.club_a1.pk])
        data = self.data(world, name="کانون تازه", status="active")
        assert client.post(url, data).status_code == 302
        world.club_a1.refresh_from_db()
        assert world.club_a1.name == "کانون تازه"
        page = client.get(reverse("clubs:club_history", args=[world.club_a1.pk])).content.decode()
        assert "نام کانون" in page  # Persian field label
        assert "کانون تازه" in page
        assert "staff_a" in page or "کاربر" in page  # who

    @pytest.mark.parametrize(
        "user_fixture", ["facilitator", "club_secretary", "ministry_admin", "staff_b"]
    )
    def test_only_university_staff_edit_a_club(self, request, login, world, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        assert client.get(reverse("clubs:club_edit", args=[world.club_a1.pk])).status_code == 404


@pytest.mark.django_db
class TestMemberPages:
    def test_add_with_persian_digits_and_then_refuse_the_same_person(
        self, login, world, facilitator
    ):
        client = login(facilitator)
        url = reverse("clubs:member_add", args=[world.club_a1.pk])
        data = {
            "national_code": "۰۴۹۹۳۷۰۸۹۹",
            "first_name": "علي",
            "last_name": "كريمي",
            "gender": "female",
            "birth_year": "۱۳۶۵",
            "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
            "joined_on": jd(TODAY),
            "consent_to_contact": "on",
        }
        assert client.post(url, data).status_code == 302
        membership = Membership.objects.get()
        assert membership.person.first_name == "علی"
        assert membership.person.last_name == "کریمی"
        assert membership.person.birth_year == 1365
        assert membership.person.mobile == "09121234567"
        again = client.post(url, data)
        assert again.status_code == 200
        assert "هم‌اکنون عضو این کانون است" in again.content.decode()
        assert Membership.objects.count() == 1

    def test_bad_national_code_is_explained(self, login, world, facilitator):
        response = login(facilitator).post(
            reverse("clubs:member_add", args=[world.club_a1.pk]),
            {
                "national_code": "0499370898",
                "first_name": "a",
                "last_name": "b",
                "gender": "male",
                "joined_on": jd(TODAY),
            },
        )
        assert "معتبر نیست" in response.content.decode()
        assert not Membership.objects.exists()

    def test_leave_keeps_the_row_and_shows_former_members(
        self, login, world, members_a1, facilitator
    ):
        client = login(facilitator)
        leaving = members_a1[0]
        url = reverse("clubs:member_leave", args=[world.club_a1.pk, leaving.pk])
        assert client.post(url, {"left_on": jd(TODAY)}).status_code == 302
        leaving.refresh_from_db()
        assert leaving.left_on == TODAY
        roster = client.get(reverse("clubs:member_list", args=[world.club_a1.pk]))
        assert leaving not in list(roster.context["page"])
        former = client.get(reverse("clubs:member_list", args=[world.club_a1.pk]), {"former": "on"})
        assert leaving in list(former.context["page"])
        assert client.get(url).status_code == 404  # already left

    def test_edit_member(self, login, world, members_a1, club_secretary):
        membership = members_a1[1]
        person = membership.person
        response = login(club_secretary).post(
            reverse("clubs:member_edit", args=[world.club_a1.pk, membership.pk]),
            {
                "national_code": person.national_code,
                "first_name": "نام تازه",
                "last_name": person.last_name,
                "gender": person.gender,
                "joined_on": jd(membership.joined_on),
                "skills": "خیاطی",
            },
        )
        assert response.status_code == 302
        person.refresh_from_db()
        membership.refresh_from_db()
        assert person.first_name == "نام تازه"
        assert membership.skills == "خیاطی"


@pytest.mark.django_db
class TestOfficersAndGroupsPages:
    def test_elect_secretary_replaces_the_current_one(self, login, world, members_a1, facilitator):
        client = login(facilitator)
        url = reverse("clubs:officer_elect", args=[world.club_a1.pk])
        assert (
            client.post(
                url,
                {"role": "secretary", "membership": members_a1[0].pk, "elected_on": "1403/02/01"},
            ).status_code
            == 302
        )
        assert (
            client.post(
                url,
                {"role": "secretary", "membership": members_a1[1].pk, "elected_on": "1403/06/01"},
            ).status_code
            == 302
        )
        terms = OfficerTerm.objects.filter(club=world.club_a1, role="secretary").order_by(
            "elected_on"
        )
        assert [t.membership_id for t in terms] == [members_a1[0].pk, members_a1[1].pk]
        assert terms[0].ended_on == jalali.parse_date("1403/06/01")
        page = client.get(reverse("clubs:club_detail", args=[world.club_a1.pk])).content.decode()
        assert "دوره‌های پیشین" in page

    def test_member_of_another_club_cannot_be_chosen(self, login, world, facilitator):
        other = MembershipFactory(club=world.club_b1)
        response = login(facilitator).post(
            reverse("clubs:officer_elect", args=[world.club_a1.pk]),
            {"role": "secretary", "membership": other.pk, "elected_on": "1403/02/01"},
        )
        assert response.status_code == 200
        assert "membership" in response.context["form"].errors
        assert not OfficerTerm.objects.exists()

    def test_group_create_edit_dissolve(self, login, world, members_a1, facilitator):
        client = login(facilitator)
        topic = TopicFactory()
        response = client.post(
            reverse("clubs:group_create", args=[world.club_a1.pk]),
            {
                "topic": topic.pk,
                "formed_on": jd(TODAY),
                "members": [m.pk for m in members_a1[:3]],
                "lead": members_a1[4].pk,
            },
        )
        assert "lead" in response.context["form"].errors  # lead not in the group
        response = client.post(
            reverse("clubs:group_create", args=[world.club_a1.pk]),
            {
                "topic": topic.pk,
                "formed_on": jd(TODAY),
                "members": [m.pk for m in members_a1[:3]],
                "lead": members_a1[0].pk,
            },
        )
        assert response.status_code == 302
        group = ThematicGroup.objects.get()
        response = client.post(
            reverse("clubs:group_edit", args=[world.club_a1.pk, group.pk]),
            {
                "name": "گروه تغذیه",
                "formed_on": jd(TODAY),
                "members": [members_a1[0].pk],
                "lead": members_a1[0].pk,
            },
        )
        assert response.status_code == 302
        group.refresh_from_db()
        assert group.name == "گروه تغذیه"
        assert list(group.members.all()) == [members_a1[0]]
        client.post(
            reverse("clubs:group_dissolve", args=[world.club_a1.pk, group.pk]),
            {"dissolved_on": jd(TODAY)},
        )
        group.refresh_from_db()
        assert group.dissolved_on == TODAY


@pytest.mark.django_db
class TestMeetingPages:
    def test_log_a_meeting_with_attendance_and_action_items(
        self, login, world, members_a1, facilitator
    ):
        client = login(facilitator)
        url = reverse("clubs:meeting_log", args=[world.club_a1.pk])
        form = client.get(url)
        assert form.context["form"]["held_on"].value() == jd(TODAY)  # today by default
        response = client.post(
            url,
            {
                "kind": "club",
                "held_on": jd(TODAY - dt.timedelta(days=1)),
                "place": "سرای محله",
                "attendees": [m.pk for m in members_a1[:4]],
                "guests_female": "۳",
                "guests_male": "1",
                "items-TOTAL_FORMS": "2",
                "items-INITIAL_FORMS": "0",
                "items-MIN_NUM_FORMS": "0",
                "items-MAX_NUM_FORMS": "20",
                "items-0-title": "پیگیری نظافت کوچه",
                "items-0-owner": f"m{members_a1[0].pk}",
                "items-0-due_on": jd(TODAY + dt.timedelta(days=7)),
                "items-1-title": "",
                "items-1-owner": "",
                "items-1-due_on": "",
            },
        )
        assert response.status_code == 302
        meeting = Meeting.objects.get()
        assert (meeting.members_female, meeting.members_male) == (3, 1)
        assert (meeting.guests_female, meeting.guests_male) == (3, 1)
        assert meeting.recorded_by == facilitator
        item = ActionItem.objects.get()
        assert item.meeting == meeting and item.owner_membership == members_a1[0]
        world.club_a1.refresh_from_db()
        assert world.club_a1.last_meeting_on == TODAY - dt.timedelta(days=1)
        page = client.get(reverse("clubs:club_detail", args=[world.club_a1.pk])).content.decode()
        assert "پیگیری نظافت کوچه" in page

    def test_invalid_action_row_saves_nothing(self, login, world, members_a1, facilitator):
        response = login(facilitator).post(
            reverse("clubs:meeting_log", args=[world.club_a1.pk]),
            {
                "kind": "club",
                "held_on": jd(TODAY),
                "guests_female": "0",
                "guests_male": "0",
                "items-TOTAL_FORMS": "1",
                "items-INITIAL_FORMS": "0",
                "items-0-title": "بدون مهلت",
                "items-0-due_on": "",
            },
        )
        assert response.status_code == 200
        assert not Meeting.objects.exists()

    def test_future_date_is_refused(self, login, world, facilitator):
        response = login(facilitator).post(
            reverse("clubs:meeting_log", args=[world.club_a1.pk]),
            {
                "kind": "club",
                "held_on": jd(TODAY + dt.timedelta(days=2)),
                "guests_female": "0",
                "guests_male": "0",
                "items-TOTAL_FORMS": "0",
                "items-INITIAL_FORMS": "0",
            },
        )
        assert "held_on" in response.context["form"].errors
        assert not Meeting.objects.exists()

    def test_edit_meeting_recounts(self, login, world, members_a1, club_objects, club_secretary):
        meeting = club_objects["meeting"]
        response = login(club_secretary).post(
            reverse("clubs:meeting_edit", args=[world.club_a1.pk, meeting.pk]),
            {
                "kind": "club",
                "held_on": jd(meeting.held_on),
                "attendees": [members_a1[3].pk, members_a1[4].pk],
                "guests_female": "0",
                "guests_male": "0",
                "items-TOTAL_FORMS": "0",
                "items-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.members_female, meeting.members_male) == (0, 2)

    def test_meeting_list_scope_and_month_filter(self, login, world, staff_a, staff_b):
        MeetingFactory(club=world.club_a1, held_on=jalali.parse_date("1403/05/10"))
        MeetingFactory(club=world.club_a2, held_on=jalali.parse_date("1403/06/10"))
        MeetingFactory(club=world.club_b1, held_on=jalali.parse_date("1403/05/10"))
        response = login(staff_a).get(reverse("clubs:meeting_list"))
        assert {m.club_id for m in response.context["page"]} == {world.club_a1.pk, world.club_a2.pk}
        response = login(staff_a).get(reverse("clubs:meeting_list"), {"month": "۱۴۰۳/۰۵"})
        assert [m.club_id for m in response.context["page"]] == [world.club_a1.pk]
        response = login(staff_b).get(reverse("clubs:meeting_list"))
        assert [m.club_id for m in response.context["page"]] == [world.club_b1.pk]


@pytest.mark.django_db
class TestActionPages:
    def test_overdue_items_on_the_club_page_and_list(self, login, world, facilitator):
        late = ActionItemFactory(
            club=world.club_a1, title="اقدام دیرکرد", due_on=TODAY - dt.timedelta(days=3)
        )
        ActionItemFactory(
            club=world.club_a1, title="اقدام آینده", due_on=TODAY + dt.timedelta(days=3)
        )
        ActionItemFactory(
            club=world.club_b1, title="اقدام دیگران", due_on=TODAY - dt.timedelta(days=3)
        )
        client = login(facilitator)
        page = client.get(reverse("clubs:club_detail", args=[world.club_a1.pk]))
        assert page.context["data"].overdue_count == 1
        assert 'data-testid="overdue-count"' in page.content.decode()
        overdue = client.get(reverse("clubs:action_list"), {"state": "overdue"})
        assert [i.pk for i in overdue.context["page"]] == [late.pk]

    def test_status_change_by_editor(self, login, world, facilitator):
        item = ActionItemFactory(club=world.club_a1)
        url = reverse("clubs:action_status", args=[world.club_a1.pk, item.pk])
        response = login(facilitator).post(url, {"status": "done", "next": "https://evil.example/"})
        assert response.status_code == 302
        assert response["Location"] == reverse("clubs:club_action_list", args=[world.club_a1.pk])
        item.refresh_from_db()
        assert item.status == "done" and item.done_on == TODAY

    def test_status_of_another_clubs_item_through_my_club_is_404(self, login, world, facilitator):
        other = ActionItemFactory(club=world.club_b1)
        url = reverse("clubs:action_status", args=[world.club_a1.pk, other.pk])
        assert login(facilitator).post(url, {"status": "done"}).status_code == 404

    def test_create_item(self, login, world, members_a1, club_secretary):
        response = login(club_secretary).post(
            reverse("clubs:action_create", args=[world.club_a1.pk]),
            {"title": "خرید تجهیزات", "owner": f"m{members_a1[2].pk}", "due_on": jd(TODAY)},
        )
        assert response.status_code == 302
        assert ActionItem.objects.get().owner_membership == members_a1[2]


@pytest.mark.django_db
class TestHistoryPage:
    def test_who_when_what_with_persian_labels(
        self, login, world, staff_a, facilitator, ministry_admin
    ):
        client = login(facilitator)
        client.post(
            reverse("clubs:member_add", args=[world.club_a1.pk]),
            {
                "national_code": "0499370899",
                "first_name": "زهرا",
                "last_name": "احمدی",
                "gender": "female",
                "joined_on": "1403/01/15",
            },
        )
        membership = Membership.objects.get()
        client.post(
            reverse("clubs:member_edit", args=[world.club_a1.pk, membership.pk]),
            {
                "national_code": "0499370899",
                "first_name": "زهره",
                "last_name": "احمدی",
                "gender": "female",
                "joined_on": "1403/01/20",
            },
        )
        response = client.get(reverse("clubs:club_history", args=[world.club_a1.pk]))
        entries = response.context["entries"]
        changes = {(e.kind, c.label, c.old, c.new) for e in entries for c in e.changes}
        assert ("فرد", "نام", "زهرا", "زهره") in changes
        assert ("عضو کانون", "تاریخ عضویت", "۱۴۰۳/۰۱/۱۵", "۱۴۰۳/۰۱/۲۰") in changes
        assert all(e.who == facilitator for e in entries if e.kind != "کانون سلامت محله")

        # Editors see national codes in the history; readers who may not change the
        # club (here a ministry admin) do not.
        def labels(user):
            response = login(user).get(reverse("clubs:club_history", args=[world.club_a1.pk]))
            return {c.label for e in response.context["entries"] for c in e.changes}

        assert "کد ملی" in labels(staff_a)
        assert "کد ملی" not in labels(ministry_admin)
        assert "نام" in labels(ministry_admin)


@pytest.mark.django_db
class TestQueryBudgets:
    def _fill(self, club, members: int, meetings: int):
        people = PersonFactory.create_batch(members)
        memberships = [MembershipFactory(club=club, person=p) for p in people]
        topic = TopicFactory()
        group = GroupFactory(club=club, topic=topic, lead=memberships[0])
        group.members.set(memberships[:10])
        for index in range(meetings):
            meeting = MeetingFactory(
                club=club,
                held_on=TODAY - dt.timedelta(days=index + 1),
                group=group if index % 2 else None,
            )
            meeting.attendees.set(memberships[: min(10, members)])
            ActionItemFactory(
                club=club,
                meeting=meeting,
                owner_membership=memberships[index % members],
                due_on=TODAY - dt.timedelta(days=index - 5),
            )
        if OfficerTerm.objects.filter(club=club).exists():
            return
        for index in range(min(4, members)):
            OfficerTerm.objects.create(
                club=club,
                membership=memberships[index],
                role="secretary" if index % 2 == 0 else "deputy",
                elected_on=dt.date(2024, 1, 1) + dt.timedelta(days=30 * index),
                ended_on=None
                if index >= 2
                else dt.date(2024, 1, 1) + dt.timedelta(days=30 * (index + 2)),
            )

    def _count(self, client, url, django_assert_max_num_queries, budget):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    @pytest.mark.parametrize("user_fixture", ["facilitator", "staff_a", "ministry_admin"])
    def test_club_page_is_constant(
        self, request, login, world, django_assert_max_num_queries, user_fixture
    ):
        client = login(request.getfixturevalue(user_fixture))
        url = reverse("clubs:club_detail", args=[world.club_a1.pk])
        client.get(url)  # warm the session
        self._fill(world.club_a1, members=5, meetings=3)
        small = self._count(client, url, django_assert_max_num_queries, 20)
        self._fill(world.club_a1, members=150, meetings=60)
        large = self._count(client, url, django_assert_max_num_queries, 20)
        assert large == small

    def test_meeting_lists_are_constant(self, login, world, staff_a, django_assert_max_num_queries):
        client = login(staff_a)
        urls = [
            reverse("clubs:meeting_list"),
            reverse("clubs:club_meeting_list", args=[world.club_a1.pk]),
        ]
        for url in urls:
            client.get(url)
        self._fill(world.club_a1, members=5, meetings=3)
        small = [self._count(client, url, django_assert_max_num_queries, 12) for url in urls]
        self._fill(world.club_a2, members=30, meetings=80)
        self._fill(world.club_a1, members=30, meetings=40)
        large = [self._count(client, url, django_assert_max_num_queries, 12) for url in urls]
        assert large == small

    def test_club_list_action_list_history_and_member_list_are_constant(
        self, login, world, facilitator, django_assert_max_num_queries
    ):
        # The facilitator also serves the whole neighborhood: new clubs there are in scope.
        f.RoleAssignmentFactory(
            user=facilitator, role="facilitator", neighborhood=world.neighborhood_a1
        )
        client = login(facilitator)
        urls = [
            reverse("clubs:club_list"),
            reverse("clubs:action_list") + "?state=all",
            reverse("clubs:member_list", args=[world.club_a1.pk]),
            reverse("clubs:club_history", args=[world.club_a1.pk]),
            reverse("home"),
        ]
        for url in urls:
            client.get(url)
        self._fill(world.club_a1, members=5, meetings=3)
        small = [self._count(client, url, django_assert_max_num_queries, 22) for url in urls]
        self._fill(world.club_a1, members=80, meetings=40)
        for index in range(20):
            club = f.ClubFactory(neighborhood=world.neighborhood_a1, name=f"کانون {index}")
            ActionItemFactory(club=club, due_on=TODAY - dt.timedelta(days=1))
            MembershipFactory(club=club)
        large = [self._count(client, url, django_assert_max_num_queries, 22) for url in urls]
        # The history page reads 2 queries per kind of record on the page (at most 4
        # kinds): bounded by the budget, not equal between the two pages.
        history = urls.index(reverse("clubs:club_history", args=[world.club_a1.pk]))
        small.pop(history)
        large.pop(history)
        assert large == small
        assert len(client.get(reverse("home")).context["club_home"].clubs) == 21
