"""Demo data for the quick start (`manage.py seed_demo`).

Each app that has demo data provides a `demo.seed(context)` function; they run in the
order below and share `context` (the users, universities and clubs made so far).
Every seeder is idempotent: running `seed_demo` again changes nothing.
"""

from __future__ import annotations

from importlib import import_module

from django.db import transaction

DEMO_PASSWORD = "salamat1404"

SEEDERS = [
    "accounts.demo",
    "clubs.demo",
    "forums.demo",
    "surveys.demo",
    "clubs.rollout.demo",
    # Keep last: summarizes what the seeders above made and produces last month's reports.
    "reports.demo",
]


@transaction.atomic
def seed_all(*, stdout=None) -> dict:
    context: dict = {"password": DEMO_PASSWORD}
    for path in SEEDERS:
        module = import_module(path)
        module.seed(context)
        if stdout is not None:
            stdout.write(f"seeded {path}")
    return context
