from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("گزارش‌ها و داشبوردها")

    def ready(self) -> None:
        from reports.metrics import register_metric_source
        from reports.sources import ClubsMetricSource

        register_metric_source(ClubsMetricSource())
