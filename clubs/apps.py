from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ClubsConfig(AppConfig):
    name = "clubs"
    verbose_name = _("کانون‌های سلامت محله")

    def ready(self) -> None:
        from clubs.reference import thematic_topics_ensure

        post_migrate.connect(thematic_topics_ensure, sender=self, dispatch_uid="clubs.topics")
