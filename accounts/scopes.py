"""The one scoping mechanism of the portal.

A user's role assignments give them a *scope*: the nation, or sets of universities,
provinces, counties, neighborhoods and clubs. Every main model's queryset is a
`ScopedQuerySet` that declares how to reach each level from its rows
(`scope_paths`); `Model.objects.for_user(user)` then returns exactly the rows in the
user's scope, and `for_user(user, "change")` those the user may change. Views,
exports, imports, reports and the API all start from `for_user`, so a user never
reaches an object outside their region by editing a URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from accounts.models import User


class Level(StrEnum):
    UNIVERSITY = "university"
    PROVINCE = "province"
    COUNTY = "county"
    NEIGHBORHOOD = "neighborhood"
    CLUB = "club"


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


@dataclass(frozen=True)
class Scope:
    """What a set of role assignments reaches. `national` covers everything."""

    national: bool = False
    ids: Mapping[Level, frozenset[int]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.national and not any(self.ids.values())

    def ids_at(self, level: Level) -> frozenset[int]:
        return self.ids.get(level, frozenset())

    def q(self, paths: Mapping[Level, str]) -> Q | None:
        """A filter selecting the rows reachable through `paths`; None when nothing is."""
        condition: Q | None = None
        for level, path in paths.items():
            ids = self.ids_at(level)
            if not ids:
                continue
            part = Q(**{f"{path}__in": sorted(ids)})
            condition = part if condition is None else condition | part
        return condition


def scope_for(user: User, roles: Iterable[str] | None = None) -> Scope:
    """The scope of `user`'s assignments, limited to `roles` when given.

    Assignments are read once per user object (one query) and cached on it.
    """
    from accounts.roles import Role

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    assignments = user.cached_role_assignments()
    wanted = None if roles is None else set(roles)
    national = user.is_superuser
    ids: dict[Level, set[int]] = {level: set() for level in Level}
    for assignment in assignments:
        if wanted is not None and assignment.role not in wanted:
            continue
        if assignment.role == Role.MINISTRY_ADMIN:
            national = True
            continue
        for level in Level:
            value = getattr(assignment, f"{level.value}_id")
            if value is not None:
                ids[level].add(value)
    return Scope(national=national, ids={level: frozenset(v) for level, v in ids.items()})


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every model a user sees a part of.

    Subclasses declare `scope_paths`: for each level, the lookup path from this
    model to that level's primary key. A level missing from the paths grants nothing
    on this model. `change_roles` lists the roles whose assignments allow changes;
    `view_roles`, when set, limits who may see rows at all.
    """

    scope_paths: ClassVar[Mapping[Level, str]] = {}
    scope_multivalued: ClassVar[bool] = False
    view_roles: ClassVar[frozenset[str] | None] = None
    change_roles: ClassVar[frozenset[str] | None] = None

    def for_user(self, user: User, action: Action | str = Action.VIEW) -> ScopedQuerySet:
        """The rows `user` may see (action "view") or change (action "change")."""
        return self.for_roles(user, self._roles_for(action))

    def for_roles(self, user: User, roles: Iterable[str] | None) -> ScopedQuerySet:
        """The rows reached by `user`'s assignments of `roles` only (all roles when
        None): e.g. the clubs a user administers as university staff even if they
        also hold a club-level role elsewhere."""
        scope = scope_for(user, roles)
        if scope.national:
            return self.all()
        condition = scope.q(self.scope_paths)
        if condition is None:
            return self.none()
        if self.scope_multivalued:
            # Paths through reverse relations would repeat rows; filter by key instead.
            return self.filter(pk__in=self.model._base_manager.filter(condition).values("pk"))
        return self.filter(condition)

    def _roles_for(self, action: Action | str) -> frozenset[str] | None:
        if Action(action) is Action.CHANGE:
            return self.change_roles if self.change_roles is not None else _default_change_roles()
        return self.view_roles


def _default_change_roles() -> frozenset[str]:
    from accounts.roles import EDITOR_ROLES

    return EDITOR_ROLES
