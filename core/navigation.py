"""The navigation bar: which links each role sees. Apps add their entries here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    roles: frozenset[str] | None = None  # None: every signed-in user

    def visible_to(self, user) -> bool:
        return self.roles is None or user.has_role(*self.roles)


ALL_STAFF = frozenset(Role.values)

NAV_ITEMS: list[NavItem] = [
    NavItem(_("خانه"), "home", "house"),
    NavItem(
        _("محله‌ها"),
        "regions:neighborhood_list",
        "geo-alt",
        frozenset(
            {
                Role.MINISTRY_ADMIN,
                Role.UNIVERSITY_STAFF,
                Role.PROVINCE_SECRETARIAT,
                Role.COUNTY_SECRETARIAT,
                Role.FACILITATOR,
            }
        ),
    ),
    NavItem(
        _("دانشگاه‌ها"), "regions:university_list", "building", frozenset({Role.MINISTRY_ADMIN})
    ),
    NavItem(_("کانون‌ها"), "clubs:club_list", "people", ALL_STAFF),
    NavItem(_("جلسات"), "clubs:meeting_list", "journal-text", ALL_STAFF),
    NavItem(
        _("اقدامات"),
        "clubs:action_list",
        "list-check",
        frozenset({Role.UNIVERSITY_STAFF, Role.FACILITATOR, Role.CLUB_SECRETARY}),
    ),
    NavItem(
        _("ورود و خروج اطلاعات"),
        "clubs:data_hub",
        "file-earmark-spreadsheet",
        frozenset({Role.UNIVERSITY_STAFF, Role.FACILITATOR}),
    ),
    NavItem(_("پرسشگری"), "surveys:campaign_list", "clipboard-data", ALL_STAFF),
    NavItem(
        _("پرسشنامه‌ها"),
        "surveys:questionnaire_list",
        "ui-checks",
        frozenset(
            {
                Role.MINISTRY_ADMIN,
                Role.UNIVERSITY_STAFF,
                Role.PROVINCE_SECRETARIAT,
                Role.COUNTY_SECRETARIAT,
            }
        ),
    ),
    NavItem(_("شاخص‌ها"), "surveys:indicator_list", "graph-up", ALL_STAFF),
    NavItem(_("مجامع سلامت"), "forums:forum_list", "diagram-3", ALL_STAFF),
    # Rollout (clubs/rollout): the board of clubs × strategies, the review queue of
    # university staff, roll-ups, and the universities' one-year action plan.
    NavItem(_("استقرار کانون‌ها"), "rollout:board", "grid-3x3-gap", ALL_STAFF),
    NavItem(
        _("در انتظار تأیید"), "rollout:review", "patch-check", frozenset({Role.UNIVERSITY_STAFF})
    ),
    NavItem(
        _("گزارش استقرار"),
        "rollout:rollups",
        "bar-chart",
        frozenset(
            {
                Role.MINISTRY_ADMIN,
                Role.UNIVERSITY_STAFF,
                Role.PROVINCE_SECRETARIAT,
                Role.COUNTY_SECRETARIAT,
            }
        ),
    ),
    NavItem(
        _("برنامه اقدام راهبری"),
        "rollout:plan",
        "journal-check",
        frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF}),
    ),
]


def nav_for(user, current_path: str) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if not item.visible_to(user):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return items
