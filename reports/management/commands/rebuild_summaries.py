import time

from django.core.management.base import BaseCommand

from core.jalali import parse_date
from reports.services import summaries_rebuild


class Command(BaseCommand):
    help = "Rebuild every summary table (club, county, university, province, nation per Jalali month) from raw data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Pretend today is this date (1403/03/26 or 2024-06-15)."
        )

    def handle(self, *args, today=None, **options):
        started = time.perf_counter()
        result = summaries_rebuild(today=parse_date(today) if today else None)
        self.stdout.write(
            self.style.SUCCESS(
                f"summaries rebuilt: {result.months} months, {result.club_rows} club rows, "
                f"{result.rollup_rows} roll-up rows in {time.perf_counter() - started:.1f}s"
            )
        )
