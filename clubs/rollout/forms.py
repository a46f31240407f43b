from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from clubs.models import Club
from clubs.rollout import selectors
from clubs.rollout.models import (
    ActivityProgress,
    PlanStatus,
    ProgressStatus,
    UniversityPlanEntry,
)
from clubs.rollout.selectors import GROUPINGS
from clubs.rollout.services import EDITABLE_STATUSES
from clubs.rollout.uploads import ACCEPT, check_upload
from core.forms import PortalForm, PortalModelForm
from regions.models import County, MedicalUniversity


class ProgressForm(PortalModelForm):
    status = forms.ChoiceField(
        label=_("وضعیت"),
        choices=[(s.value, s.label) for s in ProgressStatus if s in EDITABLE_STATUSES],
    )

    class Meta:
        model = ActivityProgress
        fields = [
            "status",
            "not_applicable_reason",
            "started_on",
            "completed_on",
            "responsible",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "not_applicable_reason": forms.TextInput(),
        }
        help_texts = {
            "completed_on": _("اگر خالی بماند، هنگام «انجام شد» تاریخ امروز ثبت می‌شود."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.status == ProgressStatus.VERIFIED and not self.is_bound:
            # Shown as "done"; verification itself is not a choice of this form.
            self.initial["status"] = ProgressStatus.DONE

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == ProgressStatus.NOT_APPLICABLE
            and not (data.get("not_applicable_reason") or "").strip()
        ):
            self.add_error("not_applicable_reason", _("برای «موضوعیت ندارد» دلیل را بنویسید."))
        started, completed = data.get("started_on"), data.get("completed_on")
        if started and completed and completed < started:
            self.add_error("completed_on", _("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد."))
        return data

    def _post_clean(self):
        # The service validates and saves; the model's own validation would repeat it.
        pass


class _UniqueIdsMixin:
    """Several small forms share the item page: each gets its own id prefix, so every
    label points at its own field (screen readers, `get_by_label`)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class VerifyForm(_UniqueIdsMixin, PortalForm):
    id_prefix = "verify"
    comment = forms.CharField(
        label=_("توضیح (اختیاری)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(_UniqueIdsMixin, PortalForm):
    id_prefix = "send_back"
    comment = forms.CharField(
        label=_("دلیل بازگرداندن"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("برای بازگرداندن، توضیح بنویسید.")},
    )


class EvidenceUploadForm(_UniqueIdsMixin, PortalForm):
    id_prefix = "upload"
    file = forms.FileField(
        label=_("فایل (عکس یا PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("فایلی انتخاب نشده است."), "empty": _("فایل خالی است.")},
    )
    note = forms.CharField(label=_("توضیح"), max_length=300, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class EvidenceLinkForm(_UniqueIdsMixin, PortalForm):
    """Link one of the club's own records: a meeting, an officer term or a group."""

    id_prefix = "link"
    meeting = forms.ModelChoiceField(label=_("جلسه"), queryset=None, required=False)
    officer_term = forms.ModelChoiceField(
        label=_("انتخاب دبیر یا جانشین"), queryset=None, required=False
    )
    thematic_group = forms.ModelChoiceField(label=_("گروه موضوعی"), queryset=None, required=False)
    note = forms.CharField(label=_("توضیح"), max_length=300, required=False)

    MEETING_CHOICES = 200

    def __init__(self, *args, club: Club, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from core.jalali import format_date

        meetings = club.meetings.order_by("-held_on", "-pk")
        recent = list(meetings.values_list("pk", flat=True)[: self.MEETING_CHOICES])
        self.fields["meeting"].queryset = meetings.filter(pk__in=recent)
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.get_kind_display()} — {format_date(m.held_on)}"
        )
        self.fields["officer_term"].queryset = club.officer_terms.select_related(
            "membership__person"
        ).order_by("-elected_on")
        self.fields["officer_term"].label_from_instance = lambda t: (
            f"{t} — {format_date(t.elected_on)}"
        )
        self.fields["thematic_group"].queryset = club.groups.select_related("topic")

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in ("meeting", "officer_term", "thematic_group")]
        chosen = [record for record in chosen if record is not None]
        if len(chosen) != 1:
            raise ValidationError(
                _("یک مورد را انتخاب کنید: جلسه، انتخاب دبیر یا جانشین، یا گروه.")
            )
        self.record = chosen[0]
        return data


class BoardFilterForm(PortalForm):
    university = forms.ModelChoiceField(label=_("دانشگاه"), queryset=None, required=False)
    county = forms.ModelChoiceField(label=_("شهرستان"), queryset=None, required=False)
    phase = forms.TypedChoiceField(
        label=_("فاز جاری"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(label=_("جستجوی کانون یا محله"), required=False)

    def __init__(self, *args, user, phase_labels: dict[int, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user.has_role(Role.MINISTRY_ADMIN) or user.is_superuser:
            self.fields["university"].queryset = MedicalUniversity.objects.for_user(user).order_by(
                "name"
            )
        else:
            del self.fields["university"]
        counties = County.objects.for_user(user).order_by("name")
        university_id = self.data.get("university") if self.is_bound else None
        if university_id and str(university_id).isdigit():
            counties = counties.filter(university_id=university_id)
        self.fields["county"].queryset = counties
        labels = phase_labels if phase_labels is not None else selectors.phase_labels()
        self.fields["phase"].choices = [("", _("همه")), *labels.items()]

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "university": data.get("university"),
            "county": data.get("county"),
            "phase": data.get("phase"),
            "q": data.get("q") or "",
        }


class RollupForm(PortalForm):
    group_by = forms.ChoiceField(
        label=_("به تفکیک"),
        required=False,
        choices=[
            ("", _("کل محدوده")),
            ("province", _("استان")),
            ("university", _("دانشگاه")),
            ("county", _("شهرستان")),
        ],
    )
    university = forms.ModelChoiceField(label=_("دانشگاه"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = MedicalUniversity.objects.for_user(user).order_by(
            "name"
        )

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"group_by": None, "university": None}
        group_by = self.cleaned_data.get("group_by") or None
        return {
            "group_by": group_by if group_by in GROUPINGS else None,
            "university": self.cleaned_data.get("university"),
        }


class PlanEntryForm(PortalModelForm):
    class Meta:
        model = UniversityPlanEntry
        fields = ["status", "started_on", "due_on", "completed_on", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        started, completed = data.get("started_on"), data.get("completed_on")
        if started and completed and completed < started:
            self.add_error("completed_on", _("تاریخ انجام نمی‌تواند پیش از تاریخ شروع باشد."))
        if data.get("status") not in PlanStatus.values:
            self.add_error("status", _("وضعیت درست نیست."))
        return data

    def _post_clean(self):
        pass


class PlanEvidenceForm(PortalForm):
    file = forms.FileField(
        label=_("فایل (عکس یا PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("فایلی انتخاب نشده است."), "empty": _("فایل خالی است.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload
