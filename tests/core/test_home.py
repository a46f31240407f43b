"""The home page per role: counts of what is in the user's scope."""

import pytest
from django.urls import reverse

from accounts.roles import Role

HOME = reverse("home")


def stats(response):
    return {stat.key: stat.value for stat in response.context["stats"]}


@pytest.mark.django_db
class TestHome:
    def test_anonymous_goes_to_login(self, client, world):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_ministry_admin_counts_the_nation(self, login, world, ministry_admin):
        response = login(ministry_admin).get(HOME)
        assert response.status_code == 200
        assert response.context["role"] == Role.MINISTRY_ADMIN
        assert stats(response) == {
            "provinces": 2,
            "universities": 2,
            "counties": 3,
            "neighborhoods": 3,
            "clubs": 3,
        }
        page = response.content.decode()
        assert 'dir="rtl"' in page
        assert "۳" in page  # Persian digits

    def test_university_staff_count_their_university(self, login, world, staff_a, staff_b):
        assert stats(login(staff_a).get(HOME)) == {
            "provinces": 1,
            "universities": 1,
            "counties": 2,
            "neighborhoods": 2,
            "clubs": 2,
            "rollout_waiting": 0,
        }
        assert stats(login(staff_b).get(HOME)) == {
            "provinces": 1,
            "universities": 1,
            "counties": 1,
            "neighborhoods": 1,
            "clubs": 1,
            "rollout_waiting": 0,
        }

    def test_county_secretariat(self, login, world, county_secretariat):
        response = login(county_secretariat).get(HOME)
        assert stats(response)["clubs"] == 1
        assert response.context["role"] == Role.COUNTY_SECRETARIAT

    @pytest.mark.parametrize("user_fixture", ["facilitator", "club_secretary"])
    def test_club_roles(self, request, login, world, user_fixture):
        response = login(request.getfixturevalue(user_fixture)).get(HOME)
        assert stats(response) == {"neighborhoods": 1, "clubs": 1, "rollout_sent_back": 0}

    def test_user_without_role_is_told_so(self, login, world, outsider):
        response = login(outsider).get(HOME)
        assert response.status_code == 200
        assert 'data-testid="no-role"' in response.content.decode()

    def test_navigation_follows_role(self, login, world, ministry_admin, facilitator):
        admin_nav = {item["url"] for item in login(ministry_admin).get(HOME).context["nav_items"]}
        assert reverse("regions:university_list") in admin_nav
        facilitator_nav = {
            item["url"] for item in login(facilitator).get(HOME).context["nav_items"]
        }
        assert reverse("regions:university_list") not in facilitator_nav

    def test_home_query_budget(self, login, world, ministry_admin, django_assert_max_num_queries):
        client = login(ministry_admin)
        with django_assert_max_num_queries(12):
            assert client.get(HOME).status_code == 200
