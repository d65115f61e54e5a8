"""core.uploads: files are taken by their content, stored under the extension of what they are,
and served back with that type (attachment except PDFs and images, always nosniff)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import file_response, stored_name, validate_material

PDF = b"%PDF-1.7\n<html><script>alert(1)</script></html>\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def office(kind: str = "word", *, macros: bool = False) -> bytes:
    """A minimal Office Open XML package; with a VBA project (and the macro content type) if asked."""
    main = {
        "word": "wordprocessingml.document.main+xml",
        "xl": "spreadsheetml.sheet.main+xml",
        "ppt": "presentationml.presentation.main+xml",
    }[kind]
    content_type = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macros
        else f"application/vnd.openxmlformats-officedocument.{main}"
    )
    part = {"word": "word/document.xml", "xl": "xl/workbook.xml", "ppt": "ppt/presentation.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<document/>")
        if macros:
            archive.writestr(f"{kind}/vbaProject.bin", b"\x00VBA macro")
    return buffer.getvalue()


def codes(exc: pytest.ExceptionInfo) -> set:
    return {e.code for e in exc.value.error_list}


def test_a_pdf_named_html_is_stored_as_pdf():
    upload = SimpleUploadedFile("poly.html", PDF, content_type="text/html")
    assert validate_material(upload) == "pdf"
    assert upload.name == "poly.pdf"
    assert upload.read() == PDF  # the content is untouched and the file is rewound


@pytest.mark.parametrize(
    ("name", "content", "kind", "stored"),
    [
        ("Handlingsplan Værnes 2024.docx", office("word"), "docx", "Handlingsplan_Værnes_2024.docx"),
        ("budsjett.xlsx", office("xl"), "xlsx", "budsjett.xlsx"),
        ("lysark.pptx", office("ppt"), "pptx", "lysark.pptx"),
        ("rapport.pdf", PDF, "pdf", "rapport.pdf"),
        ("bilde.jpeg", b"\xff\xd8\xff\xe0 jpeg", "jpeg", "bilde.jpg"),
        ("C:\\Users\\kari\\kart.PNG", b"\x89PNG\r\n\x1a\n png", "png", "kart.png"),
        ("../../etc/<script>.pdf", PDF, "pdf", "script.pdf"),
        ("<>.pdf", PDF, "pdf", "file.pdf"),
    ],
)
def test_accepted_files_keep_a_clean_base_name_and_get_the_real_extension(name, content, kind, stored):
    upload = SimpleUploadedFile(name, content)
    assert validate_material(upload) == kind
    assert upload.name == stored


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("makro.docm", office("word", macros=True), "macros"),  # by name
        ("makro.docx", office("word", macros=True), "macros"),  # by content: vbaProject.bin
        ("ren.xlsm", office("xl"), "macros"),  # a macro-enabled name is refused even without macros
        ("gammel.doc", OLE, "ole"),
        ("passwd", PDF, "no_extension"),
        (".htaccess", PDF, "no_extension"),
        ("passwd.txt", b"root:x:0:0:root:/root:/bin/bash\n", "type"),
        ("arkiv.docx", b"PK\x03\x04 not really a zip", "type"),
        ("Pasient 01019010046.pdf", PDF, "national_id"),
        ("Pasient 010190 10046.pdf", PDF, "national_id"),
    ],
)
def test_refused_files(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_material(SimpleUploadedFile(name, content))
    assert codes(exc) == {code}


def test_an_identity_number_in_the_file_name_gets_a_norwegian_message():
    with pytest.raises(ValidationError) as exc:
        validate_material(SimpleUploadedFile("Pasient 01019010046.pdf", PDF))
    assert "fødselsnummer" in " ".join(exc.value.messages)
    assert "Gi filen et nytt navn" in " ".join(exc.value.messages)


def test_macro_refusal_says_what_to_do():
    with pytest.raises(ValidationError) as exc:
        validate_material(SimpleUploadedFile("makro.docm", office("word", macros=True)))
    assert "makroer" in " ".join(exc.value.messages)


def test_stored_name_is_short_enough_for_the_file_field():
    assert len(stored_name("a" * 300 + ".pdf", "pdf")) <= 64


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [
        ("lysark.pdf", "application/pdf", "inline"),
        ("kart.png", "image/png", "inline"),
        ("bilde.jpg", "image/jpeg", "inline"),
        ("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
        ("tall.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
        # Stored before names followed the content: never served as what the name says.
        ("gammel.html", "application/octet-stream", "attachment"),
        ("passwd", "application/octet-stream", "attachment"),
    ],
)
def test_file_response_serves_the_stored_type(name, content_type, disposition, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    stored = default_storage.save(f"uploads-test/{name}", ContentFile(b"%PDF-1.7"))

    class Field:
        def __init__(self, name):
            self.name = name

        def open(self, mode):
            return default_storage.open(self.name, mode)

    response = file_response(Field(stored))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    response.file_to_stream.close()  # (response.close() would signal the end of a request)
