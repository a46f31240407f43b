"""The forum chain over the standing world (tests/conftest.py):

    supreme ← national ← province 1 ← county A1 ← neighborhood A1 (club A1)
                                    ← county A2 ← neighborhood A2 (club A2)
                       ← province 2 ← county B1 ← neighborhood B1 (club B1)

plus secretariats for the other forums of the world.
"""

from dataclasses import dataclass

import pytest

from accounts.roles import Role
from clubs.models import ThematicTopic
from forums import services
from forums.models import Forum
from tests import factories as f


@dataclass
class Chain:
    supreme: Forum
    national: Forum
    province_1: Forum
    province_2: Forum
    county_a1: Forum
    county_a2: Forum
    county_b1: Forum
    nb_a1: Forum
    nb_a2: Forum
    nb_b1: Forum


@pytest.fixture
def chain(world) -> Chain:
    nb_a1 = services.forum_for_neighborhood(world.neighborhood_a1)
    nb_a2 = services.forum_for_neighborhood(world.neighborhood_a2)
    nb_b1 = services.forum_for_neighborhood(world.neighborhood_b1)
    return Chain(
        supreme=Forum.objects.get(level="supreme"),
        national=Forum.objects.get(level="national"),
        province_1=Forum.objects.get(level="province", province=world.province_1),
        province_2=Forum.objects.get(level="province", province=world.province_2),
        county_a1=Forum.objects.get(level="county", county=world.county_a1),
        county_a2=Forum.objects.get(level="county", county=world.county_a2),
        county_b1=Forum.objects.get(level="county", county=world.county_b1),
        nb_a1=nb_a1,
        nb_a2=nb_a2,
        nb_b1=nb_b1,
    )


def _user(username, role, **place):
    user = f.UserFactory(username=username)
    f.RoleAssignmentFactory(user=user, role=role, **place)
    return user


@pytest.fixture
def county_a2_secretariat(world):
    return _user("county_a2_sec", Role.COUNTY_SECRETARIAT, county=world.county_a2)


@pytest.fixture
def county_b1_secretariat(world):
    return _user("county_b1_sec", Role.COUNTY_SECRETARIAT, county=world.county_b1)


@pytest.fixture
def province_2_secretariat(world):
    return _user("province_2_sec", Role.PROVINCE_SECRETARIAT, province=world.province_2)


@pytest.fixture
def facilitator_a2(world):
    return _user("facilitator_a2", Role.FACILITATOR, club=world.club_a2)


@pytest.fixture
def facilitator_b1(world):
    return _user("facilitator_b1", Role.FACILITATOR, club=world.club_b1)


@pytest.fixture
def topic(db):
    # get_or_create: a transactional test elsewhere may have flushed the migration's rows.
    return ThematicTopic.objects.get_or_create(
        code="addiction", defaults={"name": "پیشگیری از اعتیاد"}
    )[0]


@pytest.fixture
def other_topic(db):
    return ThematicTopic.objects.get_or_create(code="nutrition", defaults={"name": "تغذیه"})[0]
