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

from django.db.models import Case, CharField, Count, F, Max, Q, Sum, Value, When
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


def _alive(starts_ends: dict, key, n: int, index: _Index) -> list[int]:
    """From {(start bucket, end bucket): count}, the count alive at each month end."""
    out = [0] * n
    for (start, end), count in starts_ends.get(key, {}).items():
        first, last = max(index[start], 0), min(index[end], n)
        for i in range(first, last):
            out[i] += count
    return out


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
        return {
            key: {k: v for k, v in row.items() if not k.startswith("_")}
            for key, row in self.compute_rows(club_ids=club_ids, months=months, today=today).items()
        }

    def compute_rows(
        self, *, club_ids: Collection[int] | None, months: list[JalaliMonth], today: dt.date
    ) -> dict[tuple[int, str], dict]:
        """The full club rows, with the place columns and status (keys starting with
        `_` are row attributes, not metrics)."""
        n = len(months)
        index = _Index(months)
        calendar = _Calendar(months, today)
        position_key = {v: k for k, v in index.pos.items()}
        local_dates: dict = {}

        def local(moment):
            day = local_dates.get(moment)
            if day is None:
                day = local_dates[moment] = timezone.localdate(moment)
            return day

        def scoped(qs, path="club_id"):
            return qs if club_ids is None else qs.filter(**{f"{path}__in": club_ids})

        clubs = list(
            scoped(Club.objects.all(), "id").values(
                "id",
                "status",
                "opened_on",
                "founded_on",
                "created_at",
                county_id=F("neighborhood__county_id"),
                university_id=F("neighborhood__county__university_id"),
                province_id=F("neighborhood__county__province_id"),
            )
        )
        history = _status_history(club_ids)

        # Meetings: counts by kind and attendance per club and month (kinds pivoted in
        # SQL, so one row per club-month), and the latest meeting date.
        kind_items = list(KIND_COLUMNS.items())
        meeting_columns = [
            "meetings",
            *[column for _kind, column in kind_items],
            "attendance_members_female",
            "attendance_members_male",
            "attendance_guests_female",
            "attendance_guests_male",
        ]
        meetings: dict[int, dict[int, tuple]] = defaultdict(dict)
        latest: dict[int, list] = defaultdict(lambda: [None] * (n + 1))  # index -1 at n
        rows = (
            scoped(MeetingModel.objects.filter(held_on__lte=today))
            .annotate(bucket=month_bucket("held_on", months, today))
            .values("club_id", "bucket")
            .annotate(
                count=Count("id"),
                **{f"k_{kind}": Count("id", filter=Q(kind=kind)) for kind, _column in kind_items},
                mf=Sum("members_female"),
                mm=Sum("members_male"),
                gf=Sum("guests_female"),
                gm=Sum("guests_male"),
                last=Max("held_on"),
            )
            .order_by()
            .values_list(
                "club_id",
                "bucket",
                "last",
                "count",
                *[f"k_{kind}" for kind, _column in kind_items],
                "mf",
                "mm",
                "gf",
                "gm",
            )
        )
        for club_id, bucket, last, *values in rows.iterator(chunk_size=5000):
            i = index[bucket]
            if i >= n:
                continue
            latest[club_id][i] = last
            if i >= 0:
                meetings[club_id][i] = tuple(v or 0 for v in values)

        # Memberships: joined / left buckets by gender.
        member_spans: dict = defaultdict(lambda: defaultdict(int))
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
        first_joined: dict[int, int] = {}
        joins: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        leaves: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for row in rows.iterator(chunk_size=5000):
            cid = row["club_id"]
            member_spans[(cid, row["person__gender"])][(row["joined"], row["left"])] += row["count"]
            position = index[row["joined"]]
            first_joined[cid] = min(first_joined.get(cid, n), position)
            joins[cid][position] += row["count"]
            leaves[cid][index[row["left"]]] += row["count"]

        # Thematic groups: formed / dissolved.
        group_spans: dict = defaultdict(lambda: defaultdict(int))
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
        for row in rows.iterator(chunk_size=5000):
            group_spans[row["club_id"]][(row["formed"], row["dissolved"])] += row["count"]

        # Action items: open from the day recorded until done (cancelled ones are left
        # out: their cancellation has no date); overdue from the day after the due
        # date until done.
        open_spans: dict = defaultdict(lambda: defaultdict(int))
        overdue_spans: dict = defaultdict(lambda: defaultdict(int))
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
        for row in rows.iterator(chunk_size=5000):
            open_spans[row["club_id"]][(row["opened"], row["closed"])] += row["count"]
            start = max(index[row["opened"]], index[row["overdue"]])
            overdue_spans[row["club_id"]][(position_key[start], row["closed"])] += row["count"]

        zero_status = dict.fromkeys(STATUS_COLUMNS.values(), 0)
        zero_meetings = (0,) * len(meeting_columns)
        out: dict[tuple[int, str], dict] = {}
        for club in clubs:
            cid = club["id"]
            starts = [
                index[calendar.bucket(day)]
                for day in (local(club["created_at"]), club["founded_on"], club["opened_on"])
                if day is not None
            ]
            starts.append(first_joined.get(cid, n))
            club_latest = latest.get(cid)
            if club_latest is not None:
                starts.append(next((i for i in range(-1, n) if club_latest[i] is not None), n))
            first = max(min(starts), 0)
            if first >= n:
                continue
            members_f = _alive(member_spans, (cid, Gender.FEMALE), n, index)
            members_m = _alive(member_spans, (cid, Gender.MALE), n, index)
            groups = _alive(group_spans, cid, n, index)
            actions_open = _alive(open_spans, cid, n, index)
            actions_overdue = _alive(overdue_spans, cid, n, index)
            opened_bucket = index[calendar.bucket(club["opened_on"])]
            club_history = history.get(cid, [])
            club_meetings = meetings.get(cid, {})
            club_joins = joins.get(cid, {})
            club_leaves = leaves.get(cid, {})
            last_meeting = club_latest[-1] if club_latest is not None else None  # BEFORE
            for i in range(n):
                if club_latest is not None and club_latest[i] is not None:
                    last_meeting = club_latest[i]
                if i < first:
                    continue
                month = months[i]
                as_of = calendar.end(i)
                status = _status_at(club_history, as_of, club["status"])
                reference = last_meeting or club["opened_on"] or club["founded_on"]
                row = {
                    "_county_id": club["county_id"],
                    "_university_id": club["university_id"],
                    "_province_id": club["province_id"],
                    "_status": status,
                    "_last_meeting_on": last_meeting,
                    "clubs": 1,
                    **zero_status,
                    STATUS_COLUMNS[status]: 1,
                    "clubs_inactive": int(
                        status == ClubStatus.ACTIVE
                        and reference is not None
                        and (as_of - reference).days > DORMANT_AFTER_DAYS
                    ),
                    "clubs_opened": int(opened_bucket == i),
                    **dict(zip(meeting_columns, club_meetings.get(i, zero_meetings), strict=True)),
                    "members_female": members_f[i],
                    "members_male": members_m[i],
                    "members_new": club_joins.get(i, 0),
                    "members_left": club_leaves.get(i, 0),
                    "groups_active": groups[i],
                    "actions_open": actions_open[i],
                    "actions_overdue": actions_overdue[i],
                }
                out[(cid, month.key)] = row
        return out
