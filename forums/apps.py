from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("مجامع سلامت")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from forums.aggregates import register_sqlite_median

        # Database plumbing, not business logic: SQLite gets the median aggregate.
        connection_created.connect(register_sqlite_median, dispatch_uid="forums_sqlite_median")

        # An indicator the surveys app computes from forum data.
        from forums.indicators import ISSUES_RESOLVED_LOCALLY
        from surveys.indicators import register_computation

        register_computation(ISSUES_RESOLVED_LOCALLY)
