"""What the home page counts: everything in the user's scope, through for_user."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from clubs.models import Club, Meeting, Membership
from core.jalali import today as jalali_today
from core.periods import JalaliMonth
from regions.models import County, MedicalUniversity, Neighborhood, Province

REGION_ROLES = (
    Role.MINISTRY_ADMIN,
    Role.UNIVERSITY_STAFF,
    Role.PROVINCE_SECRETARIAT,
    Role.COUNTY_SECRETARIAT,
)


@dataclass(frozen=True)
class Stat:
    key: str
    label: str
    value: int
    icon: str
    url: str = ""


def home_stats(user) -> list[Stat]:
    stats: list[Stat] = []
    if user.has_role(*REGION_ROLES):
        stats += [
            Stat("provinces", _("استان"), Province.objects.for_user(user).count(), "map"),
            Stat(
                "universities",
                _("دانشگاه علوم پزشکی"),
                MedicalUniversity.objects.for_user(user).count(),
                "building",
                reverse("regions:university_list") if user.has_role(Role.MINISTRY_ADMIN) else "",
            ),
            Stat("counties", _("شهرستان"), County.objects.for_user(user).count(), "pin-map"),
        ]
    stats += [
        Stat(
            "neighborhoods",
            _("محله"),
            Neighborhood.objects.for_user(user).count(),
            "geo-alt",
            reverse("regions:neighborhood_list"),
        ),
        Stat("clubs", _("کانون سلامت محله"), Club.objects.for_user(user).count(), "people"),
    ]
    stats += club_stats(user)
    from surveys.selectors import survey_home_stats  # surveys: open campaigns, my drafts

    stats += survey_home_stats(user)
    stats += _forum_stats(user)
    stats += rollout_home_stats(user)
    return stats


def rollout_home_stats(user) -> list[Stat]:
    """Rollout checklist items waiting for the user: to verify (university staff), or
    sent back by the university (facilitators and club secretaries)."""
    from clubs.rollout.selectors import sent_back_summary, waiting_for_verification

    stats = []
    if user.has_role(Role.UNIVERSITY_STAFF):
        stats.append(
            Stat(
                "rollout_waiting",
                _("فعالیت در انتظار تأیید"),
                waiting_for_verification(user).count(),
                "patch-check",
                reverse("rollout:review"),
            )
        )
    if user.has_role(Role.FACILITATOR, Role.CLUB_SECRETARY):
        stats.append(
            Stat(
                "rollout_sent_back",
                _("فعالیت بازگشت‌داده‌شده از دانشگاه"),
                sent_back_summary(user).count,
                "arrow-return-right",
                reverse("home") + "#rollout-sent-back",
            )
        )
    return stats


def _forum_stats(user) -> list[Stat]:
    """Forums (مجامع سلامت) in scope; referred issues waiting at the forums the user
    runs; referrals past their due date."""
    from forums.selectors import home_counts

    counts = home_counts(user)
    forums_url = reverse("forums:forum_list")
    stats = [Stat("forums", _("مجمع سلامت"), counts["forums"], "diagram-3", forums_url)]
    if counts["runs_forums"]:
        stats.append(
            Stat(
                "forum_inbox",
                _("ارجاع در انتظار بررسی"),
                counts["waiting"],
                "inbox",
                f"{forums_url}?mine=on",
            )
        )
    stats.append(
        Stat(
            "forum_overdue",
            _("ارجاع با مهلت گذشته"),
            counts["overdue"],
            "alarm",
            reverse("forums:issue_list") + "?overdue=on",
        )
    )
    return stats


def club_stats(user) -> list[Stat]:
    """Members (current) and meetings held this Jalali month, in the user's scope."""
    month = JalaliMonth.of(jalali_today())
    return [
        Stat(
            "members",
            _("عضو کانون‌ها"),
            Membership.objects.for_user(user).current().count(),
            "person-check",
        ),
        Stat(
            "meetings_month",
            _("جلسه در %(month)s") % {"month": month.label},
            Meeting.objects.for_user(user).filter(held_on__range=month.range).count(),
            "journal-text",
            reverse("clubs:meeting_list") + f"?month={month.year}/{month.month:02d}",
        ),
    ]
