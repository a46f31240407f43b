"""Factories for the clubs data the reports summarize (the clubs branch will bring its
own; these live here so the branches do not collide)."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from clubs.models import (
    ActionItem,
    ActionStatus,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    Person,
    ThematicGroup,
    ThematicTopic,
)
from tests.factories import ClubFactory  # noqa: F401  (re-exported for the tests)


def _national_code(n: int) -> str:
    body = f"{n + 100000000:09d}"[-9:]
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    rest = total % 11
    return body + str(rest if rest < 2 else 11 - rest)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "عضو"
    last_name = factory.Sequence(lambda n: f"نمونه {n}")
    gender = Gender.FEMALE
    national_code = factory.Sequence(_national_code)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    joined_on = dt.date(2024, 1, 1)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = ThematicTopic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"موضوع {n}")


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = ThematicGroup

    topic = factory.SubFactory(TopicFactory)
    formed_on = dt.date(2024, 1, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.CLUB
    held_on = dt.date(2024, 4, 1)
    members_female = 5
    members_male = 3
    guests_female = 2
    guests_male = 1


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = ActionItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"اقدام {n}")
    due_on = dt.date(2024, 4, 10)
    status = ActionStatus.OPEN

    @factory.post_generation
    def created_on(obj, create, extracted, **kwargs):
        """created_on=date sets the (auto_now_add) created_at to that day in Tehran."""
        if create and extracted:
            moment = timezone.make_aware(dt.datetime.combine(extracted, dt.time(10, 0)))
            ActionItem.objects.filter(pk=obj.pk).update(created_at=moment)
            obj.created_at = moment
