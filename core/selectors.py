"""What the home page counts: everything in the user's scope, through for_user."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from clubs.models import Club
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
