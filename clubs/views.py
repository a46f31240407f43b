"""Club pages. Every view starts from `for_user` (or `for_roles`), reads children
through their club, parses input with a form and writes through one service.

Who may: anyone with the club in scope reads it; university staff, facilitators and
club secretaries change what happens in their clubs; university staff create clubs
and change their identity; ministry admins and forum secretariats read only. An id
outside the user's scope gives 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clubs import selectors, services
from clubs.forms import (
    ActionItemForm,
    ActionItemFormSet,
    ActionStatusForm,
    ClubFilterForm,
    ClubForm,
    GroupDissolveForm,
    GroupForm,
    ImportUploadForm,
    MeetingFilterForm,
    MeetingForm,
    MemberFilterForm,
    MemberForm,
    MemberLeaveForm,
    OfficerElectForm,
    OfficerEndForm,
)
from clubs.models import ActionStatus, Club, ClubStatus, MeetingKind
from clubs.resources import ClubResource, MemberResource, clubs_for_export, members_for_export
from clubs.selectors import CLUB_ADMIN_ROLES, IMPORT_ROLES
from core import jalali
from core.tabular_import import export_response, import_flow
from core.text import normalize
from regions.models import Neighborhood

CLUBS_PER_PAGE = 25
MEETINGS_PER_PAGE = 25
MEMBERS_PER_PAGE = 50
ITEMS_PER_PAGE = 30
HISTORY_PER_PAGE = 25


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _club_url(club: Club, anchor: str = "") -> str:
    url = reverse("clubs:club_detail", args=[club.pk])
    return f"{url}#{anchor}" if anchor else url


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- Clubs ----------------------------------------------------------------------------


@login_required
def club_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = ClubFilterForm(request.GET or None, user=user)
    clubs = selectors.club_list(user, **filters.values())
    page = Paginator(clubs, CLUBS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for club in page:
        club.dormant = club.is_dormant_by_activity(today)
    return render(
        request,
        "clubs/club_list.html",
        {
            "page": page,
            "filters": filters,
            "can_add": Neighborhood.objects.for_user(user, "change").exists(),
            "can_import": selectors.can_import(user),
        },
    )


@login_required
def club_detail(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk)
    return render(
        request,
        "clubs/club_detail.html",
        {
            "club": club,
            "data": selectors.club_page(club),
            "can_change": selectors.can_change_club(request.user, club),
            "can_administer": selectors.can_administer_club(request.user, club),
            "can_import": selectors.can_import(request.user, club),
        },
    )


@login_required
def club_create(request: HttpRequest) -> HttpResponse:
    if not Neighborhood.objects.for_user(request.user, "change").exists():
        raise PermissionDenied
    form = ClubForm(request.POST or None, user=request.user, initial={"status": ClubStatus.FORMING})
    if request.method == "POST" and form.is_valid():
        try:
            partners = list(form.cleaned_data["partners"]) + services.partners_get_or_create(
                names=form.cleaned_data["new_partner_names"]
            )
            club = services.club_create(partners=partners, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("کانون «%(name)s» ثبت شد.") % {"name": club.name})
            return redirect(_club_url(club))
    return render(request, "clubs/club_form.html", {"form": form})


@login_required
def club_edit(request: HttpRequest, pk: int) -> HttpResponse:
    club = get_object_or_404(Club.objects.for_roles(request.user, CLUB_ADMIN_ROLES), pk=pk)
    stored = Club.objects.get(pk=club.pk)
    form = ClubForm(request.POST or None, instance=club, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partners = list(form.cleaned_data["partners"]) + services.partners_get_or_create(
                names=form.cleaned_data["new_partner_names"]
            )
            services.club_update(club=stored, partners=partners, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("تغییرات کانون ذخیره شد."))
            return redirect(_club_url(stored))
    return render(request, "clubs/club_form.html", {"form": form, "club": stored})


@login_required
def club_history(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk)
    page, entries = selectors.club_history(
        club,
        request.GET.get("page"),
        HISTORY_PER_PAGE,
        show_private=selectors.can_change_club(request.user, club),
    )
    return render(
        request, "clubs/club_history.html", {"club": club, "page": page, "entries": entries}
    )


# --- Members --------------------------------------------------------------------------


@login_required
def member_list(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk)
    filters = MemberFilterForm(request.GET or None)
    memberships = club.memberships.select_related("person").order_by(
        "left_on", "person__last_name", "person__first_name", "pk"
    )
    if filters.is_valid():
        if not filters.cleaned_data["former"]:
            memberships = memberships.filter(left_on__isnull=True)
        term = normalize(filters.cleaned_data["q"] or "")
        if term:
            memberships = memberships.filter(
                Q(person__first_name__icontains=term)
                | Q(person__last_name__icontains=term)
                | Q(person__national_code__startswith=term)
            )
    else:
        memberships = memberships.filter(left_on__isnull=True)
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "clubs/member_list.html",
        {
            "club": club,
            "page": page,
            "filters": filters,
            "can_change": selectors.can_change_club(request.user, club),
            "can_import": selectors.can_import(request.user, club),
        },
    )


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    form = MemberForm(request.POST or None, club=club)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_add(club=club, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("«%(name)s» به اعضای کانون افزوده شد.") % {"name": membership.person}
            )
            if "another" in request.POST:
                return redirect("clubs:member_add", pk=club.pk)
            return redirect("clubs:member_list", pk=club.pk)
    return render(request, "clubs/member_form.html", {"club": club, "form": form})


@login_required
def member_edit(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    membership = get_object_or_404(club.memberships.select_related("person"), pk=membership_pk)
    form = MemberForm(request.POST or None, club=club, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(membership=membership, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("مشخصات عضو ذخیره شد."))
            return redirect("clubs:member_list", pk=club.pk)
    return render(
        request,
        "clubs/member_form.html",
        {"club": club, "form": form, "membership": membership},
    )


@login_required
def member_leave(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    membership = get_object_or_404(
        club.memberships.select_related("person"), pk=membership_pk, left_on__isnull=True
    )
    form = MemberLeaveForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(membership=membership, left_on=form.cleaned_data["left_on"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("خروج «%(name)s» از کانون ثبت شد.") % {"name": membership.person}
            )
            return redirect("clubs:member_list", pk=club.pk)
    return render(
        request,
        "clubs/member_leave.html",
        {
            "club": club,
            "membership": membership,
            "form": form,
            "offices": membership.officer_terms.filter(ended_on__isnull=True),
        },
    )


# --- Officers -------------------------------------------------------------------------


@login_required
def officer_elect(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    form = OfficerElectForm(request.POST or None, club=club, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            term = services.officer_elect(
                club=club,
                membership=data["membership"],
                role=data["role"],
                elected_on=data["elected_on"],
                term_ends_on=data["term_ends_on"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s به عنوان %(role)s کانون ثبت شد.")
                % {"name": term.membership.person, "role": term.get_role_display()},
            )
            return redirect(_club_url(club, "officers"))
    terms = club.officer_terms.select_related("membership__person").order_by("-elected_on", "-pk")
    return render(
        request,
        "clubs/officer_form.html",
        {"club": club, "form": form, "terms": terms, "end_form": OfficerEndForm()},
    )


@login_required
@require_POST
def officer_end(request: HttpRequest, pk: int, term_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    term = get_object_or_404(club.officer_terms, pk=term_pk, ended_on__isnull=True)
    form = OfficerEndForm(request.POST)
    if form.is_valid():
        try:
            services.officer_term_end(term=term, ended_on=form.cleaned_data["ended_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("پایان دوره ثبت شد."))
    else:
        messages.error(request, " ".join(form.errors.get("ended_on", [])))
    return redirect("clubs:officer_elect", pk=club.pk)


# --- Thematic groups ------------------------------------------------------------------


@login_required
def group_create(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    form = GroupForm(request.POST or None, club=club)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_create(
                club=club,
                topic=data["topic"],
                name=data["name"],
                formed_on=data["formed_on"],
                members=list(data["members"]),
                lead=data["lead"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("گروه «%(name)s» تشکیل شد.") % {"name": group})
            return redirect(_club_url(club, "groups"))
    return render(request, "clubs/group_form.html", {"club": club, "form": form})


@login_required
def group_edit(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    group = get_object_or_404(
        club.groups.select_related("topic"), pk=group_pk, dissolved_on__isnull=True
    )
    form = GroupForm(request.POST or None, club=club, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_update(
                group=group,
                name=data["name"],
                formed_on=data["formed_on"],
                members=list(data["members"]),
                lead=data["lead"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("تغییرات گروه ذخیره شد."))
            return redirect(_club_url(club, "groups"))
    return render(
        request,
        "clubs/group_form.html",
        {"club": club, "form": form, "group": group, "dissolve_form": GroupDissolveForm()},
    )


@login_required
@require_POST
def group_dissolve(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    group = get_object_or_404(club.groups, pk=group_pk, dissolved_on__isnull=True)
    form = GroupDissolveForm(request.POST)
    if form.is_valid():
        try:
            services.group_dissolve(group=group, dissolved_on=form.cleaned_data["dissolved_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("clubs:group_edit", pk=club.pk, group_pk=group.pk)
        messages.success(request, _("گروه «%(name)s» منحل شد.") % {"name": group})
        return redirect(_club_url(club, "groups"))
    messages.error(request, " ".join(form.errors.get("dissolved_on", [])))
    return redirect("clubs:group_edit", pk=club.pk, group_pk=group.pk)


# --- Meetings -------------------------------------------------------------------------


def _meeting_form_parts(request: HttpRequest, club: Club, meeting=None):
    roster = list(selectors.current_members(club))
    initial = None
    if meeting is not None:
        attended = list(meeting.attendees.select_related("person"))
        known = {m.pk for m in roster}
        roster += [m for m in attended if m.pk not in known]  # since left the club
        initial = {
            "kind": meeting.kind,
            "group": meeting.group_id,
            "held_on": meeting.held_on,
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
            "attendees": [m.pk for m in attended],
            "guests_female": meeting.guests_female,
            "guests_male": meeting.guests_male,
        }
    groups = list(club.groups.active().select_related("topic"))
    if meeting is not None and meeting.group_id and meeting.group_id not in {g.pk for g in groups}:
        groups.append(meeting.group)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, club=club, roster=roster, groups=groups, initial=initial)
    if data is None and meeting is None and request.GET.get("kind") in MeetingKind.values:
        form.initial["kind"] = request.GET["kind"]
    items = ActionItemFormSet(
        data, prefix="items", form_kwargs={"members": roster, "groups": groups}
    )
    return form, items


def _action_items_from(items) -> list:
    return [form.data_item() for form in items.forms if form.has_changed() and form.cleaned_data]


@login_required
def meeting_log(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    form, items = _meeting_form_parts(request, club)
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            meeting = services.meeting_log(
                club=club,
                by=request.user,
                action_items=_action_items_from(items),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("جلسه %(date)s ثبت شد.") % {"date": jalali.format_date(meeting.held_on)},
            )
            return redirect(_club_url(club, "meetings"))
    return render(request, "clubs/meeting_form.html", {"club": club, "form": form, "items": items})


@login_required
def meeting_edit(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    meeting = get_object_or_404(club.meetings.select_related("group__topic"), pk=meeting_pk)
    form, items = _meeting_form_parts(request, club, meeting)
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            services.meeting_update(
                meeting=meeting, action_items=_action_items_from(items), **form.service_kwargs()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("تغییرات جلسه ذخیره شد."))
            return redirect("clubs:meeting_detail", pk=club.pk, meeting_pk=meeting.pk)
    return render(
        request,
        "clubs/meeting_form.html",
        {"club": club, "form": form, "items": items, "meeting": meeting},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk)
    meeting = get_object_or_404(
        club.meetings.select_related("group__topic", "recorded_by"), pk=meeting_pk
    )
    return render(
        request,
        "clubs/meeting_detail.html",
        {
            "club": club,
            "meeting": meeting,
            "attendees": meeting.attendees.select_related("person").order_by(
                "person__last_name", "person__first_name"
            ),
            "items": meeting.action_items.select_related(
                "owner_membership__person", "owner_group__topic"
            ),
            "today": timezone.localdate(),
            "can_change": selectors.can_change_club(request.user, club),
        },
    )


def _meeting_list(request: HttpRequest, club: Club | None) -> HttpResponse:
    filters = MeetingFilterForm(request.GET or None)
    kind, month = "", None
    if filters.is_valid():
        kind, month = filters.cleaned_data["kind"], filters.cleaned_data["month"]
    meetings = selectors.meeting_list(request.user, club=club, kind=kind, month=month)
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "clubs/meeting_list.html",
        {
            "club": club,
            "page": page,
            "filters": filters,
            "can_change": club is not None and selectors.can_change_club(request.user, club),
        },
    )


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    return _meeting_list(request, None)


@login_required
def club_meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_list(request, selectors.club_for(request.user, pk))


# --- Action items ---------------------------------------------------------------------


def _action_list(request: HttpRequest, club: Club | None) -> HttpResponse:
    state = request.GET.get("state", "open")
    if state not in selectors.ITEM_STATES:
        state = "open"
    today = timezone.localdate()
    items = selectors.action_item_list(request.user, club=club, state=state, today=today)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    club_ids = {item.club_id for item in page}
    changeable = set(
        Club.objects.for_user(request.user, "change")
        .filter(pk__in=club_ids)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "clubs/action_list.html",
        {
            "club": club,
            "page": page,
            "state": state,
            "states": [
                ("open", _("باز")),
                ("overdue", _("گذشته از مهلت")),
                ("due_soon", _("مهلت نزدیک")),
                ("done", _("انجام‌شده")),
                ("all", _("همه")),
            ],
            "statuses": ActionStatus.choices,
            "today": today,
            "changeable": changeable,
            "can_add": club is not None and selectors.can_change_club(request.user, club),
        },
    )


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    return _action_list(request, None)


@login_required
def club_action_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _action_list(request, selectors.club_for(request.user, pk))


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    members = list(selectors.current_members(club))
    groups = list(club.groups.active().select_related("topic"))
    form = ActionItemForm(request.POST or None, members=members, groups=groups)
    if request.method == "POST" and form.is_valid():
        item = form.data_item()
        try:
            services.action_item_create(
                club=club,
                title=item.title,
                due_on=item.due_on,
                owner_membership=item.owner_membership,
                owner_group=item.owner_group,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("اقدام ثبت شد."))
            return redirect("clubs:club_action_list", pk=club.pk)
    return render(request, "clubs/action_form.html", {"club": club, "form": form})


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    club = selectors.club_for(request.user, pk, "change")
    item = get_object_or_404(club.action_items, pk=item_pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(item=item, status=form.cleaned_data["status"])
        messages.success(
            request,
            _("وضعیت «%(title)s»: %(status)s")
            % {"title": item.title, "status": item.get_status_display()},
        )
    else:
        messages.error(request, _("وضعیت انتخاب‌شده درست نیست."))
    return redirect(_next_url(request, reverse("clubs:club_action_list", args=[club.pk])))


# --- Import and export ----------------------------------------------------------------


@login_required
def data_hub(request: HttpRequest) -> HttpResponse:
    """Where university staff and facilitators import and export spreadsheets."""
    user = request.user
    if not selectors.can_import(user):
        raise PermissionDenied
    return render(
        request,
        "clubs/data_hub.html",
        {
            "clubs": Club.objects.for_roles(user, IMPORT_ROLES)
            .select_related("neighborhood")
            .order_by("name")[:200],
            "can_import_clubs": Neighborhood.objects.for_user(user, "change").exists(),
        },
    )


def _member_import_context(club: Club | None) -> dict:
    return {
        "club": club,
        "title": _("ورود اعضا از فایل"),
        "columns": [
            *(["شناسه کانون یا نام کانون"] if club is None else []),
            "کد ملی",
            "نام",
            "نام خانوادگی",
            "جنسیت",
            "سال تولد",
            "تلفن همراه",
            "تاریخ عضویت",
            "رضایت به تماس",
            "مهارت‌ها و علاقه‌مندی‌ها",
        ],
        "required": ["کد ملی", "نام", "نام خانوادگی", "جنسیت", "تاریخ عضویت"],
        "template_url": (
            reverse("clubs:club_member_export", args=[club.pk, "xlsx"])
            if club
            else reverse("clubs:member_export", args=["xlsx"])
        ),
    }


@login_required
def member_import(request: HttpRequest) -> HttpResponse:
    if not selectors.can_import(request.user):
        raise PermissionDenied
    return import_flow(
        request,
        kind="members",
        params={},
        make_resource=lambda: MemberResource(user=request.user),
        template="clubs/import.html",
        context=_member_import_context(None),
        done_url=reverse("clubs:data_hub"),
        upload_form_class=ImportUploadForm,
    )


@login_required
def club_member_import(request: HttpRequest, pk: int) -> HttpResponse:
    club = get_object_or_404(Club.objects.for_roles(request.user, IMPORT_ROLES), pk=pk)
    return import_flow(
        request,
        kind="club_members",
        params={"club": club.pk},
        make_resource=lambda: MemberResource(user=request.user, club=club),
        template="clubs/import.html",
        context=_member_import_context(club),
        done_url=reverse("clubs:member_list", args=[club.pk]),
        upload_form_class=ImportUploadForm,
    )


@login_required
def club_import(request: HttpRequest) -> HttpResponse:
    if not Neighborhood.objects.for_user(request.user, "change").exists():
        raise PermissionDenied
    return import_flow(
        request,
        kind="clubs",
        params={},
        make_resource=lambda: ClubResource(user=request.user),
        template="clubs/import.html",
        context={
            "title": _("ورود کانون‌ها از فایل"),
            "columns": [
                "شناسه کانون",
                "نام کانون",
                "شهرستان",
                "شهر یا روستا",
                "محله",
                "وضعیت",
                "محل استقرار",
                "نشانی",
                "تاریخ تشکیل",
                "تاریخ افتتاحیه",
                "سازمان‌های همکار",
                "عرض جغرافیایی",
                "طول جغرافیایی",
            ],
            "required": ["نام کانون", "شهرستان", "محله"],
            "template_url": reverse("clubs:club_export", args=["xlsx"]),
        },
        done_url=reverse("clubs:club_list"),
        upload_form_class=ImportUploadForm,
    )


def _check_format(fmt: str) -> None:
    if fmt not in ("xlsx", "csv"):
        raise Http404


@login_required
def member_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_format(fmt)
    if not selectors.can_import(request.user):
        raise PermissionDenied
    return export_response(
        MemberResource(user=request.user),
        members_for_export(request.user),
        fmt=fmt,
        filename="members",
    )


@login_required
def club_member_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    club = get_object_or_404(Club.objects.for_roles(request.user, IMPORT_ROLES), pk=pk)
    return export_response(
        MemberResource(user=request.user, club=club),
        members_for_export(request.user, club),
        fmt=fmt,
        filename=f"club-{club.pk}-members",
    )


@login_required
def club_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_format(fmt)
    if not Club.objects.for_roles(request.user, CLUB_ADMIN_ROLES).exists() and not (
        Neighborhood.objects.for_user(request.user, "change").exists()
    ):
        raise PermissionDenied
    return export_response(
        ClubResource(user=request.user), clubs_for_export(request.user), fmt=fmt, filename="clubs"
    )
