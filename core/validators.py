"""Validators for Iranian identifiers typed by people: national code (کد ملی) and
mobile numbers. Both accept Persian/Arabic digits; callers store the normalized form."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import normalize

_MOBILE_RE = re.compile(r"^09\d{9}$")


def normalize_national_code(value: str) -> str:
    """'۰۰۱۲۳۴۵۶۷۸' or '001-234567-8' → '0012345678' (hyphens and spaces dropped)."""
    return re.sub(r"[\s\-]", "", normalize(value or ""))


def is_valid_national_code(code: str) -> bool:
    if not re.fullmatch(r"\d{10}", code) or len(set(code)) == 1:
        return False
    check = int(code[9])
    remainder = sum(int(code[i]) * (10 - i) for i in range(9)) % 11
    return check == remainder if remainder < 2 else check == 11 - remainder


def validate_national_code(value: str) -> None:
    code = normalize_national_code(value)
    if not re.fullmatch(r"\d{10}", code):
        raise ValidationError(_("کد ملی باید ۱۰ رقم باشد."), code="national_code_length")
    if not is_valid_national_code(code):
        raise ValidationError(
            _("کد ملی «%(value)s» معتبر نیست."),
            code="national_code_checksum",
            params={"value": value},
        )


def normalize_mobile(value: str) -> str:
    """'+98 912 123 4567', '۰۹۱۲۱۲۳۴۵۶۷', '9121234567' → '09121234567'."""
    digits = re.sub(r"[\s\-()]", "", normalize(value or ""))
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif digits.startswith("9") and len(digits) == 10:
        digits = "0" + digits
    return digits


def validate_mobile(value: str) -> None:
    if not _MOBILE_RE.match(normalize_mobile(value)):
        raise ValidationError(
            _("شماره همراه «%(value)s» درست نیست؛ مانند ۰۹۱۲۱۲۳۴۵۶۷ بنویسید."),
            code="mobile",
            params={"value": value},
        )
