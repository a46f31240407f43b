"""Standing places and users for every test.

Two provinces; university A serves two counties of province 1, university B one
county of province 2; one neighborhood and one club in each county. Users: a
ministry admin, staff of university A and of university B, the province-1 and
county-A1 forum secretariats, a facilitator and a secretary of club A1, an outsider
with no role; `client` is anonymous.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from accounts.roles import Role
from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "pass-1234"


@dataclass
class World:
    province_1: object
    province_2: object
    university_a: object
    university_b: object
    county_a1: object
    county_a2: object
    county_b1: object
    neighborhood_a1: object
    neighborhood_a2: object
    neighborhood_b1: object
    club_a1: object
    club_a2: object
    club_b1: object


@pytest.fixture
def world(db) -> World:
    province_1 = f.ProvinceFactory(code="23", name="تهران")
    province_2 = f.ProvinceFactory(code="09", name="خراسان رضوی")
    university_a = f.UniversityFactory(
        code="univ-a", name="دانشگاه علوم پزشکی الف", province=province_1
    )
    university_b = f.UniversityFactory(
        code="univ-b", name="دانشگاه علوم پزشکی ب", province=province_2
    )
    county_a1 = f.CountyFactory(
        code="2301", name="تهران", province=province_1, university=university_a
    )
    county_a2 = f.CountyFactory(
        code="2310", name="اسلامشهر", province=province_1, university=university_a
    )
    county_b1 = f.CountyFactory(
        code="0916", name="مشهد", province=province_2, university=university_b
    )
    neighborhood_a1 = f.NeighborhoodFactory(county=county_a1, name="دروازه غار")
    neighborhood_a2 = f.NeighborhoodFactory(county=county_a2, name="قائمیه")
    neighborhood_b1 = f.NeighborhoodFactory(county=county_b1, name="گلشهر")
    return World(
        province_1=province_1,
        province_2=province_2,
        university_a=university_a,
        university_b=university_b,
        county_a1=county_a1,
        county_a2=county_a2,
        county_b1=county_b1,
        neighborhood_a1=neighborhood_a1,
        neighborhood_a2=neighborhood_a2,
        neighborhood_b1=neighborhood_b1,
        club_a1=f.ClubFactory(neighborhood=neighborhood_a1, name="کانون دروازه غار"),
        club_a2=f.ClubFactory(neighborhood=neighborhood_a2, name="کانون قائمیه"),
        club_b1=f.ClubFactory(neighborhood=neighborhood_b1, name="کانون گلشهر"),
    )


def _user_with_role(username: str, role: str | None = None, **place):
    user = f.UserFactory(username=username)
    if role is not None:
        f.RoleAssignmentFactory(user=user, role=role, **place)
    return user


@pytest.fixture
def ministry_admin(world):
    return _user_with_role("ministry_admin", Role.MINISTRY_ADMIN)


@pytest.fixture
def staff_a(world):
    return _user_with_role("staff_a", Role.UNIVERSITY_STAFF, university=world.university_a)


@pytest.fixture
def staff_b(world):
    return _user_with_role("staff_b", Role.UNIVERSITY_STAFF, university=world.university_b)


@pytest.fixture
def province_secretariat(world):
    return _user_with_role("province_sec", Role.PROVINCE_SECRETARIAT, province=world.province_1)


@pytest.fixture
def county_secretariat(world):
    return _user_with_role("county_sec", Role.COUNTY_SECRETARIAT, county=world.county_a1)


@pytest.fixture
def facilitator(world):
    return _user_with_role("facilitator", Role.FACILITATOR, club=world.club_a1)


@pytest.fixture
def club_secretary(world):
    return _user_with_role("club_secretary", Role.CLUB_SECRETARY, club=world.club_a1)


@pytest.fixture
def outsider(world):
    return _user_with_role("outsider")


@pytest.fixture
def login(client):
    """login(user) → a client signed in as user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


ROLE_FIXTURES = [
    "ministry_admin",
    "staff_a",
    "staff_b",
    "province_secretariat",
    "county_secretariat",
    "facilitator",
    "club_secretary",
    "outsider",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before pytest-django drops the PostgreSQL test database, end any session a
    live-server or browser test left open on it (otherwise the drop fails with
    "is being accessed by other users" and leaves the database behind)."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
