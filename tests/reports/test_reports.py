"""Monitoring reports: the daily run makes each due report once (and catches up),
the PDF says the university's Persian name and the period, the XLSX numbers are the
summaries' numbers, tasks retry and never make two reports of one period, and the
archive and files are scoped."""

import datetime as dt
import io
import re
import unicodedata

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.periods import JalaliMonth, JalaliSeason, period_from_key
from reports.models import (
    MonitoringReport,
    ReportNotice,
    ReportStatus,
    UniversityMonthSummary,
)
from reports.selectors import period_figures
from reports.services import (
    report_ensure,
    reports_due_periods,
    reports_generate_due,
    summaries_rebuild,
)
from tests import factories as f

# 1403/04/02: Khordad 1403 and spring 1403 have just ended.
AFTER_KHORDAD = dt.date(2024, 6, 22)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ready(activity, today, staff_a, staff_b, ministry_admin):
    summaries_rebuild(today=today)
    return activity


@pytest.fixture
def fast_pdf(monkeypatch):
    """Tests of scheduling, archive and permissions need a PDF, not a real one
    (WeasyPrint takes about a second per report); TestReportFiles renders real ones."""
    from reports import pdf

    monkeypatch.setattr(pdf, "render_report_pdf", lambda content: b"%PDF-1.7 test")


def pdf_text(report) -> str:
    report.pdf.open("rb")
    try:
        reader = PdfReader(io.BytesIO(report.pdf.read()))
    finally:
        report.pdf.close()
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Persian text as extracted from a PDF: presentation forms → letters, no spaces
    or joiners (shaping and line breaking move them)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200c\u200f\u200e]", "", text)


def has(text: str, phrase: str) -> bool:
    text, phrase = squash(text), squash(phrase)
    return phrase in text or phrase[::-1] in text


@pytest.mark.django_db
class TestDuePeriods:
    def test_previous_month_and_season_in_tehran_time(self, ready):
        due = reports_due_periods(AFTER_KHORDAD)
        assert JalaliMonth(1403, 3) in due and JalaliMonth(1403, 2) in due
        assert JalaliSeason(1403, 1) in due
        assert JalaliMonth(1403, 4) not in due  # in progress

    def test_nothing_before_the_programme_started(self, ready):
        # The first data is a membership of 1402/09/10 (Azar); on 1402/10/05 Aban is
        # not due (no data), Azar and autumn are.
        assert reports_due_periods(dt.date(2023, 12, 26)) == [
            JalaliMonth(1402, 9),
            JalaliSeason(1402, 3),
        ]


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_pdf")
class TestDailyRun:
    def test_each_due_report_once_then_none(self, ready, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            queued = reports_generate_due(today=AFTER_KHORDAD)
        # Two months and one season; for the nation and the two universities with clubs.
        assert len(queued) == 9
        reports = MonitoringReport.objects.all()
        assert reports.count() == 9
        assert set(reports.values_list("status", flat=True)) == {ReportStatus.DONE}, set(
            reports.values_list("error", flat=True)
        )
        keys = {(r.university_id, r.period_key) for r in reports}
        assert (ready.university_a.pk, "1403-03") in keys
        assert (None, "1403-S1") in keys
        with django_capture_on_commit_callbacks(execute=True):
            assert reports_generate_due(today=AFTER_KHORDAD) == []
        assert MonitoringReport.objects.count() == 9

    def test_catch_up_after_missed_days(self, ready, django_capture_on_commit_callbacks):
        # The run of 1403/03/02 made Ordibehesht's reports; beat then missed a month.
        with django_capture_on_commit_callbacks(execute=True):
            reports_generate_due(today=dt.date(2024, 5, 23))
        assert set(MonitoringReport.objects.values_list("period_key", flat=True)) >= {"1403-02"}
        assert not MonitoringReport.objects.filter(period_key="1403-03").exists()
        with django_capture_on_commit_callbacks(execute=True):
            queued = reports_generate_due(today=dt.date(2024, 7, 1))  # 1403/04/11
        assert {r.period_key for r in queued} == {"1403-03", "1403-S1"}
        assert MonitoringReport.objects.filter(period_key="1403-02").count() == 3

    def test_the_command_runs_the_same(self, ready, django_capture_on_commit_callbacks):
        from django.core.management import call_command

        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("generate_reports", today="1403/04/02", stdout=out)
        assert "9 report(s) queued" in out.getvalue()
        call_command("generate_reports", today="1403/04/02", stdout=out)
        assert "0 report(s) queued" in out.getvalue()

    def test_staff_are_emailed_and_notified(
        self, ready, staff_a, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            reports_generate_due(today=AFTER_KHORDAD)
        to_staff_a = [m for m in mail.outbox if staff_a.email in m.to]
        assert len(to_staff_a) == 3  # Khordad, Ordibehesht, spring
        assert all(m.attachments[0][2] == "application/pdf" for m in to_staff_a)
        assert "دانشگاه علوم پزشکی الف" in to_staff_a[0].subject
        assert ReportNotice.objects.filter(user=staff_a).count() == 3


@pytest.mark.django_db
class TestOneReportPerPeriod:
    def test_database_refuses_a_second(self, ready):
        MonitoringReport.objects.create(
            university=ready.university_a, period_kind="month", period_key="1403-02"
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            MonitoringReport.objects.create(
                university=ready.university_a, period_kind="month", period_key="1403-02"
            )
        MonitoringReport.objects.create(period_kind="month", period_key="1403-02")
        with pytest.raises(IntegrityError), transaction.atomic():
            MonitoringReport.objects.create(period_kind="month", period_key="1403-02")

    def test_ensure_twice_queues_once(self, ready, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _first, queued_1 = report_ensure(
                university_id=ready.university_a.pk, period=JalaliMonth(1403, 2)
            )
            _second, queued_2 = report_ensure(
                university_id=ready.university_a.pk, period=JalaliMonth(1403, 2)
            )
        assert (queued_1, queued_2) == (True, False)
        assert len(callbacks) == 1

    def test_a_failing_task_retries_then_is_marked_failed_and_can_be_requested_again(
        self, ready, monkeypatch, django_capture_on_commit_callbacks
    ):
        from reports import pdf

        calls = []

        def broken(content):
            calls.append(1)
            raise RuntimeError("Pango is missing")

        monkeypatch.setattr(pdf, "render_report_pdf", broken)
        # Eager tasks retry in-process only when they do not propagate errors (as on a
        # worker); the quick start (propagating) fails at once, tested below.
        from config.celery_app import app

        monkeypatch.setitem(app.conf, "task_eager_propagates", False)
        with django_capture_on_commit_callbacks(execute=True):
            report, _ = report_ensure(
                university_id=ready.university_a.pk, period=JalaliMonth(1403, 2)
            )
        report.refresh_from_db()
        assert len(calls) == 4  # the first try and three retries
        assert report.status == ReportStatus.FAILED
        assert "Pango" in report.error
        monkeypatch.undo()
        with django_capture_on_commit_callbacks(execute=True):
            again, queued = report_ensure(
                university_id=ready.university_a.pk, period=JalaliMonth(1403, 2)
            )
        again.refresh_from_db()
        assert queued and again.pk == report.pk and again.status == ReportStatus.DONE
        assert MonitoringReport.objects.count() == 1

    def test_quick_start_failure_does_not_break_the_request(
        self, ready, monkeypatch, django_capture_on_commit_callbacks
    ):
        from reports import pdf

        monkeypatch.setattr(pdf, "render_report_pdf", lambda content: 1 / 0)
        with django_capture_on_commit_callbacks(execute=True):
            report, _ = report_ensure(
                university_id=ready.university_b.pk, period=JalaliMonth(1403, 1)
            )
        report.refresh_from_db()
        assert report.status == ReportStatus.FAILED and report.attempts == 1


@pytest.mark.django_db
class TestReportFiles:
    @pytest.fixture
    def made(self, request, ready, django_capture_on_commit_callbacks):
        """The real PDF and XLSX of the reports a test names in its `reports` marker."""
        wanted = request.node.get_closest_marker("reports").args
        with django_capture_on_commit_callbacks(execute=True):
            for scope, key in wanted:
                university = getattr(ready, scope).pk if scope else None
                report_ensure(university_id=university, period=period_from_key(key))
        return ready

    @pytest.mark.reports(("university_a", "1403-03"))
    def test_pdf_names_the_university_and_the_period(self, made):
        report = MonitoringReport.objects.get(university=made.university_a, period_key="1403-03")
        text = pdf_text(report)
        assert has(text, "دانشگاه علوم پزشکی الف")
        assert has(text, "خرداد")
        assert has(text, "۱۴۰۳")
        assert has(text, "گزارش پایش ماهانه")
        assert not has(text, "دانشگاه علوم پزشکی ب")

    @pytest.mark.reports(("university_b", "1403-S1"))
    def test_seasonal_pdf_names_the_season(self, made):
        report = MonitoringReport.objects.get(university=made.university_b, period_key="1403-S1")
        text = pdf_text(report)
        assert has(text, "دانشگاه علوم پزشکی ب")
        assert has(text, "بهار")
        assert has(text, "گزارش پایش فصلی")

    @pytest.mark.reports(("university_a", "1403-S1"))
    def test_xlsx_numbers_are_the_summaries(self, made):
        report = MonitoringReport.objects.get(university=made.university_a, period_key="1403-S1")
        report.xlsx.open("rb")
        book = load_workbook(io.BytesIO(report.xlsx.read()))
        report.xlsx.close()
        values = {row[1]: row[2] for row in book["خلاصه"].iter_rows(min_row=2, values_only=True)}
        rows = {
            r.month: r for r in UniversityMonthSummary.objects.filter(university=made.university_a)
        }
        expected = period_figures(rows, JalaliSeason(1403, 1))
        for key in ("meetings", "members_female", "members_male", "members_new", "clubs_active"):
            assert values[key] == expected[key], key
        # Flows add up the season's three months; stocks are Khordad's.
        assert values["meetings"] == sum(
            rows[k].meetings for k in ("1403-01", "1403-02", "1403-03")
        )
        assert values["members_female"] == rows["1403-03"].members_female
        counties = {row[0]: row for row in book["شهرستان"].iter_rows(min_row=2, values_only=True)}
        assert set(counties) == {"تهران", "اسلامشهر"}

    @pytest.mark.reports((None, "1403-03"))
    def test_national_pdf_names_the_nation_and_its_provinces(self, made):
        report = MonitoringReport.objects.get(university=None, period_key="1403-03")
        text = pdf_text(report)
        assert has(text, "کل کشور")
        assert has(text, "خراسان") and has(text, "تهران")  # the table by province


def archive_url():
    return reverse("reports:archive")


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_pdf")
class TestArchiveAndDownloads:
    @pytest.fixture
    def made(self, ready, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            reports_generate_due(today=AFTER_KHORDAD)
        return ready

    @pytest.mark.parametrize(
        ("user_fixture", "scopes"),
        [
            ("ministry_admin", {None, "univ-a", "univ-b"}),
            ("staff_a", {"univ-a"}),
            ("staff_b", {"univ-b"}),
            ("province_secretariat", {"univ-a"}),
        ],
    )
    def test_each_role_sees_its_reports(self, request, login, made, user_fixture, scopes):
        response = login(request.getfixturevalue(user_fixture)).get(archive_url())
        assert response.status_code == 200
        shown = {r.university.code if r.university_id else None for r in response.context["page"]}
        assert shown == scopes

    @pytest.mark.parametrize(
        "user_fixture", ["county_secretariat", "facilitator", "club_secretary", "outsider"]
    )
    def test_others_are_refused(self, request, login, made, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        report = MonitoringReport.objects.filter(university=made.university_a).first()
        assert client.get(archive_url()).status_code == 403
        assert (
            client.get(reverse("reports:report_file", args=[report.pk, "pdf"])).status_code == 404
        )

    def test_anonymous_is_sent_to_login(self, client, made):
        assert client.get(archive_url()).status_code == 302

    def test_downloads_in_scope_and_404_outside(self, login, made, staff_a, staff_b):
        mine = MonitoringReport.objects.get(university=made.university_a, period_key="1403-03")
        response = login(staff_a).get(reverse("reports:report_file", args=[mine.pk, "pdf"]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        response = login(staff_a).get(reverse("reports:report_file", args=[mine.pk, "xlsx"]))
        assert response.status_code == 200
        assert (
            login(staff_b).get(reverse("reports:report_file", args=[mine.pk, "pdf"])).status_code
            == 404
        )
        national = MonitoringReport.objects.get(university=None, period_key="1403-03")
        assert (
            login(staff_a)
            .get(reverse("reports:report_file", args=[national.pk, "pdf"]))
            .status_code
            == 404
        )
        assert (
            login(staff_a).get(reverse("reports:report_row", args=[national.pk])).status_code == 404
        )

    def test_archive_marks_notices_read(self, login, made, staff_a):
        response = login(staff_a).get(archive_url())
        assert response.context["unread"] == 3
        assert login(staff_a).get(archive_url()).context["unread"] == 0

    def test_archive_query_budget(self, login, made, ministry_admin, django_assert_max_num_queries):
        client = login(ministry_admin)
        client.get(archive_url())
        for i in range(10):
            university = f.UniversityFactory(province=made.province_1)
            MonitoringReport.objects.create(
                university=university, period_kind="month", period_key=f"1402-{i + 1:02d}"
            )
        with django_assert_max_num_queries(12):
            assert client.get(archive_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_pdf")
class TestOnDemand:
    def test_staff_request_a_period_and_watch_it(
        self, login, ready, staff_a, django_capture_on_commit_callbacks
    ):
        client = login(staff_a)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("reports:request"),
                {"scope": str(ready.university_a.pk), "period": "1403-01"},
            )
        assert response.status_code == 302
        report = MonitoringReport.objects.get(university=ready.university_a, period_key="1403-01")
        assert report.origin == "request" and report.requested_by == staff_a
        # Eager in tests: done by the time the status row is polled.
        row = client.get(reverse("reports:report_row", args=[report.pk]))
        assert row.status_code == 200
        assert 'data-status="done"' in row.content.decode()
        assert "hx-trigger" not in row.content.decode()
        # Asking again makes no second report.
        client.post(
            reverse("reports:request"), {"scope": str(ready.university_a.pk), "period": "1403-01"}
        )
        assert MonitoringReport.objects.filter(period_key="1403-01").count() == 1

    def test_a_pending_row_polls(self, login, ready, staff_a):
        report = MonitoringReport.objects.create(
            university=ready.university_a, period_kind="month", period_key="1403-02"
        )
        html = login(staff_a).get(reverse("reports:report_row", args=[report.pk])).content.decode()
        assert 'hx-trigger="every 2s"' in html

    def test_staff_may_not_request_another_university_or_the_nation(self, login, ready, staff_a):
        client = login(staff_a)
        for scope in (str(ready.university_b.pk), "national"):
            response = client.post(
                reverse("reports:request"), {"scope": scope, "period": "1403-01"}
            )
            assert response.status_code == 302
        assert not MonitoringReport.objects.exists()

    def test_ministry_requests_a_national_season(
        self, login, ready, ministry_admin, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            login(ministry_admin).post(
                reverse("reports:request"), {"scope": "national", "period": "1402-S4"}
            )
        report = MonitoringReport.objects.get(university=None, period_key="1402-S4")
        assert report.status == ReportStatus.DONE and report.period_kind == "season"

    @pytest.mark.parametrize("period", ["1499-01", "1403-13", "x", "", "1403-S5"])
    def test_a_bad_period_is_refused_in_persian(self, login, ready, staff_a, period):
        response = login(staff_a).post(
            reverse("reports:request"),
            {"scope": str(ready.university_a.pk), "period": period},
            follow=True,
        )
        assert "درخواست گزارش پذیرفته نشد" in response.content.decode()
        assert not MonitoringReport.objects.exists()

    def test_persian_digits_in_the_period_are_accepted(
        self, login, ready, staff_a, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            login(staff_a).post(
                reverse("reports:request"),
                {"scope": str(ready.university_a.pk), "period": "۱۴۰۳-۰۲"},
            )
        assert MonitoringReport.objects.filter(period_key="1403-02").exists()

    @pytest.mark.parametrize("user_fixture", ["county_secretariat", "facilitator", "outsider"])
    def test_others_may_not_request(self, request, login, ready, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        response = client.post(
            reverse("reports:request"), {"scope": "national", "period": "1403-01"}
        )
        assert response.status_code == 403
        assert not MonitoringReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_pdf")
class TestLostTasks:
    def test_a_report_whose_task_was_lost_is_queued_again(
        self, ready, django_capture_on_commit_callbacks
    ):
        from django.utils import timezone

        report = MonitoringReport.objects.create(
            university=ready.university_a, period_kind="month", period_key="1403-03"
        )
        MonitoringReport.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - dt.timedelta(days=1)
        )
        with django_capture_on_commit_callbacks(execute=True):
            queued = reports_generate_due(today=AFTER_KHORDAD)
        assert report.pk in {r.pk for r in queued}
        report.refresh_from_db()
        assert report.status == ReportStatus.DONE
        assert MonitoringReport.objects.filter(period_key="1403-03").count() == 3

    def test_a_report_being_made_is_left_alone(self, ready, django_capture_on_commit_callbacks):
        from django.utils import timezone

        report = MonitoringReport.objects.create(
            university=ready.university_a,
            period_kind="month",
            period_key="1403-03",
            status=ReportStatus.RUNNING,
            started_at=timezone.now(),
        )
        _same, queued = report_ensure(
            university_id=ready.university_a.pk, period=JalaliMonth(1403, 3)
        )
        assert not queued
        from reports.services import report_generate

        assert report_generate(report_id=report.pk) is None  # another worker is on it
