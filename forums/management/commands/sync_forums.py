from django.core.management.base import BaseCommand

from forums.services import forums_sync


class Command(BaseCommand):
    help = (
        "Create the forum chain: the supreme council, the national forum, a forum for every "
        "province and county, and one for every neighborhood that has a club (idempotent)."
    )

    def handle(self, *args, **options):
        result = forums_sync()
        for level, count in result.created.items():
            self.stdout.write(f"{level}: {count} created, {result.updated.get(level, 0)} updated")
        self.stdout.write(self.style.SUCCESS("Forums are in sync with the place tree."))
