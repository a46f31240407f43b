"""The thematic-group catalogue, from the health service packages (seed 000) and the
local clubs named in the model (seed 004). Ministry admins edit it later."""

from django.db import migrations

TOPICS = [
    ("environmental-health", "بهداشت محیط", False),
    ("school-health", "بهداشت مدارس", False),
    ("occupational-health", "بهداشت حرفه‌ای", False),
    ("social-health", "سلامت اجتماعی", False),
    ("epidemics-disasters", "اپیدمی‌ها و بلایا", False),
    ("family-population", "سلامت خانواده و جمعیت", False),
    ("communicable-diseases", "پیشگیری و کنترل بیماری‌های واگیر", False),
    ("chronic-diseases", "پیشگیری و کنترل بیماری‌های غیرواگیر و مزمن", False),
    ("nutrition", "تغذیه", False),
    ("mental-health", "سلامت روان", False),
    ("rehabilitation", "توانبخشی", False),
    ("addiction", "پیشگیری از اعتیاد", False),
    ("violence", "پیشگیری از خشونت", False),
    ("tobacco", "کنترل دخانیات", False),
    ("elderly", "سلامت سالمندان", False),
    ("sports", "ورزش", True),
    ("agriculture", "کشاورزی", True),
]


def add_topics(apps, schema_editor):
    ThematicTopic = apps.get_model("clubs", "ThematicTopic")
    for order, (code, name, is_local) in enumerate(TOPICS, start=1):
        ThematicTopic.objects.update_or_create(
            code=code, defaults={"name": name, "is_local": is_local, "order": order}
        )


def remove_topics(apps, schema_editor):
    ThematicTopic = apps.get_model("clubs", "ThematicTopic")
    ThematicTopic.objects.filter(code__in=[code for code, _, _ in TOPICS], groups__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("clubs", "0001_initial")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
