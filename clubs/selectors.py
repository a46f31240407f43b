"""Reads for the club pages: every list starts from `for_user`, children are read
through their club, and each page issues a constant number of queries whatever the
number of members, meetings or action items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import RoleAssignment
from accounts.roles import Role
from clubs.models import (
    DORMANT_AFTER_DAYS,
    ActionItem,
    Club,
    ClubQuerySet,
    Meeting,
    Membership,
    OfficerTerm,
    Person,
)
from core import jalali
from core.periods import JalaliMonth
from core.text import normalize

# Roles that manage clubs' records from spreadsheets.
IMPORT_ROLES = frozenset({Role.UNIVERSITY_STAFF, Role.FACILITATOR})
# Roles that create clubs and change their identity (name, place, status, partners).
CLUB_ADMIN_ROLES = frozenset({Role.UNIVERSITY_STAFF})
# Roles whose home page is the facilitator's: their clubs and what is due.
CLUB_HOME_ROLES = frozenset({Role.FACILITATOR, Role.CLUB_SECRETARY})

ROSTER_ON_CLUB_PAGE = 60
MEETINGS_ON_CLUB_PAGE = 8
ITEMS_ON_CLUB_PAGE = 30
DUE_SOON_DAYS = 14


def _count_of(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT subquery (no join that would multiply the outer rows)."""
    counted = queryset.order_by().values("club").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_activity(clubs: ClubQuerySet, today: dt.date | None = None) -> ClubQuerySet:
    """Annotate current members, open and overdue action items per club."""
    today = today or timezone.localdate()
    return clubs.annotate(
        member_count=_count_of(
            Membership.objects.filter(club=OuterRef("pk"), left_on__isnull=True)
        ),
        open_item_count=_count_of(ActionItem.objects.filter(club=OuterRef("pk")).open()),
        overdue_item_count=_count_of(ActionItem.objects.filter(club=OuterRef("pk")).overdue(today)),
    )


def club_list(
    user, *, county=None, status: str = "", search: str = "", today: dt.date | None = None
) -> ClubQuerySet:
    clubs = Club.objects.for_user(user).select_related(
        "neighborhood__county__province", "neighborhood__county__university"
    )
    if county is not None:
        clubs = clubs.filter(neighborhood__county=county)
    if status:
        clubs = clubs.filter(status=status)
    if search:
        term = normalize(search)
        clubs = clubs.filter(
            Q(name__icontains=term)
            | Q(neighborhood__name__icontains=term)
            | Q(neighborhood__settlement_name__icontains=term)
        )
    return with_activity(clubs, today).order_by("neighborhood__county__name", "name", "pk")


def club_for(user, pk: int, action: str = "view") -> Club:
    """One club in the user's scope, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Club.objects.for_user(user, action).select_related(
            "neighborhood__county__province", "neighborhood__county__university"
        ),
        pk=pk,
    )


def can_change_club(user, club: Club) -> bool:
    return Club.objects.for_user(user, "change").filter(pk=club.pk).exists()


def can_administer_club(user, club: Club) -> bool:
    return Club.objects.for_roles(user, CLUB_ADMIN_ROLES).filter(pk=club.pk).exists()


def can_import(user, club: Club | None = None) -> bool:
    clubs = Club.objects.for_roles(user, IMPORT_ROLES)
    if club is not None:
        clubs = clubs.filter(pk=club.pk)
    return clubs.exists()


def current_members(club: Club) -> QuerySet[Membership]:
    return (
        club.memberships.filter(left_on__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def club_facilitators(club: Club) -> list:
    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(role=Role.FACILITATOR)
        .filter(Q(club=club) | Q(neighborhood_id=club.neighborhood_id))
        .select_related("user")
        .order_by("user__last_name")
    ]


@dataclass
class ClubPage:
    club: Club
    today: dt.date
    members: list[Membership]
    member_count: int
    officers: list[OfficerTerm]
    officer_history: list[OfficerTerm]
    groups: list
    meetings: list[Meeting]
    meeting_count: int
    open_items: list[ActionItem]
    open_item_count: int
    overdue_count: int
    facilitators: list
    partners: list

    @property
    def is_dormant(self) -> bool:
        return self.club.is_dormant_by_activity(self.today)

    @property
    def days_since_meeting(self) -> int | None:
        if self.club.last_meeting_on is None:
            return None
        return (self.today - self.club.last_meeting_on).days

    @property
    def dormant_after_days(self) -> int:
        return DORMANT_AFTER_DAYS


def club_page(club: Club, today: dt.date | None = None) -> ClubPage:
    today = today or timezone.localdate()
    members = current_members(club)
    open_items = club.action_items.open().select_related(
        "owner_membership__person", "owner_group__topic", "meeting"
    )
    terms = club.officer_terms.select_related("membership__person").order_by("-elected_on", "-pk")
    counts = club.memberships.aggregate(
        members=Count("pk", filter=Q(left_on__isnull=True)),
    )
    item_counts = club.action_items.aggregate(
        open=Count("pk", filter=Q(status__in=("open", "in_progress"))),
        overdue=Count("pk", filter=Q(status__in=("open", "in_progress"), due_on__lt=today)),
    )
    all_terms = list(terms[:40])
    return ClubPage(
        club=club,
        today=today,
        members=list(members[:ROSTER_ON_CLUB_PAGE]),
        member_count=counts["members"],
        officers=[t for t in all_terms if t.ended_on is None],
        officer_history=[t for t in all_terms if t.ended_on is not None],
        groups=list(
            club.groups.active()
            .select_related("topic", "lead__person")
            .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        ),
        meetings=list(
            club.meetings.select_related("group__topic")
            .annotate(item_count=Count("action_items"))
            .order_by("-held_on", "-starts_at", "-pk")[:MEETINGS_ON_CLUB_PAGE]
        ),
        meeting_count=club.meetings.count(),
        open_items=list(open_items.order_by("due_on", "pk")[:ITEMS_ON_CLUB_PAGE]),
        open_item_count=item_counts["open"],
        overdue_count=item_counts["overdue"],
        facilitators=club_facilitators(club),
        partners=list(club.partners.all()),
    )


def meeting_list(
    user,
    *,
    club: Club | None = None,
    kind: str = "",
    month: JalaliMonth | None = None,
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.for_user(user).select_related("club__neighborhood", "group__topic")
    if club is not None:
        meetings = meetings.filter(club=club)
    if kind:
        meetings = meetings.filter(kind=kind)
    if month is not None:
        meetings = meetings.filter(held_on__range=month.range)
    return meetings.annotate(item_count=Count("action_items")).order_by(
        "-held_on", "-starts_at", "-pk"
    )


ITEM_STATES = ("open", "overdue", "due_soon", "done", "all")


def action_item_list(
    user,
    *,
    club: Club | None = None,
    state: str = "open",
    today: dt.date | None = None,
) -> QuerySet[ActionItem]:
    today = today or timezone.localdate()
    items = ActionItem.objects.for_user(user).select_related(
        "club", "owner_membership__person", "owner_group__topic", "meeting"
    )
    if club is not None:
        items = items.filter(club=club)
    if state == "open":
        items = items.open()
    elif state == "overdue":
        items = items.overdue(today)
    elif state == "due_soon":
        items = items.open().filter(due_on__range=(today, today + dt.timedelta(DUE_SOON_DAYS)))
    elif state == "done":
        items = items.filter(status="done")
    return items.order_by("due_on", "pk")


@dataclass
class ClubHome:
    """The facilitator's (and club secretary's) home: their clubs and what is due."""

    clubs: list[Club]
    overdue: list[ActionItem]
    upcoming: list[ActionItem]
    overdue_count: int
    today: dt.date
    dormant_after_days: int = DORMANT_AFTER_DAYS


def club_home(user, today: dt.date | None = None) -> ClubHome:
    today = today or timezone.localdate()
    clubs = with_activity(
        Club.objects.for_user(user).select_related("neighborhood"), today
    ).order_by("name")[:50]
    items = ActionItem.objects.for_user(user).select_related(
        "club", "owner_membership__person", "owner_group__topic"
    )
    overdue = items.overdue(today).order_by("due_on", "pk")
    upcoming = (
        items.open()
        .filter(due_on__range=(today, today + dt.timedelta(DUE_SOON_DAYS)))
        .order_by("due_on", "pk")
    )
    clubs = list(clubs)
    for club in clubs:
        club.dormant = club.is_dormant_by_activity(today)
    return ClubHome(
        clubs=clubs,
        overdue=list(overdue[:20]),
        upcoming=list(upcoming[:20]),
        overdue_count=overdue.count(),
        today=today,
    )


# --- History --------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: Any
    kind: str  # the model's Persian name
    subject: str
    action: str  # ایجاد / تغییر / حذف
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


_ACTIONS = {"+": "ایجاد", "~": "تغییر", "-": "حذف"}


def _history_sources(club: Club) -> dict[str, QuerySet]:
    person_ids = club.memberships.values("person_id")
    return {
        "club": Club.history.filter(id=club.pk),
        "membership": Membership.history.filter(club_id=club.pk),
        "officer": OfficerTerm.history.filter(club_id=club.pk),
        "person": Person.history.filter(id__in=person_ids),
    }


def _display(model, field_name: str, value, related: dict) -> str:
    if value in (None, ""):
        return "—"
    db_field = model._meta.get_field(field_name)
    if db_field.choices:
        return str(dict(db_field.flatchoices).get(value, value))
    if db_field.is_relation:
        return str(related.get((db_field.related_model, value), value))
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, dt.datetime):
        return jalali.format_datetime(value)
    if isinstance(value, dt.date):
        return jalali.format_date(value)
    return str(value)


PRIVATE_FIELDS = {"national_code", "mobile"}


def club_history(
    club: Club, page_number: Any = 1, per_page: int = 25, *, show_private: bool = False
) -> tuple[Page, list]:
    """Who changed what and when on the club, its members (and their personal details)
    and its officers: one merged, newest-first, paginated timeline. The page's entries
    are read with a fixed number of queries."""
    sources = _history_sources(club)
    keyed = [
        qs.order_by()
        .annotate(source=Value(name))
        .values_list("history_id", "history_date", "source")
        for name, qs in sources.items()
    ]
    timeline = keyed[0].union(*keyed[1:], all=True).order_by("-history_date", "-history_id")
    page = Paginator(timeline, per_page).get_page(page_number)
    wanted: dict[str, list[int]] = {}
    for history_id, _when, source in page.object_list:
        wanted.setdefault(source, []).append(history_id)

    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for source, ids in wanted.items():
        model_history = sources[source].model
        rows = list(
            model_history.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(
                prev_id=Subquery(
                    model_history.objects.filter(
                        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
                    )
                    .order_by("-history_id")
                    .values("history_id")[:1]
                )
            )
        )
        prev_ids = [row.prev_id for row in rows if row.prev_id]
        prev_rows = model_history.objects.in_bulk(prev_ids) if prev_ids else {}
        for row in rows:
            records[(source, row.history_id)] = row
            if row.prev_id:
                previous[(source, row.history_id)] = prev_rows.get(row.prev_id)

    related = _related_labels(records.values(), previous.values())
    entries = []
    for history_id, _when, source in page.object_list:
        record = records[(source, history_id)]
        entries.append(
            _entry(source, record, previous.get((source, history_id)), related, show_private)
        )
    return page, entries


def _related_labels(*groups) -> dict:
    """Labels for the foreign keys in the records, read in bulk (one query per model)."""
    from regions.models import Neighborhood

    wanted: dict[Any, set] = {}
    for group in groups:
        for record in group:
            if record is None:
                continue
            for db_field in record.instance_type._meta.concrete_fields:
                if db_field.is_relation and db_field.name not in ("club",):
                    value = getattr(record, db_field.attname, None)
                    if value is not None:
                        wanted.setdefault(db_field.related_model, set()).add(value)
    labels: dict = {}
    loaders = {
        Neighborhood: Neighborhood.objects.all(),
        Person: Person.objects.all(),
        Membership: Membership.objects.select_related("person"),
    }
    for model, ids in wanted.items():
        queryset = loaders.get(model)
        if queryset is None:
            continue
        for pk, obj in queryset.in_bulk(list(ids)).items():
            labels[(model, pk)] = str(obj.person) if isinstance(obj, Membership) else str(obj)
    return labels


_SUBJECT = {
    "club": lambda r, related: r.name,
    "membership": lambda r, related: related.get((Person, r.person_id), ""),
    "officer": lambda r, related: (
        f"{dict(OfficerTerm._meta.get_field('role').flatchoices).get(r.role, r.role)}: "
        f"{related.get((Membership, r.membership_id), '')}"
    ),
    "person": lambda r, related: f"{r.first_name} {r.last_name}",
}
_KIND = {
    "club": Club._meta.verbose_name,
    "membership": Membership._meta.verbose_name,
    "officer": OfficerTerm._meta.verbose_name,
    "person": Person._meta.verbose_name,
}
_SKIP_FIELDS = {"id", "created_at", "updated_at", "club"}


def _entry(source: str, record, previous, related: dict, show_private: bool) -> HistoryEntry:
    model = record.instance_type
    changes: list[Change] = []
    skip = _SKIP_FIELDS if show_private else _SKIP_FIELDS | PRIVATE_FIELDS
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        for change in delta.changes:
            if change.field in skip:
                continue
            changes.append(
                Change(
                    label=str(model._meta.get_field(change.field).verbose_name),
                    old=_display(model, change.field, change.old, related),
                    new=_display(model, change.field, change.new, related),
                )
            )
    elif record.history_type == "+":
        for db_field in model._meta.concrete_fields:
            if db_field.name in skip or not db_field.editable:
                continue
            value = getattr(record, db_field.attname, None)
            if value in (None, "", False):
                continue
            changes.append(
                Change(
                    label=str(db_field.verbose_name),
                    old="",
                    new=_display(model, db_field.name, value, related),
                )
            )
    return HistoryEntry(
        when=record.history_date,
        who=record.history_user,
        kind=str(_KIND[source]),
        subject=str(_SUBJECT[source](record, related)),
        action=_ACTIONS.get(record.history_type, record.history_type),
        changes=changes,
        reason=record.history_change_reason or "",
    )
