"""Persian text at the edges: what people type is normalized before it is stored,
what they read is shown with Persian digits."""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

_NORMALIZE = str.maketrans(
    {
        **dict(zip(PERSIAN_DIGITS, ASCII_DIGITS, strict=True)),
        **dict(zip(ARABIC_INDIC_DIGITS, ASCII_DIGITS, strict=True)),
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # Arabic alef maksura, typed for yeh on some keyboards
        "ك": "ک",  # Arabic kaf
        "\u200f": None,  # right-to-left mark pasted from other programs
        "\u200e": None,  # left-to-right mark
    }
)
_TO_PERSIAN_DIGITS = str.maketrans(ASCII_DIGITS, PERSIAN_DIGITS)
_NUMBER_SEPARATORS = str.maketrans({"٫": ".", "٬": "", ",": "", "،": ""})


def normalize(value: str) -> str:
    """Persian/Arabic-Indic digits → ASCII, Arabic ي/ك → Persian ی/ک, stray
    direction marks removed, surrounding whitespace stripped."""
    return value.translate(_NORMALIZE).strip()


def normalize_number(value: str) -> str:
    """A number as typed ("۱٬۲۳۴٫۵") → "1234.5"."""
    return normalize(value).translate(_NUMBER_SEPARATORS).replace(" ", "")


def persian_digits(value: object) -> str:
    """Any value as text with its ASCII digits written in Persian."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def format_number(value: int | float | None, decimals: int | None = None) -> str:
    """۱۲٬۳۴۵ — thousands separated by the Persian separator, Persian digits."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return persian_digits(text.replace(",", "٬").replace(".", "٫"))
