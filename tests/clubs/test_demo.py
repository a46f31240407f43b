"""The demo seeder gives every demo club a life, and running it again changes nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from clubs.models import ActionItem, Club, Meeting, Membership, OfficerTerm, ThematicGroup
from core.demo import seed_all
from core.validators import is_valid_national_code


@pytest.mark.django_db
def test_demo_clubs_are_seeded_idempotently():
    call_command("load_regions", verbosity=0)
    seed_all()
    counts = [
        model.objects.count()
        for model in (Membership, Meeting, ActionItem, OfficerTerm, ThematicGroup)
    ]
    assert all(counts), counts
    for club in Club.objects.all():
        assert club.memberships.filter(left_on__isnull=True).count() >= 15
        assert club.officer_terms.filter(ended_on__isnull=True).count() == 2
        assert club.meetings.exists()
        assert club.last_meeting_on is not None
    codes = Membership.objects.values_list("person__national_code", flat=True)
    assert all(is_valid_national_code(code) for code in codes)
    today = timezone.localdate()
    assert ActionItem.objects.overdue(today).exists()
    harandi = Club.objects.get(name__endswith="هرندی")
    assert harandi.is_dormant_by_activity(today)

    seed_all()
    again = [
        model.objects.count()
        for model in (Membership, Meeting, ActionItem, OfficerTerm, ThematicGroup)
    ]
    assert again == counts
