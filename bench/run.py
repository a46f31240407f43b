"""National-scale benchmark of the summaries and dashboards (not a timed test).

    python -m bench                       # 20,000 clubs, 1,000,000 meetings (default)
    python -m bench --clubs 2000 --meetings 100000
    make bench                            # the same as the first line

Creates its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/hc_bench,
dropped and created again; --database-url to choose), migrates, loads the real 31
provinces / 448 counties / 62 universities, generates synthetic clubs, members,
groups, meetings and action items over 24 Jalali months with set-based SQL
(generate_series), then measures:

- rebuild_summaries (the full set-based rebuild),
- one incremental refresh of a club (one month; and from 12 months back),
- the daily refresh of every club for the last two months,
- the national, province, university and county dashboards (time and queries).

Prints a table and writes bench/results/<timestamp>.json and .md (gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hc_bench"


def _setup(database_url: str, reuse: bool) -> bool:
    """Create the database afresh (or keep it with --reuse); True if data must be made."""
    import psycopg

    admin_url, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (reuse and exists):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    fresh = not (reuse and exists)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    return fresh


def _generate(clubs: int, meetings: int, members_per_club: int, today: dt.date) -> dict:
    """Set-based synthetic data: every statement one INSERT … SELECT generate_series."""
    from django.db import connection

    from core.periods import JalaliMonth

    first = JalaliMonth.of(today)
    for _i in range(23):
        first = first.previous()
    start = first.start
    days = (today - start).days + 1
    persons = clubs * members_per_club
    sql = [
        # One neighborhood per club, spread over every county.
        f"""
        INSERT INTO regions_neighborhood (county_id, settlement_type, settlement_name, name, kind,
            is_deprived, deprived_program_org, population)
        SELECT c.id, 'city', c.name, 'محله ' || g, 'urban', false, '', 10000
        FROM generate_series(1, {clubs}) g
        JOIN (SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS rn FROM regions_county) c
          ON c.rn = g % (SELECT count(*) FROM regions_county)
        """,
        f"""
        INSERT INTO clubs_club (name, neighborhood_id, status, address, location, founded_on,
            opened_on, created_at, updated_at)
        SELECT 'کانون ' || n.name, n.id,
            (ARRAY['active','active','active','active','active','active','forming','dormant','closed'])[1 + (n.id % 9)],
            '', '', DATE '{start}' + (n.id % 200)::int, DATE '{start}' + (n.id % 200)::int + 20, now(), now()
        FROM regions_neighborhood n
        """,
        f"""
        INSERT INTO clubs_person (first_name, last_name, gender, national_code, mobile, created_at)
        SELECT 'عضو', 'شماره ' || g, CASE WHEN g % 5 < 3 THEN 'female' ELSE 'male' END,
            lpad(g::text, 10, '0'), '', now()
        FROM generate_series(1, {persons}) g
        """,
        f"""
        INSERT INTO clubs_membership (club_id, person_id, joined_on, left_on, consent_to_contact,
            skills, created_at)
        SELECT c.id, p.id, j.joined, CASE WHEN p.id % 10 = 0 THEN j.joined + 30 + (p.id % 200)::int END,
            false, '', now()
        FROM clubs_person p
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM clubs_club) c
          ON c.rn = p.id % {clubs}
        CROSS JOIN LATERAL (SELECT DATE '{start}' + ((p.id * 7919) % {days})::int AS joined) j
        """,
        "UPDATE clubs_membership SET left_on = NULL WHERE left_on > CURRENT_DATE",
        """
        INSERT INTO clubs_thematicgroup (club_id, topic_id, name, formed_on)
        SELECT c.id, t.id, '', COALESCE(c.founded_on, CURRENT_DATE) + 30
        FROM clubs_club c
        CROSS JOIN LATERAL (SELECT id FROM clubs_thematictopic ORDER BY id
            OFFSET (c.id % 5) LIMIT 2) t
        """,
        f"""
        INSERT INTO clubs_meeting (club_id, kind, held_on, place, agenda, minutes, decisions,
            members_female, members_male, guests_female, guests_male, created_at)
        SELECT c.id,
            (ARRAY['orientation','club','club','training','forum'])[1 + (g % 5)],
            DATE '{start}' + ((g::bigint * 104729) % {days})::int, '', '', '', '',
            3 + g % 9, 1 + g % 5, g % 4, g % 3, now()
        FROM generate_series(1, {meetings}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM clubs_club) c
          ON c.rn = (g::bigint * 31) % {clubs}
        """,
        f"""
        INSERT INTO clubs_actionitem (club_id, title, due_on, status, done_on, created_at)
        SELECT c.id, 'اقدام ' || g, DATE '{start}' + ((g * 7) % {days})::int + 14,
            (ARRAY['open','in_progress','done','done','cancelled'])[1 + (g % 5)],
            CASE WHEN g % 5 IN (2, 3) THEN DATE '{start}' + ((g * 7) % {days})::int + 10 END,
            (DATE '{start}' + ((g * 7) % {days})::int)::timestamptz
        FROM generate_series(1, {clubs * 5}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM clubs_club) c
          ON c.rn = g % {clubs}
        """,
        """
        UPDATE clubs_club c SET last_meeting_on = m.last
        FROM (SELECT club_id, max(held_on) AS last FROM clubs_meeting GROUP BY club_id) m
        WHERE m.club_id = c.id
        """,
        "ANALYZE",
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    counts = _counts()
    counts["generate_seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _counts() -> dict:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in (
            "clubs_club",
            "clubs_person",
            "clubs_membership",
            "clubs_meeting",
            "clubs_thematicgroup",
            "clubs_actionitem",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _timed(fn, repeat: int = 1):
    times = []
    result = None
    for _i in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, times


def _dashboards(today: dt.date) -> list[dict]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import RoleAssignment, User
    from accounts.roles import Role
    from regions.models import County, MedicalUniversity, Province
    from reports import selectors

    # Keep one connection for the whole run, so the captured queries are the page's.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    selectors.current_month = lambda today_=None: selectors.JalaliMonth.of(today)
    admin, _made = User.objects.get_or_create(username="bench_admin")
    RoleAssignment.objects.get_or_create(user=admin, role=Role.MINISTRY_ADMIN)
    university = MedicalUniversity.objects.get(code="tums")
    staff, _made = User.objects.get_or_create(username="bench_staff")
    RoleAssignment.objects.get_or_create(
        user=staff, role=Role.UNIVERSITY_STAFF, university=university
    )
    county = County.objects.filter(university=university).first()
    province = Province.objects.get(code="23")
    pages = [
        ("national (ministry)", admin, reverse("reports:national")),
        ("province Tehran (ministry)", admin, reverse("reports:province", args=[province.pk])),
        ("university TUMS (staff)", staff, reverse("reports:university", args=[university.pk])),
        ("county (staff)", staff, reverse("reports:county", args=[county.pk])),
    ]
    out = []
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm
        captured: list[str] = []

        def record(execute, sql, params, many, context, captured=captured):
            captured.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        sql = " ".join(captured)
        _r, times = _timed(lambda c=client, u=url: c.get(u), repeat=5)
        out.append(
            {
                "page": label,
                "queries": len(captured),
                "touches_meetings": "clubs_meeting" in sql,
                "median_ms": round(statistics.median(times) * 1000, 1),
            }
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clubs", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--members-per-club", type=int, default=25)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data of an earlier run (no generation)"
    )
    args = parser.parse_args(argv)

    fresh = _setup(args.database_url, args.reuse)
    from django.db import connection

    from core.periods import JalaliMonth
    from reports.models import ClubMonthSummary
    from reports.services import (
        summaries_rebuild,
        summaries_refresh_months,
        summary_refresh_club_from,
        summary_refresh_club_month,
    )

    today = dt.date.today()
    if fresh:
        counts = _generate(args.clubs, args.meetings, args.members_per_club, today)
    else:
        counts = _counts()
        counts["generate_seconds"] = 0
    connection.force_debug_cursor = False

    rebuild, (rebuild_s,) = _timed(lambda: summaries_rebuild(today=today))
    club_id = ClubMonthSummary.objects.order_by("club_id").values_list("club_id", flat=True)[0]
    month = JalaliMonth.of(today)
    back = month
    for _i in range(12):
        back = back.previous()
    _r, one_month = _timed(
        lambda: summary_refresh_club_month(club_id=club_id, month=month, today=today), repeat=5
    )
    _r, twelve = _timed(
        lambda: summary_refresh_club_from(club_id=club_id, month=back, today=today), repeat=3
    )
    _r, (daily_s,) = _timed(
        lambda: summaries_refresh_months(months=[month.previous(), month], today=today)
    )
    dashboards = _dashboards(today)

    result = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "database": "PostgreSQL " + connection.cursor().connection.info.server_version.__str__(),
        "data": counts,
        "summaries": {
            "months": rebuild.months,
            "club_rows": rebuild.club_rows,
            "rollup_rows": rebuild.rollup_rows,
        },
        "timings_s": {
            "rebuild_summaries": round(rebuild_s, 2),
            **{f"  rebuild: {k}": v for k, v in rebuild.seconds.items()},
            "refresh one club-month (median)": round(statistics.median(one_month), 3),
            "refresh one club from 12 months back (median)": round(statistics.median(twelve), 3),
            "daily refresh of all clubs, 2 months": round(daily_s, 2),
        },
        "dashboards": dashboards,
    }
    lines = [
        f"# Bench {result['when']} — {result['database']}",
        "",
        "| data | rows |",
        "|---|---:|",
        *[f"| {k} | {v:,} |" for k, v in counts.items()],
        f"| summary months | {rebuild.months} |",
        f"| club-month summary rows | {rebuild.club_rows:,} |",
        f"| roll-up rows | {rebuild.rollup_rows:,} |",
        "",
        "| operation | seconds |",
        "|---|---:|",
        *[f"| {k} | {v} |" for k, v in result["timings_s"].items()],
        "",
        "| dashboard | queries | reads meetings | median ms |",
        "|---|---:|---|---:|",
        *[
            f"| {d['page']} | {d['queries']} | {'yes' if d['touches_meetings'] else 'no'} | {d['median_ms']} |"
            for d in dashboards
        ],
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    (RESULTS / f"{stamp}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
