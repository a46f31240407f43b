"""A median aggregate that runs in the database on PostgreSQL and SQLite alike, so a
statistic is one grouped query whatever the number of rows."""

from __future__ import annotations

import statistics

from django.db.models import Aggregate, FloatField

SQLITE_MEDIAN = "FORUMS_MEDIAN"


class Median(Aggregate):
    """PostgreSQL: PERCENTILE_CONT(0.5); SQLite: a Python aggregate registered on every
    connection (see ForumsConfig.ready). NULLs are ignored; no rows gives NULL."""

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function=SQLITE_MEDIAN,
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


class _SQLiteMedian:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return float(statistics.median(self.values)) if self.values else None


def register_sqlite_median(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _SQLiteMedian)
