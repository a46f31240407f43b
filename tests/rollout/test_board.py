"""The university board (clubs × 12 strategies) and its XLSX export."""

import datetime as dt
import os
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from clubs.rollout.models import BoardExport, ExportStatus, ProgressStatus
from clubs.rollout.services import (
    board_export_cleanup,
    board_export_run,
    rollout_ensure_club,
    rollout_refresh_summary,
)
from tests import factories as f

from .conftest import complete_phases, set_status

pytestmark = pytest.mark.django_db

BOARD = reverse("rollout:board")
EXPORT = reverse("rollout:board_export")


def shown(response):
    return {row.club.pk for row in response.context["rows"]}


class TestBoardScope:
    @pytest.mark.parametrize(
        ("user_fixture", "expected"),
        [
            ("ministry_admin", {"club_a1", "club_a2", "club_b1"}),
            ("staff_a", {"club_a1", "club_a2"}),
            ("staff_b", {"club_b1"}),
            ("province_secretariat", {"club_a1", "club_a2"}),
            ("county_secretariat", {"club_a1"}),
            ("facilitator", {"club_a1"}),
            ("club_secretary", {"club_a1"}),
            ("outsider", set()),
        ],
    )
    def test_each_role_sees_its_clubs(self, request, login, world, user_fixture, expected):
        response = login(request.getfixturevalue(user_fixture)).get(BOARD)
        assert response.status_code == 200
        assert shown(response) == {getattr(world, name).pk for name in expected}

    def test_anonymous_goes_to_login(self, client, world):
        assert client.get(BOARD).status_code == 302

    def test_ministry_filters_by_university(self, login, world, ministry_admin):
        response = login(ministry_admin).get(BOARD, {"university": world.university_b.pk})
        assert shown(response) == {world.club_b1.pk}

    def test_staff_have_no_university_filter_and_cannot_reach_others(self, login, world, staff_a):
        response = login(staff_a).get(BOARD, {"county": world.county_b1.pk})
        assert "university" not in response.context["filters"].fields
        # another university's county is not a valid choice: the filter is ignored
        assert shown(response) == {world.club_a1.pk, world.club_a2.pk}

    def test_filter_by_county_and_phase(self, login, world, staff_a):
        complete_phases(world.club_a2, 1)
        rollout_refresh_summary(rollout_ensure_club(world.club_a1))
        client = login(staff_a)
        assert shown(client.get(BOARD, {"county": world.county_a1.pk})) == {world.club_a1.pk}
        assert shown(client.get(BOARD, {"phase": 2})) == {world.club_a2.pk}
        # phase 1 includes clubs the sync has not reached yet
        f.ClubFactory(neighborhood=world.neighborhood_a1, name="کانون تازه")
        assert len(shown(client.get(BOARD, {"phase": 1}))) == 2


class TestBoardCells:
    def test_cells_show_numbers_and_link_to_the_strategy(self, login, world, staff_a):
        set_status(world.club_a1, "s05-a01", ProgressStatus.VERIFIED)
        set_status(world.club_a1, "s05-a02", ProgressStatus.DONE)
        response = login(staff_a).get(BOARD)
        row = next(r for r in response.context["rows"] if r.club == world.club_a1)
        cell = row.cells[4]
        assert cell.strategy_number == 5
        assert (cell.applicable, cell.done, cell.verified, cell.band) == (3, 2, 1, "partial")
        page = response.content.decode()
        checklist = reverse("rollout:checklist", args=[world.club_a1.pk])
        assert f'href="{checklist}#strategy-5"' in page
        assert "کانون دروازه غار، راهبرد ۵: ۲ از ۳ انجام شده، ۱ تأیید شده" in page
        assert "٪۶۷" in page  # the percent is written in the cell, not only coloured

    def test_complete_verified_strategy_band(self, login, world, staff_a):
        complete_phases(world.club_a1, 1)
        response = login(staff_a).get(BOARD)
        row = next(r for r in response.context["rows"] if r.club == world.club_a1)
        assert [c.band for c in row.cells[:4]] == ["verified", "verified", "verified", "none"]
        assert row.current_phase == 2


class TestBoardQueries:
    def make_clubs(self, world, n, start=0):
        for i in range(start, start + n):
            club = f.ClubFactory(neighborhood=world.neighborhood_a2, name=f"کانون آزمایشی {i}")
            set_status(club, "s01-a01", ProgressStatus.DONE)

    def count(self, client, **params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(BOARD, params)
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    def test_constant_in_the_number_of_clubs_on_the_page(
        self, login, world, staff_a, ministry_admin, django_assert_max_num_queries
    ):
        client = login(staff_a)
        client.get(BOARD)
        self.make_clubs(world, 3)
        few, rows_few = self.count(client)
        self.make_clubs(world, 20, start=3)
        many, rows_many = self.count(client)
        assert (rows_few, rows_many) == (5, 25)
        assert few == many
        with django_assert_max_num_queries(12):
            client.get(BOARD, {"page": 2})
        admin = login(ministry_admin)
        admin.get(BOARD)
        with django_assert_max_num_queries(13):
            admin.get(BOARD, {"university": world.university_a.pk})


class TestExport:
    def rows(self, response):
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )
        sheet = load_workbook(BytesIO(response.content)).active
        return [list(r) for r in sheet.iter_rows(values_only=True)]

    def test_staff_export_their_clubs_with_progress(self, login, world, staff_a):
        complete_phases(world.club_a2, 1)
        set_status(world.club_a1, "s05-a01", ProgressStatus.DONE)
        rows = self.rows(login(staff_a).get(EXPORT))
        header, data = rows[0], rows[1:]
        assert header[:4] == ["دانشگاه", "شهرستان", "محله", "کانون"]
        assert len(header) == 11 + 12 + 12 + 1
        by_club = {row[3]: dict(zip(header, row, strict=True)) for row in data}
        assert set(by_club) == {"کانون دروازه غار", "کانون قائمیه"}
        a2 = by_club["کانون قائمیه"]
        assert a2["فاز جاری (تأیید دانشگاه)"].startswith("فاز ۲")
        assert a2["درصد تأییدشده"] == round(14 / 44 * 100, 1)
        strategy1 = next(h for h in header if h.startswith("راهبرد 1: مطالعات پایه"))
        assert a2[strategy1] == 100
        a1 = by_club["کانون دروازه غار"]
        assert a1["فاز جاری (تأیید دانشگاه)"].startswith("فاز ۱")
        assert a1["در انتظار تأیید"] == 1
        assert a1["راهبرد 5 — درصد تأیید"] == 0

    def test_export_is_scoped_and_filtered(
        self, login, world, staff_b, ministry_admin, facilitator
    ):
        for club in (world.club_a1, world.club_a2, world.club_b1):
            rollout_ensure_club(club)
        assert [r[3] for r in self.rows(login(staff_b).get(EXPORT))[1:]] == ["کانون گلشهر"]
        assert [r[3] for r in self.rows(login(facilitator).get(EXPORT))[1:]] == ["کانون دروازه غار"]
        rows = self.rows(login(ministry_admin).get(EXPORT, {"county": world.county_a2.pk}))
        assert [r[3] for r in rows[1:]] == ["کانون قائمیه"]
        assert len(self.rows(login(ministry_admin).get(EXPORT))) == 4

    def test_outsider_gets_an_empty_sheet(self, login, world, outsider):
        assert len(self.rows(login(outsider).get(EXPORT))) == 1


class TestQueuedExport:
    """Beyond a few thousand clubs the export runs in a worker (eager in tests)."""

    def test_large_export_is_queued_and_only_its_owner_downloads_it(
        self,
        login,
        world,
        ministry_admin,
        staff_a,
        settings,
        evidence_media,
        django_capture_on_commit_callbacks,
    ):
        settings.ROLLOUT_SYNC_EXPORT_LIMIT = 0
        complete_phases(world.club_b1, 1)
        client = login(ministry_admin)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(EXPORT, {"university": world.university_b.pk})
        export = BoardExport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("rollout:export_detail", args=[export.pk])
        assert export.status == ExportStatus.DONE
        assert export.params == {
            "university": world.university_b.pk,
            "county": None,
            "phase": None,
            "q": "",
        }
        assert export.row_count == 1
        page = client.get(response["Location"])
        assert 'data-status="done"' in page.content.decode()
        download = client.get(reverse("rollout:export_download", args=[export.pk]))
        assert download.status_code == 200
        sheet = load_workbook(BytesIO(b"".join(download.streaming_content))).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert [r[3] for r in rows[1:]] == ["کانون گلشهر"]
        assert rows[1][5].startswith("فاز ۲")
        other = login(staff_a)
        assert other.get(reverse("rollout:export_detail", args=[export.pk])).status_code == 404
        assert other.get(reverse("rollout:export_download", args=[export.pk])).status_code == 404

    def test_the_worker_scopes_to_the_requester(self, world, staff_b, evidence_media):
        export = BoardExport.objects.create(requested_by=staff_b, params={})
        export = board_export_run(export_id=export.pk)
        assert export.row_count == 1
        sheet = load_workbook(export.file.path).active
        assert [r[3] for r in list(sheet.iter_rows(values_only=True))[1:]] == ["کانون گلشهر"]

    def test_old_exports_are_cleaned_up(self, world, staff_b, evidence_media):
        export = board_export_run(
            export_id=BoardExport.objects.create(requested_by=staff_b, params={}).pk
        )
        path = export.file.path
        assert board_export_cleanup() == 0
        assert board_export_cleanup(now=timezone.now() + dt.timedelta(days=8)) == 1
        assert not BoardExport.objects.exists()
        assert not os.path.exists(path)
