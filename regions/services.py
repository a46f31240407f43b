"""Loading the place tree from maintained public data.

Provinces and counties (names and official statistical codes) come from the CSV files
shipped by the `django-iranian-cities` package (its app is not installed; only its
data is read). The medical-sciences universities and the counties each serves come
from `regions/data/universities.csv`, kept in this repository: one row per
university; a row without county codes serves every county of its province not
named by another row.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.db import transaction

from core.text import normalize
from regions.models import County, MedicalUniversity, Province

UNIVERSITIES_CSV = Path(__file__).resolve().parent / "data" / "universities.csv"


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _read_package_csv(name: str) -> list[dict[str, str]]:
    data = resources.files("iranian_cities").joinpath("data", name)
    with data.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _province_code(raw: str) -> str:
    return f"{int(raw):02d}"


def _county_code(raw: str) -> str:
    return f"{int(raw):04d}"


def _sync(model, lookup: dict, values: dict, result: LoadResult, label: str, *, keep: tuple = ()):
    """Create the row or bring it to `values`; fields in `keep` are only set on
    creation (an admin's later edit wins)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        result.created[label] += 1
        return obj
    changed = [
        name for name, value in values.items() if name not in keep and getattr(obj, name) != value
    ]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        result.updated[label] += 1
    return obj


def university_assignments(
    province_counties: dict[str, list[str]],
) -> tuple[list[dict], dict[str, str]]:
    """Read universities.csv: the universities, and county code → university code.

    Raises ValueError if a county would be served by two universities, a named
    county does not exist, or a province has counties no university serves.
    """
    with UNIVERSITIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    serving: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for row in rows:
        codes = row["county_codes"].split()
        if not codes:
            if row["province_code"] in defaults:
                raise ValueError(f"two default universities in province {row['province_code']}")
            defaults[row["province_code"]] = row["code"]
        for code in codes:
            if code not in province_counties.get(row["province_code"], []):
                raise ValueError(
                    f"{row['code']}: county {code} is not in province {row['province_code']}"
                )
            if code in serving:
                raise ValueError(f"county {code} is served by {serving[code]} and {row['code']}")
            serving[code] = row["code"]
    for province_code, county_codes in province_counties.items():
        for code in county_codes:
            if code not in serving:
                if province_code not in defaults:
                    raise ValueError(f"county {code} has no university")
                serving[code] = defaults[province_code]
    return rows, serving


@transaction.atomic
def regions_load(*, reset_universities: bool = False) -> LoadResult:
    """Load or refresh all provinces, counties and universities. Idempotent."""
    result = LoadResult()
    province_rows = _read_package_csv("province.csv")
    county_rows = _read_package_csv("county.csv")

    province_code_by_id = {row["id"]: _province_code(row["code"]) for row in province_rows}
    province_counties: dict[str, list[str]] = defaultdict(list)
    for row in county_rows:
        province_counties[province_code_by_id[row["province"]]].append(_county_code(row["code"]))

    university_rows, serving = university_assignments(province_counties)

    provinces = {
        code: _sync(Province, {"code": code}, {"name": normalize(row["name"])}, result, "province")
        for row in province_rows
        for code in [_province_code(row["code"])]
    }
    universities = {
        row["code"]: _sync(
            MedicalUniversity,
            {"code": row["code"]},
            {"name": normalize(row["name"]), "province": provinces[row["province_code"]]},
            result,
            "university",
        )
        for row in university_rows
    }
    for row in county_rows:
        code = _county_code(row["code"])
        _sync(
            County,
            {"code": code},
            {
                "name": normalize(row["name"]),
                "province": provinces[province_code_by_id[row["province"]]],
                "university": universities[serving[code]],
            },
            result,
            "county",
            keep=() if reset_universities else ("university",),
        )
    return result
