"""Fixtures of the clubs tests: members of club A1, a facilitator of club B1."""

import pytest

from accounts.roles import Role
from clubs.models import Gender
from tests import factories as f
from tests.clubs.factories import MembershipFactory, PersonFactory


@pytest.fixture
def members_a1(world):
    """Five current members of club A1: three women, two men."""
    genders = [Gender.FEMALE, Gender.FEMALE, Gender.FEMALE, Gender.MALE, Gender.MALE]
    return [
        MembershipFactory(club=world.club_a1, person=PersonFactory(gender=gender))
        for gender in genders
    ]


@pytest.fixture
def facilitator_b(world):
    user = f.UserFactory(username="facilitator_b")
    f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_b1)
    return user
