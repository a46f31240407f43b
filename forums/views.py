"""Pages of the forums. Every object comes through `for_user` (outside the user's
scope: 404); writing needs the forum's secretariat (otherwise 403); the services do
the work and refuse invalid transitions with a Persian message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forums import selectors, services
from forums.forms import (
    AcknowledgeForm,
    ForumFilterForm,
    IssueFilterForm,
    IssueRaiseForm,
    MergeForm,
    NoteForm,
    PolicyForm,
    PriorityForm,
    ReferForm,
    ResolveForm,
    ReturnForm,
    SeatForm,
    SessionForm,
)
from forums.models import (
    LEVEL_ORDER,
    Forum,
    ForumLevel,
    Issue,
    IssueStatus,
    Policy,
    PolicyAdoption,
)
from forums.scoping import runs_forum
from forums.services import IssueAction

PAGE_SIZE = 50

LEVEL_RANK = Case(
    *[When(level=level, then=Value(rank)) for rank, level in enumerate(reversed(LEVEL_ORDER))],
    output_field=IntegerField(),
)


def _forum(request: HttpRequest, pk: int) -> Forum:
    return get_object_or_404(
        Forum.objects.for_user(request.user).select_related("parent", "province", "county"), pk=pk
    )


def _forum_to_run(request: HttpRequest, pk: int) -> Forum:
    """A forum the user reads (else 404) and runs (else 403)."""
    forum = _forum(request, pk)
    if not runs_forum(request.user, forum):
        raise PermissionDenied(_("فقط دبیرخانه این مجمع می‌تواند این کار را انجام دهد."))
    return forum


def _issue(request: HttpRequest, pk: int) -> Issue:
    return get_object_or_404(
        Issue.objects.for_user(request.user).select_related(
            "origin_forum",
            "current_forum__parent",
            "referred_from",
            "category",
            "merged_into",
            "resolved_forum",
            "raised_by",
            "source_session",
        ),
        pk=pk,
    )


def _show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Forums ---------------------------------------------------------------------------


@login_required
def forum_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = ForumFilterForm(request.GET or None)
    forums = Forum.objects.for_user(user)
    if filters.is_valid():
        if filters.cleaned_data.get("mine"):
            forums = Forum.objects.for_user(user, "change")
        if filters.cleaned_data.get("level"):
            forums = forums.filter(level=filters.cleaned_data["level"])
        if filters.cleaned_data.get("q"):
            forums = forums.filter(name__icontains=filters.cleaned_data["q"])
    forums = selectors.forums_with_counts(
        forums.select_related("parent")
        .annotate(level_rank=LEVEL_RANK)
        .order_by("level_rank", "name")
    )
    page = Paginator(forums, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = list(
        selectors.forums_with_counts(
            Forum.objects.for_user(user, "change")
            .annotate(level_rank=LEVEL_RANK)
            .order_by("level_rank", "name")
        )[:12]
    )
    return render(
        request, "forums/forum_list.html", {"page": page, "filters": filters, "mine": mine}
    )


@login_required
def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum(request, pk)
    today = timezone.localdate()
    runs = runs_forum(request.user, forum)
    here = selectors.forum_inbox(forum, today)
    raised = selectors.issue_list_queryset(
        forum.raised_issues.exclude(current_forum=forum)
    ).order_by("-created_at")
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "runs": runs,
            "today": today,
            "composition": selectors.seats_by_category(forum, today),
            "sessions": forum.sessions.annotate(attendee_count=Count("attendees"))[:10],
            "session_count": forum.sessions.count(),
            "issues_here": here[:20],
            "issues_here_count": here.count(),
            "raised_elsewhere": raised[:20],
            "children_count": forum.children.count(),
            "adoptions": forum.policy_adoptions.select_related("policy__forum").order_by(
                "acknowledged_at", "-policy__approved_on"
            )[:10],
            "policies": forum.policies.all()[:10],
        },
    )


@login_required
def forum_inbox(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum(request, pk)
    today = timezone.localdate()
    runs = runs_forum(request.user, forum)
    issues = selectors.forum_inbox(forum, today)
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/forum_inbox.html",
        {
            "forum": forum,
            "runs": runs,
            "page": page,
            "today": today,
            "waiting": forum.current_issues.filter(status=IssueStatus.REFERRED).count(),
            "overdue": forum.current_issues.overdue(today).count(),
            "merge_form": MergeForm(forum=forum) if runs else None,
        },
    )


@login_required
def forum_merge(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    form = MergeForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            rollup = services.issue_merge(
                forum=forum,
                by=request.user,
                issues=form.cleaned_data["issues"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(
                request,
                _("%(count)s مسئله در «%(title)s» ادغام شد.")
                % {"count": len(form.cleaned_data["issues"]), "title": rollup.title},
            )
            return redirect("forums:issue_detail", rollup.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("ادغام مسائل ارجاعی"),
            "submit": _("ادغام"),
            "cancel": forum_url(forum, "inbox"),
        },
    )


def forum_url(forum: Forum, page: str = "detail") -> str:
    return reverse(f"forums:forum_{page}", args=[forum.pk])


# --- Composition and sessions ---------------------------------------------------------


@login_required
def seat_create(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    form = SeatForm(request.POST or None, forum=forum, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_create(forum=forum, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("عضو مجمع ثبت شد."))
            return redirect("forums:forum_detail", forum.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("افزودن عضو به ترکیب مجمع"),
            "submit": _("ثبت"),
            "cancel": forum_url(forum),
        },
    )


@login_required
def seat_edit(request: HttpRequest, pk: int, seat_pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    seat = get_object_or_404(forum.seats, pk=seat_pk)
    form = SeatForm(request.POST or None, instance=seat, forum=forum, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_update(seat=seat, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("تغییرات عضو مجمع ذخیره شد."))
            return redirect("forums:forum_detail", forum.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("ویرایش عضو مجمع"),
            "submit": _("ذخیره"),
            "cancel": forum_url(forum),
            "delete_url": request.path.replace("/edit/", "/delete/"),
        },
    )


@login_required
@require_POST
def seat_delete(request: HttpRequest, pk: int, seat_pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    seat = get_object_or_404(forum.seats, pk=seat_pk)
    services.seat_delete(seat=seat, by=request.user)
    messages.success(request, _("«%(name)s» از ترکیب مجمع حذف شد.") % {"name": seat.person_name})
    return redirect("forums:forum_detail", forum.pk)


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    form = SessionForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_record(forum=forum, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("جلسه مجمع ثبت شد."))
            return redirect("forums:session_detail", forum.pk, session.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("ثبت جلسه مجمع"),
            "submit": _("ثبت جلسه"),
            "cancel": forum_url(forum),
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    forum = _forum(request, pk)
    session = get_object_or_404(forum.sessions.select_related("recorded_by"), pk=session_pk)
    return render(
        request,
        "forums/session_detail.html",
        {
            "forum": forum,
            "session": session,
            "runs": runs_forum(request.user, forum),
            "attendees": session.attendees.all(),
            "seat_count": forum.seats.current().count(),
            "agenda_issues": session.agenda_issues.select_related("origin_forum", "current_forum"),
            "raised": session.raised_issues.all(),
        },
    )


@login_required
def session_edit(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    session = get_object_or_404(forum.sessions, pk=session_pk)
    form = SessionForm(request.POST or None, instance=session, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("تغییرات جلسه ذخیره شد."))
            return redirect("forums:session_detail", forum.pk, session.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("ویرایش جلسه مجمع"),
            "submit": _("ذخیره"),
            "cancel": forum_url(forum),
        },
    )


# --- Issues ---------------------------------------------------------------------------


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = IssueFilterForm(request.GET or None)
    issues = filters.filter(Issue.objects.for_user(request.user), today)
    issues = selectors.issue_list_queryset(issues).order_by("-created_at", "-pk")
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "forums/issue_list.html", {"page": page, "filters": filters, "today": today}
    )


@login_required
def issue_raise(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    form = IssueRaiseForm(request.POST or None, forum=forum, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_raise(forum=forum, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("مسئله «%(title)s» ثبت شد.") % {"title": issue.title})
            return redirect("forums:issue_detail", issue.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("طرح مسئله در %(forum)s") % {"forum": forum},
            "submit": _("ثبت مسئله"),
            "cancel": forum_url(forum),
        },
    )


@dataclass(frozen=True)
class ActionSpec:
    form: type
    run: Callable
    label: str
    button: str  # Bootstrap colour
    done: str


def _optional(value: str) -> str | None:
    return value or None


ACTIONS: dict[str, ActionSpec] = {
    IssueAction.ACCEPT: ActionSpec(
        NoteForm,
        lambda issue, user, d: services.issue_accept(
            issue=issue,
            by=user,
            note=d["note"],
            owner_name=_optional(d["owner_name"]),
            due_on=d["due_on"],
        ),
        gettext_lazy("پذیرش مسئله"),
        "success",
        gettext_lazy("مسئله پذیرفته شد."),
    ),
    IssueAction.START_WORK: ActionSpec(
        NoteForm,
        lambda issue, user, d: services.issue_start_work(
            issue=issue,
            by=user,
            note=d["note"],
            owner_name=_optional(d["owner_name"]),
            due_on=d["due_on"],
        ),
        gettext_lazy("آغاز اقدام"),
        "primary",
        gettext_lazy("اقدام روی مسئله آغاز شد."),
    ),
    IssueAction.RESOLVE: ActionSpec(
        ResolveForm,
        lambda issue, user, d: services.issue_resolve(
            issue=issue, by=user, resolution=d["resolution"]
        ),
        gettext_lazy("حل مسئله و ثبت راه‌حل"),
        "success",
        gettext_lazy("مسئله حل‌شده ثبت شد."),
    ),
    IssueAction.REFER: ActionSpec(
        ReferForm,
        lambda issue, user, d: services.issue_refer_up(
            issue=issue, by=user, reason=d["reason"], due_on=d["due_on"]
        ),
        gettext_lazy("ارجاع به سطح بالاتر"),
        "warning",
        gettext_lazy("مسئله به سطح بالاتر ارجاع شد."),
    ),
    IssueAction.RETURN: ActionSpec(
        ReturnForm,
        lambda issue, user, d: services.issue_return(issue=issue, by=user, guidance=d["guidance"]),
        gettext_lazy("بازگرداندن با رهنمود"),
        "info",
        gettext_lazy("مسئله با رهنمود به سطح پایین‌تر بازگردانده شد."),
    ),
    IssueAction.PRIORITIZE: ActionSpec(
        PriorityForm,
        lambda issue, user, d: services.issue_prioritize(
            issue=issue,
            by=user,
            severity=d["severity"],
            reach=d["reach"],
            feasibility=d["feasibility"],
            note=d["note"],
        ),
        gettext_lazy("تعیین اولویت"),
        "secondary",
        gettext_lazy("اولویت مسئله ثبت شد."),
    ),
}


def _action_forms(issue: Issue, allowed: list[str]) -> list[dict]:
    forms = []
    for action in ACTIONS:
        if action not in allowed:
            continue
        spec = ACTIONS[action]
        initial = (
            {"severity": issue.severity, "reach": issue.reach, "feasibility": issue.feasibility}
            if action == IssueAction.PRIORITIZE
            else None
        )
        forms.append(
            {
                "action": action,
                "label": _action_label(issue, action),
                "button": spec.button,
                "form": spec.form(initial=initial, prefix=action),
            }
        )
    return forms


def _action_label(issue: Issue, action: str) -> str:
    if action == IssueAction.REFER and issue.current_forum.parent_id:
        return _("ارجاع به سطح بالاتر: %(forum)s") % {"forum": issue.current_forum.parent}
    if action == IssueAction.RETURN and issue.referred_from_id:
        return _("بازگرداندن با رهنمود به %(forum)s") % {"forum": issue.referred_from}
    if action == IssueAction.RESOLVE and issue.current_forum_id != issue.origin_forum_id:
        return _("حل مسئله در این سطح و ثبت راه‌حل")
    return str(ACTIONS[action].label)


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    runs = runs_forum(request.user, issue.current_forum)
    allowed = services.allowed_actions(issue, runs_current_forum=runs)
    return render(
        request,
        "forums/issue_detail.html",
        {
            "issue": issue,
            "runs": runs,
            "today": timezone.localdate(),
            "timeline": selectors.issue_timeline(issue),
            "path": selectors.issue_path(issue),
            "merged": issue.merged_issues.select_related("origin_forum", "referred_from"),
            "guidance": selectors.latest_guidance(issue)
            if issue.status == IssueStatus.RETURNED
            else None,
            "action_forms": _action_forms(issue, allowed),
        },
    )


@login_required
def issue_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    issue = _issue(request, pk)
    if spec is None:
        raise Http404
    if not runs_forum(request.user, issue.current_forum):
        raise PermissionDenied(_("فقط دبیرخانه مجمعی که مسئله اکنون در آن است می‌تواند اقدام کند."))
    error = services.transition_error(issue, action)
    if error:
        messages.error(request, error)
        return redirect("forums:issue_detail", issue.pk)
    form = spec.form(request.POST or None, prefix=action)
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(issue, request.user, form.cleaned_data)
        except ValidationError as error:
            _show_errors(request, error)
            return redirect("forums:issue_detail", issue.pk)
        messages.success(request, str(spec.done))
        return redirect("forums:issue_detail", issue.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "issue": issue,
            "forum": issue.current_forum,
            "heading": f"{_action_label(issue, action)} — {issue.title}",
            "submit": _action_label(issue, action),
            "cancel": _issue_url(issue),
        },
    )


def _issue_url(issue: Issue) -> str:
    return reverse("forums:issue_detail", args=[issue.pk])


# --- Policies -------------------------------------------------------------------------


@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    run_forums = Forum.objects.for_user(user, "change")
    policies = (
        Policy.objects.for_user(user)
        .select_related("forum")
        .annotate(
            receivers=Count("adoptions", distinct=True),
            acknowledged=Count(
                "adoptions", filter=Q(adoptions__acknowledged_at__isnull=False), distinct=True
            ),
        )
        .order_by("-approved_on", "-pk")
    )
    page = Paginator(policies, PAGE_SIZE).get_page(request.GET.get("page"))
    pending = (
        PolicyAdoption.objects.filter(
            forum__in=run_forums.values("pk"), acknowledged_at__isnull=True
        )
        .select_related("policy__forum", "forum")
        .order_by("-policy__approved_on")[:20]
    )
    can_issue = list(
        run_forums.filter(level__in=[ForumLevel.SUPREME, ForumLevel.NATIONAL, ForumLevel.PROVINCE])
    )
    return render(
        request,
        "forums/policy_list.html",
        {"page": page, "pending": pending, "can_issue": can_issue},
    )


@login_required
def policy_create(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _forum_to_run(request, pk)
    if not forum.can_issue_policies:
        raise PermissionDenied(_("سیاست‌ها در مجامع ملی و استانی تصویب و ابلاغ می‌شوند."))
    form = PolicyForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_issue(forum=forum, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("سیاست «%(title)s» به %(count)s مجمع سطح پایین‌تر ابلاغ شد.")
                % {"title": policy.title, "count": policy.adoptions.count()},
            )
            return redirect("forums:policy_detail", policy.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": forum,
            "heading": _("تصویب و ابلاغ سیاست — %(forum)s") % {"forum": forum},
            "submit": _("ثبت و ابلاغ به مجامع سطح پایین‌تر"),
            "cancel": forum_url(forum),
        },
    )


@login_required
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    policy = get_object_or_404(
        Policy.objects.for_user(user).select_related("forum", "session", "created_by"), pk=pk
    )
    visible = policy.adoptions.filter(forum__in=Forum.objects.for_user(user).values("pk"))
    level = request.GET.get("level", "")
    state = request.GET.get("state", "")
    rows = visible.select_related("forum__parent", "acknowledged_by").annotate(
        rank=Case(
            *[When(forum__level=lv, then=Value(i)) for i, lv in enumerate(reversed(LEVEL_ORDER))],
            output_field=IntegerField(),
        )
    )
    if level in ForumLevel.values:
        rows = rows.filter(forum__level=level)
    if state == "acknowledged":
        rows = rows.filter(acknowledged_at__isnull=False)
    elif state == "pending":
        rows = rows.filter(acknowledged_at__isnull=True)
    page = Paginator(rows.order_by("rank", "acknowledged_at", "forum__name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    runs_ids = set(
        Forum.objects.for_user(user, "change")
        .filter(pk__in=[row.forum_id for row in page])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "forums/policy_detail.html",
        {
            "policy": policy,
            "coverage": selectors.policy_coverage(visible),
            "page": page,
            "runs_ids": runs_ids,
            "levels": [(lv.value, lv.label) for lv in reversed(LEVEL_ORDER)],
            "level": level,
            "state": state,
        },
    )


@login_required
def adoption_acknowledge(request: HttpRequest, pk: int, adoption_pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.for_user(request.user).select_related("forum"), pk=pk)
    adoption = get_object_or_404(policy.adoptions.select_related("forum"), pk=adoption_pk)
    if not Forum.objects.for_user(request.user).filter(pk=adoption.forum_id).exists():
        raise Http404
    if not runs_forum(request.user, adoption.forum):
        raise PermissionDenied(_("فقط دبیرخانه همین مجمع می‌تواند وصول سیاست را اعلام کند."))
    form = AcknowledgeForm(request.POST or None, initial={"adaptation": adoption.adaptation})
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_acknowledge(
                adoption=adoption, by=request.user, adaptation=form.cleaned_data["adaptation"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("وصول سیاست و تطبیق محلی آن ثبت شد."))
            return redirect("forums:policy_detail", policy.pk)
    return render(
        request,
        "forums/form_page.html",
        {
            "form": form,
            "forum": adoption.forum,
            "policy": policy,
            "heading": _("اعلام وصول و تطبیق محلی: %(title)s") % {"title": policy.title},
            "submit": _("ثبت"),
            "cancel": _policy_url(policy),
        },
    )


def _policy_url(policy: Policy) -> str:
    return reverse("forums:policy_detail", args=[policy.pk])
