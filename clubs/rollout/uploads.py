"""Checks on uploaded evidence files: photos and PDFs only, up to a size limit.

The type is read from the file's first bytes, not from the name or the browser's
claim, and the name's extension must agree with it, so a renamed executable or an
HTML page is refused. Messages are Persian.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.text import format_number

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]


KINDS = (
    FileKind("application/pdf", (".pdf",)),
    FileKind("image/jpeg", (".jpg", ".jpeg")),
    FileKind("image/png", (".png",)),
    FileKind("image/webp", (".webp",)),
)
ACCEPT = ",".join(ext for kind in KINDS for ext in kind.extensions)


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    name: str
    content_type: str
    size: int


def max_upload_bytes() -> int:
    return getattr(settings, "ROLLOUT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Raise ValidationError (Persian) unless `upload` is a photo or PDF within the limit."""
    name = Path(upload.name or "").name[:200]
    size = upload.size or 0
    limit = max_upload_bytes()
    if size == 0:
        raise ValidationError(_("فایل «%(name)s» خالی است.") % {"name": name}, code="empty")
    if size > limit:
        raise ValidationError(
            _("حجم فایل «%(name)s» بیش از %(limit)s مگابایت است.")
            % {"name": name, "limit": format_number(limit / (1024 * 1024))},
            code="too_large",
        )
    extension = Path(name).suffix.lower()
    allowed = {ext: kind for kind in KINDS for ext in kind.extensions}
    if extension not in allowed:
        raise ValidationError(
            _("نوع فایل «%(name)s» پذیرفته نیست؛ فقط عکس (JPG، PNG، WebP) یا PDF بارگذاری کنید.")
            % {"name": name},
            code="type",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    detected = _sniff(head)
    if detected != allowed[extension].content_type:
        raise ValidationError(
            _("محتوای فایل «%(name)s» با پسوند آن نمی‌خواند؛ فقط عکس یا PDF سالم بارگذاری کنید.")
            % {"name": name},
            code="content",
        )
    return CheckedUpload(upload=upload, name=name, content_type=detected, size=size)
