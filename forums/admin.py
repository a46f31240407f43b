"""Forums in the Django admin: for looking things up. Issues and policies change only
through the portal's actions (their timeline must record every change), so here
they are read-only."""

from django.contrib import admin

from forums.models import Forum, ForumSession, Issue, IssueEvent, Policy, Seat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    fields = ("kind", "person_name", "organization", "term_start", "term_end")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Forum)
class ForumAdmin(ReadOnlyAdmin):
    list_display = ("name", "level", "parent", "province", "county")
    list_filter = ("level",)
    search_fields = ("name",)
    list_select_related = ("parent", "province", "county")
    inlines = [SeatInline]


@admin.register(ForumSession)
class ForumSessionAdmin(ReadOnlyAdmin):
    list_display = ("forum", "held_on", "place")
    list_select_related = ("forum",)
    search_fields = ("forum__name",)
    date_hierarchy = "held_on"


class IssueEventInline(admin.TabularInline):
    model = IssueEvent
    fk_name = "issue"
    extra = 0
    fields = ("at", "kind", "actor", "from_forum", "to_forum", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "origin_forum", "current_forum", "priority", "due_on")
    list_filter = ("status", "origin_forum__level", "is_rollup")
    search_fields = ("title",)
    list_select_related = ("origin_forum", "current_forum")
    inlines = [IssueEventInline]


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ("title", "forum", "approved_on", "communicated_at")
    list_select_related = ("forum",)
    search_fields = ("title",)
