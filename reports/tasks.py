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


@shared_task(bind=True, name="reports.generate_report", max_retries=3, acks_late=True)
def generate_report(self, report_id: int) -> str:
    """Make one report's PDF and XLSX. On failure it retries with exponential backoff
    (30 s, 60 s, 120 s); after the last try the report is marked failed and can be
    requested again. Run eagerly with propagation (the quick start) it cannot retry,
    so it fails at once rather than break the request that queued it."""
    from reports.services import report_generate, report_mark_failed

    try:
        report = report_generate(report_id=report_id)
    except Exception as exc:
        can_retry = not (self.request.is_eager and self.app.conf.task_eager_propagates)
        final = not can_retry or self.request.retries >= self.max_retries
        report_mark_failed(report_id=report_id, error=repr(exc), final=final)
        if final:
            return "failed"
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    return "done" if report is not None else "skipped"


@shared_task(name="reports.daily")
def daily() -> int:
    """The daily beat entry: refresh recent summaries, queue the due reports."""
    from reports.services import reports_generate_due

    return len(reports_generate_due())
