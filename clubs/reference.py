"""Reference data the clubs app ships: the thematic-group catalogue, from the health
service packages (seed 000) and the local clubs named in the model (seed 004).

Loaded by the data migration 0002 and, when the table is empty (a fresh database,
or one a test run flushed), after every migrate; ministry admins edit it later in the
admin, so it is never overwritten once present."""

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


def thematic_topics_ensure(**_kwargs) -> None:
    """post_migrate: fill an empty catalogue (idempotent, never overwrites)."""
    from clubs.models import ThematicTopic

    if ThematicTopic.objects.exists():
        return
    ThematicTopic.objects.bulk_create(
        ThematicTopic(code=code, name=name, is_local=is_local, order=order)
        for order, (code, name, is_local) in enumerate(TOPICS, start=1)
    )
