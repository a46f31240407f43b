"""Form building blocks every form of the portal uses: Jalali date input, and input
normalization (Persian/Arabic digits, ي/ك) before any field sees the data."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.utils.translation import gettext_lazy as _

from core import jalali
from core.text import normalize, normalize_number
from core.validators import (
    normalize_mobile,
    normalize_national_code,
    validate_mobile,
    validate_national_code,
)

_NUMERIC_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


class JalaliDateInput(forms.TextInput):
    """A text input holding ۱۴۰۳/۰۱/۱۵; the self-hosted Jalali date picker attaches to
    `data-jdp` and a phone shows its numeric keyboard."""

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {
            "data-jdp": "",
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": "۱۴۰۳/۰۱/۱۵",
            "dir": "ltr",
            "class": "form-control jalali-date",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return jalali.format_date(value)
        return super().format_value(value)


class JalaliDateField(forms.DateField):
    """Reads and shows Jalali dates; the cleaned value is a Gregorian `datetime.date`."""

    widget = JalaliDateInput
    default_error_messages = {"invalid": _("تاریخ را مانند ۱۴۰۳/۰۱/۱۵ بنویسید.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return jalali.parse_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return jalali.format_date(value)
        return value


def portal_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """`formfield_callback` for model forms: every DateField becomes a Jalali field."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", JalaliDateField)
        kwargs.setdefault("widget", JalaliDateInput)
    return db_field.formfield(**kwargs)


class NormalizedInputMixin:
    """Normalizes the submitted data of every text and number field (not passwords,
    not files) before validation, so a form stores ی/ک and ASCII digits whatever
    keyboard typed them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._normalized(self.data)

    def _normalized(self, data):
        data = data.copy()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.PasswordInput) or isinstance(field, forms.FileField):
                continue
            key = self.add_prefix(name)
            clean = normalize_number if isinstance(field, _NUMERIC_FIELDS) else normalize
            if hasattr(data, "getlist"):
                values = data.getlist(key)
                if values:
                    data.setlist(key, [clean(v) if isinstance(v, str) else v for v in values])
            elif isinstance(data.get(key), str):
                data[key] = clean(data[key])
        return data


class BootstrapMixin:
    """Adds Bootstrap classes to widgets; big touch targets come from the CSS."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "")
            if css not in classes.split():
                widget.attrs["class"] = f"{classes} {css}".strip()


class PortalForm(BootstrapMixin, NormalizedInputMixin, forms.Form):
    pass


class PortalModelFormMetaclass(ModelFormMetaclass):
    """Gives every portal model form Jalali date fields unless its Meta says otherwise."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(portal_formfield)
        return super().__new__(mcs, name, bases, attrs)


class PortalModelForm(
    BootstrapMixin, NormalizedInputMixin, forms.ModelForm, metaclass=PortalModelFormMetaclass
):
    pass


class NationalCodeField(forms.CharField):
    """کد ملی: ten digits with a valid checksum; cleaned to ASCII digits."""

    default_validators = []

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 14)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        validate_national_code(value)
        return normalize_national_code(value)


class MobileField(forms.CharField):
    """A mobile number, cleaned to 09xxxxxxxxx."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        validate_mobile(value)
        return normalize_mobile(value)
