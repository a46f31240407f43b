"""Every page and action of the forums: who may (200/302), who may read but not act
(403), and who is outside the scope (404); bad input and invalid transitions change
nothing; lists keep a constant number of queries."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Forum, ForumSession, Issue, IssueStatus, Policy, PolicyAdoption, Seat
from tests.conftest import ROLE_FIXTURES
from tests.forums.factories import ForumSessionFactory, SeatFactory, raise_issue

READ_NB = {
    "ministry_admin",
    "staff_a",
    "province_secretariat",
    "county_secretariat",
    "facilitator",
    "club_secretary",
}
RUN_NB = {"facilitator", "club_secretary"}
READ_COUNTY = {"ministry_admin", "staff_a", "province_secretariat", "county_secretariat"}
RUN_COUNTY = {"county_secretariat"}


def expected(role, readers, runners=frozenset(), ok=200):
    if role in runners:
        return ok
    return 403 if role in readers else 404


@dataclass
class Setup:
    chain: object
    seat: Seat
    session: ForumSession
    open_issue: Issue
    referred: Issue
    policy: Policy


@pytest.fixture
def setup(chain, facilitator, ministry_admin) -> Setup:
    seat = SeatFactory(forum=chain.nb_a1)
    session = ForumSessionFactory(forum=chain.nb_a1)
    open_issue = raise_issue(chain.nb_a1, facilitator, title="مسئله باز محله")
    referred = raise_issue(chain.nb_a1, facilitator, title="مسئله ارجاعی")
    services.issue_refer_up(issue=referred, by=facilitator, reason="نیاز به شهرستان")
    policy = services.policy_issue(
        forum=chain.national,
        by=ministry_admin,
        title="سیاست ملی",
        body="متن",
        approved_on=timezone.localdate(),
    )
    return Setup(chain, seat, session, open_issue, referred, policy)


def pages(s: Setup):
    """(url, {role: status}) for every GET page of the app."""
    c = s.chain
    nb, county = c.nb_a1.pk, c.county_a1.pk
    adoption = s.policy.adoptions.get(forum=c.county_a1)
    everyone = dict.fromkeys(ROLE_FIXTURES, 200)
    read_nb = {r: expected(r, READ_NB, READ_NB) for r in ROLE_FIXTURES}
    run_nb = {r: expected(r, READ_NB, RUN_NB) for r in ROLE_FIXTURES}
    issue_readers = {"ministry_admin", "staff_a", "facilitator", "club_secretary"}
    return [
        (reverse("forums:forum_list"), everyone),
        (reverse("forums:issue_list"), everyone),
        (reverse("forums:policy_list"), everyone),
        (reverse("forums:forum_detail", args=[nb]), read_nb),
        (reverse("forums:forum_inbox", args=[nb]), read_nb),
        (reverse("forums:session_detail", args=[nb, s.session.pk]), read_nb),
        (reverse("forums:issue_raise", args=[nb]), run_nb),
        (reverse("forums:seat_create", args=[nb]), run_nb),
        (reverse("forums:seat_edit", args=[nb, s.seat.pk]), run_nb),
        (reverse("forums:session_create", args=[nb]), run_nb),
        (reverse("forums:session_edit", args=[nb, s.session.pk]), run_nb),
        (
            reverse("forums:forum_detail", args=[county]),
            {r: expected(r, READ_COUNTY, READ_COUNTY) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:forum_merge", args=[county]),
            {r: expected(r, READ_COUNTY, RUN_COUNTY) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:forum_detail", args=[c.national.pk]),
            {r: expected(r, {"ministry_admin"}, {"ministry_admin"}) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:policy_create", args=[c.national.pk]),
            {r: expected(r, {"ministry_admin"}, {"ministry_admin"}) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:policy_create", args=[c.province_1.pk]),
            {
                r: expected(r, {"ministry_admin", "province_secretariat"}, {"province_secretariat"})
                for r in ROLE_FIXTURES
            },
        ),
        (  # a county forum does not issue policies, even for its secretariat
            reverse("forums:policy_create", args=[county]),
            {r: expected(r, READ_COUNTY) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:issue_detail", args=[s.open_issue.pk]),
            {r: expected(r, issue_readers, issue_readers) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:issue_detail", args=[s.referred.pk]),
            {
                r: expected(r, issue_readers | RUN_COUNTY, issue_readers | RUN_COUNTY)
                for r in ROLE_FIXTURES
            },
        ),
        (
            reverse("forums:issue_action", args=[s.open_issue.pk, "resolve"]),
            {r: expected(r, issue_readers, RUN_NB) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:issue_action", args=[s.referred.pk, "accept"]),
            {r: expected(r, issue_readers | RUN_COUNTY, RUN_COUNTY) for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:policy_detail", args=[s.policy.pk]),
            {r: 404 if r == "outsider" else 200 for r in ROLE_FIXTURES},
        ),
        (
            reverse("forums:adoption_acknowledge", args=[s.policy.pk, adoption.pk]),
            {r: expected(r, READ_COUNTY, RUN_COUNTY) for r in ROLE_FIXTURES},
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_every_page_per_role(request, client, setup, role):
    client.force_login(request.getfixturevalue(role))
    failures = []
    for url, statuses in pages(setup):
        status = client.get(url).status_code
        if status != statuses[role]:
            failures.append(f"{url}: {status} (expected {statuses[role]})")
    assert not failures, failures


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, setup):
    for url, _statuses in pages(setup):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"], url


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def action_url(issue, action):
    return reverse("forums:issue_action", args=[issue.pk, action])


@pytest.mark.django_db
class TestIssueActions:
    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("facilitator", 302),
            ("club_secretary", 302),
            ("staff_a", 403),
            ("ministry_admin", 403),
            ("county_secretariat", 404),
            ("staff_b", 404),
            ("outsider", 404),
        ],
    )
    def test_refer_up_per_role(self, request, client, setup, role, status):
        client.force_login(request.getfixturevalue(role))
        response = client.post(action_url(setup.open_issue, "refer"), {"refer-reason": "دلیل"})
        assert response.status_code == status
        issue = Issue.objects.get(pk=setup.open_issue.pk)
        if status == 302:
            assert (issue.status, issue.current_forum) == (
                IssueStatus.REFERRED,
                setup.chain.county_a1,
            )
        else:
            assert (issue.status, issue.current_forum) == (IssueStatus.OPEN, setup.chain.nb_a1)

    @pytest.mark.parametrize(
        ("action", "data", "status_after"),
        [
            (
                "accept",
                {"accept-note": "پذیرفتیم", "accept-owner_name": "واحد سلامت"},
                IssueStatus.ACCEPTED,
            ),
            ("resolve", {"resolve-resolution": "حل شد"}, IssueStatus.RESOLVED),
            ("refer", {"refer-reason": "استانی است"}, IssueStatus.REFERRED),
            ("return", {"return-guidance": "رهنمود"}, IssueStatus.RETURNED),
            (
                "prioritize",
                {
                    "prioritize-severity": "۵",
                    "prioritize-reach": "4",
                    "prioritize-feasibility": "1",
                },
                IssueStatus.REFERRED,
            ),
        ],
    )
    def test_each_action_by_the_county_secretariat(
        self, client, setup, county_secretariat, facilitator, action, data, status_after
    ):
        # The neighborhood forum may not act on it while it is at the county.
        client.force_login(facilitator)
        assert client.post(action_url(setup.referred, action), data).status_code == 403
        assert Issue.objects.get(pk=setup.referred.pk).status == IssueStatus.REFERRED
        client.force_login(county_secretariat)
        response = client.post(action_url(setup.referred, action), data)
        assert response.status_code == 302
        issue = Issue.objects.get(pk=setup.referred.pk)
        assert issue.status == status_after
        assert issue.events.order_by("-pk").first().actor == county_secretariat
        if action == "prioritize":
            assert (issue.severity, issue.reach, issue.feasibility, issue.priority) == (5, 4, 1, 10)

    def test_start_work_then_resolve_by_the_facilitator(self, client, setup, facilitator):
        client.force_login(facilitator)
        due = timezone.localdate() + dt.timedelta(days=20)
        import jdatetime

        jalali_due = jdatetime.date.fromgregorian(date=due).strftime("%Y/%m/%d")
        persian_due = jalali_due.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        response = client.post(
            action_url(setup.open_issue, "start_work"),
            {"start_work-owner_name": "علي كريمي", "start_work-due_on": persian_due},
        )
        assert response.status_code == 302
        issue = Issue.objects.get(pk=setup.open_issue.pk)
        assert (issue.status, issue.owner_name, issue.due_on) == (
            IssueStatus.IN_PROGRESS,
            "علی کریمی",
            due,
        )
        client.post(action_url(issue, "resolve"), {"resolve-resolution": "انجام شد"})
        assert Issue.objects.get(pk=issue.pk).status == IssueStatus.RESOLVED

    def test_invalid_transition_is_refused_with_a_message(self, client, setup, facilitator):
        client.force_login(facilitator)
        before = setup.open_issue.events.count()
        response = client.post(action_url(setup.open_issue, "accept"), {})
        assert response.status_code == 302
        assert any("پذیرفته" in m for m in messages_of(response))
        response = client.post(action_url(setup.open_issue, "return"), {"return-guidance": "x"})
        assert any("ارجاع نشده" in m for m in messages_of(response))
        issue = Issue.objects.get(pk=setup.open_issue.pk)
        assert issue.status == IssueStatus.OPEN and issue.events.count() == before

    def test_missing_note_shows_the_form_again(self, client, setup, facilitator):
        client.force_login(facilitator)
        response = client.post(action_url(setup.open_issue, "resolve"), {"resolve-resolution": ""})
        assert response.status_code == 200
        assert response.context["form"].errors
        response = client.post(
            action_url(setup.open_issue, "refer"),
            {"refer-reason": "x", "refer-due_on": "۱۳۹۹/۰۱/۰۱"},
        )
        assert "پس از امروز" in response.content.decode()
        assert Issue.objects.get(pk=setup.open_issue.pk).status == IssueStatus.OPEN

    def test_unknown_action_is_404(self, client, setup, facilitator):
        client.force_login(facilitator)
        assert client.post(action_url(setup.open_issue, "delete"), {}).status_code == 404

    def test_issue_page_shows_only_the_allowed_buttons(
        self, client, setup, facilitator, county_secretariat, staff_a
    ):
        client.force_login(county_secretariat)
        page = client.get(reverse("forums:issue_detail", args=[setup.referred.pk]))
        assert [a["action"] for a in page.context["action_forms"]] == [
            "accept",
            "resolve",
            "refer",
            "return",
            "prioritize",
        ]
        client.force_login(facilitator)
        page = client.get(reverse("forums:issue_detail", args=[setup.referred.pk]))
        assert page.context["action_forms"] == []
        page = client.get(reverse("forums:issue_detail", args=[setup.open_issue.pk]))
        assert [a["action"] for a in page.context["action_forms"]] == [
            "start_work",
            "resolve",
            "refer",
            "prioritize",
        ]
        client.force_login(staff_a)
        page = client.get(reverse("forums:issue_detail", args=[setup.open_issue.pk]))
        assert page.context["action_forms"] == []


@pytest.mark.django_db
class TestForms:
    def test_raise_issue_normalizes_persian_input(self, client, setup, facilitator, topic):
        client.force_login(facilitator)
        response = client.post(
            reverse("forums:issue_raise", args=[setup.chain.nb_a1.pk]),
            {
                "title": "مصرف قليان در پارك",
                "category": topic.pk,
                "severity": "۴",
                "reach": "٣",
                "feasibility": "2",
                "source_kind": "forum_session",
                "source_session": setup.session.pk,
            },
        )
        assert response.status_code == 302
        issue = Issue.objects.get(title="مصرف قلیان در پارک")
        assert (issue.priority, issue.source_session, issue.raised_by) == (
            9,
            setup.session,
            facilitator,
        )
        assert issue.origin_forum == setup.chain.nb_a1

    def test_raise_issue_bad_input_changes_nothing(self, client, setup, facilitator, topic):
        client.force_login(facilitator)
        count = Issue.objects.count()
        response = client.post(
            reverse("forums:issue_raise", args=[setup.chain.nb_a1.pk]),
            {
                "title": "",
                "category": topic.pk,
                "severity": "9",
                "reach": "3",
                "feasibility": "3",
                "source_kind": "forum_session",
            },
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"title", "severity", "source_session"}
        assert Issue.objects.count() == count

    def test_seat_create_edit_delete(self, client, setup, facilitator):
        client.force_login(facilitator)
        url = reverse("forums:seat_create", args=[setup.chain.nb_a1.pk])
        response = client.post(
            url,
            {
                "kind": "village_council",
                "person_name": "حسن دهيار",
                "organization": "دهیاری",
                "term_start": "۱۴۰۳/۰۱/۰۱",
                "term_end": "1402/01/01",
            },
        )
        assert response.status_code == 200 and "term_end" in response.context["form"].errors
        response = client.post(
            url,
            {
                "kind": "village_council",
                "person_name": "حسن دهيار",
                "organization": "دهیاری",
                "term_start": "۱۴۰۳/۰۱/۰۱",
            },
        )
        assert response.status_code == 302
        seat = Seat.objects.get(person_name="حسن دهیار")
        assert seat.category == "government"
        edit = reverse("forums:seat_edit", args=[setup.chain.nb_a1.pk, seat.pk])
        client.post(
            edit, {"kind": "clergy", "person_name": "حسن دهیار", "term_start": "1403/01/01"}
        )
        seat.refresh_from_db()
        assert (seat.kind, seat.category) == ("clergy", "trustees")
        delete = reverse("forums:seat_delete", args=[setup.chain.nb_a1.pk, seat.pk])
        assert client.get(delete).status_code == 405
        assert client.post(delete).status_code == 302
        assert not Seat.objects.filter(pk=seat.pk).exists()

    def test_seat_of_another_forum_is_404(self, client, setup, facilitator, county_secretariat):
        other = SeatFactory(forum=setup.chain.county_a1)
        client.force_login(facilitator)
        url = reverse("forums:seat_edit", args=[setup.chain.nb_a1.pk, other.pk])
        assert client.get(url).status_code == 404

    def test_seat_links_a_club_member_of_the_neighborhood(self, client, world, setup, facilitator):
        from clubs.models import Membership, Person

        person = Person.objects.create(
            first_name="زهرا", last_name="کاظمی", gender="female", national_code="0012345679"
        )
        member = Membership.objects.create(
            club=world.club_a1, person=person, joined_on=timezone.localdate()
        )
        stranger = Membership.objects.create(
            club=world.club_b1, person=person, joined_on=timezone.localdate()
        )
        client.force_login(facilitator)
        url = reverse("forums:seat_create", args=[setup.chain.nb_a1.pk])
        data = {"kind": "group_lead", "person_name": "زهرا کاظمی", "term_start": "1403/01/01"}
        response = client.post(url, {**data, "membership": stranger.pk})
        assert "membership" in response.context["form"].errors
        assert client.post(url, {**data, "membership": member.pk}).status_code == 302
        assert Seat.objects.get(person_name="زهرا کاظمی").membership == member

    def test_session_with_attendance_and_agenda(self, client, setup, facilitator):
        client.force_login(facilitator)
        url = reverse("forums:session_create", args=[setup.chain.nb_a1.pk])
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        import jdatetime

        future = jdatetime.date.fromgregorian(date=tomorrow).strftime("%Y/%m/%d")
        response = client.post(url, {"held_on": future, "guests": "0"})
        assert "held_on" in response.context["form"].errors
        response = client.post(
            url,
            {
                "held_on": "1403/05/10",
                "place": "سرای محله",
                "guests": "۳",
                "attendees": [setup.seat.pk],
                "agenda_issues": [setup.open_issue.pk, setup.referred.pk],
                "minutes": "صورتجلسه",
                "decisions": "مصوبه",
            },
        )
        assert response.status_code == 302
        session = ForumSession.objects.get(place="سرای محله", held_on=dt.date(2024, 7, 31))
        assert list(session.attendees.all()) == [setup.seat]
        assert set(session.agenda_issues.all()) == {setup.open_issue, setup.referred}
        assert session.guests == 3

    def test_session_refuses_seats_of_another_forum(self, client, setup, facilitator):
        other = SeatFactory(forum=setup.chain.county_a1)
        client.force_login(facilitator)
        url = reverse("forums:session_create", args=[setup.chain.nb_a1.pk])
        response = client.post(
            url, {"held_on": "1403/05/10", "guests": "0", "attendees": [other.pk]}
        )
        assert response.status_code == 200
        assert not ForumSession.objects.filter(held_on=dt.date(2024, 7, 31)).exists()

    def test_merge_from_the_inbox(
        self, client, world, setup, facilitator, facilitator_a2, county_secretariat
    ):
        second = services.issue_refer_up(
            issue=raise_issue(setup.chain.nb_a1, facilitator, title="دوم"),
            by=facilitator,
            reason="x",
        )
        client.force_login(county_secretariat)
        url = reverse("forums:forum_merge", args=[setup.chain.county_a1.pk])
        response = client.post(url, {"issues": [setup.referred.pk], "title": "ادغامی"})
        assert response.status_code == 200 and "issues" in response.context["form"].errors
        response = client.post(url, {"issues": [setup.referred.pk, second.pk], "title": "ادغامی"})
        rollup = Issue.objects.get(title="ادغامی")
        assert response["Location"] == reverse("forums:issue_detail", args=[rollup.pk])
        assert set(rollup.merged_issues.all()) == {setup.referred, second}

    def test_policy_create_and_acknowledge(
        self, client, setup, province_secretariat, county_secretariat
    ):
        client.force_login(province_secretariat)
        response = client.post(
            reverse("forums:policy_create", args=[setup.chain.province_1.pk]),
            {"title": "سیاست استانی", "approved_on": "۱۴۰۳/۰۲/۰۱", "body": "متن"},
        )
        assert response.status_code == 302
        policy = Policy.objects.get(title="سیاست استانی")
        assert policy.adoptions.count() == 4
        adoption = policy.adoptions.get(forum=setup.chain.county_a1)
        url = reverse("forums:adoption_acknowledge", args=[policy.pk, adoption.pk])
        client.force_login(county_secretariat)
        response = client.post(url, {"adaptation": ""})
        assert response.status_code == 200
        assert not PolicyAdoption.objects.get(pk=adoption.pk).is_acknowledged
        assert client.post(url, {"adaptation": "در سه محله"}).status_code == 302
        assert PolicyAdoption.objects.get(pk=adoption.pk).adaptation == "در سه محله"

        def coverage():
            page = client.get(reverse("forums:policy_detail", args=[policy.pk]))
            return page, {
                row.level: (row.acknowledged, row.total) for row in page.context["coverage"]
            }

        # Each reader sees the coverage of the forums in their own scope.
        assert coverage()[1] == {"county": (1, 1), "neighborhood": (0, 1)}
        client.force_login(province_secretariat)
        page, rows = coverage()
        assert rows == {"county": (1, 2), "neighborhood": (0, 2)}
        assert "۱ از ۲ اعلام وصول کرده‌اند" in page.content.decode()


@pytest.mark.django_db
class TestQueryBudgets:
    def many_issues(self, chain, facilitator, county_secretariat, n):
        for index in range(n):
            issue = raise_issue(chain.nb_a1, facilitator, title=f"مسئله {index}")
            services.issue_refer_up(issue=issue, by=facilitator, reason="x")
            if index % 3 == 0:
                services.issue_accept(issue=issue, by=county_secretariat, note="پذیرش")

    @pytest.mark.parametrize(
        ("page_name", "budget"),
        [
            ("issue_list", 9),
            ("forum_inbox", 13),
            ("forum_detail", 17),
            ("forum_list", 9),
            ("home", 16),
        ],
    )
    def test_lists_are_constant_in_the_number_of_issues(
        self,
        client,
        chain,
        facilitator,
        county_secretariat,
        django_assert_max_num_queries,
        page_name,
        budget,
    ):
        url = {
            "issue_list": reverse("forums:issue_list"),
            "forum_inbox": reverse("forums:forum_inbox", args=[chain.county_a1.pk]),
            "forum_detail": reverse("forums:forum_detail", args=[chain.county_a1.pk]),
            "forum_list": reverse("forums:forum_list"),
            "home": reverse("home"),
        }[page_name]
        client.force_login(county_secretariat)
        self.many_issues(chain, facilitator, county_secretariat, 3)
        client.get(url)
        with django_assert_max_num_queries(budget) as few:
            client.get(url)
        self.many_issues(chain, facilitator, county_secretariat, 40)
        with django_assert_max_num_queries(budget) as many:
            assert client.get(url).status_code == 200
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_issue_page_is_constant_in_the_length_of_its_timeline(
        self, client, chain, facilitator, county_secretariat, django_assert_max_num_queries
    ):
        issue = raise_issue(chain.nb_a1, facilitator)
        services.issue_refer_up(issue=issue, by=facilitator, reason="بالا")
        services.issue_return(issue=issue, by=county_secretariat, guidance="پایین")
        client.force_login(facilitator)
        url = reverse("forums:issue_detail", args=[issue.pk])
        client.get(url)
        with django_assert_max_num_queries(11) as short:
            client.get(url)
        for _ in range(9):
            services.issue_refer_up(issue=issue, by=facilitator, reason="بالا")
            services.issue_return(issue=issue, by=county_secretariat, guidance="پایین")
        with django_assert_max_num_queries(11) as long:
            client.get(url)
        assert Issue.objects.get(pk=issue.pk).events.count() == 21
        assert len(long.captured_queries) == len(short.captured_queries)

    def test_policy_page_is_constant_in_the_number_of_forums(
        self, client, world, chain, ministry_admin, django_assert_max_num_queries
    ):
        from tests import factories as f

        policy = services.policy_issue(
            forum=chain.national,
            by=ministry_admin,
            title="سیاست",
            body="متن",
            approved_on=timezone.localdate(),
        )
        client.force_login(ministry_admin)
        url = reverse("forums:policy_detail", args=[policy.pk])
        client.get(url)
        with django_assert_max_num_queries(12) as few:
            client.get(url)
        for _ in range(30):
            f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=world.county_a1))
        services.forums_sync()
        assert Forum.objects.count() == 40 and policy.adoptions.count() == 38
        with django_assert_max_num_queries(12) as many:
            client.get(url)
        assert len(many.captured_queries) == len(few.captured_queries)
        with django_assert_max_num_queries(12):
            client.get(reverse("forums:policy_list"))


@pytest.mark.django_db
class TestSources:
    def test_raised_from_a_club_meeting_of_the_neighborhood(
        self, client, world, setup, facilitator, topic
    ):
        from clubs.models import Meeting, MeetingKind

        meeting = Meeting.objects.create(
            club=world.club_a1, kind=MeetingKind.CLUB, held_on=timezone.localdate()
        )
        elsewhere = Meeting.objects.create(
            club=world.club_b1, kind=MeetingKind.CLUB, held_on=timezone.localdate()
        )
        client.force_login(facilitator)
        url = reverse("forums:issue_raise", args=[setup.chain.nb_a1.pk])
        data = {
            "title": "از جلسه کانون",
            "category": topic.pk,
            "severity": "3",
            "reach": "3",
            "feasibility": "3",
            "source_kind": "club_meeting",
        }
        response = client.post(url, {**data, "source_meeting": elsewhere.pk})
        assert "source_meeting" in response.context["form"].errors
        assert client.post(url, {**data, "source_meeting": meeting.pk}).status_code == 302
        assert Issue.objects.get(title="از جلسه کانون").source_meeting == meeting

    def test_a_survey_finding_raises_an_issue_in_one_call(self, world, chain):
        from forums.models import IssueSource

        finding = world.club_a1  # any model instance stands for a survey finding here
        issue = services.issue_raise(
            forum=services.forum_for_neighborhood(world.neighborhood_a1),
            by=None,
            title="کم‌تحرکی سالمندان",
            source_kind=IssueSource.SURVEY,
            source_object=finding,
            source_description="یافته پیمایش پاییز ۱۴۰۳",
            source_url="/surveys/1/",
        )
        issue.refresh_from_db()
        assert issue.source_object == finding
        assert issue.origin_forum == chain.nb_a1 and issue.raised_by is None
        assert issue.events.get().kind == "raised"


def writes(s: Setup, topic):
    """(url, data, {role: status}, changed?) for every POST of the app."""
    c = s.chain
    nb, county = c.nb_a1.pk, c.county_a1.pk
    adoption = s.policy.adoptions.get(forum=c.county_a1)
    run_nb = {r: expected(r, READ_NB, RUN_NB, ok=302) for r in ROLE_FIXTURES}
    second = services.issue_refer_up(
        issue=raise_issue(c.nb_a1, s.open_issue.raised_by, title="دوم"),
        by=s.open_issue.raised_by,
        reason="x",
    )
    return [
        (
            reverse("forums:issue_raise", args=[nb]),
            {
                "title": "تازه",
                "category": topic.pk,
                "severity": "3",
                "reach": "3",
                "feasibility": "3",
                "source_kind": "member",
            },
            run_nb,
            lambda: Issue.objects.filter(title="تازه").exists(),
        ),
        (
            reverse("forums:seat_create", args=[nb]),
            {"kind": "health", "person_name": "تازه", "term_start": "1403/01/01"},
            run_nb,
            lambda: Seat.objects.filter(person_name="تازه").exists(),
        ),
        (
            reverse("forums:seat_delete", args=[nb, s.seat.pk]),
            {},
            run_nb,
            lambda: not Seat.objects.filter(pk=s.seat.pk).exists(),
        ),
        (
            reverse("forums:session_create", args=[nb]),
            {"held_on": "1403/01/05", "guests": "0", "place": "تازه"},
            run_nb,
            lambda: ForumSession.objects.filter(place="تازه").exists(),
        ),
        (
            reverse("forums:forum_merge", args=[county]),
            {"issues": [s.referred.pk, second.pk], "title": "ادغام تازه"},
            {r: expected(r, READ_COUNTY, RUN_COUNTY, ok=302) for r in ROLE_FIXTURES},
            lambda: Issue.objects.filter(title="ادغام تازه").exists(),
        ),
        (
            reverse("forums:policy_create", args=[c.province_1.pk]),
            {"title": "سیاست تازه", "approved_on": "1403/01/01", "body": "متن"},
            {
                r: expected(
                    r, {"ministry_admin", "province_secretariat"}, {"province_secretariat"}, ok=302
                )
                for r in ROLE_FIXTURES
            },
            lambda: Policy.objects.filter(title="سیاست تازه").exists(),
        ),
        (
            reverse("forums:adoption_acknowledge", args=[s.policy.pk, adoption.pk]),
            {"adaptation": "تطبیق تازه"},
            {r: expected(r, READ_COUNTY, RUN_COUNTY, ok=302) for r in ROLE_FIXTURES},
            lambda: PolicyAdoption.objects.filter(adaptation="تطبیق تازه").exists(),
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_every_write_per_role(request, client, setup, topic, role):
    client.force_login(request.getfixturevalue(role))
    failures = []
    for url, data, statuses, changed in writes(setup, topic):
        status = client.post(url, data).status_code
        if status != statuses[role] or changed() != (status == 302):
            failures.append(f"{url}: {status} (expected {statuses[role]}), changed={changed()}")
    assert not failures, failures
