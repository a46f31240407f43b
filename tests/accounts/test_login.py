"""Signing in with allauth: username or e-mail, no open sign-up, password reset by mail."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f

LOGIN = reverse("account_login")


@pytest.fixture
def person(db):
    return f.UserFactory(username="sara1402", email="sara@example.org")


@pytest.mark.django_db
class TestLogin:
    def test_login_page_is_persian_rtl(self, client):
        page = client.get(LOGIN).content.decode()
        assert 'lang="fa"' in page and 'dir="rtl"' in page
        assert "ورود به سامانه" in page
        assert "cdn" not in page.lower()

    def test_login_with_username(self, client, person):
        response = client.post(LOGIN, {"login": "sara1402", "password": "pass-1234"})
        assert response.status_code == 302
        assert response["Location"] == reverse("home")

    def test_login_with_email(self, client, person):
        response = client.post(LOGIN, {"login": "sara@example.org", "password": "pass-1234"})
        assert response.status_code == 302

    def test_username_typed_with_persian_digits(self, client, person):
        response = client.post(LOGIN, {"login": "sara۱۴۰۲", "password": "pass-1234"})
        assert response.status_code == 302

    def test_wrong_password_gets_a_persian_error(self, client, person):
        response = client.post(LOGIN, {"login": "sara1402", "password": "wrong"})
        assert response.status_code == 200
        assert "نادرست" in response.content.decode() or "صحیح نیست" in response.content.decode()

    def test_sign_up_is_closed(self, client, db):
        client.post(
            reverse("account_signup"),
            {"username": "x", "password1": "Abcd-12345", "password2": "Abcd-12345"},
        )
        from accounts.models import User

        assert not User.objects.filter(username="x").exists()

    def test_password_reset_sends_mail(self, client, person):
        response = client.post(reverse("account_reset_password"), {"email": "sara@example.org"})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        assert "sara@example.org" in mail.outbox[0].to

    def test_logout(self, client, person):
        client.force_login(person)
        response = client.post(reverse("account_logout"))
        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_persian_rtl(client):
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page
    assert "گذرواژه" in page
