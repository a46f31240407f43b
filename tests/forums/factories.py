"""Factories and helpers for forum tests. Issues are made through the services (so
that their path and timeline exist as in real use)."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from forums import services
from forums.models import SEAT_CATEGORY, ForumSession, IssueSource, Seat, SeatKind
from tests.factories import ClubFactory, NeighborhoodFactory  # noqa: F401


class SeatFactory(DjangoModelFactory):
    class Meta:
        model = Seat

    kind = SeatKind.HEALTH
    category = factory.LazyAttribute(lambda o: SEAT_CATEGORY[o.kind])
    person_name = factory.Sequence(lambda n: f"نماینده {n}")
    organization = "مرکز خدمات جامع سلامت"
    term_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))


class ForumSessionFactory(DjangoModelFactory):
    class Meta:
        model = ForumSession

    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    place = "سرای محله"


def raise_issue(forum, by=None, title="مسئله آزمایشی", **kwargs):
    kwargs.setdefault("source_kind", IssueSource.MEMBER)
    return services.issue_raise(forum=forum, by=by, title=title, **kwargs)
