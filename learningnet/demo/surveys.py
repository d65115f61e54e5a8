"""The Trøndelag network's final participant survey (sluttevaluering) and a gathering evaluation.

The 35 responses are invented, but every figure the final report publishes comes out of them:
35 av 110 (31,8 %); 26 of 35 for the whole period; 29 in the teams, 2 in the working group, 1 in
the working committee and 3 elsewhere; 22 municipalities, 6 health trust, 3 user organisations
and 4 others; O1 «21 av 35 har svart 5 eller 6» with the mean 4,69; leaders asking 15 / 15 / 5;
O5 mean 3,2; «24 av 35» for the digital tools; E5 mean 4,2, 4,3 for the whole-period group and 4,5
for the municipalities, lowest for the health trust and above the mean for the user organisations.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from networks.models import Network
from surveys import library
from surveys.models import Survey, SurveyExtension

FINAL_TITLE = "Sluttevaluering av Læringsnettverk Trøndelag 2019–2021"
INVITED = 110
OPENED = dt.datetime(2021, 6, 25, 9, 0)
FIRST_DEADLINE = dt.datetime(2021, 7, 9, 23, 59)
EXTENSIONS = [
    (dt.datetime(2021, 8, 13, 23, 59), "Få svar i ferien: fristen forlenges."),
    (dt.datetime(2021, 8, 24, 23, 59), "Forlenget en gang til før workshopen 26. august."),
]

O3A = [
    "Faglig utbytte av samlinger, arbeidsprosess og målsettinger",
    "Hvilke områder forbedringsteamene jobber med, fremdrift og resultater",
]
O3B = [
    "Hektisk hverdag, ser ikke nytteverdien, har ikke struktur/kultur på å etterspør",
    "Jeg har informert for lite i perioden",
    "Kommunesammenslåing og lederskifte, likedan mye arbeid med Corona situasjonen i kommunen",
    "For lite fokus på dette i psykisk helsevern som et forbedringstiltak",
]
O6F = [
    "Det er lettere å møtes digitalt dersom det blir lagt godt til rette i forhold til regi og innhold",
    "Det har vært gjennomført flere møter nettopp fordi det har vært lettere å møtes",
    "Terskelen for kontakt og dialog er blitt lavere",
    "Det blir mindre relasjonsbygging «face to face», småprat i pauser og det uformelle",
]
E4F = [
    "Vi har blitt sett",
    "Brukerrepresentanter var med fra starten av",
    "Kravet om å ha brukerrepresentanter i forbedringsteamene",
    "Sterkere representasjon fra brukerorganisasjonene i alle ledd av nettverket",
    "Brukermedvirkning har vært et sentralt tema på samlinger og webinarer",
    "Innlegg fra brukerrepresentantene",
    "Felles satsing i mange kommuneregioner ift. å opprette brukerpanel",
]
REGIONS = ["Fosen", "Orkdalsregionen", "Værnesregionen", "Inn-Trøndelag", "Trondheimsregionen", "Ytre Namdal"]


def _people() -> list[dict]:
    """Who the 35 are (B1, B2, B3) and their E5, built so that every group mean is the report's."""
    people = []

    def add(n, b3, e5, whole=True, b2="Forbedringsteam"):
        for _ in range(n):
            people.append({"B3": b3, "E5": e5, "whole": whole, "B2": b2})

    # Kommune (22, E5 sum 99 = 4,5): eleven 5s and eleven 4s; six of them not the whole period.
    add(9, "Kommune", 5)
    add(7, "Kommune", 4)
    add(2, "Kommune", 5, whole=False)
    add(4, "Kommune", 4, whole=False)
    # Helseforetak (6, all in the teams, lowest: 3,0); three not the whole period.
    add(3, "Helseforetak", 3)
    add(3, "Helseforetak", 3, whole=False)
    # Brukerorganisasjon (3, 4,67: above the mean).
    add(2, "Brukerorganisasjon", 5)
    add(1, "Brukerorganisasjon", 4)
    # Annet (4: KS, Statsforvalteren, competence centres): the working group, the committee, elsewhere.
    add(4, "Annet", 4)
    arenas = [
        "Arbeidsgruppe",
        "Arbeidsgruppe",
        "Arbeidsutvalg",
        *["Øvrige arenaer (fellessamlinger, webinarer m.m.)"] * 3,
    ]
    # Six outside the teams: the four «Annet» and two whole-period municipal people.
    outside = [p for p in people if p["B3"] == "Annet"] + [p for p in people if p["B3"] == "Kommune" and p["whole"]][
        :2
    ]
    for person, arena in zip(outside, arenas, strict=True):
        person["B2"] = arena
    return people


def final_responses(seed: int = 2021, regions: list[str] | None = None) -> list[dict]:
    """The 35 responses as {code: value}. `regions`: the survey's options for B5 (the network's
    kommuneregioner); the team members are spread over them."""
    regions = regions or REGIONS
    rng = random.Random(seed)
    people = _people()
    assert len(people) == 35
    # O1: three 6s, eighteen 5s, fourteen 4s = 164 / 35 = 4,69; 21 answer 5 or 6.
    o1 = [6] * 3 + [5] * 18 + [4] * 14
    # O5: seven 2s, fourteen 3s, fourteen 4s = 112 / 35 = 3,2.
    o5 = [2] * 7 + [3] * 14 + [4] * 14
    o3 = ["Ja"] * 15 + ["Nei"] * 15 + ["Vet ikke"] * 5
    o6 = ["Ja"] * 24 + ["Nei"] * 11
    for values in (o1, o5, o3, o6):
        rng.shuffle(values)
    not_whole = [p for p in people if not p["whole"]]
    for i, person in enumerate(not_whole):  # 9: five in the first part, four in the second
        person["B1"] = "Første del" if i < 5 else "Andre del"
    responses = []
    activities = library.ACTIVITIES
    for i, person in enumerate(people):
        team = person["B2"] == "Forbedringsteam"
        chosen = rng.sample(activities, k=1 if i == 0 else rng.randint(2, 6))
        if team and "Møter i forbedringsteamene" not in chosen:
            chosen.append("Møter i forbedringsteamene")
        answers = {
            "B1": person.get("B1", "Hele perioden"),
            "B2": person["B2"],
            "B3": person["B3"],
            "B4": [a for a in activities if a in chosen],
            "O1": o1[i],
            "O3": o3[i],
            "O5": o5[i],
            "O6": o6[i],
            "E5": person["E5"],
        }
        if team:
            answers["B5"] = regions[i % len(regions)]
            own = rng.choice([3, 4, 4, 5])
            answers["O2.a"], answers["O2.b"] = own, min(6, own + rng.choice([0, 1, 1]))
        if o3[i] == "Ja" and i % 5 == 0:
            answers["O3a"] = O3A[(i // 5) % len(O3A)]
        if o3[i] == "Nei" and i % 3 == 0:
            answers["O3b"] = O3B[(i // 3) % len(O3B)]
        if i % 6 == 1:
            answers["O6f"] = O6F[(i // 6) % len(O6F)]
        if i % 5 == 2:
            answers["E4f"] = E4F[(i // 5) % len(E4F)]
        # O4: the arenas; «vet ikke» where the person had no role (Fig 14).
        in_group = person["B2"] in ("Arbeidsgruppe", "Arbeidsutvalg")
        answers.update(
            {
                "O4.a": "vet ikke" if i in (3, 17) else rng.choice([4, 5, 5, 6, 6]),
                "O4.b": "vet ikke" if i in (5, 19, 30) else rng.choice([4, 5, 5, 6, 6]),
                "O4.c": rng.choice([4, 5]) if person["B3"] == "Brukerorganisasjon" or i % 4 == 0 else "vet ikke",
                "O4.d": rng.choice([4, 5, 6]) if in_group else "vet ikke",
                "O4.e": rng.choice([4, 5]) if person["B2"] == "Arbeidsutvalg" else "vet ikke",
                "O4.f": rng.choice([3, 4, 5, "vet ikke"]),
                "O4.g": rng.choice([4, 5, 6]) if team else "vet ikke",
            }
        )
        # E1: relations and meeting place best, change and competence lowest (Fig 16); no «vet ikke».
        answers.update(
            {
                "E1.a": rng.choice([5, 5, 6]),
                "E1.b": rng.choice([5, 6, 6]),
                "E1.c": rng.choice([3, 4, 4]),
                "E1.d": rng.choice([3, 4, 4]),
            }
        )
        # E2/E3: municipalities in the own region highest; some «vet ikke» (Fig 17, 18).
        for q in ("E2", "E3"):
            answers[f"{q}.a"] = rng.choice([5, 5, 6])
            answers[f"{q}.b"] = rng.choice([4, 4, 5, "vet ikke"])
            answers[f"{q}.c"] = rng.choice([4, 5, 5, "vet ikke"])
        # E4: system level highest, individual lowest (Fig 19).
        answers.update({"E4.a": rng.choice([2, 3, 3]), "E4.b": rng.choice([3, 4, 4]), "E4.c": rng.choice([4, 5, 5])})
        responses.append(answers)
    return responses


def load_surveys(network: Network) -> None:
    """The final survey with its panel size, window and two extensions, and its 35 responses.
    Idempotent: a network that has the survey keeps it."""
    from surveys.services import responses_import, survey_create

    if Survey.objects.filter(network=network, template_key="sluttevaluering").exists():
        return
    tz = timezone.get_current_timezone()
    survey = survey_create(
        network=network, template_key="sluttevaluering", invited=INVITED, title=FINAL_TITLE, by=None
    )
    previous = timezone.make_aware(FIRST_DEADLINE, tz)
    for deadline, reason in EXTENSIONS:
        deadline = timezone.make_aware(deadline, tz)
        SurveyExtension.objects.create(survey=survey, previous_closes_at=previous, closes_at=deadline, reason=reason)
        previous = deadline
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.CLOSED, opens_at=timezone.make_aware(OPENED, tz), closes_at=previous
    )
    # Through the import's checks, as if they came from the Questback export they once were.
    regions = survey.sections.get(order=0).questions.get(code="B5").options
    responses_import(survey=survey, rows=final_responses(regions=regions), by=None)


GATHERING_COMMENTS = [
    "Fint å få tid til å jobbe i teamet midt på dagen",
    "Mer tid til erfaringsdeling mellom teamene, gjerne på tvers av regionene",
    "Innlegget fra brukerrepresentanten gjorde sterkt inntrykk",
    "Litt for lange økter før lunsj",
    "Nyttig å se hvordan de andre teamene måler",
]


def gathering_responses(codes: list[str], seed: int = 4) -> list[dict]:
    """24 invented responses to the gathering evaluation: mostly agreeing, a few «vet ikke» on the
    program items, a handful of comments."""
    rng = random.Random(seed)
    responses = []
    for i in range(24):
        answers: dict = {}
        for code in codes:
            if code.startswith("S1."):
                answers[code] = rng.choice([3, 4, 4, 4, 5, 5])
            elif code.startswith("S2."):
                answers[code] = "vet ikke" if i % 9 == 4 else rng.choice([3, 4, 4, 5, 5])
        if i % 5 == 1:
            answers["S3"] = GATHERING_COMMENTS[(i // 5) % len(GATHERING_COMMENTS)]
        responses.append(answers)
    return responses


def load_gathering_evaluation(network: Network) -> None:
    """A closed evaluation of the network's fourth gathering, its program items as statements, and
    24 responses through the import's checks. Idempotent."""
    from gatherings.models import Gathering
    from surveys.services import questions_of, responses_import, survey_create

    gathering = Gathering.objects.filter(network=network, number=4).first()
    if gathering is None or Survey.objects.filter(network=network, template_key="samlingsevaluering").exists():
        return
    survey = survey_create(
        network=network, template_key="samlingsevaluering", gathering=gathering, invited=38, by=None
    )
    tz = timezone.get_current_timezone()
    day = dt.datetime.combine(gathering.ends_on or gathering.starts_on, dt.time(15, 0))
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.CLOSED,
        opens_at=timezone.make_aware(day, tz),
        closes_at=timezone.make_aware(day + dt.timedelta(days=7), tz),
    )
    codes = [c for q in questions_of(survey) for c in q.codes()]
    responses_import(survey=survey, rows=gathering_responses(codes), by=None)
