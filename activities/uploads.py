"""What a contact log may carry: PDF, docx, xlsx, JPG and PNG files, checked by their content, not their name.

docx and xlsx must be real Office Open XML packages (a zip with `[Content_Types].xml`, no executable or macro
inside, a bounded inflated size: a zip bomb or an .exe renamed .docx is refused); a PDF must look like one
from its header to its `%%EOF` and carry no HTML; images must start with their format's signature."""

import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Extension → the first bytes such a file starts with (docx/xlsx are zip containers).
SIGNATURES = {
    ".pdf": b"%PDF-",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
OOXML_MAIN_PART = {".docx": "word/", ".xlsx": "xl/"}
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_PACKAGE_ENTRIES = 5000
FORBIDDEN_IN_PACKAGE = {
    ".exe",
    ".dll",
    ".com",
    ".scr",
    ".bat",
    ".cmd",
    ".ps1",
    ".vbs",
    ".js",
    ".jar",
    ".msi",
    ".sh",
    ".bin",
}  # fmt: skip  (.bin: vbaProject.bin, i.e. macros)
HTML_MARKERS = (b"<html", b"<!doctype html", b"<script", b"<body", b"<iframe", b"<svg")
NAME_LENGTH = 200


def _not_really(upload: UploadedFile, suffix: str) -> ValidationError:
    return ValidationError(
        _("%(name)s is not really a %(kind)s file.") % {"name": upload.name, "kind": suffix[1:].upper()},
        code="attachment_content",
    )


def _check_package(upload: UploadedFile, suffix: str) -> None:
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
            names = {entry.filename for entry in entries}
            if (
                "[Content_Types].xml" not in names
                or not any(name.startswith(OOXML_MAIN_PART[suffix]) for name in names)
                or len(entries) > MAX_PACKAGE_ENTRIES
                or any(PurePosixPath(name).suffix.lower() in FORBIDDEN_IN_PACKAGE for name in names)
            ):
                raise _not_really(upload, suffix)
            if sum(entry.file_size for entry in entries) > MAX_INFLATED_BYTES:
                raise ValidationError(
                    _("%(name)s unpacks to more than %(limit)d MB.")
                    % {"name": upload.name, "limit": MAX_INFLATED_BYTES // (1024 * 1024)},
                    code="attachment_content",
                )
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _not_really(upload, suffix) from error
    finally:
        upload.seek(0)


def _check_pdf(upload: UploadedFile) -> None:
    upload.seek(0)
    start = upload.read(64 * 1024).lower()
    upload.seek(max(upload.size - 2048, 0))
    end = upload.read(2048)
    upload.seek(0)
    if b"%%EOF" not in end or any(marker in start for marker in HTML_MARKERS):
        raise _not_really(upload, ".pdf")


def check_attachment(upload: UploadedFile) -> str:
    """The content type of an acceptable upload, or a ValidationError saying what is wrong with it."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in SIGNATURES:
        raise ValidationError(
            _("%(name)s: only PDF, Word (docx), Excel (xlsx), JPG and PNG files can be attached.")
            % {"name": upload.name},
            code="attachment_type",
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": upload.name, "limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            code="attachment_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise _not_really(upload, suffix)
    if suffix in OOXML_MAIN_PART:
        _check_package(upload, suffix)
    elif suffix == ".pdf":
        _check_pdf(upload)
    return CONTENT_TYPES[suffix]


def shortened_name(name: str, limit: int = NAME_LENGTH) -> str:
    """The file's own name (no folders) cut to `limit` characters, keeping its extension."""
    path = Path(name or "").name
    if len(path) <= limit:
        return path
    suffix = Path(path).suffix[:16]
    return path[: limit - len(suffix) - 1] + "…" + suffix
