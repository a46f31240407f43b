import pytest

from core.text import format_number, normalize, normalize_number, persian_digits


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("علي", "علی"),
        ("كرمان", "کرمان"),
        ("يزد ۱۲۳", "یزد 123"),
        ("٠٩١٢٣٤٥٦٧٨٩", "09123456789"),
        ("\u200fتهران ", "تهران"),
        ("مصطفى", "مصطفی"),
        ("کوی\u200cنصر", "کوی\u200cنصر"),  # the zero-width non-joiner stays
    ],
)
def test_normalize(typed, stored):
    assert normalize(typed) == stored


def test_numbers():
    assert normalize_number("۱٬۲۳۴٫۵") == "1234.5"
    assert persian_digits("1403/01/15") == "۱۴۰۳/۰۱/۱۵"
    assert format_number(12345) == "۱۲٬۳۴۵"
    assert format_number(0.5, 1) == "۰٫۵"
    assert format_number(None) == "—"
