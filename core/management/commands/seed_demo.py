from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = (
        "Create demo neighborhoods, clubs and one user per role (idempotent). Not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even when DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; use --force to run it with DEBUG off."
            )
        context = seed_all(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/ with:")
        )
        for username, label in context["users"]:
            self.stdout.write(f"  {username:<18} {label}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
