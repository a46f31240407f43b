"""Django admin for questionnaires, campaigns and indicators. Building questionnaires
and campaigns happens in the portal (which keeps versions and counters right); the
admin shows them and lets ministry admins correct titles and indicator definitions."""

from django.contrib import admin

from surveys.models import (
    Campaign,
    CampaignTarget,
    Indicator,
    IndicatorTarget,
    Questionnaire,
    QuestionnaireVersion,
)


class VersionInline(admin.TabularInline):
    model = QuestionnaireVersion
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "owner_university", "shipped_code", "is_archived")
    list_filter = ("kind", "is_archived", "owner_university")
    search_fields = ("title",)
    fields = ("title", "description", "kind", "is_archived", "owner_university", "shipped_code")
    readonly_fields = ("owner_university", "shipped_code")
    inlines = [VersionInline]
    list_select_related = ("owner_university",)

    def has_add_permission(self, request) -> bool:
        return False  # built in the portal (or imported from XLSForm)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TargetInline(admin.TabularInline):
    model = CampaignTarget
    fields = ("club", "submitted_count", "draft_count")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "questionnaire", "owner_university", "starts_on", "ends_on", "status")
    list_filter = ("status", "owner_university")
    search_fields = ("title",)
    fields = (
        "title",
        "status",
        "questionnaire",
        "version",
        "starts_on",
        "ends_on",
        "target_per_club",
    )
    readonly_fields = ("questionnaire", "version", "starts_on", "ends_on", "target_per_club")
    inlines = [TargetInline]
    list_select_related = ("questionnaire", "owner_university")

    def has_add_permission(self, request) -> bool:
        return False


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "source", "computation", "owner_university", "is_active")
    list_filter = ("source", "unit", "is_active")
    search_fields = ("name",)
    inlines = [IndicatorTargetInline]
    list_select_related = ("owner_university",)
