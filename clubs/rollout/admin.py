"""The rollout template and the action plan in the Django admin (ministry admins).

A published template version is read-only: to change the model, copy it as a new
draft («رونوشت به‌عنوان پیش‌نویس»), edit the draft's phases, strategies and
activities (keep the codes of activities that stay the same), publish it, then move
clubs to it — each club's progress is copied by activity code and the old rows stay.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clubs.rollout import services, tasks
from clubs.rollout.models import (
    Activity,
    ClubRollout,
    Phase,
    PlanArea,
    PlanItem,
    Strategy,
    TemplateVersion,
)
from core.text import persian_digits


def _published(version: TemplateVersion | None) -> bool:
    return version is not None and version.is_published


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("number", "code", "title")

    def _editable(self, obj) -> bool:
        return not _published(obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "published_at", "phase_count", "club_count")
    readonly_fields = ("published_at", "created_at")
    inlines = [PhaseInline]
    actions = ["clone_as_draft", "publish", "move_all_clubs"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                phases_n=Count("phases", distinct=True),
                clubs_n=Count("club_rollouts", distinct=True),
            )
        )

    @admin.display(description=_("فازها"))
    def phase_count(self, obj):
        return obj.phases_n

    @admin.display(description=_("کانون‌های پیرو"))
    def club_count(self, obj):
        return obj.clubs_n

    def get_readonly_fields(self, request, obj=None):
        if _published(obj):
            return ("number", "title", "source", "notes", "published_at", "created_at")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return not _published(obj) and super().has_delete_permission(request, obj)

    @admin.action(description=_("رونوشت به‌عنوان پیش‌نویس نسخه جدید"), permissions=["add"])
    def clone_as_draft(self, request, queryset):
        for source in queryset:
            number = (TemplateVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
            draft = services.template_version_clone(
                source=source, number=number, title=source.title
            )
            self.message_user(
                request,
                gettext("پیش‌نویس نسخه %(n)s ساخته شد.") % {"n": persian_digits(draft.number)},
            )

    @admin.action(description=_("انتشار"), permissions=["change"])
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.template_version_publish(version=version)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{version}: " + " ".join(error.messages),
                    level=messages.ERROR,
                )
            else:
                self.message_user(request, gettext("«%(v)s» منتشر شد.") % {"v": version})

    @admin.action(
        description=_("انتقال همه کانون‌ها به این نسخه (با حفظ پیشرفت)"), permissions=["change"]
    )
    def move_all_clubs(self, request, queryset):
        for version in queryset:
            if not version.is_published:
                self.message_user(
                    request,
                    gettext("«%(v)s» هنوز منتشر نشده است.") % {"v": version},
                    level=messages.ERROR,
                )
                continue
            version_id = version.pk
            transaction.on_commit(lambda v=version_id: tasks.move_clubs_to_version.delay(v))
            self.message_user(
                request,
                gettext("انتقال کانون‌ها به «%(v)s» آغاز شد.") % {"v": version},
            )


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ("number", "code", "title", "description", "evidence_rule")

    def _editable(self, obj) -> bool:
        return obj is None or not obj.phase.version.is_published

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "phase", "version")
    list_filter = ("phase__version",)
    list_select_related = ("phase__version",)
    ordering = ("-phase__version__number", "number")
    inlines = [ActivityInline]

    @admin.display(description=_("نسخه"))
    def version(self, obj):
        return obj.phase.version

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "phase":
            kwargs["queryset"] = Phase.objects.filter(
                version__published_at__isnull=True
            ).select_related("version")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _editable(self, obj) -> bool:
        return obj is None or not obj.phase.version.is_published

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "strategy", "evidence_rule", "version")
    list_filter = ("strategy__phase__version", "evidence_rule")
    search_fields = ("title", "code")
    list_select_related = ("strategy__phase__version",)
    ordering = ("-strategy__phase__version__number", "strategy__number", "number")

    @admin.display(description=_("نسخه"))
    def version(self, obj):
        return obj.strategy.phase.version

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "strategy":
            kwargs["queryset"] = Strategy.objects.filter(
                phase__version__published_at__isnull=True
            ).select_related("phase__version")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _editable(self, obj) -> bool:
        return obj is None or not obj.strategy.phase.version.is_published

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(ClubRollout)
class ClubRolloutAdmin(admin.ModelAdmin):
    list_display = (
        "club",
        "version",
        "current_phase",
        "reported_phase",
        "done_count",
        "verified_count",
    )
    list_filter = ("version", "current_phase")
    search_fields = ("club__name",)
    list_select_related = ("club", "version")
    readonly_fields = [f.name for f in ClubRollout._meta.fields]
    actions = ["move_to_latest"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("انتقال به آخرین نسخه منتشرشده (با حفظ پیشرفت)"), permissions=["change"]
    )
    def move_to_latest(self, request, queryset):
        version = TemplateVersion.objects.current()
        moved = 0
        for rollout in queryset.select_related("club"):
            services.club_rollout_move(club=rollout.club, version=version, by=request.user)
            moved += 1
        self.message_user(request, gettext("%(n)s کانون منتقل شد.") % {"n": persian_digits(moved)})


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ("number", "code", "title", "is_active")


@admin.register(PlanArea)
class PlanAreaAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "is_step_one")
    inlines = [PlanItemInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "area", "is_active")
    list_filter = ("area", "is_active")
    list_select_related = ("area",)
