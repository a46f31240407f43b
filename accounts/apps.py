from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("کاربران و نقش‌ها")

    def ready(self) -> None:
        from accounts.permissions import ministry_group_after_migrate

        post_migrate.connect(
            ministry_group_after_migrate, dispatch_uid="accounts.ministry_group_sync"
        )
