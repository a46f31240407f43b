"""Celery tasks of the surveys app: thin, idempotent, taking no model instances."""

from celery import shared_task

from surveys.services import campaigns_close_ended


@shared_task(name="surveys.close_ended_campaigns")
def close_ended_campaigns() -> int:
    """Close the campaigns whose Jalali period is over (beat, every few hours)."""
    return campaigns_close_ended()
