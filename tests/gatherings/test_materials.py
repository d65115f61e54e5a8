"""Program materials: stored under the extension of what they are and served with that type."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gatherings.models import SessionMaterial
from tests.gatherings.test_program import form, session_url
from tests.learningnet.test_uploads import PDF, office

pytestmark = pytest.mark.django_db


def upload_material(client, cast, name, content, title):
    material = SimpleUploadedFile(name, content, content_type="text/html")
    return client.post(session_url(cast), form(cast, title=title, material_file=material, material_title="Lysark"))


def download(client, cast, material):
    url = reverse(
        "gatherings:material-download",
        kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "material_pk": material.pk},
    )
    return client.get(url)


def test_a_pdf_named_html_is_stored_and_served_as_pdf(cast, client):
    client.force_login(cast.project_group)
    assert upload_material(client, cast, "poly.html", PDF, "Polyglott").status_code == 302
    material = SessionMaterial.objects.get(session__title="Polyglott")
    assert material.file.name.endswith("/poly.pdf")
    response = download(client, cast, material)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")


def test_a_word_file_is_downloaded_as_an_attachment(cast, client):
    client.force_login(cast.project_group)
    assert upload_material(client, cast, "program.docx", office("word"), "Med Word").status_code == 302
    response = download(client, cast, SessionMaterial.objects.get(session__title="Med Word"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content"),
    [("makro.docm", office("word", macros=True)), ("passwd", PDF), ("Pasient 01019010046.pdf", PDF)],
)
def test_refused_materials_keep_the_form(cast, client, name, content):
    client.force_login(cast.project_group)
    response = upload_material(client, cast, name, content, "Avvist")
    assert response.status_code == 400
    assert not SessionMaterial.objects.filter(session__title="Avvist").exists()
