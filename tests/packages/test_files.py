"""The team's uploaded files: stored and served by what they are, never named after a person, and
deleted by the team until the package is submitted."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditLogEntry
from packages.models import Answer, AnswerFile, Question, Response
from packages.services import answer_file_delete, response_submit
from tests.learningnet.test_uploads import PDF, office
from tests.packages.factories import package_for_cast

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def package(cast):
    return package_for_cast(cast)


@pytest.fixture
def question(package):
    task = package.tasks.first()
    return Question.objects.create(task=task, kind=Question.Kind.FILE, text="Last opp handlingsplanen", order=99)


def url(name, cast, package, team=None, **kw):
    team = team or cast.team_a
    return reverse(f"packages:{name}", kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": team.pk, **kw})


def post_file(client, cast, package, question, name, content):
    target = url("answer-file", cast, package, question_pk=question.pk)
    return client.post(target, {f"q-{question.pk}": SimpleUploadedFile(name, content, content_type="text/html")})


def stored_files(question):
    return list(AnswerFile.objects.filter(answer__question=question))


def test_a_pdf_named_html_is_stored_and_served_as_pdf(cast, client, package, question):
    client.force_login(cast.coordinator)
    assert post_file(client, cast, package, question, "poly.html", PDF).status_code == 302
    [f] = stored_files(question)
    assert f.file.name.endswith("/poly.pdf")
    response = client.get(url("answer-file-download", cast, package, file_pk=f.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == PDF


def test_a_word_file_is_accepted_and_downloaded_as_an_attachment(cast, client, package, question):
    client.force_login(cast.team_member)
    post_file(client, cast, package, question, "Handlingsplan.docx", office("word"))
    post_file(client, cast, package, question, "kart.pdf", PDF)
    files = stored_files(question)
    assert sorted(f.file.name.rsplit("/", 1)[-1] for f in files) == ["Handlingsplan.docx", "kart.pdf"]
    docx = next(f for f in files if f.file.name.endswith(".docx"))
    response = client.get(url("answer-file-download", cast, package, file_pk=docx.pk))
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("makro.docm", office("word", macros=True), "makroer"),
        ("passwd", PDF, "filendelse"),
        ("Pasient 01019010046.pdf", PDF, "fødselsnummer"),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(cast, client, package, question, name, content, message):
    client.force_login(cast.coordinator)
    response = post_file(client, cast, package, question, name, content)
    assert response.status_code == 302
    assert stored_files(question) == []
    page = client.get(response["Location"]).content.decode()
    assert message in page
    assert "01019010046" not in page


# --- Deleting a file -----------------------------------------------------------------------------


@pytest.fixture
def uploaded(cast, client, package, question):
    client.force_login(cast.coordinator)
    post_file(client, cast, package, question, "kart.pdf", PDF)
    post_file(client, cast, package, question, "plan.docx", office("word"))
    client.logout()
    return {f.file.name.rsplit("/", 1)[-1]: f for f in stored_files(question)}


def test_a_team_member_deletes_a_file(cast, client, package, question, uploaded, django_capture_on_commit_callbacks):
    kart = uploaded["kart.pdf"]
    answer = Answer.objects.get(question=question)
    client.force_login(cast.team_member)
    page = client.get(url("workspace", cast, package)).content.decode()
    delete_url = url("answer-file-delete", cast, package, file_pk=kart.pk)
    assert f'action="{delete_url}"' in page and f'form="file-delete-{kart.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == url("workspace", cast, package)
    assert not AnswerFile.objects.filter(pk=kart.pk).exists()
    assert not default_storage.exists(kart.file.name)  # removed from storage after the commit
    assert default_storage.exists(uploaded["plan.docx"].file.name)
    after = Answer.objects.get(pk=answer.pk)
    assert after.value == ["plan.docx"] and after.version == answer.version + 1
    assert after.updated_by == cast.team_member
    assert after.revisions.get(version=after.version).value == ["plan.docx"]
    entry = AuditLogEntry.objects.get(action="packages.response.file_deleted")
    assert entry.user == cast.team_member and entry.data == {"question": question.pk, "file": "kart.pdf"}
    assert entry.object_id == Response.objects.get(package=package, team=cast.team_a).pk


def test_the_project_group_may_not_delete_and_other_teams_do_not_see_the_file(cast, client, package, uploaded):
    kart = uploaded["kart.pdf"]
    client.force_login(cast.project_group)
    assert client.post(url("answer-file-delete", cast, package, file_pk=kart.pk)).status_code == 403
    client.force_login(cast.other_team_member)
    assert client.post(url("answer-file-delete", cast, package, file_pk=kart.pk)).status_code == 404
    # Nor through their own team's URL.
    other = url("answer-file-delete", cast, package, team=cast.team_b, file_pk=kart.pk)
    assert client.post(other).status_code == 404
    assert AnswerFile.objects.filter(pk=kart.pk).exists()
    assert default_storage.exists(kart.file.name)


def test_no_deleting_after_the_package_is_submitted(cast, client, package, question, uploaded):
    kart = uploaded["kart.pdf"]
    response = Response.objects.get(package=package, team=cast.team_a)
    Question.objects.filter(task__package=package).update(required=False)
    type(package).objects.filter(pk=package.pk).update(min_interviews=0)
    response_submit(response=response, by=cast.coordinator)
    client.force_login(cast.coordinator)
    page = client.get(url("workspace", cast, package)).content.decode()
    assert "file-delete-" not in page
    assert client.post(url("answer-file-delete", cast, package, file_pk=kart.pk)).status_code == 403
    with pytest.raises(ValidationError):
        answer_file_delete(answer_file=kart, by=cast.coordinator)
    assert AnswerFile.objects.filter(pk=kart.pk).exists()
    assert default_storage.exists(kart.file.name)
