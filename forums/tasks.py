"""Thin Celery tasks: take ids, call a service; idempotent."""

from celery import shared_task


@shared_task(name="forums.flag_overdue_issues")
def flag_overdue_issues() -> int:
    """Daily (beat): flag, once, issues referred up and not acted on by their due date."""
    from forums.services import issues_flag_overdue

    return issues_flag_overdue()


@shared_task(name="forums.notify_issue_event")
def notify_issue_event(event_id: int) -> int:
    from forums.services import issue_event_notify

    return issue_event_notify(event_id=event_id)


@shared_task(name="forums.sync_forums")
def sync_forums() -> dict:
    """Daily (beat): forums for neighborhoods that got their first club, and any
    province or county added to the place tree (idempotent)."""
    from forums.services import forums_sync

    result = forums_sync()
    return {"created": result.created, "updated": result.updated}
