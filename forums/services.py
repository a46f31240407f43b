"""Every write of the forums app.

Forum chain: `forum_for_neighborhood` (get-or-create a neighborhood's forum and all
its ancestors) and `forums_sync` (every province and county forum, and a forum for
every neighborhood that has a club).

Issues change only through the named actions below; each one checks that the user
runs the forum where the issue now is, checks the transition (an invalid one raises
`IssueTransitionError` with a Persian message and changes nothing) and records an
`IssueEvent` (who, when, note, from-forum, to-forum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Model, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clubs.models import Meeting, Membership, ThematicTopic
from core.text import persian_digits
from forums.models import (
    OPEN_ISSUE_STATUSES,
    POLICY_LEVELS,
    SEAT_CATEGORY,
    Forum,
    ForumLevel,
    ForumSession,
    Issue,
    IssueEvent,
    IssueEventKind,
    IssueSource,
    IssueStatus,
    IssueStop,
    OverdueFlag,
    Policy,
    PolicyAdoption,
    Seat,
)
from forums.scoping import runs_forum
from regions.models import County, Neighborhood, Province

# Days the level above has to act on a referred issue, unless the referrer sets a date.
REFERRAL_DAYS = 30


class IssueTransitionError(ValidationError):
    """An action that the issue's state does not allow; nothing was changed."""

    def __str__(self) -> str:
        return " ".join(self.messages)


# --- Forum chain -----------------------------------------------------------------------


def _name(level: str, place=None) -> str:
    if level == ForumLevel.SUPREME:
        return _("شورای عالی سلامت و امنیت غذایی")
    if level == ForumLevel.NATIONAL:
        return _("مجمع ملی سلامت")
    if level == ForumLevel.PROVINCE:
        return _("مجمع سلامت استان %(name)s") % {"name": place.name}
    if level == ForumLevel.COUNTY:
        return _("مجمع سلامت شهرستان %(name)s") % {"name": place.name}
    return _("مجمع سلامت محله %(name)s") % {"name": str(place)}


def _get_or_create(level: str, lookup: dict, defaults: Callable[[], dict]) -> Forum:
    """The forum of `level` at `lookup`; created with `defaults()` (which makes the
    ancestors) only when missing, so a lookup of an existing forum is one query."""
    forum = Forum.objects.filter(level=level, **lookup).first()
    if forum is not None:
        return forum
    values = defaults()
    try:
        with transaction.atomic():
            forum = Forum.objects.create(level=level, **lookup, **values)
    except IntegrityError:  # created meanwhile by another request
        return Forum.objects.get(level=level, **lookup)
    _inherit_policies(forum)
    return forum


def forum_supreme() -> Forum:
    return _get_or_create(ForumLevel.SUPREME, {}, lambda: {"name": _name(ForumLevel.SUPREME)})


def forum_national() -> Forum:
    return _get_or_create(
        ForumLevel.NATIONAL,
        {},
        lambda: {"name": _name(ForumLevel.NATIONAL), "parent": forum_supreme()},
    )


def forum_for_province(province: Province) -> Forum:
    return _get_or_create(
        ForumLevel.PROVINCE,
        {"province": province},
        lambda: {"name": _name(ForumLevel.PROVINCE, province), "parent": forum_national()},
    )


def forum_for_county(county: County) -> Forum:
    return _get_or_create(
        ForumLevel.COUNTY,
        {"county": county},
        lambda: {
            "name": _name(ForumLevel.COUNTY, county),
            "province_id": county.province_id,
            "parent": forum_for_province(county.province),
        },
    )


def forum_for_neighborhood(neighborhood: Neighborhood) -> Forum:
    """The neighborhood's forum, created with every missing ancestor (idempotent).
    For the clubs app to call when a club opens in a neighborhood without a forum."""
    return _get_or_create(
        ForumLevel.NEIGHBORHOOD,
        {"neighborhood": neighborhood},
        lambda: {
            "name": _name(ForumLevel.NEIGHBORHOOD, neighborhood),
            "county_id": neighborhood.county_id,
            "province_id": neighborhood.county.province_id,
            "parent": forum_for_county(neighborhood.county),
        },
    )


@dataclass
class SyncResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)


def _sync_level(level: str, places, key: str, wanted, result: SyncResult) -> dict[int, Forum]:
    """Create the missing forums of `level` (one per place) and bring drifted ones
    (renamed place, moved county) back to `wanted(place)`. Returns place id → forum."""
    existing = {getattr(f, f"{key}_id"): f for f in Forum.objects.filter(level=level)}
    new, changed = [], []
    for place in places:
        values = wanted(place)
        forum = existing.get(place.pk)
        if forum is None:
            new.append(Forum(level=level, **{f"{key}_id": place.pk}, **values))
            continue
        if any(getattr(forum, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(forum, name, value)
            changed.append(forum)
    Forum.objects.bulk_create(new, batch_size=500)
    if changed:
        Forum.objects.bulk_update(changed, list(wanted(places[0]).keys()), batch_size=500)
    result.created[level] = len(new)
    result.updated[level] = len(changed)
    return {getattr(f, f"{key}_id"): f for f in Forum.objects.filter(level=level)}


@transaction.atomic
def forums_sync() -> SyncResult:
    """National forum and supreme council, a forum for every province and county, and
    one for every neighborhood that has a club. Idempotent; repairs names and parents
    that drifted from the place tree; communicates earlier policies to new forums."""
    result = SyncResult()
    before = Forum.objects.count()
    national = forum_national()
    provinces = list(Province.objects.order_by("pk"))
    province_forums = (
        _sync_level(
            ForumLevel.PROVINCE,
            provinces,
            "province",
            lambda p: {"name": _name(ForumLevel.PROVINCE, p), "parent_id": national.pk},
            result,
        )
        if provinces
        else {}
    )
    counties = list(County.objects.order_by("pk"))
    county_forums = (
        _sync_level(
            ForumLevel.COUNTY,
            counties,
            "county",
            lambda c: {
                "name": _name(ForumLevel.COUNTY, c),
                "province_id": c.province_id,
                "parent_id": province_forums[c.province_id].pk,
            },
            result,
        )
        if counties
        else {}
    )
    neighborhoods = list(
        Neighborhood.objects.filter(
            pk__in=Neighborhood.objects.filter(clubs__isnull=False).values("pk")
        )
        .select_related("county")
        .order_by("pk")
    )
    if neighborhoods:
        _sync_level(
            ForumLevel.NEIGHBORHOOD,
            neighborhoods,
            "neighborhood",
            lambda n: {
                "name": _name(ForumLevel.NEIGHBORHOOD, n),
                "county_id": n.county_id,
                "province_id": n.county.province_id,
                "parent_id": county_forums[n.county_id].pk,
            },
            result,
        )
    if Forum.objects.count() != before:
        for policy in Policy.objects.filter(communicated_at__isnull=False):
            policy_communicate(policy=policy)
    return result


def forums_below(forum: Forum):
    """Every forum under `forum` in the chain (not only its children)."""
    if forum.level == ForumLevel.SUPREME:
        return Forum.objects.exclude(level=ForumLevel.SUPREME)
    if forum.level == ForumLevel.NATIONAL:
        return Forum.objects.exclude(level__in=[ForumLevel.NATIONAL, ForumLevel.SUPREME])
    if forum.level == ForumLevel.PROVINCE:
        return Forum.objects.filter(
            province_id=forum.province_id,
            level__in=[ForumLevel.COUNTY, ForumLevel.NEIGHBORHOOD],
        )
    if forum.level == ForumLevel.COUNTY:
        return Forum.objects.filter(county_id=forum.county_id, level=ForumLevel.NEIGHBORHOOD)
    return Forum.objects.none()


def forum_ancestors(forum: Forum) -> list[Forum]:
    """The forums above `forum`, nearest first (one query)."""
    chain = Forum.objects.select_related("parent__parent__parent__parent").get(pk=forum.pk)
    ancestors = []
    current = chain.parent
    while current is not None:
        ancestors.append(current)
        current = current.parent
    return ancestors


def _inherit_policies(forum: Forum) -> None:
    """A forum created after a policy was communicated above it receives it too."""
    if forum.parent_id is None:
        return
    policies = Policy.objects.filter(
        forum__in=[a.pk for a in forum_ancestors(forum)], communicated_at__isnull=False
    )
    PolicyAdoption.objects.bulk_create(
        [PolicyAdoption(policy=policy, forum=forum) for policy in policies], ignore_conflicts=True
    )


# --- Permission and transition checks --------------------------------------------------


def _require_secretariat(by: User, forum: Forum) -> None:
    if not runs_forum(by, forum):
        raise PermissionDenied(
            _("شما دبیرخانه «%(forum)s» نیستید و نمی‌توانید این کار را انجام دهید.")
            % {"forum": forum}
        )


class IssueAction:
    PRIORITIZE = "prioritize"
    START_WORK = "start_work"
    RESOLVE = "resolve"
    REFER = "refer"
    ACCEPT = "accept"
    RETURN = "return"


# Which statuses each action may start from (the issue must be at the user's forum).
TRANSITIONS: dict[str, frozenset[str]] = {
    IssueAction.PRIORITIZE: frozenset(OPEN_ISSUE_STATUSES),
    IssueAction.START_WORK: frozenset(
        {IssueStatus.OPEN, IssueStatus.RETURNED, IssueStatus.ACCEPTED}
    ),
    IssueAction.RESOLVE: frozenset(OPEN_ISSUE_STATUSES),
    IssueAction.REFER: frozenset(OPEN_ISSUE_STATUSES),
    IssueAction.ACCEPT: frozenset({IssueStatus.REFERRED}),
    IssueAction.RETURN: frozenset(
        {
            IssueStatus.REFERRED,
            IssueStatus.ACCEPTED,
            IssueStatus.IN_PROGRESS,
            IssueStatus.RETURNED,
        }
    ),
}


def transition_error(issue: Issue, action: str) -> str | None:
    """Why `action` is not possible on `issue` now (a Persian sentence), or None."""
    if issue.status == IssueStatus.RESOLVED:
        return _("این مسئله حل شده و بسته است؛ اقدام دیگری روی آن ممکن نیست.")
    if issue.status == IssueStatus.MERGED:
        return _(
            "این مسئله در مسئله ادغامی دیگری ادغام شده است؛ اقدامات را روی همان مسئله انجام دهید."
        )
    if action == IssueAction.RETURN and issue.referred_from_id is None:
        return _(
            "این مسئله در همین مجمع طرح شده و از سطح پایین‌تر ارجاع نشده است؛ بازگرداندن آن ممکن نیست."
        )
    if issue.status not in TRANSITIONS[action]:
        if action == IssueAction.ACCEPT:
            return _("فقط مسئله‌ای که به این مجمع ارجاع شده و در انتظار بررسی است پذیرفته می‌شود.")
        if action == IssueAction.START_WORK and issue.status == IssueStatus.IN_PROGRESS:
            return _("این مسئله هم‌اکنون در دست اقدام است.")
        if action == IssueAction.START_WORK and issue.status == IssueStatus.REFERRED:
            return _("مسئله ارجاعی را نخست بپذیرید، سپس اقدام را آغاز کنید.")
        return _("این اقدام برای مسئله‌ای با وضعیت «%(status)s» ممکن نیست.") % {
            "status": issue.get_status_display()
        }
    if action == IssueAction.REFER and issue.current_forum.parent_id is None:
        return _("«%(forum)s» بالاترین سطح است و ارجاع به سطح بالاتر ندارد.") % {
            "forum": issue.current_forum
        }
    return None


def allowed_actions(issue: Issue, *, runs_current_forum: bool) -> list[str]:
    """The actions a user may take on `issue` now (for the buttons on its page)."""
    if not runs_current_forum:
        return []
    return [action for action in TRANSITIONS if transition_error(issue, action) is None]


def _begin(issue: Issue, by: User, action: str) -> Issue:
    """Lock the issue, check the user and the transition; return the fresh row."""
    locked = (
        Issue.objects.select_for_update(of=("self",))
        .select_related("current_forum", "origin_forum")
        .get(pk=issue.pk)
    )
    _require_secretariat(by, locked.current_forum)
    error = transition_error(locked, action)
    if error:
        raise IssueTransitionError(error, code=action)
    return locked


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise IssueTransitionError(message, code="required")
    return text


def _event(
    issue: Issue,
    kind: str,
    by: User | None,
    *,
    note: str = "",
    from_forum: Forum | None = None,
    to_forum: Forum | None = None,
    from_status: str = "",
    due_on: dt.date | None = None,
    related_issue: Issue | None = None,
    notify: bool = False,
) -> IssueEvent:
    event = IssueEvent.objects.create(
        issue=issue,
        kind=kind,
        actor=by,
        note=note,
        from_forum=from_forum,
        to_forum=to_forum,
        from_status=from_status,
        to_status=issue.status,
        due_on=due_on,
        related_issue=related_issue,
    )
    if notify:
        from forums.tasks import notify_issue_event

        transaction.on_commit(lambda: notify_issue_event.delay(event.pk))
    return event


def _scores(severity: int, reach: int, feasibility: int) -> int:
    for value in (severity, reach, feasibility):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise IssueTransitionError(
                _("امتیازهای شدت، گستره و امکان‌پذیری باید عددی بین ۱ و ۵ باشند."), code="score"
            )
    return severity + reach + feasibility


# --- Issue actions ---------------------------------------------------------------------


@transaction.atomic
def issue_raise(
    *,
    forum: Forum,
    by: User | None,
    title: str,
    description: str = "",
    category: ThematicTopic | None = None,
    severity: int = 3,
    reach: int = 3,
    feasibility: int = 3,
    source_kind: str = IssueSource.MEMBER,
    source_description: str = "",
    source_url: str = "",
    source_session: ForumSession | None = None,
    source_meeting: Meeting | None = None,
    source_object: Model | None = None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    raised_on: dt.date | None = None,
) -> Issue:
    """Raise an issue at `forum`. `by` must run the forum; `by=None` is for automated
    sources (a survey finding processed by a task). A survey links its finding with
    `source_kind=IssueSource.SURVEY, source_object=finding, source_description=...`."""
    if by is not None:
        _require_secretariat(by, forum)
    title = _required(title, _("عنوان مسئله را بنویسید."))
    priority = _scores(severity, reach, feasibility)
    if source_session is not None and source_session.forum_id != forum.pk:
        raise IssueTransitionError(_("جلسه انتخاب‌شده از جلسات همین مجمع نیست."))
    if source_meeting is not None and (
        forum.level != ForumLevel.NEIGHBORHOOD
        or source_meeting.club.neighborhood_id != forum.neighborhood_id
    ):
        raise IssueTransitionError(_("جلسه کانون انتخاب‌شده از کانون‌های محله همین مجمع نیست."))
    if source_kind not in IssueSource.values:
        raise IssueTransitionError(_("منبع مسئله درست نیست."))
    issue = Issue.objects.create(
        title=title,
        description=description,
        category=category,
        severity=severity,
        reach=reach,
        feasibility=feasibility,
        priority=priority,
        status=IssueStatus.OPEN,
        origin_forum=forum,
        current_forum=forum,
        owner_name=owner_name,
        due_on=due_on,
        source_kind=source_kind,
        source_description=source_description,
        source_url=source_url,
        source_session=source_session,
        source_meeting=source_meeting,
        source_object=source_object,
        raised_on=raised_on or timezone.localdate(),
        raised_by=by,
    )
    IssueStop.objects.create(issue=issue, forum=forum)
    _event(issue, IssueEventKind.RAISED, by, note=description, to_forum=forum)
    return issue


@transaction.atomic
def issue_prioritize(
    *, issue: Issue, by: User, severity: int, reach: int, feasibility: int, note: str = ""
) -> Issue:
    """The forum where the issue is sets its priority (severity, reach, feasibility)."""
    issue = _begin(issue, by, IssueAction.PRIORITIZE)
    issue.priority = _scores(severity, reach, feasibility)
    issue.severity, issue.reach, issue.feasibility = severity, reach, feasibility
    issue.save(update_fields=["severity", "reach", "feasibility", "priority", "updated_at"])
    summary = persian_digits(
        _("شدت %(s)s، گستره %(r)s، امکان‌پذیری %(f)s")
        % {"s": severity, "r": reach, "f": feasibility}
    )
    _event(
        issue,
        IssueEventKind.PRIORITIZED,
        by,
        note=f"{summary}\n{note}".strip(),
        to_forum=issue.current_forum,
        from_status=issue.status,
    )
    return issue


@transaction.atomic
def issue_start_work(
    *,
    issue: Issue,
    by: User,
    note: str = "",
    owner_name: str | None = None,
    due_on: dt.date | None = None,
) -> Issue:
    """کار روی مسئله: the forum where the issue is starts acting on it."""
    issue = _begin(issue, by, IssueAction.START_WORK)
    before = issue.status
    issue.status = IssueStatus.IN_PROGRESS
    if owner_name is not None:
        issue.owner_name = owner_name
    if due_on is not None:
        issue.due_on = due_on
    issue.save(update_fields=["status", "owner_name", "due_on", "updated_at"])
    _event(
        issue,
        IssueEventKind.WORK_STARTED,
        by,
        note=note,
        to_forum=issue.current_forum,
        from_status=before,
        due_on=due_on,
    )
    return issue


def _close_as_resolved(issue: Issue, forum: Forum, resolution: str, now) -> None:
    issue.status = IssueStatus.RESOLVED
    issue.resolution = resolution
    issue.resolved_forum = forum
    issue.resolved_at = now
    issue.resolution_days = max((timezone.localdate(now) - issue.raised_on).days, 0)
    issue.save(
        update_fields=[
            "status",
            "resolution",
            "resolved_forum",
            "resolved_at",
            "resolution_days",
            "updated_at",
        ]
    )


def _resolve_merged(rollup: Issue, by: User, forum: Forum, resolution: str, now) -> None:
    """Resolve (and inform) every issue merged into `rollup`, at any depth."""
    for child in Issue.objects.select_for_update().filter(
        merged_into=rollup, status=IssueStatus.MERGED
    ):
        _close_as_resolved(child, forum, resolution, now)
        _event(
            child,
            IssueEventKind.RESOLVED,
            by,
            note=_("همراه با مسئله ادغامی «%(title)s» حل شد: %(resolution)s")
            % {"title": rollup.title, "resolution": resolution},
            from_forum=forum,
            to_forum=child.origin_forum,
            from_status=IssueStatus.MERGED,
            related_issue=rollup,
            notify=True,
        )
        if child.is_rollup:
            _resolve_merged(child, by, forum, resolution, now)


@transaction.atomic
def issue_resolve(*, issue: Issue, by: User, resolution: str) -> Issue:
    """Resolve the issue at the forum where it is (here, or at an upper level), with
    a resolution note; a roll-up item resolves every issue merged into it."""
    issue = _begin(issue, by, IssueAction.RESOLVE)
    resolution = _required(resolution, _("شرح راه‌حل را بنویسید."))
    before, forum, now = issue.status, issue.current_forum, timezone.now()
    _close_as_resolved(issue, forum, resolution, now)
    _event(
        issue,
        IssueEventKind.RESOLVED,
        by,
        note=resolution,
        from_forum=forum,
        to_forum=issue.origin_forum if issue.origin_forum_id != forum.pk else None,
        from_status=before,
        notify=issue.origin_forum_id != forum.pk,
    )
    if issue.is_rollup:
        _resolve_merged(issue, by, forum, resolution, now)
    return issue


@transaction.atomic
def issue_refer_up(*, issue: Issue, by: User, reason: str, due_on: dt.date | None = None) -> Issue:
    """ارجاع به سطح بالاتر: move the issue to the parent forum with a reason and a due
    date by which the level above is to act on it. Also "refer further" from an
    upper level."""
    issue = _begin(issue, by, IssueAction.REFER)
    reason = _required(reason, _("دلیل ارجاع به سطح بالاتر را بنویسید."))
    today = timezone.localdate()
    due_on = due_on or today + dt.timedelta(days=REFERRAL_DAYS)
    if due_on <= today:
        raise IssueTransitionError(_("مهلت بررسی در سطح بالاتر باید پس از امروز باشد."))
    before, source = issue.status, issue.current_forum
    target = Forum.objects.get(pk=source.parent_id)
    issue.status = IssueStatus.REFERRED
    issue.current_forum = target
    issue.referred_from = source
    issue.due_on = due_on
    issue.owner_name = ""
    issue.referred_at = timezone.now()
    issue.referral_count += 1
    issue.save(
        update_fields=[
            "status",
            "current_forum",
            "referred_from",
            "due_on",
            "owner_name",
            "referred_at",
            "referral_count",
            "updated_at",
        ]
    )
    IssueStop.objects.get_or_create(issue=issue, forum=target)
    _event(
        issue,
        IssueEventKind.REFERRED,
        by,
        note=reason,
        from_forum=source,
        to_forum=target,
        from_status=before,
        due_on=due_on,
        notify=True,
    )
    return issue


@transaction.atomic
def issue_accept(
    *,
    issue: Issue,
    by: User,
    note: str = "",
    owner_name: str | None = None,
    due_on: dt.date | None = None,
) -> Issue:
    """The level above accepts a referred issue and takes it on."""
    issue = _begin(issue, by, IssueAction.ACCEPT)
    before = issue.status
    issue.status = IssueStatus.ACCEPTED
    if owner_name is not None:
        issue.owner_name = owner_name
    if due_on is not None:
        issue.due_on = due_on
    issue.save(update_fields=["status", "owner_name", "due_on", "updated_at"])
    _event(
        issue,
        IssueEventKind.ACCEPTED,
        by,
        note=note,
        from_forum=issue.referred_from,
        to_forum=issue.current_forum,
        from_status=before,
        due_on=due_on,
    )
    return issue


@transaction.atomic
def issue_return(*, issue: Issue, by: User, guidance: str) -> Issue:
    """بازگشت با رهنمود: send the issue back down to the forum that referred it."""
    issue = _begin(issue, by, IssueAction.RETURN)
    guidance = _required(guidance, _("رهنمود را برای مجمع سطح پایین‌تر بنویسید."))
    before, source = issue.status, issue.current_forum
    target = Forum.objects.get(pk=issue.referred_from_id)
    # Who had referred it to `target`: where a later return from `target` goes.
    earlier = (
        issue.events.filter(kind=IssueEventKind.REFERRED, to_forum=target)
        .order_by("-at", "-pk")
        .values_list("from_forum_id", flat=True)
        .first()
    )
    issue.status = IssueStatus.RETURNED
    issue.current_forum = target
    issue.referred_from_id = earlier
    issue.owner_name = ""
    issue.due_on = None
    issue.save(
        update_fields=[
            "status",
            "current_forum",
            "referred_from",
            "owner_name",
            "due_on",
            "updated_at",
        ]
    )
    _event(
        issue,
        IssueEventKind.RETURNED,
        by,
        note=guidance,
        from_forum=source,
        to_forum=target,
        from_status=before,
        notify=True,
    )
    return issue


@transaction.atomic
def issue_merge(
    *,
    forum: Forum,
    by: User,
    issues: Iterable[Issue],
    title: str,
    description: str = "",
    category: ThematicTopic | None = None,
) -> Issue:
    """Merge issues now at `forum` (typically the same problem referred by several
    child forums) into one roll-up item that records which forums raised it. Each
    merged issue keeps its identity and timeline; resolving the roll-up resolves
    and informs them all."""
    _require_secretariat(by, forum)
    title = _required(title, _("عنوان مسئله ادغامی را بنویسید."))
    ids = sorted({issue.pk for issue in issues})
    if len(ids) < 2:
        raise IssueTransitionError(_("دست‌کم دو مسئله را برای ادغام انتخاب کنید."))
    merged = list(
        Issue.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("origin_forum")
    )
    if len(merged) != len(ids):
        raise IssueTransitionError(_("برخی از مسائل انتخاب‌شده یافت نشدند."))
    for item in merged:
        if item.current_forum_id != forum.pk:
            raise IssueTransitionError(
                _("مسئله «%(title)s» اکنون در این مجمع نیست.") % {"title": item.title}
            )
        if item.status not in OPEN_ISSUE_STATUSES:
            raise IssueTransitionError(
                _("مسئله «%(title)s» بسته است و ادغام نمی‌شود.") % {"title": item.title}
            )
    forums = sorted({item.origin_forum.name for item in merged})
    summary = _("ادغام %(count)s مسئله از %(forums)s مجمع: %(names)s") % {
        "count": persian_digits(len(merged)),
        "forums": persian_digits(len(forums)),
        "names": "، ".join(forums),
    }
    severity = max(item.severity for item in merged)
    reach = max(item.reach for item in merged)
    feasibility = max(item.feasibility for item in merged)
    dues = [item.due_on for item in merged if item.due_on]
    rollup = Issue.objects.create(
        title=title,
        description=description,
        category=category or merged[0].category,
        severity=severity,
        reach=reach,
        feasibility=feasibility,
        priority=severity + reach + feasibility,
        status=IssueStatus.IN_PROGRESS,
        origin_forum=forum,
        current_forum=forum,
        due_on=min(dues) if dues else None,
        source_kind=IssueSource.OTHER,
        source_description=summary,
        raised_on=timezone.localdate(),
        raised_by=by,
        is_rollup=True,
    )
    IssueStop.objects.create(issue=rollup, forum=forum)
    # The roll-up is read by every forum the merged issues passed through.
    path_forums = (
        IssueStop.objects.filter(issue__in=ids)
        .exclude(forum=forum)
        .values_list("forum_id", flat=True)
    )
    IssueStop.objects.bulk_create(
        [IssueStop(issue=rollup, forum_id=f, via_merge=True) for f in set(path_forums)],
        ignore_conflicts=True,
    )
    _event(rollup, IssueEventKind.RAISED, by, note=summary, to_forum=forum)
    for item in merged:
        before = item.status
        item.status = IssueStatus.MERGED
        item.merged_into = rollup
        item.save(update_fields=["status", "merged_into", "updated_at"])
        _event(
            item,
            IssueEventKind.MERGED,
            by,
            note=_("در مسئله ادغامی «%(title)s» ادغام شد.") % {"title": title},
            to_forum=forum,
            from_status=before,
            related_issue=rollup,
        )
        _event(
            rollup,
            IssueEventKind.MERGED,
            by,
            note=_("مسئله «%(title)s» از %(forum)s")
            % {"title": item.title, "forum": item.origin_forum},
            from_forum=item.origin_forum,
            to_forum=forum,
            from_status=IssueStatus.IN_PROGRESS,
            related_issue=item,
        )
    return rollup


# --- Overdue ---------------------------------------------------------------------------


def issues_flag_overdue(*, today: dt.date | None = None) -> int:
    """Flag, once, every issue referred up and not acted on by its due date: a
    timeline event and a notice to the secretariat above and to ministry admins.
    Running it again (the same day or later) flags nothing new. Returns how many."""
    today = today or timezone.localdate()
    already = OverdueFlag.objects.filter(
        issue=OuterRef("pk"), forum=OuterRef("current_forum"), due_on=OuterRef("due_on")
    )
    candidates = (
        Issue.objects.overdue(today)
        .filter(~Exists(already))
        .select_related("current_forum")
        .order_by("pk")
    )
    flagged = 0
    for issue in candidates:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    OverdueFlag.objects.create(
                        issue=issue, forum=issue.current_forum, due_on=issue.due_on
                    )
            except IntegrityError:
                continue  # flagged meanwhile by a concurrent run
            days = (today - issue.due_on).days
            _event(
                issue,
                IssueEventKind.OVERDUE,
                None,
                note=_("مهلت بررسی در «%(forum)s» %(days)s روز است که گذشته است.")
                % {"forum": issue.current_forum, "days": persian_digits(days)},
                to_forum=issue.current_forum,
                from_status=issue.status,
                due_on=issue.due_on,
                notify=True,
            )
            flagged += 1
    return flagged


# --- Composition and sessions ------------------------------------------------------------


def _check_membership(forum: Forum, membership: Membership | None) -> None:
    if membership is None:
        return
    if (
        forum.level != ForumLevel.NEIGHBORHOOD
        or membership.club.neighborhood_id != forum.neighborhood_id
    ):
        raise ValidationError(
            {"membership": _("این فرد عضو کانونی در محله همین مجمع نیست.")}, code="membership"
        )


@transaction.atomic
def seat_create(
    *,
    forum: Forum,
    by: User,
    kind: str,
    person_name: str,
    term_start: dt.date,
    term_end: dt.date | None = None,
    organization: str = "",
    membership: Membership | None = None,
) -> Seat:
    _require_secretariat(by, forum)
    _check_membership(forum, membership)
    seat = Seat(
        forum=forum,
        kind=kind,
        category=SEAT_CATEGORY[kind],
        person_name=person_name,
        organization=organization,
        membership=membership,
        term_start=term_start,
        term_end=term_end,
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def seat_update(*, seat: Seat, by: User, **fields) -> Seat:
    _require_secretariat(by, seat.forum)
    _check_membership(seat.forum, fields.get("membership", seat.membership))
    for name, value in fields.items():
        setattr(seat, name, value)
    seat.category = SEAT_CATEGORY[seat.kind]
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def seat_delete(*, seat: Seat, by: User) -> None:
    _require_secretariat(by, seat.forum)
    seat.delete()


def _session_relations(forum: Forum, attendees, agenda_issues) -> tuple[list, list]:
    attendees = list(attendees or [])
    agenda_issues = list(agenda_issues or [])
    if any(seat.forum_id != forum.pk for seat in attendees):
        raise ValidationError({"attendees": _("حاضران باید از اعضای همین مجمع باشند.")})
    on_path = set(
        IssueStop.objects.filter(forum=forum, issue__in=agenda_issues).values_list(
            "issue_id", flat=True
        )
    )
    if any(issue.pk not in on_path for issue in agenda_issues):
        raise ValidationError(
            {"agenda_issues": _("در دستور جلسه فقط مسائلی می‌آیند که از این مجمع گذشته‌اند.")}
        )
    return attendees, agenda_issues


@transaction.atomic
def session_record(
    *,
    forum: Forum,
    by: User,
    held_on: dt.date,
    place: str = "",
    agenda: str = "",
    minutes: str = "",
    decisions: str = "",
    guests: int = 0,
    attendees: Iterable[Seat] = (),
    agenda_issues: Iterable[Issue] = (),
) -> ForumSession:
    _require_secretariat(by, forum)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("تاریخ جلسه نمی‌تواند در آینده باشد.")})
    attendees, agenda_issues = _session_relations(forum, attendees, agenda_issues)
    session = ForumSession.objects.create(
        forum=forum,
        held_on=held_on,
        place=place,
        agenda=agenda,
        minutes=minutes,
        decisions=decisions,
        guests=guests,
        recorded_by=by,
    )
    session.attendees.set(attendees)
    session.agenda_issues.set(agenda_issues)
    return session


@transaction.atomic
def session_update(
    *,
    session: ForumSession,
    by: User,
    attendees: Iterable[Seat] = (),
    agenda_issues: Iterable[Issue] = (),
    **fields,
) -> ForumSession:
    _require_secretariat(by, session.forum)
    if fields.get("held_on", session.held_on) > timezone.localdate():
        raise ValidationError({"held_on": _("تاریخ جلسه نمی‌تواند در آینده باشد.")})
    attendees, agenda_issues = _session_relations(session.forum, attendees, agenda_issues)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    session.attendees.set(attendees)
    session.agenda_issues.set(agenda_issues)
    return session


# --- Policies downward --------------------------------------------------------------------


def policy_communicate(*, policy: Policy) -> int:
    """Communicate (ابلاغ) the policy to every forum below its forum. Idempotent:
    forums that already received it are left as they are. Returns how many new."""
    below = forums_below(policy.forum).exclude(
        Exists(PolicyAdoption.objects.filter(policy=policy, forum=OuterRef("pk")))
    )
    created = PolicyAdoption.objects.bulk_create(
        [PolicyAdoption(policy=policy, forum_id=pk) for pk in below.values_list("pk", flat=True)],
        batch_size=1000,
        ignore_conflicts=True,
    )
    if policy.communicated_at is None:
        policy.communicated_at = timezone.now()
        policy.save(update_fields=["communicated_at"])
    return len(created)


@transaction.atomic
def policy_issue(
    *,
    forum: Forum,
    by: User,
    title: str,
    body: str,
    approved_on: dt.date,
    reference_number: str = "",
    session: ForumSession | None = None,
) -> Policy:
    """تصویب و ابلاغ: record a resolution approved at `forum` and communicate it to
    every forum below."""
    _require_secretariat(by, forum)
    if forum.level not in POLICY_LEVELS:
        raise ValidationError(
            _("سیاست‌ها در مجامع ملی و استانی (و شورای عالی) تصویب و ابلاغ می‌شوند.")
        )
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("تاریخ تصویب نمی‌تواند در آینده باشد.")})
    if session is not None and session.forum_id != forum.pk:
        raise ValidationError({"session": _("جلسه انتخاب‌شده از جلسات همین مجمع نیست.")})
    policy = Policy.objects.create(
        forum=forum,
        title=_required(title, _("عنوان مصوبه را بنویسید.")),
        body=_required(body, _("متن مصوبه را بنویسید.")),
        approved_on=approved_on,
        reference_number=reference_number,
        session=session,
        created_by=by,
    )
    policy_communicate(policy=policy)
    return policy


@transaction.atomic
def policy_acknowledge(*, adoption: PolicyAdoption, by: User, adaptation: str) -> PolicyAdoption:
    """The receiving forum acknowledges the policy and says how it adapted it to local
    priorities. Acknowledging again updates the adaptation and keeps the first date."""
    _require_secretariat(by, adoption.forum)
    adoption.adaptation = _required(
        adaptation, _("بنویسید این سیاست چگونه با اولویت‌های محلی تطبیق داده شد.")
    )
    if adoption.acknowledged_at is None:
        adoption.acknowledged_at = timezone.now()
        adoption.acknowledged_by = by
    adoption.save(update_fields=["adaptation", "acknowledged_at", "acknowledged_by"])
    return adoption


# --- Notifications ------------------------------------------------------------------------


def issue_event_notify(*, event_id: int) -> int:
    """E-mail the people an event concerns (run by a task after the commit). Returns
    the number of recipients."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    from forums.scoping import ministry_admin_users, secretariat_users

    event = (
        IssueEvent.objects.select_related("issue", "to_forum", "from_forum")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.to_forum is None:
        return 0
    users = secretariat_users(event.to_forum)
    if event.kind == IssueEventKind.OVERDUE:
        users = users | ministry_admin_users()
    emails = sorted({email for email in users.values_list("email", flat=True) if email})
    if not emails:
        return 0
    issue = event.issue
    subject = _("%(kind)s: %(title)s") % {"kind": event.get_kind_display(), "title": issue.title}
    body = "\n".join(
        part
        for part in (
            _("مسئله: %(title)s") % {"title": issue.title},
            _("رویداد: %(kind)s") % {"kind": event.get_kind_display()},
            _("از: %(forum)s") % {"forum": event.from_forum} if event.from_forum else "",
            _("به: %(forum)s") % {"forum": event.to_forum},
            event.note,
            reverse("forums:issue_detail", args=[issue.pk]),
        )
        if part
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
    return len(emails)
