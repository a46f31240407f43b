"""The thematic-group catalogue, from the health service packages (seed 000) and the
local clubs named in the model (seed 004). Ministry admins edit it later."""

from django.db import migrations

from clubs.reference import TOPICS


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
