"""Factories for the clubs records the rollout rules read, and for rollout rows."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from clubs.models import (
    Meeting,
    MeetingKind,
    Membership,
    OfficerRole,
    OfficerTerm,
    Person,
    ThematicGroup,
    ThematicTopic,
)
from tests.factories import ClubFactory


def national_code(n: int) -> str:
    """A valid national code (checksum) from a sequence number."""
    body = f"{(n * 7919 + 1234567) % 10**9:09d}"
    remainder = sum(int(body[i]) * (10 - i) for i in range(9)) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return body + str(check)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "عضو"
    last_name = factory.Sequence(lambda n: f"شماره {n}")
    gender = "female"
    national_code = factory.Sequence(lambda n: national_code(n + 1))


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    club = factory.SubFactory(ClubFactory)
    person = factory.SubFactory(PersonFactory)
    joined_on = dt.date(2024, 3, 25)


class OfficerTermFactory(DjangoModelFactory):
    class Meta:
        model = OfficerTerm

    club = factory.SubFactory(ClubFactory)
    membership = factory.SubFactory(MembershipFactory, club=factory.SelfAttribute("..club"))
    role = OfficerRole.SECRETARY
    elected_on = dt.date(2024, 4, 10)


class ThematicTopicFactory(DjangoModelFactory):
    class Meta:
        model = ThematicTopic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"موضوع {n}")


class ThematicGroupFactory(DjangoModelFactory):
    class Meta:
        model = ThematicGroup

    club = factory.SubFactory(ClubFactory)
    topic = factory.SubFactory(ThematicTopicFactory)
    formed_on = dt.date(2024, 5, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    club = factory.SubFactory(ClubFactory)
    kind = MeetingKind.CLUB
    held_on = dt.date(2024, 5, 5)
