"""Jalali reporting periods: months and seasons (three months each, the year starting
at Nowruz). Each knows its exact Gregorian first and last day, so a query filters a
plain DateField with `date__range=period.range`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime

from core.jalali import MONTH_NAMES, SEASON_NAMES, to_jalali
from core.text import normalize, persian_digits

_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON_KEY = re.compile(r"^(\d{4})-S([1-4])$")


def _month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


@dataclass(frozen=True, order=True)
class JalaliMonth:
    year: int
    month: int

    kind = "month"

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @classmethod
    def of(cls, day: dt.date | dt.datetime) -> JalaliMonth:
        jdate = to_jalali(day)
        return cls(jdate.year, jdate.month)

    @classmethod
    def from_key(cls, key: str) -> JalaliMonth:
        match = _MONTH_KEY.match(normalize(key))
        if not match:
            raise ValueError(f"not a month key: {key!r}")
        return cls(int(match[1]), int(match[2]))

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> dt.date:
        return jdatetime.date(self.year, self.month, 1).togregorian()

    @property
    def end(self) -> dt.date:
        """The last day, inclusive."""
        return jdatetime.date(
            self.year, self.month, _month_length(self.year, self.month)
        ).togregorian()

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    @property
    def days(self) -> int:
        return _month_length(self.year, self.month)

    @property
    def label(self) -> str:
        return persian_digits(f"{MONTH_NAMES[self.month - 1]} {self.year}")

    @property
    def season(self) -> JalaliSeason:
        return JalaliSeason(self.year, (self.month - 1) // 3 + 1)

    def next(self) -> JalaliMonth:
        return (
            JalaliMonth(self.year + 1, 1)
            if self.month == 12
            else JalaliMonth(self.year, self.month + 1)
        )

    def previous(self) -> JalaliMonth:
        return (
            JalaliMonth(self.year - 1, 12)
            if self.month == 1
            else JalaliMonth(self.year, self.month - 1)
        )

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, order=True)
class JalaliSeason:
    year: int
    season: int  # 1 spring (Farvardin–Khordad) … 4 winter (Dey–Esfand)

    kind = "season"

    def __post_init__(self) -> None:
        if not 1 <= self.season <= 4:
            raise ValueError(f"season out of range: {self.season}")

    @classmethod
    def of(cls, day: dt.date | dt.datetime) -> JalaliSeason:
        return JalaliMonth.of(day).season

    @classmethod
    def from_key(cls, key: str) -> JalaliSeason:
        match = _SEASON_KEY.match(normalize(key))
        if not match:
            raise ValueError(f"not a season key: {key!r}")
        return cls(int(match[1]), int(match[2]))

    @property
    def key(self) -> str:
        return f"{self.year:04d}-S{self.season}"

    @property
    def months(self) -> tuple[JalaliMonth, JalaliMonth, JalaliMonth]:
        first = (self.season - 1) * 3 + 1
        return tuple(JalaliMonth(self.year, first + i) for i in range(3))  # type: ignore[return-value]

    @property
    def start(self) -> dt.date:
        return self.months[0].start

    @property
    def end(self) -> dt.date:
        return self.months[-1].end

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    @property
    def label(self) -> str:
        return persian_digits(f"{SEASON_NAMES[self.season - 1]} {self.year}")

    def next(self) -> JalaliSeason:
        return (
            JalaliSeason(self.year + 1, 1)
            if self.season == 4
            else JalaliSeason(self.year, self.season + 1)
        )

    def previous(self) -> JalaliSeason:
        return (
            JalaliSeason(self.year - 1, 4)
            if self.season == 1
            else JalaliSeason(self.year, self.season - 1)
        )

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


Period = JalaliMonth | JalaliSeason


def period_from_key(key: str) -> Period:
    """'1403-01' → Farvardin 1403; '1403-S2' → summer 1403."""
    return JalaliSeason.from_key(key) if "S" in key.upper() else JalaliMonth.from_key(key)


def months_between(first: JalaliMonth, last: JalaliMonth) -> list[JalaliMonth]:
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = current.next()
    return months
