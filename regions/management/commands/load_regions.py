from django.core.management.base import BaseCommand

from regions.services import regions_load


class Command(BaseCommand):
    help = "Load (or refresh) Iran's provinces, counties and medical-sciences universities. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-universities",
            action="store_true",
            help="Reassign every county to the university in regions/data/universities.csv, "
            "undoing edits made by admins.",
        )

    def handle(self, *args, reset_universities: bool = False, **options):
        result = regions_load(reset_universities=reset_universities)
        for label in ("province", "university", "county"):
            self.stdout.write(
                f"{label}: {result.created[label]} created, {result.updated[label]} updated"
            )
        self.stdout.write(
            self.style.SUCCESS("regions loaded" if result.changed else "regions already up to date")
        )
