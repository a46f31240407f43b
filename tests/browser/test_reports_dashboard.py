"""A ministry admin opens the national dashboard in Chromium, sees the map of the 31
provinces, and drills down province → university → county → club. The run leaves a
screenshot of the dashboard and a PNG of a monitoring report's first PDF page in
test-artifacts/ for a person to look at."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clubs.models import MeetingKind
from core.periods import JalaliMonth
from tests.conftest import _user_with_role
from tests.reports import factories as rf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national_data(world):
    from reports.services import summaries_rebuild

    today = timezone.localdate()
    month = JalaliMonth.of(today)
    for club, meetings in ((world.club_a1, 4), (world.club_a2, 2), (world.club_b1, 3)):
        club.founded_on = month.previous().previous().start
        club.save()
        for i in range(meetings):
            rf.MeetingFactory(
                club=club, held_on=today - dt.timedelta(days=7 * i), kind=MeetingKind.CLUB
            )
        for i in range(5):
            rf.MembershipFactory(club=club, joined_on=club.founded_on + dt.timedelta(days=i))
    summaries_rebuild(today=today)
    return world


def test_ministry_admin_drills_down_from_the_map_to_a_club(
    page, live_server, sign_in, artifacts_dir, national_data
):
    from accounts.roles import Role

    _user_with_role("ministry_admin", Role.MINISTRY_ADMIN)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "ministry_admin", "pass-1234")

    page.get_by_role("button", name="گزارش‌ها").click()  # the navigation menu
    page.get_by_role("link", name="داشبورد").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("داشبورد ملی کانون‌های سلامت محله")
    provinces = page.locator('svg[data-testid="iran-map"] path[data-province]')
    expect(provinces).to_have_count(31)
    expect(page.locator('[data-stat="meetings"] .stat-value')).not_to_have_text("۰")
    page.locator("#trend-chart").wait_for()
    page.wait_for_timeout(500)  # let Chart.js draw before the screenshot
    page.screenshot(path=str(artifacts_dir / "reports-national-dashboard.png"), full_page=True)

    # Click Tehran on the map (official code 23) where a person would: a point inside
    # its outline (data-x/data-y, in the map's own units).
    tehran = page.locator('svg[data-testid="iran-map"] path[data-province="23"]')
    page.get_by_test_id("iran-map").scroll_into_view_if_needed()
    box = page.get_by_test_id("iran-map").bounding_box()
    view_width = float(page.get_by_test_id("iran-map").get_attribute("viewBox").split()[2])
    scale = box["width"] / view_width
    x = float(tehran.get_attribute("data-x")) * scale + box["x"]
    y = float(tehran.get_attribute("data-y")) * scale + box["y"]
    page.mouse.click(x, y)
    expect(page.get_by_test_id("dashboard-title")).to_have_text("داشبورد استان تهران")
    page.get_by_test_id("children-table").get_by_role("link", name="دانشگاه علوم پزشکی الف").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("دانشگاه علوم پزشکی الف")
    page.get_by_test_id("children-table").get_by_role("link", name="تهران").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("داشبورد شهرستان تهران")
    page.get_by_test_id("children-table").get_by_role("link", name="کانون دروازه غار").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("کانون دروازه غار")
    expect(page.get_by_test_id("breadcrumbs")).to_contain_text("دانشگاه علوم پزشکی الف")
    expect(page.locator('[data-stat="members"] .stat-value')).to_have_text("۵")


def test_a_report_is_requested_and_its_first_pdf_page_saved(
    page, live_server, sign_in, artifacts_dir, national_data, tmp_path, settings
):
    from accounts.roles import Role
    from reports.models import MonitoringReport

    settings.MEDIA_ROOT = tmp_path
    _user_with_role("staff_a", Role.UNIVERSITY_STAFF, university=national_data.university_a)
    sign_in(page, "staff_a", "pass-1234")
    page.goto(f"{live_server.url}/reports/archive/")
    form = page.get_by_test_id("request-form")
    form.get_by_label("محدوده").select_option(label="دانشگاه علوم پزشکی الف")
    month = JalaliMonth.of(timezone.localdate())
    form.get_by_label("دوره (ماه یا فصل)").select_option(value=month.key)
    form.get_by_role("button", name="تهیه گزارش").click()
    row = page.locator("tr[data-status]").first
    expect(row).to_have_attribute("data-status", "done", timeout=30000)
    expect(row).to_contain_text(month.label)

    report = MonitoringReport.objects.get(period_key=month.key)
    pdf = artifacts_dir / "reports-university-report.pdf"
    with report.pdf.open("rb") as handle:
        pdf.write_bytes(handle.read())
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(artifacts_dir / "reports-university-report-page1"),
            ],
            check=True,
        )
        assert (artifacts_dir / "reports-university-report-page1.png").stat().st_size > 10_000
