"""The package library, word for word in Norwegian and ready to copy into a network: the three
preparation packages from §2.4 of the documentation of the national network 2014–2015
(Kunnskapssenteret, NAPHA and KS), and the team self-evaluation form from Vedlegg 1 of the final
report of the Trøndelag learning network 2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and
KS). Question kinds are Question.Kind values."""

from __future__ import annotations

LIBRARY: list[dict] = [
    {
        "key": "fp1-2014",
        "title": "Forberedelsespakke 1",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 1)",
        "introduction": (
            "Før samling 1 skal forbedringsteamet etableres, kartlegge egne tjenester og lytte til de "
            "erfaringene brukerne har med tjenestene. Resultatene presenteres på dag 1 av samlingen."
        ),
        "min_interviews": 2,
        "tasks": [
            {
                "title": "Etablering av forbedringsteamet.",
                "description": "",
                "questions": [
                    {
                        "kind": "table",
                        "text": "Hvem er med i forbedringsteamet?",
                        "columns": ["Navn", "Organisasjon/tjeneste", "Rolle i teamet"],
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
                "description": "Teamene bedt om å intervju minst to brukere med rusproblemer og/eller psykiske "
                "problemer om deres erfaringer med tjenestene.",
                "questions": [
                    {
                        "kind": "interview",
                        "text": "Brukerintervjuer",
                        "help_text": "Skriv ikke navn eller andre opplysninger som kan identifisere brukeren.",
                    },
                ],
            },
        ],
    },
    {
        "key": "fp2-2014",
        "title": "Forberedelsespakke 2",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 2)",
        "introduction": "Teamene skal lage en plan for forbedringsarbeidet og beskrive:",
        "min_interviews": 0,
        "tasks": [
            {
                "title": "En plan for forbedringsarbeidet",
                "description": "",
                "questions": [
                    {"kind": "long_text", "text": "Hvordan de vil forankre forbedringsarbeidet.", "required": True},
                    {
                        "kind": "long_text",
                        "text": "Hvilke (konkrete) mål de har for forbedringsarbeidet.",
                        "required": True,
                    },
                    {
                        "kind": "long_text",
                        "text": "Hvilke (måle)-verktøy de vil bruke for å kartlegge forbedringsarbeidet.",
                    },
                    {"kind": "long_text", "text": "Hvilken plan de har for brukerinvolvering i forbedringsarbeidet."},
                ],
            },
        ],
    },
    {
        "key": "fp3-2014",
        "title": "Forberedelsespakke 3",
        "source": "Nasjonalt læringsnettverk 2014–2015 (før samling 3)",
        "introduction": "",
        "min_interviews": 0,
        "tasks": [
            {
                "title": "Veien videre",
                "description": "",
                "questions": [
                    {
                        "kind": "long_text",
                        "text": "Hvilke nye løsninger / forbedringstiltak de planlegger for å nå målet om gode "
                        "pasientforløp?",
                    },
                    {"kind": "long_text", "text": "Hvordan de vil gå frem for å jobbe med målene i praksis?"},
                    {
                        "kind": "long_text",
                        "text": "Fra der dere er i prosessen nå: Hva har dere behov for mer kunnskap om og hva "
                        "tenker dere vi i prosjektgruppen kan bidra med underveis og på samling 3?",
                    },
                ],
            },
        ],
    },
    {
        "key": "egenevaluering-trondelag",
        "title": "Forbedringsteamenes egenevaluering",
        "source": "Læringsnettverk i Trøndelag 2019–2021, sluttrapportens vedlegg 1",
        "introduction": "",
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
