"""The seeded template (data migration) matches seed 004."""

import pytest

from clubs.rollout.models import Activity, EvidenceRuleKey, Phase, PlanArea, PlanItem, Strategy

pytestmark = pytest.mark.django_db

ZWNJ = "\u200c"


def test_four_phases_twelve_strategies_44_activities(v1):
    assert v1.is_published
    assert Phase.objects.filter(version=v1).count() == 4
    assert Strategy.objects.filter(phase__version=v1).count() == 12
    assert Activity.objects.filter(strategy__phase__version=v1).count() == 44
    per_strategy = {
        s.number: s.activities.count() for s in Strategy.objects.filter(phase__version=v1)
    }
    assert per_strategy == {
        1: 3,
        2: 6,
        3: 5,
        4: 3,
        5: 3,
        6: 3,
        7: 3,
        8: 4,
        9: 4,
        10: 4,
        11: 4,
        12: 2,
    }


def test_phases_and_strategies_in_order(v1):
    phases = list(Phase.objects.filter(version=v1).order_by("number"))
    assert [p.title for p in phases] == [
        "برنامه ریزی و توسعه زیرساخت",
        "جلب مشارکت و سازماندهی",
        f"ظرفیت{ZWNJ}سازی و توانمندسازی",
        "پایدارسازی، تعمیم و توسعه",
    ]
    strategies = {
        s.number: (s.phase.number, s.title)
        for s in Strategy.objects.filter(phase__version=v1).select_related("phase")
    }
    assert strategies[1] == (1, "مطالعات پایه")
    assert strategies[5] == (2, "ساختارسازی")
    assert strategies[7] == (3, f"مهارت{ZWNJ}افزایی")
    assert strategies[8] == (3, "ترسیم برنامه اقدام")
    assert strategies[11] == (4, "پایش و ارزشیابی اثربخشی")
    assert strategies[12] == (4, "پایدارسازی و تعمیم")


@pytest.mark.parametrize(
    ("strategy", "title"),
    [
        (2, "جلسات با ذینفعان و ذیربطان"),
        (2, f"هماهنگی{ZWNJ}های اولیه"),
        (2, "پیش بینی تامین محل استقرار کانون و تجهیز آن"),
        (3, "تبلیغات بصری"),
        (1, "پیشینه"),
        (4, "برگزاری جلسات توجیهی و سازماندهی داوطلبین"),
        (4, "افتتاحیه کانون سلامت محله"),
        (5, "انتخاب دبیر و جانشین"),
        (5, f"تشکیل گروه{ZWNJ}های موضوعی با مشارکت اعضاء کانون"),
        (5, "تشکیل و برگزاری مستمر مجمع سلامت محله"),
        (8, 'مشارکت با ذینفعان تدوین و اجرای "سند ارتباطات"'),
        (11, f"ارزشیابی عملکرد دست{ZWNJ}اندرکاران طرح"),
        (12, "تثبیت و انسجام بخشی"),
    ],
)
def test_exact_persian_titles(v1, strategy, title):
    assert Activity.objects.filter(
        strategy__phase__version=v1, strategy__number=strategy, title=title
    ).exists()


def test_strategies_1_to_3_keep_their_paragraph(v1):
    s1 = Strategy.objects.get(phase__version=v1, number=1)
    assert s1.description.startswith(f"جمع{ZWNJ}آوری و مطالعه اطلاعات کلی منطقه و محلات")


def test_codes_are_stable_and_unique(v1):
    codes = list(
        Activity.objects.filter(strategy__phase__version=v1).values_list("code", flat=True)
    )
    assert len(codes) == len(set(codes)) == 44
    assert Activity.objects.get(strategy__phase__version=v1, code="s05-a01").title == (
        "انتخاب دبیر و جانشین"
    )


def test_evidence_rules_on_the_five_activities(v1):
    rules = dict(
        Activity.objects.filter(strategy__phase__version=v1)
        .exclude(evidence_rule="")
        .values_list("code", "evidence_rule")
    )
    assert rules == {
        "s04-a01": EvidenceRuleKey.ORIENTATION_MEETING,
        "s04-a03": EvidenceRuleKey.CLUB_OPENED,
        "s05-a01": EvidenceRuleKey.OFFICERS_ELECTED,
        "s05-a02": EvidenceRuleKey.THEMATIC_GROUP_ACTIVE,
        "s05-a03": EvidenceRuleKey.FORUM_REGULAR,
    }


def test_no_glued_words_left():
    """Extraction dropped ZWNJs: words such as «گروههای» must not survive."""
    glued = ["گروههای", "جمعآوری", "فعالیتهای", "دستاندرکاران", "کانونها", "آمادهسازی"]
    texts = list(Activity.objects.values_list("title", flat=True)) + list(
        Strategy.objects.values_list("description", flat=True)
    )
    for text in texts:
        for word in glued:
            assert word not in text


def test_action_plan_areas_and_step_one():
    areas = list(PlanArea.objects.order_by("number"))
    assert [a.title for a in areas[:5]] == [
        "پایش و ارزشیابی استقرار مدل",
        "مستندسازی و تولید دانش",
        f"توانمندسازی و ظرفیت{ZWNJ}سازی مجریان",
        "راهبری و هدایت مجریان",
        "حمایت و پشتیبانی مجریان",
    ]
    assert areas[5].is_step_one
    assert PlanItem.objects.filter(area__is_step_one=False).count() == 10
    assert PlanItem.objects.filter(area__is_step_one=True).count() == 5
    assert list(areas[0].items.order_by("number").values_list("title", flat=True)) == [
        f"تدوین استانداردها و شاخص{ZWNJ}های سنجش",
        "ارزیابی و پایش اقدامات",
        "ارزشیابی عملکرد",
    ]
    assert PlanItem.objects.filter(title="بسیج شرکا و ذینفعان").exists()
