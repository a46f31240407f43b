"""The region loader against the real data shipped by django-iranian-cities."""

import csv

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from regions import services
from regions.models import County, MedicalUniversity, Province


@pytest.fixture
def loaded(db):
    call_command("load_regions", verbosity=0)


@pytest.mark.django_db
class TestLoadRegions:
    def test_counts(self, loaded):
        assert Province.objects.count() == 31
        assert County.objects.count() == 448
        assert MedicalUniversity.objects.count() == 62

    def test_every_county_is_served_by_one_university_of_its_own_province(self, loaded):
        assert not County.objects.filter(university__isnull=True).exists()
        mismatched = County.objects.exclude(university__province=F("province"))
        assert not mismatched.exists()

    def test_every_university_serves_counties(self, loaded):
        assert not MedicalUniversity.objects.annotate(n=Count("counties")).filter(n=0).exists()

    def test_codes_are_zero_padded_statistical_codes(self, loaded):
        assert Province.objects.get(code="06").name == "خوزستان"
        assert Province.objects.get(code="00").name == "مرکزی"
        assert County.objects.get(code="0601").name == "آبادان"
        assert County.objects.get(code="0001").name == "اراک"
        assert all(len(code) == 4 for code in County.objects.values_list("code", flat=True))

    def test_tehran_is_split_between_three_universities(self, loaded):
        tehran = Province.objects.get(code="23")
        serving = {
            county.name: county.university.code
            for county in tehran.counties.select_related("university")
        }
        assert set(serving.values()) == {"tums", "sbmu", "iums"}
        assert serving["شهریار"] == "iums"
        assert serving["شمیرانات"] == "sbmu"
        assert serving["اسلامشهر"] == "tums"

    def test_names_are_normalized(self, loaded):
        assert not County.objects.filter(name__contains="ي").exists()
        assert not County.objects.filter(name__contains="ك").exists()

    def test_running_twice_changes_nothing(self, loaded):
        before = list(
            County.objects.order_by("code").values_list(
                "code", "name", "province_id", "university_id"
            )
        )
        result = services.regions_load()
        assert not result.changed
        after = list(
            County.objects.order_by("code").values_list(
                "code", "name", "province_id", "university_id"
            )
        )
        assert before == after

    def test_an_admins_reassignment_survives_a_reload(self, loaded):
        county = County.objects.get(code="2310")
        county.university = MedicalUniversity.objects.get(code="iums")
        county.save()
        services.regions_load()
        assert County.objects.get(code="2310").university.code == "iums"
        services.regions_load(reset_universities=True)
        assert County.objects.get(code="2310").university.code == "tums"


def test_a_county_claimed_twice_is_refused(tmp_path, monkeypatch):
    source = services.UNIVERSITIES_CSV.read_text(encoding="utf-8").splitlines()
    rows = [row for row in csv.DictReader(source) if row["province_code"] == "23"]
    rows.append({"code": "dup", "name": "دوبار", "province_code": "23", "county_codes": "2301"})
    target = tmp_path / "universities.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(services, "UNIVERSITIES_CSV", target)
    with pytest.raises(ValueError, match="2301"):
        services.university_assignments(
            {"23": [c for row in rows for c in row["county_codes"].split()]}
        )


def test_a_county_nobody_serves_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "universities.csv"
    target.write_text("code,name,province_code,county_codes\nx,دانشگاه,23,2301\n", encoding="utf-8")
    monkeypatch.setattr(services, "UNIVERSITIES_CSV", target)
    with pytest.raises(ValueError, match="2302 has no university"):
        services.university_assignments({"23": ["2301", "2302"]})
