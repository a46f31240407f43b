from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _

from core.text import normalize


class LoginForm(AllauthLoginForm):
    """allauth's login, accepting a username typed with Persian digits or ي/ك."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("نام کاربری یا ایمیل")
        self.fields["login"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "username", "dir": "auto", "placeholder": ""}
        )
        self.fields["password"].widget.attrs.update({"class": "form-control", "placeholder": ""})
        if "remember" in self.fields:
            self.fields["remember"].widget.attrs["class"] = "form-check-input"

    def clean_login(self) -> str:
        return normalize(super().clean_login())
