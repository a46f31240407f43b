"""The forum chain follows the place tree; `sync_forums` builds it for the nation."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from forums import services
from forums.models import Forum, ForumLevel
from regions.models import County, Province
from tests import factories as f


@pytest.mark.django_db
class TestChainOnDemand:
    def test_neighborhood_forum_creates_every_ancestor(self, world):
        forum = services.forum_for_neighborhood(world.neighborhood_a1)
        assert forum.level == ForumLevel.NEIGHBORHOOD
        assert forum.neighborhood == world.neighborhood_a1
        assert forum.name == "مجمع سلامت محله دروازه غار (تهران)"
        county = forum.parent
        assert (county.level, county.county, county.name) == (
            ForumLevel.COUNTY,
            world.county_a1,
            "مجمع سلامت شهرستان تهران",
        )
        province = county.parent
        assert (province.level, province.province) == (ForumLevel.PROVINCE, world.province_1)
        national = province.parent
        assert national.level == ForumLevel.NATIONAL and national.name == "مجمع ملی سلامت"
        supreme = national.parent
        assert supreme.level == ForumLevel.SUPREME
        assert supreme.name == "شورای عالی سلامت و امنیت غذایی"
        assert supreme.parent is None
        # The place fields carry the places above, for scoping.
        assert (forum.county_id, forum.province_id) == (world.county_a1.pk, world.province_1.pk)
        assert county.province_id == world.province_1.pk
        assert Forum.objects.count() == 5

    def test_idempotent_and_shares_ancestors(self, world):
        first = services.forum_for_neighborhood(world.neighborhood_a1)
        again = services.forum_for_neighborhood(world.neighborhood_a1)
        assert first.pk == again.pk
        services.forum_for_neighborhood(world.neighborhood_a2)
        # A second county of the same province: one more county and neighborhood forum.
        assert Forum.objects.count() == 7
        assert Forum.objects.filter(level=ForumLevel.PROVINCE).count() == 1

    def test_database_refuses_a_second_forum_for_a_place(self, world):
        services.forum_for_county(world.county_a1)
        with pytest.raises(IntegrityError):
            Forum.objects.create(
                level=ForumLevel.COUNTY,
                name="تکراری",
                county=world.county_a1,
                province=world.province_1,
            )

    def test_database_refuses_place_that_does_not_match_level(self, world):
        with pytest.raises(IntegrityError):
            Forum.objects.create(level=ForumLevel.NATIONAL, name="x", province=world.province_1)


@pytest.mark.django_db
class TestSyncForums:
    def test_world(self, world):
        f.NeighborhoodFactory(county=world.county_a1)  # no club: no forum
        call_command("sync_forums", stdout=open("/dev/null", "w"))  # noqa: SIM115
        counts = {level: Forum.objects.filter(level=level).count() for level in ForumLevel}
        assert counts == {
            ForumLevel.SUPREME: 1,
            ForumLevel.NATIONAL: 1,
            ForumLevel.PROVINCE: 2,
            ForumLevel.COUNTY: 3,
            ForumLevel.NEIGHBORHOOD: 3,
        }
        # Every parent follows the place tree.
        for forum in Forum.objects.filter(level=ForumLevel.NEIGHBORHOOD).select_related(
            "parent", "neighborhood"
        ):
            assert forum.parent.county_id == forum.neighborhood.county_id
            assert forum.parent.level == ForumLevel.COUNTY
        for forum in Forum.objects.filter(level=ForumLevel.COUNTY).select_related("parent"):
            assert forum.parent.province_id == forum.province_id

    def test_idempotent_and_repairs_drift(self, world):
        services.forums_sync()
        before = set(Forum.objects.values_list("pk", flat=True))
        result = services.forums_sync()
        assert set(Forum.objects.values_list("pk", flat=True)) == before
        assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
        # A county renamed and a neighborhood moved to another county are followed.
        County.objects.filter(pk=world.county_a2.pk).update(name="اسلام‌شهر")
        world.neighborhood_a1.county = world.county_a2
        world.neighborhood_a1.save()
        result = services.forums_sync()
        assert result.updated == {"province": 0, "county": 1, "neighborhood": 1}
        forum = Forum.objects.get(neighborhood=world.neighborhood_a1)
        assert forum.parent.county_id == world.county_a2.pk
        assert forum.county_id == world.county_a2.pk
        assert forum.parent.name == "مجمع سلامت شهرستان اسلام‌شهر"
        assert set(Forum.objects.values_list("pk", flat=True)) == before

    def test_the_nation_after_load_regions(self, db):
        call_command("load_regions", verbosity=0)
        neighborhood = f.NeighborhoodFactory(county=County.objects.get(code="2301"))
        f.ClubFactory(neighborhood=neighborhood)
        result = services.forums_sync()
        assert result.created == {"province": 31, "county": 448, "neighborhood": 1}
        assert Forum.objects.count() == 2 + 31 + 448 + 1
        assert Province.objects.count() == 31
        again = services.forums_sync()
        assert sum(again.created.values()) == 0 and sum(again.updated.values()) == 0
        assert Forum.objects.count() == 482


@pytest.mark.django_db
def test_daily_sync_task(world, settings):
    from forums import tasks

    first = tasks.sync_forums.delay().get()
    assert first["created"] == {"province": 2, "county": 3, "neighborhood": 3}
    assert tasks.sync_forums.delay().get()["created"] == {
        "province": 0,
        "county": 0,
        "neighborhood": 0,
    }
    assert settings.CELERY_BEAT_SCHEDULE["forums-sync"]["task"] == "forums.sync_forums"
