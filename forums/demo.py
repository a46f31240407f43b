"""Demo forums: the whole chain (every province and county forum, and a forum for each
demo neighborhood with a club), the composition and sessions of the دروازه غار
neighborhood forum, issues at every stage (one referred up to the national forum,
one returned with guidance, one resolved locally, two merged at the county forum,
one overdue at the county forum), and a national and a province policy with partial
acknowledgment. Everything goes through the services, acted by the demo users:

- facilitator / secretary run the neighborhood forum of دروازه غار (the facilitator
  also هرندی's), tehran_county the Tehran county forum, tehran_province the Tehran
  province forum, admin the national forum.

Idempotent: a second run finds its issues and policies and adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from clubs.models import ThematicTopic
from core.periods import JalaliSeason
from forums import services
from forums.models import (
    Forum,
    ForumLevel,
    Issue,
    IssueEvent,
    IssueEventKind,
    IssueSource,
    Policy,
    SeatKind,
)

SEATS = [
    (SeatKind.CLUB_SECRETARY, "محمد جعفری", "کانون سلامت محله دروازه غار"),
    (SeatKind.GROUP_LEAD, "زهرا کاظمی", "گروه تغذیه کانون"),
    (SeatKind.GROUP_LEAD, "علی اکبری", "گروه سلامت روان کانون"),
    (SeatKind.NGO, "مریم صادقی", "انجمن حامیان کودکان کار"),
    (SeatKind.CHARITY, "حاج رضا توکلی", "خیریه محله"),
    (SeatKind.BASIJ, "حسین مرادی", "پایگاه بسیج محله"),
    (SeatKind.HEALTH, "دکتر نرگس شریفی", "مرکز خدمات جامع سلامت دروازه غار"),
    (SeatKind.EDUCATION, "فرهاد نیک‌نام", "آموزش و پرورش منطقه ۱۲"),
    (SeatKind.MUNICIPALITY, "سعید رحیمی", "شهرداری منطقه ۱۲"),
    (SeatKind.POLICE, "سرگرد امیری", "کلانتری محله"),
    (SeatKind.WELFARE, "لیلا قاسمی", "بهزیستی شهرستان تهران"),
    (SeatKind.CLERGY, "حجت‌الاسلام نوری", "مسجد محله"),
    (SeatKind.LOCAL_TRUSTEE, "حاج محمود کریمی", ""),
    (SeatKind.FACULTY, "دکتر سارا احمدی", "دانشگاه علوم پزشکی تهران"),
]
COUNTY_SEATS = [
    (SeatKind.HEALTH, "دکتر کامران فرجی", "شبکه بهداشت و درمان شهرستان تهران"),
    (SeatKind.GOVERNMENT_OTHER, "مهندس جواد زارعی", "فرمانداری تهران"),
    (SeatKind.MUNICIPALITY, "ناصر حیدری", "شهرداری تهران"),
    (SeatKind.WELFARE, "پروین رستمی", "بهزیستی شهرستان تهران"),
    (SeatKind.NGO, "مینا طاهری", "شبکه سمن‌های سلامت تهران"),
]


def _topic(code: str) -> ThematicTopic | None:
    return ThematicTopic.objects.filter(code=code).first()


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _composition(forum: Forum, seats, by) -> None:
    if forum.seats.exists():
        return
    # A two-year term that started at the beginning of the previous Jalali season.
    term_start = JalaliSeason.of(_ago(120)).start
    for kind, name, organization in seats:
        services.seat_create(
            forum=forum,
            by=by,
            kind=kind,
            person_name=name,
            organization=organization,
            term_start=term_start,
            term_end=term_start + dt.timedelta(days=730),
        )


def _sessions(forum: Forum, by) -> list:
    if forum.sessions.exists():
        return list(forum.sessions.order_by("held_on"))
    seats = list(forum.seats.all())
    plan = [
        (75, "سرای محله دروازه غار", "نیازسنجی و اولویت‌بندی مسائل سلامت محله", 11),
        (40, "مسجد محله", "پیگیری مسائل و گزارش گروه‌های موضوعی", 9),
        (10, "سرای محله دروازه غار", "بررسی رهنمود مجمع شهرستان و برنامه فصل", 12),
    ]
    return [
        services.session_record(
            forum=forum,
            by=by,
            held_on=_ago(days),
            place=place,
            agenda=agenda,
            minutes="گزارش دبیر کانون، گزارش گروه‌های موضوعی و بحث درباره مسائل محله.",
            decisions="پیگیری مسائل اولویت‌دار از طریق نمایندگان دستگاه‌ها؛ جلسه بعد یک ماه دیگر.",
            guests=4,
            attendees=seats[:present],
        )
        for days, place, agenda, present in plan
    ]


def _issues(forums: dict, users: dict, sessions: list) -> None:
    dg, harandi = forums["dg"], forums["harandi"]
    if Issue.objects.filter(origin_forum=dg).exists():
        return
    facilitator, secretary = users["facilitator"], users["secretary"]
    county, province = users["tehran_county"], users["tehran_province"]

    def raise_at(forum, by, title, topic, scores, days, **extra):
        raised_on = _ago(days)
        # Raised in the latest session of the دروازه غار forum held by then, if any.
        session = next(
            (s for s in reversed(sessions) if forum == dg and s.held_on <= raised_on), None
        )
        return services.issue_raise(
            forum=forum,
            by=by,
            title=title,
            category=_topic(topic),
            severity=scores[0],
            reach=scores[1],
            feasibility=scores[2],
            raised_on=raised_on,
            source_kind=IssueSource.FORUM_SESSION if session else IssueSource.MEMBER,
            source_session=session,
            **extra,
        )

    # Resolved where it was raised.
    waste = raise_at(
        dg,
        secretary,
        "تجمع پسماند در کوچه‌های پشت بازار",
        "environmental-health",
        (4, 4, 5),
        70,
        description="کیسه‌های زباله شب‌ها در کوچه‌ها می‌ماند و جانوران موذی زیاد شده‌اند.",
    )
    services.issue_start_work(
        issue=waste, by=secretary, note="نماینده شهرداری پیگیری می‌کند.", owner_name="سعید رحیمی"
    )
    services.issue_resolve(
        issue=waste,
        by=secretary,
        resolution="با همکاری شهرداری منطقه ۱۲ دو مخزن جدید گذاشته شد و جمع‌آوری شبانه برقرار شد.",
    )

    # Referred all the way to the national forum, waiting there.
    insurance = raise_at(
        dg,
        facilitator,
        "نبود پوشش بیمه درمانی برای خانوارهای بدون مدرک هویتی",
        "social-health",
        (5, 4, 2),
        60,
        description="حدود ۳۰۰ خانوار به دلیل نداشتن مدرک هویتی بیمه ندارند.",
    )
    services.issue_refer_up(
        issue=insurance,
        by=facilitator,
        reason="صدور بیمه برای افراد بدون مدرک در اختیار محله نیست.",
    )
    services.issue_accept(issue=insurance, by=county, note="در دستور جلسه مجمع شهرستان قرار گرفت.")
    services.issue_refer_up(
        issue=insurance,
        by=county,
        reason="مشابه این مسئله در چند محله دیگر شهرستان هم گزارش شده و نیاز به تصمیم استانی دارد.",
    )
    services.issue_refer_up(
        issue=insurance,
        by=province,
        reason="نیازمند تصمیم ملی سازمان بیمه سلامت و وزارت کشور است.",
    )

    # Referred to the county and returned with guidance.
    sport = raise_at(
        dg,
        facilitator,
        "کمبود فضای ورزشی امن برای بانوان",
        "sports",
        (3, 4, 3),
        45,
    )
    services.issue_refer_up(
        issue=sport, by=facilitator, reason="محله زمین یا سالن در اختیار ندارد."
    )
    services.issue_return(
        issue=sport,
        by=county,
        guidance=(
            "از ظرفیت سالن مدرسه محله در ساعات پس از مدرسه استفاده کنید؛ با آموزش و پرورش "
            "منطقه ۱۲ هماهنگ شده است. نتیجه را در جلسه بعد مجمع گزارش دهید."
        ),
    )

    # Waiting in the county forum's inbox.
    dogs = raise_at(
        dg, facilitator, "افزایش سگ‌های بلاصاحب در محله", "environmental-health", (3, 3, 3), 20
    )
    services.issue_refer_up(
        issue=dogs, by=facilitator, reason="ساماندهی حیوانات بلاصاحب با شهرداری شهرستان است."
    )

    # The same problem from two neighborhoods, merged at the county forum.
    drugs = [
        raise_at(dg, facilitator, "مصرف مواد در پارک محله", "addiction", (5, 3, 2), 35),
        raise_at(
            harandi, facilitator, "مصرف و فروش مواد در پارک هرندی", "addiction", (5, 4, 2), 30
        ),
    ]
    for issue in drugs:
        services.issue_refer_up(
            issue=issue,
            by=facilitator,
            reason="نیازمند همکاری نیروی انتظامی و ستاد مبارزه با مواد مخدر.",
        )
    services.issue_merge(
        forum=forums["county"],
        by=county,
        issues=drugs,
        title="مصرف و فروش مواد در پارک‌های محلات جنوب تهران",
        description="مسئله مشترک چند محله؛ برنامه مشترک با نیروی انتظامی و بهزیستی.",
    )

    # Overdue at the county forum: referred, and the county has not acted by the date.
    water = raise_at(
        harandi,
        facilitator,
        "قطع مکرر آب آشامیدنی در بلوک‌های حاشیه",
        "environmental-health",
        (4, 3, 3),
        50,
    )
    services.issue_refer_up(
        issue=water, by=facilitator, reason="شبکه آب در اختیار شرکت آب و فاضلاب است."
    )
    # Demo only: the referral was made weeks ago, so its due date has passed.
    past = _ago(5)
    Issue.objects.filter(pk=water.pk).update(due_on=past)
    IssueEvent.objects.filter(issue=water, kind=IssueEventKind.REFERRED).update(due_on=past)
    services.issues_flag_overdue()

    # Raised from survey findings (no user: an automated source), in Mashhad and Shiraz.
    for key, title, topic in (
        ("golshahr", "بالا بودن مصرف قلیان در نوجوانان", "tobacco"),
        ("saadi", "کم‌تحرکی سالمندان محله", "elderly"),
    ):
        if key in forums:
            services.issue_raise(
                forum=forums[key],
                by=None,
                title=title,
                category=_topic(topic),
                source_kind=IssueSource.SURVEY,
                source_description="یافته پیمایش نیازسنجی سلامت محله",
                raised_on=_ago(15),
            )


def _policies(forums: dict, users: dict) -> None:
    national, province = forums["national"], forums["province"]
    if not Policy.objects.filter(forum=national).exists():
        policy = services.policy_issue(
            forum=national,
            by=users["admin"],
            title="برنامه ملی کاهش مصرف دخانیات در اماکن عمومی محلات",
            reference_number="۱۴۰۳/س/۱۲",
            approved_on=_ago(30),
            body=(
                "همه مجامع سلامت استان، شهرستان و محله موظف‌اند برنامه محلی کاهش مصرف دخانیات "
                "را با مشارکت کانون‌های سلامت محله تدوین و اجرا کنند و گزارش آن را در جلسات "
                "فصلی مجمع ارائه دهند."
            ),
        )
        for forum, user, text in (
            (
                province,
                users["tehran_province"],
                "در برنامه سلامت استان گنجانده شد؛ اولویت با سکونتگاه‌های غیررسمی.",
            ),
            (
                forums["county"],
                users["tehran_county"],
                "با شبکه بهداشت شهرستان در ۱۲ محله اجرا می‌شود.",
            ),
            (
                forums["dg"],
                users["facilitator"],
                "گروه کنترل دخانیات کانون، آموزش در قهوه‌خانه‌های محله را برعهده گرفت.",
            ),
        ):
            services.policy_acknowledge(
                adoption=policy.adoptions.get(forum=forum), by=user, adaptation=text
            )
    if not Policy.objects.filter(forum=province).exists():
        policy = services.policy_issue(
            forum=province,
            by=users["tehran_province"],
            title="اولویت سکونتگاه‌های غیررسمی در برنامه‌های سلامت استان تهران",
            approved_on=_ago(12),
            body="مجامع شهرستان‌ها و محله‌های استان، مسائل سکونتگاه‌های غیررسمی را در اولویت دستور جلسات قرار دهند.",
        )
        services.policy_acknowledge(
            adoption=policy.adoptions.get(forum=forums["county"]),
            by=users["tehran_county"],
            adaptation="سه محله حاشیه‌ای شهرستان در برنامه فصل آینده قرار گرفتند.",
        )


def seed(context: dict) -> None:
    services.forums_sync()
    users = context["demo_users"]
    neighborhoods = context["neighborhoods"]
    forums = {
        "dg": services.forum_for_neighborhood(neighborhoods["دروازه غار"]),
        "harandi": services.forum_for_neighborhood(neighborhoods["هرندی"]),
        "golshahr": services.forum_for_neighborhood(neighborhoods["گلشهر"]),
        "saadi": services.forum_for_neighborhood(neighborhoods["سعدی"]),
    }
    forums["county"] = Forum.objects.get(pk=forums["dg"].parent_id)
    forums["province"] = Forum.objects.get(pk=forums["county"].parent_id)
    forums["national"] = Forum.objects.get(level=ForumLevel.NATIONAL)
    _composition(forums["dg"], SEATS, users["secretary"])
    _composition(forums["county"], COUNTY_SEATS, users["tehran_county"])
    sessions = _sessions(forums["dg"], users["facilitator"])
    _issues(forums, users, sessions)
    _policies(forums, users)
