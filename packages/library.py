"""The package library, word for word in Norwegian and ready to copy into a network: the three
preparation packages from §2.4 of the documentation of the national network 2014–2015
(Kunnskapssenteret, NAPHA and KS), and the team self-evaluation form from Vedlegg 1 of the final
report of the Trøndelag learning network 2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and
KS). Question kinds are Question.Kind values."""

from __future__ import annotations

LIBRARY: list[dict] = [
    # The seed's words only in "introduction", "title", "description" and "text". What the app adds
    # (a table for the team, the interview fields, the warning about names) is in "app_help", shown
    # apart as «Hjelp fra Læringsnett». A task that the seed gives as one sentence is answered in one
    # field whose text is that sentence: the workspace shows it once, in the task's heading.
    {
        "key": "fp1-2014",
        "title": "Forberedelsespakke 1",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 1)",
        "introduction": "Oppgavene i forberedelsespakke 1:",
        "task_numbering": "parentes",
        "min_interviews": 2,
        "tasks": [
            {
                "title": "Etablering av forbedringsteamet.",
                "description": "",
                "questions": [
                    {
                        "kind": "table",
                        "text": "Etablering av forbedringsteamet.",
                        "columns": ["Navn", "Organisasjon/tjeneste", "Rolle i teamet"],
                        "app_help": "Før opp hvem som er med i forbedringsteamet, én rad per person.",
                    },
                ],
            },
            {
                "title": "Kartlegging av egne tjenester:",
                "description": "",
                "questions": [
                    {
                        "kind": "table",
                        "text": "Hvilke tjenester har kommunen til disposisjon når det gjelder personer med "
                        "rusproblemer og/eller psykiske problemer?",
                        "columns": ["Tjeneste", "Type", "Målgruppe"],
                        "required": True,
                        "app_help": "Én rad per tjeneste.",
                    },
                    {
                        "kind": "long_text",
                        "text": "Hvordan innhenter kommunen brukernes erfaringer og synspunkter på tjenestetilbudet?",
                        "required": True,
                    },
                    {
                        "kind": "long_text",
                        "text": "Hvordan involverer kommunen brukernes familier og øvrige nettverk?",
                    },
                    {
                        "kind": "long_text",
                        "text": "Hvilke frivillige organisasjoner/brukerorganisasjoner og møteplasser som er "
                        "relevante for målgruppen finnes i kommunen?",
                    },
                    {
                        "kind": "long_text",
                        "text": "Kartlegg styrker og svakheter i samarbeidet mellom kommunen og "
                        "spesialisthelsetjenesten.",
                    },
                ],
            },
            {
                "title": "Lytte til de erfaringene brukerne har med tjenestene",
                "description": "For å få et inntrykk av hvordan brukerne opplever tjenestene pr i dag, ble teamene "
                "bedt om å intervju minst to brukere med rusproblemer og/eller psykiske problemer om deres "
                "erfaringer med tjenestene.",
                "questions": [
                    {
                        "kind": "interview",
                        "text": "Lytte til de erfaringene brukerne har med tjenestene",
                        # The warning about names is in every interview field (the template).
                        "app_help": "Fyll ut ett skjema per intervju: når, hvilke tjenester, erfaringene, hva som er "
                        "viktig for brukeren og forslag til forbedring.",
                    },
                ],
            },
        ],
    },
    {
        "key": "fp2-2014",
        "title": "Forberedelsespakke 2",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 2)",
        "introduction": "Oppgavene i forberedelsespakke 2 handlet om å lage en plan for forbedringsarbeidet og "
        "beskrive:",
        "task_numbering": "parentes",
        "min_interviews": 0,
        "tasks": [
            {"title": text, "description": "", "questions": [{"kind": "long_text", "text": text, **extra}]}
            for text, extra in [
                ("Hvordan de vil forankre forbedringsarbeidet.", {"required": True}),
                ("Hvilke (konkrete) mål de har for forbedringsarbeidet.", {"required": True}),
                ("Hvilke (måle)-verktøy de vil bruke for å kartlegge forbedringsarbeidet.", {}),
                ("Hvilken plan de har for brukerinvolvering i forbedringsarbeidet.", {}),
            ]
        ],
    },
    {
        "key": "fp3-2014",
        "title": "Forberedelsespakke 3",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 3)",
        "introduction": "Oppgavene i forberedelsespakke 3 handlet om at teamene skulle tenke fremover og beskrive:",
        "task_numbering": "parentes",
        "min_interviews": 0,
        "tasks": [
            {"title": text, "description": "", "questions": [{"kind": "long_text", "text": text}]}
            for text in [
                "Hvilke nye løsninger / forbedringstiltak de planlegger for å nå målet om gode pasientforløp?",
                "Hvordan de vil gå frem for å jobbe med målene i praksis?",
                "Fra der dere er i prosessen nå: Hva har dere behov for mer kunnskap om og hva tenker dere vi i "
                "prosjektgruppen kan bidra med underveis og på samling 3?",
            ]
        ],
    },
    {
        "key": "egenevaluering-trondelag",
        "title": "Forbedringsteamenes egenevaluering",
        "source": "Læringsnettverk i Trøndelag 2019–2021, sluttrapportens vedlegg 1",
        "introduction": "",
        "task_numbering": "ingen",
        "min_interviews": 0,
        "tasks": [
            {
                "title": "NAVN PÅ KOMMUNEREGION:",
                "description": "",
                "questions": [{"kind": "short_text", "text": "KOMMUNEREGION:", "required": True}],
            },
            {
                "title": "HVEM HAR DELTATT?",
                "description": "",
                "questions": [
                    {
                        "kind": "long_text",
                        "text": "Sammensetting; organisasjoner, roller, navn (Er det noen som burde vært involvert?)",
                    },
                    {"kind": "long_text", "text": "Organiseringen av forbedringsteamenes arbeid"},
                ],
            },
            {
                "title": "HVILKET FORBEDRINGSOMRÅDE VALGTE DERE OG HVORFOR?",
                "description": "",
                "questions": [
                    {"kind": "long_text", "text": "Bakteppe/utfordringsbildet"},
                    {"kind": "long_text", "text": "Valgt forbedringsområde"},
                    {"kind": "long_text", "text": "Målsettinger med forbedringsarbeidet"},
                ],
            },
            {
                "title": "HVORDAN HAR DERE JOBBET I perioden?",
                "description": "",
                "questions": [
                    {"kind": "long_text", "text": "Hva er gjort i perioden?"},
                    {"kind": "long_text", "text": "Hva har dere lært i perioden?"},
                    {"kind": "long_text", "text": "Hva var lurt?"},
                    {"kind": "long_text", "text": "Hva kunne vært bedre?"},
                ],
            },
            {
                "title": "VEIEN VIDERE:",
                "description": "",
                "questions": [
                    {
                        "kind": "long_text",
                        "text": "Er det noen vi må involvere og engasjere fremover for å øke sannsynligheten for å "
                        "lykkes?",
                    },
                    {"kind": "long_text", "text": "Hvordan sikrer dere implementering og realisering?"},
                    {"kind": "long_text", "text": "Forventet fremdrift og milepæler"},
                ],
            },
            {
                "title": "KOMMENTARER",
                "description": "",
                "questions": [
                    {
                        "kind": "long_text",
                        "text": "Her kan dere kommentere litt på det som dere ønsker skal tas med i evalueringen. "
                        "For eksempel: − Hva som er gjort som har vært bra og som har bidratt til at dere har "
                        "fått fremdrift i eget forbedringsarbeid? − Hva er gjort som kunne vært gjort for at dere "
                        "hadde lykkes bedre med forbedringsarbeidet?",
                    },
                ],
            },
        ],
    },
]

BY_KEY = {entry["key"]: entry for entry in LIBRARY}

# Python-side kind names → Question.Kind values
KIND = {
    "short_text": "kort_tekst",
    "long_text": "lang_tekst",
    "single_choice": "ett_valg",
    "multiple_choice": "flere_valg",
    "number": "tall",
    "date": "dato",
    "table": "tabell",
    "file": "fil",
    "interview": "intervju",
}
