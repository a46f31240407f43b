"""Who reads and who runs which forum, and who reads which issue — per role, through
the same `for_user` every view uses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forums import services
from forums.models import Forum, Issue
from tests import factories as f
from tests.forums.factories import raise_issue


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.django_db
class TestForumScope:
    def test_who_reads_which_forum(
        self,
        chain,
        ministry_admin,
        staff_a,
        staff_b,
        province_secretariat,
        county_secretariat,
        facilitator,
        club_secretary,
        outsider,
    ):
        everything = pks(Forum.objects.all())
        assert pks(Forum.objects.for_user(ministry_admin)) == everything
        assert pks(Forum.objects.for_user(staff_a)) == {
            chain.county_a1.pk,
            chain.county_a2.pk,
            chain.nb_a1.pk,
            chain.nb_a2.pk,
        }
        assert pks(Forum.objects.for_user(staff_b)) == {chain.county_b1.pk, chain.nb_b1.pk}
        assert pks(Forum.objects.for_user(province_secretariat)) == {
            chain.province_1.pk,
            chain.county_a1.pk,
            chain.county_a2.pk,
            chain.nb_a1.pk,
            chain.nb_a2.pk,
        }
        assert pks(Forum.objects.for_user(county_secretariat)) == {
            chain.county_a1.pk,
            chain.nb_a1.pk,
        }
        assert pks(Forum.objects.for_user(facilitator)) == {chain.nb_a1.pk}
        assert pks(Forum.objects.for_user(club_secretary)) == {chain.nb_a1.pk}
        assert pks(Forum.objects.for_user(outsider)) == set()
        assert pks(Forum.objects.for_user(AnonymousUser())) == set()

    def test_who_runs_which_forum(
        self,
        chain,
        ministry_admin,
        staff_a,
        province_secretariat,
        county_secretariat,
        facilitator,
        club_secretary,
        outsider,
    ):
        assert pks(Forum.objects.for_user(ministry_admin, "change")) == {
            chain.national.pk,
            chain.supreme.pk,
        }
        assert pks(Forum.objects.for_user(staff_a, "change")) == set()
        assert pks(Forum.objects.for_user(province_secretariat, "change")) == {chain.province_1.pk}
        assert pks(Forum.objects.for_user(county_secretariat, "change")) == {chain.county_a1.pk}
        assert pks(Forum.objects.for_user(facilitator, "change")) == {chain.nb_a1.pk}
        assert pks(Forum.objects.for_user(club_secretary, "change")) == {chain.nb_a1.pk}
        assert pks(Forum.objects.for_user(outsider, "change")) == set()

    def test_facilitator_of_a_neighborhood_runs_its_forum(self, world, chain):
        user = f.UserFactory(username="nb_fac")
        f.RoleAssignmentFactory(user=user, role="facilitator", neighborhood=world.neighborhood_b1)
        assert pks(Forum.objects.for_user(user, "change")) == {chain.nb_b1.pk}

    def test_two_clubs_in_one_neighborhood_give_the_forum_once(self, world, chain):
        second = f.ClubFactory(neighborhood=world.neighborhood_a1, name="کانون دوم")
        user = f.UserFactory(username="two_clubs")
        f.RoleAssignmentFactory(user=user, role="facilitator", club=world.club_a1)
        f.RoleAssignmentFactory(user=user, role="facilitator", club=second)
        assert list(Forum.objects.for_user(user, "change").values_list("pk", flat=True)) == [
            chain.nb_a1.pk
        ]
        assert Forum.objects.for_user(user).count() == 1


@pytest.mark.django_db
class TestIssueScope:
    def test_an_issue_not_referred_stays_with_its_forum(
        self,
        chain,
        facilitator,
        club_secretary,
        county_secretariat,
        province_secretariat,
        staff_a,
        staff_b,
        ministry_admin,
        outsider,
    ):
        issue = raise_issue(chain.nb_a1, facilitator)
        for user in (facilitator, club_secretary, staff_a, ministry_admin):
            assert issue.pk in pks(Issue.objects.for_user(user)), user
        for user in (county_secretariat, province_secretariat, staff_b, outsider):
            assert issue.pk not in pks(Issue.objects.for_user(user)), user

    def test_referred_issue_is_read_along_its_path(
        self,
        chain,
        facilitator,
        county_secretariat,
        province_secretariat,
        county_a2_secretariat,
        facilitator_a2,
        staff_b,
    ):
        issue = raise_issue(chain.nb_a1, facilitator)
        services.issue_refer_up(issue=issue, by=facilitator, reason="بیرون از توان محله")
        assert issue.pk in pks(Issue.objects.for_user(county_secretariat))
        assert issue.pk not in pks(Issue.objects.for_user(province_secretariat))
        services.issue_refer_up(issue=issue, by=county_secretariat, reason="نیاز به استان")
        for user in (facilitator, county_secretariat, province_secretariat):
            assert issue.pk in pks(Issue.objects.for_user(user))
        for user in (county_a2_secretariat, facilitator_a2, staff_b):
            assert issue.pk not in pks(Issue.objects.for_user(user))

    def test_change_scope_is_where_the_issue_is_now(self, chain, facilitator, county_secretariat):
        issue = raise_issue(chain.nb_a1, facilitator)
        assert issue.pk in pks(Issue.objects.for_user(facilitator, "change"))
        services.issue_refer_up(issue=issue, by=facilitator, reason="دلیل")
        assert issue.pk not in pks(Issue.objects.for_user(facilitator, "change"))
        assert issue.pk in pks(Issue.objects.for_user(county_secretariat, "change"))

    def test_university_staff_read_issues_that_passed_through_their_counties(
        self, chain, staff_a, staff_b, province_secretariat, ministry_admin
    ):
        at_province = raise_issue(chain.province_1, province_secretariat)
        assert at_province.pk not in pks(Issue.objects.for_user(staff_a))
        from_b = raise_issue(chain.nb_b1)
        assert from_b.pk in pks(Issue.objects.for_user(staff_b))
        assert from_b.pk not in pks(Issue.objects.for_user(staff_a))
        assert pks(Issue.objects.for_user(ministry_admin)) == {at_province.pk, from_b.pk}
