"""Thin views: fetch through `for_user` (an id outside the user's scope is a 404),
check the role (403), call one service, render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from clubs.models import Club
from core.text import persian_digits
from regions.models import MedicalUniversity, Neighborhood
from surveys import exports, selectors, services
from surveys.forms import (
    NATIONAL,
    CampaignForm,
    IndicatorForm,
    IndicatorTargetForm,
    IndicatorViewForm,
    QuestionForm,
    QuestionnaireForm,
    RegionFilterForm,
    ResponseStartForm,
    SectionForm,
    XLSFormImportForm,
    field_name,
    owner_choices,
    periods_of,
    response_form_class,
    response_initial,
    show_if_attrs,
)
from surveys.indicators import LEVEL_LABELS, REGISTRY, indicator_table
from surveys.models import (
    DESIGNER_ROLES,
    FILLER_ROLES,
    Campaign,
    CampaignStatus,
    CampaignTarget,
    Indicator,
    IndicatorSource,
    Questionnaire,
    QuestionnaireKind,
    Response,
    ResponseStatus,
)
from surveys.specs import describe_condition
from surveys.xlsform import XLSFormInvalid, export_xlsform, form_id_for, parse_xlsform

PAGE_SIZE = 50
ALL_ROLES = frozenset(Role.values)
# Who reads questionnaires: their designers and the forum secretariats.
READER_ROLES = frozenset(
    {
        Role.MINISTRY_ADMIN,
        Role.UNIVERSITY_STAFF,
        Role.PROVINCE_SECRETARIAT,
        Role.COUNTY_SECRETARIAT,
    }
)


def _render(request, template: str, context: dict) -> HttpResponse:
    context.setdefault("show_questionnaires", request.user.has_role(*READER_ROLES))
    return render(request, template, context)


def _require(user, roles) -> None:
    if not user.has_role(*roles):
        raise PermissionDenied


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [message for messages_ in exc.message_dict.values() for message in messages_]
    return list(exc.messages)


# --- Questionnaires ---------------------------------------------------------------------------


def _questionnaire(request, pk: int, action: str = "view") -> Questionnaire:
    _require(request.user, READER_ROLES if action == "view" else DESIGNER_ROLES)
    return get_object_or_404(
        Questionnaire.objects.for_user(request.user, action).select_related(
            "current_version", "owner_university"
        ),
        pk=pk,
    )


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, READER_ROLES)
    user = request.user
    show_archived = request.GET.get("archived") == "1"
    questionnaires = (
        Questionnaire.objects.for_user(user)
        .filter(is_archived=show_archived)
        .select_related("owner_university", "current_version")
        .annotate(
            campaign_count=Count("campaigns", distinct=True),
            question_count=Count("current_version__questions", distinct=True),
        )
        .order_by("owner_university__name", "title")
    )
    changeable = set(Questionnaire.objects.for_user(user, "change").values_list("pk", flat=True))
    page = Paginator(questionnaires, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "surveys/questionnaire_list.html",
        {
            "page": page,
            "changeable": changeable,
            "can_create": user.has_role(*DESIGNER_ROLES),
            "show_archived": show_archived,
        },
    )


@login_required
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, DESIGNER_ROLES)
    form = QuestionnaireForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create(
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            kind=form.cleaned_data["kind"],
            owner_university=form.owner_university(),
            by=request.user,
        )
        messages.success(request, _("پرسشنامه ساخته شد؛ اکنون پرسش‌ها را بیفزایید."))
        return redirect(questionnaire)
    return _render(request, "surveys/questionnaire_form.html", {"form": form})


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    form = QuestionnaireForm(
        request.POST or None,
        user=request.user,
        with_owner=False,
        initial={
            "title": questionnaire.title,
            "kind": questionnaire.kind,
            "description": questionnaire.description,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.questionnaire_update(
            questionnaire=questionnaire,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            kind=form.cleaned_data["kind"],
            by=request.user,
        )
        messages.success(request, _("مشخصات پرسشنامه ذخیره شد."))
        return redirect(questionnaire)
    return _render(
        request, "surveys/questionnaire_form.html", {"form": form, "questionnaire": questionnaire}
    )


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    versions = list(
        questionnaire.versions.annotate(response_count=Count("responses")).order_by("-number")
    )
    version = questionnaire.current_version
    if request.GET.get("version"):
        version = next((v for v in versions if str(v.number) == request.GET["version"]), None)
        if version is None:
            raise Http404
    current = next(v for v in versions if v.pk == questionnaire.current_version_id)
    can_change = Questionnaire.objects.for_user(request.user, "change").filter(pk=pk).exists()
    sections = selectors.version_sections(version)
    by_pk = {q.pk: q for _s, qs in sections for q in qs}
    for question in by_pk.values():
        if question.has_condition:
            source = by_pk[question.condition_question_id]
            value = dict(source.option_pairs()).get(
                question.condition_value, question.condition_value
            )
            question.condition_text = describe_condition(
                source.label, question.condition_operator, value
            )
    return _render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "version": version,
            "versions": versions,
            "sections": sections,
            "is_current": version.pk == questionnaire.current_version_id,
            "locked": current.response_count > 0,
            "can_change": can_change and version.pk == questionnaire.current_version_id,
            "can_copy": request.user.has_role(*DESIGNER_ROLES),
        },
    )


@login_required
def questionnaire_preview(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    version = questionnaire.current_version
    questions = selectors.version_questions(version)
    form = response_form_class(questions)()
    return _render(
        request,
        "surveys/response_fill.html",
        {
            "preview": True,
            "questionnaire": questionnaire,
            "blocks": _blocks(version, form, questions),
            "form": form,
        },
    )


@login_required
def questionnaire_export(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    version = questionnaire.current_version
    if request.GET.get("version"):
        version = get_object_or_404(questionnaire.versions, number=request.GET["version"])
    spec = selectors.version_spec(version)
    content = export_xlsform(
        spec, form_id=form_id_for(questionnaire.title, pk), version=version.number
    )
    return _xlsx(content, f"xlsform-{pk}-v{version.number}.xlsx")


@login_required
def questionnaire_import(request: HttpRequest) -> HttpResponse:
    _require(request.user, DESIGNER_ROLES)
    form = XLSFormImportForm(request.POST or None, request.FILES or None, user=request.user)
    import_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = parse_xlsform(form.cleaned_data["file"].read())
            result.spec.kind = form.cleaned_data["kind"]
            questionnaire = services.questionnaire_create_from_spec(
                spec=result.spec, owner_university=form.owner_university(), by=request.user
            )
        except XLSFormInvalid as exc:
            import_errors = [str(error) for error in exc.errors]
        except ValidationError as exc:
            import_errors = _errors(exc)
        else:
            messages.success(
                request,
                _("پرسشنامه «%(title)s» با %(n)s پرسش وارد شد.")
                % {"title": questionnaire.title, "n": persian_digits(len(result.spec.questions()))},
            )
            for notice in result.notices:
                messages.info(request, notice)
            return redirect(questionnaire)
    return _render(
        request, "surveys/questionnaire_import.html", {"form": form, "import_errors": import_errors}
    )


@login_required
@require_POST
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """A copy the user may edit: owned by the chosen (or first) owner they can act for."""
    questionnaire = _questionnaire(request, pk)
    _require(request.user, DESIGNER_ROLES)
    choices = dict(owner_choices(request.user))
    owner = request.POST.get("owner")
    if owner not in choices:
        owner = next(iter(choices))
    university = None if owner == NATIONAL else get_object_or_404(MedicalUniversity, pk=owner)
    copy = services.questionnaire_copy(
        questionnaire=questionnaire, owner_university=university, by=request.user
    )
    messages.success(request, _("رونوشتی از پرسشنامه ساخته شد که می‌توانید آن را ویرایش کنید."))
    return redirect(copy)


@login_required
@require_POST
def questionnaire_archive(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    archived = request.POST.get("archived") == "1"
    services.questionnaire_set_archived(
        questionnaire=questionnaire, archived=archived, by=request.user
    )
    messages.success(
        request, _("پرسشنامه بایگانی شد.") if archived else _("پرسشنامه از بایگانی درآمد.")
    )
    return redirect(questionnaire)


def _changed_message(request, questionnaire: Questionnaire, before_version_id: int) -> None:
    questionnaire.refresh_from_db(fields=["current_version"])
    if questionnaire.current_version_id != before_version_id:
        messages.info(
            request,
            _(
                "چون نسخه پیشین پاسخ داشت، نسخه %(n)s ساخته شد؛ پاسخ‌های قبلی به نسخه خود وابسته می‌مانند."
            )
            % {"n": persian_digits(questionnaire.current_version.number)},
        )


@login_required
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _section_form(request, pk, None)


@login_required
def section_edit(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    return _section_form(request, pk, section_id)


def _section_form(request, pk: int, section_id: int | None) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    section = (
        get_object_or_404(questionnaire.current_version.sections, pk=section_id)
        if section_id
        else None
    )
    initial = {"title": section.title, "description": section.description} if section else {}
    form = SectionForm(request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        before = questionnaire.current_version_id
        try:
            services.section_save(
                questionnaire=questionnaire,
                section=section,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            _changed_message(request, questionnaire, before)
            messages.success(request, _("بخش ذخیره شد."))
            return redirect(questionnaire)
    return _render(
        request,
        "surveys/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section, "errors": errors},
    )


@login_required
@require_POST
def section_delete(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    section = get_object_or_404(questionnaire.current_version.sections, pk=section_id)
    return _builder_action(
        request,
        questionnaire,
        lambda: services.section_delete(
            questionnaire=questionnaire, section=section, by=request.user
        ),
        _("بخش حذف شد."),
    )


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    section = get_object_or_404(questionnaire.current_version.sections, pk=section_id)
    up = request.POST.get("direction") == "up"
    return _builder_action(
        request,
        questionnaire,
        lambda: services.section_move(
            questionnaire=questionnaire, section=section, up=up, by=request.user
        ),
        _("ترتیب بخش‌ها تغییر کرد."),
    )


def _builder_action(request, questionnaire, action, success: str) -> HttpResponse:
    before = questionnaire.current_version_id
    try:
        action()
    except ValidationError as exc:
        for error in _errors(exc):
            messages.error(request, error)
    else:
        _changed_message(request, questionnaire, before)
        messages.success(request, success)
    return redirect(questionnaire)


@login_required
def question_create(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    section = get_object_or_404(questionnaire.current_version.sections, pk=section_id)
    return _question_form(request, questionnaire, section, None)


@login_required
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    question = get_object_or_404(
        questionnaire.current_version.questions.select_related("section", "condition_question"),
        pk=question_id,
    )
    return _question_form(request, questionnaire, question.section, question)


def _question_form(request, questionnaire, section, question) -> HttpResponse:
    version = questionnaire.current_version
    form = QuestionForm(
        request.POST or None,
        version=version,
        question=question,
        initial={"section": section.pk},
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        before = questionnaire.current_version_id
        try:
            services.question_save(
                questionnaire=questionnaire,
                section=form.cleaned_data["section"],
                question=question,
                spec=form.to_spec(),
                by=request.user,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            _changed_message(request, questionnaire, before)
            messages.success(request, _("پرسش ذخیره شد."))
            return redirect(
                f"{questionnaire.get_absolute_url()}#section-{form.cleaned_data['section'].order}"
            )
    return _render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "section": section,
            "question": question,
            "errors": errors,
            "locked": services.version_is_locked(version),
        },
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    question = get_object_or_404(questionnaire.current_version.questions, pk=question_id)
    return _builder_action(
        request,
        questionnaire,
        lambda: services.question_delete(
            questionnaire=questionnaire, question=question, by=request.user
        ),
        _("پرسش حذف شد."),
    )


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk, "change")
    question = get_object_or_404(questionnaire.current_version.questions, pk=question_id)
    up = request.POST.get("direction") == "up"
    return _builder_action(
        request,
        questionnaire,
        lambda: services.question_move(
            questionnaire=questionnaire, question=question, up=up, by=request.user
        ),
        _("ترتیب پرسش‌ها تغییر کرد."),
    )


# --- Campaigns ---------------------------------------------------------------------------------


def _campaign(request, pk: int, action: str = "view") -> Campaign:
    _require(request.user, ALL_ROLES)
    if action == "change":
        _require(request.user, DESIGNER_ROLES)
    return get_object_or_404(
        Campaign.objects.for_user(request.user, action).select_related(
            "questionnaire__current_version", "version", "owner_university"
        ),
        pk=pk,
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, ALL_ROLES)
    user = request.user
    campaigns = selectors.campaigns_with_progress(Campaign.objects.for_user(user), user).order_by(
        "-starts_on", "-pk"
    )
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    fillable = []
    if user.has_role(*FILLER_ROLES):
        fillable = list(selectors.fillable_targets(user))
    return _render(
        request,
        "surveys/campaign_list.html",
        {
            "page": page,
            "fillable": fillable,
            "can_create": user.has_role(*DESIGNER_ROLES),
            "today": timezone.localdate(),
        },
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, DESIGNER_ROLES)
    form = CampaignForm(request.POST or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                title=data["title"],
                questionnaire=data["questionnaire"],
                owner_university=form.owner_university(),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                period_key=data["period_key"],
                target_per_club=data["target_per_club"],
                clubs=data["club_queryset"],
                by=request.user,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("پویش ساخته شد."))
            return redirect(campaign)
    return _render(request, "surveys/campaign_form.html", {"form": form, "errors": errors})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    user = request.user
    targets = CampaignTarget.objects.for_user(user).filter(campaign=campaign)
    progress = selectors.campaign_progress(campaign, targets)
    by_county = selectors.campaign_progress_by_county(campaign, targets)
    page = Paginator(
        targets.select_related("club__neighborhood__county").order_by("club__name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    can_change = Campaign.objects.for_user(user, "change").filter(pk=pk).exists() and user.has_role(
        *DESIGNER_ROLES
    )
    can_fill = (
        campaign.is_accepting(timezone.localdate())
        and CampaignTarget.objects.for_user(user, "change").filter(campaign=campaign).exists()
    )
    return _render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": progress,
            "by_county": by_county,
            "page": page,
            "can_change": can_change,
            "can_fill": can_fill,
            "newer_version": campaign.version_id != campaign.questionnaire.current_version_id,
            "is_needs_assessment": campaign.questionnaire.kind
            == QuestionnaireKind.NEEDS_ASSESSMENT,
        },
    )


@login_required
@require_POST
def campaign_status(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, "change")
    status = request.POST.get("status")
    if status not in CampaignStatus.values:
        raise Http404
    services.campaign_set_status(campaign=campaign, status=status, by=request.user)
    messages.success(request, _("وضعیت پویش: %(s)s") % {"s": CampaignStatus(status).label})
    return redirect(campaign)


@login_required
@require_POST
def campaign_use_current_version(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, "change")
    services.campaign_use_current_version(campaign=campaign, by=request.user)
    messages.success(request, _("پاسخ‌های تازه این پویش از این پس نسخه جاری پرسشنامه را پر می‌کنند."))
    return redirect(campaign)


@login_required
def response_start(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    _require(request.user, FILLER_ROLES)
    targets = (
        CampaignTarget.objects.for_user(request.user, "change")
        .filter(campaign=campaign)
        .select_related("club", "campaign")
        .order_by("club__name")
    )
    if not targets.exists():
        raise PermissionDenied
    form = ResponseStartForm(
        request.POST or None, targets=targets, initial={"target": request.GET.get("club_target")}
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_start(
                target=form.cleaned_data["target"],
                respondent_label=form.cleaned_data["respondent_label"],
                by=request.user,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            return redirect("surveys:response_fill", pk=response.pk)
    return _render(
        request,
        "surveys/response_start.html",
        {"campaign": campaign, "form": form, "errors": errors},
    )


def _blocks(version, form, questions) -> list[dict]:
    """Sections with their bound fields and the show-if attributes of each question."""
    names = {q.pk: q.name for q in questions}
    by_section: dict[int, list] = {}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(
            {
                "question": question,
                "field": form[field_name(question)],
                "show_if": show_if_attrs(question, names),
            }
        )
    return [
        {"section": section, "items": by_section.get(section.pk, [])}
        for section in version.sections.order_by("order", "pk")
        if by_section.get(section.pk)
    ]


@login_required
def response_fill(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, FILLER_ROLES)
    response = get_object_or_404(
        Response.objects.for_user(request.user, "change").select_related(
            "campaign", "club", "version"
        ),
        pk=pk,
        created_by=request.user,
    )
    if response.status != ResponseStatus.DRAFT:
        return redirect("surveys:response_detail", pk=response.pk)
    questions = selectors.version_questions(response.version)
    form_class = response_form_class(questions)
    submit = request.POST.get("action") == "submit"
    errors: list[str] = []
    if request.method == "POST":
        form = form_class(request.POST, submit=submit)
        if form.is_valid():
            try:
                services.response_save(
                    response=response, values=form.answer_values(), submit=submit, by=request.user
                )
            except ValidationError as exc:
                errors = _errors(exc)
            else:
                if submit:
                    messages.success(request, _("پاسخ ثبت نهایی شد. سپاس!"))
                    return redirect("surveys:campaign_detail", pk=response.campaign_id)
                messages.success(request, _("پیش‌نویس ذخیره شد."))
                return redirect("surveys:response_fill", pk=response.pk)
        else:
            errors = [_("برخی پاسخ‌ها ایراد دارد؛ پرسش‌های نشان‌دار را ببینید.")]
    else:
        form = form_class(initial=response_initial(response))
    return _render(
        request,
        "surveys/response_fill.html",
        {
            "response": response,
            "campaign": response.campaign,
            "blocks": _blocks(response.version, form, questions),
            "form": form,
            "errors": errors,
        },
    )


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, ALL_ROLES)
    response = get_object_or_404(
        Response.objects.for_user(request.user).select_related(
            "campaign", "club", "version", "created_by"
        ),
        pk=pk,
    )
    if response.status == ResponseStatus.DRAFT and response.created_by_id != request.user.pk:
        raise Http404
    questions = selectors.version_questions(response.version)
    answers: dict[str, list] = {}
    for answer in response.answers.select_related("question"):
        answers.setdefault(answer.question.name, []).append(answer)
    rows = []
    for question in questions:
        options = dict(question.option_pairs())
        given = answers.get(question.name, [])
        if not given:
            continue
        if options:
            text = "، ".join(options.get(a.choice_value, a.choice_value) for a in given)
        elif given[0].number_value is not None:
            text = given[0].number_value.normalize()
        elif given[0].date_value is not None:
            text = given[0].date_value
        else:
            text = given[0].text_value
        rows.append({"question": question, "value": text})
    return _render(request, "surveys/response_detail.html", {"response": response, "rows": rows})


@login_required
@require_POST
def response_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, FILLER_ROLES)
    response = get_object_or_404(
        Response.objects.for_user(request.user, "change"), pk=pk, created_by=request.user
    )
    try:
        services.response_delete(response=response, by=request.user)
    except ValidationError as exc:
        for error in _errors(exc):
            messages.error(request, error)
    else:
        messages.success(request, _("پیش‌نویس حذف شد."))
    return redirect("surveys:my_responses")


@login_required
def my_responses(request: HttpRequest) -> HttpResponse:
    _require(request.user, FILLER_ROLES)
    drafts = selectors.my_drafts(request.user)
    submitted = (
        Response.objects.for_user(request.user)
        .filter(created_by=request.user, status=ResponseStatus.SUBMITTED)
        .select_related("campaign", "club")
        .order_by("-submitted_at")
    )
    page = Paginator(submitted, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(request, "surveys/my_responses.html", {"drafts": drafts, "page": page})


# --- Results -------------------------------------------------------------------------------------


def _results_filters(request, campaign):
    clubs = Club.objects.for_user(request.user).filter(survey_targets__campaign=campaign)
    filters = RegionFilterForm(request.GET or None, user=request.user, clubs=clubs)
    responses = Response.objects.for_user(request.user).filter(filters.club_condition("club__"))
    return filters, responses


def _filters_label(filters) -> str:
    if not filters.is_bound or not filters.is_valid():
        return _("همه محدوده شما")
    parts = [str(value) for value in filters.cleaned_data.values() if value]
    return "، ".join(parts) or _("همه محدوده شما")


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    filters, responses = _results_filters(request, campaign)
    results = selectors.campaign_results(campaign, responses)
    charts = {
        f"chart-{s.question.name}": s.chart() for s in results.summaries() if s.chart() is not None
    }
    return _render(
        request,
        "surveys/campaign_results.html",
        {
            "campaign": campaign,
            "filters": filters,
            "results": results,
            "charts": charts,
            "query": request.GET.urlencode(),
            "is_needs_assessment": campaign.questionnaire.kind
            == QuestionnaireKind.NEEDS_ASSESSMENT,
        },
    )


@login_required
def campaign_results_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    filters, responses = _results_filters(request, campaign)
    results = selectors.campaign_results(campaign, responses)
    content = exports.results_workbook(campaign, results, _filters_label(filters))
    return _xlsx(content, f"campaign-{campaign.pk}-summary.xlsx")


@login_required
def campaign_responses_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    _filters, responses = _results_filters(request, campaign)
    responses = responses.filter(campaign=campaign, status=ResponseStatus.SUBMITTED)
    content = exports.responses_workbook(campaign, responses)
    return _xlsx(content, f"campaign-{campaign.pk}-responses.xlsx")


# --- Findings ---------------------------------------------------------------------------------------

NEIGHBORHOOD_FORUM_ROLES = frozenset({Role.FACILITATOR, Role.CLUB_SECRETARY})


@login_required
def findings_index(request: HttpRequest) -> HttpResponse:
    _require(request.user, ALL_ROLES)
    neighborhoods = selectors.neighborhoods_with_needs_assessment(
        Neighborhood.objects.for_user(request.user)
    )
    page = Paginator(neighborhoods, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(request, "surveys/findings_index.html", {"page": page})


@login_required
def neighborhood_findings(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, ALL_ROLES)
    neighborhood = get_object_or_404(
        Neighborhood.objects.for_user(request.user).select_related("county"), pk=pk
    )
    campaigns = list(selectors.needs_assessment_campaigns(neighborhood=neighborhood))
    campaign = None
    if request.GET.get("campaign"):
        campaign = next((c for c in campaigns if str(c.pk) == request.GET["campaign"]), None)
        if campaign is None:
            raise Http404
    findings = selectors.neighborhood_ranked_problems(neighborhood=neighborhood, campaign=campaign)
    drafts = {
        f.topic_id: services.finding_issue_draft(
            neighborhood=neighborhood, finding=f, campaign=campaign
        )
        for f in findings
    }
    return _render(
        request,
        "surveys/neighborhood_findings.html",
        {
            "neighborhood": neighborhood,
            "campaigns": campaigns,
            "campaign": campaign,
            "findings": [(f, drafts[f.topic_id]) for f in findings],
            "can_raise": _runs_neighborhood_forum(request.user, neighborhood),
        },
    )


def _runs_neighborhood_forum(user, neighborhood) -> bool:
    """Findings are raised by the neighborhood forum's secretariat: the facilitators
    and club secretaries of the neighborhood (as forums/scoping.py defines it); the
    forum itself may not exist yet."""
    return (
        Neighborhood.objects.for_roles(user, NEIGHBORHOOD_FORUM_ROLES)
        .filter(pk=neighborhood.pk)
        .exists()
    )


@login_required
@require_POST
def finding_raise(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, NEIGHBORHOOD_FORUM_ROLES)
    neighborhood = get_object_or_404(Neighborhood.objects.for_user(request.user), pk=pk)
    campaign = None
    if request.POST.get("campaign"):
        campaign = get_object_or_404(
            Campaign.objects.for_user(request.user), pk=request.POST["campaign"]
        )
    try:
        topic_id = int(request.POST.get("topic", ""))
    except ValueError as exc:
        raise Http404 from exc
    url = reverse("surveys:neighborhood_findings", args=[pk])
    try:
        services.finding_to_issue(
            neighborhood=neighborhood, topic_id=topic_id, campaign=campaign, by=request.user
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for error in _errors(exc):
            messages.error(request, error)
    else:
        messages.success(request, _("یافته به‌عنوان مسئله در مجمع سلامت محله طرح شد."))
    return redirect(url + (f"?campaign={campaign.pk}" if campaign else ""))


# --- Indicators ---------------------------------------------------------------------------------------


def _indicator(request, pk: int, action: str = "view") -> Indicator:
    _require(request.user, ALL_ROLES if action == "view" else DESIGNER_ROLES)
    return get_object_or_404(
        Indicator.objects.for_user(request.user, action).select_related(
            "owner_university", "questionnaire", "campaign"
        ),
        pk=pk,
    )


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, ALL_ROLES)
    indicators = (
        Indicator.objects.for_user(request.user)
        .select_related("owner_university", "questionnaire")
        .order_by("-is_active", "owner_university__name", "name")
    )
    changeable = set(
        Indicator.objects.for_user(request.user, "change").values_list("pk", flat=True)
    )
    page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "surveys/indicator_list.html",
        {
            "page": page,
            "changeable": changeable,
            "can_create": request.user.has_role(*DESIGNER_ROLES),
            "registry": REGISTRY,
        },
    )


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, DESIGNER_ROLES)
    return _indicator_form(request, None)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _indicator_form(request, _indicator(request, pk, "change"))


def _indicator_form(request, indicator: Indicator | None) -> HttpResponse:
    initial = {}
    if indicator is None and request.method == "GET" and request.GET.get("computation") in REGISTRY:
        computation = REGISTRY[request.GET["computation"]]
        initial = {
            "name": computation.label,
            "definition": computation.description,
            "numerator_label": computation.numerator_label,
            "denominator_label": computation.denominator_label,
            "unit": computation.unit,
            "computation": computation.key,
            "source": IndicatorSource.PORTAL,
        }
    form = IndicatorForm(
        request.POST or None, instance=indicator, user=request.user, initial=initial
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(indicator=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("شاخص ذخیره شد."))
            return redirect(saved)
    return _render(
        request,
        "surveys/indicator_form.html",
        {"form": form, "indicator": indicator, "errors": errors, "registry": REGISTRY},
    )


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk)
    user = request.user
    view = IndicatorViewForm(request.GET or None, user=user)
    scope_level = _default_level(user)
    granularity, year, level = view.settings(scope_level)
    periods = periods_of(granularity, year)
    clubs = Club.objects.for_user(user)
    if view.is_bound and view.is_valid():
        clubs = clubs.filter(view.club_condition())
    table = indicator_table(indicator, clubs, periods, level)
    can_change = Indicator.objects.for_user(user, "change").filter(pk=pk).exists()
    chart = {
        "kind": "line",
        "valueLabel": indicator.name,
        "targetLabel": _("هدف"),
        "labels": [p.label for p in table.periods],
        "values": [float(c.value) if c.value is not None else None for c in table.total.cells],
        "targets": [float(c.target) if c.target is not None else None for c in table.total.cells],
    }
    return _render(
        request,
        "surveys/indicator_detail.html",
        {
            "indicator": indicator,
            "view": view,
            "table": table,
            "level_label": LEVEL_LABELS[level],
            "year": year,
            "granularity": granularity,
            "chart": chart,
            "can_change": can_change,
            "target_form": IndicatorTargetForm() if can_change else None,
            "targets": indicator.targets.order_by("period_key") if can_change else [],
            "computation": REGISTRY.get(indicator.computation),
        },
    )


def _default_level(user) -> str:
    if user.has_role(Role.MINISTRY_ADMIN):
        return "university"
    if user.has_role(Role.UNIVERSITY_STAFF, Role.PROVINCE_SECRETARIAT):
        return "county"
    return "club"


@login_required
@require_POST
def indicator_target(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(request, pk, "change")
    form = IndicatorTargetForm(request.POST)
    if form.is_valid():
        value: Decimal | None = form.cleaned_data["value"]
        services.indicator_target_set(
            indicator=indicator,
            period_key=form.cleaned_data["period"],
            value=value,
            by=request.user,
        )
        messages.success(
            request, _("هدف دوره ذخیره شد.") if value is not None else _("هدف دوره حذف شد.")
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(indicator)
