"""Results match numbers computed by hand; they follow the user's scope and the
region filter; the XLSX exports carry the same numbers."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import Response
from surveys.selectors import campaign_results
from tests.surveys import factories as sf


@pytest.fixture
def answered(world, campaign, facilitator, facilitator_b1):
    """Four responses in club A1, one in B1, one draft (never counted).

    color: red, red, blue, green | blue       age: 20, 30, 40, 50 | 60
    satisfaction: 5, 4, 4, 2 | 1              foods: [rice, bread], [rice], [fish], [rice, fish] | [bread]
    smoker: yes(10), no, no, yes(20) | no
    """
    rows = [
        ("red", 20, "5", ["rice", "bread"], "yes", 10),
        ("red", 30, "4", ["rice"], "no", None),
        ("blue", 40, "4", ["fish"], "no", None),
        ("green", 50, "2", ["rice", "fish"], "yes", 20),
    ]
    for color, age, satisfaction, foods, smoker, cigarettes in rows:
        values = sf.valid_values(
            color=color, age=age, satisfaction=satisfaction, foods=foods, smoker=smoker
        )
        if cigarettes:
            values["cigarettes"] = cigarettes
        sf.answer(campaign, world.club_a1, facilitator, values)
    sf.answer(
        campaign,
        world.club_b1,
        facilitator_b1,
        sf.valid_values(color="blue", age=60, satisfaction="1", foods=["bread"], smoker="no"),
    )
    sf.answer(
        campaign, world.club_a1, facilitator, sf.valid_values(color="green", age=99), submit=False
    )
    return campaign


def by_name(results):
    return {s.question.name: s for s in results.summaries()}


def options(summary):
    return {
        o.value: (o.count, round(o.share, 4) if o.share is not None else None)
        for o in summary.options
    }


@pytest.mark.django_db
class TestHandComputed:
    def test_whole_campaign(self, answered):
        results = campaign_results(answered, Response.objects.all())
        summaries = by_name(results)
        assert results.responses == 5
        assert options(summaries["color"]) == {"red": (2, 0.4), "green": (1, 0.2), "blue": (2, 0.4)}
        assert summaries["age"].answered == 5
        assert summaries["age"].mean == Decimal(40)
        assert (summaries["age"].minimum, summaries["age"].maximum) == (20, 60)
        assert [(d.label, d.count) for d in summaries["age"].distribution] == [
            ("۲۰", 1),
            ("۳۰", 1),
            ("۴۰", 1),
            ("۵۰", 1),
            ("۶۰", 1),
        ]
        likert = summaries["satisfaction"]
        assert likert.mean == Decimal("3.2")  # (5+4+4+2+1)/5
        assert options(likert) == {
            "1": (1, 0.2),
            "2": (1, 0.2),
            "3": (0, 0.0),
            "4": (2, 0.4),
            "5": (1, 0.2),
        }
        assert [o.label for o in likert.options] == [
            "کاملاً مخالفم",
            "مخالفم",
            "نظری ندارم",
            "موافقم",
            "کاملاً موافقم",
        ]
        # Multiple choice: shares of respondents, so they add up to more than 100%.
        assert options(summaries["foods"]) == {
            "rice": (3, 0.6),
            "bread": (2, 0.4),
            "fish": (2, 0.4),
        }
        assert options(summaries["smoker"]) == {"yes": (2, 0.4), "no": (3, 0.6)}
        # A conditional question counts only those who were shown it.
        assert summaries["cigarettes"].answered == 2
        assert summaries["cigarettes"].mean == Decimal(15)
        assert summaries["full_name"].samples == ["مریم"] * 5

    def test_staff_of_university_a_see_only_their_clubs(self, login, answered, staff_a):
        response = login(staff_a).get(reverse("surveys:campaign_results", args=[answered.pk]))
        summaries = by_name(response.context["results"])
        assert response.context["results"].responses == 4
        assert summaries["age"].mean == Decimal(35)
        assert options(summaries["color"]) == {
            "red": (2, 0.5),
            "green": (1, 0.25),
            "blue": (1, 0.25),
        }
        assert summaries["satisfaction"].mean == Decimal("3.75")

    def test_staff_of_university_b(self, login, answered, staff_b):
        response = login(staff_b).get(reverse("surveys:campaign_results", args=[answered.pk]))
        assert response.context["results"].responses == 1
        assert by_name(response.context["results"])["age"].mean == Decimal(60)

    def test_region_filter(self, login, world, answered, ministry_admin):
        client = login(ministry_admin)
        url = reverse("surveys:campaign_results", args=[answered.pk])
        assert (
            client.get(url, {"university": world.university_b.pk}).context["results"].responses == 1
        )
        assert client.get(url, {"county": world.county_a1.pk}).context["results"].responses == 4
        assert client.get(url, {"county": world.county_a2.pk}).context["results"].responses == 0
        assert client.get(url, {"club": world.club_b1.pk}).context["results"].responses == 1
        assert client.get(url, {"province": world.province_1.pk}).context["results"].responses == 4

    def test_filter_outside_scope_is_refused(self, login, world, answered, staff_a):
        response = login(staff_a).get(
            reverse("surveys:campaign_results", args=[answered.pk]), {"county": world.county_b1.pk}
        )
        assert "county" in response.context["filters"].errors
        assert response.context["results"].responses == 4  # the filter is ignored, scope stays

    def test_page_shows_persian_numbers_and_chart_data(self, login, answered, ministry_admin):
        page = (
            login(ministry_admin)
            .get(reverse("surveys:campaign_results", args=[answered.pk]))
            .content.decode()
        )
        assert "۵ پاسخ ثبت‌شده" in page
        assert "٪۴۰٫۰" in page
        assert 'id="chart-color"' in page
        assert "vendor/chartjs/chart.umd.min.js" in page


@pytest.mark.django_db
class TestExports:
    def test_raw_responses_are_scoped(self, login, answered, ministry_admin, staff_a):
        url = reverse("surveys:campaign_responses_export", args=[answered.pk])
        book = load_workbook(io.BytesIO(login(ministry_admin).get(url).content))
        rows = list(book.worksheets[0].values)
        assert len(rows) == 1 + 5
        header = rows[0]
        color = header.index("رنگ دلخواه")
        foods = header.index("خوراک‌ها")
        assert sorted(r[color] for r in rows[1:]) == ["آبی", "آبی", "سبز", "قرمز", "قرمز"]
        assert "برنج، نان" in [r[foods] for r in rows[1:]]
        book = load_workbook(io.BytesIO(login(staff_a).get(url).content))
        assert len(list(book.worksheets[0].values)) == 1 + 4

    def test_summary_export(self, login, answered, staff_a):
        url = reverse("surveys:campaign_results_export", args=[answered.pk])
        response = login(staff_a).get(url)
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
        assert ("پاسخ‌های ثبت‌شده", 4) in [r[:2] for r in rows]
        red = next(r for r in rows if r[0] == "color" and r[3] == "قرمز")
        assert (red[4], red[5]) == (2, 50.0)
        mean = next(r for r in rows if r[0] == "satisfaction" and r[3] == "میانگین (۱ تا ۵)")
        assert mean[6] == 3.75


@pytest.mark.django_db
def test_club_filter_waits_for_a_county_when_there_are_many(
    login, world, answered, ministry_admin, monkeypatch
):
    from surveys.forms import RegionFilterForm

    monkeypatch.setattr(RegionFilterForm, "CLUB_CHOICES_LIMIT", 2)
    client = login(ministry_admin)
    url = reverse("surveys:campaign_results", args=[answered.pk])
    assert list(client.get(url).context["filters"].fields["club"].queryset) == []
    filters = client.get(url, {"county": world.county_b1.pk}).context["filters"]
    assert list(filters.fields["club"].queryset) == [world.club_b1]
