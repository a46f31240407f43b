"""Rollout fixtures. The template and the action plan come from the app's data
migration; transactional tests elsewhere in the suite flush the database, so each
test here makes sure the migration's data is present by running its loader (which
is idempotent) when it is missing."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from clubs.rollout.models import ActivityProgress, PlanItem, ProgressStatus, TemplateVersion
from clubs.rollout.selectors import CURRENT_LABELS_CACHE_KEY
from clubs.rollout.services import rollout_ensure_club, rollout_refresh_summary

# The Playwright set-up of tests/browser (Debian's Chromium, Persian locale, sign_in),
# for the browser test of this app.
from tests.browser.conftest import (  # noqa: F401
    artifacts_dir,
    browser_context_args,
    browser_type_launch_args,
    phone_context_args,
    sign_in,
)

MIGRATION = import_module("clubs.rollout.migrations.0002_template_v1_and_action_plan")


@pytest.fixture(autouse=True)
def rollout_reference_data(db):
    if not TemplateVersion.objects.filter(number=1).exists() or not PlanItem.objects.exists():
        MIGRATION.load(django_apps, None)
    cache.delete(CURRENT_LABELS_CACHE_KEY)


@pytest.fixture
def evidence_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def v1():
    return TemplateVersion.objects.get(number=1)


def set_status(club, code: str, status: str, **fields) -> ActivityProgress:
    """Put one activity of a club into a status directly (fixtures, not the service)."""
    rollout = rollout_ensure_club(club)
    progress = ActivityProgress.objects.get(
        club=club, activity__code=code, activity__strategy__phase__version=rollout.version
    )
    progress.status = status
    if status == ProgressStatus.NOT_APPLICABLE:
        fields.setdefault("not_applicable_reason", "در این محله موضوعیت ندارد")
    if status in (ProgressStatus.DONE, ProgressStatus.VERIFIED):
        fields.setdefault("completed_on", dt.date(2024, 6, 1))
    for name, value in fields.items():
        setattr(progress, name, value)
    progress.save()
    rollout_refresh_summary(rollout)
    return progress


def complete_phases(club, phases: int, *, status: str = ProgressStatus.VERIFIED) -> None:
    """Mark every activity of the first `phases` phases with `status`."""
    rollout = rollout_ensure_club(club)
    ActivityProgress.objects.filter(
        club=club,
        activity__strategy__phase__version=rollout.version,
        activity__strategy__phase__number__lte=phases,
    ).update(status=status, completed_on=dt.date(2024, 6, 1))
    rollout_refresh_summary(rollout)
