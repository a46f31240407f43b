"""Spreadsheet imports in the portal, reusable by every app: upload → dry-run preview
→ confirm, built on django-import-export.

- `FormRowResource`: a django-import-export `Resource` whose rows are validated by
  the same Django form as the screen that edits the same thing, then saved through
  the app's service. Cells are read by the Persian widgets of core/importexport.py.
  Every bad row is reported with its line number in the file and Persian reasons;
  `import_data(..., rollback_on_validation_errors=True)` writes nothing unless every
  row is valid (one transaction).
- The uploaded file waits for the confirmation on the server (under MEDIA_ROOT, in
  a folder of the user, named by a random token), so the confirm step never trusts
  posted data: `stash_upload` / `stash_load` / `stash_discard`.
- `import_flow`: the view steps (upload form, preview, confirm) for any resource.
- `export_response`: a scoped queryset written as XLSX or CSV by a resource.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from import_export import resources
from import_export.formats.base_formats import CSV, XLSX
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Error, RowResult

from core.text import normalize, persian_digits

STASH_DIR = "imports"
STASH_MAX_AGE_SECONDS = 24 * 60 * 60
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{24,64}$")
FORMATS = {"xlsx": XLSX, "csv": CSV}


class ImportFileError(Exception):
    """The file cannot be read as a table (message in Persian)."""


# --- The uploaded file, kept on the server until the confirmation ----------------------


@dataclass(frozen=True)
class Stash:
    token: str
    path: Path
    meta: dict


def _user_dir(user) -> Path:
    return Path(settings.MEDIA_ROOT) / STASH_DIR / str(int(user.pk))


def _clean_old(folder: Path) -> None:
    cutoff = time.time() - STASH_MAX_AGE_SECONDS
    for path in folder.glob("*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def stash_upload(*, user, upload, kind: str, params: dict) -> str:
    """Keep an uploaded file for `user`; returns the token that names it."""
    folder = _user_dir(user)
    folder.mkdir(parents=True, exist_ok=True)
    _clean_old(folder)
    token = secrets.token_urlsafe(24)
    fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
    with (folder / f"{token}.{fmt}").open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    meta = {"kind": kind, "params": params, "format": fmt, "name": upload.name}
    (folder / f"{token}.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return token


def stash_load(*, user, token: str, kind: str, params: dict) -> Stash | None:
    """The file `user` uploaded under `token` for this import, or None."""
    if not isinstance(token, str) or not _TOKEN_RE.match(token):
        return None
    folder = _user_dir(user)
    meta_path = folder / f"{token}.json"
    if not meta_path.exists():
        return None
    if time.time() - meta_path.stat().st_mtime > STASH_MAX_AGE_SECONDS:
        stash_discard(user=user, token=token)
        return None
    meta = json.loads(meta_path.read_text("utf-8"))
    if meta.get("kind") != kind or meta.get("params") != params:
        return None
    path = folder / f"{token}.{meta['format']}"
    return Stash(token=token, path=path, meta=meta) if path.exists() else None


def stash_discard(*, user, token: str) -> None:
    if not isinstance(token, str) or not _TOKEN_RE.match(token):
        return
    for path in _user_dir(user).glob(f"{token}.*"):
        path.unlink(missing_ok=True)


def read_dataset(path: Path, fmt: str) -> tablib.Dataset:
    """The first sheet (XLSX) or the CSV as a dataset whose first row is the header.
    CSV is read as UTF-8 (with or without BOM) or, failing that, Windows-1256."""
    raw = path.read_bytes()
    try:
        if fmt == "xlsx":
            dataset = XLSX().create_dataset(raw)
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1256")
            dataset = CSV().create_dataset(text)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            _("فایل خوانده نشد؛ آن را با اکسل به‌صورت xlsx یا csv ذخیره کنید.")
        ) from exc
    if not dataset.headers:
        raise ImportFileError(_("فایل خالی است یا سطر اول آن سرستون‌ها نیست."))
    return dataset


# --- A resource whose rows go through a form and a service ----------------------------


def _header_key(text: Any) -> str:
    """Headers match whatever spacing and letters a spreadsheet used."""
    value = normalize(str(text or ""))
    return re.sub(r"[\s\u200c_\-]+", "", value).lower()


class FormRowResource(resources.Resource):
    """Subclasses declare their columns as `Field`s (column_name in Persian, a widget
    from core.importexport) and implement `row_form`, `save_row` and `summary`.

    `required_columns` name the columns that must be present in the header.
    """

    required_columns: tuple[str, ...] = ()
    summary_headers: tuple[str, ...] = ()

    class Meta:
        skip_diff = True
        instance_loader_class = BaseInstanceLoader

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._seen: dict[Any, int] = {}

    # -- to implement --------------------------------------------------------------
    def row_form(self, values: dict[str, Any]) -> forms.Form:
        """A bound form for the cleaned cell values (keyed by field attribute)."""
        raise NotImplementedError

    def row_key(self, form: forms.Form) -> Any:
        """What makes a row a duplicate of another in the same file (None: no check)."""
        return None

    def save_row(self, form: forms.Form) -> tuple[Any, bool]:
        """Write the row through the app's service: (object, created)."""
        raise NotImplementedError

    def summary(self, form: forms.Form, obj: Any) -> list[str]:
        """The preview's cells for this row."""
        return [str(obj)]

    # -- machinery ------------------------------------------------------------------
    def sheet_row(self, number: int) -> int:
        """The line in the file: data row 1 is line 2 (line 1 holds the headers)."""
        return number + 1

    def before_import(self, dataset, **kwargs):
        by_key = {}
        for fld in self.fields.values():
            by_key[_header_key(fld.column_name)] = fld.column_name
            if fld.attribute:
                by_key[_header_key(fld.attribute)] = fld.column_name
        headers = []
        for header in dataset.headers:
            headers.append(by_key.get(_header_key(header), str(header or "")))
        dataset.headers = headers
        missing = [name for name in self.required_columns if name not in headers]
        if missing:
            raise ValidationError(
                _("این ستون‌ها در سطر اول فایل نیست: %(names)s")
                % {"names": "، ".join(f"«{name}»" for name in missing)}
            )

    def _clean_cells(self, row: dict) -> tuple[dict, dict]:
        values, errors = {}, {}
        for fld in self.fields.values():
            if not fld.attribute or fld.readonly:
                continue
            raw = row.get(fld.column_name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                values[fld.attribute] = None
                continue
            try:
                values[fld.attribute] = fld.widget.clean(raw, row=row)
            except (ValueError, ValidationError) as exc:
                message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                errors[fld.column_name] = [message]
        return values, errors

    def _column_label(self, form: forms.Form | None, name: str) -> str:
        for fld in self.fields.values():
            if fld.attribute == name:
                return fld.column_name
        if form is not None and name in form.fields and form.fields[name].label:
            return str(form.fields[name].label)
        return ""

    def _messages(self, form: forms.Form | None, error: ValidationError) -> dict:
        if hasattr(error, "error_dict"):
            return {
                self._column_label(form, name): [str(m) for m in ValidationError(errs).messages]
                for name, errs in error.error_dict.items()
            }
        return {"": [str(m) for m in error.messages]}

    def import_row(self, row, instance_loader, **kwargs):
        result = self.get_row_result_class()()
        number = kwargs["row_number"]
        result.number = self.sheet_row(number)
        result.row_values = row
        if all(value is None or str(value).strip() == "" for value in row.values()):
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        form = None
        try:
            values, cell_errors = self._clean_cells(row)
            if cell_errors:
                raise ValidationError(cell_errors)
            form = self.row_form(values)
            if not form.is_valid():
                raise ValidationError({name: list(errs) for name, errs in form.errors.items()})
            key = self.row_key(form)
            if key is not None:
                if key in self._seen:
                    raise ValidationError(
                        _("تکراری است: همان ردیف %(row)s فایل.")
                        % {"row": persian_digits(self._seen[key])}
                    )
                self._seen[key] = result.number
            with transaction.atomic():
                obj, created = self.save_row(form)
            result.import_type = (
                RowResult.IMPORT_TYPE_NEW if created else RowResult.IMPORT_TYPE_UPDATE
            )
            result.summary = self.summary(form, obj)
            result.add_instance_info(obj)
        except ValidationError as exc:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = ValidationError(self._messages(form, exc))
        except Exception as exc:  # reported on the row; the import is rolled back
            result.import_type = RowResult.IMPORT_TYPE_ERROR
            result.errors.append(Error(exc, row=row, number=number))
        return result

    def run(self, dataset: tablib.Dataset, *, dry_run: bool) -> ImportPreview:
        """Import every row (a dry run rolls everything back); nothing is kept unless
        every row is valid."""
        self._seen = {}
        result = self.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
        return ImportPreview.from_result(result, self)


@dataclass
class RowProblem:
    line: int
    messages: list[str]


@dataclass
class ImportPreview:
    headers: list[str]
    rows: list[tuple[int, str, list[str]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    new: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_errors and bool(self.rows)

    @property
    def total(self) -> int:
        return self.new + self.updated

    @classmethod
    def from_result(cls, result, resource: FormRowResource) -> ImportPreview:
        preview = cls(headers=list(resource.summary_headers))
        for error in result.base_errors:
            exc = error.error
            preview.file_errors += (
                [str(m) for m in exc.messages] if isinstance(exc, ValidationError) else [str(exc)]
            )
        for row in result.rows:
            if row.is_new() or row.is_update():
                label = _("جدید") if row.is_new() else _("به‌روزرسانی")
                preview.rows.append((row.number, label, getattr(row, "summary", [])))
                if row.is_new():
                    preview.new += 1
                else:
                    preview.updated += 1
            elif row.is_invalid():
                lines = []
                for column, errs in row.validation_error.message_dict.items():
                    for message in errs:
                        lines.append(f"{column}: {message}" if column else message)
                preview.problems.append(RowProblem(row.number, lines))
            elif row.is_error():
                preview.problems.append(
                    RowProblem(
                        row.number,
                        [_("این ردیف خوانده نشد (خطای داخلی): %(e)s") % {"e": row.errors[0].error}],
                    )
                )
        if preview.file_errors:
            # A file that cannot be read as a whole: its rows are not worth listing.
            preview.rows, preview.problems = [], []
        elif not preview.rows and not preview.problems:
            preview.file_errors.append(_("فایل هیچ ردیف داده‌ای ندارد."))
        return preview


# --- The view steps -------------------------------------------------------------------


def import_flow(
    request: HttpRequest,
    *,
    kind: str,
    params: dict,
    make_resource: Callable[[], FormRowResource],
    template: str,
    context: dict,
    done_url: str,
    upload_form_class: type[forms.Form],
) -> HttpResponse:
    """GET: the upload form. POST with a file: dry run and the preview (with a
    confirm button only if every row is valid). POST with `token`: the import,
    from the file kept on the server, in one transaction."""
    user = request.user
    context = {**context, "stage": "upload"}
    if request.method == "POST" and "token" in request.POST:
        stash = stash_load(user=user, token=request.POST["token"], kind=kind, params=params)
        if stash is None:
            messages.error(
                request, _("فایل بارگذاری‌شده پیدا نشد یا منقضی شده است؛ دوباره بارگذاری کنید.")
            )
            return redirect(request.path)
        try:
            dataset = read_dataset(stash.path, stash.meta["format"])
        except ImportFileError as exc:
            stash_discard(user=user, token=stash.token)
            messages.error(request, str(exc))
            return redirect(request.path)
        preview = make_resource().run(dataset, dry_run=False)
        if not preview.ok:
            # Something changed since the preview: nothing was written.
            stash_discard(user=user, token=stash.token)
            return render(
                request,
                template,
                {**context, "stage": "preview", "preview": preview, "form": upload_form_class()},
            )
        stash_discard(user=user, token=stash.token)
        messages.success(
            request,
            _("ورود اطلاعات انجام شد: %(new)s ردیف جدید، %(updated)s ردیف به‌روزرسانی.")
            % {"new": persian_digits(preview.new), "updated": persian_digits(preview.updated)},
        )
        return redirect(done_url)

    form = upload_form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = stash_upload(user=user, upload=upload, kind=kind, params=params)
        stash = stash_load(user=user, token=token, kind=kind, params=params)
        try:
            dataset = read_dataset(stash.path, stash.meta["format"])
        except ImportFileError as exc:
            stash_discard(user=user, token=token)
            form.add_error("file", str(exc))
            return render(request, template, {**context, "form": form})
        preview = make_resource().run(dataset, dry_run=True)
        if not preview.ok:
            stash_discard(user=user, token=token)
            token = ""
        return render(
            request,
            template,
            {
                **context,
                "stage": "preview",
                "preview": preview,
                "token": token,
                "file_name": upload.name,
                "form": upload_form_class(),
            },
        )
    return render(request, template, {**context, "form": form})


# --- Export ---------------------------------------------------------------------------


def export_response(
    resource: resources.Resource, queryset, *, fmt: str, filename: str
) -> HttpResponse:
    """The rows of `queryset` (already scoped by the caller) as an XLSX or CSV download."""
    dataset = resource.export(queryset)
    if fmt == "xlsx":
        content = XLSX().export_data(dataset)
        content_type = XLSX.CONTENT_TYPE
    else:
        # A byte-order mark so that Excel opens Persian text as UTF-8.
        content = "\ufeff" + CSV().export_data(dataset)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
