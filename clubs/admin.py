from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clubs.models import Club, Partner, ThematicTopic


@admin.register(Club)
class ClubAdmin(SimpleHistoryAdmin):
    list_display = ("name", "neighborhood", "status", "opened_on", "last_meeting_on")
    list_filter = ("status",)
    search_fields = ("name", "neighborhood__name")
    autocomplete_fields = ["neighborhood"]
    list_select_related = ("neighborhood",)
    filter_horizontal = ("partners",)


@admin.register(ThematicTopic)
class ThematicTopicAdmin(admin.ModelAdmin):
    """The catalogue of thematic groups (گروه‌های موضوعی), edited by ministry admins."""

    list_display = ("name", "code", "is_local", "is_active", "order")
    list_editable = ("is_active", "order")
    list_filter = ("is_local", "is_active")
    search_fields = ("name", "code")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
