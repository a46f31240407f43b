"""Other apps plug in as metric sources: their numbers land in `extra`, roll up to
every level, reach the reports, and make their dashboard panels appear."""

import datetime as dt

import pytest
from django.urls import reverse

from core.periods import JalaliMonth
from reports.metrics import (
    STOCK,
    Metric,
    active_panels,
    register_metric_source,
    unregister_metric_source,
)
from reports.models import ClubMonthSummary, NationMonthSummary, ProvinceMonthSummary
from reports.services import summaries_rebuild, summary_refresh_club_month


class FakeRollout:
    """What clubs.rollout will provide: clubs per phase (one phase per club-month)."""

    name = "rollout"
    label = "استقرار"
    panels = frozenset({"phase_distribution"})
    metrics = tuple(Metric(f"rollout_phase_{i}", f"مرحله {i}", STOCK) for i in range(1, 5))

    def __init__(self, phases):
        self.phases = phases  # club id → phase

    def compute(self, *, club_ids, months, today):
        return {
            (club_id, m.key): {f"rollout_phase_{phase}": 1}
            for club_id, phase in self.phases.items()
            if club_ids is None or club_id in club_ids
            for m in months
        }


@pytest.fixture
def rollout(activity):
    source = FakeRollout({activity.club_a1.pk: 2, activity.club_a2.pk: 2, activity.club_b1.pk: 1})
    register_metric_source(source)
    yield source
    unregister_metric_source("rollout")


@pytest.mark.django_db
class TestPlugIn:
    def test_values_roll_up_through_extra(self, rollout, activity, today):
        summaries_rebuild(today=today)
        club = ClubMonthSummary.objects.get(club=activity.club_a1, month="1403-03")
        assert club.extra == {"rollout_phase_2": 1}
        nation = NationMonthSummary.objects.get(month="1403-03")
        assert nation.extra == {"rollout_phase_1": 1, "rollout_phase_2": 2}
        tehran = ProvinceMonthSummary.objects.get(province=activity.province_1, month="1403-03")
        assert tehran.extra == {"rollout_phase_2": 2}

    def test_incremental_refresh_keeps_extra(self, rollout, activity, today):
        summaries_rebuild(today=today)
        rollout.phases[activity.club_b1.pk] = 3
        summary_refresh_club_month(
            club_id=activity.club_b1.pk, month=JalaliMonth(1403, 3), today=today
        )
        nation = NationMonthSummary.objects.get(month="1403-03")
        assert nation.extra == {"rollout_phase_2": 2, "rollout_phase_3": 1}

    def test_panel_appears_only_when_registered(
        self, activity, today, login, ministry_admin, monkeypatch
    ):
        from reports import selectors

        monkeypatch.setattr(selectors, "current_month", lambda today_=None: JalaliMonth.of(today))
        summaries_rebuild(today=today)
        client = login(ministry_admin)
        html = client.get(reverse("reports:national")).content.decode()
        assert 'data-testid="panel-phase_distribution"' not in html
        register_metric_source(FakeRollout({activity.club_a1.pk: 4}))
        try:
            summaries_rebuild(today=today)
            assert [p.key for p in active_panels()] == ["phase_distribution"]
            html = client.get(reverse("reports:national")).content.decode()
            assert 'data-testid="panel-phase_distribution"' in html
            assert "مرحله ۴" in html or "مرحله 4" in html
        finally:
            unregister_metric_source("rollout")

    def test_a_clashing_key_is_refused(self):
        class Clash(FakeRollout):
            name = "other"

        register_metric_source(FakeRollout({}))
        try:
            with pytest.raises(ValueError):
                register_metric_source(Clash({}))
        finally:
            unregister_metric_source("rollout")

    def test_reports_list_plugged_in_metrics(self, rollout, activity, today):
        from reports.models import MonitoringReport
        from reports.selectors import report_content

        summaries_rebuild(today=today)
        report = MonitoringReport(
            university=activity.university_a, period_kind="month", period_key="1403-03"
        )
        content = report_content(report)
        assert ("rollout_phase_2", "مرحله 2", 2) in content.extra_rows
        assert dt.date(2024, 6, 15) in JalaliMonth(1403, 3)
