from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    """The 4-phase / 12-strategy rollout model, per-club checklists verified by the
    university, and each university's one-year action plan. Lives inside `clubs/`
    (the design card fixes the top-level layout) as its own app, label `rollout`."""

    name = "clubs.rollout"
    label = "rollout"
    verbose_name = _("استقرار کانون‌ها")
