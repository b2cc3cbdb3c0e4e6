"""Uploaded documents: checked by content, stored under generated names, served as downloads.

A file's name says nothing about what it is: the type is detected from its bytes (`filetype`,
with the ZIP directory confirming office formats) and must agree with the extension, so an
`.exe` or an HTML page renamed `.pdf`, or a PDF renamed `.docx`, is refused. Files are stored
as `<uuid>.<ext>` below MEDIA_ROOT (outside the web root; no URL serves it) and reach users
only through permission-checked views, as attachments, with `nosniff`. The name the user gave
is kept, sanitised, for display and for `Content-Disposition` only.
"""

import re
import unicodedata
import uuid
import zipfile
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from backend.core.file_types import KIND_OF_EXTENSION

# ZIP-based formats recognised from the archive's directory when the first entries (all that
# filetype reads) do not tell: office suites order the entries differently.
_ZIP_MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
SIGNATURE_BYTES = 8192
MAX_NAME_LENGTH = 120
# Characters never kept in a displayed file name: path separators, quotes, Windows-reserved.
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def allowed_extensions() -> list[str]:
    return [ext.lower() for ext in settings.ATTACHMENT_EXTENSIONS]


def extension_of(name: str | None) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def display_name(name: str, *, fallback: str = "document") -> str:
    """The user's file name made safe to show and to send back in Content-Disposition:
    no directories, `..`, control or reserved characters, at most MAX_NAME_LENGTH long
    (the extension is kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return fallback
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def stored_name(name: str) -> str:
    """A generated storage name keeping only the (lower-case) extension of `name`."""
    extension = extension_of(name)
    if extension not in KIND_OF_EXTENSION:
        extension = "bin"
    return f"{uuid.uuid4().hex}.{extension}"


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _OPEN_DOCUMENT.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    for kind, member in _ZIP_MEMBERS.items():
        if member in names:
            return kind
    return None


def detect_kind(file: Any) -> str | None:
    """The document type of the file's content ("pdf", "docx", …) or None if not recognised."""
    stream = getattr(file, "file", None) or file
    stream.seek(0)
    head = stream.read(SIGNATURE_BYTES)
    stream.seek(0)
    guess = filetype.guess(head)
    kind = guess.extension if guess is not None else None
    if kind in KIND_OF_EXTENSION.values() and kind not in _ZIP_MEMBERS:
        return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_kind(stream)
        finally:
            stream.seek(0)
    return None


def _too_large(size: int | None) -> ValidationError:
    limit = filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    if size is None:  # the upload was stopped at the limit, its size is unknown
        return ValidationError(
            _("The file is too large; the limit is %(limit)s."),
            code="attachment_size",
            params={"limit": limit},
        )
    return ValidationError(
        _("The file is too large (%(size)s); the limit is %(limit)s."),
        code="attachment_size",
        params={"size": filesizeformat(size), "limit": limit},
    )


def check_upload(file: Any) -> None:
    """Refuse a file over the size limit, of a type not allowed, or whose content is not
    what its extension says."""
    extension = extension_of(file.name)
    allowed = allowed_extensions()
    if extension not in allowed or extension not in KIND_OF_EXTENSION:
        raise ValidationError(
            _("Files of type “%(ext)s” cannot be attached; allowed: %(allowed)s."),
            code="attachment_type",
            params={"ext": extension or "?", "allowed": ", ".join(allowed)},
        )
    if file.size is not None and file.size > settings.ATTACHMENT_MAX_BYTES:
        raise _too_large(file.size)
    detected = detect_kind(file)
    if detected != KIND_OF_EXTENSION[extension]:
        raise ValidationError(
            _(
                "The content of the file does not match its name: a “.%(ext)s” file must be "
                "a real %(type)s document (the content is %(detected)s)."
            ),
            code="attachment_content",
            params={
                "ext": extension,
                "type": KIND_OF_EXTENSION[extension].upper(),
                "detected": detected.upper() if detected else _("not a recognised document"),
            },
        )


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops receiving a file once it passes ATTACHMENT_MAX_BYTES, so an oversized upload is
    neither held in memory nor written out in full; the view reports it (`refused_upload`)."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.ATTACHMENT_MAX_BYTES:
            if self.request is not None:
                self.request.refused_uploads = [  # type: ignore[attr-defined]  # our mark, read by refused_upload()
                    *getattr(self.request, "refused_uploads", []),
                    self.field_name,
                ]
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def refused_upload(request: HttpRequest, field: str = "file") -> ValidationError | None:
    """The error for a file the upload handler stopped receiving because it was too large."""
    # The upload handler marks Django's HttpRequest; DRF's Request reads its attributes.
    refused = getattr(request, "refused_uploads", None)
    if refused and field in refused:
        return _too_large(None)
    return None


def download_response(file: IO[bytes], *, filename: str) -> FileResponse:
    """A stored upload as a download: always an attachment, never sniffed or rendered."""
    response = FileResponse(file, as_attachment=True, filename=display_name(filename))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def form_with_refused_upload(form: Any, request: HttpRequest, field: str = "file") -> Any:
    """The bound form, with the size error on `field` if the upload handler stopped that
    file (the form alone would only see a missing file, or none where it is optional)."""
    refusal = refused_upload(request, field)
    if refusal is not None:
        form.errors.pop(field, None)
        form.add_error(field, refusal)
    return form


def raise_if_upload_refused(request: HttpRequest, field: str = "file") -> None:
    """For the API: a file stopped at the size limit is a 413, not a missing field."""
    refusal = refused_upload(request, field)
    if refusal is not None:
        raise ValidationError({field: [refusal]})
