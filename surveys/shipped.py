"""The questionnaires the portal ships, written from the programme's aims (DOMAIN.md,
seeds 002 and 004): the neighborhood needs assessment (راهبرد ۸: بررسی وضعیت سلامت
محله و اولویت‌بندی), the baseline study of the neighborhood (راهبرد ۱: مطالعات پایه)
and the member satisfaction survey (راهبرد ۱۱: پایش و ارزشیابی اثربخشی).

`shipped_questionnaires_load()` creates the missing ones, nationally owned; it runs
after every `migrate` and from `seed_demo`, and never touches one that exists (an
admin's edits make new versions of it as usual).
"""

from __future__ import annotations

from decimal import Decimal

from surveys.models import ConditionOperator as Op
from surveys.models import LikertScale, QuestionnaireKind
from surveys.models import QuestionType as T
from surveys.specs import ChoiceSpec, ConditionSpec, FormSpec, QuestionSpec, SectionSpec


def _choices(*pairs: tuple[str, str]) -> list[ChoiceSpec]:
    return [ChoiceSpec(value, label) for value, label in pairs]


GENDER = _choices(("female", "زن"), ("male", "مرد"))
AGE_GROUPS = _choices(
    ("under_18", "کمتر از ۱۸ سال"),
    ("18_29", "۱۸ تا ۲۹ سال"),
    ("30_44", "۳۰ تا ۴۴ سال"),
    ("45_59", "۴۵ تا ۵۹ سال"),
    ("60_plus", "۶۰ سال و بیشتر"),
)

# (topic code from the thematic-group catalogue, how residents would name the problem)
PROBLEM_TOPICS = [
    ("environmental-health", "بهداشت محیط: آب آشامیدنی، زباله، فاضلاب، جانوران موذی"),
    ("school-health", "سلامت دانش‌آموزان و بهداشت مدارس"),
    ("occupational-health", "سلامت و ایمنی در محل کار (کارگاه‌ها و مشاغل محله)"),
    ("social-health", "آسیب‌های اجتماعی (طلاق، کودکان کار، بی‌سرپرستی، بیکاری)"),
    ("epidemics-disasters", "آمادگی در برابر بیماری‌های همه‌گیر و بلایا (زلزله، سیل، آتش‌سوزی)"),
    ("family-population", "سلامت مادران، کودکان و خانواده"),
    ("communicable-diseases", "بیماری‌های واگیر (سل، هپاتیت، ایدز، بیماری‌های روده‌ای)"),
    ("chronic-diseases", "بیماری‌های مزمن (فشار خون، دیابت، بیماری‌های قلبی، سرطان)"),
    ("nutrition", "تغذیه ناسالم، چاقی و کم‌خونی"),
    ("mental-health", "سلامت روان (افسردگی، اضطراب، استرس)"),
    ("rehabilitation", "ناتوانی و نیاز به توانبخشی"),
    ("addiction", "اعتیاد به مواد مخدر و الکل"),
    ("violence", "خشونت خانگی و نزاع"),
    ("tobacco", "مصرف دخانیات و قلیان"),
    ("elderly", "سلامت و مراقبت از سالمندان"),
]

HELPERS = _choices(
    ("municipality", "شهرداری یا دهیاری"),
    ("health_center", "مرکز خدمات جامع سلامت و پایگاه سلامت"),
    ("education", "آموزش و پرورش و مدارس"),
    ("welfare", "بهزیستی"),
    ("relief", "کمیته امداد"),
    ("red_crescent", "هلال احمر"),
    ("police", "نیروی انتظامی"),
    ("environment", "محیط زیست"),
    ("labour", "تعاون، کار و رفاه اجتماعی"),
    ("ngo", "سمن‌ها و خیریه‌ها"),
    ("basij", "بسیج"),
    ("clergy", "روحانیون و معتمدین محل"),
    ("university", "دانشگاه و استادان"),
    ("residents", "خود اهالی و اعضای کانون"),
)

RESOURCES = _choices(
    ("mosque", "مسجد، حسینیه یا هیئت"),
    ("school", "مدرسه"),
    ("community_house", "سرای محله یا فرهنگسرا"),
    ("health_post", "پایگاه سلامت یا خانه بهداشت"),
    ("park", "پارک و فضای سبز"),
    ("sports", "فضای ورزشی"),
    ("charity", "خیرین و نیکوکاران محل"),
    ("volunteers", "جوانان و داوطلبان فعال"),
    ("experts", "افراد متخصص ساکن محله (پزشک، پرستار، معلم)"),
    ("shops", "کسبه و بازاریان محل"),
)

HELP_WAYS = _choices(
    ("teaching", "آموزش و اطلاع‌رسانی به همسایگان"),
    ("place", "در اختیار گذاشتن مکان"),
    ("money", "کمک مالی یا جمع‌آوری کمک"),
    ("follow_up", "پیگیری مشکلات از دستگاه‌ها"),
    ("field_work", "کار داوطلبانه میدانی (پاکسازی، برگزاری برنامه)"),
    ("skills", "به‌کارگیری مهارت یا تخصص خودم"),
)


def needs_assessment() -> FormSpec:
    severity = [
        QuestionSpec(
            name=f"problem_{code.replace('-', '_')}",
            label=label,
            type=T.LIKERT,
            likert_scale=LikertScale.SEVERITY,
            required=True,
            topic_code=code,
        )
        for code, label in PROBLEM_TOPICS
    ]
    topic_choices = _choices(*[(code.replace("-", "_"), label) for code, label in PROBLEM_TOPICS])
    return FormSpec(
        title="نیازسنجی سلامت محله",
        kind=QuestionnaireKind.NEEDS_ASSESSMENT,
        description=(
            "این پرسشنامه برای شناسایی و اولویت‌بندی مشکلات سلامت محله با مشارکت خود اهالی است "
            "(راهبرد ۸: بررسی وضعیت سلامت محله، اولویت‌بندی و تدوین برنامه اقدام). هر پرسشنامه "
            "را یک نفر پاسخ می‌دهد؛ پاسخ‌ها بی‌نام است و نتیجه آن در مجمع سلامت محله بررسی می‌شود."
        ),
        sections=[
            SectionSpec(
                title="درباره پاسخ‌دهنده",
                description="این اطلاعات فقط برای تحلیل گروهی است و نام شما ثبت نمی‌شود.",
                questions=[
                    QuestionSpec("gender", "جنسیت", T.SINGLE, required=True, choices=GENDER),
                    QuestionSpec(
                        "age_group", "گروه سنی", T.SINGLE, required=True, choices=AGE_GROUPS
                    ),
                    QuestionSpec(
                        "years_resident",
                        "چند سال است در این محله زندگی می‌کنید؟",
                        T.INTEGER,
                        min_value=Decimal(0),
                        max_value=Decimal(100),
                        hint="اگر کمتر از یک سال است، صفر بنویسید.",
                    ),
                    QuestionSpec(
                        "is_member", "آیا عضو کانون سلامت محله هستید؟", T.YES_NO, required=True
                    ),
                ],
            ),
            SectionSpec(
                title="مشکلات سلامت محله",
                description=(
                    "به نظر شما هر یک از موضوع‌های زیر تا چه اندازه در محله شما مشکل است؟ "
                    "«خیلی کم» یعنی تقریباً مشکلی نیست و «خیلی زیاد» یعنی از مشکلات جدی محله است."
                ),
                questions=severity,
            ),
            SectionSpec(
                title="اولویت‌ها",
                questions=[
                    QuestionSpec(
                        "top_problems",
                        "از میان موضوع‌های بالا، سه مشکل مهم‌تر محله را انتخاب کنید.",
                        T.MULTIPLE,
                        required=True,
                        min_value=Decimal(1),
                        max_value=Decimal(3),
                        choices=topic_choices,
                    ),
                    QuestionSpec(
                        "most_important",
                        "اگر فقط یک مشکل حل شود، کدام باشد؟",
                        T.SINGLE,
                        required=True,
                        choices=topic_choices,
                    ),
                    QuestionSpec(
                        "other_problem",
                        "مشکل سلامت دیگری که در فهرست نبود و برای محله مهم است:",
                        T.TEXT,
                    ),
                ],
            ),
            SectionSpec(
                title="منابع و ظرفیت‌های محله",
                questions=[
                    QuestionSpec(
                        "resources",
                        "کدام امکانات و ظرفیت‌های محله می‌تواند به حل این مشکلات کمک کند؟",
                        T.MULTIPLE,
                        choices=RESOURCES,
                    ),
                    QuestionSpec(
                        "helpers",
                        "به نظر شما چه دستگاه‌ها یا افرادی می‌توانند در حل مشکلات محله کمک کنند؟",
                        T.MULTIPLE,
                        choices=HELPERS,
                    ),
                    QuestionSpec(
                        "will_volunteer",
                        "آیا حاضرید به‌صورت داوطلبانه در حل مشکلات سلامت محله همکاری کنید؟",
                        T.YES_NO,
                        required=True,
                    ),
                    QuestionSpec(
                        "help_ways",
                        "در چه زمینه‌هایی می‌توانید کمک کنید؟",
                        T.MULTIPLE,
                        required=True,
                        choices=HELP_WAYS,
                        condition=ConditionSpec("will_volunteer", Op.EQUALS, "yes"),
                    ),
                    QuestionSpec(
                        "suggestion",
                        "پیشنهاد شما برای بهتر شدن سلامت محله:",
                        T.LONG_TEXT,
                    ),
                ],
            ),
        ],
    )


def baseline_study() -> FormSpec:
    return FormSpec(
        title="مطالعات پایه محله",
        kind=QuestionnaireKind.BASELINE,
        description=(
            "گردآوری اطلاعات کلی محله، از جمله پیشینه، هویت و تقسیمات آن، برای کمک به "
            "برنامه‌ریزی فعالیت‌های کانون (راهبرد ۱). این پرسشنامه را تسهیلگر با کمک معتمدین "
            "محل، شورایاری یا دهیاری و مرکز خدمات جامع سلامت تکمیل می‌کند؛ برای هر محله یک بار."
        ),
        sections=[
            SectionSpec(
                title="پیشینه و هویت محله",
                questions=[
                    QuestionSpec(
                        "founded_year",
                        "محله تقریباً از چه سالی (شمسی) شکل گرفته است؟",
                        T.INTEGER,
                        min_value=Decimal(1200),
                        max_value=Decimal(1410),
                    ),
                    QuestionSpec(
                        "history",
                        "پیشینه محله را به کوتاهی بنویسید (چگونگی شکل‌گیری، رویدادهای مهم، تغییرات جمعیت).",
                        T.LONG_TEXT,
                        required=True,
                    ),
                    QuestionSpec(
                        "identity",
                        "نام محله از کجا آمده و چه چیزی هویت محله را می‌سازد (آیین‌ها، مکان‌های نمادین، مشاغل سنتی)؟",
                        T.LONG_TEXT,
                    ),
                    QuestionSpec(
                        "ethnic_groups",
                        "قومیت‌ها و زبان‌های رایج در محله",
                        T.MULTIPLE,
                        choices=_choices(
                            ("fars", "فارس"),
                            ("turk", "ترک"),
                            ("kurd", "کرد"),
                            ("lor", "لر"),
                            ("arab", "عرب"),
                            ("baloch", "بلوچ"),
                            ("turkmen", "ترکمن"),
                            ("gilak_mazani", "گیلک و مازنی"),
                            ("afghan", "اتباع افغانستانی"),
                            ("other", "سایر"),
                        ),
                    ),
                ],
            ),
            SectionSpec(
                title="تقسیمات و موقعیت",
                questions=[
                    QuestionSpec(
                        "settlement",
                        "نوع سکونتگاه",
                        T.SINGLE,
                        required=True,
                        choices=_choices(
                            ("urban", "محله شهری"),
                            ("informal", "حاشیه شهر / سکونتگاه غیررسمی"),
                            ("village", "روستا"),
                        ),
                    ),
                    QuestionSpec(
                        "district",
                        "منطقه و ناحیه شهرداری (یا دهستان برای روستا)",
                        T.TEXT,
                    ),
                    QuestionSpec(
                        "boundaries",
                        "حدود محله (خیابان‌ها، کوچه‌ها یا عوارض طبیعی در چهار سو)",
                        T.LONG_TEXT,
                    ),
                    QuestionSpec(
                        "area_hectares",
                        "مساحت تقریبی محله (هکتار)",
                        T.DECIMAL,
                        min_value=Decimal(0),
                    ),
                ],
            ),
            SectionSpec(
                title="جمعیت و گروه‌های جمعیتی",
                questions=[
                    QuestionSpec(
                        "population",
                        "جمعیت تقریبی محله (نفر)",
                        T.INTEGER,
                        required=True,
                        min_value=Decimal(0),
                    ),
                    QuestionSpec(
                        "households", "تعداد تقریبی خانوارها", T.INTEGER, min_value=Decimal(0)
                    ),
                    QuestionSpec(
                        "vulnerable_groups",
                        "گروه‌های جمعیتی که در محله نیازمند توجه ویژه‌اند",
                        T.MULTIPLE,
                        choices=_choices(
                            ("lonely_elderly", "سالمندان تنها"),
                            ("under_five", "کودکان زیر پنج سال"),
                            ("female_heads", "زنان سرپرست خانوار"),
                            ("disabled", "افراد دارای معلولیت"),
                            ("chronic_patients", "بیماران مزمن"),
                            ("migrants", "مهاجران و اتباع خارجی"),
                            ("day_labourers", "کارگران فصلی و روزمزد"),
                            ("child_labour", "کودکان کار"),
                            ("addicted", "افراد درگیر اعتیاد"),
                        ),
                    ),
                    QuestionSpec(
                        "migrants_share",
                        "درصد تقریبی جمعیت اتباع خارجی",
                        T.DECIMAL,
                        min_value=Decimal(0),
                        max_value=Decimal(100),
                    ),
                ],
            ),
            SectionSpec(
                title="وضعیت محرومیت",
                questions=[
                    QuestionSpec(
                        "is_informal",
                        "آیا محله سکونتگاه غیررسمی یا حاشیه شهر است؟",
                        T.YES_NO,
                        required=True,
                    ),
                    QuestionSpec(
                        "is_deprived",
                        "آیا محله جزو محلات کم‌برخوردار (طرح توسعه اجتماع‌محور محلات) است؟",
                        T.YES_NO,
                        required=True,
                    ),
                    QuestionSpec(
                        "responsible_org",
                        "سازمان مسئول محله کم‌برخوردار",
                        T.SINGLE,
                        required=True,
                        choices=_choices(
                            ("executive_hq", "ستاد اجرایی فرمان امام"),
                            ("relief_committee", "کمیته امداد"),
                            ("red_crescent", "هلال احمر"),
                            ("welfare", "سازمان بهزیستی"),
                        ),
                        condition=ConditionSpec("is_deprived", Op.EQUALS, "yes"),
                    ),
                ],
            ),
            SectionSpec(
                title="امکانات و خدمات",
                questions=[
                    QuestionSpec(
                        "facilities",
                        "امکاناتی که در محله یا نزدیک آن هست",
                        T.MULTIPLE,
                        choices=_choices(
                            ("health_center", "مرکز خدمات جامع سلامت"),
                            ("health_post", "پایگاه سلامت یا خانه بهداشت"),
                            ("clinic", "درمانگاه"),
                            ("hospital", "بیمارستان"),
                            ("pharmacy", "داروخانه"),
                            ("school", "مدرسه"),
                            ("mosque", "مسجد یا حسینیه"),
                            ("community_house", "سرای محله"),
                            ("park", "پارک و فضای سبز"),
                            ("sports", "فضای ورزشی"),
                            ("library", "کتابخانه"),
                            ("public_transport", "حمل‌ونقل عمومی"),
                        ),
                    ),
                    QuestionSpec(
                        "distance_health_center",
                        "فاصله تا نزدیک‌ترین مرکز خدمات جامع سلامت (کیلومتر)",
                        T.DECIMAL,
                        min_value=Decimal(0),
                        max_value=Decimal(200),
                    ),
                    QuestionSpec("safe_water", "آیا همه خانه‌ها آب لوله‌کشی سالم دارند؟", T.YES_NO),
                    QuestionSpec(
                        "waste_collection", "آیا زباله به‌طور منظم جمع‌آوری می‌شود؟", T.YES_NO
                    ),
                    QuestionSpec(
                        "sewage",
                        "دفع فاضلاب محله",
                        T.SINGLE,
                        choices=_choices(
                            ("network", "شبکه فاضلاب شهری"),
                            ("well", "چاه جذبی"),
                            ("open", "رها در معابر یا جوی"),
                        ),
                    ),
                    QuestionSpec(
                        "club_place",
                        "محل پیشنهادی برای استقرار کانون",
                        T.TEXT,
                        hint="مانند سرای محله، پایگاه سلامت، مسجد یا مدرسه",
                    ),
                ],
            ),
            SectionSpec(
                title="پوشش بیمه سلامت",
                questions=[
                    QuestionSpec(
                        "insured_share",
                        "درصد تقریبی جمعیت محله که بیمه سلامت دارند",
                        T.DECIMAL,
                        required=True,
                        min_value=Decimal(0),
                        max_value=Decimal(100),
                        hint="در محله دروازه غار تهران پیش از طرح، حدود ۷۵٪ اهالی بیمه نداشتند.",
                    ),
                    QuestionSpec(
                        "uninsured_groups",
                        "چه گروه‌هایی بیشتر بیمه ندارند و چرا؟",
                        T.LONG_TEXT,
                    ),
                    QuestionSpec(
                        "insurance_campaign",
                        "آیا طرح بیمه سلامت همگانی در محله اجرا شده است؟",
                        T.YES_NO,
                    ),
                ],
            ),
            SectionSpec(
                title="ذی‌نفعان و ظرفیت‌ها",
                questions=[
                    QuestionSpec(
                        "ngos",
                        "سمن‌ها، خیریه‌ها و هیئت‌های فعال در محله",
                        T.LONG_TEXT,
                    ),
                    QuestionSpec(
                        "influencers",
                        "معتمدین و افراد اثرگذار محله (بدون شماره تماس)",
                        T.LONG_TEXT,
                    ),
                    QuestionSpec(
                        "completed_on",
                        "تاریخ تکمیل مطالعه",
                        T.DATE,
                        required=True,
                    ),
                ],
            ),
        ],
    )


def member_satisfaction() -> FormSpec:
    statements = [
        ("overall", "از عضویت در کانون سلامت محله راضی هستم."),
        ("informed", "درباره برنامه‌ها و تصمیم‌های کانون به‌موقع آگاه می‌شوم (مشارکت آگاهانه)."),
        ("voluntary", "در کانون با میل و اختیار خودم فعالیت می‌کنم (مشارکت داوطلبانه)."),
        (
            "responsible",
            "در تصمیم‌گیری‌های کانون نظر من شنیده می‌شود و مسئولیتی بر عهده دارم (مشارکت مسئولانه).",
        ),
        ("fair", "فرصت مشارکت برای همه اعضا، زن و مرد و پیر و جوان، یکسان است (مشارکت عادلانه)."),
        ("meetings", "جلسات کانون منظم و سودمند برگزار می‌شود."),
        ("skills", "آموزش‌های کانون مهارت‌های سلامت مرا بیشتر کرده است."),
        ("self_belief", "فعالیت در کانون احساس ارزشمندی و خودباوری مرا بیشتر کرده است."),
        ("effective", "کانون در حل مشکلات سلامت محله اثرگذار بوده است."),
        ("facilitator", "تسهیلگر محلی در دسترس است و به پرسش‌ها پاسخ می‌دهد."),
        ("place", "محل استقرار و امکانات کانون مناسب است."),
        ("partners", "کانون با دستگاه‌ها، سمن‌ها و خیرین محله همکاری خوبی دارد."),
    ]
    return FormSpec(
        title="رضایت‌سنجی اعضای کانون سلامت محله",
        kind=QuestionnaireKind.SATISFACTION,
        description=(
            "سنجش رضایت اعضا و اثربخشی کانون از نگاه آنان (راهبرد ۱۱: پایش و ارزشیابی اثربخشی). "
            "پاسخ‌ها بی‌نام است؛ هر عضو یک پرسشنامه پر می‌کند."
        ),
        sections=[
            SectionSpec(
                title="عضویت شما",
                questions=[
                    QuestionSpec(
                        "membership_length",
                        "مدت عضویت شما در کانون",
                        T.SINGLE,
                        required=True,
                        choices=_choices(
                            ("lt_6m", "کمتر از شش ماه"),
                            ("6m_1y", "شش ماه تا یک سال"),
                            ("1y_2y", "یک تا دو سال"),
                            ("gt_2y", "بیش از دو سال"),
                        ),
                    ),
                    QuestionSpec("gender", "جنسیت", T.SINGLE, choices=GENDER),
                    QuestionSpec("age_group", "گروه سنی", T.SINGLE, choices=AGE_GROUPS),
                    QuestionSpec(
                        "in_group",
                        "آیا عضو یکی از گروه‌های موضوعی کانون هستید؟",
                        T.YES_NO,
                        required=True,
                    ),
                ],
            ),
            SectionSpec(
                title="نظر شما درباره کانون",
                description="میزان موافقت خود را با هر جمله مشخص کنید.",
                questions=[
                    QuestionSpec(
                        f"s_{key}",
                        text,
                        T.LIKERT,
                        likert_scale=LikertScale.AGREEMENT,
                        required=True,
                    )
                    for key, text in statements
                ],
            ),
            SectionSpec(
                title="در پایان",
                questions=[
                    QuestionSpec(
                        "recommend",
                        "چقدر احتمال دارد عضویت در کانون را به دوستان و همسایگان پیشنهاد کنید؟ (۰ تا ۱۰)",
                        T.INTEGER,
                        required=True,
                        min_value=Decimal(0),
                        max_value=Decimal(10),
                    ),
                    QuestionSpec(
                        "take_role",
                        "آیا مایلید در آینده مسئولیتی در کانون (مانند مسئولیت گروه موضوعی) بپذیرید؟",
                        T.YES_NO,
                    ),
                    QuestionSpec(
                        "dissatisfaction",
                        "بیشترین نارضایتی شما از چیست؟",
                        T.LONG_TEXT,
                        condition=ConditionSpec("s_overall", Op.LTE, "2"),
                    ),
                    QuestionSpec("suggestions", "پیشنهادهای شما برای بهتر شدن کانون", T.LONG_TEXT),
                ],
            ),
        ],
    )


SHIPPED = {
    "needs-assessment": needs_assessment,
    "baseline-study": baseline_study,
    "member-satisfaction": member_satisfaction,
}


def shipped_questionnaires_load() -> list:
    """Create the shipped questionnaires that are missing (idempotent)."""
    from surveys.models import Questionnaire
    from surveys.services import questionnaire_create_from_spec

    existing = set(
        Questionnaire.objects.filter(shipped_code__in=SHIPPED).values_list(
            "shipped_code", flat=True
        )
    )
    created = []
    for code, build in SHIPPED.items():
        if code not in existing:
            created.append(questionnaire_create_from_spec(spec=build(), shipped_code=code))
    return created


def after_migrate(app_config, **kwargs) -> None:
    """post_migrate: load the shipped questionnaires once the surveys tables exist."""
    from django.db import connections

    if app_config.name != "surveys":
        return
    connection = connections[kwargs.get("using") or "default"]
    if "surveys_questionnaire" not in connection.introspection.table_names():
        return  # migrated backwards past the surveys tables
    shipped_questionnaires_load()
