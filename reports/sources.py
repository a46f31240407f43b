"""The clubs metric source: clubs by status, openings, meetings by kind, attendance
and members by gender, thematic groups and action items, per club per Jalali month.

Every figure comes from a handful of aggregate queries grouped by club and *month
bucket*: a CASE expression mapping a date to the key of the Jalali month it falls in
(exact Gregorian ranges from core.periods), or to BEFORE / AFTER the months asked
for. Stocks (members, groups, open items at a month's end) are counted from events
(joined / left, formed / dissolved, opened / closed): an interval is alive at the end
of month i when it started in a bucket <= i and ended in a bucket > i. The same code
serves the full rebuild (all clubs, all months) and the refresh of one club.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection
from itertools import accumulate
from operator import itemgetter

from django.db import connection
from django.db.models import Case, CharField, Count, Max, Q, Sum, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from clubs.models import (
    DORMANT_AFTER_DAYS,
    ActionItem,
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    MeetingKind,
    Membership,
    ThematicGroup,
)
from clubs.models import Meeting as MeetingModel
from core.periods import JalaliMonth
from reports.metrics import FLOW, STOCK, ClubMonthValues, Metric

BEFORE = "<"
AFTER = ">"

STATUS_COLUMNS = {
    ClubStatus.FORMING: "clubs_forming",
    ClubStatus.ACTIVE: "clubs_active",
    ClubStatus.DORMANT: "clubs_dormant",
    ClubStatus.CLOSED: "clubs_closed",
}
KIND_COLUMNS = {kind: f"meetings_{kind}" for kind in MeetingKind.values}


def _metrics() -> tuple[Metric, ...]:
    from reports.models import ClubMonthSummary

    def m(key: str, kind: str) -> Metric:
        return Metric(key, ClubMonthSummary._meta.get_field(key).verbose_name, kind, column=True)

    stocks = [
        "clubs",
        *STATUS_COLUMNS.values(),
        "clubs_inactive",
        "members_female",
        "members_male",
        "groups_active",
        "actions_open",
        "actions_overdue",
    ]
    flows = [
        "clubs_opened",
        "meetings",
        *KIND_COLUMNS.values(),
        "attendance_members_female",
        "attendance_members_male",
        "attendance_guests_female",
        "attendance_guests_male",
        "members_new",
        "members_left",
    ]
    return tuple(m(key, STOCK) for key in stocks) + tuple(m(key, FLOW) for key in flows)


def effective_end(month: JalaliMonth, today: dt.date) -> dt.date:
    """A month's last day, or today for the month in progress."""
    return min(month.end, today)


def _ranges(months: list[JalaliMonth], today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    # Computing a Jalali month's Gregorian range is not free: do it once per call.
    return [(m.key, m.start, effective_end(m, today)) for m in months]


def month_bucket(field: str, months: list[JalaliMonth], today: dt.date, shift_days: int = 0):
    """CASE mapping the date `field` (+ shift_days) to a month key, BEFORE or AFTER.
    NULL and dates after today fall in AFTER."""
    shift = dt.timedelta(days=shift_days)
    ranges = _ranges(months, today)
    whens = [When(**{f"{field}__lt": ranges[0][1] - shift}, then=Value(BEFORE))]
    for key, start, end in ranges:
        whens.append(
            When(
                **{f"{field}__gte": start - shift, f"{field}__lte": end - shift},
                then=Value(key),
            )
        )
    return Case(*whens, default=Value(AFTER), output_field=CharField())


class _Calendar:
    """Python twin of month_bucket, with the ranges computed once."""

    def __init__(self, months: list[JalaliMonth], today: dt.date):
        self.ranges = _ranges(months, today)
        self.starts = [start for _key, start, _end in self.ranges]

    def bucket(self, day: dt.date | None) -> str:
        if day is None:
            return AFTER
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return BEFORE
        key, _start, end = self.ranges[i]
        return key if day <= end else AFTER

    def end(self, i: int) -> dt.date:
        return self.ranges[i][2]


def bucket_of(day: dt.date | None, months: list[JalaliMonth], today: dt.date) -> str:
    """The same mapping in Python."""
    return _Calendar(months, today).bucket(day)


class _Index:
    """Positions of buckets: BEFORE = -1, months 0…n-1, AFTER = n."""

    def __init__(self, months: list[JalaliMonth]):
        self.pos = {month.key: i for i, month in enumerate(months)}
        self.pos[BEFORE] = -1
        self.pos[AFTER] = len(months)

    def __getitem__(self, bucket: str) -> int:
        return self.pos[bucket]


class _Spans:
    """Intervals per key (club, or club and gender), counted by start and end
    position; `alive(key)` gives how many are alive at each month's end: started in
    a bucket <= i and ended in a bucket > i (a difference array, O(spans + n))."""

    def __init__(self, n: int):
        self.n = n
        self.diffs: dict = {}

    def add(self, key, start: int, end: int, count: int) -> None:
        first, last = max(start, 0), min(end, self.n)
        if first >= last:
            return
        diff = self.diffs.get(key)
        if diff is None:
            diff = self.diffs[key] = [0] * (self.n + 1)
        diff[first] += count
        diff[last] -= count

    def alive(self, key) -> list[int]:
        diff = self.diffs.get(key)
        if diff is None:
            return [0] * self.n
        return list(accumulate(diff[: self.n]))


def _fetch(queryset, names: list[str]):
    """Rows of an aggregate values() query as plain tuples in `names` order.

    On PostgreSQL the compiled SQL runs on a server-side cursor and psycopg's own
    types are used as they come (Django's per-value converters cost more than the
    query on a million rows); elsewhere through values_list."""
    if connection.vendor != "postgresql":
        yield from queryset.values_list(*names).iterator(chunk_size=10000)
        return
    sql, params = queryset.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        described = [column[0] for column in cursor.description]
        order = [described.index(name) for name in names]
        pick = itemgetter(*order)
        while batch := cursor.fetchmany(10000):
            yield from map(pick, batch)


def _status_history(club_ids: Collection[int] | None) -> dict[int, list[tuple[dt.date, str]]]:
    """Each club's recorded statuses (simple_history), oldest first, as local dates."""
    history = Club.history.model.objects.order_by("id", "history_date", "history_id")
    if club_ids is not None:
        history = history.filter(id__in=club_ids)
    out: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for club_id, when, status in history.values_list("id", "history_date", "status").iterator(
        chunk_size=5000
    ):
        out[club_id].append((timezone.localdate(when), status))
    return out


def _status_at(history: list[tuple[dt.date, str]], day: dt.date, current: str) -> str:
    if not history:
        return current
    status = history[0][1]  # before the first record: the earliest known status
    for when, value in history:
        if when > day:
            break
        status = value
    return status


# The columns of a club row, in order: the row's attributes, then the metrics.
ROW_COLUMNS = (
    "club_id",
    "month",
    "county_id",
    "university_id",
    "province_id",
    "status",
    "last_meeting_on",
)
MEETING_COLUMNS = (
    "meetings",
    *KIND_COLUMNS.values(),
    "attendance_members_female",
    "attendance_members_male",
    "attendance_guests_female",
    "attendance_guests_male",
)
METRIC_COLUMNS = (
    "clubs",
    *STATUS_COLUMNS.values(),
    "clubs_inactive",
    "clubs_opened",
    *MEETING_COLUMNS,
    "members_female",
    "members_male",
    "members_new",
    "members_left",
    "groups_active",
    "actions_open",
    "actions_overdue",
)
CLUB_COLUMNS = ROW_COLUMNS + METRIC_COLUMNS
_STATUS_FLAGS = {
    status: tuple(int(status == other) for other in STATUS_COLUMNS) for status in STATUS_COLUMNS
}


class ClubsMetricSource:
    name = "clubs"
    label = "کانون‌ها"
    panels = frozenset()

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return _metrics()

    def compute(
        self, *, club_ids: Collection[int] | None, months: list[JalaliMonth], today: dt.date
    ) -> ClubMonthValues:
        width = len(ROW_COLUMNS)
        return {
            (row[0], row[1]): dict(zip(METRIC_COLUMNS, row[width:], strict=True))
            for row in self.compute_rows(club_ids=club_ids, months=months, today=today)
        }

    def compute_rows(
        self, *, club_ids: Collection[int] | None, months: list[JalaliMonth], today: dt.date
    ) -> list[tuple]:
        """The club rows as tuples in CLUB_COLUMNS order, for every club and month
        from the club's first month on."""
        n = len(months)
        index = _Index(months)
        calendar = _Calendar(months, today)
        keys = [m.key for m in months]

        def scoped(qs, path="club_id"):
            return qs if club_ids is None else qs.filter(**{f"{path}__in": club_ids})

        clubs = list(
            scoped(Club.objects.all(), "id").values_list(
                "id",
                "status",
                "opened_on",
                "founded_on",
                "created_at",
                "neighborhood__county_id",
                "neighborhood__county__university_id",
                "neighborhood__county__province_id",
            )
        )
        history = _status_history(club_ids)

        # Meetings: counts by kind and attendance per club and month (kinds pivoted in
        # SQL: one row per club-month), and the latest meeting date up to each month.
        kinds = list(KIND_COLUMNS)
        meetings: dict[int, dict[int, tuple]] = defaultdict(dict)
        latest: dict[int, dict[int, dt.date]] = defaultdict(dict)
        rows = (
            scoped(MeetingModel.objects.filter(held_on__lte=today))
            .annotate(bucket=month_bucket("held_on", months, today))
            .values("club_id", "bucket")
            .annotate(
                count=Count("id"),
                **{f"k_{kind}": Count("id", filter=Q(kind=kind)) for kind in kinds},
                mf=Sum("members_female"),
                mm=Sum("members_male"),
                gf=Sum("guests_female"),
                gm=Sum("guests_male"),
                last=Max("held_on"),
            )
            .order_by()
        )
        names = ["club_id", "bucket", "last", "count", *[f"k_{k}" for k in kinds]]
        for club_id, bucket, last, *values in _fetch(rows, [*names, "mf", "mm", "gf", "gm"]):
            i = index.pos[bucket]
            if i >= n:
                continue
            latest[club_id][i] = last
            if i >= 0:
                meetings[club_id][i] = tuple(values)

        # Memberships: joined / left buckets by gender.
        members = _Spans(n)
        joins: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        leaves: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        first_joined: dict[int, int] = {}
        rows = (
            scoped(Membership.objects.all())
            .annotate(
                joined=month_bucket("joined_on", months, today),
                left=month_bucket("left_on", months, today),
            )
            .values("club_id", "person__gender", "joined", "left")
            .annotate(count=Count("id"))
            .order_by()
        )
        names = ["club_id", "person__gender", "joined", "left", "count"]
        for cid, gender, joined, left, count in _fetch(rows, names):
            start, end = index.pos[joined], index.pos[left]
            members.add((cid, gender), start, end, count)
            if start < first_joined.get(cid, n):
                first_joined[cid] = start
            joins[cid][start] += count
            leaves[cid][end] += count

        # Thematic groups: formed / dissolved.
        groups = _Spans(n)
        rows = (
            scoped(ThematicGroup.objects.all())
            .annotate(
                formed=month_bucket("formed_on", months, today),
                dissolved=month_bucket("dissolved_on", months, today),
            )
            .values("club_id", "formed", "dissolved")
            .annotate(count=Count("id"))
            .order_by()
        )
        for cid, formed, dissolved, count in _fetch(
            rows, ["club_id", "formed", "dissolved", "count"]
        ):
            groups.add(cid, index.pos[formed], index.pos[dissolved], count)

        # Action items: open from the day recorded until done (cancelled ones are left
        # out: their cancellation has no date); overdue from the day after the due
        # date until done.
        open_items = _Spans(n)
        overdue_items = _Spans(n)
        rows = (
            scoped(ActionItem.objects.exclude(status=ActionStatus.CANCELLED))
            .annotate(created_on=TruncDate("created_at"))
            .annotate(
                opened=month_bucket("created_on", months, today),
                closed=Case(
                    When(
                        status=ActionStatus.DONE,
                        done_on__isnull=True,
                        then=month_bucket("created_on", months, today),
                    ),
                    default=month_bucket("done_on", months, today),
                    output_field=CharField(),
                ),
                overdue=month_bucket("due_on", months, today, shift_days=1),
            )
            .values("club_id", "opened", "closed", "overdue")
            .annotate(count=Count("id"))
            .order_by()
        )
        names = ["club_id", "opened", "closed", "overdue", "count"]
        for cid, opened, closed, overdue, count in _fetch(rows, names):
            start, end = index.pos[opened], index.pos[closed]
            open_items.add(cid, start, end, count)
            overdue_items.add(cid, max(start, index.pos[overdue]), end, count)

        out: list[tuple] = []
        zero_meetings = (0,) * len(MEETING_COLUMNS)
        ends = [calendar.end(i) for i in range(n)]
        for cid, current, opened_on, founded_on, created_at, county, univ, prov in clubs:
            club_latest = latest.get(cid, {})
            starts = [first_joined.get(cid, n), min(club_latest, default=n)]
            for day in (timezone.localdate(created_at), founded_on, opened_on):
                if day is not None:
                    starts.append(index.pos[calendar.bucket(day)])
            first = max(min(starts), 0)
            if first >= n:
                continue
            members_f = members.alive((cid, Gender.FEMALE))
            members_m = members.alive((cid, Gender.MALE))
            groups_alive = groups.alive(cid)
            items_open = open_items.alive(cid)
            items_overdue = overdue_items.alive(cid)
            opened_at = index.pos[calendar.bucket(opened_on)]
            club_history = history.get(cid)
            club_meetings = meetings.get(cid, {})
            club_joins = joins.get(cid, {})
            club_leaves = leaves.get(cid, {})
            last_meeting = club_latest.get(-1)
            for i in range(n):
                last_meeting = club_latest.get(i, last_meeting)
                if i < first:
                    continue
                as_of = ends[i]
                status = _status_at(club_history, as_of, current) if club_history else current
                reference = last_meeting or opened_on or founded_on
                inactive = int(
                    status == ClubStatus.ACTIVE
                    and reference is not None
                    and (as_of - reference).days > DORMANT_AFTER_DAYS
                )
                out.append(
                    (
                        cid,
                        keys[i],
                        county,
                        univ,
                        prov,
                        status,
                        last_meeting,
                        1,
                        *_STATUS_FLAGS[status],
                        inactive,
                        int(opened_at == i),
                        *club_meetings.get(i, zero_meetings),
                        members_f[i],
                        members_m[i],
                        club_joins.get(i, 0),
                        club_leaves.get(i, 0),
                        groups_alive[i],
                        items_open[i],
                        items_overdue[i],
                    )
                )
        return out
