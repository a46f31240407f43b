"""Every write on clubs and what happens in them. Views, imports, the demo seeder and
Celery tasks call these functions; none of them writes to the models directly.

Each function is keyword-only and typed; business rules that the database cannot
express are checked here and raise `ValidationError` with a Persian message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from clubs.models import (
    DORMANT_AFTER_DAYS,
    ActionItem,
    ActionStatus,
    Club,
    ClubStatus,
    Gender,
    Meeting,
    MeetingKind,
    Membership,
    OfficerRole,
    OfficerTerm,
    Partner,
    PartnerKind,
    Person,
    ThematicGroup,
    ThematicTopic,
)
from core.text import normalize
from core.validators import normalize_mobile, normalize_national_code, validate_national_code

# --- Clubs ----------------------------------------------------------------------------

CLUB_FIELDS = (
    "name",
    "neighborhood",
    "status",
    "address",
    "location",
    "latitude",
    "longitude",
    "founded_on",
    "opened_on",
)


def _check_club_dates(founded_on: dt.date | None, opened_on: dt.date | None) -> None:
    if founded_on and opened_on and opened_on < founded_on:
        raise ValidationError({"opened_on": _("تاریخ افتتاحیه نمی‌تواند پیش از تاریخ تشکیل باشد.")})


def _check_club_name_free(*, neighborhood, name: str, exclude_pk: int | None = None) -> None:
    clash = Club.objects.filter(neighborhood=neighborhood, name=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("کانونی با همین نام در این محله ثبت شده است.")})


def partners_get_or_create(*, names: Iterable[str]) -> list[Partner]:
    """Partner NGOs / charities by name; unknown names are added to the catalogue."""
    partners = []
    for raw in names:
        name = normalize(raw)
        if not name:
            continue
        partner, _created = Partner.objects.get_or_create(
            name=name, defaults={"kind": PartnerKind.NGO}
        )
        partners.append(partner)
    return partners


@transaction.atomic
def club_create(
    *,
    name: str,
    neighborhood,
    status: str = ClubStatus.FORMING,
    address: str = "",
    location: str = "",
    latitude=None,
    longitude=None,
    founded_on: dt.date | None = None,
    opened_on: dt.date | None = None,
    partners: Iterable[Partner] = (),
) -> Club:
    name = normalize(name)
    _check_club_dates(founded_on, opened_on)
    _check_club_name_free(neighborhood=neighborhood, name=name)
    club = Club.objects.create(
        name=name,
        neighborhood=neighborhood,
        status=status,
        address=address,
        location=location,
        latitude=latitude,
        longitude=longitude,
        founded_on=founded_on,
        opened_on=opened_on,
    )
    club.partners.set(list(partners))
    return club


@transaction.atomic
def club_update(*, club: Club, partners: Iterable[Partner] | None = None, **fields) -> Club:
    """Change any of CLUB_FIELDS (and the partners when given)."""
    unknown = set(fields) - set(CLUB_FIELDS)
    if unknown:
        raise TypeError(f"club_update: unknown fields {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = normalize(fields["name"])
    _check_club_dates(
        fields.get("founded_on", club.founded_on), fields.get("opened_on", club.opened_on)
    )
    _check_club_name_free(
        neighborhood=fields.get("neighborhood", club.neighborhood),
        name=fields.get("name", club.name),
        exclude_pk=club.pk,
    )
    changed = [name for name, value in fields.items() if getattr(club, name) != value]
    for name in changed:
        setattr(club, name, fields[name])
    if changed:
        club.save()
    if partners is not None:
        club.partners.set(list(partners))
    return club


def club_mark_dormant_by_activity(*, today: dt.date | None = None) -> int:
    """Active clubs with no meeting in 60 days become dormant (غیرفعال). Idempotent:
    a club already dormant is no longer a candidate. Returns how many changed."""
    today = today or timezone.localdate()
    clubs = list(Club.objects.dormant_candidates(today).only("pk", "status"))
    if not clubs:
        return 0
    for club in clubs:
        club.status = ClubStatus.DORMANT
    with transaction.atomic():
        bulk_update_with_history(
            clubs,
            Club,
            ["status"],
            batch_size=500,
            default_change_reason=_("بدون جلسه در %(days)s روز گذشته")
            % {"days": DORMANT_AFTER_DAYS},
        )
    return len(clubs)


# --- Members --------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _check_not_future(value: dt.date | None, field: str, label: str) -> None:
    if value and value > _today():
        raise ValidationError({field: _("%(label)s نمی‌تواند در آینده باشد.") % {"label": label}})


@transaction.atomic
def member_add(
    *,
    club: Club,
    national_code: str,
    first_name: str,
    last_name: str,
    gender: str,
    joined_on: dt.date,
    birth_year: int | None = None,
    mobile: str = "",
    consent_to_contact: bool = False,
    skills: str = "",
) -> Membership:
    """Register a member: the person is found by national code (or created), then a
    membership in `club` is added. A person already a current member is refused."""
    code = normalize_national_code(national_code)
    validate_national_code(code)
    _check_not_future(joined_on, "joined_on", _("تاریخ عضویت"))
    mobile = normalize_mobile(mobile) if mobile else ""
    person = Person.objects.select_for_update().filter(national_code=code).first()
    if person is None:
        person = Person(
            national_code=code,
            first_name=normalize(first_name),
            last_name=normalize(last_name),
            gender=gender,
            birth_year=birth_year,
            mobile=mobile,
        )
        person.full_clean()
        person.save()
    else:
        if Membership.objects.filter(club=club, person=person, left_on__isnull=True).exists():
            raise ValidationError(
                {"national_code": _("این فرد هم‌اکنون عضو این کانون است.")},
                code="already_member",
            )
        # The person is known from another club (or an earlier membership): fill in
        # what was missing, never overwrite what another club recorded.
        missing = {}
        if birth_year and not person.birth_year:
            missing["birth_year"] = birth_year
        if mobile and not person.mobile:
            missing["mobile"] = mobile
        if missing:
            for name, value in missing.items():
                setattr(person, name, value)
            person.save(update_fields=list(missing))
    membership = Membership(
        club=club,
        person=person,
        joined_on=joined_on,
        consent_to_contact=consent_to_contact,
        skills=normalize(skills),
    )
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a concurrent add of the same person
        raise ValidationError(
            {"national_code": _("این فرد هم‌اکنون عضو این کانون است.")}, code="already_member"
        ) from exc
    return membership


@transaction.atomic
def member_update(
    *,
    membership: Membership,
    national_code: str,
    first_name: str,
    last_name: str,
    gender: str,
    joined_on: dt.date,
    birth_year: int | None = None,
    mobile: str = "",
    consent_to_contact: bool = False,
    skills: str = "",
) -> Membership:
    """Correct a member's details (the person's and the membership's)."""
    code = normalize_national_code(national_code)
    validate_national_code(code)
    _check_not_future(joined_on, "joined_on", _("تاریخ عضویت"))
    person = membership.person
    if (
        code != person.national_code
        and Person.objects.filter(national_code=code).exclude(pk=person.pk).exists()
    ):
        raise ValidationError(
            {"national_code": _("این کد ملی برای فرد دیگری ثبت شده است.")},
            code="national_code_taken",
        )
    if membership.left_on and membership.left_on < joined_on:
        raise ValidationError({"joined_on": _("تاریخ عضویت نمی‌تواند پس از تاریخ خروج باشد.")})
    person_values = {
        "national_code": code,
        "first_name": normalize(first_name),
        "last_name": normalize(last_name),
        "gender": gender,
        "birth_year": birth_year,
        "mobile": normalize_mobile(mobile) if mobile else "",
    }
    changed = [name for name, value in person_values.items() if getattr(person, name) != value]
    if changed:
        for name in changed:
            setattr(person, name, person_values[name])
        person.full_clean()
        person.save()
    membership_values = {
        "joined_on": joined_on,
        "consent_to_contact": consent_to_contact,
        "skills": normalize(skills),
    }
    changed = [
        name for name, value in membership_values.items() if getattr(membership, name) != value
    ]
    if changed:
        for name in changed:
            setattr(membership, name, membership_values[name])
        membership.save()
    return membership


@transaction.atomic
def member_leave(*, membership: Membership, left_on: dt.date) -> Membership:
    """The member leaves the club: the membership row stays with `left_on` set, any
    office they hold ends that day, and they stop leading a group."""
    if membership.left_on is not None:
        raise ValidationError(_("این عضو پیش‌تر از کانون خارج شده است."), code="already_left")
    if left_on < membership.joined_on:
        raise ValidationError(
            {"left_on": _("تاریخ خروج نمی‌تواند پیش از تاریخ عضویت باشد.")}, code="left_before"
        )
    _check_not_future(left_on, "left_on", _("تاریخ خروج"))
    membership.left_on = left_on
    membership.save()
    for term in OfficerTerm.objects.filter(membership=membership, ended_on__isnull=True):
        term.ended_on = max(left_on, term.elected_on)
        term.save()
    ThematicGroup.objects.filter(lead=membership, dissolved_on__isnull=True).update(lead=None)
    return membership


# --- Officers -------------------------------------------------------------------------


@transaction.atomic
def officer_elect(
    *,
    club: Club,
    membership: Membership,
    role: str,
    elected_on: dt.date,
    term_ends_on: dt.date | None = None,
) -> OfficerTerm:
    """Elect a secretary or deputy (دبیر / جانشین). The current holder of the role
    (and any other office the new holder had) ends on the election date; then the new
    term starts. The database allows one current holder per role as a backstop."""
    if role not in OfficerRole.values:
        raise ValidationError({"role": _("سمت انتخاب‌شده درست نیست.")})
    if membership.club_id != club.pk or membership.left_on is not None:
        raise ValidationError({"membership": _("فرد انتخاب‌شده عضو فعلی این کانون نیست.")})
    if elected_on < membership.joined_on:
        raise ValidationError({"elected_on": _("تاریخ انتخاب نمی‌تواند پیش از عضویت این فرد باشد.")})
    _check_not_future(elected_on, "elected_on", _("تاریخ انتخاب"))
    if term_ends_on and term_ends_on <= elected_on:
        raise ValidationError({"term_ends_on": _("پایان دوره باید پس از تاریخ انتخاب باشد.")})
    # Serialize elections in one club.
    Club.objects.select_for_update().filter(pk=club.pk).first()
    current = list(
        OfficerTerm.objects.filter(club=club, ended_on__isnull=True).filter(
            Q(role=role) | Q(membership=membership)
        )
    )
    for term in current:
        if term.role == role and term.membership_id == membership.pk:
            raise ValidationError(
                {
                    "membership": _("این فرد هم‌اکنون %(role)s کانون است.")
                    % {"role": term.get_role_display()}
                }
            )
        if elected_on < term.elected_on:
            raise ValidationError(
                {
                    "elected_on": _("تاریخ انتخاب نمی‌تواند پیش از آغاز دوره %(role)s فعلی باشد.")
                    % {"role": term.get_role_display()}
                }
            )
    for term in current:
        term.ended_on = elected_on
        term.save()
    try:
        with transaction.atomic():
            return OfficerTerm.objects.create(
                club=club,
                membership=membership,
                role=role,
                elected_on=elected_on,
                term_ends_on=term_ends_on,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("این کانون هم‌اکنون یک دبیر (یا جانشین) فعال دارد."), code="officer_conflict"
        ) from exc


@transaction.atomic
def officer_term_end(*, term: OfficerTerm, ended_on: dt.date) -> OfficerTerm:
    """End a term without electing a successor (resignation, end of the term)."""
    if term.ended_on is not None:
        raise ValidationError(_("این دوره پیش‌تر پایان یافته است."))
    if ended_on < term.elected_on:
        raise ValidationError({"ended_on": _("تاریخ پایان نمی‌تواند پیش از تاریخ انتخاب باشد.")})
    term.ended_on = ended_on
    term.save()
    return term


# --- Thematic groups ------------------------------------------------------------------


def _check_group_people(club: Club, members: Sequence[Membership], lead: Membership | None):
    for membership in members:
        if membership.club_id != club.pk or membership.left_on is not None:
            raise ValidationError(
                {"members": _("«%(name)s» عضو فعلی این کانون نیست.") % {"name": membership.person}}
            )
    if lead is not None and lead.pk not in {m.pk for m in members}:
        raise ValidationError({"lead": _("مسئول گروه باید از اعضای همین گروه باشد.")})


@transaction.atomic
def group_create(
    *,
    club: Club,
    topic: ThematicTopic,
    formed_on: dt.date,
    name: str = "",
    members: Sequence[Membership] = (),
    lead: Membership | None = None,
) -> ThematicGroup:
    members = list(members)
    _check_group_people(club, members, lead)
    if not topic.is_active:
        raise ValidationError({"topic": _("این موضوع در فهرست موضوعات فعال نیست.")})
    if ThematicGroup.objects.filter(club=club, topic=topic, dissolved_on__isnull=True).exists():
        raise ValidationError({"topic": _("این کانون برای این موضوع گروه فعال دارد.")})
    group = ThematicGroup.objects.create(
        club=club, topic=topic, name=normalize(name), formed_on=formed_on, lead=lead
    )
    group.members.set(members)
    return group


@transaction.atomic
def group_update(
    *,
    group: ThematicGroup,
    name: str,
    formed_on: dt.date,
    members: Sequence[Membership],
    lead: Membership | None = None,
) -> ThematicGroup:
    members = list(members)
    _check_group_people(group.club, members, lead)
    group.name = normalize(name)
    group.formed_on = formed_on
    group.lead = lead
    group.save()
    # Former members of the club stay in the group's list (its history); the form
    # only offers current members, so keep those who left.
    keep = list(group.members.filter(left_on__isnull=False))
    group.members.set(members + keep)
    return group


@transaction.atomic
def group_dissolve(*, group: ThematicGroup, dissolved_on: dt.date) -> ThematicGroup:
    if group.dissolved_on is not None:
        raise ValidationError(_("این گروه پیش‌تر منحل شده است."))
    if dissolved_on < group.formed_on:
        raise ValidationError({"dissolved_on": _("تاریخ انحلال نمی‌تواند پیش از تاریخ تشکیل باشد.")})
    group.dissolved_on = dissolved_on
    group.save(update_fields=["dissolved_on"])
    return group


# --- Meetings -------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItemData:
    """An action item typed in the meeting form."""

    title: str
    due_on: dt.date
    owner_membership: Membership | None = None
    owner_group: ThematicGroup | None = None


def _club_touch_last_meeting(club: Club) -> None:
    """Keep `club.last_meeting_on` at the latest meeting (an update, not a save: the
    activity signal is not a change of the club worth a history entry). A dormant club
    that meets again becomes active."""
    latest = club.meetings.aggregate(latest=Max("held_on"))["latest"]
    updates: dict = {"last_meeting_on": latest}
    today = _today()
    if (
        club.status == ClubStatus.DORMANT
        and latest is not None
        and (today - latest).days <= DORMANT_AFTER_DAYS
    ):
        updates["status"] = ClubStatus.ACTIVE
    Club.objects.filter(pk=club.pk).update(**updates)
    club.last_meeting_on = latest
    if "status" in updates:
        club.status = updates["status"]
        club.save(update_fields=["status", "updated_at"])  # recorded in the history


def _check_meeting(
    *, club: Club, kind: str, group: ThematicGroup | None, held_on: dt.date, attendees
) -> list[Membership]:
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("نوع جلسه درست نیست.")})
    if kind == MeetingKind.THEMATIC_GROUP and group is None:
        raise ValidationError({"group": _("برای جلسه گروه موضوعی، گروه را انتخاب کنید.")})
    if group is not None and group.club_id != club.pk:
        raise ValidationError({"group": _("این گروه از گروه‌های این کانون نیست.")})
    _check_not_future(held_on, "held_on", _("تاریخ جلسه"))
    ids = {m.pk if isinstance(m, Membership) else int(m) for m in attendees}
    found = list(Membership.objects.filter(pk__in=ids, club=club).select_related("person"))
    if len(found) != len(ids):
        raise ValidationError({"attendees": _("حاضران باید از اعضای همین کانون باشند.")})
    return found


def _gender_counts(attendees: Iterable[Membership]) -> tuple[int, int]:
    female = sum(1 for m in attendees if m.person.gender == Gender.FEMALE)
    male = sum(1 for m in attendees if m.person.gender == Gender.MALE)
    return female, male


@transaction.atomic
def meeting_log(
    *,
    club: Club,
    by,
    kind: str,
    held_on: dt.date,
    attendees: Iterable[Membership | int] = (),
    group: ThematicGroup | None = None,
    starts_at: dt.time | None = None,
    place: str = "",
    agenda: str = "",
    minutes: str = "",
    decisions: str = "",
    guests_female: int = 0,
    guests_male: int = 0,
    action_items: Sequence[ActionItemData] = (),
) -> Meeting:
    """Record a meeting that was held: attendance ticked from the roster, counts of
    non-member attendees, and the action items decided in it."""
    present = _check_meeting(
        club=club, kind=kind, group=group, held_on=held_on, attendees=attendees
    )
    if guests_female < 0 or guests_male < 0:
        raise ValidationError(_("تعداد حاضران نمی‌تواند منفی باشد."))
    members_female, members_male = _gender_counts(present)
    meeting = Meeting.objects.create(
        club=club,
        kind=kind,
        group=group,
        held_on=held_on,
        starts_at=starts_at,
        place=normalize(place),
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        decisions=decisions.strip(),
        members_female=members_female,
        members_male=members_male,
        guests_female=guests_female,
        guests_male=guests_male,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    meeting.attendees.set(present)
    for item in action_items:
        action_item_create(
            club=club,
            title=item.title,
            due_on=item.due_on,
            owner_membership=item.owner_membership,
            owner_group=item.owner_group,
            meeting=meeting,
        )
    _club_touch_last_meeting(club)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    kind: str,
    held_on: dt.date,
    attendees: Iterable[Membership | int] = (),
    group: ThematicGroup | None = None,
    starts_at: dt.time | None = None,
    place: str = "",
    agenda: str = "",
    minutes: str = "",
    decisions: str = "",
    guests_female: int = 0,
    guests_male: int = 0,
    action_items: Sequence[ActionItemData] = (),
) -> Meeting:
    """Correct a logged meeting; attendance counts and the club's last meeting date
    are computed again. `action_items` are added (existing ones change through
    `action_item_set_status`)."""
    club = meeting.club
    present = _check_meeting(
        club=club, kind=kind, group=group, held_on=held_on, attendees=attendees
    )
    if guests_female < 0 or guests_male < 0:
        raise ValidationError(_("تعداد حاضران نمی‌تواند منفی باشد."))
    meeting.members_female, meeting.members_male = _gender_counts(present)
    meeting.kind = kind
    meeting.group = group
    meeting.held_on = held_on
    meeting.starts_at = starts_at
    meeting.place = normalize(place)
    meeting.agenda = agenda.strip()
    meeting.minutes = minutes.strip()
    meeting.decisions = decisions.strip()
    meeting.guests_female = guests_female
    meeting.guests_male = guests_male
    meeting.save()
    meeting.attendees.set(present)
    for item in action_items:
        action_item_create(
            club=club,
            title=item.title,
            due_on=item.due_on,
            owner_membership=item.owner_membership,
            owner_group=item.owner_group,
            meeting=meeting,
        )
    _club_touch_last_meeting(club)
    return meeting


# --- Action items ---------------------------------------------------------------------


def action_item_create(
    *,
    club: Club,
    title: str,
    due_on: dt.date,
    owner_membership: Membership | None = None,
    owner_group: ThematicGroup | None = None,
    meeting: Meeting | None = None,
) -> ActionItem:
    title = normalize(title)
    if not title:
        raise ValidationError({"title": _("عنوان اقدام را بنویسید.")})
    if owner_membership is not None and owner_group is not None:
        raise ValidationError(_("مسئول اقدام یا یک عضو است یا یک گروه، نه هر دو."))
    if owner_membership is not None and owner_membership.club_id != club.pk:
        raise ValidationError({"owner": _("مسئول اقدام باید از اعضای همین کانون باشد.")})
    if owner_group is not None and owner_group.club_id != club.pk:
        raise ValidationError({"owner": _("گروه مسئول باید از گروه‌های همین کانون باشد.")})
    if meeting is not None and meeting.club_id != club.pk:
        raise ValidationError(_("جلسه از جلسات همین کانون نیست."))
    return ActionItem.objects.create(
        club=club,
        meeting=meeting,
        title=title,
        due_on=due_on,
        owner_membership=owner_membership,
        owner_group=owner_group,
    )


def action_item_set_status(
    *, item: ActionItem, status: str, on: dt.date | None = None
) -> ActionItem:
    """Move an action item; marking it done records the day (today unless given)."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("وضعیت انتخاب‌شده درست نیست.")})
    item.status = status
    item.done_on = (on or _today()) if status == ActionStatus.DONE else None
    item.save(update_fields=["status", "done_on"])
    return item
