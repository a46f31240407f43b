"""The one scoping mechanism: for_user on every main model, per role."""

import pytest

from accounts.roles import Role
from clubs.models import Club
from regions.models import County, MedicalUniversity, Neighborhood, Province
from tests import factories as f


def names(queryset):
    return sorted(str(obj.pk) for obj in queryset)


def pks(*objects):
    return sorted(str(obj.pk) for obj in objects)


@pytest.mark.django_db
class TestClubScope:
    def test_ministry_admin_sees_every_club_but_changes_none(self, world, ministry_admin):
        assert Club.objects.for_user(ministry_admin).count() == 3
        assert not Club.objects.for_user(ministry_admin, "change").exists()

    def test_university_staff_see_only_their_universitys_counties(self, world, staff_a, staff_b):
        assert names(Club.objects.for_user(staff_a)) == pks(world.club_a1, world.club_a2)
        assert names(Club.objects.for_user(staff_b)) == pks(world.club_b1)
        assert names(Club.objects.for_user(staff_a, "change")) == pks(world.club_a1, world.club_a2)

    def test_two_universities_are_isolated(self, world, staff_a, staff_b):
        assert not Club.objects.for_user(staff_a).filter(pk=world.club_b1.pk).exists()
        assert not Club.objects.for_user(staff_b).filter(pk=world.club_a1.pk).exists()

    def test_province_secretariat_reads_its_province(self, world, province_secretariat):
        assert names(Club.objects.for_user(province_secretariat)) == pks(
            world.club_a1, world.club_a2
        )
        assert not Club.objects.for_user(province_secretariat, "change").exists()

    def test_county_secretariat_reads_its_county(self, world, county_secretariat):
        assert names(Club.objects.for_user(county_secretariat)) == pks(world.club_a1)

    def test_facilitator_and_secretary_reach_their_club(self, world, facilitator, club_secretary):
        for user in (facilitator, club_secretary):
            assert names(Club.objects.for_user(user)) == pks(world.club_a1)
            assert names(Club.objects.for_user(user, "change")) == pks(world.club_a1)

    def test_facilitator_of_a_neighborhood_reaches_its_clubs(self, world):
        user = f.UserFactory(username="nb_facilitator")
        f.RoleAssignmentFactory(
            user=user, role=Role.FACILITATOR, neighborhood=world.neighborhood_b1
        )
        second = f.ClubFactory(neighborhood=world.neighborhood_b1)
        assert names(Club.objects.for_user(user)) == pks(world.club_b1, second)

    def test_outsider_and_anonymous_see_nothing(self, world, outsider):
        from django.contrib.auth.models import AnonymousUser

        assert not Club.objects.for_user(outsider).exists()
        assert not Club.objects.for_user(AnonymousUser()).exists()

    def test_inactive_user_sees_nothing(self, world, staff_a):
        staff_a.is_active = False
        staff_a.save()
        assert not Club.objects.for_user(staff_a).exists()

    def test_several_roles_add_up(self, world, staff_b):
        f.RoleAssignmentFactory(user=staff_b, role=Role.CLUB_SECRETARY, club=world.club_a1)
        staff_b = type(staff_b).objects.get(pk=staff_b.pk)
        assert names(Club.objects.for_user(staff_b)) == pks(world.club_a1, world.club_b1)

    def test_superuser_is_national(self, world):
        root = f.UserFactory(username="root", is_superuser=True)
        assert Club.objects.for_user(root).count() == 3


@pytest.mark.django_db
class TestRegionScopes:
    def test_staff_a_regions(self, world, staff_a):
        assert names(MedicalUniversity.objects.for_user(staff_a)) == pks(world.university_a)
        assert names(Province.objects.for_user(staff_a)) == pks(world.province_1)
        assert names(County.objects.for_user(staff_a)) == pks(world.county_a1, world.county_a2)
        assert names(Neighborhood.objects.for_user(staff_a)) == pks(
            world.neighborhood_a1, world.neighborhood_a2
        )

    def test_facilitator_regions(self, world, facilitator):
        assert names(Neighborhood.objects.for_user(facilitator)) == pks(world.neighborhood_a1)
        assert names(County.objects.for_user(facilitator)) == pks(world.county_a1)
        # Facilitators do not add neighborhoods: that is the university's work.
        assert not County.objects.for_user(facilitator, "change").exists()
        assert not Neighborhood.objects.for_user(facilitator, "change").exists()

    def test_multivalued_paths_do_not_repeat_rows(self, world, staff_a):
        f.NeighborhoodFactory(county=world.county_a1)
        f.NeighborhoodFactory(county=world.county_a1)
        assert Province.objects.for_user(staff_a).count() == 1
        assert County.objects.for_user(staff_a).count() == 2

    def test_scope_is_read_once_per_user_object(self, world, staff_a, django_assert_num_queries):
        staff_a = type(staff_a).objects.get(pk=staff_a.pk)
        with django_assert_num_queries(1):
            staff_a.cached_role_assignments()
            staff_a.roles  # noqa: B018
            Club.objects.for_user(staff_a)  # builds the query, does not run it


@pytest.mark.django_db
def test_for_roles_counts_only_the_named_roles(world, staff_a):
    f.RoleAssignmentFactory(user=staff_a, role=Role.CLUB_SECRETARY, club=world.club_b1)
    staff_a = type(staff_a).objects.get(pk=staff_a.pk)
    assert names(Club.objects.for_user(staff_a)) == pks(world.club_a1, world.club_a2, world.club_b1)
    assert names(Club.objects.for_roles(staff_a, [Role.UNIVERSITY_STAFF])) == pks(
        world.club_a1, world.club_a2
    )
    assert not Club.objects.for_roles(staff_a, [Role.FACILITATOR]).exists()
