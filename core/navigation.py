"""The navigation bar: which links each role sees, grouped into menus. Apps add their
entries here."""

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


@dataclass(frozen=True)
class NavGroup:
    """A drop-down menu; shown as a plain link when only one of its items is visible."""

    label: str
    icon: str
    items: tuple[NavItem, ...]


ALL_STAFF = frozenset(Role.values)
READERS_OF_REGIONS = frozenset(
    {
        Role.MINISTRY_ADMIN,
        Role.UNIVERSITY_STAFF,
        Role.PROVINCE_SECRETARIAT,
        Role.COUNTY_SECRETARIAT,
    }
)

NAV_ITEMS: list[NavItem | NavGroup] = [
    NavItem(_("خانه"), "home", "house"),
    NavGroup(
        _("کانون‌ها"),
        "people",
        (
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
        ),
    ),
    # Rollout (clubs/rollout): the board of clubs × strategies, the review queue of
    # university staff, roll-ups, and the universities' one-year action plan.
    NavGroup(
        _("استقرار"),
        "grid-3x3-gap",
        (
            NavItem(_("استقرار کانون‌ها"), "rollout:board", "grid-3x3-gap", ALL_STAFF),
            NavItem(
                _("در انتظار تأیید"),
                "rollout:review",
                "patch-check",
                frozenset({Role.UNIVERSITY_STAFF}),
            ),
            NavItem(_("گزارش استقرار"), "rollout:rollups", "bar-chart", READERS_OF_REGIONS),
            NavItem(
                _("برنامه اقدام راهبری"),
                "rollout:plan",
                "journal-check",
                frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF}),
            ),
        ),
    ),
    NavItem(_("مجامع سلامت"), "forums:forum_list", "diagram-3", ALL_STAFF),
    NavGroup(
        _("پرسشگری"),
        "clipboard-data",
        (
            NavItem(_("پویش‌ها"), "surveys:campaign_list", "clipboard-data", ALL_STAFF),
            NavItem(_("پرسشنامه‌ها"), "surveys:questionnaire_list", "ui-checks", READERS_OF_REGIONS),
            NavItem(_("شاخص‌ها"), "surveys:indicator_list", "graph-up", ALL_STAFF),
        ),
    ),
    NavGroup(
        _("گزارش‌ها"),
        "bar-chart-line",
        (
            NavItem(_("داشبورد"), "reports:dashboard", "bar-chart-line", READERS_OF_REGIONS),
            NavItem(
                _("گزارش‌های پایش"),
                "reports:archive",
                "file-earmark-bar-graph",
                frozenset({Role.MINISTRY_ADMIN, Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT}),
            ),
        ),
    ),
    NavGroup(
        _("محله‌ها و دانشگاه‌ها"),
        "geo-alt",
        (
            NavItem(
                _("محله‌ها"),
                "regions:neighborhood_list",
                "geo-alt",
                READERS_OF_REGIONS | {Role.FACILITATOR},
            ),
            NavItem(
                _("دانشگاه‌ها"),
                "regions:university_list",
                "building",
                frozenset({Role.MINISTRY_ADMIN}),
            ),
        ),
    ),
]


def _entry(item: NavItem, current_path: str, group: NavGroup | None) -> dict:
    url = reverse(item.url_name)
    active = current_path == url if url == "/" else current_path.startswith(url)
    return {
        "label": item.label,
        "url": url,
        "icon": item.icon,
        "active": active,
        "group": group.label if group else "",
        "group_icon": group.icon if group else "",
    }


def nav_for(user, current_path: str) -> list[dict]:
    """The visible links in order; each names its menu (`group`), empty for a
    top-level link. A menu with a single visible link becomes a top-level link."""
    entries: list[dict] = []
    for element in NAV_ITEMS:
        if isinstance(element, NavItem):
            if element.visible_to(user):
                entries.append(_entry(element, current_path, None))
            continue
        visible = [item for item in element.items if item.visible_to(user)]
        group = element if len(visible) > 1 else None
        entries += [_entry(item, current_path, group) for item in visible]
    return entries
