"""Fixtures of the surveys tests, on top of the standing `world` and users."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from surveys.models import Indicator, IndicatorSource, IndicatorUnit
from tests import factories as f
from tests.surveys import factories as sf


@pytest.fixture
def topics(db):
    sf.ensure_topics()


@pytest.fixture
def questionnaire(world, topics):
    """A national questionnaire with one question of each type."""
    return sf.make_questionnaire()


@pytest.fixture
def campaign(world, questionnaire):
    """A national campaign on all three clubs, open today, target 3 per club."""
    return sf.make_campaign(questionnaire, [world.club_a1, world.club_a2, world.club_b1])


@pytest.fixture
def university_questionnaire(world, topics, staff_a):
    return sf.make_questionnaire(
        sf.all_types_spec("پرسشنامه دانشگاه الف"), owner=world.university_a, by=staff_a
    )


@pytest.fixture
def university_campaign(world, university_questionnaire, staff_a):
    """University A's campaign on its two clubs."""
    return sf.make_campaign(
        university_questionnaire,
        [world.club_a1, world.club_a2],
        owner=world.university_a,
        title="پویش دانشگاه الف",
        by=staff_a,
    )


@pytest.fixture
def facilitator_b1(world):
    user = f.UserFactory(username="facilitator_b1")
    f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_b1)
    return user


@pytest.fixture
def national_indicator(world):
    return Indicator.objects.create(
        name="سهم کانون‌های دارای جلسه",
        unit=IndicatorUnit.PERCENT,
        source=IndicatorSource.PORTAL,
        computation="clubs_with_meeting",
    )


@pytest.fixture
def university_indicator(world):
    return Indicator.objects.create(
        name="شاخص دانشگاه الف",
        unit=IndicatorUnit.PERCENT,
        source=IndicatorSource.PORTAL,
        computation="clubs_with_secretary",
        owner_university=world.university_a,
    )
