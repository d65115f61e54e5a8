"""The sluttevaluering of the Trøndelag network: built from the template, answered as the final
report's figures say, and the results checked against every figure it publishes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from learningnet.demo.surveys import INVITED, final_responses
from surveys.models import Question
from surveys.results import MIN_GROUP, breakdown, rounded, submitted_answers, survey_results
from surveys.services import questions_of, responses_import, survey_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=INVITED, by=None)
    responses_import(survey=survey, rows=responses_for(survey), by=None)
    return survey


def responses_for(survey):
    regions = next(q for q in questions_of(survey) if q.code == "B5").options
    return final_responses(regions=regions)


def test_the_template_has_the_reports_codes_and_scales(final):
    questions = {q.code: q for q in questions_of(final)}
    assert {"B1", "B2", "B3", "B4", "B5", "O1", "O2", "O3", "O3a", "O3b", "O4", "O5", "O6", "E1", "E5"} <= set(
        questions
    )
    assert questions["B1"].options == ["Første del", "Andre del", "Hele perioden"]
    assert questions["B3"].options == ["Kommune", "Helseforetak", "Brukerorganisasjon", "Annet"]
    assert (questions["O1"].scale_min, questions["O1"].scale_max, questions["O1"].low_label) == (1, 6, "i liten grad")
    assert questions["O4"].dont_know and not questions["E1"].dont_know
    assert questions["O3a"].show_if_values == ["Ja"] and questions["O3b"].show_if_values == ["Nei"]


def test_the_figures_of_the_final_report(final):
    results = survey_results(final)
    assert (results.rate.responses, results.rate.invited) == (35, 110)
    assert rounded(results.rate.share, 1) == Decimal("31.8")
    by_code = results.by_code()
    o1 = by_code["O1"]
    assert sum(b.count for b in o1.bars if b.value in (5, 6)) == 21
    assert rounded(o1.mean, 2) == Decimal("4.69")
    assert rounded(by_code["O5"].mean, 1) == Decimal("3.2")
    assert rounded(by_code["E5"].mean, 1) == Decimal("4.2")
    assert [b.count for b in by_code["O3"].bars] == [15, 15, 5]
    assert by_code["O6"].bars[0].count == 24
    assert [b.count for b in by_code["B3"].bars] == [22, 6, 3, 4]
    assert by_code["B1"].bars[2].count == 26
    assert [b.count for b in by_code["B2"].bars] == [29, 2, 1, 3]
    # «vet ikke» is in the distribution and out of the mean.
    o4a = by_code["O4.a"]
    assert o4a.dont_know == 2 and o4a.answered == 35 and o4a.scored == 33
    assert o4a.mean == Decimal(sum(v for v in (a["O4.a"] for a in final_responses()) if isinstance(v, int))) / 33
    # Fig 16 and 19: the order the report describes.
    e1 = {k: by_code[k].mean for k in ("E1.a", "E1.b", "E1.c", "E1.d")}
    assert min(e1["E1.a"], e1["E1.b"]) > max(e1["E1.c"], e1["E1.d"])
    assert by_code["E4.c"].mean > by_code["E4.b"].mean > by_code["E4.a"].mean


def test_breakdowns_by_group_hide_groups_under_five(final):
    questions = questions_of(final)
    answers = [a for _i, a in submitted_answers(final)]
    b1 = next(q for q in questions if q.code == "B1")
    b3 = next(q for q in questions if q.code == "B3")
    by_period = {g.label: g for g in breakdown(b1, questions, answers).groups}
    whole = {r.code: r for r in by_period["Hele perioden"].results}
    assert by_period["Hele perioden"].respondents == 26 and rounded(whole["E5"].mean, 1) == Decimal("4.3")
    assert by_period["Andre del"].respondents == 4 and by_period["Andre del"].results is None
    by_group = {g.label: g for g in breakdown(b3, questions, answers).groups}
    municipal = {r.code: r for r in by_group["Kommune"].results}
    health = {r.code: r for r in by_group["Helseforetak"].results}
    assert rounded(municipal["E5"].mean, 1) == Decimal("4.5")
    assert health["E5"].mean < Decimal("4.2")  # the lowest, as the report says
    assert (
        by_group["Brukerorganisasjon"].results is None and by_group["Brukerorganisasjon"].respondents == 3 < MIN_GROUP
    )
    assert by_group["Annet"].results is None


def test_the_command_line(cast, tmp_path, capsys):
    call_command("survey", "templates")
    assert "sluttevaluering" in capsys.readouterr().out
    call_command("survey", "create", cast.network.slug, "--template", "sluttevaluering", "--invited", "110")
    survey_id = int(capsys.readouterr().out.strip())
    rows = final_responses()
    codes = ["B1", "B3", "O1", "E5", "B4"]
    lines = [";".join(codes)] + [
        ";".join("|".join(r[c]) if isinstance(r.get(c), list) else str(r.get(c, "")) for c in codes) for r in rows
    ]
    path = tmp_path / "questback.csv"
    path.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    call_command("survey", "import", str(survey_id), str(path))
    assert "35 responses imported" in capsys.readouterr().out
    call_command("survey", "results", str(survey_id), "--json", "--by", "B3")
    payload = json.loads(capsys.readouterr().out)
    assert (payload["invited"], payload["responses"], payload["response_rate"]) == (110, 35, 31.8)
    assert payload["questions"]["O1"]["mean"] == 4.69 and payload["questions"]["O1"]["n"] == 35
    assert payload["questions"]["O1"]["distribution"]["5"] == 18
    assert set(payload["by"]["groups"]) == {"Kommune", "Helseforetak"}  # 3 and 4 are under five
    assert payload["by"]["groups"]["Kommune"]["questions"]["E5"]["mean"] == 4.5


def test_a_bad_row_is_refused_with_its_number_and_nothing_is_written(cast, tmp_path):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", by=None)
    path = tmp_path / "bad.csv"
    path.write_text("B3,O1,X9\nkommune,5,\n", encoding="utf-8")
    with pytest.raises(Exception, match="X9"):
        call_command("survey", "import", str(survey.pk), str(path))
    path.write_text("B3,O1\nkommune,5\nKommune,7\nFylke,vet ikke\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        call_command("survey", "import", str(survey.pk), str(path))
    # 7 is off the scale; «Fylke» is no option; O1 offers no «vet ikke».
    assert all(f"rad {r}" in str(exc.value) for r in ("3: O1", "4: B3", "4: O1")) and "rad 2" not in str(exc.value)
    assert not survey.responses.exists()
    assert Question.objects.get(section__survey=survey, code="O1").dont_know is False
