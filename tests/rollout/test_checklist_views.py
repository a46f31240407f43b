"""The club checklist and its items: who may see, edit, verify and send back."""

import pytest
from django.urls import reverse

from clubs.rollout.models import ActivityProgress, ClubRollout, ProgressEventKind, ProgressStatus
from clubs.rollout.services import rollout_ensure_club

from .conftest import set_status

pytestmark = pytest.mark.django_db


def checklist_url(club):
    return reverse("rollout:checklist", args=[club.pk])


def item_url(progress, name="rollout:item"):
    return reverse(name, args=[progress.club_id, progress.pk])


def item(club, code):
    rollout_ensure_club(club)
    return ActivityProgress.objects.get(club=club, activity__code=code)


class TestChecklist:
    def test_anonymous_goes_to_login(self, client, world):
        response = client.get(checklist_url(world.club_a1))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize(
        ("user_fixture", "status"),
        [
            ("ministry_admin", 200),
            ("staff_a", 200),
            ("staff_b", 404),
            ("province_secretariat", 200),
            ("county_secretariat", 200),
            ("facilitator", 200),
            ("club_secretary", 200),
            ("outsider", 404),
        ],
    )
    def test_who_sees_club_a1(self, request, login, world, user_fixture, status):
        response = login(request.getfixturevalue(user_fixture)).get(checklist_url(world.club_a1))
        assert response.status_code == status

    def test_first_visit_builds_the_checklist_from_portal_data(self, login, world, facilitator):
        world.club_a1.opened_on = world.club_a1.created_at.date()
        world.club_a1.save()
        response = login(facilitator).get(checklist_url(world.club_a1))
        assert response.status_code == 200
        assert ClubRollout.objects.filter(club=world.club_a1).exists()
        page = response.content.decode()
        assert "انتخاب دبیر و جانشین" in page
        assert 'id="strategy-5"' in page
        assert item(world.club_a1, "s04-a03").status == ProgressStatus.DONE
        assert "پیشنهاد خودکار" in page
        assert response.context["current_phase_label"].startswith("فاز ۱:")

    def test_sent_back_items_are_listed_with_the_comment(self, login, world, facilitator, staff_a):
        progress = set_status(world.club_a1, "s02-a01", ProgressStatus.DONE)
        login(staff_a).post(
            item_url(progress, "rollout:item_send_back"), {"comment": "صورتجلسه امضا ندارد"}
        )
        response = login(facilitator).get(checklist_url(world.club_a1))
        assert [i.pk for i in response.context["sent_back"]] == [progress.pk]
        assert "صورتجلسه امضا ندارد" in response.content.decode()

    def test_query_budget(self, login, world, staff_a, django_assert_max_num_queries):
        client = login(staff_a)
        client.get(checklist_url(world.club_a1))
        with django_assert_max_num_queries(14):
            assert client.get(checklist_url(world.club_a1)).status_code == 200


class TestItemEdit:
    def data(self, **overrides):
        return {
            "status": "in_progress",
            "not_applicable_reason": "",
            "started_on": "۱۴۰۳/۰۲/۱۰",
            "completed_on": "",
            "responsible": "خانم كريمي",
            "notes": "",
            **overrides,
        }

    def test_facilitator_edits_with_persian_input(self, login, world, facilitator):
        progress = item(world.club_a1, "s01-a01")
        response = login(facilitator).post(item_url(progress), self.data())
        assert response.status_code == 302
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.IN_PROGRESS
        assert progress.started_on.isoformat() == "2024-04-29"
        assert progress.responsible == "خانم کریمی"  # Arabic ي/ك normalized
        assert progress.events.get().actor == facilitator

    def test_not_applicable_without_reason_is_refused_in_persian(self, login, world, facilitator):
        progress = item(world.club_a1, "s01-a01")
        response = login(facilitator).post(item_url(progress), self.data(status="not_applicable"))
        assert response.status_code == 200
        assert "برای «موضوعیت ندارد» دلیل را بنویسید." in response.content.decode()
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.NOT_STARTED

    def test_completed_before_started_is_refused(self, login, world, facilitator):
        progress = item(world.club_a1, "s01-a01")
        response = login(facilitator).post(
            item_url(progress), self.data(status="done", completed_on="1403/01/01")
        )
        assert "تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد." in response.content.decode()

    @pytest.mark.parametrize(
        ("user_fixture", "status"),
        [
            ("ministry_admin", 403),
            ("province_secretariat", 403),
            ("county_secretariat", 403),
            ("staff_b", 404),
            ("outsider", 404),
        ],
    )
    def test_others_may_not_edit(self, request, login, world, user_fixture, status):
        progress = item(world.club_a1, "s01-a01")
        response = login(request.getfixturevalue(user_fixture)).post(
            item_url(progress), self.data()
        )
        assert response.status_code == status
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.NOT_STARTED

    def test_verified_item_is_locked_for_the_facilitator(self, login, world, facilitator):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.VERIFIED)
        client = login(facilitator)
        page = client.get(item_url(progress))
        assert page.context["locked"]
        assert 'data-testid="progress-form"' not in page.content.decode()
        assert client.post(item_url(progress), self.data()).status_code == 403
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.VERIFIED

    def test_another_clubs_item_through_this_club_is_404(self, login, world, facilitator):
        other = item(world.club_a2, "s01-a01")
        url = reverse("rollout:item", args=[world.club_a1.pk, other.pk])
        assert login(facilitator).get(url).status_code == 404


class TestVerifyAndSendBack:
    def test_staff_verify(self, login, world, staff_a):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        response = login(staff_a).post(item_url(progress, "rollout:item_verify"), {"comment": ""})
        assert response.status_code == 302
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.VERIFIED
        assert progress.verified_by == staff_a
        event = progress.events.get(kind=ProgressEventKind.VERIFIED)
        assert (event.old_status, event.new_status, event.actor) == ("done", "verified", staff_a)

    def test_staff_send_back_with_comment(self, login, world, staff_a):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        response = login(staff_a).post(
            item_url(progress, "rollout:item_send_back"), {"comment": "عکس‌ها واضح نیست"}
        )
        assert response.status_code == 302
        progress.refresh_from_db()
        assert progress.sent_back
        assert progress.sent_back_comment == "عکس‌ها واضح نیست"
        assert progress.status == ProgressStatus.IN_PROGRESS

    def test_send_back_without_comment_is_refused_in_persian(self, login, world, staff_a):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        response = login(staff_a).post(
            item_url(progress, "rollout:item_send_back"), {"comment": ""}
        )
        assert response.status_code == 400
        assert "برای بازگرداندن، توضیح بنویسید." in response.content.decode()
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.DONE and not progress.sent_back

    def test_verifying_an_unfinished_item_changes_nothing(self, login, world, staff_a):
        progress = item(world.club_a1, "s01-a01")
        response = login(staff_a).post(item_url(progress, "rollout:item_verify"), follow=True)
        assert "فقط فعالیتی که «انجام شد» ثبت شده است تأییدکردنی است." in response.content.decode()
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.NOT_STARTED

    @pytest.mark.parametrize(
        ("user_fixture", "status"),
        [
            ("facilitator", 403),
            ("club_secretary", 403),
            ("ministry_admin", 403),
            ("province_secretariat", 403),
            ("county_secretariat", 403),
            ("staff_b", 404),
            ("outsider", 404),
        ],
    )
    def test_who_may_not(self, request, login, world, user_fixture, status):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        client = login(request.getfixturevalue(user_fixture))
        assert client.post(item_url(progress, "rollout:item_verify")).status_code == status
        assert (
            client.post(item_url(progress, "rollout:item_send_back"), {"comment": "x"}).status_code
            == status
        )
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.DONE and not progress.sent_back

    def test_anonymous_and_get_are_refused(self, client, login, world, staff_a):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        assert client.post(item_url(progress, "rollout:item_verify")).status_code == 302
        assert login(staff_a).get(item_url(progress, "rollout:item_verify")).status_code == 405
        progress.refresh_from_db()
        assert progress.status == ProgressStatus.DONE

    def test_next_must_stay_on_the_site(self, login, world, staff_a):
        progress = set_status(world.club_a1, "s01-a01", ProgressStatus.DONE)
        response = login(staff_a).post(
            item_url(progress, "rollout:item_verify"), {"next": "https://evil.example/"}
        )
        assert response["Location"].startswith(
            reverse("rollout:checklist", args=[world.club_a1.pk])
        )


class TestReviewQueue:
    URL = reverse("rollout:review")

    def test_staff_see_their_universitys_waiting_items(self, login, world, staff_a):
        mine = set_status(world.club_a2, "s01-a01", ProgressStatus.DONE)
        set_status(world.club_b1, "s01-a01", ProgressStatus.DONE)
        set_status(world.club_a1, "s01-a02", ProgressStatus.VERIFIED)
        response = login(staff_a).get(self.URL)
        assert [i.pk for i in response.context["page"]] == [mine.pk]

    @pytest.mark.parametrize("user_fixture", ["facilitator", "ministry_admin", "outsider"])
    def test_others_are_refused(self, request, login, world, user_fixture):
        assert login(request.getfixturevalue(user_fixture)).get(self.URL).status_code == 403

    def test_query_budget(self, login, world, staff_a, django_assert_max_num_queries):
        for club in (world.club_a1, world.club_a2):
            for code in ("s01-a01", "s01-a02", "s01-a03", "s02-a01"):
                set_status(club, code, ProgressStatus.DONE)
        client = login(staff_a)
        with django_assert_max_num_queries(12):
            response = client.get(self.URL)
        assert response.context["page"].paginator.count == 8


class TestSync:
    def test_editor_triggers_a_sync(self, login, world, facilitator):
        world.club_a1.opened_on = world.club_a1.created_at.date()
        world.club_a1.save()
        response = login(facilitator).post(reverse("rollout:club_sync", args=[world.club_a1.pk]))
        assert response.status_code == 302
        assert item(world.club_a1, "s04-a03").status == ProgressStatus.DONE

    def test_readers_may_not(self, login, world, ministry_admin):
        url = reverse("rollout:club_sync", args=[world.club_a1.pk])
        assert login(ministry_admin).post(url).status_code == 403
