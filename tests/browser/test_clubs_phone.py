"""A facilitator on a 360-px phone: signs in, opens their club, logs a meeting with
attendance ticks and an action item, and sees it on the club page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from clubs.models import ActionItem, Gender, Meeting
from core import jalali
from tests import factories as f
from tests.clubs.factories import MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args, phone_context_args):
    return {**browser_context_args, **phone_context_args}


def test_facilitator_logs_a_meeting_from_a_phone(page, live_server, sign_in, artifacts_dir):
    club = f.ClubFactory(name="کانون سلامت محله دروازه غار")
    f.ClubFactory()  # another club: not theirs
    names = ["زهرا احمدی", "مریم کریمی", "علی رضایی", "سارا نوری", "حسن موسوی", "لیلا صادقی"]
    for index, name in enumerate(names):
        first, last = name.split()
        MembershipFactory(
            club=club,
            person=PersonFactory(
                first_name=first,
                last_name=last,
                gender=Gender.MALE if first in ("علی", "حسن") else Gender.FEMALE,
            ),
            joined_on=dt.date(2024, 4, 1) + dt.timedelta(days=index),
        )
    user = f.UserFactory(username="facilitator", first_name="سارا", last_name="محمدی")
    f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=club)

    sign_in(page, "facilitator", "pass-1234")
    assert page.viewport_size == {"width": 360, "height": 740}

    # Home: my club with a one-tap "log a meeting"; open the club first.
    my_clubs = page.get_by_test_id("my-clubs")
    expect(my_clubs).to_contain_text("کانون سلامت محله دروازه غار")
    my_clubs.get_by_role("link", name="کانون سلامت محله دروازه غار").click()
    expect(page.get_by_role("heading", name="کانون سلامت محله دروازه غار")).to_be_visible()
    expect(page.get_by_test_id("last-meeting")).to_have_text("هنوز جلسه‌ای ثبت نشده")

    page.get_by_test_id("log-meeting").click()
    expect(page.get_by_role("heading", name="ثبت جلسه")).to_be_visible()
    today = jalali.format_date(timezone.localdate())
    expect(page.get_by_label("تاریخ جلسه")).to_have_value(today)

    # Attendance: select all, then untick one; the counter follows.
    counter = page.locator("[data-count]")
    expect(counter).to_have_text("۰")
    page.get_by_role("button", name="انتخاب همه").click()
    expect(counter).to_have_text("۶")
    page.locator(".attendee", has_text="حسن موسوی").click()
    expect(counter).to_have_text("۵")
    box = page.locator(".attendee").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a large target on a phone

    page.get_by_label("محل برگزاری").fill("سرای محله")
    plus = page.locator('[data-target="id_guests_female"][data-step="1"]')
    plus.click()
    plus.click()

    # One action item in the first row, a second row added and left empty.
    page.locator("#id_items-0-title").fill("پیگیری نظافت کوچه با شهرداری")
    page.locator("#id_items-0-owner").select_option(label="مریم کریمی")
    due = jalali.format_date(timezone.localdate() + dt.timedelta(days=7))
    page.locator("#id_items-0-due_on").fill(due)
    picker = page.locator("jdp-container")
    expect(picker).to_be_visible()  # the Jalali date picker opened on the field
    expect(picker).to_contain_text("امروز")
    for _ in range(3):  # tap outside it (again if a slow machine swallowed the tap)
        if picker.is_hidden():
            break
        page.locator("jdp-overlay").click(position={"x": 10, "y": 10})
        page.wait_for_timeout(300)
    expect(picker).to_be_hidden()
    expect(page.locator("#id_items-0-due_on")).to_have_value(due)
    page.get_by_role("button", name="افزودن اقدام").click()
    expect(page.locator("#id_items-1-title")).to_be_visible()

    page.get_by_test_id("save-meeting").click()

    # Back on the club page: the meeting in the timeline, the item among open ones.
    expect(page.get_by_role("alert").first).to_contain_text("جلسه")
    expect(page.get_by_test_id("last-meeting")).to_contain_text(
        jalali.format_date(timezone.localdate(), style="long")
    )
    expect(page.get_by_test_id("meetings")).to_contain_text("جلسه کانون")
    expect(page.get_by_test_id("meetings")).to_contain_text("۷ حاضر")
    expect(page.get_by_test_id("open-items")).to_contain_text("پیگیری نظافت کوچه با شهرداری")
    page.screenshot(path=str(artifacts_dir / "clubs-phone-after-meeting.png"), full_page=True)

    meeting = Meeting.objects.get()
    assert (meeting.members_female, meeting.members_male, meeting.guests_female) == (4, 1, 2)
    assert meeting.place == "سرای محله"
    item = ActionItem.objects.get()
    assert item.owner_membership.person.last_name == "کریمی"
    assert item.due_on == timezone.localdate() + dt.timedelta(days=7)

    # The meeting's own page shows who attended.
    page.get_by_test_id("meetings").get_by_role("link").first.click()
    expect(page.get_by_test_id("attendees")).to_contain_text("زهرا احمدی")
    expect(page.get_by_test_id("attendees")).not_to_contain_text("حسن موسوی")
