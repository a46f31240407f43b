"""Factories of the clubs app (shared place and user factories in tests/factories.py)."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from clubs.models import (
    ActionItem,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    Person,
    ThematicGroup,
    ThematicTopic,
)
from tests.factories import ClubFactory


def valid_national_code(n: int) -> str:
    """The n-th valid national code (checksum computed), never ten equal digits."""
    digits = [int(d) for d in f"{(n * 7919 + 123456789) % 10**9:09d}"]
    if len(set(digits)) == 1:
        digits[0] = (digits[0] + 1) % 10
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return "".join(map(str, digits)) + str(check)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"نام{n}")
    last_name = factory.Sequence(lambda n: f"خانواده{n}")
    gender = factory.Iterator([Gender.FEMALE, Gender.MALE])
    birth_year = 1360
    national_code = factory.Sequence(valid_national_code)
    mobile = factory.Sequence(lambda n: f"0912{n % 10**7:07d}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    club = factory.SubFactory(ClubFactory)
    person = factory.SubFactory(PersonFactory)
    joined_on = dt.date(2024, 4, 1)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = ThematicTopic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"موضوع {n}")


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = ThematicGroup

    club = factory.SubFactory(ClubFactory)
    topic = factory.SubFactory(TopicFactory)
    formed_on = dt.date(2024, 5, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    club = factory.SubFactory(ClubFactory)
    kind = MeetingKind.CLUB
    held_on = dt.date(2024, 6, 1)


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem

    club = factory.SubFactory(ClubFactory)
    title = factory.Sequence(lambda n: f"اقدام {n}")
    due_on = dt.date(2024, 7, 1)
