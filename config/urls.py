from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views

admin.site.site_header = _("مدیریت سامانه کانون‌های سلامت محله")
admin.site.site_title = _("سامانه کانون‌های سلامت محله")
admin.site.index_title = _("داده‌های پایه و کاربران")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("regions/", include("regions.urls")),
    path("clubs/", include("clubs.urls")),
    path("rollout/", include("clubs.rollout.urls")),
    path("forums/", include("forums.urls")),
    path("surveys/", include("surveys.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    # Read-only JSON API of clubs and meetings (scoped like the pages).
    path("api/", include("clubs.api")),
]

# Uploaded files (evidence, reports, imports) are never served from MEDIA_ROOT
# directly, not even in development: each is downloaded through a view that checks
# the user's scope.
