"""Rollout pages: the board, a club's checklist and its items (edit, evidence,
verify, send back), the review queue, roll-ups and the universities' action plan.

Every page starts from `for_user`: an id outside the user's scope is a 404; a page
in scope that the user may only read refuses changes with 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from clubs.models import Club
from clubs.rollout import exports, selectors, services
from clubs.rollout.forms import (
    BoardFilterForm,
    EvidenceLinkForm,
    EvidenceUploadForm,
    PlanEntryForm,
    PlanEvidenceForm,
    ProgressForm,
    RollupForm,
    SendBackForm,
    VerifyForm,
)
from clubs.rollout.models import (
    VERIFY,
    ActivityEvidence,
    ActivityProgress,
    BoardExport,
    ClubRollout,
    EvidenceKind,
    ExportStatus,
    PlanArea,
    PlanEvidence,
    PlanItem,
    PlanStatus,
    ProgressStatus,
    UniversityPlanEntry,
    plan_universities,
)
from core import jalali
from core.text import persian_digits

BOARD_PAGE_SIZE = 25
# Above this many clubs the XLSX export runs in a Celery worker.
SYNC_EXPORT_LIMIT = 3000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REVIEW_PAGE_SIZE = 50


def _errors_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# --- The board --------------------------------------------------------------------------


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user = request.user
    labels = selectors.phase_labels()
    filters = BoardFilterForm(request.GET or None, user=user, phase_labels=labels)
    clubs = selectors.board_clubs(user, **filters.values())
    page = Paginator(clubs, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    strategies = selectors.strategy_headers()
    return render(
        request,
        "rollout/board.html",
        {
            "filters": filters,
            "page": page,
            "strategies": strategies,
            "rows": selectors.board_rows(list(page), [s.number for s in strategies]),
            "can_review": user.has_role(Role.UNIVERSITY_STAFF),
        },
    )


def _sync_export_limit() -> int:
    return getattr(settings, "ROLLOUT_SYNC_EXPORT_LIMIT", SYNC_EXPORT_LIMIT)


@login_required
def board_export(request: HttpRequest) -> HttpResponse:
    """The board as XLSX: written in the request up to a few thousand clubs (a
    university), by a worker beyond that (a national export takes minutes)."""
    filters = BoardFilterForm(request.GET or None, user=request.user)
    values = filters.values()
    clubs = selectors.board_clubs(request.user, **values)
    if clubs.count() > _sync_export_limit():
        export = services.board_export_request(user=request.user, filters=values)
        return redirect("rollout:export_detail", pk=export.pk)
    content = exports.board_workbook(clubs)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_export_name()}"'
    return response


def _export_name() -> str:
    return f"rollout-{jalali.format_date(jalali.today(), style='iso', digits='en')}.xlsx"


def _own_export(request: HttpRequest, pk: int) -> BoardExport:
    return get_object_or_404(BoardExport.objects.filter(requested_by=request.user), pk=pk)


@login_required
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "rollout/export.html", {"export": _own_export(request, pk)})


@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _own_export(request, pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    return _file_response(export.file, XLSX, _export_name())


# --- A club's checklist -------------------------------------------------------------------


def _club(request: HttpRequest, club_id: int) -> Club:
    return get_object_or_404(
        Club.objects.for_user(request.user).select_related("neighborhood__county__university"),
        pk=club_id,
    )


def _can_edit(user, club: Club) -> bool:
    return Club.objects.for_user(user, "change").filter(pk=club.pk).exists()


def _can_verify(user, club: Club) -> bool:
    return ClubRollout.objects.for_user(user, VERIFY).filter(club=club).exists()


def _rollout(club: Club) -> ClubRollout:
    rollout = ClubRollout.objects.filter(club=club).select_related("version").first()
    if rollout is None:
        # First time anyone opens this club's checklist: build it from the portal's data.
        rollout = services.rollout_sync_club(club.pk).rollout
        if rollout is None:
            raise PermissionDenied(_("هنوز نسخه‌ای از الگوی استقرار منتشر نشده است."))
    return rollout


@login_required
def checklist(request: HttpRequest, club_id: int) -> HttpResponse:
    club = _club(request, club_id)
    rollout = _rollout(club)
    data = selectors.club_checklist(rollout)
    labels = selectors.phase_labels(rollout.version)
    return render(
        request,
        "rollout/checklist.html",
        {
            "club": club,
            "rollout": rollout,
            "checklist": data,
            "current_phase_label": labels.get(rollout.current_phase, ""),
            "reported_phase_label": labels.get(rollout.reported_phase, ""),
            "can_edit": _can_edit(request.user, club),
            "can_verify": _can_verify(request.user, club),
            "sent_back": [item for item in data.items if item.sent_back],
        },
    )


@login_required
@require_POST
def club_sync(request: HttpRequest, club_id: int) -> HttpResponse:
    club = _club(request, club_id)
    if not (_can_edit(request.user, club) or _can_verify(request.user, club)):
        raise PermissionDenied
    result = services.rollout_sync_club(club.pk)
    if result.proposed:
        messages.success(
            request,
            _("%(n)s فعالیت از روی داده‌های سامانه «انجام شد» پیشنهاد شد.")
            % {"n": persian_digits(len(result.proposed))},
        )
    else:
        messages.info(request, _("چک‌لیست با داده‌های سامانه به‌روز است."))
    return redirect("rollout:checklist", club_id=club.pk)


def _progress(club: Club, pk: int) -> ActivityProgress:
    return get_object_or_404(
        ActivityProgress.objects.filter(club=club).select_related(
            "activity__strategy__phase__version", "verified_by", "sent_back_by"
        ),
        pk=pk,
    )


def _item_context(request, club, progress, **forms) -> dict:
    rollout = ClubRollout.objects.select_related("version").get(club=club)
    is_current = progress.activity.strategy.phase.version_id == rollout.version_id
    can_edit = is_current and _can_edit(request.user, club)
    can_verify = is_current and _can_verify(request.user, club)
    locked = progress.status == ProgressStatus.VERIFIED and not can_verify
    evidence = list(
        progress.evidence.select_related(
            "meeting", "officer_term__membership__person", "thematic_group__topic", "added_by"
        )
    )
    return {
        "club": club,
        "rollout": rollout,
        "progress": progress,
        "activity": progress.activity,
        "is_current": is_current,
        "can_edit": can_edit and not locked,
        "can_verify": can_verify,
        "locked": locked,
        "evidence": evidence,
        "events": progress.events.select_related("actor")[:100],
        "form": forms.get("form") or (ProgressForm(instance=progress) if can_edit else None),
        "upload_form": forms.get("upload_form") or EvidenceUploadForm(),
        "link_form": forms.get("link_form") or (EvidenceLinkForm(club=club) if can_edit else None),
        "verify_form": forms.get("verify_form") or VerifyForm(),
        "send_back_form": forms.get("send_back_form") or SendBackForm(),
    }


@login_required
def item_detail(request: HttpRequest, club_id: int, pk: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    if request.method == "POST":
        context = _item_context(request, club, progress)
        if not context["can_edit"]:
            raise PermissionDenied
        form = ProgressForm(request.POST, instance=progress)
        if form.is_valid():
            try:
                services.progress_update(progress=progress, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("تغییرات «%(t)s» ذخیره شد.") % {"t": progress.activity})
                return redirect(_checklist_anchor(club, progress))
        return render(
            request, "rollout/item.html", _item_context(request, club, progress, form=form)
        )
    return render(request, "rollout/item.html", _item_context(request, club, progress))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _checklist_anchor(club: Club, progress: ActivityProgress) -> str:
    return reverse("rollout:checklist", args=[club.pk]) + f"#item-{progress.pk}"


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
@require_POST
def item_verify(request: HttpRequest, club_id: int, pk: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    if not _can_verify(request.user, club):
        raise PermissionDenied
    form = VerifyForm(request.POST)
    form.is_valid()
    try:
        services.progress_verify(
            progress=progress, by=request.user, comment=form.cleaned_data.get("comment", "")
        )
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("«%(t)s» تأیید شد.") % {"t": progress.activity})
    return redirect(_next_or(request, _checklist_anchor(club, progress)))


@login_required
@require_POST
def item_send_back(request: HttpRequest, club_id: int, pk: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    if not _can_verify(request.user, club):
        raise PermissionDenied
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.progress_send_back(
                progress=progress, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("«%(t)s» برای اصلاح به کانون بازگردانده شد.") % {"t": progress.activity}
            )
            return redirect(_next_or(request, _checklist_anchor(club, progress)))
    return render(
        request,
        "rollout/item.html",
        _item_context(request, club, progress, send_back_form=form),
        status=400,
    )


@login_required
@require_POST
def evidence_upload(request: HttpRequest, club_id: int, pk: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    context = _item_context(request, club, progress)
    if not context["can_edit"]:
        raise PermissionDenied
    form = EvidenceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        services.evidence_add_file(
            progress=progress,
            by=request.user,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("فایل «%(n)s» افزوده شد.") % {"n": form.checked.name})
        return redirect("rollout:item", club_id=club.pk, pk=progress.pk)
    return render(
        request,
        "rollout/item.html",
        _item_context(request, club, progress, upload_form=form),
        status=400,
    )


@login_required
@require_POST
def evidence_link(request: HttpRequest, club_id: int, pk: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    context = _item_context(request, club, progress)
    if not context["can_edit"]:
        raise PermissionDenied
    form = EvidenceLinkForm(request.POST, club=club)
    if form.is_valid():
        services.evidence_link(
            progress=progress, by=request.user, record=form.record, note=form.cleaned_data["note"]
        )
        messages.success(request, _("سابقه به مستندات افزوده شد."))
        return redirect("rollout:item", club_id=club.pk, pk=progress.pk)
    return render(
        request,
        "rollout/item.html",
        _item_context(request, club, progress, link_form=form),
        status=400,
    )


@login_required
@require_POST
def evidence_delete(request: HttpRequest, club_id: int, pk: int, evidence_id: int) -> HttpResponse:
    club = _club(request, club_id)
    progress = _progress(club, pk)
    evidence = get_object_or_404(progress.evidence, pk=evidence_id)
    context = _item_context(request, club, progress)
    if not (context["can_edit"] or context["can_verify"]):
        raise PermissionDenied
    try:
        services.evidence_remove(evidence=evidence, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("مستند حذف شد."))
    return redirect("rollout:item", club_id=club.pk, pk=progress.pk)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(
        ActivityEvidence.objects.for_user(request.user).filter(kind=EvidenceKind.FILE),
        pk=evidence_id,
    )
    return _file_response(evidence.file, evidence.content_type, evidence.original_name)


def _file_response(file, content_type: str, name: str) -> FileResponse:
    """Serve a private file: photos inline, anything else (PDFs) as a download, so no
    uploaded document runs in the portal's origin; never cached, never sniffed."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=content_type,
        filename=name,
        as_attachment=not content_type.startswith("image/"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The review queue -----------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.UNIVERSITY_STAFF) and not request.user.is_superuser:
        raise PermissionDenied
    items = (
        selectors.waiting_for_verification(request.user)
        .select_related("club__neighborhood__county", "activity__strategy")
        .annotate(evidence_count=Count("evidence"))
        .order_by("completed_on", "pk")
    )
    page = Paginator(items, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rollout/review.html", {"page": page})


# --- Roll-ups ------------------------------------------------------------------------------


@login_required
def rollups(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_role(*selectors.REGION_ROLES) and not user.is_superuser:
        raise PermissionDenied
    form = RollupForm(request.GET or None, user=user)
    values = form.values()
    clubs = selectors.board_clubs(user, university=values["university"])
    total = selectors.rollup(user, clubs=clubs)[0]
    groups = (
        selectors.rollup(user, group_by=values["group_by"], clubs=clubs)
        if values["group_by"]
        else []
    )
    strategies = selectors.strategy_headers()
    return render(
        request,
        "rollout/rollups.html",
        {
            "form": form,
            "total": total,
            "groups": groups,
            "group_by": values["group_by"],
            "strategies": strategies,
            "phase_columns": selectors.phase_columns(),
        },
    )


# --- The universities' action plan -------------------------------------------------------------


def _plan_areas():
    return PlanArea.objects.prefetch_related(
        Prefetch("items", queryset=PlanItem.objects.filter(is_active=True).order_by("number"))
    ).order_by("number")


@login_required
def plan_overview(request: HttpRequest) -> HttpResponse:
    universities = plan_universities().for_user(request.user).select_related("province")
    if not universities.exists():
        raise PermissionDenied
    if not request.user.has_role(Role.MINISTRY_ADMIN) and universities.count() == 1:
        return redirect("rollout:plan_university", university_id=universities.get().pk)
    universities = list(universities.order_by("province__name", "name"))
    areas = list(_plan_areas())
    items = [item for area in areas for item in area.items.all()]
    entries = {
        (entry.university_id, entry.item_id): entry
        for entry in UniversityPlanEntry.objects.for_user(request.user).filter(
            university__in=universities
        )
    }
    rows = []
    for university in universities:
        cells = [entries.get((university.pk, item.pk)) for item in items]
        done = sum(1 for cell in cells if cell and cell.status == PlanStatus.DONE)
        rows.append({"university": university, "cells": cells, "done": done})
    return render(
        request,
        "rollout/plan_overview.html",
        {"areas": areas, "items": items, "rows": rows, "item_count": len(items)},
    )


def _plan_university(request: HttpRequest, university_id: int, action: str = "view"):
    return get_object_or_404(plan_universities().for_user(request.user, action), pk=university_id)


@login_required
def plan_university(request: HttpRequest, university_id: int) -> HttpResponse:
    university = _plan_university(request, university_id)
    entries = {
        entry.item_id: entry
        for entry in UniversityPlanEntry.objects.for_user(request.user)
        .filter(university=university)
        .annotate(evidence_count=Count("evidence"))
    }
    areas = []
    for area in _plan_areas():
        areas.append(
            {"area": area, "rows": [(item, entries.get(item.pk)) for item in area.items.all()]}
        )
    return render(
        request,
        "rollout/plan_university.html",
        {
            "university": university,
            "areas": areas,
            "can_edit": plan_universities()
            .for_user(request.user, "change")
            .filter(pk=university.pk)
            .exists(),
        },
    )


@login_required
def plan_item(request: HttpRequest, university_id: int, item_id: int) -> HttpResponse:
    university = _plan_university(request, university_id)
    item = get_object_or_404(PlanItem.objects.select_related("area"), pk=item_id)
    can_edit = (
        plan_universities().for_user(request.user, "change").filter(pk=university.pk).exists()
    )
    entry = UniversityPlanEntry.objects.filter(university=university, item=item).first()
    form = PlanEntryForm(instance=entry) if can_edit else None
    upload_form = PlanEvidenceForm() if can_edit else None
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        entry = entry or services.plan_entry_for(university=university, item=item)
        if "file" in request.FILES or request.POST.get("action") == "upload":
            upload_form = PlanEvidenceForm(request.POST, request.FILES)
            if upload_form.is_valid():
                services.plan_evidence_add(
                    entry=entry, by=request.user, upload=upload_form.cleaned_data["file"]
                )
                messages.success(request, _("فایل افزوده شد."))
                return redirect("rollout:plan_item", university_id=university.pk, item_id=item.pk)
            status = 400
        else:
            form = PlanEntryForm(request.POST, instance=entry)
            if form.is_valid():
                try:
                    services.plan_entry_update(entry=entry, by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    _add_errors(form, error)
                    status = 400
                else:
                    messages.success(request, _("تغییرات «%(t)s» ذخیره شد.") % {"t": item})
                    return redirect("rollout:plan_university", university_id=university.pk)
            else:
                status = 400
    evidence = list(entry.evidence.select_related("uploaded_by")) if entry else []
    return render(
        request,
        "rollout/plan_item.html",
        {
            "university": university,
            "item": item,
            "entry": entry,
            "form": form,
            "upload_form": upload_form,
            "evidence": evidence,
            "can_edit": can_edit,
        },
        status=status,
    )


@login_required
@require_POST
def plan_evidence_delete(
    request: HttpRequest, university_id: int, item_id: int, evidence_id: int
) -> HttpResponse:
    university = _plan_university(request, university_id, "change")
    evidence = get_object_or_404(
        PlanEvidence.objects.for_user(request.user, "change").filter(
            entry__university=university, entry__item_id=item_id
        ),
        pk=evidence_id,
    )
    services.plan_evidence_remove(evidence=evidence, by=request.user)
    messages.success(request, _("مستند حذف شد."))
    return redirect("rollout:plan_item", university_id=university.pk, item_id=item_id)


@login_required
def plan_evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(PlanEvidence.objects.for_user(request.user), pk=evidence_id)
    return _file_response(evidence.file, evidence.content_type, evidence.original_name)
