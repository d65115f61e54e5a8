"""The two demo networks, from the source reports listed in docs/sources.md: the documentation of
the national network 2014–2015 (Kunnskapssenteret, NAPHA and KS) and the final report of the
Trøndelag learning network 2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and KS). People
are invented, never taken from the reports. Municipality numbers are left empty: the reports give
none, and many of these municipalities have merged since (store names as of the network's time)."""

from __future__ import annotations

import datetime as dt

D = dt.date

TRONDELAG = {
    "slug": "trondelag-2019",
    "name": "Læringsnettverk psykisk helse og rus i Trøndelag 2019–2021",
    "owner": ("KS Trøndelag", "ks"),
    "partners": [
        ("Statsforvalteren i Trøndelag", "statsforvalter"),
        ("St. Olavs hospital HF", "helseforetak"),
        ("Helse Nord-Trøndelag HF", "helseforetak"),
        ("Mental Helse Trøndelag", "brukerorganisasjon"),
        ("Rio – Rusmisbrukernes interesseorganisasjon", "brukerorganisasjon"),
        ("NAPHA – Nasjonalt kompetansesenter for psykisk helsearbeid", "kompetansesenter"),
        ("KoRus-Midt", "kompetansesenter"),
        ("KBT – Kompetansesenter for brukererfaring og tjenesteutvikling", "kompetansesenter"),
    ],
    "description": (
        "Regionalt læringsnettverk for kommunene i Trøndelag, St. Olavs hospital HF og "
        "Helse Nord-Trøndelag HF. Seks forbedringsteam fra sju kommuneregioner jobber med "
        "samhandling og brukermedvirkning – fra «Hva er i veien med deg?» til «Hva er viktig for deg?»."
    ),
    "starts_on": D(2019, 1, 1),
    "ends_on": D(2021, 6, 30),
    "phases": [
        ("forberedelse", D(2019, 1, 1), D(2019, 8, 31)),
        ("gjennomforing", D(2019, 9, 1), D(2021, 6, 30)),
        ("videreforing", D(2021, 7, 1), None),
    ],
    # The progress plan (week 15 of 2020): the adjusted plan was presented to the owner (KS) on
    # 7 April 2020; the report says KS decided to extend the period to June 2021, but not when. So the
    # date is the presentation's, and the reason says so.
    "extensions": [
        {
            "previous_end": D(2021, 3, 31),
            "new_end": D(2021, 6, 30),
            "decided_on": D(2020, 4, 7),
            "decided_by": "KS Trøndelag",
            "reason": "Justert plan etter utbruddet av pandemien (covid-19), presentert for KS 7. april 2020. "
            "KS besluttet å utvide nettverksperioden til juni 2021.",
        }
    ],
    # (number, title, start, end, precision, mode, venue[, start time, end time])
    # Tabell 1: «To fysiske, en halv digital og siste heldigital»: the third was half a day, digital
    # (the progress plan: 3 November 2020). Its hours are not in the report; 9–12 is invented.
    "gatherings": [
        (1, "Nettverkssamling 1", D(2019, 9, 1), D(2019, 9, 2), "month", "fysisk", ""),
        (2, "Nettverkssamling 2", D(2020, 1, 1), D(2020, 1, 2), "month", "fysisk", ""),
        (3, "Nettverkssamling 3 «Samhandling»", D(2020, 11, 3), D(2020, 11, 3), "day", "digital", "", (9, 0), (12, 0)),
        (4, "Nettverkssamling 4", D(2021, 6, 9), D(2021, 6, 10), "day", "digital", ""),
    ],
    # region -> [(municipality, starts_on, ends_on, note)]
    "regions": {
        "Fosen": [
            ("Indre Fosen", None, None, ""),
            ("Ørland", None, None, ""),
            ("Åfjord", None, None, ""),
            ("Bjugn", None, D(2019, 12, 31), "Slått sammen med Ørland 1.1.2020"),
            ("Roan", None, D(2019, 12, 31), "Slått sammen med Åfjord 1.1.2020"),
        ],
        # Hitra and Frøya are in the region; the team's self-evaluation says none of theirs took part.
        "Orkdalsregionen": [
            ("Orkland", None, None, ""),
            ("Hitra", None, None, ""),
            ("Frøya", None, None, ""),
            ("Oppdal", None, None, ""),
            ("Rennebu", None, None, ""),
        ],
        "Fjellregionen": [("Røros", None, None, ""), ("Holtålen", None, None, "")],
        "Værnesregionen": [
            ("Stjørdal", None, None, ""),
            ("Frosta", None, None, ""),
            ("Meråker", None, None, ""),
            ("Tydal", None, None, ""),
            ("Selbu", None, None, ""),
        ],
        "Inn-Trøndelag": [("Steinkjer", None, None, ""), ("Snåsa", None, None, "")],
        "Trondheimsregionen": [
            ("Trondheim", None, None, ""),
            ("Melhus", None, None, ""),
            ("Malvik", None, None, ""),
        ],
        # Tabell 2 lists Nærøysund, Leka and Bindal for the region.
        "Ytre Namdal": [
            ("Nærøysund", D(2020, 1, 1), None, "Ny kommune fra 1.1.2020"),
            ("Nærøy", None, D(2019, 12, 31), "Slått sammen til Nærøysund 1.1.2020"),
            ("Vikna", None, D(2019, 12, 31), "Slått sammen til Nærøysund 1.1.2020"),
            ("Leka", None, None, ""),
            ("Bindal", None, None, ""),
        ],
    },
    "health_trust_units": [
        ("Nidaros DPS", "St. Olavs hospital HF"),
        ("Orkdal DPS", "St. Olavs hospital HF"),
        ("Stjørdal DPS", "St. Olavs hospital HF"),
        ("Nidelv DPS", "St. Olavs hospital HF"),
        ("Klinikk for rus- og avhengighetsbehandling", "St. Olavs hospital HF"),
        ("DPS Kolvereid", "Helse Nord-Trøndelag HF"),
    ],
    # name, regions, [(organisation, starts_on, ends_on)], improvement area, status
    "teams": [
        (
            "Fosen",
            ["Fosen"],
            [
                ("Indre Fosen", None, None),
                ("Ørland", None, None),
                ("Åfjord", None, None),
                ("Nidaros DPS", None, None),
                ("Rio – Rusmisbrukernes interesseorganisasjon", None, None),
            ],
            "Riktig hjelp på riktig sted til riktig tid. Styrking av tverrfaglig samarbeid og "
            "sikring av brukermedvirkning.",
            "viderefores",
        ),
        (
            # The team's own name in its self-evaluation; Tabell 2 prints «Orkland Fjell».
            "Orkland/Fjellregionen",
            ["Orkdalsregionen", "Fjellregionen"],
            # The self-evaluation: no one from Hitra and Frøya took part («Mangler fra kommunene
            # Hitra og Frøya»), though Tabell 2 lists them under the region.
            [
                ("Oppdal", None, None),
                ("Rennebu", None, None),
                ("Orkland", None, None),
                ("Røros", None, None),
                ("Holtålen", None, None),
                ("Orkdal DPS", None, None),
                ("Klinikk for rus- og avhengighetsbehandling", None, None),
                ("Mental Helse Trøndelag", None, None),
            ],
            "Å skape felles forståelse for bedre samhandling med brukeren i sentrum.",
            "viderefores",
        ),
        (
            "Værnes",
            ["Værnesregionen"],
            [
                ("Stjørdal", None, None),
                ("Frosta", None, None),
                ("Meråker", None, None),
                ("Tydal", None, None),
                ("Selbu", None, None),
                ("Stjørdal DPS", None, None),
                ("Mental Helse Trøndelag", None, None),
            ],
            "Bedre samarbeid mellom Værnes-kommunene og med Stjørdal DPS; videreutvikle og "
            "forbedre brukermedvirkning i kommunene i Værnesregionen og på Stjørdal DPS.",
            "viderefores",
        ),
        (
            "Inn-Trøndelag",
            ["Inn-Trøndelag"],
            # Snåsa left in January 2021 (Tabell 2: «frem til 1.1.21»). No health trust: «we have had no
            # representative from the health trust» (5 of 6 teams had one), so no DPS and no member in
            # the health-trust role, and the composition check shows it.
            [("Steinkjer", None, None), ("Snåsa", None, D(2020, 12, 31))],
            "Involvere kommunens innbyggere, lokalsamfunnet, frivillige, private og ideelle "
            "organisasjoner for å ta i bruk ressurser som kan bidra til mer inkludering, større "
            "aksept og bedre holdninger til vår målgruppe.",
            "aktiv",
        ),
        (
            "Trondheim",
            ["Trondheimsregionen"],
            [
                ("Trondheim", None, None),
                ("Melhus", None, None),
                ("Malvik", None, None),
                # The members list NAV staff from Melhus and Malvik, not a «NAV Trondheim».
                ("Nidelv DPS", None, None),
                ("Mental Helse Trøndelag", None, None),
                ("Rio – Rusmisbrukernes interesseorganisasjon", None, None),
            ],
            "Bruk av ansvarsgrupper og IP – Ansvarsmodellen. Utarbeid en modell som kan sikre lik "
            "forståelse og praksis mellom partene i forbedringsteamet til gevinst i samhandling "
            "med bruker/pasient.",
            "viderefores",
        ),
        (
            "Ytre Namdal",
            ["Ytre Namdal"],
            # The self-evaluation: staff «from two municipalities», and «a municipal merger midway …
            # went from three to two municipalities» (Nærøy and Vikna became Nærøysund on 1.1.2020).
            # Which third municipality stayed is not said; the demo keeps Leka (Bindal stays in the region).
            [
                ("Nærøysund", D(2020, 1, 1), None),
                ("Nærøy", None, D(2019, 12, 31)),
                ("Vikna", None, D(2019, 12, 31)),
                ("Leka", None, None),
                ("DPS Kolvereid", None, None),
            ],
            "Brukermedvirkning og brukerpanel.",
            "viderefores",
        ),
    ],
}

NATIONAL = {
    "slug": "nasjonalt-2014",
    "name": "Nasjonalt læringsnettverk for gode pasientforløp i psykisk helse og rus 2014–2015",
    "owner": ("KS", "ks"),
    "partners": [
        ("Kunnskapssenteret", "kompetansesenter"),
        ("NAPHA – Nasjonalt kompetansesenter for psykisk helsearbeid", "kompetansesenter"),
        ("Nasjonalt senter for Erfaringskompetanse", "kompetansesenter"),
        ("Mental Helse", "brukerorganisasjon"),
        ("A-larm", "brukerorganisasjon"),
        ("Rio – Rusmisbrukernes interesseorganisasjon", "brukerorganisasjon"),
    ],
    "description": (
        "Fem regionale læringsnettverk med 59 ulike kommuner og bydeler og noen DPS, med tre samlinger "
        "i hvert nettverk og en felles avslutningskonferanse i desember 2015. Rapporten oppgir 61 kommuner: "
        "Horten, med to grupper, er telt to ganger, og nettverk 3 oppgir 16 kommuner, men nevner 15."
    ),
    "starts_on": D(2014, 5, 1),
    "ends_on": D(2015, 12, 31),
    "phases": [
        ("forberedelse", D(2014, 5, 1), D(2014, 9, 16)),
        ("gjennomforing", D(2014, 9, 17), D(2015, 12, 3)),
        ("videreforing", D(2015, 12, 4), None),
    ],
    "gatherings": [
        (
            4,
            "Felles avslutningskonferanse med «God samhandling for barn og unge»",
            D(2015, 12, 2),
            D(2015, 12, 3),
            "day",
            "fysisk",
            "",
        ),
    ],
    # slug suffix, name, venue, county list, municipalities [(name, kind)], gathering months
    "subnetworks": [
        (
            "ln1",
            "Læringsnettverk 1 (øst)",
            "Oslo",
            [
                "Vestby",
                "Nes (Akershus)",
                "Bydel Gamle Oslo",
                "Nes (Buskerud)",
                "Horten",
                "Holmestrand",
                "Lardal",
                "Re",
                "Andebu",
                "Gol",
                "Arendal",
                "Grimstad",
            ],
            [
                (D(2014, 9, 17), D(2014, 9, 18), "day"),
                (D(2014, 12, 1), D(2014, 12, 2), "month"),
                (D(2015, 5, 1), D(2015, 5, 2), "month"),
            ],
        ),
        (
            "ln2",
            "Læringsnettverk 2 (vest/sør)",
            "Stavanger",
            [
                "Flekkefjord",
                "Kvinesdal",
                "Lyngdal",
                "Farsund",
                "Mandal",
                "Kristiansand",
                "Karmøy",
                "Stavanger",
                "Etne",
                "Sauda",
                "Suldal",
                "Vindafjord",
                "Klepp",
                "Time",
            ],
            [
                (D(2014, 10, 1), D(2014, 10, 2), "month"),
                (D(2015, 1, 1), D(2015, 1, 2), "month"),
                (D(2015, 6, 1), D(2015, 6, 2), "month"),
            ],
        ),
        (
            "ln3",
            "Læringsnettverk 3",
            "Oslo",
            [
                "Askøy",
                "Voss",
                "Eidfjord",
                "Vaksdal",
                "Årdal",
                "Molde",
                "Ålesund",
                "Lillehammer",
                "Øyer",
                "Ringebu",
                "Gausdal",
                "Elverum",
                "Nordre Land",
                "Bamble",
                "Asker",
            ],
            [
                (D(2014, 11, 1), D(2014, 11, 2), "month"),
                (D(2015, 4, 1), D(2015, 4, 2), "month"),
                (D(2015, 10, 1), D(2015, 10, 2), "month"),
            ],
        ),
        (
            "ln4",
            "Læringsnettverk 4 (Trøndelag)",
            "Værnes",
            ["Melhus", "Malvik", "Ørland", "Nærøy", "Leka", "Vikna", "Bindal"],
            [
                (D(2014, 11, 1), D(2014, 11, 2), "month"),
                (D(2015, 3, 1), D(2015, 3, 2), "month"),
                (D(2015, 9, 1), D(2015, 9, 2), "month"),
            ],
        ),
        (
            "ln5",
            "Læringsnettverk 5 (nord)",
            "Tromsø og Sortland",
            [
                "Hamarøy",
                "Steigen",
                "Narvik",
                "Andøy",
                "Bø",
                "Hadsel",
                "Øksnes",
                "Sortland",
                "Lødingen",
                "Gratangen",
                "Tromsø",
            ],
            [
                (D(2015, 2, 1), D(2015, 2, 2), "month"),
                (D(2015, 5, 1), D(2015, 5, 2), "month"),
                (D(2015, 10, 1), D(2015, 10, 2), "month"),
            ],
        ),
    ],
    # Teams that are not one municipality: Horten had two groups; inter-municipal teams: Time og Klepp
    # was one joint team («4 ansatte og 6 brukere»), and SIBYN (Leka, Bindal, Nærøy, Vikna and Kolvereid DPS).
    "team_overrides": {
        "ln1": {"Horten": ["Horten – gruppe 1", "Horten – gruppe 2"]},
        "ln2": {"Time og Klepp": ["Time", "Klepp"]},
        "ln4": {"SIBYN": ["Leka", "Bindal", "Nærøy", "Vikna", "DPS Kolvereid"]},
    },
}

DEMO_PASSWORD = "laeringsnett-demo"
# (e-mail, description, what to give)
DEMO_LOGINS = [
    ("prosjektgruppe@demo.laeringsnett.no", "Project group member (both networks)"),
    ("prosessveileder@demo.laeringsnett.no", "Process supervisor (Trøndelag)"),
    ("observator@demo.laeringsnett.no", "Observer / regional coordinator (Trøndelag)"),
    ("koordinator@demo.laeringsnett.no", "Team coordinator (Fosen, Trøndelag)"),
    ("teammedlem@demo.laeringsnett.no", "Team member, staff (Værnes, Trøndelag)"),
    ("brukerrepresentant@demo.laeringsnett.no", "User representative (Fosen, Trøndelag)"),
    ("admin@demo.laeringsnett.no", "Back office (Django admin), no network role"),
]


# The Trøndelag network's activities besides the four gatherings, so that the activity plan's
# count per arena type reproduces Tabell 1 of the Trøndelag final report (72 in all).
# Dated entries come from the report's progress plan (Vedlegg 2); the rest are known only by count,
# and are placed in a month (date precision "month").
# (kind, title, date, start, end, mode, target group, precision)
def _m(y, mo):
    return D(y, mo, 1)


TRONDELAG_ACTIVITIES = [
    (
        "informasjonsmote",
        "Informasjonsmøte for aktuelle organisasjoner",
        _m(2019, 8),
        None,
        None,
        "fysisk",
        "Alle",
        "month",
    ),
    # Arbeidsgruppemøter (9)
    ("arbeidsgruppemote", "Arbeidsgruppemøte: oppstart", _m(2019, 9), None, None, "fysisk", "AG", "month"),
    ("arbeidsgruppemote", "Arbeidsgruppemøte", _m(2020, 1), None, None, "fysisk", "AG", "month"),
    (
        "arbeidsgruppemote",
        "AU møter AG: planlegging av 3. nettverkssamling",
        D(2020, 6, 9),
        None,
        None,
        "digital",
        "AG/AU",
        "day",
    ),
    (
        "arbeidsgruppemote",
        "Arbeidsgruppemøte: høstens planer",
        D(2020, 8, 17),
        (10, 0),
        (12, 0),
        "digital",
        "AG",
        "day",
    ),
    ("arbeidsgruppemote", "Arbeidsgruppemøte: planlegging", D(2020, 9, 7), (10, 0), (12, 0), "digital", "AG", "day"),
    (
        "arbeidsgruppemote",
        "Arbeidsgruppemøte: 3. nettverkssamling",
        D(2020, 10, 12),
        None,
        None,
        "digital",
        "AG",
        "day",
    ),
    ("arbeidsgruppemote", "Arbeidsgruppemøte", D(2020, 12, 3), (10, 30), (12, 0), "digital", "AG", "day"),
    (
        "arbeidsgruppemote",
        "Arbeidsgruppemøte: planlegging våren 2021",
        D(2021, 1, 12),
        None,
        None,
        "digital",
        "AG",
        "day",
    ),
    ("arbeidsgruppemote", "Arbeidsgruppemøte: sluttspurt", D(2021, 3, 24), None, None, "digital", "AG", "day"),
    # Koordinator- og brukerrepresentantsamlinger (7)
    ("koordinatorsamling", "Koordinatorsamling", _m(2019, 11), None, None, "fysisk", "Koordinatorer", "month"),
    (
        "koordinatorsamling",
        "Introduksjon til Teams for brukerrepresentanter",
        D(2020, 5, 6),
        (13, 0),
        (14, 30),
        "digital",
        "Brukerrepresentanter",
        "day",
    ),
    (
        "koordinatorsamling",
        "Digital koordinatorsamling",
        D(2020, 5, 26),
        (10, 0),
        (13, 0),
        "digital",
        "Koordinatorer",
        "day",
    ),
    (
        "koordinatorsamling",
        "Digital møteplass for brukerrepresentanter",
        D(2020, 5, 27),
        None,
        None,
        "digital",
        "Brukerrepresentanter",
        "day",
    ),
    (
        "koordinatorsamling",
        "Koordinator- og brukerrepresentantsamling",
        D(2020, 10, 1),
        None,
        None,
        "hybrid",
        "Koordinatorer og brukerrepresentanter",
        "day",
    ),
    (
        "koordinatorsamling",
        "Koordinator- og brukerrepresentantsamling",
        D(2021, 1, 13),
        None,
        None,
        "digital",
        "Koordinatorer og brukerrepresentanter",
        "day",
    ),
    ("koordinatorsamling", "Koordinatorsamling", D(2021, 3, 10), None, None, "digital", "Koordinatorer", "day"),
    # Felles forbedringsteamsamlinger (3)
    (
        "forbedringsteamsamling",
        "Digital samling for forbedringsteamene",
        D(2020, 8, 28),
        None,
        None,
        "digital",
        "Forbedringsteamene",
        "day",
    ),
    ("forbedringsteamsamling", "Forbedringsteamsamling", D(2021, 3, 17), None, None, "digital", "FT/AG", "day"),
    ("forbedringsteamsamling", "Evalueringssamling (digital)", D(2021, 8, 26), None, None, "digital", "Alle", "day"),
    # Webinarer (4)
    ("webinar", "Webinar: erfaringspanel", D(2020, 11, 18), (10, 0), (11, 30), "digital", "Alle", "day"),
    ("webinar", "Webinar", _m(2021, 2), None, None, "digital", "Alle", "month"),
    ("webinar", "Webinar: brukerpanel", _m(2021, 4), None, None, "digital", "Alle", "month"),
    ("webinar", "Webinar: innbyggerinvolvering", D(2021, 4, 27), (9, 0), (12, 0), "digital", "Alle", "day"),
    # Veiledning av brukerrepresentantene (2)
    (
        "veiledning_brukerrep",
        "Veiledning av brukerrepresentantene",
        _m(2020, 9),
        None,
        None,
        "digital",
        "Brukerrepresentanter",
        "month",
    ),
    (
        "veiledning_brukerrep",
        "Veiledning av brukerrepresentantene",
        _m(2021, 2),
        None,
        None,
        "digital",
        "Brukerrepresentanter",
        "month",
    ),
]
_AU_DATED = [
    (D(2020, 5, 14), (12, 0), (15, 0)),
    (D(2020, 6, 9), None, None),
    (D(2020, 8, 17), (9, 0), (14, 0)),
    (D(2020, 9, 7), (9, 0), (14, 0)),
    (D(2020, 10, 12), None, None),
    (D(2020, 12, 3), (9, 0), (15, 0)),
    (D(2021, 1, 12), None, None),
    (D(2021, 2, 12), None, None),
    (D(2021, 3, 24), None, None),
    (D(2021, 3, 26), None, None),
    (D(2021, 4, 13), None, None),
]
# The other 19 of the 30 AU meetings are known only by count: placed in months, numbered in order.
_AU_MONTHS = [
    (2019, 8),
    (2019, 9),
    (2019, 10),
    (2019, 11),
    (2019, 12),
    (2020, 1),
    (2020, 1),
    (2020, 2),
    (2020, 3),
    (2020, 4),
    (2020, 4),
    (2020, 7),
    (2020, 11),
    (2020, 11),
    (2021, 1),
    (2021, 5),
    (2021, 5),
    (2021, 6),
    (2021, 6),
]
_AU = sorted(
    [(day, start, end, "day") for day, start, end in _AU_DATED]
    + [(_m(y, mo), None, None, "month") for y, mo in _AU_MONTHS],
    key=lambda row: row[0],
)
TRONDELAG_ACTIVITIES += [
    (
        "arbeidsutvalgsmote",
        f"Arbeidsutvalgsmøte nr. {n}",
        day,
        start,
        end,
        "fysisk" if day < D(2020, 3, 1) else "digital",
        "AU",
        precision,
    )
    for n, (day, start, end, precision) in enumerate(_AU, 1)
]
# Veiledning i forbedringsteamene: 2 × 2 hours offered to each of the six teams (12, as Tabell 1 counts).
# Værnes used it once («Veiledning: Ok, men lite benyttet»; «har p.t. bare gjort dette én gang»).
SUPERVISION_USED_ONCE = {"Værnes"}
TEAM_SUPERVISION = {
    "Fosen": D(2020, 9, 18),
    "Orkland/Fjellregionen": D(2020, 9, 18),
    "Værnes": D(2020, 9, 22),
    "Inn-Trøndelag": D(2020, 9, 22),
    "Trondheim": D(2020, 9, 23),
    "Ytre Namdal": D(2020, 10, 14),
}

# A program for the fourth gathering (9–10 June 2021, fully digital). Invented content, no names.
# (day index, start, end, kind, title, room)
GATHERING_4_PROGRAM = [
    (0, (9, 0), (9, 30), "plenum", "Velkommen og hensikten med samlingen", ""),
    (0, (9, 30), (10, 15), "plenum", "Fra «Hva er i veien med deg?» til «Hva er viktig for deg?»", ""),
    (0, (10, 15), (10, 30), "pause", "Pause", ""),
    (0, (11, 30), (12, 15), "maltid", "Lunsj", ""),
    (0, (12, 15), (13, 30), "teamarbeid", "Teamarbeid: veien videre i egen region", ""),
    (0, (13, 30), (14, 0), "plenum", "Oppsummering av dag 1", ""),
    (1, (9, 0), (9, 45), "plenum", "Brukermedvirkning i praksis: erfaringer fra brukerpanel", ""),
    (1, (9, 45), (10, 45), "parallell", "Parallell: samhandling mellom kommune og DPS", "Rom A"),
    (1, (9, 45), (10, 45), "parallell", "Parallell: å måle forbedring med enkle verktøy", "Rom B"),
    (1, (10, 45), (11, 0), "pause", "Pause", ""),
    (1, (11, 0), (11, 30), "kultur", "Kulturinnslag", ""),
    (1, (11, 30), (12, 0), "plenum", "Videreføring og avslutning", ""),
]
