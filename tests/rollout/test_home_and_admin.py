"""Home page counts and lists, navigation, the admin for the template."""

import pytest
from django.urls import reverse

from accounts.permissions import ministry_group_sync
from clubs.rollout import tasks
from clubs.rollout.models import ActivityProgress, ClubRollout, ProgressStatus, TemplateVersion
from clubs.rollout.services import progress_send_back, rollout_ensure_club

from .conftest import complete_phases, set_status

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def stats(response):
    return {stat.key: stat.value for stat in response.context["stats"]}


class TestHome:
    def test_staff_see_what_waits_for_them(self, login, world, staff_a):
        set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        set_status(world.club_a2, "s01-a02", ProgressStatus.DONE)
        set_status(world.club_b1, "s01-a01", ProgressStatus.DONE)
        set_status(world.club_a1, "s01-a03", ProgressStatus.VERIFIED)
        response = login(staff_a).get(HOME)
        assert stats(response)["rollout_waiting"] == 2
        assert response.context["rollout_home"]["clubs"] == 2

    def test_phase_shares_for_region_roles(self, login, world, ministry_admin):
        complete_phases(world.club_a1, 1)
        response = login(ministry_admin).get(HOME)
        phases = response.context["rollout_home"]["phases"]
        assert [(count, reported) for _label, count, _r, reported, _rr in phases] == [
            (2, 2),
            (1, 1),
            (0, 0),
            (0, 0),
            (0, 0),
        ]
        assert phases[0][0].startswith("فاز ۱: برنامه ریزی")
        assert 'data-testid="home-phases"' in response.content.decode()

    def test_facilitator_sees_items_sent_back(self, login, world, facilitator, staff_a, staff_b):
        item = set_status(world.club_a1, "s04-a02", ProgressStatus.DONE)
        progress_send_back(progress=item, by=staff_a, comment="نام و نشان کانون ثبت نشده")
        # a send-back in another university's club is not theirs
        other = set_status(world.club_b1, "s04-a02", ProgressStatus.DONE)
        progress_send_back(progress=other, by=staff_b, comment="در کانون دیگر")
        response = login(facilitator).get(HOME)
        assert stats(response)["rollout_sent_back"] == 1
        assert [i.pk for i in response.context["rollout_home"]["sent_back"]] == [item.pk]
        page = response.content.decode()
        assert "نام و نشان کانون ثبت نشده" in page
        assert "در کانون دیگر" not in page
        assert reverse("rollout:item", args=[world.club_a1.pk, item.pk]) in page

    def test_staff_do_not_get_the_facilitator_list(self, login, world, staff_a):
        item = set_status(world.club_a1, "s04-a02", ProgressStatus.DONE)
        progress_send_back(progress=item, by=staff_a, comment="x")
        response = login(staff_a).get(HOME)
        assert "sent_back" not in response.context["rollout_home"]

    def test_navigation(self, login, world, staff_a, facilitator, ministry_admin):
        def urls(user):
            return {item["url"] for item in login(user).get(HOME).context["nav_items"]}

        assert {
            reverse("rollout:board"),
            reverse("rollout:review"),
            reverse("rollout:rollups"),
            reverse("rollout:plan"),
        } <= urls(staff_a)
        facilitator_urls = urls(facilitator)
        assert reverse("rollout:board") in facilitator_urls
        assert reverse("rollout:plan") not in facilitator_urls
        assert reverse("rollout:review") not in facilitator_urls
        assert reverse("rollout:plan") in urls(ministry_admin)


class TestAdmin:
    @pytest.fixture
    def ministry_staff(self, ministry_admin):
        ministry_admin.is_staff = True
        ministry_admin.save()
        ministry_admin.groups.add(ministry_group_sync())
        return ministry_admin

    def test_ministry_group_has_template_permissions(self, world):
        codenames = set(ministry_group_sync().permissions.values_list("codename", flat=True))
        assert {
            "change_templateversion",
            "add_activity",
            "change_planitem",
            "change_clubrollout",
        } <= codenames
        assert "delete_templateversion" not in codenames

    def test_clone_publish_and_move(
        self, login, world, ministry_staff, v1, django_capture_on_commit_callbacks
    ):
        client = login(ministry_staff)
        changelist = reverse("admin:rollout_templateversion_changelist")
        assert client.get(changelist).status_code == 200
        assert (
            client.get(reverse("admin:rollout_templateversion_change", args=[v1.pk])).status_code
            == 200
        )
        client.post(changelist, {"action": "clone_as_draft", "_selected_action": [v1.pk]})
        v2 = TemplateVersion.objects.get(number=2)
        assert not v2.is_published
        client.post(changelist, {"action": "publish", "_selected_action": [v2.pk]})
        v2.refresh_from_db()
        assert v2.is_published
        rollout_ensure_club(world.club_a1)  # follows v2 now
        club_on_v1 = ClubRollout.objects.create(club=world.club_b1, version=v1)
        set_status(world.club_b1, "s01-a01", ProgressStatus.VERIFIED)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(changelist, {"action": "move_all_clubs", "_selected_action": [v2.pk]})
        club_on_v1.refresh_from_db()
        assert club_on_v1.version == v2
        assert (
            ActivityProgress.objects.get(
                club=world.club_b1, activity__code="s01-a01", activity__strategy__phase__version=v2
            ).status
            == ProgressStatus.VERIFIED
        )

    def test_published_version_is_read_only(self, login, world, ministry_staff, v1):
        client = login(ministry_staff)
        url = reverse("admin:rollout_templateversion_change", args=[v1.pk])
        client.post(
            url, {"number": 9, "title": "تغییر", "phases-TOTAL_FORMS": 0, "phases-INITIAL_FORMS": 0}
        )
        v1.refresh_from_db()
        assert v1.number == 1
        # nor are the strategies of a published version
        strategy_url = reverse(
            "admin:rollout_strategy_change", args=[v1.phases.first().strategies.first().pk]
        )
        response = client.get(strategy_url)
        assert response.status_code == 200
        assert 'name="title"' not in response.content.decode()


def test_move_task_is_idempotent(world, v1):
    rollout_ensure_club(world.club_a1)
    assert tasks.move_clubs_to_version.delay(v1.pk).get() == 0


def test_phase_labels_are_cached_and_cleared_on_publish(world, v1, django_assert_num_queries):
    from clubs.rollout import selectors
    from clubs.rollout.services import template_version_clone, template_version_publish

    first = selectors.phase_labels()
    with django_assert_num_queries(0):
        assert selectors.phase_labels() == first
    v2 = template_version_clone(source=v1, number=2, title="نسخه ۲")
    v2.phases.filter(number=1).update(title="برنامه‌ریزی")
    template_version_publish(version=v2)
    assert selectors.phase_labels()[1] == "فاز ۱: برنامه‌ریزی"
