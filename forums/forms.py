"""Forms of the forums pages. They parse and validate input; the services write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.models import Meeting, Membership, ThematicTopic
from core import jalali
from core.forms import JalaliDateField, PortalForm, PortalModelForm
from core.text import persian_digits
from forums.models import (
    OPEN_ISSUE_STATUSES,
    ForumLevel,
    ForumSession,
    Issue,
    IssueSource,
    IssueStatus,
    Seat,
)
from forums.services import REFERRAL_DAYS

SCORE_CHOICES = [(n, persian_digits(n)) for n in range(1, 6)]
SCORE_HELP = {
    "severity": _("۱ کم‌اهمیت تا ۵ بسیار جدی"),
    "reach": _("۱ چند نفر تا ۵ بیشتر اهالی محله"),
    "feasibility": _("۱ دشوار تا ۵ با امکانات موجود شدنی"),
}


def _score_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=SCORE_CHOICES, coerce=int, initial=3)


class ScoresMixin(forms.Form):
    severity = _score_field(_("شدت"))
    reach = _score_field(_("گستره (تعداد افراد درگیر)"))
    feasibility = _score_field(_("امکان‌پذیری حل"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, text in SCORE_HELP.items():
            self.fields[name].help_text = text


class IssueRaiseForm(ScoresMixin, PortalForm):
    title = forms.CharField(label=_("عنوان مسئله"), max_length=250)
    description = forms.CharField(
        label=_("شرح"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    category = forms.ModelChoiceField(
        label=_("حوزه موضوعی"), queryset=ThematicTopic.objects.filter(is_active=True)
    )
    source_kind = forms.ChoiceField(
        label=_("منبع"), choices=IssueSource.choices, initial=IssueSource.FORUM_SESSION
    )
    source_session = forms.ModelChoiceField(
        label=_("جلسه مجمع"), queryset=ForumSession.objects.none(), required=False
    )
    source_meeting = forms.ModelChoiceField(
        label=_("جلسه کانون"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("جلسات شش ماه گذشته کانون‌های این محله"),
    )
    source_description = forms.CharField(
        label=_("شرح منبع"),
        max_length=300,
        required=False,
        help_text=_("مثلاً: پیشنهاد خانم رضایی در جلسه کانون، یا یافته نیازسنجی پاییز"),
    )
    owner_name = forms.CharField(label=_("مسئول پیگیری"), max_length=150, required=False)
    due_on = JalaliDateField(label=_("مهلت"), required=False)

    field_order = [
        "title",
        "description",
        "category",
        "severity",
        "reach",
        "feasibility",
        "source_kind",
        "source_session",
        "source_meeting",
        "source_description",
        "owner_name",
        "due_on",
    ]

    def __init__(self, *args, forum, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sessions = forum.sessions.all()
        self.fields["source_session"].queryset = sessions
        self.fields["source_session"].label_from_instance = lambda session: (
            _("جلسه %(date)s") % {"date": jalali.format_date(session.held_on, style="long")}
        )
        if not sessions.exists():
            self.fields["source_kind"].initial = IssueSource.MEMBER
        if forum.level == ForumLevel.NEIGHBORHOOD:
            since = timezone.localdate() - dt.timedelta(days=183)
            self.fields["source_meeting"].queryset = (
                Meeting.objects.for_user(user)
                .filter(club__neighborhood_id=forum.neighborhood_id, held_on__gte=since)
                .select_related("club")
            )
            self.fields["source_meeting"].label_from_instance = lambda meeting: (
                f"{meeting.get_kind_display()} — {meeting.club} — "
                f"{jalali.format_date(meeting.held_on)}"
            )
        else:
            del self.fields["source_meeting"]

    def clean(self):
        data = super().clean()
        kind = data.get("source_kind")
        if kind == IssueSource.FORUM_SESSION and not data.get("source_session"):
            self.add_error("source_session", _("جلسه‌ای را که مسئله در آن مطرح شد انتخاب کنید."))
        if kind == IssueSource.CLUB_MEETING and not data.get("source_meeting"):
            if "source_meeting" in self.fields:
                self.add_error(
                    "source_meeting", _("جلسه کانونی را که مسئله در آن مطرح شد انتخاب کنید.")
                )
            else:
                self.add_error("source_kind", _("جلسه کانون فقط منبع مسائل مجمع محله است."))
        return data


class PriorityForm(ScoresMixin, PortalForm):
    note = forms.CharField(
        label=_("یادداشت"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NoteForm(PortalForm):
    """Start work / accept: an optional note, owner and due date."""

    note = forms.CharField(
        label=_("یادداشت"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner_name = forms.CharField(label=_("مسئول پیگیری"), max_length=150, required=False)
    due_on = JalaliDateField(label=_("مهلت"), required=False)

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("مهلت نمی‌تواند پیش از امروز باشد."))
        return due_on


class ResolveForm(PortalForm):
    resolution = forms.CharField(label=_("شرح راه‌حل"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferForm(PortalForm):
    reason = forms.CharField(
        label=_("دلیل ارجاع به سطح بالاتر"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("چرا این مسئله در این سطح حل‌شدنی نیست؟"),
    )
    due_on = JalaliDateField(
        label=_("مهلت بررسی در سطح بالاتر"),
        required=False,
        help_text=_("اگر خالی بماند، %(days)s روز از امروز.") % {"days": REFERRAL_DAYS},
    )

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on <= timezone.localdate():
            raise forms.ValidationError(_("مهلت بررسی در سطح بالاتر باید پس از امروز باشد."))
        return due_on


class ReturnForm(PortalForm):
    guidance = forms.CharField(
        label=_("رهنمود برای مجمع سطح پایین‌تر"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(PortalForm):
    issues = forms.ModelMultipleChoiceField(
        label=_("مسائل برای ادغام"),
        queryset=Issue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("عنوان مسئله ادغامی"), max_length=250)
    description = forms.CharField(
        label=_("شرح"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, forum, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = forum.current_issues.filter(
            status__in=OPEN_ISSUE_STATUSES
        ).select_related("origin_forum")
        self.fields["issues"].label_from_instance = lambda issue: (
            f"{issue.title} — {issue.origin_forum}"
        )

    def clean_issues(self):
        issues = self.cleaned_data["issues"]
        if len(issues) < 2:
            raise forms.ValidationError(_("دست‌کم دو مسئله را برای ادغام انتخاب کنید."))
        return issues


class SeatForm(PortalModelForm):
    class Meta:
        model = Seat
        fields = ["kind", "person_name", "membership", "organization", "term_start", "term_end"]

    def __init__(self, *args, forum, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if forum.level == ForumLevel.NEIGHBORHOOD:
            self.fields["membership"].queryset = (
                Membership.objects.for_user(user)
                .current()
                .filter(club__neighborhood_id=forum.neighborhood_id)
                .select_related("person", "club")
            )
        else:
            del self.fields["membership"]
        if not self.instance.pk:
            self.fields["term_start"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("پایان دوره باید پس از آغاز آن باشد."))
        return data


class SessionForm(PortalModelForm):
    class Meta:
        model = ForumSession
        fields = [
            "held_on",
            "place",
            "agenda",
            "agenda_issues",
            "attendees",
            "guests",
            "minutes",
            "decisions",
        ]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
            "attendees": forms.CheckboxSelectMultiple,
            "agenda_issues": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, forum, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = forum.seats.all()
        self.fields["attendees"].label_from_instance = lambda seat: (
            f"{seat.person_name} — {seat.get_kind_display()}"
        )
        self.fields["agenda_issues"].queryset = (
            Issue.objects.filter(stops__forum=forum)
            .exclude(status=IssueStatus.MERGED)
            .order_by("-priority", "pk")
        )
        if not self.instance.pk:
            self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("تاریخ جلسه نمی‌تواند در آینده باشد."))
        return held_on


class PolicyForm(PortalForm):
    title = forms.CharField(label=_("عنوان مصوبه"), max_length=250)
    reference_number = forms.CharField(label=_("شماره ابلاغ"), max_length=50, required=False)
    approved_on = JalaliDateField(label=_("تاریخ تصویب"))
    session = forms.ModelChoiceField(
        label=_("جلسه تصویب"), queryset=ForumSession.objects.none(), required=False
    )
    body = forms.CharField(label=_("متن مصوبه"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, forum, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = forum.sessions.all()
        self.fields["session"].label_from_instance = lambda session: (
            _("جلسه %(date)s") % {"date": jalali.format_date(session.held_on, style="long")}
        )
        self.fields["approved_on"].initial = timezone.localdate()

    def clean_approved_on(self):
        approved_on = self.cleaned_data["approved_on"]
        if approved_on > timezone.localdate():
            raise forms.ValidationError(_("تاریخ تصویب نمی‌تواند در آینده باشد."))
        return approved_on


class AcknowledgeForm(PortalForm):
    adaptation = forms.CharField(
        label=_("تطبیق با اولویت‌های محلی"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("این سیاست در این مجمع چگونه و با چه اقداماتی به کار گرفته می‌شود؟"),
    )


class IssueFilterForm(PortalForm):
    status = forms.ChoiceField(
        label=_("وضعیت"),
        required=False,
        choices=[("", _("همه")), ("open", _("باز")), *IssueStatus.choices],
    )
    level = forms.ChoiceField(
        label=_("سطح طرح"), required=False, choices=[("", _("همه")), *ForumLevel.choices]
    )
    category = forms.ModelChoiceField(
        label=_("حوزه موضوعی"),
        queryset=ThematicTopic.objects.all(),
        required=False,
        empty_label=_("همه"),
    )
    overdue = forms.BooleanField(label=_("فقط مهلت‌گذشته"), required=False)

    def filter(self, issues, today: dt.date | None = None):
        if not self.is_valid():
            return issues
        data = self.cleaned_data
        if data.get("status") == "open":
            issues = issues.open()
        elif data.get("status"):
            issues = issues.filter(status=data["status"])
        if data.get("level"):
            issues = issues.filter(origin_forum__level=data["level"])
        if data.get("category"):
            issues = issues.filter(category=data["category"])
        if data.get("overdue"):
            issues = issues.overdue(today)
        return issues


class ForumFilterForm(PortalForm):
    level = forms.ChoiceField(
        label=_("سطح"), required=False, choices=[("", _("همه")), *ForumLevel.choices]
    )
    q = forms.CharField(label=_("جستجو"), required=False, max_length=100)
    mine = forms.BooleanField(label=_("فقط مجامعی که دبیرخانه آن هستم"), required=False)
