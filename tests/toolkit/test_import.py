"""Paper forms in, figures out: the import file, the service, the browser page and the command.

The worked example of the toolkit (Vedlegg 2): B-07 scores 1, 4, 1, 2 at the 1st conversation
(8 / 4 = 2,0) and 5, 6, 4, 5 at the 2nd (5,0): opplevd nytte 5,0 − 2,0 = 3,0.
"""

from __future__ import annotations

import datetime
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.imports import ImportFileError
from core.models import AuditLogEntry
from tests.toolkit.factories import ServiceUserFactory, scored
from toolkit.imports import toolkit_import
from toolkit.models import Conversation, LifeArea, Score, ServiceUser

pytestmark = pytest.mark.django_db

HEADER = ["kode", "samtale", "dato", "område", "skår"]
WORKED_EXAMPLE = [
    ["B-07", "1", "15.01.2024", "Bolig", "1"],
    ["B-07", "1", "15.01.2024", "Økonomi", "4"],
    ["B-07", "1", "15.01.2024", "Arbeid", "1"],
    ["B-07", "1", "15.01.2024", "Venner og nettverk", "2"],
    ["B-07", "2", "15.04.2024", "Bolig", "5"],
    ["B-07", "2", "15.04.2024", "Økonomi", "6"],
    ["B-07", "2", "15.04.2024", "Arbeid", "4"],
    ["B-07", "2", "15.04.2024", "Venner og nettverk", "5"],
]
NATIONAL_ID = "01019010046"  # a valid fødselsnummer (check digits right)


def csv_bytes(rows, *, sep=";", bom=True, header=HEADER) -> bytes:
    text = "\r\n".join(sep.join(r) for r in [header, *rows]) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts():
    return (
        ServiceUser.objects.count(),
        Conversation.objects.count(),
        LifeArea.objects.count(),
        Score.objects.count(),
        AuditLogEntry.objects.count(),
    )


def run_import(tmp_path, cast, content: bytes, *, name="skjema.csv", team="Fosen") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("toolkit", "import", cast.network.slug, team, str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def summary(cast, team="Fosen") -> dict:
    out = io.StringIO()
    call_command("toolkit", "summary", cast.network.slug, team, "--json", stdout=out)
    return json.loads(out.getvalue())


def refused(tmp_path, cast, content: bytes, *, name="skjema.csv") -> str:
    before = counts()
    with pytest.raises(CommandError) as exc:
        run_import(tmp_path, cast, content, name=name)
    assert counts() == before, "nothing may be written when a row is refused"
    return str(exc.value)


# --- The worked example, through the command ------------------------------------------------------
def test_the_worked_example_from_csv_with_semicolons_and_bom(cast, tmp_path):
    output = run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    assert output.count("\n") == 1  # one line with the counts
    assert "1" in output and "2" in output and "8" in output

    data = summary(cast, team="fosen")  # the team's name in any case
    assert data["team"] == "Fosen"
    [person] = data["people"]
    assert person["code"] == "B-07"
    assert [(c["number"], c["date"], c["average"]) for c in person["conversations"]] == [
        (1, "2024-01-15", 2.0),
        (2, "2024-04-15", 5.0),
    ]
    assert person["benefit"] == 3.0
    assert person["benefit_latest"] == 3.0
    [month] = data["months"]
    assert month == {
        "month": "2024-04-01",
        "people": 1,
        "first_average": 2.0,
        "second_average": 5.0,
        "benefit": 3.0,
        "improved_share": 100.0,
        "checklists": 0,
        "fidelity": None,
    }


def test_the_import_goes_through_the_services_and_the_audit_log(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    person = ServiceUser.objects.get(team=cast.team_a, code="B-07")
    assert [a.name for a in person.areas.all()] == ["Bolig", "Økonomi", "Arbeid", "Venner og nettverk"]
    assert Score.objects.filter(conversation__service_user=person).count() == 8
    actions = list(AuditLogEntry.objects.filter(object_id=person.pk).values_list("action", flat=True))
    assert "toolkit.serviceuser.created" in actions
    assert actions.count("toolkit.serviceuser.conversation_recorded") == 2


def test_the_summary_without_json_is_a_readable_table(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    out = io.StringIO()
    call_command("toolkit", "summary", cast.network.slug, "Fosen", stdout=out)
    text = out.getvalue()
    assert "B-07" in text and "2,00" in text and "5,00" in text and "3,00" in text and "2024-04" in text


def test_comma_separator_without_bom(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE, sep=",", bom=False))
    assert summary(cast)["people"][0]["benefit"] == 3.0


def test_headers_in_any_case(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE, header=["KODE", "Samtale", "Dato", "OMRÅDE", "Skår"]))
    assert summary(cast)["people"][0]["benefit"] == 3.0


def test_xlsx_with_dates_and_numbers_as_excel_keeps_them(cast, tmp_path):
    rows = [
        [code, int(number), datetime.datetime.strptime(day, "%d.%m.%Y"), area, int(score)]
        for code, number, day, area, score in WORKED_EXAMPLE
    ]
    run_import(tmp_path, cast, xlsx_bytes(rows), name="skjema.xlsx")
    person = summary(cast)["people"][0]
    assert [c["average"] for c in person["conversations"]] == [2.0, 5.0]
    assert person["benefit"] == 3.0


def test_xlsx_bad_row_has_its_spreadsheet_row_number(cast, tmp_path):
    rows = [list(r) for r in WORKED_EXAMPLE]
    rows[2][4] = 11  # row 4 in the spreadsheet
    message = refused(tmp_path, cast, xlsx_bytes(rows), name="skjema.xlsx")
    assert "rad 4:" in message


def test_an_existing_person_gets_the_new_conversations(cast, tmp_path):
    person = ServiceUserFactory(team=cast.team_a, code="B-07")
    scored(person, 1, datetime.date(2024, 1, 15), {"Bolig": 1, "Økonomi": 4, "Arbeid": 1, "Venner og nettverk": 2})
    output = run_import(tmp_path, cast, csv_bytes([["b-07", *r[1:]] for r in WORKED_EXAMPLE[4:]]))
    assert output.strip()
    assert ServiceUser.objects.filter(team=cast.team_a).count() == 1
    assert person.areas.count() == 4  # the same areas, scored again
    assert summary(cast)["people"][0]["benefit"] == 3.0


def test_the_service_counts(cast):
    person = ServiceUserFactory(team=cast.team_a, code="A-01")
    scored(person, 1, datetime.date(2024, 1, 1), {"Bolig": 3})
    rows = [*WORKED_EXAMPLE, ["A-01", "2", "01.02.2024", "Bolig", "6"], ["A-01", "2", "01.02.2024", "Rus", "7"]]
    result = toolkit_import(team=cast.team_a, rows_or_file=csv_bytes(rows), by=cast.team_member)
    assert result.written
    assert result.counts == {"people_new": 1, "people_updated": 1, "conversations": 3, "scores": 10}


def test_the_same_file_twice_is_refused_as_already_recorded(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    message = refused(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    assert "rad 2:" in message and "rad 6:" in message  # the first row of each conversation


# --- Every bad input is refused with its row number, and nothing is written -----------------------
def _with(row_index: int, column: int, value: str):
    rows = [list(r) for r in WORKED_EXAMPLE]
    rows[row_index][column] = value
    return rows


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")


@pytest.mark.parametrize(
    ("rows", "bad_rows"),
    [
        pytest.param(_with(1, 0, ""), [3], id="empty code"),
        pytest.param(_with(1, 0, "X" * 21), [3], id="code too long"),
        pytest.param(_with(1, 0, NATIONAL_ID), [3], id="national id as code"),
        pytest.param(_with(1, 0, "010190 10046"), [3], id="national id with a space as code"),
        pytest.param(_with(2, 3, f"Bolig {NATIONAL_ID}"), [4], id="national id in area"),
        pytest.param(_with(2, 3, ""), [4], id="empty area"),
        pytest.param(_with(1, 1, "0"), [3], id="conversation 0"),
        pytest.param(_with(1, 1, "-1"), [3], id="conversation negative"),
        pytest.param(_with(1, 1, "1.5"), [3], id="conversation not whole"),
        pytest.param(_with(1, 1, "første"), [3], id="conversation not a number"),
        pytest.param(_with(0, 1, "100"), [2], id="conversation too high"),
        pytest.param(_with(3, 2, "31.02.2024"), [5], id="no such date"),
        pytest.param(_with(3, 2, "2024-01-15"), [5], id="date not dd.mm.yyyy"),
        pytest.param(_with(3, 2, ""), [5], id="empty date"),
        pytest.param(
            [[r[0], r[1], TOMORROW, r[3], r[4]] for r in WORKED_EXAMPLE[:4]],
            [2, 3, 4, 5],
            id="future date",
        ),
        pytest.param(_with(4, 4, "0"), [6], id="score 0"),
        pytest.param(_with(4, 4, "11"), [6], id="score 11"),
        pytest.param(_with(4, 4, "4,5"), [6], id="score not whole"),
        pytest.param(_with(4, 4, ""), [6], id="empty score"),
        pytest.param(_with(2, 2, "16.01.2024"), [4], id="two dates for one conversation"),
        pytest.param(_with(3, 3, "bolig"), [5], id="the same area twice in a conversation"),
        pytest.param(
            [[r[0], r[1], "15.06.2024" if r[1] == "1" else r[2], r[3], r[4]] for r in WORKED_EXAMPLE],
            [6],
            id="2nd conversation dated before the 1st",
        ),
        pytest.param(
            [*WORKED_EXAMPLE[:1], [*WORKED_EXAMPLE[1], "ekstra"]],
            [3],
            id="more values than columns",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_number_and_nothing_is_written(cast, tmp_path, rows, bad_rows):
    message = refused(tmp_path, cast, csv_bytes(rows))
    lines = [line for line in message.splitlines() if line.startswith("rad ")]
    assert sorted({int(line.split(":")[0].removeprefix("rad ")) for line in lines}) == bad_rows
    assert NATIONAL_ID not in message and "010190 10046" not in message  # never repeated back


def test_every_bad_row_is_listed_at_once(cast, tmp_path):
    rows = _with(1, 4, "0")
    rows[5][4] = "11"
    rows[6][2] = "1.1.2024x"
    message = refused(tmp_path, cast, csv_bytes(rows))
    assert [line.split(":")[0] for line in message.splitlines() if line.startswith("rad ")] == [
        "rad 3",
        "rad 7",
        "rad 8",
    ]


def test_a_conversation_dated_before_one_already_stored_is_refused(cast, tmp_path):
    person = ServiceUserFactory(team=cast.team_a, code="B-07")
    scored(person, 1, datetime.date(2024, 6, 1), {"Bolig": 1})
    message = refused(tmp_path, cast, csv_bytes(WORKED_EXAMPLE[4:]))  # conversation 2 on 15.04.2024
    assert message.splitlines()[1].startswith("rad 2:")


def test_a_conversation_already_recorded_is_refused(cast, tmp_path):
    person = ServiceUserFactory(team=cast.team_a, code="B-07")
    scored(person, 1, datetime.date(2024, 1, 15), {"Bolig": 1})
    message = refused(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    assert [line.split(":")[0] for line in message.splitlines() if line.startswith("rad ")] == ["rad 2"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(csv_bytes(WORKED_EXAMPLE, header=["kode", "samtale", "dato", "område"]), id="a column missing"),
        pytest.param(csv_bytes(WORKED_EXAMPLE, header=[*HEADER[:4], "poeng"]), id="an unknown column"),
        pytest.param(csv_bytes([]), id="no rows"),
        pytest.param(b"", id="empty"),
        pytest.param("kode;samtale\n".encode("utf-16"), id="not utf-8"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(cast, tmp_path, content):
    refused(tmp_path, cast, content)


def test_the_same_file_in_another_team_is_another_person(cast, tmp_path):
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE))
    run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE), team="Værnes")
    assert ServiceUser.objects.filter(code="B-07").count() == 2


def test_an_unknown_team_or_network_is_refused(cast, tmp_path):
    before = counts()
    with pytest.raises(CommandError, match="Fosen, Værnes"):  # the network's teams are listed
        run_import(tmp_path, cast, csv_bytes(WORKED_EXAMPLE), team="Ukjent team")
    with pytest.raises(CommandError, match="trondelag"):
        path = tmp_path / "skjema.csv"
        path.write_bytes(csv_bytes(WORKED_EXAMPLE))
        call_command("toolkit", "import", "ukjent-nettverk", "Fosen", str(path))
    with pytest.raises(CommandError, match="Fosen, Værnes"):
        call_command("toolkit", "summary", cast.network.slug, "Ukjent team", "--json")
    assert counts() == before


def test_a_name_in_the_file_gives_a_warning_but_is_imported(cast):
    rows = [["B-07", "1", "15.01.2024", "Besøke Kari Nordmann", "3"]]
    result = toolkit_import(team=cast.team_a, rows_or_file=csv_bytes(rows), by=None)
    assert result.written
    assert [row for row, _message in result.warnings] == [2]


def test_the_service_refuses_a_bad_file_with_import_file_error(cast):
    with pytest.raises(ImportFileError):
        toolkit_import(team=cast.team_a, rows_or_file=b"navn;alder\nKari;40\n", by=None)


def test_the_service_reports_rows_as_the_spreadsheet_numbers_them_with_blank_lines(cast):
    content = csv_bytes(WORKED_EXAMPLE[:2]) + b"\r\n" + b"B-07;1;15.01.2024;Arbeid;12\r\n"
    result = toolkit_import(team=cast.team_a, rows_or_file=content, by=None)
    assert not result.written
    assert [row for row, _message in result.errors] == [5]


# --- The browser page -----------------------------------------------------------------------------
def _url(cast):
    return reverse("toolkit:import", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})


def _upload(content=None, name="skjema.csv"):
    return {"file": SimpleUploadedFile(name, content or csv_bytes(WORKED_EXAMPLE), content_type="text/csv")}


def test_the_page_explains_the_columns_with_the_worked_example(cast, client):
    client.force_login(cast.team_member)
    response = client.get(_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kode;samtale;dato;område;skår" in html
    assert "B-07" in html and "Venner og nettverk" in html


def test_preview_then_confirm_writes(cast, client):
    client.force_login(cast.team_member)
    response = client.post(_url(cast), _upload())
    assert response.status_code == 200
    html = response.content.decode()
    assert "B-07" in html and "2,0" in html and "5,0" in html
    assert ServiceUser.objects.count() == 0  # the preview writes nothing

    response = client.post(_url(cast), {"action": "confirm"})
    assert response.status_code == 302
    assert response["Location"] == reverse("toolkit:team", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    person = ServiceUser.objects.get(team=cast.team_a, code="B-07")
    assert person.created_by == cast.team_member
    assert Score.objects.filter(conversation__service_user=person).count() == 8
    assert summary(cast)["people"][0]["benefit"] == 3.0

    # A second confirm has nothing left to write.
    before = counts()
    assert client.post(_url(cast), {"action": "confirm"}).status_code == 302
    assert counts() == before


def test_preview_alone_writes_nothing(cast, client):
    client.force_login(cast.coordinator)
    before = counts()
    assert client.post(_url(cast), _upload(xlsx_bytes(WORKED_EXAMPLE), name="skjema.xlsx")).status_code == 200
    assert client.get(_url(cast)).status_code == 200
    assert counts() == before


def test_preview_lists_every_row_error_and_offers_no_confirm(cast, client):
    client.force_login(cast.team_member)
    rows = _with(1, 4, "0")
    rows[5][0] = NATIONAL_ID
    response = client.post(_url(cast), _upload(csv_bytes(rows)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "3: " in html and "7: " in html
    assert NATIONAL_ID not in html
    assert 'value="confirm"' not in html
    # Nothing was kept for a confirm.
    before = counts()
    assert client.post(_url(cast), {"action": "confirm"}).status_code == 302
    assert counts() == before


def test_a_bad_file_re_renders_the_form(cast, client):
    client.force_login(cast.team_member)
    response = client.post(_url(cast), _upload(b"navn;alder\nKari;40\n"))
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    assert client.post(_url(cast), {}).status_code == 400  # no file


def test_confirm_checks_again(cast, client):
    """Someone records the same conversation between preview and confirm: refused, nothing written."""
    client.force_login(cast.team_member)
    assert client.post(_url(cast), _upload()).status_code == 200
    person = ServiceUserFactory(team=cast.team_a, code="B-07")
    scored(person, 1, datetime.date(2024, 1, 15), {"Bolig": 1})
    before = counts()
    response = client.post(_url(cast), {"action": "confirm"})
    assert response.status_code == 400
    assert counts() == before


def test_another_teams_member_gets_404_and_writes_nothing(cast, client):
    client.force_login(cast.other_team_member)
    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast), _upload()).status_code == 404
    assert client.post(_url(cast), {"action": "confirm"}).status_code == 404
    assert ServiceUser.objects.count() == 0


def test_the_project_group_gets_403_and_writes_nothing(cast, client):
    client.force_login(cast.project_group)
    assert client.get(_url(cast)).status_code == 403
    assert client.post(_url(cast), _upload()).status_code == 403
    assert ServiceUser.objects.count() == 0
