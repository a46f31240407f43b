"""Spreadsheet import and export in the portal: preview, every bad row named with its
line and reason, nothing written unless every row is valid, scope, Jalali dates."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clubs.models import Club, Membership, Person
from core import jalali
from tests.clubs.factories import MembershipFactory, PersonFactory, valid_national_code

HEADERS = [
    "کد ملی",
    "نام",
    "نام خانوادگی",
    "جنسیت",
    "سال تولد",
    "تلفن همراه",
    "تاریخ عضویت",
    "رضایت به تماس",
    "مهارت‌ها و علاقه‌مندی‌ها",
]


def member_row(n: int, **overrides):
    row = {
        "کد ملی": valid_national_code(1000 + n),
        "نام": f"نام{n}",
        "نام خانوادگی": "احمدی",
        "جنسیت": "زن" if n % 2 else "مرد",
        "سال تولد": 1360 + n % 40,
        "تلفن همراه": f"0912{n:07d}",
        "تاریخ عضویت": "1403/01/15",
        "رضایت به تماس": "بله",
        "مهارت‌ها و علاقه‌مندی‌ها": "",
    }
    row.update(overrides)
    return row


def xlsx_file(rows, headers=None, name="members.xlsx"):
    headers = headers or list(rows[0].keys())
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, headers=None, name="members.csv", encoding="utf-8-sig"):
    headers = headers or list(rows[0].keys())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    text = buffer.getvalue()
    if encoding == "cp1256":  # an old Windows program writes Arabic yeh and kaf
        text = text.replace("ی", "ي").replace("ک", "ك")
    return SimpleUploadedFile(name, text.encode(encoding))


def upload(client, url, file):
    return client.post(url, {"file": file})


def confirm(client, url, response):
    token = response.context["token"]
    assert token
    return client.post(url, {"token": token})


@pytest.mark.django_db
class TestMemberImport:
    def url(self, club):
        return reverse("clubs:club_member_import", args=[club.pk])

    def test_200_row_xlsx_previews_then_imports(self, login, world, facilitator):
        client = login(facilitator)
        rows = [member_row(n) for n in range(200)]
        rows[5]["کد ملی"] = rows[5]["کد ملی"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        rows[6]["تاریخ عضویت"] = "۱۴۰۳/۰۲/۰۱"
        rows[7]["تلفن همراه"] = "+98 912 000 0007"
        preview = upload(client, self.url(world.club_a1), xlsx_file(rows))
        assert preview.status_code == 200
        assert preview.context["preview"].ok
        assert preview.context["preview"].new == 200
        assert not Membership.objects.exists()  # a dry run writes nothing
        done = confirm(client, self.url(world.club_a1), preview)
        assert done.status_code == 302
        assert Membership.objects.filter(club=world.club_a1).count() == 200
        assert Person.objects.get(
            first_name="نام6"
        ).memberships.get().joined_on == jalali.parse_date("1403/02/01")
        assert Person.objects.get(first_name="نام7").mobile == "09120000007"
        # Confirming twice is not possible: the file is gone.
        again = client.post(self.url(world.club_a1), {"token": preview.context["token"]})
        assert again.status_code == 302
        assert Membership.objects.count() == 200

    def test_csv_import(self, login, world, staff_a):
        client = login(staff_a)
        preview = upload(
            client, self.url(world.club_a1), csv_file([member_row(n) for n in range(12)])
        )
        assert preview.context["preview"].ok
        confirm(client, self.url(world.club_a1), preview)
        assert Membership.objects.filter(club=world.club_a1).count() == 12

    def test_windows_1256_csv_is_read(self, login, world, staff_a):
        client = login(staff_a)
        rows = [member_row(n, **{"نام": "مريم", "نام خانوادگی": "كريمي"}) for n in range(2)]
        file = csv_file(rows, encoding="cp1256")
        preview = upload(client, self.url(world.club_a1), file)
        assert preview.context["preview"].ok
        confirm(client, self.url(world.club_a1), preview)
        assert set(Person.objects.values_list("first_name", flat=True)) == {"مریم"}

    def test_one_bad_row_writes_nothing_and_is_named(self, login, world, facilitator):
        client = login(facilitator)
        rows = [member_row(n) for n in range(10)]
        rows[3]["کد ملی"] = "0499370898"  # bad checksum: file line 5
        preview = upload(client, self.url(world.club_a1), xlsx_file(rows))
        result = preview.context["preview"]
        assert not result.ok
        assert [p.line for p in result.problems] == [5]
        assert "کد ملی" in result.problems[0].messages[0]
        assert "معتبر نیست" in result.problems[0].messages[0]
        assert preview.context["token"] == ""
        page = preview.content.decode()
        assert "ردیف ۵" in page
        assert 'data-testid="confirm-import"' not in page
        assert not Membership.objects.exists() and not Person.objects.exists()

    def test_every_bad_row_is_listed_with_its_reason(self, login, world, facilitator):
        MembershipFactory(
            club=world.club_a1, person=PersonFactory(national_code=valid_national_code(1000 + 9))
        )
        rows = [member_row(n) for n in range(10)]
        rows[0]["تلفن همراه"] = "12345"  # line 2
        rows[1]["تاریخ عضویت"] = "1403/13/01"  # line 3
        rows[2]["جنسیت"] = "نامعلوم"  # line 4
        rows[4]["کد ملی"] = rows[3]["کد ملی"]  # line 6: duplicate of line 5
        rows[5]["نام"] = ""  # line 7
        rows[6]["تاریخ عضویت"] = jalali.format_date(
            dt.date.today() + dt.timedelta(days=3), digits="en"
        )  # line 8
        # line 11: rows[9] is already a current member -> an update, fine
        preview = upload(login(facilitator), self.url(world.club_a1), xlsx_file(rows))
        problems = {p.line: " ".join(p.messages) for p in preview.context["preview"].problems}
        assert sorted(problems) == [2, 3, 4, 6, 7, 8]
        assert "شماره همراه" in problems[2]
        assert "تاریخ" in problems[3]
        assert "زن" in problems[4]
        assert "تکراری" in problems[6] and "۵" in problems[6]
        assert "نام" in problems[7]
        assert "آینده" in problems[8]
        assert Membership.objects.count() == 1

    def test_existing_member_is_updated(self, login, world, facilitator):
        existing = MembershipFactory(
            club=world.club_a1, person=PersonFactory(national_code=valid_national_code(1000))
        )
        client = login(facilitator)
        rows = [member_row(0, **{"مهارت‌ها و علاقه‌مندی‌ها": "آشپزی"}), member_row(1)]
        preview = upload(client, self.url(world.club_a1), xlsx_file(rows))
        assert (preview.context["preview"].new, preview.context["preview"].updated) == (1, 1)
        confirm(client, self.url(world.club_a1), preview)
        existing.refresh_from_db()
        assert existing.skills == "آشپزی"
        assert Membership.objects.count() == 2

    def test_missing_columns_are_named(self, login, world, facilitator):
        rows = [{"کد ملی": valid_national_code(1), "نام": "a"}]
        preview = upload(login(facilitator), self.url(world.club_a1), xlsx_file(rows))
        errors = " ".join(preview.context["preview"].file_errors)
        assert "نام خانوادگی" in errors and "تاریخ عضویت" in errors
        assert not Membership.objects.exists()

    def test_not_a_spreadsheet(self, login, world, facilitator):
        response = upload(
            login(facilitator), self.url(world.club_a1), SimpleUploadedFile("x.pdf", b"%PDF")
        )
        assert "file" in response.context["form"].errors
        response = upload(
            login(facilitator), self.url(world.club_a1), SimpleUploadedFile("x.xlsx", b"not a zip")
        )
        assert "file" in response.context["form"].errors

    def test_a_token_from_another_user_or_import_is_refused(
        self, login, world, facilitator, staff_a
    ):
        client = login(facilitator)
        preview = upload(client, self.url(world.club_a1), xlsx_file([member_row(1)]))
        token = preview.context["token"]
        # Another user who may import into the same club cannot use the token.
        other = login(staff_a)
        assert other.post(self.url(world.club_a1), {"token": token}).status_code == 302
        assert not Membership.objects.exists()
        # Nor the same user on another import page, nor a forged token.
        client = login(facilitator)
        client.post(reverse("clubs:member_import"), {"token": token})
        client.post(self.url(world.club_a1), {"token": "../../etc/passwd"})
        assert not Membership.objects.exists()
        assert client.post(self.url(world.club_a1), {"token": token}).status_code == 302
        assert Membership.objects.count() == 1

    @pytest.mark.parametrize(
        "user_fixture", ["club_secretary", "ministry_admin", "staff_b", "county_secretariat"]
    )
    def test_who_may_not_import_or_export_a_club(self, request, login, world, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        assert client.get(self.url(world.club_a1)).status_code == 404
        assert (
            client.get(
                reverse("clubs:club_member_export", args=[world.club_a1.pk, "xlsx"])
            ).status_code
            == 404
        )

    @pytest.mark.parametrize("user_fixture", ["club_secretary", "ministry_admin", "outsider"])
    def test_who_may_not_use_the_data_pages(self, request, login, world, user_fixture):
        client = login(request.getfixturevalue(user_fixture))
        for name in ["data_hub", "member_import", "club_import"]:
            assert client.get(reverse(f"clubs:{name}")).status_code == 403
        assert client.get(reverse("clubs:member_export", args=["csv"])).status_code == 403


@pytest.mark.django_db
class TestUniversityWideMemberImport:
    URL = reverse("clubs:member_import")

    def test_rows_go_to_their_clubs_and_scope_is_checked(self, login, world, staff_a):
        client = login(staff_a)
        rows = [
            {"شناسه کانون": world.club_a1.pk, **member_row(1)},
            {"نام کانون": world.club_a2.name, **member_row(2)},
            {"شناسه کانون": world.club_b1.pk, **member_row(3)},  # another university: line 4
            {"نام کانون": "کانون ناموجود", **member_row(4)},  # line 5
        ]
        headers = ["شناسه کانون", "نام کانون", *HEADERS]
        preview = upload(client, self.URL, xlsx_file(rows, headers))
        problems = {p.line: " ".join(p.messages) for p in preview.context["preview"].problems}
        assert sorted(problems) == [4, 5]
        assert "در محدوده شما نیست" in problems[4]
        assert "پیدا نشد" in problems[5]
        assert not Membership.objects.exists()
        preview = upload(client, self.URL, xlsx_file(rows[:2], headers))
        confirm(client, self.URL, preview)
        assert set(Membership.objects.values_list("club_id", flat=True)) == {
            world.club_a1.pk,
            world.club_a2.pk,
        }

    def test_facilitator_cannot_import_into_another_club(self, login, world, facilitator):
        rows = [{"شناسه کانون": world.club_a2.pk, **member_row(1)}]
        preview = upload(login(facilitator), self.URL, xlsx_file(rows, ["شناسه کانون", *HEADERS]))
        assert "در محدوده شما نیست" in preview.context["preview"].problems[0].messages[0]
        assert not Membership.objects.exists()


@pytest.mark.django_db
class TestExport:
    def test_members_export_is_scoped_with_jalali_dates(self, login, world, staff_a):
        MembershipFactory(
            club=world.club_a1,
            joined_on=dt.date(2024, 4, 3),
            person=PersonFactory(first_name="الف"),
        )
        MembershipFactory(club=world.club_b1, person=PersonFactory(first_name="ب"))
        left = MembershipFactory(club=world.club_a2, person=PersonFactory(first_name="ج"))
        left.left_on = dt.date(2024, 9, 1)
        left.save()
        response = login(staff_a).get(reverse("clubs:member_export", args=["csv"]))
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["نام"] for r in rows] == ["الف"]
        assert rows[0]["تاریخ عضویت"] == "1403/01/15"
        assert rows[0]["شناسه کانون"] == str(world.club_a1.pk)

    def test_xlsx_round_trip(self, login, world, facilitator):
        people = [PersonFactory(first_name=f"نفر{n}") for n in range(5)]
        for person in people:
            MembershipFactory(
                club=world.club_a1, person=person, joined_on=dt.date(2025, 3, 20), skills="ورزش"
            )
        client = login(facilitator)
        export = client.get(reverse("clubs:club_member_export", args=[world.club_a1.pk, "xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
        values = list(sheet.values)
        assert values[0][:3] == ("شناسه کانون", "نام کانون", "کد ملی")
        dates = {row[values[0].index("تاریخ عضویت")] for row in values[1:]}
        assert dates == {"1403/12/30"}  # 30 Esfand 1403, a leap day
        # Edit one cell and import the same file back: five updates, nothing new.
        book = openpyxl.load_workbook(io.BytesIO(export.content))
        book.active.cell(row=2, column=values[0].index("مهارت‌ها و علاقه‌مندی‌ها") + 1, value="نقاشی")
        buffer = io.BytesIO()
        book.save(buffer)
        url = reverse("clubs:club_member_import", args=[world.club_a1.pk])
        preview = upload(client, url, SimpleUploadedFile("back.xlsx", buffer.getvalue()))
        assert (preview.context["preview"].new, preview.context["preview"].updated) == (0, 5)
        confirm(client, url, preview)
        assert Membership.objects.count() == 5
        assert set(Membership.objects.values_list("joined_on", flat=True)) == {dt.date(2025, 3, 20)}
        skills = sorted(Membership.objects.values_list("skills", flat=True))
        assert skills == ["نقاشی", "ورزش", "ورزش", "ورزش", "ورزش"]

    def test_unknown_format_is_404(self, login, world, staff_a):
        assert login(staff_a).get(reverse("clubs:member_export", args=["pdf"])).status_code == 404


@pytest.mark.django_db
class TestClubImport:
    URL = reverse("clubs:club_import")
    HEADERS = [
        "شناسه کانون",
        "نام کانون",
        "شهرستان",
        "محله",
        "وضعیت",
        "تاریخ تشکیل",
        "تاریخ افتتاحیه",
        "سازمان‌های همکار",
    ]

    def row(self, world, **overrides):
        return {
            "نام کانون": "کانون تازه",
            "شهرستان": world.county_a1.name,
            "محله": world.neighborhood_a1.name,
            "وضعیت": "در حال تشکیل",
            "تاریخ تشکیل": "1403/01/10",
            "تاریخ افتتاحیه": "۱۴۰۳/۰۲/۰۱",
            "سازمان‌های همکار": "خیریه نمونه، سمن نمونه",
            **overrides,
        }

    def test_create_and_update_clubs(self, login, world, staff_a):
        client = login(staff_a)
        rows = [
            self.row(world),
            self.row(
                world,
                **{
                    "شناسه کانون": world.club_a2.pk,
                    "نام کانون": "قائمیه نو",
                    "شهرستان": world.county_a2.name,
                    "محله": world.neighborhood_a2.name,
                    "وضعیت": "فعال",
                },
            ),
        ]
        preview = upload(client, self.URL, xlsx_file(rows, self.HEADERS, "clubs.xlsx"))
        assert preview.context["preview"].ok, preview.context["preview"].problems
        assert (preview.context["preview"].new, preview.context["preview"].updated) == (1, 1)
        confirm(client, self.URL, preview)
        new = Club.objects.get(name="کانون تازه")
        assert new.opened_on == jalali.parse_date("1403/02/01")
        assert sorted(p.name for p in new.partners.all()) == ["خیریه نمونه", "سمن نمونه"]
        world.club_a2.refresh_from_db()
        assert (world.club_a2.name, world.club_a2.status) == ("قائمیه نو", "active")

    def test_club_or_neighborhood_outside_scope(self, login, world, staff_a):
        rows = [
            self.row(
                world, **{"شهرستان": world.county_b1.name, "محله": world.neighborhood_b1.name}
            ),
            self.row(world, **{"شناسه کانون": world.club_b1.pk, "نام کانون": "x"}),
            self.row(world, **{"محله": "محله ناموجود"}),
        ]
        preview = upload(login(staff_a), self.URL, xlsx_file(rows, self.HEADERS, "clubs.xlsx"))
        problems = {p.line: " ".join(p.messages) for p in preview.context["preview"].problems}
        assert sorted(problems) == [2, 3, 4]
        assert "در محدوده شما پیدا نشد" in problems[2]
        assert "در محدوده شما نیست" in problems[3]
        assert not Club.objects.filter(name="کانون تازه").exists()

    def test_export_round_trip(self, login, world, staff_a):
        Club.objects.filter(pk=world.club_a1.pk).update(
            opened_on=dt.date(2024, 4, 3), founded_on=dt.date(2024, 3, 20)
        )
        client = login(staff_a)
        export = client.get(reverse("clubs:club_export", args=["csv"]))
        rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
        assert {r["نام کانون"] for r in rows} == {world.club_a1.name, world.club_a2.name}
        row = next(r for r in rows if r["نام کانون"] == world.club_a1.name)
        assert (row["تاریخ افتتاحیه"], row["تاریخ تشکیل"], row["وضعیت"]) == (
            "1403/01/15",
            "1403/01/01",
            "فعال",
        )
        preview = upload(client, self.URL, SimpleUploadedFile("clubs.csv", export.content))
        assert preview.context["preview"].ok
        assert preview.context["preview"].updated == 2
        confirm(client, self.URL, preview)
        world.club_a1.refresh_from_db()
        assert world.club_a1.opened_on == dt.date(2024, 4, 3)

    def test_facilitator_may_not_import_clubs(self, login, world, facilitator):
        assert login(facilitator).get(self.URL).status_code == 403
        assert (
            login(facilitator).get(reverse("clubs:club_export", args=["xlsx"])).status_code == 403
        )


def test_line_numbers_match_the_file():
    from core.tabular_import import FormRowResource

    assert re.search(r"line", FormRowResource.sheet_row.__doc__)
    assert FormRowResource.sheet_row(None, 1) == 2
