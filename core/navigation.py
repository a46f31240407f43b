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
    NavItem(
        _("داشبورد"),
        "reports:dashboard",
        "bar-chart-line",
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
        _("گزارش‌های پایش"),
        "reports:archive",
        "file-earmark-bar-graph",
        frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT}),
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
