"""One issue, one identity, one timeline: up the chain, back down with guidance,
merged at a county forum, and invalid transitions refused without change."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Issue, IssueEventKind, IssueStatus, IssueStop
from forums.services import IssueTransitionError
from tests.forums.factories import raise_issue

K = IssueEventKind


def timeline_seen_by(client, user, issue):
    """The timeline as the issue page shows it to `user`."""
    client.force_login(user)
    response = client.get(reverse("forums:issue_detail", args=[issue.pk]))
    assert response.status_code == 200, user
    return [
        (e.kind, e.from_forum_id, e.to_forum_id, e.actor_id, e.note)
        for e in response.context["timeline"]
    ]


@pytest.mark.django_db
def test_issue_walks_up_to_national_and_back_down_with_guidance(
    client,
    chain,
    topic,
    facilitator,
    club_secretary,
    county_secretariat,
    province_secretariat,
    ministry_admin,
    staff_a,
    staff_b,
    county_a2_secretariat,
):
    n, c, p, nat = chain.nb_a1, chain.county_a1, chain.province_1, chain.national
    issue = services.issue_raise(
        forum=n,
        by=facilitator,
        title="نبود بیمه برای خانوارهای بدون مدرک",
        category=topic,
        severity=5,
        reach=4,
        feasibility=2,
    )
    assert issue.priority == 11
    services.issue_refer_up(issue=issue, by=facilitator, reason="در توان محله نیست")
    services.issue_accept(issue=issue, by=county_secretariat, note="در دستور مجمع شهرستان")
    services.issue_refer_up(issue=issue, by=county_secretariat, reason="چند محله درگیرند")
    services.issue_refer_up(issue=issue, by=province_secretariat, reason="نیاز به تصمیم ملی")
    issue.refresh_from_db()
    assert (issue.current_forum, issue.status, issue.referral_count) == (
        nat,
        IssueStatus.REFERRED,
        3,
    )
    services.issue_accept(issue=issue, by=ministry_admin)
    services.issue_return(issue=issue, by=ministry_admin, guidance="با بیمه سلامت استان هماهنگ شد")
    issue.refresh_from_db()
    assert (issue.current_forum, issue.status, issue.referred_from) == (p, IssueStatus.RETURNED, c)
    services.issue_return(
        issue=issue, by=province_secretariat, guidance="فهرست خانوارها را بفرستید"
    )
    issue.refresh_from_db()
    assert (issue.current_forum, issue.referred_from) == (c, n)
    services.issue_return(
        issue=issue, by=county_secretariat, guidance="فهرست را تا پایان ماه تهیه کنید"
    )
    issue.refresh_from_db()
    assert (issue.current_forum, issue.status, issue.referred_from) == (
        n,
        IssueStatus.RETURNED,
        None,
    )
    services.issue_start_work(issue=issue, by=club_secretary, owner_name="دبیر کانون")
    services.issue_resolve(issue=issue, by=club_secretary, resolution="۲۸۰ خانوار بیمه شدند")

    issue.refresh_from_db()
    assert issue.status == IssueStatus.RESOLVED
    assert issue.resolved_forum == n and issue.origin_forum == n
    assert Issue.objects.count() == 1  # one identity all the way
    assert list(IssueStop.objects.filter(issue=issue).values_list("forum", flat=True)) == [
        n.pk,
        c.pk,
        p.pk,
        nat.pk,
    ]

    expected = [
        (K.RAISED, None, n.pk, facilitator.pk),
        (K.REFERRED, n.pk, c.pk, facilitator.pk),
        (K.ACCEPTED, n.pk, c.pk, county_secretariat.pk),
        (K.REFERRED, c.pk, p.pk, county_secretariat.pk),
        (K.REFERRED, p.pk, nat.pk, province_secretariat.pk),
        (K.ACCEPTED, p.pk, nat.pk, ministry_admin.pk),
        (K.RETURNED, nat.pk, p.pk, ministry_admin.pk),
        (K.RETURNED, p.pk, c.pk, province_secretariat.pk),
        (K.RETURNED, c.pk, n.pk, county_secretariat.pk),
        (K.WORK_STARTED, None, n.pk, club_secretary.pk),
        (K.RESOLVED, n.pk, None, club_secretary.pk),
    ]
    readers = [
        facilitator,
        club_secretary,
        county_secretariat,
        province_secretariat,
        ministry_admin,
        staff_a,
    ]
    seen = [timeline_seen_by(client, user, issue) for user in readers]
    assert [row[:4] for row in seen[0]] == expected
    assert all(timeline == seen[0] for timeline in seen)  # the same timeline at every level
    assert seen[0][7][4] == "فهرست خانوارها را بفرستید"
    for outsider in (staff_b, county_a2_secretariat):
        client.force_login(outsider)
        assert client.get(reverse("forums:issue_detail", args=[issue.pk])).status_code == 404


@pytest.mark.django_db
def test_guidance_is_shown_to_the_forum_it_returns_to(
    client, chain, facilitator, county_secretariat
):
    issue = raise_issue(chain.nb_a1, facilitator, title="کمبود فضای ورزشی")
    services.issue_refer_up(issue=issue, by=facilitator, reason="زمین نداریم")
    services.issue_return(issue=issue, by=county_secretariat, guidance="از سالن مدرسه استفاده کنید")
    client.force_login(facilitator)
    page = client.get(reverse("forums:issue_detail", args=[issue.pk]))
    assert page.context["guidance"].note == "از سالن مدرسه استفاده کنید"
    assert 'data-testid="guidance"' in page.content.decode()
    assert "start_work" in [a["action"] for a in page.context["action_forms"]]


@pytest.mark.django_db
def test_three_referred_issues_merged_at_county_and_resolved_at_once(
    world, chain, topic, county_secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    from accounts.roles import Role
    from tests import factories as f

    forums, facilitators = [], []
    for index in range(3):
        neighborhood = f.NeighborhoodFactory(county=world.county_a1, name=f"محله {index}")
        club = f.ClubFactory(neighborhood=neighborhood)
        user = f.UserFactory(username=f"fac{index}", email=f"fac{index}@example.org")
        f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=club)
        forums.append(services.forum_for_neighborhood(neighborhood))
        facilitators.append(user)
    issues = []
    for forum, user in zip(forums, facilitators, strict=True):
        issue = raise_issue(
            forum, user, title=f"مواد در پارک {forum.neighborhood.name}", category=topic
        )
        issues.append(services.issue_refer_up(issue=issue, by=user, reason="نیاز به نیروی انتظامی"))

    rollup = services.issue_merge(
        forum=chain.county_a1, by=county_secretariat, issues=issues, title="مواد در پارک‌های شهرستان"
    )
    assert rollup.is_rollup and rollup.status == IssueStatus.IN_PROGRESS
    assert rollup.merged_issues.count() == 3
    assert set(rollup.merged_issues.values_list("origin_forum", flat=True)) == {
        f.pk for f in forums
    }
    assert "۳ مسئله از ۳ مجمع" in rollup.source_description
    for issue, user in zip(issues, facilitators, strict=True):
        issue.refresh_from_db()
        assert (issue.status, issue.merged_into) == (IssueStatus.MERGED, rollup)
        # each raising forum reads the roll-up item too
        assert Issue.objects.for_user(user).filter(pk=rollup.pk).exists()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_resolve(
            issue=rollup, by=county_secretariat, resolution="گشت مشترک و پاکسازی پارک‌ها"
        )
    for issue, user in zip(issues, facilitators, strict=True):
        issue.refresh_from_db()
        assert any(user.email in mail.to and issue.title in mail.body for mail in mailoutbox)
        assert issue.status == IssueStatus.RESOLVED
        assert issue.resolved_forum == chain.county_a1
        assert issue.resolution == "گشت مشترک و پاکسازی پارک‌ها"
        event = issue.events.get(kind=K.RESOLVED)
        assert event.related_issue == rollup and event.to_forum == issue.origin_forum
        assert "مواد در پارک‌های شهرستان" in event.note
    informed = {address for mail in mailoutbox for address in mail.to}
    assert informed == {"fac0@example.org", "fac1@example.org", "fac2@example.org"}


@pytest.mark.django_db
class TestInvalidTransitions:
    def snapshot(self, issue):
        issue = Issue.objects.get(pk=issue.pk)
        return (issue.status, issue.current_forum_id, issue.referred_from_id, issue.events.count())

    def test_refused_with_persian_message_and_nothing_changes(
        self, chain, facilitator, county_secretariat, ministry_admin
    ):
        issue = raise_issue(chain.nb_a1, facilitator)
        cases = [
            (services.issue_accept, {"by": facilitator}, "پذیرفته"),
            (services.issue_return, {"by": facilitator, "guidance": "x"}, "ارجاع نشده"),
            (services.issue_resolve, {"by": facilitator, "resolution": "  "}, "راه‌حل"),
            (services.issue_refer_up, {"by": facilitator, "reason": ""}, "دلیل ارجاع"),
            (
                services.issue_refer_up,
                {"by": facilitator, "reason": "x", "due_on": timezone.localdate()},
                "پس از امروز",
            ),
            (
                services.issue_prioritize,
                {"by": facilitator, "severity": 6, "reach": 1, "feasibility": 1},
                "بین ۱ و ۵",
            ),
        ]
        for action, kwargs, words in cases:
            before = self.snapshot(issue)
            with pytest.raises(IssueTransitionError) as error:
                action(issue=issue, **kwargs)
            assert words in error.value.messages[0], action
            assert self.snapshot(issue) == before

        services.issue_refer_up(issue=issue, by=facilitator, reason="x")
        before = self.snapshot(issue)
        with pytest.raises(IssueTransitionError, match="نخست بپذیرید"):
            services.issue_start_work(issue=issue, by=county_secretariat)
        services.issue_resolve(issue=issue, by=county_secretariat, resolution="حل شد")
        before = self.snapshot(issue)
        for action, kwargs in [
            (services.issue_refer_up, {"reason": "x"}),
            (services.issue_resolve, {"resolution": "x"}),
            (services.issue_accept, {}),
            (services.issue_start_work, {}),
        ]:
            with pytest.raises(IssueTransitionError, match="حل شده و بسته است"):
                action(issue=issue, by=county_secretariat, **kwargs)
        assert self.snapshot(issue) == before

    def test_supreme_council_has_nothing_above(self, chain, ministry_admin):
        issue = raise_issue(chain.supreme, ministry_admin)
        with pytest.raises(IssueTransitionError, match="بالاترین سطح"):
            services.issue_refer_up(issue=issue, by=ministry_admin, reason="x")
        national = raise_issue(chain.national, ministry_admin)
        services.issue_refer_up(issue=national, by=ministry_admin, reason="مصوبه شورای عالی")
        national.refresh_from_db()
        assert national.current_forum == chain.supreme

    def test_others_may_not_act(
        self, chain, facilitator, county_secretariat, staff_a, ministry_admin
    ):
        issue = raise_issue(chain.nb_a1, facilitator)
        for user in (county_secretariat, staff_a, ministry_admin):
            with pytest.raises(PermissionDenied):
                services.issue_resolve(issue=issue, by=user, resolution="x")
        services.issue_refer_up(issue=issue, by=facilitator, reason="x")
        with pytest.raises(PermissionDenied):
            services.issue_accept(issue=issue, by=facilitator)  # no longer at their forum
        assert Issue.objects.get(pk=issue.pk).status == IssueStatus.REFERRED

    def test_merge_refuses_closed_or_elsewhere(self, chain, facilitator, county_secretariat):
        here = services.issue_refer_up(
            issue=raise_issue(chain.nb_a1, facilitator), by=facilitator, reason="x"
        )
        elsewhere = raise_issue(chain.nb_a1, facilitator)
        with pytest.raises(IssueTransitionError, match="اکنون در این مجمع نیست"):
            services.issue_merge(
                forum=chain.county_a1, by=county_secretariat, issues=[here, elsewhere], title="t"
            )
        with pytest.raises(IssueTransitionError, match="دست‌کم دو"):
            services.issue_merge(
                forum=chain.county_a1, by=county_secretariat, issues=[here], title="t"
            )
        assert Issue.objects.count() == 2
        assert Issue.objects.get(pk=here.pk).status == IssueStatus.REFERRED

    def test_refer_sets_due_date_for_the_level_above(self, chain, facilitator):
        issue = raise_issue(chain.nb_a1, facilitator)
        services.issue_refer_up(issue=issue, by=facilitator, reason="x")
        issue.refresh_from_db()
        assert issue.due_on == timezone.localdate() + dt.timedelta(days=services.REFERRAL_DAYS)
        assert issue.events.get(kind=K.REFERRED).due_on == issue.due_on
