"""Version 1 of the rollout template and the implementers' one-year action plan, from
seed 004 («راه اندازی کانون های سلامت محلات در سطح کشور», مشهد، ۱۳ تیرماه ۱۳۹۷).

How the text was taken from the source
--------------------------------------
* Phases, strategies and activities are the source's own words, in its order. The
  only change is to put back the zero-width non-joiners (نیم‌فاصله) that the text
  extraction dropped where two parts of a word had been glued together
  («جمعآوری» → «جمع‌آوری», «گروههای» → «گروه‌های», «دستاندرکاران» →
  «دست‌اندرکاران», «پیشبینی» → «پیش‌بینی», «آموختهها» → «آموخته‌ها»). Where the
  source has a plain space («برنامه ریزی», «اطلاع رسانی», «آماده سازی», «پیش بینی»,
  «ذی نفوذ», «دانش آموخته», «انسجام بخشی») the space is kept as written; spellings
  such as «ذینفعان», «تامین», «اعضاء» are kept. The list terminators («؛», «.»)
  are dropped.
* Strategies 4–12 list their activities one per line: each line is an activity.
* Strategies 1–3 have one descriptive paragraph each. The paragraph is kept
  verbatim as the strategy's description, and each component the paragraph lists
  becomes an activity, worded exactly as listed (the trailing «و ...» is not a
  component):
    1 مطالعات پایه — «جمع‌آوری و مطالعه اطلاعات کلی منطقه و محلات از جمله
      پیشینه، هویت، تقسیمات و ...»: پیشینه / هویت / تقسیمات (3).
    2 آماده سازی و مدیریت تامین و تجهیز — the comma-separated list: جلسات با
      ذینفعان و ذیربطان / هماهنگی‌های اولیه / تهیه و تدوین فرم‌ها / طراحی‌ها /
      تهیه و تولید پکیج‌های اطلاع‌رسانی و آموزشی / پیش بینی تامین محل استقرار
      کانون و تجهیز آن (6).
    3 اطلاع رسانی — the channels in the parenthesis «(مانند ...)»: تبلیغات بصری /
      فضای مجازی / نهادهای مردمی / رسانه‌ها / افراد ذی نفوذ (5).
  So the template has 4 phases, 12 strategies and 3+6+5+3+3+3+3+4+4+4+4+2 = 44
  activities.
* Activity codes («s05-a01»: strategy 5, activity 1) are stable identifiers: a later
  version keeps the code of an activity it keeps, and moving a club to that version
  copies its statuses by code.
* Five activities are satisfied by the portal's own data and carry an evidence rule
  (clubs/rollout/rules.py): s04-a01 orientation meeting, s04-a03 opening date,
  s05-a01 current secretary and deputy, s05-a02 active thematic group, s05-a03
  neighborhood forum held every month.

The action plan («برنامه اقدام راهبری؛ مجریان پیاده سازی ...»، یک ساله) has five
areas and their items, then the five items of «گام اول: برنامه اجرایی ویژه مجریان در
تابستان ۱۳۹۷». The first item reads «تدوین و استانداردها و شاخصهای سنجش» in the
source; the stray «و» is an evident slip and the item is «تدوین استانداردها و
شاخص‌های سنجش» (as the issue writes it).
"""

from django.db import migrations
from django.utils import timezone

PHASES = [
    (1, "p1", "برنامه ریزی و توسعه زیرساخت"),
    (2, "p2", "جلب مشارکت و سازماندهی"),
    (3, "p3", "ظرفیت‌سازی و توانمندسازی"),
    (4, "p4", "پایدارسازی، تعمیم و توسعه"),
]

# (phase, strategy number, title, description, [(activity title, evidence rule)])
STRATEGIES = [
    (
        1,
        1,
        "مطالعات پایه",
        "جمع‌آوری و مطالعه اطلاعات کلی منطقه و محلات از جمله پیشینه، هویت، تقسیمات و ... "
        "برای جهت کمک به پیشرفت اهداف و برنامه‌ریزی در خصوص فعالیت‌های آتی.",
        [("پیشینه", ""), ("هویت", ""), ("تقسیمات", "")],
    ),
    (
        1,
        2,
        "آماده سازی و مدیریت تامین و تجهیز",
        "جلسات با ذینفعان و ذیربطان، هماهنگی‌های اولیه، تهیه و تدوین فرم‌ها، طراحی‌ها، "
        "تهیه و تولید پکیج‌های اطلاع‌رسانی و آموزشی، پیش بینی تامین محل استقرار کانون و "
        "تجهیز آن و ...",
        [
            ("جلسات با ذینفعان و ذیربطان", ""),
            ("هماهنگی‌های اولیه", ""),
            ("تهیه و تدوین فرم‌ها", ""),
            ("طراحی‌ها", ""),
            ("تهیه و تولید پکیج‌های اطلاع‌رسانی و آموزشی", ""),
            ("پیش بینی تامین محل استقرار کانون و تجهیز آن", ""),
        ],
    ),
    (
        1,
        3,
        "اطلاع رسانی",
        "استفاده از تمامی پتانسیل‌ها و ظرفیت‌های موجود حوزه اطلاع رسانی برای معرفی "
        "کانون‌ها و جذب عضو (مانند تبلیغات بصری، فضای مجازی، نهادهای مردمی، رسانه‌ها، "
        "افراد ذی نفوذ و...)",
        [
            ("تبلیغات بصری", ""),
            ("فضای مجازی", ""),
            ("نهادهای مردمی", ""),
            ("رسانه‌ها", ""),
            ("افراد ذی نفوذ", ""),
        ],
    ),
    (
        2,
        4,
        "عضویت و سازماندهی",
        "",
        [
            ("برگزاری جلسات توجیهی و سازماندهی داوطلبین", "orientation_meeting"),
            ("هویت بخشی به کانون سلامت محلات", ""),
            ("افتتاحیه کانون سلامت محله", "club_opened"),
        ],
    ),
    (
        2,
        5,
        "ساختارسازی",
        "",
        [
            ("انتخاب دبیر و جانشین", "officers_elected"),
            ("تشکیل گروه‌های موضوعی با مشارکت اعضاء کانون", "thematic_group_active"),
            ("تشکیل و برگزاری مستمر مجمع سلامت محله", "forum_regular"),
        ],
    ),
    (
        3,
        6,
        "آموزش و آگاه‌سازی",
        "",
        [
            ("آماده‌سازی برنامه آموزشی و ظرفیت‌سازی", ""),
            ("آماده‌سازی فعالیت‌های آموزشی مجازی", ""),
            ("اجرای اقدامات آموزشی در سطح عمومی محلات", ""),
        ],
    ),
    (
        3,
        7,
        "مهارت‌افزایی",
        "",
        [
            ("توانمندسازی و توان‌افزایی دبیر و جانشین کانون سلامت محله", ""),
            ("توانمندسازی و توان‌افزایی ویژه اعضا", ""),
            ("پایدارسازی اقدامات آموزشی و توانمندسازی", ""),
        ],
    ),
    (
        3,
        8,
        "ترسیم برنامه اقدام",
        "",
        [
            ("بررسی و دستیابی به وضعیت سلامت محله", ""),
            ("اولویت‌بندی و پیش‌بینی اقدام در راستای شناسایی وضعیت سلامت محله", ""),
            ("تدوین برنامه و فعالیت‌های اجرایی (مانند برنامه‌ای مناسبی و...)", ""),
            ('مشارکت با ذینفعان تدوین و اجرای "سند ارتباطات"', ""),
        ],
    ),
    (
        4,
        9,
        "ابتکار عمل و اقدامات مشارکتی",
        "",
        [
            ("تعریف ابتکارات و اقدامات بلندمدت در مقیاس محله‌ای", ""),
            ("تعریف ابتکارات و اقدامات مشارکتی - آموزشی در مقیاس مقطعی", ""),
            ("تعریف اقدامات آموزشی - مشارکتی در مناسبت‌های مرتبط", ""),
            ("رصد مستمر و دیده‌بانی اعضای کانون", ""),
        ],
    ),
    (
        4,
        10,
        "مستندسازی و ثبت دانش آموخته",
        "",
        [
            ("برنامه ریزی مستندسازی اقدامات", ""),
            ("مستندسازی اقدامات", ""),
            ("اطلاع‌رسانی اقدامات", ""),
            ("ثبت تجربیات و دانش آموخته‌ها", ""),
        ],
    ),
    (
        4,
        11,
        "پایش و ارزشیابی اثربخشی",
        "",
        [
            ("پایش اقدامات اجرایی در طول طرح", ""),
            ("سنجش فعالیت‌های اجرای طرح", ""),
            ("پایش (سنجش و ارزشیابی اثربخشی) فعالیت‌های کانون سلامت محله", ""),
            ("ارزشیابی عملکرد دست‌اندرکاران طرح", ""),
        ],
    ),
    (
        4,
        12,
        "پایدارسازی و تعمیم",
        "",
        [("توسعه کیفی کانون", ""), ("تثبیت و انسجام بخشی", "")],
    ),
]

# (order, code, title, is_step_one, [(code, title)])
PLAN = [
    (
        1,
        "monitoring",
        "پایش و ارزشیابی استقرار مدل",
        False,
        [
            ("standards-indicators", "تدوین استانداردها و شاخص‌های سنجش"),
            ("assess-monitor-actions", "ارزیابی و پایش اقدامات"),
            ("performance-evaluation", "ارزشیابی عملکرد"),
        ],
    ),
    (
        2,
        "documentation",
        "مستندسازی و تولید دانش",
        False,
        [
            ("training-content", "تولید محتوای آموزشی"),
            ("lessons-learned", "مستندسازی تجربیات و درس‌های آموخته شده"),
            ("knowledge-products", "تولید محصولات و اقلام آموزشی و دانشی"),
        ],
    ),
    (
        3,
        "capacity-building",
        "توانمندسازی و ظرفیت‌سازی مجریان",
        False,
        [
            ("training-needs", "نیازسنجی آموزشی"),
            ("implementer-training", "آموزش و توسعه مهارت مجریان"),
        ],
    ),
    (
        4,
        "steering",
        "راهبری و هدایت مجریان",
        False,
        [("current-state-planning", "سنجش وضعیت موجود و برنامه ریزی اقدامات آتی")],
    ),
    (
        5,
        "support",
        "حمایت و پشتیبانی مجریان",
        False,
        [("mobilize-partners", "بسیج شرکا و ذینفعان")],
    ),
    (
        6,
        "step-one",
        "گام اول: برنامه اجرایی ویژه مجریان در تابستان ۱۳۹۷",
        True,
        [
            (
                "step1-baseline",
                "گردآوری اطلاعات پایه و سنجش وضعیت موجود و شرایط تشکیل کانون‌های سلامت محله",
            ),
            (
                "step1-model-workshop",
                "حضور در کارگاه آموزشی معرفی مدل تشکیل، راه‌اندازی و هدایت کانون‌های سلامت محله",
            ),
            (
                "step1-operational-workshop",
                "حضور در کارگاه آموزشی تشریح برنامه عملیاتی استقرار و پیاده‌سازی کانون‌های "
                "سلامت محله",
            ),
            (
                "step1-indicators-workshop",
                "حضور در کارگاه تدوین مشارکتی شاخص‌های پایش و پیشرفت استقرار کانون‌های سلامت محله",
            ),
            (
                "step1-implement",
                "پیاده‌سازی مدل توسط دانشگاه علوم پزشکی و تشکیل کانون‌های سلامت محله",
            ),
        ],
    ),
]


def load(apps, schema_editor):
    TemplateVersion = apps.get_model("rollout", "TemplateVersion")
    Phase = apps.get_model("rollout", "Phase")
    Strategy = apps.get_model("rollout", "Strategy")
    Activity = apps.get_model("rollout", "Activity")
    version, _ = TemplateVersion.objects.get_or_create(
        number=1,
        defaults={
            "title": "مدل و چهارچوب تسهیلگری برای تشکیل، هدایت و پایدارسازی کانون‌های سلامت محلات",
            "source": "اداره کل اجتماعی سلامت، راه اندازی کانون های سلامت محلات در سطح کشور، "
            "مشهد، ۱۳ تیرماه ۱۳۹۷",
            "published_at": timezone.now(),
        },
    )
    phases = {}
    for number, code, title in PHASES:
        phases[number], _ = Phase.objects.update_or_create(
            version=version, number=number, defaults={"code": code, "title": title}
        )
    for phase_number, number, title, description, activities in STRATEGIES:
        strategy, _ = Strategy.objects.update_or_create(
            phase=phases[phase_number],
            number=number,
            defaults={"code": f"s{number:02d}", "title": title, "description": description},
        )
        for order, (activity_title, rule) in enumerate(activities, start=1):
            Activity.objects.update_or_create(
                strategy=strategy,
                number=order,
                defaults={
                    "code": f"s{number:02d}-a{order:02d}",
                    "title": activity_title,
                    "evidence_rule": rule,
                },
            )

    PlanArea = apps.get_model("rollout", "PlanArea")
    PlanItem = apps.get_model("rollout", "PlanItem")
    for order, code, title, is_step_one, items in PLAN:
        area, _ = PlanArea.objects.update_or_create(
            code=code, defaults={"number": order, "title": title, "is_step_one": is_step_one}
        )
        for number, (item_code, item_title) in enumerate(items, start=1):
            PlanItem.objects.update_or_create(
                code=item_code, defaults={"area": area, "number": number, "title": item_title}
            )


class Migration(migrations.Migration):
    dependencies = [("rollout", "0001_initial")]

    # Reversing keeps the rows (progress may point at them); `load` is idempotent, so
    # applying the migration again changes nothing.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
