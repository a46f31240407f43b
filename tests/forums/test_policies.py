"""Policies come down: communicated to every forum below, acknowledged and adapted
by each, with coverage per level from one aggregate query."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums import services
from forums.models import PolicyAdoption
from forums.selectors import policy_coverage
from tests import factories as f


def issue_policy(forum, by, title="برنامه کاهش دخانیات"):
    return services.policy_issue(
        forum=forum, by=by, title=title, body="متن مصوبه", approved_on=timezone.localdate()
    )


@pytest.mark.django_db
class TestPolicies:
    def test_national_policy_reaches_every_forum_below(self, chain, ministry_admin):
        policy = issue_policy(chain.national, ministry_admin)
        received = set(policy.adoptions.values_list("forum", flat=True))
        assert received == {
            chain.province_1.pk,
            chain.province_2.pk,
            chain.county_a1.pk,
            chain.county_a2.pk,
            chain.county_b1.pk,
            chain.nb_a1.pk,
            chain.nb_a2.pk,
            chain.nb_b1.pk,
        }
        assert policy.communicated_at is not None
        assert services.policy_communicate(policy=policy) == 0  # idempotent

    def test_province_policy_reaches_its_counties_and_neighborhoods(
        self, chain, province_secretariat
    ):
        policy = issue_policy(chain.province_1, province_secretariat)
        assert set(policy.adoptions.values_list("forum", flat=True)) == {
            chain.county_a1.pk,
            chain.county_a2.pk,
            chain.nb_a1.pk,
            chain.nb_a2.pk,
        }

    def test_only_policy_levels_and_their_secretariat(
        self, chain, county_secretariat, province_secretariat
    ):
        with pytest.raises(ValidationError):
            issue_policy(chain.county_a1, county_secretariat)
        with pytest.raises(PermissionDenied):
            issue_policy(chain.province_2, province_secretariat)

    def test_acknowledge_and_coverage(
        self,
        chain,
        ministry_admin,
        province_secretariat,
        county_secretariat,
        facilitator,
        django_assert_num_queries,
    ):
        policy = issue_policy(chain.national, ministry_admin)
        adoption = policy.adoptions.get(forum=chain.county_a1)
        with pytest.raises(ValidationError):
            services.policy_acknowledge(adoption=adoption, by=county_secretariat, adaptation=" ")
        with pytest.raises(PermissionDenied):
            services.policy_acknowledge(adoption=adoption, by=facilitator, adaptation="x")
        services.policy_acknowledge(
            adoption=adoption, by=county_secretariat, adaptation="در ۱۲ محله"
        )
        services.policy_acknowledge(
            adoption=policy.adoptions.get(forum=chain.province_1),
            by=province_secretariat,
            adaptation="در برنامه استان",
        )
        services.policy_acknowledge(
            adoption=policy.adoptions.get(forum=chain.nb_a1), by=facilitator, adaptation="آموزش"
        )
        with django_assert_num_queries(1):
            coverage = policy_coverage(policy.adoptions.all())
        assert [(row.level, row.acknowledged, row.total) for row in coverage] == [
            ("province", 1, 2),
            ("county", 1, 3),
            ("neighborhood", 1, 3),
        ]
        first = PolicyAdoption.objects.get(pk=adoption.pk)
        services.policy_acknowledge(adoption=first, by=county_secretariat, adaptation="در ۱۵ محله")
        first.refresh_from_db()
        assert first.adaptation == "در ۱۵ محله" and first.acknowledged_by == county_secretariat

    def test_a_forum_made_later_receives_earlier_policies(self, world, chain, ministry_admin):
        policy = issue_policy(chain.national, ministry_admin)
        neighborhood = f.NeighborhoodFactory(county=world.county_b1)
        forum = services.forum_for_neighborhood(neighborhood)
        assert policy.adoptions.filter(forum=forum).exists()
        f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=world.county_a2))
        services.forums_sync()
        assert policy.adoptions.count() == 10
