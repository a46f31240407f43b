from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["university", "province", "county", "neighborhood", "club"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("تماس"), {"fields": ("mobile",)}),
    )
    inlines = [RoleAssignmentInline]
    list_display = ("username", "get_full_name", "email", "is_active", "is_staff")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "university", "province", "county", "neighborhood", "club")
    list_filter = ("role", "university")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ["user", "university", "province", "county", "neighborhood", "club"]
    list_select_related = ("user", "university", "province", "county", "neighborhood", "club")
