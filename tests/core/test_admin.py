"""The Django admin is usable in RTL and Jalali for ministry admins."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.permissions import ministry_group_sync
from clubs.models import Club


@pytest.fixture
def admin_client_ministry(client, world, ministry_admin):
    ministry_admin.is_staff = True
    ministry_admin.save()
    ministry_admin.groups.add(ministry_group_sync())
    client.force_login(ministry_admin)
    return client


@pytest.mark.django_db
def test_admin_is_rtl_persian_with_self_hosted_font(admin_client_ministry):
    page = admin_client_ministry.get(reverse("admin:index")).content.decode()
    assert 'dir="rtl"' in page
    assert "vendor/vazirmatn" in page
    assert "مدیریت سامانه کانون‌های سلامت محله" in page


@pytest.mark.django_db
def test_admin_edits_neighborhood_reference_data(admin_client_ministry, world):
    url = reverse("admin:regions_neighborhood_change", args=[world.neighborhood_a1.pk])
    assert admin_client_ministry.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_date_fields_are_jalali(client, world):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    club = world.club_a1
    club.opened_on = dt.date(2024, 3, 20)
    club.save()
    client.force_login(root)
    page = client.get(reverse("admin:clubs_club_change", args=[club.pk])).content.decode()
    assert 'value="۱۴۰۳/۰۱/۰۱"' in page
    assert "data-jdp" in page


@pytest.mark.django_db
def test_ministry_admins_only_view_clubs_in_admin(admin_client_ministry, world):
    url = reverse("admin:clubs_club_change", args=[world.club_a1.pk])
    response = admin_client_ministry.post(
        url, {"name": "x", "neighborhood": world.neighborhood_a1.pk}
    )
    assert response.status_code == 403
    assert Club.objects.get(pk=world.club_a1.pk).name != "x"


def test_media_files_are_not_served_directly(settings):
    """Uploaded evidence and reports go through scoped views only: no URL serves
    MEDIA_ROOT, not even with DEBUG on (the URLconf is re-read with DEBUG on)."""
    import importlib

    from django.urls import Resolver404, clear_url_caches, resolve

    import config.urls

    settings.DEBUG = True
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve(f"/{settings.MEDIA_URL.strip('/')}/private/evidence.pdf")
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()
