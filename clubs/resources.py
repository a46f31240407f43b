"""Spreadsheets of members and clubs (django-import-export), in the portal.

Columns are Persian; dates are Jalali (1403/01/15) both ways; Persian digits and
Arabic ي/ك are accepted. Each imported row is validated by the form of the matching
screen (MemberForm, ClubForm) and written by the service (member_add / member_update,
club_create / club_update), so a row gets exactly the checks a typed entry gets.
Exports are the same columns, so an exported file can be edited and imported again.
"""

from __future__ import annotations

from import_export.fields import Field
from import_export.widgets import Widget

from clubs import services
from clubs.forms import ClubForm, MemberForm
from clubs.models import Club, ClubStatus, Gender, Membership, Partner
from clubs.selectors import CLUB_ADMIN_ROLES, IMPORT_ROLES
from core.importexport import (
    JalaliDateWidget,
    PersianBooleanWidget,
    PersianCharWidget,
    PersianIntegerWidget,
)
from core.tabular_import import FormRowResource
from core.text import normalize, persian_digits
from regions.models import Neighborhood


class ChoiceLabelWidget(Widget):
    """A choice written as its Persian label («زن»، «فعال») or its code."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = [(str(value), str(label)) for value, label in choices]

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        text = normalize(str(value))
        for code, label in self.choices:
            if text in (code, normalize(label)):
                return code
        names = "، ".join(label for _code, label in self.choices)
        raise ValueError(f"«{value}» یکی از این‌ها نیست: {names}")

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(str(value), "") if value else ""


def _text(value) -> str:
    return "" if value is None else str(value)


def _date_text(value):
    # The form's Jalali date field accepts a date object as it is.
    return value


class MemberResource(FormRowResource):
    """Members of one club (`club` given) or of every club the user manages, with
    a club column (شناسه کانون or نام کانون)."""

    club_id = Field(column_name="شناسه کانون", attribute="club_id", widget=PersianIntegerWidget())
    club_name = Field(column_name="نام کانون", attribute="club_name", widget=PersianCharWidget())
    national_code = Field(
        column_name="کد ملی", attribute="national_code", widget=PersianCharWidget()
    )
    first_name = Field(column_name="نام", attribute="first_name", widget=PersianCharWidget())
    last_name = Field(column_name="نام خانوادگی", attribute="last_name", widget=PersianCharWidget())
    gender = Field(
        column_name="جنسیت", attribute="gender", widget=ChoiceLabelWidget(Gender.choices)
    )
    birth_year = Field(
        column_name="سال تولد", attribute="birth_year", widget=PersianIntegerWidget()
    )
    mobile = Field(column_name="تلفن همراه", attribute="mobile", widget=PersianCharWidget())
    joined_on = Field(column_name="تاریخ عضویت", attribute="joined_on", widget=JalaliDateWidget())
    consent_to_contact = Field(
        column_name="رضایت به تماس",
        attribute="consent_to_contact",
        widget=PersianBooleanWidget(),
    )
    skills = Field(
        column_name="مهارت‌ها و علاقه‌مندی‌ها", attribute="skills", widget=PersianCharWidget()
    )

    summary_headers = ("کانون", "کد ملی", "نام و نام خانوادگی", "جنسیت", "تاریخ عضویت")

    class Meta(FormRowResource.Meta):
        fields = (
            "club_id",
            "club_name",
            "national_code",
            "first_name",
            "last_name",
            "gender",
            "birth_year",
            "mobile",
            "joined_on",
            "consent_to_contact",
            "skills",
        )
        export_order = fields

    def __init__(self, *, user, club: Club | None = None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.club = club
        self.clubs = Club.objects.for_roles(user, IMPORT_ROLES)
        self.required_columns = ("کد ملی", "نام", "نام خانوادگی", "جنسیت", "تاریخ عضویت")
        self._club_cache: dict = {}

    # -- import ---------------------------------------------------------------------
    def _club_for_row(self, values: dict) -> Club:
        from django.core.exceptions import ValidationError

        club_id, club_name = values.get("club_id"), values.get("club_name")
        if self.club is not None:
            if club_id and club_id != self.club.pk:
                raise ValidationError(
                    {"club_id": f"این فایل برای کانون «{self.club.name}» است، نه کانون دیگری."}
                )
            return self.club
        key = (club_id, club_name)
        if key in self._club_cache:
            return self._club_cache[key]
        if club_id:
            club = self.clubs.filter(pk=club_id).first()
            if club is None:
                raise ValidationError(
                    {"club_id": f"کانون با شناسه {persian_digits(club_id)} در محدوده شما نیست."}
                )
        elif club_name:
            found = list(self.clubs.filter(name=club_name)[:2])
            if not found:
                raise ValidationError({"club_name": f"کانون «{club_name}» در محدوده شما پیدا نشد."})
            if len(found) > 1:
                raise ValidationError(
                    {"club_name": f"چند کانون با نام «{club_name}» هست؛ شناسه کانون را بنویسید."}
                )
            club = found[0]
        else:
            raise ValidationError({"club_id": "کانون این ردیف را بنویسید (شناسه یا نام کانون)."})
        self._club_cache[key] = club
        return club

    def row_form(self, values: dict) -> MemberForm:
        club = self._club_for_row(values)
        code = values.get("national_code") or ""
        from core.validators import normalize_national_code

        membership = (
            Membership.objects.filter(
                club=club,
                person__national_code=normalize_national_code(code),
                left_on__isnull=True,
            )
            .select_related("person")
            .first()
        )
        data = {
            "national_code": _text(code),
            "first_name": _text(values.get("first_name")),
            "last_name": _text(values.get("last_name")),
            "gender": _text(values.get("gender")),
            "birth_year": values.get("birth_year"),
            "mobile": _text(values.get("mobile")),
            "joined_on": _date_text(values.get("joined_on")),
            "consent_to_contact": bool(values.get("consent_to_contact")),
            "skills": _text(values.get("skills")),
        }
        form = MemberForm(data=data, club=club, membership=membership)
        form.import_club = club
        form.import_membership = membership
        return form

    def row_key(self, form: MemberForm):
        return (form.import_club.pk, form.cleaned_data["national_code"])

    def save_row(self, form: MemberForm):
        if form.import_membership is not None:
            membership = services.member_update(
                membership=form.import_membership, **form.service_kwargs()
            )
            return membership, False
        return services.member_add(club=form.import_club, **form.service_kwargs()), True

    def summary(self, form: MemberForm, obj: Membership) -> list[str]:
        data = form.cleaned_data
        return [
            form.import_club.name,
            persian_digits(data["national_code"]),
            f"{data['first_name']} {data['last_name']}",
            str(Gender(data["gender"]).label),
            JalaliDateWidget().render(data["joined_on"]),
        ]

    # -- export ---------------------------------------------------------------------
    def dehydrate_club_name(self, membership: Membership) -> str:
        return membership.club.name

    def dehydrate_national_code(self, membership: Membership) -> str:
        return membership.person.national_code

    def dehydrate_first_name(self, membership: Membership) -> str:
        return membership.person.first_name

    def dehydrate_last_name(self, membership: Membership) -> str:
        return membership.person.last_name

    def dehydrate_gender(self, membership: Membership) -> str:
        return str(Gender(membership.person.gender).label)

    def dehydrate_birth_year(self, membership: Membership):
        return membership.person.birth_year or ""

    def dehydrate_mobile(self, membership: Membership) -> str:
        return membership.person.mobile


def members_for_export(user, club: Club | None = None):
    """Current members of the clubs the user manages (scoped), ready for export."""
    clubs = Club.objects.for_roles(user, IMPORT_ROLES)
    memberships = Membership.objects.for_user(user, "change").filter(
        club__in=clubs, left_on__isnull=True
    )
    if club is not None:
        memberships = memberships.filter(club=club)
    return memberships.select_related("person", "club").order_by(
        "club__name", "person__last_name", "person__first_name", "pk"
    )


class ClubResource(FormRowResource):
    """Clubs of the user's university: a row with شناسه کانون updates that club; a
    row without it updates the club of the same name in the same neighborhood, or
    adds a new one."""

    id = Field(column_name="شناسه کانون", attribute="id", widget=PersianIntegerWidget())
    name = Field(column_name="نام کانون", attribute="name", widget=PersianCharWidget())
    county = Field(column_name="شهرستان", attribute="county", widget=PersianCharWidget())
    settlement = Field(
        column_name="شهر یا روستا", attribute="settlement", widget=PersianCharWidget()
    )
    neighborhood = Field(column_name="محله", attribute="neighborhood", widget=PersianCharWidget())
    status = Field(
        column_name="وضعیت", attribute="status", widget=ChoiceLabelWidget(ClubStatus.choices)
    )
    location = Field(column_name="محل استقرار", attribute="location", widget=PersianCharWidget())
    address = Field(column_name="نشانی", attribute="address", widget=PersianCharWidget())
    founded_on = Field(column_name="تاریخ تشکیل", attribute="founded_on", widget=JalaliDateWidget())
    opened_on = Field(
        column_name="تاریخ افتتاحیه", attribute="opened_on", widget=JalaliDateWidget()
    )
    partners = Field(
        column_name="سازمان‌های همکار", attribute="partners", widget=PersianCharWidget()
    )
    latitude = Field(column_name="عرض جغرافیایی", attribute="latitude", widget=PersianCharWidget())
    longitude = Field(
        column_name="طول جغرافیایی", attribute="longitude", widget=PersianCharWidget()
    )
    last_meeting_on = Field(
        column_name="آخرین جلسه",
        attribute="last_meeting_on",
        widget=JalaliDateWidget(),
        readonly=True,
    )

    summary_headers = ("نام کانون", "محله", "شهرستان", "وضعیت", "تاریخ افتتاحیه")

    class Meta(FormRowResource.Meta):
        fields = (
            "id",
            "name",
            "county",
            "settlement",
            "neighborhood",
            "status",
            "location",
            "address",
            "founded_on",
            "opened_on",
            "partners",
            "latitude",
            "longitude",
            "last_meeting_on",
        )
        export_order = fields

    def __init__(self, *, user, **kwargs):
        super().__init__(user=user, **kwargs)
        self.required_columns = ("نام کانون", "شهرستان", "محله")
        self.neighborhoods = Neighborhood.objects.for_user(user, "change")
        self.clubs = Club.objects.for_roles(user, CLUB_ADMIN_ROLES)

    def _neighborhood(self, values: dict) -> Neighborhood:
        from django.core.exceptions import ValidationError

        county, name = values.get("county"), values.get("neighborhood")
        settlement = values.get("settlement")
        if not county or not name:
            raise ValidationError({"neighborhood": "شهرستان و محله را بنویسید."})
        found = self.neighborhoods.filter(county__name=county, name=name)
        if settlement:
            found = found.filter(settlement_name=settlement)
        found = list(found[:2])
        if not found:
            raise ValidationError(
                {"neighborhood": f"محله «{name}» در شهرستان «{county}» در محدوده شما پیدا نشد."}
            )
        if len(found) > 1:
            raise ValidationError(
                {
                    "settlement": f"چند محله «{name}» در شهرستان «{county}» هست؛ شهر یا روستا را بنویسید."
                }
            )
        return found[0]

    def _partner_fields(self, text) -> tuple[list[int], str]:
        from clubs.forms import _PARTNER_SPLIT

        names = [normalize(n) for n in _PARTNER_SPLIT.split(text or "") if n.strip()]
        known = {p.name: p.pk for p in Partner.objects.filter(name__in=names)}
        return [known[n] for n in names if n in known], "، ".join(
            n for n in names if n not in known
        )

    def row_form(self, values: dict) -> ClubForm:
        from django.core.exceptions import ValidationError

        neighborhood = self._neighborhood(values)
        club = None
        if values.get("id"):
            club = self.clubs.filter(pk=values["id"]).first()
            if club is None:
                raise ValidationError(
                    {"id": f"کانون با شناسه {persian_digits(values['id'])} در محدوده شما نیست."}
                )
        elif values.get("name"):
            club = Club.objects.filter(neighborhood=neighborhood, name=values["name"]).first()
        partner_ids, new_partners = self._partner_fields(values.get("partners"))
        data = {
            "name": _text(values.get("name")),
            "neighborhood": neighborhood.pk,
            "status": values.get("status") or (club.status if club else ClubStatus.FORMING),
            "location": _text(values.get("location")),
            "address": _text(values.get("address")),
            "founded_on": values.get("founded_on"),
            "opened_on": values.get("opened_on"),
            "latitude": _text(values.get("latitude")),
            "longitude": _text(values.get("longitude")),
            "partners": partner_ids,
            "new_partners": new_partners,
        }
        form = ClubForm(data=data, instance=club, user=self.user)
        form.import_club = club
        return form

    def row_key(self, form: ClubForm):
        return (form.cleaned_data["neighborhood"].pk, form.cleaned_data["name"])

    def save_row(self, form: ClubForm):
        data = form.cleaned_data
        partners = list(data["partners"]) + services.partners_get_or_create(
            names=data["new_partner_names"]
        )
        if form.import_club is not None:
            # The form filled the instance in memory; compare against the stored row.
            stored = Club.objects.get(pk=form.import_club.pk)
            return (
                services.club_update(club=stored, partners=partners, **form.service_kwargs()),
                False,
            )
        return services.club_create(partners=partners, **form.service_kwargs()), True

    def summary(self, form: ClubForm, obj: Club) -> list[str]:
        data = form.cleaned_data
        return [
            data["name"],
            data["neighborhood"].name,
            data["neighborhood"].county.name,
            str(ClubStatus(data["status"]).label),
            JalaliDateWidget().render(data["opened_on"]),
        ]

    # -- export ---------------------------------------------------------------------
    def dehydrate_county(self, club: Club) -> str:
        return club.neighborhood.county.name

    def dehydrate_settlement(self, club: Club) -> str:
        return club.neighborhood.settlement_name

    def dehydrate_neighborhood(self, club: Club) -> str:
        return club.neighborhood.name

    def dehydrate_partners(self, club: Club) -> str:
        return "، ".join(p.name for p in club.partners.all())

    def dehydrate_latitude(self, club: Club) -> str:
        return "" if club.latitude is None else str(club.latitude)

    def dehydrate_longitude(self, club: Club) -> str:
        return "" if club.longitude is None else str(club.longitude)


def clubs_for_export(user):
    return (
        Club.objects.for_roles(user, CLUB_ADMIN_ROLES)
        .select_related("neighborhood__county")
        .prefetch_related("partners")
        .order_by("neighborhood__county__name", "name", "pk")
    )
