"""Celery tasks of the clubs app: thin, idempotent, calling a service."""

from celery import shared_task

from clubs import services


@shared_task(name="clubs.mark_dormant_clubs")
def mark_dormant_clubs() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): active clubs with no meeting in 60 days become
    dormant. Running it twice changes nothing the second time."""
    return services.club_mark_dormant_by_activity()
