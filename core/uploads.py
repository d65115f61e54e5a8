"""Uploaded files (shared by every upload): checked by their content, never by their name, stored
under the extension of what they really are, and served back with that type.

`validate_material` refuses a file that is too large, whose name holds a national identity number
or has no extension, that is a macro-enabled or old binary Office file, or whose content is none of
the accepted types; otherwise it renames the upload to `<the user's name, sanitised>.<the real
extension>` (`poly.html` that is a PDF is stored as `poly.pdf`). `file_response` serves a stored
file with the content type of its extension, inline only for PDFs and images, with `nosniff`.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.identity import refuse_national_id

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    inline: bool = False  # shown in the browser; everything else is downloaded (attachment)


TYPES = {
    "pdf": FileType("pdf", "application/pdf", inline=True),
    "png": FileType("png", "image/png", inline=True),
    "jpeg": FileType("jpg", "image/jpeg", inline=True),
    "docx": FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pptx": FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xlsx": FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# Stored extension → type, for serving (".jpeg" for files stored before names followed the content).
BY_EXTENSION = {t.extension: t for t in TYPES.values()} | {"jpeg": TYPES["jpeg"]}

# The folder inside an Office Open XML package that says which application it belongs to.
OOXML = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}
# Office files that may carry macros (refused by name as well as by content).
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "sldm"}
# Old binary Office files (.doc, .xls, .ppt) are OLE compound files; their macros are not checked
# simply, so they are refused as a whole.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_CONTENT_TYPES_BYTES = 1024 * 1024

ALLOWED_LABEL = "PDF, PNG, JPEG, Word (.docx), PowerPoint (.pptx), Excel (.xlsx)"


class MacroFile(Exception):
    """The file is an Office file that can run macros."""


def _ooxml_kind(data: bytes) -> str | None:
    """The kind of an Office Open XML package (None: not one); MacroFile when it carries macros."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    lowered = [n.lower() for n in names]
    if any(n.endswith(("vbaproject.bin", "vbadata.xml")) for n in lowered):
        raise MacroFile
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        return None
    try:
        content_types = archive.read(info).lower()
    except (zipfile.BadZipFile, zlib.error, ValueError, NotImplementedError, RuntimeError, OSError):
        return None
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise MacroFile
    for prefix, kind in OOXML.items():
        if any(n.startswith(prefix) for n in lowered):
            return kind
    return None


def sniff(head: bytes, data: bytes) -> str | None:
    """The file's real type from its first bytes (and, for Office files, its ZIP directory).
    MacroFile for an Office file with macros; None for anything not accepted."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(data)
    return None


def _split_name(name: str) -> tuple[str, str]:
    """(stem, extension) of the last path part of a name as the browser sent it; extension "" if none."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem.strip(". ") or not extension.strip():
        return base, ""
    return stem, extension.strip().lower()


def stored_name(name: str, kind: str) -> str:
    """The name a file is stored under: the user's name without its extension, letters, digits,
    `-` and `_` only (others become `_`), and the extension of what the content is."""
    stem, _extension = _split_name(name)
    stem = re.sub(r"[^\w-]+", "_", stem)
    stem = re.sub(r"_{2,}", "_", stem).strip("_-")[:60].strip("_-") or "file"
    return f"{stem}.{TYPES[kind].extension}"


def validate_material(upload) -> str:
    """Raise a clear ValidationError for a file we do not take; otherwise rename `upload` after
    its real type (see the module) and return that type ("pdf", "png", "jpeg", "docx", …)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    try:
        refuse_national_id(upload.name or "")
    except ValidationError as exc:
        raise ValidationError(
            _(
                "The file name looks like it contains a national identity number (fødselsnummer or D-number). "
                "Rename the file without it and upload it again."
            ),
            code="national_id",
        ) from exc
    _stem, extension = _split_name(upload.name)
    if not extension:
        raise ValidationError(
            _("The file name has no extension. Give it the name it was saved with, such as «report.pdf»."),
            code="no_extension",
        )
    macro_refusal = ValidationError(
        _(
            "Office files with macros (.docm, .xlsm, .pptm) are not accepted. "
            "Save the file as an ordinary .docx, .xlsx or .pptx and upload it again."
        ),
        code="macros",
    )
    if extension in MACRO_EXTENSIONS:
        raise macro_refusal
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(OLE_MAGIC):
        raise ValidationError(
            _(
                "Old Office files (.doc, .xls, .ppt) are not accepted. "
                "Save the file as .docx, .xlsx or .pptx (or as PDF) and upload it again."
            ),
            code="ole",
        )
    try:
        kind = sniff(data[:16], data)
    except MacroFile:
        raise macro_refusal from None
    if kind is None:
        raise ValidationError(
            _("This file type is not accepted. Accepted types: %(types)s. (We check the content, not the name.)")
            % {"types": ALLOWED_LABEL},
            code="type",
        )
    upload.name = stored_name(upload.name, kind)
    return kind


def file_response(field_file) -> FileResponse:
    """A stored upload for download: the content type of its (sniffed) extension, `attachment`
    except for PDFs and images, and `nosniff` so the browser never second-guesses the type. A file
    stored under an extension we do not know is downloaded as application/octet-stream."""
    name = field_file.name.rsplit("/", 1)[-1]
    _stem, extension = _split_name(name)
    file_type = BY_EXTENSION.get(extension)
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not (file_type and file_type.inline),
        filename=name,
        content_type=file_type.content_type if file_type else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
