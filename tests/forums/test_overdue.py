"""An issue referred up and not acted on by its due date is flagged once to the
secretariat above and to ministry admins."""

import datetime as dt

import pytest
from django.utils import timezone

from forums import services, tasks
from forums.models import IssueEventKind, OverdueFlag
from tests.forums.factories import raise_issue


@pytest.fixture
def referred(chain, facilitator):
    issue = raise_issue(chain.nb_a1, facilitator, title="قطع آب")
    due = timezone.localdate() + dt.timedelta(days=10)
    return services.issue_refer_up(issue=issue, by=facilitator, reason="شرکت آب", due_on=due)


@pytest.mark.django_db
class TestOverdue:
    def test_flagged_once_and_notified_once(
        self,
        referred,
        county_secretariat,
        ministry_admin,
        facilitator,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        county_secretariat.email = "county@example.org"
        county_secretariat.save()
        ministry_admin.email = "ministry@example.org"
        ministry_admin.save()
        day = referred.due_on + dt.timedelta(days=1)
        assert services.issues_flag_overdue(today=referred.due_on) == 0  # due today: not yet
        with django_capture_on_commit_callbacks(execute=True):
            assert services.issues_flag_overdue(today=day) == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert services.issues_flag_overdue(today=day) == 0
            assert services.issues_flag_overdue(today=day + dt.timedelta(days=3)) == 0
        assert OverdueFlag.objects.count() == 1
        assert referred.events.filter(kind=IssueEventKind.OVERDUE).count() == 1
        overdue_mail = [m for m in mailoutbox if "گذشت مهلت" in m.subject]
        assert len(overdue_mail) == 1
        assert set(overdue_mail[0].to) == {"county@example.org", "ministry@example.org"}

    def test_acting_on_it_clears_it(self, referred, county_secretariat):
        services.issue_accept(issue=referred, by=county_secretariat)
        later = referred.due_on + dt.timedelta(days=5)
        assert services.issues_flag_overdue(today=later) == 0

    def test_a_new_referral_can_be_flagged_again(self, referred, county_secretariat, facilitator):
        services.issues_flag_overdue(today=referred.due_on + dt.timedelta(days=1))
        services.issue_return(
            issue=referred, by=county_secretariat, guidance="اطلاعات بیشتر بفرستید"
        )
        again = services.issue_refer_up(
            issue=referred,
            by=facilitator,
            reason="اطلاعات پیوست شد",
            due_on=timezone.localdate() + dt.timedelta(days=20),
        )
        assert services.issues_flag_overdue(today=again.due_on + dt.timedelta(days=1)) == 1
        assert OverdueFlag.objects.count() == 2

    def test_daily_task_is_thin_and_idempotent(self, referred, settings):
        from forums.models import Issue

        Issue.objects.filter(pk=referred.pk).update(
            due_on=timezone.localdate() - dt.timedelta(days=1)
        )
        assert tasks.flag_overdue_issues.delay().get() == 1
        assert tasks.flag_overdue_issues.delay().get() == 0
        assert "forums-flag-overdue-issues" in settings.CELERY_BEAT_SCHEDULE

    def test_overdue_comes_first_in_the_inbox(
        self, chain, facilitator, county_secretariat, referred
    ):
        from forums.models import Issue
        from forums.selectors import forum_inbox

        fresh = services.issue_refer_up(
            issue=raise_issue(chain.nb_a1, facilitator, title="تازه"), by=facilitator, reason="x"
        )
        mine = raise_issue(
            chain.county_a1, county_secretariat, title="مسئله خود شهرستان", severity=5
        )
        Issue.objects.filter(pk=referred.pk).update(
            due_on=timezone.localdate() - dt.timedelta(days=2)
        )
        order = [issue.pk for issue in forum_inbox(chain.county_a1)]
        assert order == [referred.pk, fresh.pk, mine.pk]
