"""Neighborhood and university pages: who may, who may not."""

import pytest
from django.urls import reverse

from regions.models import Neighborhood
from tests import factories as f

LIST = reverse("regions:neighborhood_list")
CREATE = reverse("regions:neighborhood_create")


def edit_url(neighborhood):
    return reverse("regions:neighborhood_edit", args=[neighborhood.pk])


@pytest.mark.django_db
class TestNeighborhoodList:
    def test_anonymous_is_sent_to_login(self, client, world):
        response = client.get(LIST)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_staff_see_their_universitys_neighborhoods_only(self, login, world, staff_a):
        response = login(staff_a).get(LIST)
        assert response.status_code == 200
        shown = {n.pk for n in response.context["page"]}
        assert shown == {world.neighborhood_a1.pk, world.neighborhood_a2.pk}
        assert "گلشهر" not in response.content.decode()

    @pytest.mark.parametrize(
        ("user_fixture", "expected"),
        [
            ("ministry_admin", {"neighborhood_a1", "neighborhood_a2", "neighborhood_b1"}),
            ("staff_b", {"neighborhood_b1"}),
            ("province_secretariat", {"neighborhood_a1", "neighborhood_a2"}),
            ("county_secretariat", {"neighborhood_a1"}),
            ("facilitator", {"neighborhood_a1"}),
            ("outsider", set()),
        ],
    )
    def test_each_role_sees_its_scope(self, request, login, world, user_fixture, expected):
        user = request.getfixturevalue(user_fixture)
        response = login(user).get(LIST)
        assert response.status_code == 200
        assert {n.pk for n in response.context["page"]} == {
            getattr(world, name).pk for name in expected
        }

    def test_filter_by_county(self, login, world, staff_a):
        response = login(staff_a).get(LIST, {"county": world.county_a2.pk})
        assert [n.pk for n in response.context["page"]] == [world.neighborhood_a2.pk]

    def test_search_accepts_arabic_letters(self, login, world, staff_a):
        f.NeighborhoodFactory(county=world.county_a1, name="کوی یاسر")
        response = login(staff_a).get(LIST, {"q": "كوي"})
        assert [n.name for n in response.context["page"]] == ["کوی یاسر"]

    def test_query_count_does_not_grow_with_rows(
        self, login, world, staff_a, django_assert_max_num_queries
    ):
        client = login(staff_a)
        client.get(LIST)  # warm the session
        for _ in range(30):
            f.ClubFactory(neighborhood=f.NeighborhoodFactory(county=world.county_a1))
        with django_assert_max_num_queries(9):
            response = client.get(LIST)
        assert response.context["page"].paginator.count == 32


@pytest.mark.django_db
class TestNeighborhoodCreate:
    def valid(self, world, **overrides):
        return {
            "county": world.county_a1.pk,
            "settlement_type": "city",
            "settlement_name": "تهران",
            "name": "محله نمونه",
            "kind": "informal",
            "population": "۱۲٬۵۰۰",
            "is_deprived": "on",
            "deprived_program_org": "red_crescent",
            "insured_share": "۶۲٫۵",
            **overrides,
        }

    def test_staff_create_with_persian_input_normalized(self, login, world, staff_a):
        response = login(staff_a).post(CREATE, self.valid(world, name="كوي ياسر"))
        assert response.status_code == 302
        made = Neighborhood.objects.get(name="کوی یاسر")
        assert made.population == 12500
        assert str(made.insured_share) == "62.50"

    @pytest.mark.parametrize(
        "user_fixture",
        ["ministry_admin", "facilitator", "club_secretary", "county_secretariat", "outsider"],
    )
    def test_others_may_not_create(self, request, login, world, user_fixture):
        user = request.getfixturevalue(user_fixture)
        assert login(user).get(CREATE).status_code == 403
        assert login(user).post(CREATE, self.valid(world)).status_code == 403
        assert not Neighborhood.objects.filter(name="محله نمونه").exists()

    def test_staff_may_not_create_in_another_universitys_county(self, login, world, staff_a):
        response = login(staff_a).post(CREATE, self.valid(world, county=world.county_b1.pk))
        assert response.status_code == 200
        assert "county" in response.context["form"].errors
        assert not Neighborhood.objects.filter(name="محله نمونه").exists()

    def test_deprived_without_organization_is_refused_in_persian(self, login, world, staff_a):
        response = login(staff_a).post(CREATE, self.valid(world, deprived_program_org=""))
        assert response.status_code == 200
        assert "سازمان مسئول" in response.content.decode()
        assert not Neighborhood.objects.filter(name="محله نمونه").exists()

    def test_share_above_100_is_refused(self, login, world, staff_a):
        response = login(staff_a).post(CREATE, self.valid(world, insured_share="۱۲۰"))
        assert "insured_share" in response.context["form"].errors


@pytest.mark.django_db
class TestNeighborhoodEdit:
    def test_staff_edit_their_own(self, login, world, staff_a):
        client = login(staff_a)
        assert client.get(edit_url(world.neighborhood_a1)).status_code == 200
        data = {
            "county": world.county_a1.pk,
            "settlement_type": "city",
            "settlement_name": "تهران",
            "name": "دروازه غار",
            "kind": "urban",
            "population": "22000",
        }
        assert client.post(edit_url(world.neighborhood_a1), data).status_code == 302
        world.neighborhood_a1.refresh_from_db()
        assert world.neighborhood_a1.population == 22000

    def test_another_universitys_neighborhood_is_404(self, login, world, staff_b):
        assert login(staff_b).get(edit_url(world.neighborhood_a1)).status_code == 404

    @pytest.mark.parametrize(
        "user_fixture", ["ministry_admin", "facilitator", "province_secretariat"]
    )
    def test_readers_get_404(self, request, login, world, user_fixture):
        user = request.getfixturevalue(user_fixture)
        assert login(user).get(edit_url(world.neighborhood_a1)).status_code == 404


@pytest.mark.django_db
class TestUniversityList:
    URL = reverse("regions:university_list")

    def test_ministry_admin_sees_all(self, login, world, ministry_admin):
        response = login(ministry_admin).get(self.URL)
        assert response.status_code == 200
        assert "دانشگاه علوم پزشکی الف" in response.content.decode()
        assert "دانشگاه علوم پزشکی ب" in response.content.decode()

    @pytest.mark.parametrize("user_fixture", ["staff_a", "facilitator", "outsider"])
    def test_others_are_refused(self, request, login, world, user_fixture):
        user = request.getfixturevalue(user_fixture)
        assert login(user).get(self.URL).status_code == 403
