"""Checking uploaded files by their content, never by their name (shared by every upload)."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

OOXML = {
    "word/": ("docx", _("Word document")),
    "ppt/": ("pptx", _("PowerPoint presentation")),
    "xl/": ("xlsx", _("Excel workbook")),
}


def sniff(head: bytes, data: bytes) -> str | None:
    """The file's real type from its first bytes (and, for Office files, its ZIP directory)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for prefix, (kind, _label) in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return kind
    return None


ALLOWED_LABEL = "PDF, PNG, JPEG, Word (.docx), PowerPoint (.pptx), Excel (.xlsx)"


def validate_material(upload) -> str:
    """Raise a clear ValidationError for a file that is too large or of a type we do not take."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff(data[:16], data)
    if kind is None:
        raise ValidationError(
            _("This file type is not accepted. Accepted types: %(types)s. (We check the content, not the name.)")
            % {"types": ALLOWED_LABEL}
        )
    return kind
