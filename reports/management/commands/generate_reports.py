from django.core.management.base import BaseCommand

from core.jalali import parse_date
from reports.services import reports_generate_due


class Command(BaseCommand):
    help = (
        "What the daily beat task runs: refresh the summaries of the last two months and "
        "make every due monitoring report (previous Jalali month and season, per university "
        "and national). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Pretend today is this date (1403/03/26 or 2024-06-15)."
        )

    def handle(self, *args, today=None, **options):
        queued = reports_generate_due(today=parse_date(today) if today else None)
        for report in queued:
            self.stdout.write(f"queued: {report}")
        self.stdout.write(self.style.SUCCESS(f"{len(queued)} report(s) queued"))
