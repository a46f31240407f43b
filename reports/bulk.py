"""Writing many summary rows fast. Rows are tuples in the order of `columns`
(attnames). On PostgreSQL they go in by COPY (into the table, or into a temporary
table and then one INSERT … ON CONFLICT DO UPDATE); elsewhere (the SQLite quick
start) through bulk_create."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

BATCH = 2000
# Fewer rows than this (one club's refresh) go through bulk_create: no temporary table.
COPY_FROM = 1000

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def write_rows(
    model,
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    conflict: Sequence[str] | None = None,
) -> int:
    """Insert `rows`; with `conflict` (attnames of a unique constraint), update the
    rows that already exist instead. `computed_at` is set to now."""
    if not rows:
        return 0
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns = list(columns)
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        _copy(model, fields, columns, rows, conflict)
        return len(rows)
    now = timezone.now()
    objects = [model(computed_at=now, **dict(zip(columns, row, strict=True))) for row in rows]
    if conflict:
        model.objects.bulk_create(
            objects,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=[fields[c].name for c in conflict],
            update_fields=[fields[c].name for c in [*columns, "computed_at"] if c not in conflict],
        )
    else:
        model.objects.bulk_create(objects, batch_size=BATCH)
    return len(rows)


def _text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _copy(model, fields: dict, columns: list[str], rows: Sequence[tuple], conflict) -> None:
    table = model._meta.db_table
    all_columns = [*columns, "computed_at"]
    db_columns = [fields[c].column for c in all_columns]
    quoted = ", ".join(f'"{c}"' for c in db_columns)
    # The run of integer columns is written with str() in one go; the rest via _text.
    numeric = [fields[c].get_internal_type().endswith("IntegerField") for c in columns]
    first = numeric.index(True) if True in numeric else len(columns)
    last = first
    while last < len(columns) and numeric[last]:
        last += 1
    now = "\t" + timezone.now().isoformat() + "\n"
    target = f"tmp_{table}" if conflict else table
    with connection.cursor() as cursor:
        if conflict:
            cursor.execute(f'DROP TABLE IF EXISTS "{target}"')
            cursor.execute(
                f'CREATE TEMP TABLE "{target}" AS SELECT {quoted} FROM "{table}" WITH NO DATA'
            )
        with cursor.cursor.copy(f'COPY "{target}" ({quoted}) FROM STDIN') as copy:
            buffer = []
            for row in rows:
                buffer.append(
                    "\t".join(
                        [
                            *[_text(v) for v in row[:first]],
                            *map(str, row[first:last]),
                            *[_text(v) for v in row[last:]],
                        ]
                    )
                    + now
                )
                if len(buffer) >= 10000:
                    copy.write("".join(buffer))
                    buffer = []
            if buffer:
                copy.write("".join(buffer))
        if conflict:
            keys = ", ".join(f'"{fields[c].column}"' for c in conflict)
            updates = ", ".join(
                f'"{fields[c].column}" = EXCLUDED."{fields[c].column}"'
                for c in all_columns
                if c not in conflict
            )
            cursor.execute(
                f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM "{target}" '
                f"ON CONFLICT ({keys}) DO UPDATE SET {updates}"
            )
            cursor.execute(f'DROP TABLE "{target}"')
