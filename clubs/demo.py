"""Demo life in the demo clubs: members (with valid national codes), a secretary and
a deputy (with an earlier holder in one club), thematic groups, four months of
meetings with attendance, and action items — some done, some overdue.

Idempotent: a club that already has members is left as it is. Everything is written
through clubs/services.py, so counts and the activity signal are what users would
produce. The club of هرندی has had no meeting for 75 days, to show the dormant signal.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib

from django.utils import timezone

from clubs import services
from clubs.models import ActionStatus, Club, ClubStatus, Gender, MeetingKind, ThematicTopic

FEMALE_NAMES = [
    "فاطمه",
    "زهرا",
    "مریم",
    "معصومه",
    "سکینه",
    "زینب",
    "لیلا",
    "نرگس",
    "الهام",
    "سمیه",
    "رقیه",
    "اعظم",
    "مهری",
    "طاهره",
    "شیرین",
    "پروین",
    "سارا",
    "نازنین",
    "هاجر",
    "کبری",
]
MALE_NAMES = [
    "علی",
    "محمد",
    "حسین",
    "رضا",
    "مهدی",
    "حسن",
    "جواد",
    "مجید",
    "سعید",
    "احمد",
    "ابراهیم",
    "یوسف",
    "اکبر",
    "عباس",
    "ناصر",
    "کاظم",
    "هادی",
    "امیر",
    "مصطفی",
    "قاسم",
]
LAST_NAMES = [
    "احمدی",
    "محمدی",
    "حسینی",
    "رضایی",
    "کریمی",
    "موسوی",
    "جعفری",
    "صادقی",
    "رحیمی",
    "نوری",
    "قاسمی",
    "عباسی",
    "کاظمی",
    "مرادی",
    "حیدری",
    "یوسفی",
    "اکبری",
    "طاهری",
    "سلیمانی",
    "نجفی",
    "زارعی",
    "بهرامی",
    "کرمانی",
    "شریفی",
]
SKILLS = ["خیاطی", "آشپزی", "ورزش", "کامپیوتر", "پرستاری", "تدریس", "نقاشی", "قرآن", "", ""]
PLACES = ["سرای محله", "پایگاه سلامت", "مسجد محله", "فرهنگسرا", "مدرسه محله"]
ACTIONS = [
    "پیگیری نظافت کوچه‌ها با شهرداری",
    "برگزاری کلاس تغذیه سالم برای مادران",
    "تهیه فهرست سالمندان تنها",
    "دعوت از کارشناس سلامت روان",
    "پیگیری روشنایی پارک محله",
    "برنامه پیاده‌روی صبحگاهی",
    "اطلاع‌رسانی غربالگری فشار خون",
    "هماهنگی با مدرسه برای آموزش بهداشت دهان",
]
PARTNERS = ["خیریه امام علی", "جمعیت امداد دانشجویی", "سمن زنان سرپرست خانوار"]
DORMANT_DEMO = "هرندی"


def national_code(rng: random.Random) -> str:
    """A random code that passes the checksum (کد ملی معتبر)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        if len(set(digits)) > 1:
            break
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return "".join(map(str, digits)) + str(check)


def _mobile(rng: random.Random) -> str:
    return "09" + "".join(str(rng.randint(0, 9)) for _ in range(9))


def seed(context: dict) -> None:
    today = timezone.localdate()
    facilitator = context.get("demo_users", {}).get("facilitator")
    partners = services.partners_get_or_create(names=PARTNERS)
    topics = {t.code: t for t in ThematicTopic.objects.filter(is_active=True)}
    for name, club in context.get("clubs", {}).items():
        club = Club.objects.get(pk=club.pk)
        if club.memberships.exists():
            continue
        rng = random.Random(zlib.crc32(club.name.encode("utf-8")))
        _seed_club(club, rng, today, facilitator, partners, topics, dormant=name == DORMANT_DEMO)


def _seed_club(club, rng, today, facilitator, partners, topics, *, dormant: bool) -> None:
    founded = today - dt.timedelta(days=rng.randint(200, 400))
    services.club_update(
        club=club,
        founded_on=founded,
        opened_on=founded + dt.timedelta(days=30),
        location=rng.choice(PLACES),
        address=f"{club.neighborhood.name}، خیابان اصلی، کوچه {rng.randint(1, 30)}",
        status=ClubStatus.ACTIVE,
        partners=rng.sample(partners, 2),
    )
    members = []
    count = rng.randint(16, 26)
    for index in range(count):
        female = index % 3 != 2  # most volunteers are women
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        if index == 0 and club.name.endswith("دروازه غار"):
            first, female = "محمد", False  # the demo secretary user
        last = (
            "جعفری" if index == 0 and club.name.endswith("دروازه غار") else rng.choice(LAST_NAMES)
        )
        members.append(
            services.member_add(
                club=club,
                national_code=national_code(rng),
                first_name=first,
                last_name=last,
                gender=Gender.FEMALE if female else Gender.MALE,
                birth_year=rng.randint(1335, 1385),
                mobile=_mobile(rng),
                joined_on=founded + dt.timedelta(days=rng.randint(0, 120)),
                consent_to_contact=rng.random() < 0.8,
                skills=rng.choice(SKILLS),
            )
        )
    # Officers: in some clubs an earlier secretary was replaced (history).
    first_election = max(m.joined_on for m in members[:4]) + dt.timedelta(days=10)
    if rng.random() < 0.5:
        services.officer_elect(
            club=club,
            membership=members[3],
            role="secretary",
            elected_on=first_election,
        )
        first_election += dt.timedelta(days=60)
    services.officer_elect(
        club=club,
        membership=members[0],
        role="secretary",
        elected_on=min(first_election, today - dt.timedelta(days=5)),
        term_ends_on=first_election + dt.timedelta(days=730),
    )
    services.officer_elect(
        club=club,
        membership=members[1],
        role="deputy",
        elected_on=min(first_election, today - dt.timedelta(days=5)),
    )
    # A member who left (history is kept).
    services.member_leave(membership=members[-1], left_on=today - dt.timedelta(days=20))
    current = members[:-1]
    groups = []
    for code in rng.sample(["nutrition", "mental-health", "elderly", "sports", "tobacco"], 3):
        if code not in topics:
            continue
        chosen = rng.sample(current[2:], 5)
        groups.append(
            services.group_create(
                club=club,
                topic=topics[code],
                formed_on=first_election + dt.timedelta(days=15),
                members=chosen,
                lead=chosen[0],
            )
        )
    # Meetings every two weeks for four months (the dormant demo stops 75 days ago).
    last_day = today - dt.timedelta(days=75 if dormant else rng.randint(1, 6))
    day = today - dt.timedelta(days=120)
    number = 0
    while day <= last_day:
        kind = MeetingKind.CLUB
        group = None
        if number % 3 == 1 and groups:
            kind, group = MeetingKind.THEMATIC_GROUP, rng.choice(groups)
        elif number % 4 == 3:
            kind = MeetingKind.TRAINING
        present = rng.sample(current, rng.randint(len(current) // 2, len(current)))
        items = []
        if number % 2 == 0:
            owner = rng.choice(present)
            items.append(
                services.ActionItemData(
                    title=rng.choice(ACTIONS),
                    due_on=day + dt.timedelta(days=rng.randint(10, 40)),
                    owner_membership=owner if group is None else None,
                    owner_group=group,
                )
            )
        meeting = services.meeting_log(
            club=club,
            by=facilitator,
            kind=kind,
            group=group,
            held_on=day,
            starts_at=dt.time(rng.choice([9, 10, 16, 17]), 0),
            place=club.location,
            agenda="گزارش اقدامات جلسه قبل؛ بررسی مشکلات سلامت محله؛ برنامه ماه آینده",
            minutes="جلسه با حضور اعضا برگزار شد و گزارش گروه‌ها ارائه شد.",
            decisions="پیگیری اقدامات تعیین‌شده تا جلسه بعد.",
            attendees=present,
            guests_female=rng.randint(0, 6),
            guests_male=rng.randint(0, 3),
            action_items=items,
        )
        # Older items are mostly done; a few stay open past their due date.
        for item in meeting.action_items.all():
            if item.due_on < today and rng.random() < 0.6:
                services.action_item_set_status(
                    item=item, status=ActionStatus.DONE, on=min(item.due_on, today)
                )
        day += dt.timedelta(days=14)
        number += 1
    # Something overdue and something due soon in every club.
    services.action_item_create(
        club=club,
        title="تهیه گزارش فصلی فعالیت‌ها برای دانشگاه",
        due_on=today - dt.timedelta(days=5),
        owner_membership=members[0],
    )
    services.action_item_create(
        club=club,
        title="هماهنگی جلسه مجمع سلامت محله",
        due_on=today + dt.timedelta(days=7),
        owner_membership=members[1],
    )
