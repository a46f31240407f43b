"""Demo data of the reports: the summaries of the demo clubs and last month's
monitoring reports. If no earlier seeder logged any meeting, a modest history of
members, groups, meetings and action items is made first (eight months, seeded
random numbers), so the dashboards have something to show. Idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from clubs.models import (
    ActionItem,
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    Person,
    ThematicGroup,
    ThematicTopic,
)
from core.periods import JalaliMonth
from reports.services import report_ensure, summaries_rebuild

FIRST_NAMES = {
    Gender.FEMALE: ["مریم", "زهرا", "فاطمه", "سمیه", "لیلا", "نرگس", "معصومه", "الهام"],
    Gender.MALE: ["علی", "حسین", "رضا", "مهدی", "محمد", "امیر", "سعید", "جواد"],
}
LAST_NAMES = ["احمدی", "رضایی", "کریمی", "موسوی", "حسینی", "جعفری", "نوری", "صادقی", "رحیمی"]
TOPICS = [
    ("nutrition", "تغذیه سالم"),
    ("mental-health", "سلامت روان"),
    ("environment", "بهداشت محیط"),
    ("addiction", "پیشگیری از اعتیاد"),
]


def _national_code(n: int) -> str:
    body = f"{n:09d}"
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    rest = total % 11
    return body + str(rest if rest < 2 else 11 - rest)


def _history(clubs: list[Club], today: dt.date) -> None:
    rng = random.Random(1404)
    start = JalaliMonth.of(today)
    for _i in range(7):
        start = start.previous()
    # The catalogue (clubs migration 0002); the fallback topics only if it is empty.
    topics = list(ThematicTopic.objects.filter(is_active=True).order_by("order")[:6]) or [
        ThematicTopic.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in TOPICS
    ]
    serial = 990_000_000
    for index, club in enumerate(clubs):
        opened = start.start + dt.timedelta(days=rng.randint(0, 40))
        club.founded_on = club.founded_on or start.start
        club.opened_on = club.opened_on or opened
        # One club in five has gone quiet (dormant by activity), one is still forming.
        quiet = index % 5 == 4
        if index % 7 == 6:
            club.status = ClubStatus.FORMING
        club.save()
        memberships = []
        for _m in range(rng.randint(12, 30)):
            gender = Gender.FEMALE if rng.random() < 0.62 else Gender.MALE
            serial += 1
            person = Person.objects.create(
                first_name=rng.choice(FIRST_NAMES[gender]),
                last_name=rng.choice(LAST_NAMES),
                gender=gender,
                national_code=_national_code(serial),
            )
            joined = club.founded_on + dt.timedelta(days=rng.randint(0, 200))
            joined = min(joined, today)
            left = None
            if rng.random() < 0.12 and (today - joined).days > 30:
                left = joined + dt.timedelta(days=rng.randint(20, (today - joined).days))
            memberships.append(
                Membership.objects.create(club=club, person=person, joined_on=joined, left_on=left)
            )
        groups = [
            ThematicGroup.objects.create(
                club=club,
                topic=topic,
                formed_on=club.founded_on + dt.timedelta(days=rng.randint(20, 90)),
            )
            for topic in rng.sample(topics, rng.randint(1, 3))
        ]
        day = club.founded_on
        last_day = today - dt.timedelta(days=75) if quiet else today
        while day <= last_day:
            kind = rng.choice(
                [MeetingKind.CLUB, MeetingKind.CLUB, MeetingKind.TRAINING, MeetingKind.FORUM]
                + ([MeetingKind.THEMATIC_GROUP] * 2 if groups else [])
            )
            if (day - club.founded_on).days < 20:
                kind = MeetingKind.ORIENTATION
            members_here = rng.randint(4, max(5, len(memberships) // 2))
            female = round(members_here * rng.uniform(0.5, 0.75))
            meeting = Meeting.objects.create(
                club=club,
                kind=kind,
                group=rng.choice(groups) if kind == MeetingKind.THEMATIC_GROUP else None,
                held_on=day,
                place=club.location or "سرای محله",
                members_female=female,
                members_male=members_here - female,
                guests_female=rng.randint(0, 6),
                guests_male=rng.randint(0, 4),
            )
            if rng.random() < 0.4:
                due = day + dt.timedelta(days=rng.randint(7, 30))
                done = due - dt.timedelta(days=2) if due < today and rng.random() < 0.6 else None
                item = ActionItem.objects.create(
                    club=club,
                    meeting=meeting,
                    title=rng.choice(
                        [
                            "پیگیری جمع‌آوری زباله‌های کوچه",
                            "برگزاری کلاس تغذیه سالم برای مادران",
                            "هماهنگی با شهرداری برای نور معابر",
                            "فهرست سالمندان تنها برای پیگیری",
                        ]
                    ),
                    due_on=due,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    done_on=done,
                )
                ActionItem.objects.filter(pk=item.pk).update(
                    created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
                )
            day += dt.timedelta(days=rng.randint(6, 16))
        Club.objects.filter(pk=club.pk).update(
            last_meeting_on=Meeting.objects.filter(club=club)
            .order_by("-held_on")
            .values_list("held_on", flat=True)
            .first()
        )
    # The status history starts when the clubs were founded, not when seeded.
    Club.history.model.objects.filter(id__in=[c.pk for c in clubs]).update(
        history_date=timezone.make_aware(dt.datetime.combine(start.start, dt.time(9)))
    )


def seed(context: dict) -> None:
    today = timezone.localdate()
    clubs = list(context.get("clubs", {}).values()) or list(Club.objects.all())
    if clubs and not Meeting.objects.filter(club__in=clubs).exists():
        _history(clubs, today)
    summaries_rebuild(today=today)
    last_month = JalaliMonth.of(today).previous()
    universities = {
        c.neighborhood.county.university_id
        for c in Club.objects.select_related("neighborhood__county")
    }
    for university_id in [None, *sorted(universities)]:
        report_ensure(university_id=university_id, period=last_month)
