"""Form → database → page, through the one conversion layer."""

import datetime as dt

import pytest
from django.template import Context, Template

from clubs.models import Club
from core.forms import JalaliDateField, PortalForm, PortalModelForm


class ClubDatesForm(PortalModelForm):
    class Meta:
        model = Club
        fields = ["name", "neighborhood", "founded_on", "opened_on"]


@pytest.mark.django_db
def test_jalali_round_trip_form_db_page(world):
    form = ClubDatesForm(
        data={
            "name": "كانون سلامت محله ي",  # Arabic kaf and yeh
            "neighborhood": str(world.neighborhood_a1.pk),
            "founded_on": "۱۴۰۲/۱۲/۲۹",  # last day before Nowruz, Persian digits
            "opened_on": "١٤٠٣/٠١/٠١",  # Nowruz, Arabic-Indic digits
        }
    )
    assert form.is_valid(), form.errors
    club = form.save()
    club.refresh_from_db()
    assert club.name == "کانون سلامت محله ی"
    assert club.founded_on == dt.date(2024, 3, 19)
    assert club.opened_on == dt.date(2024, 3, 20)

    page = Template("{{ c.founded_on|jdate }} | {{ c.opened_on|jdate:'long' }}").render(
        Context({"c": club})
    )
    assert page == "۱۴۰۲/۱۲/۲۹ | ۱ فروردین ۱۴۰۳"

    # Shown again in an edit form, the date comes back in Jalali.
    edit = ClubDatesForm(instance=club)
    assert 'value="۱۴۰۲/۱۲/۲۹"' in str(edit["founded_on"])


@pytest.mark.django_db
def test_invalid_jalali_date_gets_a_persian_error(world):
    form = ClubDatesForm(
        data={
            "name": "x",
            "neighborhood": str(world.neighborhood_a1.pk),
            "founded_on": "1402/12/30",
        }
    )
    assert not form.is_valid()
    assert "وجود ندارد" in form.errors["founded_on"][0]


def test_numbers_typed_in_persian_are_read():
    from django import forms

    class CountForm(PortalForm):
        count = forms.IntegerField()
        share = forms.DecimalField()
        day = JalaliDateField()

    form = CountForm(data={"count": "۱٬۲۰۰", "share": "۱۲٫۵", "day": "۱۴۰۳/۰۱/۱۵"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["count"] == 1200
    assert str(form.cleaned_data["share"]) == "12.5"
    assert form.cleaned_data["day"] == dt.date(2024, 4, 3)


def test_passwords_are_not_normalized():
    from django import forms

    class SecretForm(PortalForm):
        secret = forms.CharField(widget=forms.PasswordInput)

    form = SecretForm(data={"secret": "رمز۱۲۳ي"})
    assert form.is_valid()
    assert form.cleaned_data["secret"] == "رمز۱۲۳ي"
