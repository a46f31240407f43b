"""Forms of the club pages. They parse and validate what a person typed (Persian
digits, Jalali dates); the writes happen in clubs/services.py. Spreadsheet imports
validate every row with these same forms."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clubs.models import (
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    MeetingKind,
    Membership,
    OfficerRole,
    ThematicGroup,
    ThematicTopic,
)
from clubs.services import ActionItemData
from core.forms import JalaliDateField, MobileField, NationalCodeField, PortalForm, PortalModelForm
from regions.models import County, Neighborhood

_PARTNER_SPLIT = re.compile(r"[،,;؛\n]+")


def _not_future(value, label):
    if value and value > timezone.localdate():
        raise ValidationError(_("%(label)s نمی‌تواند در آینده باشد.") % {"label": label})
    return value


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.person.first_name} {obj.person.last_name}"


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.person.first_name} {obj.person.last_name}"


# --- Clubs ----------------------------------------------------------------------------


class ClubForm(PortalModelForm):
    new_partners = forms.CharField(
        label=_("سازمان همکار جدید"),
        required=False,
        help_text=_("اگر در فهرست نیست، نام سمن یا خیریه را بنویسید؛ چند نام را با «،» جدا کنید."),
    )

    class Meta:
        model = Club
        fields = [
            "name",
            "neighborhood",
            "status",
            "location",
            "address",
            "founded_on",
            "opened_on",
            "latitude",
            "longitude",
            "partners",
        ]
        widgets = {"partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        neighborhoods = Neighborhood.objects.for_user(user, "change").select_related("county")
        if self.instance.pk:
            # Keep the current neighborhood selectable even if it moved out of scope.
            neighborhoods = neighborhoods | Neighborhood.objects.filter(
                pk=self.instance.neighborhood_id
            ).select_related("county")
        self.fields["neighborhood"].queryset = neighborhoods.order_by(
            "county__name", "settlement_name", "name"
        )
        self.fields["neighborhood"].label_from_instance = lambda n: (
            f"{n.name} — {n.settlement_name} ({n.county.name})"
        )
        self.fields["latitude"].widget.attrs["inputmode"] = "decimal"
        self.fields["longitude"].widget.attrs["inputmode"] = "decimal"

    def clean_founded_on(self):
        return _not_future(self.cleaned_data.get("founded_on"), _("تاریخ تشکیل"))

    def clean(self):
        data = super().clean()
        founded, opened = data.get("founded_on"), data.get("opened_on")
        if founded and opened and opened < founded:
            self.add_error("opened_on", _("تاریخ افتتاحیه نمی‌تواند پیش از تاریخ تشکیل باشد."))
        data["new_partner_names"] = [
            name.strip()
            for name in _PARTNER_SPLIT.split(data.get("new_partners") or "")
            if name.strip()
        ]
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "name",
                "neighborhood",
                "status",
                "location",
                "address",
                "founded_on",
                "opened_on",
                "latitude",
                "longitude",
            )
        }


class ClubFilterForm(PortalForm):
    q = forms.CharField(label=_("جستجو"), required=False)
    county = forms.ModelChoiceField(
        label=_("شهرستان"), queryset=County.objects.none(), required=False, empty_label=_("همه")
    )
    status = forms.ChoiceField(
        label=_("وضعیت"), choices=[("", _("همه")), *ClubStatus.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.for_user(user).order_by("name")

    def values(self) -> dict:
        if not self.is_valid():
            return {"county": None, "status": "", "search": ""}
        data = self.cleaned_data
        return {"county": data["county"], "status": data["status"], "search": data["q"]}


# --- Members --------------------------------------------------------------------------


class MemberForm(PortalForm):
    national_code = NationalCodeField(label=_("کد ملی"))
    first_name = forms.CharField(label=_("نام"), max_length=100)
    last_name = forms.CharField(label=_("نام خانوادگی"), max_length=100)
    gender = forms.ChoiceField(label=_("جنسیت"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_year = forms.IntegerField(
        label=_("سال تولد (شمسی)"), required=False, min_value=1290, max_value=1420
    )
    mobile = MobileField(label=_("تلفن همراه"), required=False)
    joined_on = JalaliDateField(label=_("تاریخ عضویت"))
    consent_to_contact = forms.BooleanField(label=_("رضایت به تماس"), required=False)
    skills = forms.CharField(label=_("مهارت‌ها و علاقه‌مندی‌ها"), max_length=300, required=False)

    def __init__(self, *args, club: Club, membership: Membership | None = None, **kwargs):
        self.club = club
        self.membership = membership
        if membership is not None and "initial" not in kwargs:
            person = membership.person
            kwargs["initial"] = {
                "national_code": person.national_code,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "gender": person.gender,
                "birth_year": person.birth_year,
                "mobile": person.mobile,
                "joined_on": membership.joined_on,
                "consent_to_contact": membership.consent_to_contact,
                "skills": membership.skills,
            }
        super().__init__(*args, **kwargs)
        if membership is None:
            self.fields["joined_on"].initial = timezone.localdate()
        self.fields["birth_year"].widget.attrs.update({"inputmode": "numeric", "dir": "ltr"})

    def clean_national_code(self):
        code = self.cleaned_data["national_code"]
        current = Membership.objects.filter(
            club=self.club, person__national_code=code, left_on__isnull=True
        )
        if self.membership is not None:
            current = current.exclude(pk=self.membership.pk)
        if current.exists():
            raise ValidationError(_("این فرد هم‌اکنون عضو این کانون است."), code="already_member")
        return code

    def clean_joined_on(self):
        return _not_future(self.cleaned_data.get("joined_on"), _("تاریخ عضویت"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "national_code": data["national_code"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "gender": data["gender"],
            "birth_year": data["birth_year"],
            "mobile": data["mobile"] or "",
            "joined_on": data["joined_on"],
            "consent_to_contact": data["consent_to_contact"],
            "skills": data["skills"] or "",
        }


class MemberLeaveForm(PortalForm):
    left_on = JalaliDateField(label=_("تاریخ خروج"))

    def __init__(self, *args, membership: Membership, **kwargs):
        self.membership = membership
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()

    def clean_left_on(self):
        value = _not_future(self.cleaned_data.get("left_on"), _("تاریخ خروج"))
        if value and value < self.membership.joined_on:
            raise ValidationError(_("تاریخ خروج نمی‌تواند پیش از تاریخ عضویت باشد."))
        return value


class MemberFilterForm(PortalForm):
    q = forms.CharField(label=_("جستجو (نام یا کد ملی)"), required=False)
    former = forms.BooleanField(label=_("اعضای سابق را هم نشان بده"), required=False)


# --- Officers -------------------------------------------------------------------------


class OfficerElectForm(PortalForm):
    role = forms.ChoiceField(label=_("سمت"), choices=OfficerRole.choices, widget=forms.RadioSelect)
    membership = MemberChoiceField(label=_("عضو منتخب"), queryset=Membership.objects.none())
    elected_on = JalaliDateField(label=_("تاریخ انتخاب"))
    term_ends_on = JalaliDateField(label=_("پایان دوره"), required=False)

    def __init__(self, *args, club: Club, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            club.memberships.filter(left_on__isnull=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        self.fields["elected_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        elected, ends = data.get("elected_on"), data.get("term_ends_on")
        if elected and ends and ends <= elected:
            self.add_error("term_ends_on", _("پایان دوره باید پس از تاریخ انتخاب باشد."))
        if elected:
            try:
                _not_future(elected, _("تاریخ انتخاب"))
            except ValidationError as exc:
                self.add_error("elected_on", exc)
        return data


class OfficerEndForm(PortalForm):
    ended_on = JalaliDateField(label=_("تاریخ پایان تصدی"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


# --- Thematic groups ------------------------------------------------------------------


class GroupForm(PortalForm):
    topic = forms.ModelChoiceField(label=_("موضوع"), queryset=ThematicTopic.objects.none())
    name = forms.CharField(
        label=_("نام گروه"),
        max_length=150,
        required=False,
        help_text=_("اگر خالی بماند، عنوان موضوع نام گروه است."),
    )
    formed_on = JalaliDateField(label=_("تاریخ تشکیل"))
    members = MemberMultipleChoiceField(
        label=_("اعضای گروه"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead = MemberChoiceField(
        label=_("مسئول گروه"), queryset=Membership.objects.none(), required=False
    )

    def __init__(self, *args, club: Club, group: ThematicGroup | None = None, **kwargs):
        self.club = club
        self.group = group
        if group is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "topic": group.topic_id,
                "name": group.name,
                "formed_on": group.formed_on,
                "members": [m.pk for m in group.members.all()],
                "lead": group.lead_id,
            }
        super().__init__(*args, **kwargs)
        roster = (
            club.memberships.filter(left_on__isnull=True)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        self.fields["members"].queryset = roster
        self.fields["lead"].queryset = roster
        if group is None:
            taken = club.groups.active().values("topic_id")
            self.fields["topic"].queryset = ThematicTopic.objects.filter(is_active=True).exclude(
                pk__in=taken
            )
            self.fields["formed_on"].initial = timezone.localdate()
        else:
            del self.fields["topic"]

    def clean(self):
        data = super().clean()
        lead, members = data.get("lead"), data.get("members")
        if lead is not None and members is not None and lead not in members:
            self.add_error("lead", _("مسئول گروه باید از اعضای همین گروه باشد."))
        return data


class GroupDissolveForm(PortalForm):
    dissolved_on = JalaliDateField(label=_("تاریخ انحلال"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dissolved_on"].initial = timezone.localdate()


# --- Action items ---------------------------------------------------------------------


def owner_choices(members: list[Membership], groups: list[ThematicGroup]) -> list:
    choices: list = [("", _("— بدون مسئول مشخص —"))]
    if members:
        choices.append(
            (
                _("اعضا"),
                [(f"m{m.pk}", f"{m.person.first_name} {m.person.last_name}") for m in members],
            )
        )
    if groups:
        choices.append((_("گروه‌های موضوعی"), [(f"g{g.pk}", str(g)) for g in groups]))
    return choices


class ActionItemForm(PortalForm):
    title = forms.CharField(label=_("اقدام"), max_length=300)
    owner = forms.ChoiceField(label=_("مسئول"), required=False)
    due_on = JalaliDateField(label=_("مهلت"))

    def __init__(self, *args, members: list[Membership], groups: list[ThematicGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {f"m{m.pk}": m for m in members}
        self._groups = {f"g{g.pk}": g for g in groups}
        self.fields["owner"].choices = owner_choices(members, groups)
        self.fields["title"].widget.attrs["placeholder"] = _("چه کاری، توسط چه کسی")

    def clean_owner(self):
        key = self.cleaned_data.get("owner") or ""
        return key

    def owners(self) -> tuple[Membership | None, ThematicGroup | None]:
        key = self.cleaned_data.get("owner") or ""
        return self._members.get(key), self._groups.get(key)

    def data_item(self) -> ActionItemData:
        membership, group = self.owners()
        return ActionItemData(
            title=self.cleaned_data["title"],
            due_on=self.cleaned_data["due_on"],
            owner_membership=membership,
            owner_group=group,
        )


ActionItemFormSet = formset_factory(ActionItemForm, extra=1, max_num=20, validate_max=True)


class ActionStatusForm(PortalForm):
    status = forms.ChoiceField(label=_("وضعیت"), choices=ActionStatus.choices)


# --- Meetings -------------------------------------------------------------------------


class MeetingForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("نوع جلسه"), choices=MeetingKind.choices, initial=MeetingKind.CLUB
    )
    group = forms.ModelChoiceField(
        label=_("گروه موضوعی"),
        queryset=ThematicGroup.objects.none(),
        required=False,
        empty_label=_("— ندارد —"),
    )
    held_on = JalaliDateField(label=_("تاریخ جلسه"))
    starts_at = forms.TimeField(
        label=_("ساعت شروع"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "dir": "ltr"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("محل برگزاری"), max_length=200, required=False)
    attendees = MemberMultipleChoiceField(
        label=_("اعضای حاضر"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests_female = forms.IntegerField(label=_("حاضران زن غیرعضو"), min_value=0, initial=0)
    guests_male = forms.IntegerField(label=_("حاضران مرد غیرعضو"), min_value=0, initial=0)
    agenda = forms.CharField(
        label=_("دستور جلسه"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(
        label=_("صورتجلسه"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decisions = forms.CharField(
        label=_("مصوبات"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args,
        club: Club,
        roster: list[Membership],
        groups: list[ThematicGroup],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.club = club
        self.roster = roster
        self.fields["attendees"].queryset = club.memberships.select_related("person")
        self.fields["attendees"].widget.attrs["class"] = "form-check-input"
        # The tick list is drawn from the roster already read (no query per member).
        self.fields["attendees"].choices = [
            (m.pk, f"{m.person.first_name} {m.person.last_name}") for m in roster
        ]
        self.fields["group"].queryset = club.groups.all()
        self.fields["group"].choices = [("", _("— ندارد —"))] + [(g.pk, str(g)) for g in groups]
        if not self.is_bound and "held_on" not in self.initial:
            self.fields["held_on"].initial = timezone.localdate()
        for name in ("guests_female", "guests_male"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "0"})

    def clean_held_on(self):
        return _not_future(self.cleaned_data.get("held_on"), _("تاریخ جلسه"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == MeetingKind.THEMATIC_GROUP and not data.get("group"):
            self.add_error("group", _("برای جلسه گروه موضوعی، گروه را انتخاب کنید."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "group": data["group"],
            "held_on": data["held_on"],
            "starts_at": data["starts_at"],
            "place": data["place"],
            "agenda": data["agenda"],
            "minutes": data["minutes"],
            "decisions": data["decisions"],
            "attendees": list(data["attendees"]),
            "guests_female": data["guests_female"] or 0,
            "guests_male": data["guests_male"] or 0,
        }


class MeetingFilterForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("نوع جلسه"), choices=[("", _("همه")), *MeetingKind.choices], required=False
    )
    month = forms.CharField(
        label=_("ماه"),
        required=False,
        help_text=_("مانند ۱۴۰۳/۰۵"),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "dir": "ltr", "placeholder": "۱۴۰۳/۰۵"}
        ),
    )

    def clean_month(self):
        from core.periods import JalaliMonth

        value = self.cleaned_data.get("month") or ""
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})\s*[/\-]\s*(\d{1,2})", value)
        try:
            if not match:
                raise ValueError(value)
            return JalaliMonth(int(match[1]), int(match[2]))
        except ValueError as exc:
            raise ValidationError(_("ماه را مانند ۱۴۰۳/۰۵ بنویسید.")) from exc


# --- Imports --------------------------------------------------------------------------


class ImportUploadForm(PortalForm):
    file = forms.FileField(
        label=_("فایل اکسل (xlsx) یا CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".xlsx") or name.endswith(".csv")):
            raise ValidationError(_("فقط فایل xlsx یا csv پذیرفته می‌شود."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("حجم فایل بیش از ۵ مگابایت است."))
        return upload
