"""In Chromium: a county forum secretariat opens the inbox of referred issues and
returns one with guidance; the neighborhood forum's facilitator then sees it."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from forums import services
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_county_returns_a_referred_issue_with_guidance(page, live_server, sign_in, artifacts_dir):
    province = f.ProvinceFactory(code="23", name="تهران")
    university = f.UniversityFactory(name="دانشگاه علوم پزشکی تهران", province=province)
    county = f.CountyFactory(name="تهران", province=province, university=university)
    neighborhood = f.NeighborhoodFactory(county=county, name="دروازه غار")
    club = f.ClubFactory(neighborhood=neighborhood)
    secretariat = f.UserFactory(username="county_sec", first_name="فاطمه", last_name="نوری")
    f.RoleAssignmentFactory(user=secretariat, role=Role.COUNTY_SECRETARIAT, county=county)
    facilitator = f.UserFactory(username="facilitator", first_name="سارا", last_name="محمدی")
    f.RoleAssignmentFactory(user=facilitator, role=Role.FACILITATOR, club=club)
    forum = services.forum_for_neighborhood(neighborhood)
    for title in ("کمبود فضای ورزشی امن برای بانوان", "افزایش سگ‌های بلاصاحب"):
        issue = services.issue_raise(forum=forum, by=facilitator, title=title)
        services.issue_refer_up(issue=issue, by=facilitator, reason="محله زمین ورزشی ندارد")

    # The county secretariat: home → forums → its forum → inbox → the issue.
    sign_in(page, "county_sec", "pass-1234")
    page.get_by_role("link", name="مجامع سلامت").first.click()
    page.get_by_test_id("my-forums").get_by_role("link", name="مجمع سلامت شهرستان تهران").click()
    page.get_by_role("link", name="کارتابل مسائل").click()
    expect(page.get_by_test_id("waiting-count")).to_contain_text("۲ ارجاع در انتظار بررسی")
    table = page.get_by_test_id("issue-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    table.get_by_role("link", name="کمبود فضای ورزشی امن برای بانوان").click()
    expect(page.get_by_role("heading", name="کمبود فضای ورزشی امن برای بانوان")).to_be_visible()

    page.locator('[data-action="return"] summary').click()
    page.get_by_label("رهنمود برای مجمع سطح پایین‌تر").fill(
        "از سالن مدرسه محله در ساعات پس از مدرسه استفاده کنید؛ با آموزش و پرورش هماهنگ شده است."
    )
    page.locator('[data-action="return"]').get_by_role("button").click()
    expect(page.get_by_role("alert")).to_contain_text("بازگردانده شد")
    expect(page.get_by_test_id("timeline").locator('[data-event="returned"]')).to_have_count(1)
    expect(page.get_by_test_id("issue-actions")).to_have_count(0)  # no longer theirs to act on
    page.screenshot(path=str(artifacts_dir / "forum-county-returned.png"), full_page=True)

    page.get_by_role("button", name="خروج").click()

    # The neighborhood forum's facilitator sees the guidance on the issue, on a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "facilitator", "pass-1234")
    page.goto(f"{live_server.url}/forums/{forum.pk}/")
    row = page.get_by_test_id("issue-table").first.locator("tbody tr").first
    expect(row).to_contain_text("بازگشته با رهنمود")
    row.get_by_role("link").first.click()
    guidance = page.get_by_test_id("guidance")
    expect(guidance).to_contain_text("رهنمود مجمع سلامت شهرستان تهران")
    expect(guidance).to_contain_text("از سالن مدرسه محله")
    expect(page.get_by_test_id("issue-actions")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "forum-neighborhood-guidance.png"), full_page=True)
