"""The demo seeder: clubs at different phases, one item sent back to the demo
facilitator, idempotent; with the clubs app's officers and groups, the rules' own
proposals are verified like any other item."""

import pytest

from accounts.roles import Role
from clubs.models import OfficerRole
from clubs.rollout import demo
from clubs.rollout.models import (
    ActivityProgress,
    ClubRollout,
    ProgressEvent,
    ProgressStatus,
    UniversityPlanEntry,
)
from tests import factories as f

from .factories import OfficerTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(world):
    tums = world.university_a
    tums.code = "tums"
    tums.save()
    names = {"دروازه غار": world.club_a1, "هرندی": world.club_a2, "گلشهر": world.club_b1}
    staff = f.UserFactory(username="tums_staff")
    f.RoleAssignmentFactory(user=staff, role=Role.UNIVERSITY_STAFF, university=tums)
    f.RoleAssignmentFactory(
        user=f.UserFactory(username="mums_staff"),
        role=Role.UNIVERSITY_STAFF,
        university=world.university_b,
    )
    facilitator = f.UserFactory(username="facilitator")
    for club in (world.club_a1, world.club_a2):
        f.RoleAssignmentFactory(user=facilitator, role=Role.FACILITATOR, club=club)
    return {"clubs": names, "universities": {"tums": tums}, "facilitator": facilitator}


def state():
    return (
        ProgressEvent.objects.count(),
        list(ClubRollout.objects.order_by("pk").values_list("current_phase", "done_count")),
        UniversityPlanEntry.objects.count(),
    )


def test_seed_is_idempotent_and_sends_one_item_back(world, context):
    # Officers from the clubs app: the rule proposes s05-a01, and the demo verifies it.
    OfficerTermFactory(club=world.club_b1, role=OfficerRole.SECRETARY)
    OfficerTermFactory(club=world.club_b1, role=OfficerRole.DEPUTY)
    demo.seed(context)
    first = state()
    demo.seed(context)
    assert state() == first

    phases = {r.club_id: r.current_phase for r in ClubRollout.objects.all()}
    assert phases[world.club_a1.pk] == 2  # phase 1 verified
    assert phases[world.club_a2.pk] == 1  # phase 1 done, waiting
    assert phases[world.club_b1.pk] == 4  # phases 1–3 verified
    sent_back = ActivityProgress.objects.get(sent_back=True)
    assert (sent_back.club, sent_back.activity.code) == (world.club_a2, "s04-a03")
    assert sent_back.sent_back_comment == demo.SENT_BACK_COMMENT
    officers = ActivityProgress.objects.get(club=world.club_b1, activity__code="s05-a01")
    assert officers.status == ProgressStatus.VERIFIED
    assert UniversityPlanEntry.objects.filter(university=world.university_a).count() == 6
