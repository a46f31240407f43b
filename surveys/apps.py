from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("پرسشنامه‌ها و شاخص‌ها")

    def ready(self) -> None:
        from surveys.shipped import after_migrate

        post_migrate.connect(after_migrate, dispatch_uid="surveys.shipped_questionnaires")
