from django.contrib import admin

from clubs.models import Club


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ("name", "neighborhood", "status", "opened_on")
    list_filter = ("status",)
    search_fields = ("name", "neighborhood__name")
    autocomplete_fields = ["neighborhood"]
    list_select_related = ("neighborhood",)
