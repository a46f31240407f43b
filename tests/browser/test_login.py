"""A person signs in through the real login page in Chromium and lands on their
role's home page, right to left and in Persian."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_university_staff_sign_in_and_see_their_home(page, live_server, sign_in, artifacts_dir):
    university = f.UniversityFactory(name="دانشگاه علوم پزشکی الف")
    county = f.CountyFactory(university=university, province=university.province)
    f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=county))
    f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=county))
    f.ClubFactory()  # another university's club: not counted
    user = f.UserFactory(username="staff_a", first_name="علی", last_name="رضایی")
    f.RoleAssignmentFactory(user=user, role=Role.UNIVERSITY_STAFF, university=university)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="ورود به سامانه")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"

    sign_in(page, "staff_a", "pass-1234")

    expect(page.get_by_role("heading", name="خوش آمدید، علی رضایی")).to_be_visible()
    expect(page.get_by_test_id("role-label")).to_have_text(str(Role.UNIVERSITY_STAFF.label))
    expect(page.locator('[data-stat="clubs"] .stat-value')).to_have_text("۲")
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in font
    page.screenshot(path=str(artifacts_dir / "home-university-staff.png"), full_page=True)


def test_wrong_password_shows_persian_error(page, live_server):
    f.UserFactory(username="someone")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("نام کاربری یا ایمیل").fill("someone")
    page.get_by_label("گذرواژه").fill("not-the-password")
    page.get_by_role("button", name="ورود").click()
    expect(page.get_by_role("alert")).to_contain_text("نادرست")
