"""The universities' one-year action plan: staff edit their own, ministry admins see
every university, nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clubs.rollout.models import PlanEvidence, PlanItem, PlanStatus, UniversityPlanEntry
from tests import factories as f

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("rollout:plan")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def university_url(university):
    return reverse("rollout:plan_university", args=[university.pk])


def item_url(university, item):
    return reverse("rollout:plan_item", args=[university.pk, item.pk])


@pytest.fixture
def item():
    return PlanItem.objects.get(code="standards-indicators")


DATA = {
    "status": "done",
    "started_on": "۱۴۰۳/۰۴/۰۱",
    "due_on": "1403/06/31",
    "completed_on": "۱۴۰۳/۰۵/۱۵",
    "notes": "شاخص‌ها در کارگاه تدوین شد",
}


class TestStaff:
    def test_overview_opens_their_university(self, login, world, staff_a):
        response = login(staff_a).get(OVERVIEW)
        assert response.status_code == 302
        assert response["Location"] == university_url(world.university_a)

    def test_university_page_lists_areas_and_step_one(self, login, world, staff_a):
        response = login(staff_a).get(university_url(world.university_a))
        assert response.status_code == 200
        page = response.content.decode()
        assert "پایش و ارزشیابی استقرار مدل" in page
        assert "گام اول: برنامه اجرایی ویژه مجریان در تابستان ۱۳۹۷" in page
        assert page.count('data-testid="plan-item"') == 15
        assert response.context["can_edit"]

    def test_staff_edit_their_own(self, login, world, staff_a, item):
        response = login(staff_a).post(item_url(world.university_a, item), DATA)
        assert response.status_code == 302
        entry = UniversityPlanEntry.objects.get(university=world.university_a, item=item)
        assert entry.status == PlanStatus.DONE
        assert entry.started_on.isoformat() == "2024-06-21"
        assert entry.completed_on.isoformat() == "2024-08-05"
        assert entry.updated_by == staff_a

    def test_bad_dates_are_refused_in_persian(self, login, world, staff_a, item):
        response = login(staff_a).post(
            item_url(world.university_a, item), {**DATA, "completed_on": "1403/03/01"}
        )
        assert response.status_code == 400
        assert "تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد." in response.content.decode()
        assert not UniversityPlanEntry.objects.filter(status=PlanStatus.DONE).exists()

    def test_other_university_is_404(self, login, world, staff_b, item):
        client = login(staff_b)
        assert client.get(university_url(world.university_a)).status_code == 404
        assert client.post(item_url(world.university_a, item), DATA).status_code == 404
        assert not UniversityPlanEntry.objects.exists()

    def test_evidence_upload_and_scope(
        self, login, world, staff_a, staff_b, ministry_admin, item, evidence_media
    ):
        client = login(staff_a)
        response = client.post(
            item_url(world.university_a, item),
            {"action": "upload", "file": SimpleUploadedFile("صورتجلسه.pdf", PDF)},
        )
        assert response.status_code == 302
        evidence = PlanEvidence.objects.get()
        url = reverse("rollout:plan_evidence_download", args=[evidence.pk])
        assert client.get(url).status_code == 200
        assert login(ministry_admin).get(url).status_code == 200
        assert login(staff_b).get(url).status_code == 404
        bad = login(staff_a).post(
            item_url(world.university_a, item),
            {"action": "upload", "file": SimpleUploadedFile("a.docx", b"PK\x03\x04")},
        )
        assert bad.status_code == 400
        assert "پذیرفته نیست" in bad.content.decode()
        assert PlanEvidence.objects.count() == 1


class TestMinistry:
    def test_all_universities_in_one_table(self, login, world, ministry_admin, staff_a, item):
        login(staff_a).post(item_url(world.university_a, item), DATA)
        response = login(ministry_admin).get(OVERVIEW)
        assert response.status_code == 200
        rows = {row["university"].pk: row for row in response.context["rows"]}
        assert set(rows) == {world.university_a.pk, world.university_b.pk}
        assert rows[world.university_a.pk]["done"] == 1
        assert rows[world.university_b.pk]["done"] == 0
        assert response.context["item_count"] == 15

    def test_ministry_reads_but_does_not_edit(self, login, world, ministry_admin, item):
        client = login(ministry_admin)
        page = client.get(item_url(world.university_a, item))
        assert page.status_code == 200
        assert not page.context["can_edit"]
        assert client.post(item_url(world.university_a, item), DATA).status_code == 403
        assert not UniversityPlanEntry.objects.exists()

    def test_overview_query_budget(
        self, login, world, ministry_admin, django_assert_max_num_queries
    ):
        client = login(ministry_admin)
        client.get(OVERVIEW)
        for _ in range(10):
            f.UniversityFactory(province=world.province_1)
        with django_assert_max_num_queries(12):
            response = client.get(OVERVIEW)
        assert len(response.context["rows"]) == 12


@pytest.mark.parametrize(
    "user_fixture",
    ["province_secretariat", "county_secretariat", "facilitator", "club_secretary", "outsider"],
)
def test_others_are_refused(request, login, world, user_fixture, item):
    client = login(request.getfixturevalue(user_fixture))
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(university_url(world.university_a)).status_code == 404
    assert client.post(item_url(world.university_a, item), DATA).status_code == 404
