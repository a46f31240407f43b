from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    """The 4-phase / 12-strategy rollout model, per-club checklists verified by the
    university, and each university's one-year action plan. Lives inside `clubs/`
    (the design card fixes the top-level layout) as its own app, label `rollout`."""

    name = "clubs.rollout"
    label = "rollout"
    verbose_name = _("استقرار کانون‌ها")

    def ready(self) -> None:
        post_migrate.connect(reference_data_ensure, sender=self, dispatch_uid="rollout.reference")


def reference_data_ensure(**_kwargs) -> None:
    """post_migrate: the template (version 1) and the action plan come from the data
    migration; load them again when the tables are empty (a fresh database, or one
    a test run flushed). The loader is idempotent and never touches later versions."""
    from importlib import import_module

    from django.apps import apps

    from clubs.rollout.models import PlanItem, TemplateVersion

    if TemplateVersion.objects.exists() and PlanItem.objects.exists():
        return
    import_module("clubs.rollout.migrations.0002_template_v1_and_action_plan").load(apps, None)
