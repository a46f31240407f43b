from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, showing and reading dates in Jalali like the rest of the
    portal: the default form field of every DateField is replaced here, before the
    admin modules are discovered and their ModelAdmins copy the defaults."""

    def ready(self) -> None:
        from django.contrib.admin import options
        from django.db import models

        from core.forms import JalaliDateField, JalaliDateInput

        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateField] = {
            "form_class": JalaliDateField,
            "widget": JalaliDateInput(attrs={"class": "vTextField jalali-date"}),
        }
        super().ready()
