"""A facilitator answers a campaign's questionnaire on a phone (360×740), one section
per screen, with conditional questions appearing as they apply, and submits; the
university's staff then see the response counted in the progress and the results."""

import pytest
from playwright.sync_api import expect

from tests.surveys import factories as sf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_fills_on_a_phone_and_the_university_sees_it(
    browser, live_server, sign_in, phone_context_args, artifacts_dir, world, facilitator, staff_a
):
    sf.ensure_topics()
    questionnaire = sf.make_questionnaire(sf.all_types_spec("پرسشنامه پویش آزمایشی"))
    campaign = sf.make_campaign(
        questionnaire,
        [world.club_a1, world.club_a2],
        owner=world.university_a,
        target=2,
        title="پویش آزمایشی",
    )

    phone = browser.new_context(**phone_context_args, locale="fa-IR", timezone_id="Asia/Tehran")
    page = phone.new_page()
    sign_in(page, "facilitator", "pass-1234")
    page.goto(f"{live_server.url}/surveys/campaigns/")
    page.get_by_test_id("start-response").first.click()
    page.get_by_label("برچسب پاسخ‌دهنده (اختیاری)").fill("بانوی میانسال")
    page.get_by_test_id("begin").click()

    form = page.get_by_test_id("response-form")
    expect(form).to_be_visible()
    # One section per screen: the second section waits behind «بعدی».
    expect(page.get_by_text("بخش دوم")).to_be_hidden()
    expect(page.locator("[data-step-counter]")).to_have_text("بخش ۱ از ۲")
    page.get_by_label("نام", exact=True).fill("زهرا")
    page.get_by_label("سن").fill("۳۵")
    page.get_by_label("سبز").check()
    page.get_by_label("ماهی", exact=True).check()
    page.screenshot(path=str(artifacts_dir / "survey-phone-step-1.png"), full_page=True)
    page.get_by_role("button", name="بعدی").click()

    expect(page.get_by_text("بخش دوم")).to_be_visible()
    cigarettes = page.locator('[data-field="q_cigarettes"]')
    fish_kind = page.locator('[data-field="q_fish_kind"]')
    expect(cigarettes).to_be_hidden()
    expect(fish_kind).to_be_visible()  # shown because «ماهی» was chosen on the first screen
    page.get_by_label("موافقم", exact=True).check()
    page.get_by_label("بله").check()
    expect(cigarettes).to_be_visible()
    page.get_by_label("روزی چند نخ؟").fill("۲۰۰")
    page.get_by_label("چه ماهی‌ای؟").fill("قزل‌آلا")
    page.screenshot(path=str(artifacts_dir / "survey-phone-step-2.png"), full_page=True)
    page.get_by_test_id("submit-response").click()

    # 200 is above the bound: the server says so in Persian and opens the right screen.
    expect(page.get_by_text("مقدار باید حداکثر ۱۰۰ باشد.")).to_be_visible()
    page.get_by_label("روزی چند نخ؟").fill("۱۲")
    page.get_by_test_id("submit-response").click()
    expect(page.get_by_text("پاسخ ثبت نهایی شد")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone.close()

    desk = browser.new_context(locale="fa-IR", timezone_id="Asia/Tehran")
    page = desk.new_page()
    sign_in(page, "staff_a", "pass-1234")
    page.goto(f"{live_server.url}/surveys/campaigns/{campaign.pk}/")
    expect(page.locator('[data-stat="submitted"]')).to_have_text("۱")
    expect(
        page.locator(f'[data-club="{world.club_a1.pk}"] [data-testid="club-submitted"]')
    ).to_have_text("۱")
    page.get_by_test_id("results-link").click()
    expect(page.get_by_test_id("response-count")).to_have_text("۱ پاسخ ثبت‌شده")
    green = page.locator('[data-question="color"] [data-option="green"] [data-testid="count"]')
    expect(green).to_have_text("۱")
    expect(page.locator('[data-question="cigarettes"] [data-testid="mean"]')).to_have_text("۱۲٫۰۰")
    expect(page.locator('canvas[data-chart="chart-color"]')).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "survey-results-university.png"), full_page=True)
    desk.close()
