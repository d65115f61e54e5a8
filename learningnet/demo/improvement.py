"""The improvement work of the six teams of the Trøndelag demo network.

The improvement areas, goals and tiltak with their statuses follow Tabell 2 and the teams'
self-evaluations (Vedlegg 1) of the network's final report (Statsforvalteren i Trøndelag and KS,
2021), in the teams' own words where they gave them. The measures and their monthly values are
invented: the report has no run charts. Every team follows one to three measures over 18–24
months, all values submitted. Fosen's waiting time shows a shift under the IHI rules after the
seamless referral meeting started; Orkland/Fjellregionen's travel-team consultations and Ytre Namdal's
feedback forms rise in a trend. The shapes are built so that the signals do not depend on the
seed; the noise around them does (the loader's seed, so the same seed gives the same values).

Areas, goals, tiltak, measures and PDSA cycles are written through the services, by the team's
coordinator; the values are bulk-created as drafts and submitted through the service (one audit
entry per measure), which keeps the loader fast. Nothing here names a person.

Idempotent: a team that already has an improvement area is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from improvement.models import (
    Action,
    ActionStatus,
    Actor,
    ActorMap,
    Goal,
    ImprovementArea,
    Measure,
    MeasureValue,
    PDSACycle,
)
from improvement.services import actor_add, improvement_object_save, measure_values_submit
from networks.models import Network
from teams.models import Team, TeamMembership

D = dt.date
Kind = ImprovementArea.Kind
S = ActionStatus


@dataclass
class MeasureSpec:
    title: str
    definition: str
    kind: str
    unit: str
    direction: str
    rule_set: str
    first: dt.date  # the first month with a value
    months: int  # 18–24
    base: float  # the level before any change (per cent for a proportion)
    spread: float  # the noise is drawn from [-spread, spread]
    shape: str = "flat"  # "flat", "shift" (a step from `change`) or "trend" (the last six months rise)
    change: int = 0  # shift: the index of the first month after the step
    step: float = 0  # shift: the step (negative for down); trend: the rise per month
    denominators: tuple[int, int] = (20, 40)  # a proportion's denominator is drawn from this range
    baseline_points: int | None = None
    target: Decimal | None = None
    notes: dict[int, tuple[str, bool]] = field(default_factory=dict)  # index → (comment, astronomical)


@dataclass
class PDSASpec:
    measure: str  # the measure's title
    action: str  # the tiltak's title
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    stage: str
    decision: str
    plan: str
    prediction: str
    do: str = ""
    study: str = ""
    act: str = ""


@dataclass
class AreaSpec:
    kind: str
    title: str
    background: str
    goal: tuple[str, str, dt.date | None]  # what, how much, by when
    actions: list[tuple[str, str, str, dt.date | None, str]]  # title, description, responsible, when, status
    measures: list[str] = field(default_factory=list)  # titles of the measures the goal is measured by


@dataclass
class TeamSpec:
    areas: list[AreaSpec]
    measures: list[MeasureSpec]
    cycles: list[PDSASpec] = field(default_factory=list)
    # (title, centre label, [(actor, relation, significance, invited, note)]): a service in the centre
    actor_map: tuple[str, str, list[tuple[str, str, int, bool, str]]] | None = None


WAITING = "Dager fra henvisning til første samtale"
SUPPLEMENTED = "Henvisninger med supplerende opplysninger fra kommunen"
SEAMLESS = "«Sømløs henvisningsteam/møte»"
TRAVEL = "Konsultasjoner med reiseteamet"
TRAVEL_TEAM = "Reetablere reiseteamet"
PANEL_MEETINGS = "Samarbeidsmøter med brukerrepresentant til stede"
PANEL = "Brukerpanel/erfaringspanel på Stjørdal DPS som også kan brukes av kommunene i VR"
VOLUNTEER = "Personer i målgruppen med en fritidsaktivitet i regi av frivillige"
IP = "Personer med IP som har hatt ansvarsgruppemøte siste tre måneder"
FEEDBACK = "Tilbakemeldingsskjema levert ved DPS Kolvereid"
FEEDBACK_FORM = "Tilbakemeldingsskjema ved DPS Kolvereid"
PANEL_YN = "Rekruttere et fast brukerpanel"
PANEL_IN_PLANS = "Brukerpanelet i Nærøysunds planmøter"
PLAN_MEETINGS = "Planmøter med brukerpanelet til stede"

TEAMS: dict[str, TeamSpec] = {
    "Fosen": TeamSpec(
        areas=[
            AreaSpec(
                Kind.COLLABORATION,
                "Riktig hjelp på riktig sted til riktig tid",
                "Vi har en hypotese om at det brukes unødvendig lang tid før bruker får rett hjelp av rett instans. "
                "Dette medfører unødvendig lidelse for pasient og uhensiktsmessig tidsbruk i hjelpetjenestene.",
                (
                    "Riktig hjelp på riktig sted til riktig tid. Styrking av tverrfaglig samarbeid og sikring av "
                    "brukermedvirkning.",
                    "Under 21 dager fra henvisning til første samtale",
                    D(2021, 12, 31),
                ),
                [
                    (
                        "Oversikt over interessenter og henvisningspraksis",
                        "Hvem er interessenter innen psykisk helse og rus, og hvordan håndteres henvisninger i de "
                        "ulike kommunene på Fosen?",
                        "Forbedringsteamet",
                        D(2020, 10, 31),
                        S.DONE,
                    ),
                    (
                        SEAMLESS,
                        "Representanter fra Legetjenesten, Spesialisthelsetjenesten (Fosen-teamet), Rask Psykisk "
                        "Helse (RPH) og kommunal psykisk helse og rustjeneste (PHR) møtes for å avklare og vurdere "
                        "henvisninger fra fastlege. Alt med samtykke fra pasient/bruker.",
                        "Nidaros DPS og kommunene",
                        D(2021, 2, 1),
                        S.ONGOING,
                    ),
                    (
                        "Avklare taushetsplikt og brukermedvirkning med Statsforvalteren",
                        "",
                        "Koordinator",
                        D(2021, 1, 31),
                        S.DONE,
                    ),
                    (
                        "Koble på spesialisthelsetjenesten i rusfeltet",
                        "Klinikk for rus- og avhengighetsbehandling inn i de sømløse henvisningsmøtene. Kontakt er "
                        "opprettet, men ikke kommet i gang.",
                        "Nidaros DPS",
                        None,
                        S.PLANNED,
                    ),
                    (
                        "Forankre i lederlinjen i de tre kommunene og rapportere til Fosen helse IKS",
                        "",
                        "Kommunalsjefene",
                        D(2021, 10, 31),
                        S.PLANNED,
                    ),
                ],
                [WAITING, SUPPLEMENTED],
            )
        ],
        measures=[
            MeasureSpec(
                WAITING,
                "Median antall dager fra henvisningen er mottatt til første samtale, for henvisninger til "
                "psykisk helse og rus i de tre kommunene og Fosen-teamet. Telles av koordinator fra fagsystemet.",
                Measure.Kind.NUMBER,
                "dager",
                Measure.Direction.DOWN,
                Measure.RuleSet.IHI,
                D(2019, 9, 1),
                24,
                base=42,
                spread=5,
                shape="shift",
                change=17,  # February 2021: the first seamless referral meetings
                step=-18,
                baseline_points=12,
                target=Decimal(21),
                notes={17: ("Første henvisningsmøte 2. februar", False)},
            ),
            MeasureSpec(
                SUPPLEMENTED,
                "Andel av henvisningene fra fastlege der kommunen, med samtykke, har supplert med opplysninger "
                "om helse og situasjon.",
                Measure.Kind.PROPORTION,
                "henvisninger",
                Measure.Direction.UP,
                Measure.RuleSet.ANHOEJ,
                D(2020, 3, 1),
                18,
                base=30,
                spread=8,
                denominators=(12, 25),
            ),
        ],
        cycles=[
            PDSASpec(
                WAITING,
                SEAMLESS,
                "Første henvisningsmøte i Ørland",
                D(2021, 2, 2),
                D(2021, 2, 26),
                PDSACycle.Stage.DONE,
                PDSACycle.Decision.ADAPT,
                "Ett møte på Teams med fastlege, Fosen-teamet, RPH og PHR om fire nye henvisninger.",
                "Minst tre av fire henvisninger blir avklart i møtet, og ventetiden blir kortere.",
                "Fire henvisninger drøftet; tre avklart. Fastlegen kom sent inn, og én henvisning manglet samtykke.",
                "Møtet avklarer raskt, men samtykket må hentes før møtet.",
                "Vi ber om samtykke i henvisningen og prøver møtet i alle tre kommunene.",
            ),
            PDSASpec(
                WAITING,
                SEAMLESS,
                "Henvisningsmøte hver fjortende dag i alle tre kommunene",
                D(2021, 4, 6),
                D(2021, 6, 15),
                PDSACycle.Stage.DONE,
                PDSACycle.Decision.ADOPT,
                "Fast møte annenhver tirsdag, digitalt, med samtykke innhentet på forhånd.",
                "Ventetiden går under 30 dager innen juni.",
                "Fem møter holdt. Én kommune manglet representant to ganger.",
                "Ventetiden har ligget under 30 dager siden februar.",
                "Møtet blir fast arbeidsform. Avklares i lederlinjen før høsten.",
            ),
            PDSASpec(
                SUPPLEMENTED,
                SEAMLESS,
                "Pårørende og bruker supplerer henvisningen",
                D(2021, 6, 1),
                None,
                PDSACycle.Stage.DO,
                PDSACycle.Decision.NONE,
                "Den som har fulgt opp i kommunen skriver, sammen med bruker og pårørende, et kort tillegg til "
                "henvisningen. Alt med samtykke.",
                "Halvparten av henvisningene har et tillegg innen august.",
            ),
        ],
        # «Vi har prøvd å skaffe oss en oversikt over hvem som er interessenter innen fagområdet»
        actor_map=(
            "Interessenter i psykisk helse og rus på Fosen",
            "Psykisk helse og rus",
            [
                ("Fastlegene", Actor.Relation.WEAK, 3, True, "Selvstendig næringsdrivende, ulik praksis"),
                ("Fosen-teamet, Nidaros DPS", Actor.Relation.STRONG, 3, True, ""),
                ("Rask psykisk helsehjelp (RPH)", Actor.Relation.STRONG, 2, True, ""),
                ("Kommunal psykisk helse og rustjeneste (PHR)", Actor.Relation.STRONG, 3, True, ""),
                ("Klinikk for rus- og avhengighetsbehandling", Actor.Relation.NONE, 2, False, "Kontakt opprettet"),
                ("Rio", Actor.Relation.STRONG, 2, True, "Brukerrepresentant i teamet"),
                ("Pårørende", Actor.Relation.WEAK, 2, False, ""),
                ("NAV", Actor.Relation.WEAK, 1, False, ""),
                ("Fosen helse IKS", Actor.Relation.WEAK, 2, False, "Teamet rapporterer hit"),
            ],
        ),
    ),
    "Orkland/Fjellregionen": TeamSpec(
        areas=[
            AreaSpec(
                Kind.COLLABORATION,
                "Felles forståelse for bedre samhandling med brukeren i sentrum",
                "Samtlige tjenester opplever økende henvisning. Utfordring med brukermedvirkning på systemnivå.",
                (
                    "Å skape felles forståelse for bedre samhandling med brukeren i sentrum.",
                    "30 konsultasjoner med reiseteamet i måneden",
                    D(2021, 12, 31),
                ),
                [
                    (
                        TRAVEL_TEAM,
                        "Øke samhandlingen med å reetablere reiseteam.",
                        "Orkdal DPS",
                        D(2021, 3, 1),
                        S.DONE,
                    ),
                    (
                        "Enklere digital oversikt over tjenestetilbudet i spesialisthelsetjenesten",
                        "Oversiktlige hjemmesider, øke synliggjøring av tjenesten.",
                        "Orkdal DPS",
                        D(2021, 1, 31),
                        S.DONE,
                    ),
                    (
                        "Felles forebyggende arbeid i et folkehelseperspektiv",
                        "Ei arbeidsgruppe har jobbet med muligheter for webinar og artikler i lokalavisa knyttet til "
                        "psykisk helse og rus. Et arbeid som videreføres.",
                        "Arbeidsgruppe",
                        None,
                        S.ONGOING,
                    ),
                    (
                        "Felles brukerpanel for regionen",
                        "Kommet nesten i mål.",
                        "Mental Helse og erfaringskonsulent",
                        D(2021, 9, 30),
                        S.ONGOING,
                    ),
                ],
                [TRAVEL],
            )
        ],
        measures=[
            MeasureSpec(
                TRAVEL,
                "Antall konsultasjoner reiseteamet fra Orkdal DPS har hatt ute i kommunene, per måned.",
                Measure.Kind.COUNT,
                "konsultasjoner",
                Measure.Direction.UP,
                Measure.RuleSet.IHI,
                D(2019, 11, 1),
                22,
                base=12,
                spread=3,
                shape="trend",
                step=3,
                target=Decimal(30),
            ),
        ],
    ),
    "Værnes": TeamSpec(
        areas=[
            AreaSpec(
                Kind.COLLABORATION,
                "Bedre samhandling mellom kommunene i Værnesregionen (VR)",
                "Til tross for mye interkommunalt samarbeid i VR har det ikke vært noe slikt samarbeid knyttet til "
                "rus- og psykisk helse. Spesielt de mindre kommunene så behovet for et tettere samarbeid.",
                ("Bedre samhandling mellom kommunene i VR.", "Fast samarbeidsforum etter nettverket", None),
                [
                    (
                        "Mer systematisk samarbeid mellom kommunene i VR og brukerorganisasjonene",
                        "",
                        "Forbedringsteamet",
                        None,
                        S.ONGOING,
                    ),
                ],
            ),
            AreaSpec(
                Kind.COLLABORATION,
                "Bedre samhandlingen mellom kommunene i VR og Stjørdal DPS",
                "Alle kommunene har Stjørdal DPS som en viktig samarbeidspartner, og vi ønsket å utvikle et allerede "
                "godt samarbeid videre.",
                ("Bedre samhandlingen mellom kommunene i VR og Stjørdal DPS.", "", None),
                [
                    (
                        "Folkehelsekvelder i kommunene med fokus på rus og psykisk helse",
                        "Et prosjekt som både kommuner, DPS og brukerorganisasjoner kunne samarbeide om. Planlagt "
                        "oktober 2021, foreslått utsatt til 2022.",
                        "Kommunene, DPS og brukerorganisasjonene",
                        D(2022, 3, 31),
                        S.POSTPONED,
                    ),
                ],
            ),
            AreaSpec(
                Kind.USER_INVOLVEMENT,
                "Videreutvikle og forbedre brukermedvirkning i kommunene i VR og på Stjørdal DPS",
                "Stjørdal kommune har ansatt erfaringsmedarbeider, mens de øvrige kommunene i VR sliter med "
                "brukermedvirkning på systemnivå. Brukermedvirkningen på Stjørdal DPS har et forbedringspotensiale. "
                "Lagt til etter nettverkssamlingen i januar 2020.",
                (
                    "Videreutvikle og forbedre brukermedvirkning i kommunene i VR og på Stjørdal DPS.",
                    "Brukerrepresentant med i 8 av 10 samarbeidsmøter",
                    D(2021, 12, 31),
                ),
                [
                    (
                        PANEL,
                        "Står p.t. litt i stampe, med lite fremdrift siste halvår. NAPHA er dratt inn.",
                        "Stjørdal DPS",
                        None,
                        S.STOPPED,
                    ),
                ],
                [PANEL_MEETINGS],
            ),
        ],
        measures=[
            MeasureSpec(
                PANEL_MEETINGS,
                "Andel av samarbeidsmøtene mellom kommunene i VR og Stjørdal DPS der en brukerrepresentant eller "
                "erfaringsmedarbeider var med.",
                Measure.Kind.PROPORTION,
                "møter",
                Measure.Direction.UP,
                Measure.RuleSet.ANHOEJ,
                D(2020, 1, 1),
                20,
                base=45,
                spread=12,
                denominators=(4, 9),
            ),
        ],
        cycles=[
            PDSASpec(
                PANEL_MEETINGS,
                PANEL,
                "Erfaringspanel på ett tema, med NAPHA",
                D(2020, 11, 18),
                D(2020, 12, 15),
                PDSACycle.Stage.DONE,
                PDSACycle.Decision.ADAPT,
                "Ett panelmøte om utskrivning fra DPS, etter webinaret om erfaringspanel.",
                "Fem personer med erfaring deltar, og DPS får tre konkrete forslag.",
                "Tre deltok. Forslagene kom, men invitasjonen gikk for sent ut.",
                "Rekruttering må gå gjennom brukerorganisasjonene og erfaringsmedarbeideren.",
                "Nytt forsøk etter jul, med invitasjon fire uker før.",
            ),
            PDSASpec(
                PANEL_MEETINGS,
                PANEL,
                "Andre panelmøte, rekruttert gjennom Mental Helse",
                D(2021, 3, 9),
                None,
                PDSACycle.Stage.STUDY,
                PDSACycle.Decision.NONE,
                "Invitasjon fire uker før, gjennom Mental Helse og erfaringsmedarbeideren i Stjørdal.",
                "Fem deltar, også fra de mindre kommunene.",
                "Møtet ble holdt digitalt med fire deltakere.",
            ),
        ],
    ),
    "Inn-Trøndelag": TeamSpec(
        areas=[
            AreaSpec(
                Kind.LOW_THRESHOLD,
                "Involvere kommunens innbyggere, lokalsamfunnet, frivillige, private og ideelle organisasjoner",
                "Det oppleves daglig av både brukere og tjenesteytere at det mangler tilgang til gode tiltak og "
                "aktiviteter som kan bidra positivt i den enkeltes bedringsprosess. Vi mangler oversikt over hvilke "
                "tilbud som allerede finnes.",
                (
                    "Ta i bruk ressurser som kan bidra til mer inkludering, større aksept og bedre holdninger til vår "
                    "målgruppe.",
                    "20 personer i en fritidsaktivitet med frivillige",
                    D(2022, 6, 30),
                ),
                [
                    (
                        "Samle informasjon om aktiviteter i regi av frivillige lag og organisasjoner",
                        "",
                        "Folkehelsekoordinator",
                        None,
                        S.ONGOING,
                    ),
                    (
                        "Dialogmøte med frivillige lag og organisasjoner",
                        "Arbeidsgruppe planlegger møtet. Utsatt flere ganger som følge av smittevernregler; planen "
                        "er nå å avholde møtet til høsten.",
                        "Arbeidsgruppe",
                        D(2021, 10, 31),
                        S.POSTPONED,
                    ),
                    ("Spørsmål til en brukerundersøkelse", "", "Erfaringskonsulent", None, S.ONGOING),
                    (
                        "Bearbeide tall fra Brukerplanundersøkelsen om meningsfull aktivitet",
                        "Med bistand fra KoRus.",
                        "Koordinator",
                        D(2021, 3, 31),
                        S.DONE,
                    ),
                    (
                        "Utvide teamet med samfunnsplanlegger, folkehelsekoordinator og erfaringskonsulent",
                        "",
                        "Koordinator",
                        D(2020, 9, 30),
                        S.DONE,
                    ),
                ],
                [VOLUNTEER],
            )
        ],
        measures=[
            MeasureSpec(
                VOLUNTEER,
                "Antall personer som får oppfølging fra psykisk helse og rus og som har deltatt i minst én "
                "fritidsaktivitet i regi av frivillige lag i måneden. Telles av kontaktpersonene.",
                Measure.Kind.COUNT,
                "personer",
                Measure.Direction.UP,
                Measure.RuleSet.IHI,
                D(2020, 3, 1),
                18,
                base=9,
                spread=3,
                target=Decimal(20),
                notes={
                    1: ("Nedstengning (covid-19)", False),
                    4: ("Sommeraktivitet med stor deltakelse", True),
                },
            ),
        ],
    ),
    "Trondheim": TeamSpec(
        areas=[
            AreaSpec(
                Kind.COLLABORATION,
                "Bruk av ansvarsgrupper og IP – Ansvarsmodellen",
                "Seks utfordringsområder fra arbeidsboken er vurdert mot kriteriene a, b og c. Prioritert "
                "rekkefølge: 1-3-6-5-2-4 (ansvarsgruppemodell, kompleks samhandling, brukermedvirkning, "
                "internkontroll/evaluering i fellesskap, overordnede forum, gjøre alle tilbudene kjent for alle).",
                (
                    "Utarbeid en modell som kan sikre lik forståelse og praksis mellom partene i forbedringsteamet "
                    "til gevinst i samhandling med bruker/pasient.",
                    "8 av 10 med IP har hatt ansvarsgruppemøte siste tre måneder",
                    D(2022, 6, 30),
                ),
                [
                    (
                        "Vurdere seks utfordringsområder mot kriteriene og prioritere",
                        "",
                        "Forbedringsteamet",
                        D(2020, 2, 28),
                        S.DONE,
                    ),
                    (
                        "To spørreundersøkelser om ansvarsgruppe og IP, til ansatte og brukere",
                        "Med bistand fra KBT.",
                        "Arbeidsgruppe",
                        D(2021, 2, 28),
                        S.DONE,
                    ),
                    (
                        "Kartlegge egen og andres brukermedvirkning i organisasjonene",
                        "",
                        "Mental Helse og RiO",
                        D(2021, 4, 30),
                        S.DONE,
                    ),
                    (
                        "Anbefaling om ansvarsgruppe og IP, og forankring i FSU",
                        "Utfordre FSU til å skissere videre retning.",
                        "Koordinator",
                        D(2021, 12, 31),
                        S.ONGOING,
                    ),
                ],
                [IP],
            )
        ],
        measures=[
            MeasureSpec(
                IP,
                "Andel av personene med individuell plan i de tre kommunene som har hatt minst ett "
                "ansvarsgruppemøte de siste tre månedene.",
                Measure.Kind.PROPORTION,
                "personer med IP",
                Measure.Direction.UP,
                Measure.RuleSet.IHI,
                D(2019, 9, 1),
                24,
                base=55,
                spread=8,
                denominators=(40, 70),
                target=Decimal(80),
            ),
        ],
    ),
    "Ytre Namdal": TeamSpec(
        areas=[
            AreaSpec(
                Kind.USER_INVOLVEMENT,
                "Brukermedvirkning og brukerpanel",
                "Nærøysund er en ny sammenslått kommune som nå aktivt har startet sitt planarbeid. Vi ønsker en bred "
                "representasjon fra både brukere og pårørende i denne planprosessen.",
                (
                    "Bli mer treffsikre i tjenester vi gir, med et fast brukerpanel med bred representasjon.",
                    "Brukerpanelet med i alle planmøter om psykisk helse og rus",
                    D(2022, 6, 30),
                ),
                [
                    (
                        PANEL_YN,
                        "Foreløpig tre representanter rekruttert, også en pårørenderepresentant.",
                        "Koordinator",
                        D(2021, 3, 31),
                        S.DONE,
                    ),
                    (
                        PANEL_IN_PLANS,
                        "Alle tre har vært innkalt til planmøter når det har vært aktuelt.",
                        "Nærøysund kommune",
                        None,
                        S.ONGOING,
                    ),
                    ("Fagdag om brukermedvirkning", "", "Forbedringsteamet", D(2021, 10, 31), S.PLANNED),
                    (FEEDBACK_FORM, "", "DPS Kolvereid", D(2021, 1, 31), S.ONGOING),
                    (
                        "Mandat for brukerpanelet",
                        "Avklarte forventninger, og noen må ta ansvar for ivaretagelse av brukerpanelet.",
                        "Nærøysund kommune",
                        D(2021, 12, 31),
                        S.PLANNED,
                    ),
                ],
                [FEEDBACK, PLAN_MEETINGS],
            )
        ],
        measures=[
            MeasureSpec(
                FEEDBACK,
                "Antall tilbakemeldingsskjema levert etter samtaler ved DPS Kolvereid, per måned.",
                Measure.Kind.COUNT,
                "skjema",
                Measure.Direction.UP,
                Measure.RuleSet.IHI,
                D(2020, 3, 1),
                18,
                base=6,
                spread=2,
                shape="trend",
                step=3,
            ),
            MeasureSpec(
                PLAN_MEETINGS,
                "Andel av kommunens planmøter om psykisk helse og rus der brukerpanelet var med.",
                Measure.Kind.PROPORTION,
                "planmøter",
                Measure.Direction.UP,
                Measure.RuleSet.ANHOEJ,
                D(2020, 1, 1),
                20,
                base=25,
                spread=15,
                denominators=(2, 6),
            ),
        ],
        cycles=[
            PDSASpec(
                FEEDBACK,
                FEEDBACK_FORM,
                "Tilbakemeldingsskjema etter første samtale",
                D(2021, 1, 11),
                D(2021, 2, 28),
                PDSACycle.Stage.DONE,
                PDSACycle.Decision.ADAPT,
                "Behandlerne ved én poliklinikk gir skjemaet etter første samtale.",
                "Minst halvparten leverer skjemaet.",
                "Færre enn vi trodde leverte; skjemaet ble glemt når samtalen ble digital.",
                "Skjemaet må også kunne fylles ut digitalt.",
                "Prøve en digital versjon i mars.",
            ),
            PDSASpec(
                FEEDBACK,
                FEEDBACK_FORM,
                "Digitalt tilbakemeldingsskjema",
                D(2021, 3, 1),
                D(2021, 5, 31),
                PDSACycle.Stage.DONE,
                PDSACycle.Decision.ADOPT,
                "Lenke til skjemaet i innkallingen og i oppsummeringen etter samtalen.",
                "Antallet skjema dobles innen mai.",
                "Flere skjema hver måned siden mars.",
                "Den digitale lenken senker terskelen.",
                "Tas i bruk ved hele DPS Kolvereid.",
            ),
        ],
    ),
}


def month_add(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def levels(spec: MeasureSpec, rng: random.Random) -> list[float]:
    """The measure's invented level per month. The noise is at most `spread`, and the shapes are
    built around it: every month after a shift's step lies beyond every month before it, and each
    of a trend's last six months lies above the one before."""
    noise = [rng.uniform(-spec.spread, spec.spread) for _ in range(spec.months)]
    if spec.shape == "shift":
        return [spec.base + (spec.step if i >= spec.change else 0) + noise[i] for i in range(spec.months)]
    if spec.shape == "trend":
        flat = spec.months - 6
        out = [spec.base + n for n in noise[:flat]]
        # The rise starts from the top of the noise band, and each month's noise is under half a step.
        top = spec.base + spec.spread
        out += [top + spec.step * (k + 1) + rng.uniform(-0.25, 0.25) * spec.step for k in range(6)]
        return out
    return [spec.base + n for n in noise]


def values_for(spec: MeasureSpec, measure: Measure, rng: random.Random, by) -> list[MeasureValue]:
    rows = []
    for i, level in enumerate(levels(spec, rng)):
        comment, astronomical = spec.notes.get(i, ("", False))
        if astronomical:
            level = spec.base * 2.5
        row = MeasureValue(
            measure=measure,
            period=month_add(spec.first, i),
            comment=comment,
            astronomical=astronomical,
            entered_by=by,
            status=MeasureValue.Status.DRAFT,
        )
        if spec.kind == Measure.Kind.PROPORTION:
            denominator = rng.randint(*spec.denominators)
            share = min(100.0, max(0.0, level)) / 100
            row.numerator, row.denominator = Decimal(round(share * denominator)), Decimal(denominator)
        elif spec.kind == Measure.Kind.COUNT:
            row.value = Decimal(max(0, round(level)))
        else:
            row.value = Decimal(f"{max(0.0, level):.1f}")
        rows.append(row)
    return rows


def coordinator_of(team: Team):
    membership = team.memberships.filter(role=TeamMembership.Role.COORDINATOR).select_related("user").first()
    return membership.user if membership else None


def load_improvement(network: Network, *, seed: int) -> None:
    """The improvement work of the Trøndelag demo network's six teams."""
    rng = random.Random(seed)
    for name, spec in TEAMS.items():
        team = network.teams.get(name=name)
        if team.improvement_areas.exists():
            continue
        load_team(team, spec, rng)


def load_team(team: Team, spec: TeamSpec, rng: random.Random) -> None:
    by = coordinator_of(team)
    areas: dict[str, ImprovementArea] = {}  # measure title → the area whose goal it measures
    created = []
    for order, a in enumerate(spec.areas, start=1):
        area = improvement_object_save(
            obj=ImprovementArea(),
            data={"kind": a.kind, "title": a.title, "background": a.background, "order": order},
            by=by,
            team=team,
        )
        created.append((a, area))
        areas.update(dict.fromkeys(a.measures, area))
    measures: dict[str, Measure] = {}
    for order, m in enumerate(spec.measures, start=1):
        measure = improvement_object_save(
            obj=Measure(),
            data={
                "area": areas.get(m.title),
                "title": m.title,
                "definition": m.definition,
                "kind": m.kind,
                "unit": m.unit,
                "direction": m.direction,
                "rule_set": m.rule_set,
                "target": m.target,
                "baseline_points": m.baseline_points,
                "order": order,
            },
            by=by,
            team=team,
        )
        MeasureValue.objects.bulk_create(values_for(m, measure, rng, by))
        measure_values_submit(measure=measure, by=by)
        measures[m.title] = measure
    actions: dict[str, Action] = {}
    for a, area in created:
        what, how_much, by_when = a.goal
        goal = improvement_object_save(
            obj=Goal(),
            data={
                "what": what,
                "how_much": how_much,
                "by_when": by_when,
                "measures": [measures[t] for t in a.measures],
            },
            by=by,
            area=area,
        )
        for title, description, responsible, due, status in a.actions:
            actions[title] = improvement_object_save(
                obj=Action(),
                data={
                    "goal": goal,
                    "title": title,
                    "description": description,
                    "responsible": responsible,
                    "due": due,
                    "status": status,
                },
                by=by,
                area=area,
            )
    if spec.actor_map:
        title, centre, actors = spec.actor_map
        actor_map = improvement_object_save(
            obj=ActorMap(),
            data={"title": title, "centre_kind": ActorMap.Centre.SERVICE, "centre_label": centre},
            by=by,
            team=team,
        )
        for name, relation, significance, invited, note in actors:
            data = {"name": name, "relation": relation, "significance": significance, "invited": invited}
            actor_add(actor_map=actor_map, data={**data, "note": note}, by=by)
    for c in spec.cycles:
        improvement_object_save(
            obj=PDSACycle(),
            data={
                "measure": measures[c.measure],
                "action": actions[c.action],
                "title": c.title,
                "plan": c.plan,
                "prediction": c.prediction,
                "do": c.do,
                "study": c.study,
                "act": c.act,
                "decision": c.decision,
                "stage": c.stage,
                "starts_on": c.starts_on,
                "ends_on": c.ends_on,
            },
            by=by,
            team=team,
        )


# --- Synthetic improvement work (benchmarks) --------------------------------------------------------
def synthetic_improvement(*, team: Team, measures: int, months: int, first: dt.date, seed: int = 0) -> None:
    """One area with a goal, and `measures` measures with `months` submitted monthly values from
    `first`, each with a tiltak and a PDSA cycle. Written with bulk_create (no services, no audit
    log): only for measuring."""
    rng = random.Random(seed)
    area = ImprovementArea.objects.create(team=team, kind=Kind.USER_INVOLVEMENT, title="Brukermedvirkning")
    goal = Goal.objects.create(area=area, what="Brukerrepresentant i alle møter", how_much="8 av 10")
    rows = Measure.objects.bulk_create(
        Measure(
            team=team,
            area=area,
            title=f"Måling {m + 1}",
            kind=Measure.Kind.PROPORTION if m % 2 else Measure.Kind.COUNT,
            direction=Measure.Direction.UP,
            rule_set=Measure.RuleSet.ANHOEJ if m % 2 else Measure.RuleSet.IHI,
            order=m,
        )
        for m in range(measures)
    )
    goal.measures.set(rows)
    values = []
    for m, measure in enumerate(rows):
        spec = MeasureSpec(
            "", "", measure.kind, "", "up", measure.rule_set, first, months, 40, 10, shape="trend", step=4
        )
        for i, level in enumerate(levels(spec, rng)):
            value = MeasureValue(measure=measure, period=month_add(first, i), status=MeasureValue.Status.SUBMITTED)
            if m % 2:
                value.numerator, value.denominator = Decimal(round(min(level, 100) / 5)), Decimal(20)
            else:
                value.value = Decimal(round(level))
            values.append(value)
    MeasureValue.objects.bulk_create(values)
    actions = Action.objects.bulk_create(
        Action(area=area, goal=goal, title=f"Tiltak {m + 1}", status=ActionStatus.ONGOING) for m in range(measures)
    )
    PDSACycle.objects.bulk_create(
        PDSACycle(
            team=team,
            measure=measure,
            action=action,
            title="Test av endringen",
            starts_on=month_add(first, months - 4),
        )
        for measure, action in zip(rows, actions, strict=True)
    )
