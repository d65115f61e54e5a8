"""Survey templates in Norwegian, ready to copy into a network.

- `samlingsevaluering`: the evaluation at the end of a gathering, from the documentation of the
  national network 2014–2015: participants agree or disagree with statements about «egen innsats»,
  «organiseringen», «tidsbruk», «nytteverdien av de faglige innleggene» and «presentasjonsformen»,
  and write their own comments. The source gives neither the exact statements nor the scale, so
  the statements are worded here from those five themes and use a 1–5 agreement scale. When the
  gathering has a program, each of its talks gets a line to rate.
- `siste-samling`: the last gathering, which asked «hva som har vært mest nyttig med
  læringsnettverket som helhet, og om kommunene har noen råd og ønsker for en eventuell
  videreføring».
- `sluttevaluering`: the final participant survey of the Trøndelag network 2019–2021 (Sluttrapport,
  Statsforvalteren i Trøndelag and KS), with its codes B1–B5, O1–O6 and E1–E5, a 1–6 scale from
  «i liten grad» to «i stor grad» and «vet ikke» where the report has it. Wording is the report's
  where it quotes the question, otherwise written from the report's description of it.

A question is a dict of `surveys.models.Question` fields; `statements` are (code, text) pairs.
"""

from __future__ import annotations

AGREE_5 = {"scale_min": 1, "scale_max": 5, "low_label": "Helt uenig", "high_label": "Helt enig"}
DEGREE_6 = {"scale_min": 1, "scale_max": 6, "low_label": "i liten grad", "high_label": "i stor grad"}
YES_NO_DK = ["Ja", "Nei", "Vet ikke"]

PERIODS = ["Første del", "Andre del", "Hele perioden"]
REPRESENTS = ["Kommune", "Helseforetak", "Brukerorganisasjon", "Annet"]
ARENAS = ["Forbedringsteam", "Arbeidsgruppe", "Arbeidsutvalg", "Øvrige arenaer (fellessamlinger, webinarer m.m.)"]
ACTIVITIES = [
    "Nettverkssamlinger",
    "Felles forbedringsteamsamlinger",
    "Koordinator- og brukerrepresentantsamlinger",
    "Arbeidsgruppemøter",
    "Arbeidsutvalgsmøter",
    "Webinarer",
    "Veiledning i forbedringsteamene",
    "Møter i forbedringsteamene",
]

GATHERING = {
    "key": "samlingsevaluering",
    "title": "Evaluering av samlingen",
    "intro": "Takk for at du deltok! Svarene er anonyme og brukes til å gjøre neste samling bedre.",
    "sections": [
        {
            "title": "Samlingen",
            "questions": [
                {
                    "code": "S1",
                    "kind": "matrix",
                    "text": "Hvor enig er du i disse påstandene om samlingen?",
                    **AGREE_5,
                    "statements": [
                        ("S1.a", "Jeg har selv bidratt aktivt på samlingen (egen innsats)."),
                        ("S1.b", "Samlingen var godt organisert."),
                        ("S1.c", "Tiden ble godt brukt."),
                        ("S1.d", "De faglige innleggene var nyttige for arbeidet vårt."),
                        ("S1.e", "Presentasjonsformen fungerte godt."),
                    ],
                },
            ],
        },
        {
            "title": "Kommentarer",
            "questions": [
                {
                    "code": "S3",
                    "kind": "text",
                    "text": "Egne kommentarer, presiseringer og innspill",
                },
            ],
        },
    ],
}

LAST_GATHERING = {
    "key": "siste-samling",
    "title": "Evaluering av læringsnettverket som helhet",
    "intro": "Siste samling: vi vil gjerne vite hva som har vært mest nyttig, og hva dere ønsker videre.",
    "sections": [
        {
            "title": "Læringsnettverket som helhet",
            "questions": [
                {
                    "code": "L1",
                    "kind": "scale",
                    "text": "Alt i alt: i hvilken grad har læringsnettverket vært nyttig for dere?",
                    **DEGREE_6,
                    "dont_know": True,
                },
                {"code": "L2", "kind": "text", "text": "Hva har vært mest nyttig med læringsnettverket som helhet?"},
                {
                    "code": "L3",
                    "kind": "text",
                    "text": "Har dere noen råd og ønsker for en eventuell videreføring?",
                },
            ],
        },
    ],
}

FINAL = {
    "key": "sluttevaluering",
    "title": "Sluttevaluering av læringsnettverket",
    "intro": (
        "Formålet med undersøkelsen er å evaluere organisering av nettverket, innsatsen som er lagt ned av "
        "alle involverte og de resultatene som er oppnådd i nettverksperioden. Svarene er anonyme."
    ),
    "sections": [
        {
            "title": "Om deg",
            "questions": [
                {
                    "code": "B1",
                    "kind": "single",
                    "text": "Har du deltatt i første del, andre del eller hele nettverksperioden?",
                    "options": PERIODS,
                    "background": True,
                    "required": True,
                },
                {
                    "code": "B2",
                    "kind": "single",
                    "text": "Hvilken formell arena har du vært tilknyttet?",
                    "options": ARENAS,
                    "background": True,
                },
                {
                    "code": "B3",
                    "kind": "single",
                    "text": "Hvem har du representert?",
                    "options": REPRESENTS,
                    "background": True,
                    "required": True,
                },
                {
                    "code": "B4",
                    "kind": "multiple",
                    "text": "Hvilke aktiviteter har du deltatt på?",
                    "help_text": "Her kan du krysse av på flere aktiviteter.",
                    "options": ACTIVITIES,
                },
                {
                    "code": "B5",
                    "kind": "single",
                    "text": "Hvilken kommuneregion har du representert?",
                    "options": [],  # filled from the network's regions when the survey is made
                    "background": True,
                    "show_if_code": "B2",
                    "show_if_values": ["Forbedringsteam"],
                },
            ],
        },
        {
            "title": "Organisering og gjennomføring",
            "questions": [
                {
                    "code": "O1",
                    "kind": "scale",
                    "text": (
                        "Nettverket bygger på kommuneregionstrukturen - i hvilken grad opplever dere at dette har "
                        "vært nyttig?"
                    ),
                    **DEGREE_6,
                },
                {
                    "code": "O2",
                    "kind": "matrix",
                    "text": "Hvordan vurderer du innsatsen? (for deg som har vært med i et forbedringsteam)",
                    **DEGREE_6,
                    "statements": [("O2.a", "Egen innsats"), ("O2.b", "Forbedringsteamets samlede innsats")],
                    "show_if_code": "B2",
                    "show_if_values": ["Forbedringsteam"],
                },
                {
                    "code": "O2f",
                    "kind": "text",
                    "text": "Hva kunne nettverket ha gjort for at innsatsen kunne blitt enda bedre?",
                },
                {
                    "code": "O3",
                    "kind": "single",
                    "text": "Har lederne i din organisasjon etterspurt hva det ble jobbet med i nettverket?",
                    "options": YES_NO_DK,
                },
                {
                    "code": "O3a",
                    "kind": "text",
                    "text": "Hva ble etterspurt?",
                    "show_if_code": "O3",
                    "show_if_values": ["Ja"],
                },
                {
                    "code": "O3b",
                    "kind": "text",
                    "text": "Hva tror du er grunnen til at arbeidet ikke ble etterspurt?",
                    "show_if_code": "O3",
                    "show_if_values": ["Nei"],
                },
                {
                    "code": "O4",
                    "kind": "matrix",
                    "text": "Hvor nyttige har disse arenaene vært for deg?",
                    **DEGREE_6,
                    "dont_know": True,
                    "help_text": "Svar «vet ikke» der du ikke har deltatt.",
                    "statements": [
                        ("O4.a", "Nettverkssamlinger"),
                        ("O4.b", "Felles forbedringsteamsamlinger"),
                        ("O4.c", "Koordinator- og brukerrepresentantsamlinger"),
                        ("O4.d", "Arbeidsgruppemøter"),
                        ("O4.e", "Arbeidsutvalgsmøter"),
                        ("O4.f", "Webinarer"),
                        ("O4.g", "Veiledning i forbedringsteamene"),
                    ],
                },
                {
                    "code": "O5",
                    "kind": "scale",
                    "text": "I hvilken grad har koronapandemien påvirket nytten av eller innsatsen i nettverket?",
                    **DEGREE_6,
                },
                {
                    "code": "O6",
                    "kind": "single",
                    "text": (
                        "Vil de digitale metodene og verktøyene som er tatt i bruk, gjøre det lettere å samarbeide "
                        "i fagfeltet fremover?"
                    ),
                    "options": ["Ja", "Nei"],
                },
                {"code": "O6f", "kind": "text", "text": "Utdyp gjerne"},
            ],
        },
        {
            "title": "Effekten av nettverket",
            "questions": [
                {
                    "code": "E1",
                    "kind": "matrix",
                    "text": "I hvilken grad har nettverket lykkes med å …",
                    **DEGREE_6,
                    "statements": [
                        ("E1.a", "bygge relasjoner mellom de involverte"),
                        ("E1.b", "være en møteplass for utveksling av erfaringer"),
                        ("E1.c", "fremme endring/forbedring som medfører bedre tjenester"),
                        ("E1.d", "gi økt kompetanse og innsikt i kunnskapsbaserte metoder og praktiske verktøy"),
                    ],
                },
                {
                    "code": "E2",
                    "kind": "matrix",
                    "text": "I hvilken grad har nettverket styrket samhandlingen …",
                    **DEGREE_6,
                    "dont_know": True,
                    "statements": [
                        ("E2.a", "mellom kommunene i egen region"),
                        ("E2.b", "mellom kommunene og helseforetaket"),
                        ("E2.c", "mellom tjenestene og brukerrepresentantene"),
                    ],
                },
                {
                    "code": "E3",
                    "kind": "matrix",
                    "text": "I hvilken grad har nettverket styrket fag- og tjenesteutviklingen …",
                    **DEGREE_6,
                    "dont_know": True,
                    "statements": [
                        ("E3.a", "mellom kommunene i egen region"),
                        ("E3.b", "mellom kommunene og helseforetaket"),
                        ("E3.c", "mellom tjenestene og brukerrepresentantene"),
                    ],
                },
                {"code": "E3f", "kind": "text", "text": "Hva har vært de viktigste grepene?"},
                {
                    "code": "E4",
                    "kind": "matrix",
                    "text": "I hvilken grad har nettverket styrket brukermedvirkningen på …",
                    **DEGREE_6,
                    "statements": [
                        ("E4.a", "individnivå"),
                        ("E4.b", "tjenestenivå"),
                        ("E4.c", "systemnivå"),
                    ],
                },
                {"code": "E4f", "kind": "text", "text": "Hva har vært de viktigste grepene for dette?"},
                {
                    "code": "E5",
                    "kind": "scale",
                    "text": (
                        "Alt i alt - i hvilken grad mener du at din organisasjon har hatt nytten av å delta i "
                        "læringsnettverket?"
                    ),
                    "scale_min": 1,
                    "scale_max": 6,
                    "low_label": "lavest skår",
                    "high_label": "høyest skår",
                },
            ],
        },
    ],
}

TEMPLATES: list[dict] = [GATHERING, LAST_GATHERING, FINAL]
BY_KEY = {t["key"]: t for t in TEMPLATES}
