from django.core.management.base import BaseCommand

from surveys.shipped import shipped_questionnaires_load


class Command(BaseCommand):
    help = (
        "Create the shipped questionnaires (needs assessment, baseline study, member "
        "satisfaction) that are missing. Idempotent; also runs after every migrate."
    )

    def handle(self, *args, **options):
        created = shipped_questionnaires_load()
        for questionnaire in created:
            self.stdout.write(f"created: {questionnaire.title}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} questionnaire(s) created."))
