"""Who runs which forum (its secretariat), in one table, used by `for_user`.

- neighborhood forum: the facilitators and club secretaries of the clubs in that
  neighborhood (or a facilitator assigned to the neighborhood itself);
- county forum: the county forum secretariat of that county;
- province forum: the province forum secretariat of that province;
- national forum and supreme council: ministry admins.

Reading is wider (see ForumQuerySet.scope_paths and IssueQuerySet): a secretariat
reads every issue that passed through its forum; university staff read the forums
and the issues of their counties; ministry admins read everything. These functions
only build filters from the user's cached role assignments: they run no query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.scopes import Level, scope_for
from forums.models import Forum, ForumLevel


@dataclass(frozen=True)
class Secretariat:
    level: str
    roles: tuple[str, ...]
    paths: Mapping[Level, str]  # from Forum to the place id of the role's assignment


SECRETARIATS = (
    Secretariat(
        ForumLevel.NEIGHBORHOOD,
        (Role.FACILITATOR, Role.CLUB_SECRETARY),
        {Level.CLUB: "neighborhood__clubs", Level.NEIGHBORHOOD: "neighborhood"},
    ),
    Secretariat(ForumLevel.COUNTY, (Role.COUNTY_SECRETARIAT,), {Level.COUNTY: "county"}),
    Secretariat(ForumLevel.PROVINCE, (Role.PROVINCE_SECRETARIAT,), {Level.PROVINCE: "province"}),
)
NATIONAL_LEVELS = (ForumLevel.NATIONAL, ForumLevel.SUPREME)
SECRETARIAT_ROLES = frozenset(
    {Role.MINISTRY_ADMIN, *(role for s in SECRETARIATS for role in s.roles)}
)


def _prefixed(paths: Mapping[Level, str], prefix: str) -> dict[Level, str]:
    return {level: prefix + path for level, path in paths.items()}


def secretariat_q(user: User, prefix: str = "") -> Q | None:
    """A filter on Forum (or on a model reaching Forum through `prefix`) selecting the
    forums `user` is the secretariat of; None when there are none."""
    condition: Q | None = None

    def add(part: Q) -> None:
        nonlocal condition
        condition = part if condition is None else condition | part

    if scope_for(user, [Role.MINISTRY_ADMIN]).national:
        add(Q(**{f"{prefix}level__in": NATIONAL_LEVELS}))
    for secretariat in SECRETARIATS:
        places = scope_for(user, secretariat.roles).q(_prefixed(secretariat.paths, prefix))
        if places is not None:
            add(Q(**{f"{prefix}level": secretariat.level}) & places)
    return condition


def issue_stop_q(user: User) -> tuple[Q | None, bool]:
    """A filter on IssueStop selecting the stops that make an issue readable by
    `user`, and whether the user reads every issue (national)."""
    if scope_for(user).national:
        return None, True
    condition = secretariat_q(user, prefix="forum__")
    staff = scope_for(user, [Role.UNIVERSITY_STAFF]).q(
        {Level.UNIVERSITY: "forum__county__university"}
    )
    if staff is not None:
        condition = staff if condition is None else condition | staff
    return condition, False


def runs_forum(user: User, forum: Forum) -> bool:
    """Whether `user` is the secretariat of `forum` (one query at most)."""
    return Forum.objects.for_user(user, "change").filter(pk=forum.pk).exists()


def secretariat_users(forum: Forum):
    """The active users who run `forum` (to notify them)."""
    if forum.level in NATIONAL_LEVELS:
        assignments = Q(role=Role.MINISTRY_ADMIN)
    elif forum.level == ForumLevel.NEIGHBORHOOD:
        assignments = Q(
            role__in=[Role.FACILITATOR, Role.CLUB_SECRETARY],
            club__neighborhood_id=forum.neighborhood_id,
        ) | Q(role=Role.FACILITATOR, neighborhood_id=forum.neighborhood_id)
    elif forum.level == ForumLevel.COUNTY:
        assignments = Q(role=Role.COUNTY_SECRETARIAT, county_id=forum.county_id)
    else:
        assignments = Q(role=Role.PROVINCE_SECRETARIAT, province_id=forum.province_id)
    user_ids = RoleAssignment.objects.filter(assignments).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True)


def ministry_admin_users():
    user_ids = RoleAssignment.objects.filter(role=Role.MINISTRY_ADMIN).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True)
