"""Celery tasks of the rollout app: thin, take ids, call a service, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from clubs.models import Club
from clubs.rollout import services
from clubs.rollout.models import BoardExport, ClubRollout, ExportStatus, TemplateVersion

CHUNK = 500


@shared_task(name="rollout.sync_club")
def sync_club(club_id: int) -> list[str]:
    if not Club.objects.filter(pk=club_id).exists():
        return []
    return services.rollout_sync_club(club_id).proposed


@shared_task(name="rollout.sync_clubs")
def sync_clubs(club_ids: list[int]) -> int:
    existing = Club.objects.filter(pk__in=club_ids).values_list("pk", flat=True)
    for club_id in existing:
        services.rollout_sync_club(club_id)
    return len(existing)


@shared_task(name="rollout.sync_all_clubs")
def sync_all_clubs() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): every club, in chunks queued as separate tasks."""
    club_ids = list(Club.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(club_ids), CHUNK):
        sync_clubs.delay(club_ids[start : start + CHUNK])
    return len(club_ids)


@shared_task(name="rollout.move_clubs_to_version")
def move_clubs_to_version(version_id: int) -> int:
    """Move every club on another version to `version_id` (ministry admin's action)."""
    version = TemplateVersion.objects.get(pk=version_id)
    moved = 0
    rollouts = ClubRollout.objects.exclude(version=version).select_related("club").order_by("pk")
    for rollout in rollouts.iterator(chunk_size=CHUNK):
        services.club_rollout_move(club=rollout.club, version=version)
        moved += 1
    return moved


@shared_task(name="rollout.export_board")
def export_board(export_id: int) -> int:
    try:
        return services.board_export_run(export_id=export_id).row_count
    except Exception:
        BoardExport.objects.filter(pk=export_id).update(status=ExportStatus.FAILED)
        raise


@shared_task(name="rollout.cleanup_exports")
def cleanup_exports() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): drop board exports older than a week."""
    return services.board_export_cleanup()


def queue_club_sync(club_id: int) -> None:
    """Run `rollout_sync_club(club_id)` in a worker once the current transaction
    commits. Call it after logging a meeting, electing an officer, forming or
    dissolving a group, or setting a club's opening date."""
    transaction.on_commit(lambda: sync_club.delay(club_id))
