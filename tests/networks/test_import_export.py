import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import Organisation, User
from teams.models import Team, TeamMembership

pytestmark = pytest.mark.django_db


def upload(client, cast, kind, content: bytes, name="fil.csv"):
    url = reverse("networks:data-import", kwargs={"slug": cast.network.slug, "kind": kind})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def confirm(client, cast, kind):
    url = reverse("networks:data-import", kwargs={"slug": cast.network.slug, "kind": kind})
    return client.post(url, {"action": "confirm"})


def test_organisations_preview_then_confirm(cast, client):
    client.force_login(cast.project_group)
    csv = "navn;type;kommunenummer;fylke\nSnåsa;kommune;5041;Trøndelag\nNidaros DPS;hf_enhet;;Trøndelag\n"
    response = upload(client, cast, "organisations", csv.encode())
    assert response.status_code == 200
    assert "Forhåndsvisning: 2 nye" in response.content.decode()
    assert not Organisation.objects.filter(name="Snåsa").exists()  # nothing before confirming
    response = confirm(client, cast, "organisations")
    assert response.status_code == 302
    assert Organisation.objects.get(name="Snåsa").municipality_number == "5041"


def test_wrong_columns_give_clear_message_and_change_nothing(cast, client):
    client.force_login(cast.project_group)
    before = Organisation.objects.count()
    response = upload(client, cast, "organisations", b"name,kind\nSnasa,kommune\n")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Filen mangler disse kolonnene: navn, type." in page
    assert "Ukjente kolonner: name, kind." in page
    assert Organisation.objects.count() == before


def test_bad_rows_are_numbered_and_nothing_is_written(cast, client):
    client.force_login(cast.project_group)
    csv = "navn,type\nGod kommune,kommune\nRar,planet\n"
    response = upload(client, cast, "organisations", csv.encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Rad 3" in page and "planet" in page
    assert not Organisation.objects.filter(name="God kommune").exists()
    assert confirm(client, cast, "organisations").status_code == 302  # nothing stored to confirm
    assert not Organisation.objects.filter(name="God kommune").exists()


def test_file_type_is_checked_by_content(cast, client):
    client.force_login(cast.project_group)
    response = upload(client, cast, "organisations", b"\x89PNG\r\n\x1a\n\x00\x00binary", name="data.csv")
    assert response.status_code == 400
    assert "verken en Excel-fil" in response.content.decode()


def test_teams_and_members_from_excel(cast, client):
    client.force_login(cast.project_group)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["navn", "forbedringsomrade", "status", "organisasjoner"])
    ws.append(["Inn-Trøndelag", "Inkludering", "aktiv", "Ørland; Stjørdal"])
    buf = io.BytesIO()
    wb.save(buf)
    assert upload(client, cast, "teams", buf.getvalue(), name="team.xlsx").status_code == 200
    assert confirm(client, cast, "teams").status_code == 302
    team = Team.objects.get(network=cast.network, name="Inn-Trøndelag")
    assert set(team.organisations.values_list("name", flat=True)) == {"Ørland", "Stjørdal"}

    csv = "team,epost,navn,rolle\nInn-Trøndelag,Ny.Person@eksempel.no,Ny Person,koordinator\n"
    assert upload(client, cast, "members", csv.encode()).status_code == 200
    assert not User.objects.filter(email="ny.person@eksempel.no").exists()  # dry run rolled back
    assert confirm(client, cast, "members").status_code == 302
    assert TeamMembership.objects.filter(team=team, user__email="ny.person@eksempel.no", role="koordinator").exists()


def test_member_import_rejects_unknown_team_and_role(cast, client):
    client.force_login(cast.project_group)
    csv = "team,epost,rolle\nFinnes ikke,a@eksempel.no,koordinator\nFosen,b@eksempel.no,sjef\n"
    response = upload(client, cast, "members", csv.encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Rad 2" in page and "Finnes ikke" in page
    assert "Rad 3" in page and "sjef" in page
    assert not User.objects.filter(email__in=["a@eksempel.no", "b@eksempel.no"]).exists()


def test_export_members_as_excel(cast, client):
    url = reverse("networks:data-export", kwargs={"slug": cast.network.slug, "kind": "members"})
    client.force_login(cast.observer)
    assert client.get(url).status_code == 403  # everyone's e-mail address: the project group only
    client.force_login(cast.project_group)
    response = client.get(url)
    assert response.status_code == 200
    name = f"{cast.network.slug}-medlemmer-{timezone.localdate():%Y-%m-%d}.xlsx"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.values)
    assert rows[0][:4] == ("team", "epost", "navn", "rolle")
    assert {r[0] for r in rows[1:]} == {"Fosen", "Værnes"}


def test_import_never_rewrites_a_shared_organisation(cast, client):
    Organisation.objects.create(name="Snåsa", kind="kommune", municipality_number="5041", county="Trøndelag")
    client.force_login(cast.project_group)
    assert (
        upload(
            client, cast, "organisations", b"navn,type,fylke\nSnasa ny,kommune,X\nSn\xc3\xa5sa,kommune,Nordland\n"
        ).status_code
        == 200
    )
    confirm(client, cast, "organisations")
    assert Organisation.objects.get(name="Snåsa").county == "Trøndelag"
    assert Organisation.objects.filter(name="Snasa ny").exists()


def test_formula_in_a_name_is_exported_as_text(cast, client):
    cast.team_a.name = '=HYPERLINK("http://x")'
    cast.team_a.save()
    client.force_login(cast.project_group)
    response = client.get(reverse("networks:data-export", kwargs={"slug": cast.network.slug, "kind": "teams"}))
    names = [r[0] for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.values]
    assert '\'=HYPERLINK("http://x")' in names
