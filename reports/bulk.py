"""Writing many summary rows fast. On PostgreSQL rows go in by COPY (into the table,
or into a temporary table and then one INSERT … ON CONFLICT DO UPDATE); elsewhere
(the SQLite quick start) through bulk_create. Rows are dicts keyed by attname."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

BATCH = 2000


def write_rows(model, rows: Sequence[dict], *, conflict: Sequence[str] | None = None) -> int:
    """Insert `rows`; with `conflict` (attnames of a unique constraint), update the
    rows that already exist instead."""
    if not rows:
        return 0
    now = timezone.now()
    for row in rows:
        row.setdefault("computed_at", now)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns = list(rows[0])
    if connection.vendor == "postgresql":
        _copy(model, fields, columns, rows, conflict)
        return len(rows)
    objects = [model(**row) for row in rows]
    if conflict:
        model.objects.bulk_create(
            objects,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=[fields[c].name for c in conflict],
            update_fields=[fields[c].name for c in columns if c not in conflict],
        )
    else:
        model.objects.bulk_create(objects, batch_size=BATCH)
    return len(rows)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


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


def _copy(model, fields: dict, columns: list[str], rows: Sequence[dict], conflict) -> None:
    table = model._meta.db_table
    db_columns = [fields[c].column for c in columns]
    quoted = ", ".join(f'"{c}"' for c in db_columns)
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
                buffer.append("\t".join([_text(row[c]) for c in columns]))
                if len(buffer) >= 5000:
                    copy.write("\n".join(buffer) + "\n")
                    buffer = []
            if buffer:
                copy.write("\n".join(buffer) + "\n")
        if conflict:
            keys = ", ".join(f'"{fields[c].column}"' for c in conflict)
            updates = ", ".join(
                f'"{fields[c].column}" = EXCLUDED."{fields[c].column}"'
                for c in columns
                if c not in conflict
            )
            cursor.execute(
                f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM "{target}" '
                f"ON CONFLICT ({keys}) DO UPDATE SET {updates}"
            )
            cursor.execute(f'DROP TABLE "{target}"')
