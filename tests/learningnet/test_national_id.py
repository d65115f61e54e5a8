"""No name typed for a person, a team or an organisation stores a national identity number: the
invitation and the imports (the one guard, core.identity, also where no form is involved)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse

from core.models import AuditLogEntry, Organisation, User
from core.services import user_get_or_create
from networks.models import Invitation
from teams.models import Team
from teams.services import person_invite
from tests.learningnet.factories import UserFactory

pytestmark = pytest.mark.django_db

NUMBER = "010190-10046"  # a valid fødselsnummer (01019010046) written with a dash
DIGITS = "10046"  # what is left of it in any spelling
REFUSED = "Dette ser ut som et fødselsnummer eller D-nummer."
EMAIL = "ny.person@eksempel.no"


def _stored() -> list[str]:
    """Every place where the number could have ended up."""
    checks = {
        "User": User.objects.filter(full_name__contains=DIGITS),
        "Team": Team.objects.filter(Q(name__contains=DIGITS) | Q(improvement_area__contains=DIGITS)),
        "Organisation": Organisation.objects.filter(Q(name__contains=DIGITS) | Q(county__contains=DIGITS)),
        "AuditLogEntry": AuditLogEntry.objects.filter(data__icontains=DIGITS),
    }
    return [name for name, rows in checks.items() if rows.exists()]


def test_the_invitation_refuses_a_name_holding_a_number_and_keeps_the_input(cast, client):
    client.force_login(cast.project_group)
    url = reverse("networks:person-invite", kwargs={"slug": cast.network.slug})
    data = {"email": EMAIL, "full_name": f"Kari {NUMBER}", "network_role": "observator"}
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page and NUMBER in page and EMAIL in page
    assert not User.objects.filter(email=EMAIL).exists()
    assert not Invitation.objects.exists()
    assert _stored() == []


@pytest.mark.parametrize("existing", [False, True], ids=["new person", "person without a name"])
def test_person_invite_and_user_get_or_create_refuse_a_name_holding_a_number(cast, existing):
    if existing:
        UserFactory(email=EMAIL, full_name="")
    with pytest.raises(ValidationError) as exc:
        person_invite(
            network=cast.network,
            email=EMAIL,
            full_name=NUMBER,
            network_role="observator",
            by=cast.project_group,
            base_url="https://laeringsnett.example/",
        )
    assert exc.value.message_dict["full_name"][0].startswith(REFUSED)
    with pytest.raises(ValidationError):
        user_get_or_create(email=EMAIL, full_name=f"Kari {NUMBER}")
    assert User.objects.filter(email=EMAIL).count() == int(existing)
    assert not Invitation.objects.exists()
    assert _stored() == []


def _import(client, cast, kind, csv: str):
    url = reverse("networks:data-import", kwargs={"slug": cast.network.slug, "kind": kind})
    preview = client.post(url, {"file": SimpleUploadedFile("fil.csv", csv.encode())})
    confirm = client.post(url, {"action": "confirm"})  # nothing to confirm: the preview kept nothing
    return preview, confirm


IMPORT_CASES = {
    "member name": ("members", f"team,epost,navn,rolle\nFosen,{EMAIL},Kari {NUMBER},koordinator\n"),
    "member name of a person without one": ("members", f"team,epost,navn,rolle\nFosen,{EMAIL},{NUMBER},ansatt\n"),
    "team name": ("teams", f"navn,forbedringsomrade\nTeam {NUMBER},Inkludering\n"),
    "team improvement area": ("teams", f"navn,forbedringsomrade\nNamdal,Oppfølging av {NUMBER}\n"),
    "organisation name": ("organisations", f"navn;type\nKontor {NUMBER};annet\n"),
}


@pytest.mark.parametrize("case", list(IMPORT_CASES))
def test_an_import_refuses_a_row_holding_a_number_and_stores_nothing(cast, client, case):
    kind, csv = IMPORT_CASES[case]
    if case == "member name of a person without one":
        UserFactory(email=EMAIL, full_name="")
    client.force_login(cast.project_group)
    preview, confirm = _import(client, cast, kind, csv)
    assert preview.status_code == 400
    page = preview.content.decode()
    assert "Rad 2" in page and REFUSED in page
    assert confirm.status_code == 302
    assert _stored() == []
    assert not Team.objects.filter(name="Namdal").exists()
