from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import PortalForm
from core.periods import JalaliMonth, months_between, period_from_key
from reports.models import NationMonthSummary
from reports.selectors import university_dashboards

NATIONAL = "national"


def period_choices(today=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every month and season from the first summarized month (or a year back) to the
    one in progress, newest first, grouped for a <select>."""
    today = today or timezone.localdate()
    current = JalaliMonth.of(today)
    first_key = NationMonthSummary.objects.order_by("month").values_list("month", flat=True).first()
    first = JalaliMonth.from_key(first_key) if first_key else current
    year_back = JalaliMonth(current.year - 1, current.month)
    first = min(first, year_back)
    months = list(reversed(months_between(first, current)))
    seasons = []
    season = current.season
    while season.end >= first.start:
        seasons.append(season)
        season = season.previous()
    return [
        (str(_("ماه")), [(m.key, m.label) for m in months]),
        (str(_("فصل")), [(s.key, s.label) for s in seasons]),
    ]


class ReportRequestForm(PortalForm):
    """Ask for the monitoring report of a university (or the nation) for a period."""

    scope = forms.ChoiceField(label=_("محدوده"))
    period = forms.ChoiceField(label=_("دوره (ماه یا فصل)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = []
        if user.has_role(Role.MINISTRY_ADMIN):
            choices.append((NATIONAL, _("کل کشور")))
        self.universities = {
            str(u.pk): u for u in university_dashboards(user).order_by("name").distinct()
        }
        choices += [(pk, u.name) for pk, u in self.universities.items()]
        self.fields["scope"].choices = choices
        self.fields["period"].choices = period_choices()

    def clean_period(self):
        try:
            return period_from_key(self.cleaned_data["period"])
        except ValueError as exc:
            raise forms.ValidationError(_("دوره انتخاب‌شده درست نیست.")) from exc

    def clean_scope(self):
        value = self.cleaned_data["scope"]
        if value == NATIONAL:
            return None
        return self.universities[value].pk
