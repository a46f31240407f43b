from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import PortalForm
from core.periods import JalaliMonth, JalaliSeason, period_from_key
from reports.selectors import university_dashboards

NATIONAL = "national"


def recent_periods(today=None, months: int = 24, seasons: int = 8) -> list[tuple[str, str]]:
    """Complete or current months and seasons, newest first, as (key, label)."""
    today = today or timezone.localdate()
    choices = []
    month = JalaliMonth.of(today)
    for _i in range(months):
        choices.append((month.key, month.label))
        month = month.previous()
    season = JalaliSeason.of(today)
    for _i in range(seasons):
        choices.append((season.key, season.label))
        season = season.previous()
    return choices


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
        self.fields["period"].choices = recent_periods()

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
