"""In Chromium: university staff open the rollout board, open a club from its
strategy cell, verify one item and send another back with a comment; the
facilitator then signs in and finds the returned item and the comment."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from clubs.rollout.models import ActivityProgress, ProgressStatus
from tests import factories as f

from .conftest import set_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VERIFY_TITLE = "هویت بخشی به کانون سلامت محلات"
RETURN_TITLE = "جلسات با ذینفعان و ذیربطان"
COMMENT = "صورتجلسه امضا ندارد؛ نسخه امضاشده را بارگذاری کنید."


@pytest.fixture
def people():
    university = f.UniversityFactory(name="دانشگاه علوم پزشکی الف")
    county = f.CountyFactory(university=university, province=university.province, name="تهران")
    club = f.ClubFactory(
        neighborhood=f.NeighborhoodFactory(county=county, name="دروازه غار"),
        name="کانون دروازه غار",
    )
    f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=county, name="هرندی"))
    staff = f.UserFactory(username="staff_a", first_name="علی", last_name="رضایی")
    f.RoleAssignmentFactory(user=staff, role=Role.UNIVERSITY_STAFF, university=university)
    facilitator = f.UserFactory(username="facilitator", first_name="سارا", last_name="محمدی")
    f.RoleAssignmentFactory(user=facilitator, role=Role.FACILITATOR, club=club)
    set_status(club, "s04-a02", ProgressStatus.DONE)
    set_status(club, "s02-a01", ProgressStatus.DONE)
    return club


def test_staff_verify_and_send_back_then_facilitator_sees_it(
    page, live_server, sign_in, artifacts_dir, people
):
    club = people
    sign_in(page, "staff_a", "pass-1234")
    expect(page.locator('[data-stat="rollout_waiting"] .stat-value')).to_have_text("۲")

    page.get_by_role("button", name="استقرار").click()  # the navigation menu
    page.get_by_role("link", name="استقرار کانون‌ها").click()
    board = page.get_by_test_id("rollout-board")
    expect(board).to_be_visible()
    expect(board.get_by_role("link", name="کانون دروازه غار", exact=True)).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "rollout-board.png"), full_page=True)

    # The cell of strategy 4 says what it holds, in words, and opens the checklist there.
    cell = board.get_by_role("link", name=re.compile(r"^کانون دروازه غار، راهبرد ۴: ۱ از ۳"))
    cell.click()
    expect(page).to_have_url(re.compile(rf"/rollout/clubs/{club.pk}/#strategy-4$"))
    expect(page.get_by_role("heading", name="چک‌لیست استقرار کانون دروازه غار")).to_be_visible()

    page.get_by_role("link", name=VERIFY_TITLE).click()
    panel = page.get_by_test_id("verify-panel")
    panel.get_by_role("button", name="تأیید", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("تأیید شد")
    item = page.locator("#item-" + str(_pk(club, "s04-a02")))
    expect(item.locator('[data-status="verified"]')).to_be_visible()

    page.get_by_role("link", name=RETURN_TITLE).click()
    page.get_by_label("دلیل بازگرداندن").fill(COMMENT)
    page.get_by_role("button", name="بازگرداندن برای اصلاح").click()
    expect(page.get_by_test_id("sent-back-list")).to_contain_text(COMMENT)
    page.screenshot(path=str(artifacts_dir / "rollout-checklist-staff.png"), full_page=True)

    page.get_by_role("button", name="خروج").click()
    sign_in(page, "facilitator", "pass-1234")
    returned = page.get_by_test_id("home-sent-back")
    expect(returned).to_contain_text(RETURN_TITLE)
    expect(returned.get_by_test_id("home-sent-back-comment")).to_have_text(re.compile(COMMENT))
    expect(page.locator('[data-stat="rollout_sent_back"] .stat-value')).to_have_text("۱")
    page.screenshot(path=str(artifacts_dir / "rollout-home-facilitator.png"), full_page=True)

    returned.get_by_role("link", name=RETURN_TITLE).click()
    expect(page.get_by_test_id("sent-back-alert")).to_contain_text(COMMENT)
    expect(page.get_by_test_id("sent-back-alert")).to_contain_text("علی رضایی")

    progress = ActivityProgress.objects.get(club=club, activity__code="s02-a01")
    assert progress.sent_back and progress.sent_back_comment == COMMENT
    assert (
        ActivityProgress.objects.get(club=club, activity__code="s04-a02").status
        == ProgressStatus.VERIFIED
    )


def _pk(club, code):
    return ActivityProgress.objects.get(club=club, activity__code=code).pk
