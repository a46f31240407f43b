"""Users and what they may reach: role assignments, each with a place in the tree."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.roles import EDITOR_ROLES, ROLE_LEVELS, ROLE_PRECEDENCE, Role

__all__ = ["EDITOR_ROLES", "ROLE_LEVELS", "Role", "RoleAssignment", "User"]


class User(AbstractUser):
    mobile = models.CharField(_("تلفن همراه"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("کاربر")
        verbose_name_plural = _("کاربران")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def cached_role_assignments(self) -> list[RoleAssignment]:
        """The user's assignments, read once per user object."""
        if not hasattr(self, "_role_assignments_cache"):
            self._role_assignments_cache = list(
                self.role_assignments.select_related(
                    "university", "province", "county", "neighborhood", "club"
                )
            )
        return self._role_assignments_cache

    @property
    def roles(self) -> set[str]:
        roles = {assignment.role for assignment in self.cached_role_assignments()}
        if self.is_superuser:
            roles.add(Role.MINISTRY_ADMIN)
        return roles

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def primary_role(self) -> str | None:
        return next((role for role in ROLE_PRECEDENCE if role in self.roles), None)


class RoleAssignment(models.Model):
    """A role held over one place: a university, a province, a county, a neighborhood
    or a club (the ministry role is national and names none)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("کاربر")
    )
    role = models.CharField(_("نقش"), max_length=30, choices=Role.choices)
    university = models.ForeignKey(
        "regions.MedicalUniversity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("دانشگاه"),
    )
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("استان"),
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("شهرستان"),
    )
    neighborhood = models.ForeignKey(
        "regions.Neighborhood",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("محله"),
    )
    club = models.ForeignKey(
        "clubs.Club",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("کانون"),
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)

    class Meta:
        verbose_name = _("نقش کاربر")
        verbose_name_plural = _("نقش‌های کاربران")
        ordering = ["user", "role"]
        constraints = [
            # The same role over the same place once per user (NULLs compared as 0).
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("university", 0),
                Coalesce("province", 0),
                Coalesce("county", 0),
                Coalesce("neighborhood", 0),
                Coalesce("club", 0),
                name="role_assignment_unique",
                violation_error_message=_("این کاربر همین نقش را در همین محدوده دارد."),
            ),
            models.CheckConstraint(
                name="role_assignment_scope_matches_role",
                violation_error_message=_("محدوده انتخاب‌شده با این نقش نمی‌خواند."),
                condition=(
                    models.Q(
                        role=Role.MINISTRY_ADMIN,
                        university__isnull=True,
                        province__isnull=True,
                        county__isnull=True,
                        neighborhood__isnull=True,
                        club__isnull=True,
                    )
                    | models.Q(
                        role=Role.UNIVERSITY_STAFF,
                        university__isnull=False,
                        province__isnull=True,
                        county__isnull=True,
                        neighborhood__isnull=True,
                        club__isnull=True,
                    )
                    | models.Q(
                        role=Role.PROVINCE_SECRETARIAT,
                        university__isnull=True,
                        province__isnull=False,
                        county__isnull=True,
                        neighborhood__isnull=True,
                        club__isnull=True,
                    )
                    | models.Q(
                        role=Role.COUNTY_SECRETARIAT,
                        university__isnull=True,
                        province__isnull=True,
                        county__isnull=False,
                        neighborhood__isnull=True,
                        club__isnull=True,
                    )
                    | models.Q(
                        role=Role.FACILITATOR,
                        university__isnull=True,
                        province__isnull=True,
                        county__isnull=True,
                        neighborhood__isnull=False,
                        club__isnull=True,
                    )
                    | models.Q(
                        role__in=[Role.FACILITATOR, Role.CLUB_SECRETARY],
                        university__isnull=True,
                        province__isnull=True,
                        county__isnull=True,
                        neighborhood__isnull=True,
                        club__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        place = self.place
        return f"{self.user} — {self.get_role_display()}" + (f" — {place}" if place else "")

    @property
    def place(self):
        return self.university or self.province or self.county or self.neighborhood or self.club
