"""Celery tasks of the reports app: thin, take ids or keys, call a service."""

from __future__ import annotations

from celery import shared_task

from core.periods import JalaliMonth


@shared_task(
    name="reports.refresh_club_summaries",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def refresh_club_summaries(club_id: int, month_key: str) -> int:
    from reports.services import summary_refresh_club_from

    return summary_refresh_club_from(club_id=club_id, month=JalaliMonth.from_key(month_key))
