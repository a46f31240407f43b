"""Evidence: uploaded photos and PDFs (type and size checked, Persian errors, kept
private under MEDIA_ROOT, served only to users in scope) and links to records."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clubs.models import MeetingKind
from clubs.rollout.models import ActivityEvidence, ActivityProgress, EvidenceKind, ProgressStatus
from clubs.rollout.services import rollout_ensure_club

from .conftest import set_status
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def item(club, code="s04-a01"):
    rollout_ensure_club(club)
    return ActivityProgress.objects.get(club=club, activity__code=code)


def upload_url(progress):
    return reverse("rollout:evidence_upload", args=[progress.club_id, progress.pk])


def upload(client, progress, name, content, content_type="application/octet-stream"):
    return client.post(
        upload_url(progress),
        {"file": SimpleUploadedFile(name, content, content_type=content_type), "note": "عکس جلسه"},
    )


class TestUpload:
    def test_photo_is_stored_privately_and_served_to_scope(
        self, login, world, facilitator, staff_a, staff_b, outsider, client, evidence_media
    ):
        progress = item(world.club_a1)
        response = upload(login(facilitator), progress, "جلسه.png", PNG, "image/png")
        assert response.status_code == 302
        evidence = ActivityEvidence.objects.get()
        assert evidence.kind == EvidenceKind.FILE
        assert (evidence.content_type, evidence.size, evidence.original_name) == (
            "image/png",
            len(PNG),
            "جلسه.png",
        )
        stored = Path(evidence.file.path)
        assert stored.is_relative_to(evidence_media / "private" / "rollout" / "evidence")
        assert stored.read_bytes() == PNG
        assert "جلسه" not in stored.name  # random name, not guessable
        with pytest.raises(NotImplementedError):
            evidence.file.url  # noqa: B018 - never a public media URL
        url = reverse("rollout:evidence_download", args=[evidence.pk])
        response = login(staff_a).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("inline")
        assert login(staff_b).get(url).status_code == 404
        assert login(outsider).get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 302
        assert progress.events.filter(kind="evidence_added").exists()

    def test_pdf_is_accepted(self, login, world, facilitator, evidence_media):
        response = upload(login(facilitator), item(world.club_a1), "گزارش.PDF", PDF)
        assert response.status_code == 302
        evidence = ActivityEvidence.objects.get()
        assert evidence.content_type == "application/pdf"
        download = login(facilitator).get(reverse("rollout:evidence_download", args=[evidence.pk]))
        assert download["Content-Disposition"].startswith("attachment")  # never inline
        assert b"".join(download.streaming_content) == PDF

    def test_too_large_is_refused_in_persian(
        self, login, world, facilitator, settings, evidence_media
    ):
        settings.ROLLOUT_EVIDENCE_MAX_BYTES = 50
        response = upload(login(facilitator), item(world.club_a1), "big.png", PNG)
        assert response.status_code == 400
        assert "حجم فایل «big.png» بیش از" in response.content.decode()
        assert not ActivityEvidence.objects.exists()

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("page.html", b"<html><script>alert(1)</script>", "نوع فایل «page.html» پذیرفته نیست"),
            ("tool.exe", b"MZ\x90\x00", "نوع فایل «tool.exe» پذیرفته نیست"),
            ("fake.pdf", b"<html>not a pdf</html>", "محتوای فایل «fake.pdf» با پسوند آن نمی‌خواند"),
            ("photo.jpg", PNG, "محتوای فایل «photo.jpg» با پسوند آن نمی‌خواند"),
            ("empty.png", b"", "خالی است"),
        ],
    )
    def test_wrong_files_are_refused_in_persian(
        self, login, world, facilitator, evidence_media, name, content, message
    ):
        response = upload(login(facilitator), item(world.club_a1), name, content, "image/png")
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not ActivityEvidence.objects.exists()
        assert not (evidence_media / "private").exists() or not any(
            (evidence_media / "private").rglob("*.*")
        )

    @pytest.mark.parametrize(
        ("user_fixture", "status"),
        [("ministry_admin", 403), ("county_secretariat", 403), ("staff_b", 404), ("outsider", 404)],
    )
    def test_who_may_not_upload(self, request, login, world, evidence_media, user_fixture, status):
        response = upload(
            login(request.getfixturevalue(user_fixture)), item(world.club_a1), "a.png", PNG
        )
        assert response.status_code == status
        assert not ActivityEvidence.objects.exists()

    def test_delete_removes_the_file(
        self, login, world, facilitator, evidence_media, django_capture_on_commit_callbacks
    ):
        progress = item(world.club_a1)
        client = login(facilitator)
        upload(client, progress, "a.png", PNG)
        evidence = ActivityEvidence.objects.get()
        path = Path(evidence.file.path)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(
                    "rollout:evidence_delete", args=[world.club_a1.pk, progress.pk, evidence.pk]
                )
            )
        assert response.status_code == 302
        assert not ActivityEvidence.objects.exists()
        assert not path.exists()

    def test_evidence_of_a_verified_item_stays(self, login, world, facilitator, evidence_media):
        progress = item(world.club_a1)
        upload(login(facilitator), progress, "a.png", PNG)
        set_status(world.club_a1, "s04-a01", ProgressStatus.VERIFIED)
        evidence = ActivityEvidence.objects.get()
        response = login(facilitator).post(
            reverse("rollout:evidence_delete", args=[world.club_a1.pk, progress.pk, evidence.pk])
        )
        assert response.status_code == 403
        assert ActivityEvidence.objects.exists()


class TestLinks:
    def url(self, progress):
        return reverse("rollout:evidence_link", args=[progress.club_id, progress.pk])

    def test_link_a_meeting_of_the_club(self, login, world, facilitator):
        meeting = MeetingFactory(club=world.club_a1, kind=MeetingKind.ORIENTATION)
        progress = item(world.club_a1)
        response = login(facilitator).post(self.url(progress), {"meeting": meeting.pk})
        assert response.status_code == 302
        evidence = progress.evidence.get()
        assert (evidence.kind, evidence.meeting) == (EvidenceKind.MEETING, meeting)
        page = login(facilitator).get(reverse("rollout:item", args=[world.club_a1.pk, progress.pk]))
        assert "جلسه توجیهی" in page.content.decode()

    def test_another_clubs_meeting_is_not_a_choice(self, login, world, facilitator):
        meeting = MeetingFactory(club=world.club_b1)
        progress = item(world.club_a1)
        response = login(facilitator).post(self.url(progress), {"meeting": meeting.pk})
        assert response.status_code == 400
        assert not progress.evidence.exists()

    def test_exactly_one_record(self, login, world, facilitator):
        response = login(facilitator).post(self.url(item(world.club_a1)), {})
        assert response.status_code == 400
        assert "یک مورد را انتخاب کنید" in response.content.decode()

    def test_any_record_fits_the_generic_slot(self, world, facilitator):
        """The slot the surveys app fills (a survey response): here, a neighborhood."""
        from clubs.rollout.services import evidence_link

        progress = item(world.club_a1, "s01-a01")
        evidence = evidence_link(progress=progress, by=facilitator, record=world.neighborhood_a1)
        assert evidence.kind == EvidenceKind.RECORD
        assert evidence.record == world.neighborhood_a1
        assert (
            evidence_link(progress=progress, by=facilitator, record=world.neighborhood_a1)
            == evidence
        )
