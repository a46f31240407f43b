import pytest
from django.db import IntegrityError, transaction

from accounts.roles import Role
from tests import factories as f


@pytest.mark.django_db
class TestRoleAssignmentConstraints:
    def test_university_staff_needs_a_university(self, world):
        user = f.UserFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            f.RoleAssignmentFactory(user=user, role=Role.UNIVERSITY_STAFF)

    def test_role_cannot_name_two_places(self, world):
        user = f.UserFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            f.RoleAssignmentFactory(
                user=user, role=Role.CLUB_SECRETARY, club=world.club_a1, county=world.county_a1
            )

    def test_ministry_admin_names_no_place(self, world):
        user = f.UserFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            f.RoleAssignmentFactory(user=user, role=Role.MINISTRY_ADMIN, province=world.province_1)

    def test_same_role_over_same_place_only_once(self, world):
        user = f.UserFactory()
        f.RoleAssignmentFactory(user=user, role=Role.MINISTRY_ADMIN)
        with pytest.raises(IntegrityError), transaction.atomic():
            f.RoleAssignmentFactory(user=user, role=Role.MINISTRY_ADMIN)
        f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_a1)
        f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_a2)
        with pytest.raises(IntegrityError), transaction.atomic():
            f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_a1)

    def test_primary_role_is_the_broadest(self, world):
        user = f.UserFactory()
        f.RoleAssignmentFactory(user=user, role=Role.FACILITATOR, club=world.club_a1)
        f.RoleAssignmentFactory(
            user=user, role=Role.UNIVERSITY_STAFF, university=world.university_a
        )
        assert user.primary_role == Role.UNIVERSITY_STAFF
