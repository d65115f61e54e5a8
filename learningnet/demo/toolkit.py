"""Demo records for the «Hva er viktig for deg?» toolkit, and synthetic records for benchmarks and
query-count tests.

The demo records are invented. In the Trøndelag network the teams Fosen and Værnes keep
pseudonymous records (codes F-01…, V-01…) across 2020–2021, written through the toolkit's services
by the team's coordinator, so the rules, the warnings and the audit log are the real ones. F-01
reproduces the toolkit's worked example: 1 + 4 + 1 + 2 = 8, 8 / 4 = 2,0 at the 1st conversation,
5,0 at the 2nd, opplevd nytte 3,0, and a checklist with 8 of 10 points (80 % programoppfyllelse).

Idempotent: a person whose code the team already has is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core.models import User
from networks.models import Network
from teams.models import Team, TeamMembership
from toolkit import services
from toolkit.models import (
    CHECKLIST_ITEMS,
    Checklist,
    ChecklistAnswer,
    Conversation,
    LifeArea,
    PlanItem,
    Score,
    ServiceUser,
)

DONE = ChecklistAnswer.State.DONE
NOT_RELEVANT = ChecklistAnswer.State.NOT_RELEVANT
NOT_DONE = ChecklistAnswer.State.NOT_DONE

LAST_DAY = dt.date(2021, 12, 15)  # the records end with the network (2019–2021)

# Areas in the person's own words (never a name).
OWN_WORDS = [
    "Å komme meg ut av huset",
    "Søvn",
    "Lage middag selv",
    "Kontakt med barna",
    "Ta bussen alene",
    "Trening",
    "Hunden min",
    "Å åpne posten",
]

# Measures per area: (measure, main responsibility as a service or a role).
MEASURES = {
    "Bolig": [("Søke om kommunal bolig", "Boligkontoret"), ("Hjelp til å ordne husleien", "NAV")],
    "Økonomi": [("Gå gjennom økonomien og lage et budsjett", "NAV"), ("Søke om gjeldsrådgivning", "NAV")],
    "Arbeid": [("Avklare arbeidsrettet tiltak", "NAV"), ("Arbeidstrening to dager i uka", "NAV")],
    "Utdanning": [("Undersøke voksenopplæring", "Koordinator")],
    "Familie": [("Familiesamtale med barnas behov i sentrum", "Psykisk helsetjeneste")],
    "Venner og nettverk": [("Bli med i turgruppa", "Frivilligsentralen"), ("Besøke møteplassen", "Koordinator")],
    "Fysisk helse": [("Time hos fastlegen for helsesjekk", "Fastlege")],
    "Psykisk helse": [
        ("Samtaler hver fjortende dag", "Psykisk helsetjeneste"),
        ("Vurdere henvisning til DPS", "Fastlege"),
    ],
    "Rus": [("Faste samtaler med rustjenesten", "Rustjenesten")],
    "Fritid": [("Finne en fritidsaktivitet å prøve", "Koordinator")],
    "Hverdagen og det praktiske": [("Praktisk bistand i hjemmet", "Hjemmetjenesten")],
}
OWN_MEASURE = ("Lage en plan for det personen selv har satt som mål", "Koordinator")
DUE = ["innen en måned", "innen tre måneder", "før sommeren", "før jul", "løpende"]
# A measure's status when the records end: mostly done or ongoing once the person has had a 2nd conversation.
LATER_STATUSES = [PlanItem.Status.DONE] * 3 + [PlanItem.Status.ONGOING] * 3 + [PlanItem.Status.STOPPED]
EARLY_STATUSES = [PlanItem.Status.PLANNED, PlanItem.Status.ONGOING, PlanItem.Status.ONGOING, PlanItem.Status.POSTPONED]
COMMENTS = [
    "",
    "",
    "Vil helst møte på dagtid.",
    "Ønsker at koordinator er med første gang.",
    "Synes dette er det viktigste nå.",
    "Vil prøve selv først.",
]

# Fosen writes its own text for a few of the team's items; Værnes keeps the default.
FOSEN_CHECKLIST = {
    2: "Samtalehjulet er brukt i første samtale",
    3: "Personen har fått tilbud om en fast koordinator",
    4: "Planen er laget sammen med personen, med hovedansvar for hvert tiltak",
    5: "Fastlegen er orientert, med personens samtykke",
}


@dataclass
class ConversationSpec:
    held_on: dt.date
    scores: dict[str, int]  # area name → score
    new_areas: list[str] = field(default_factory=list)  # areas first put in the wheel at this conversation


@dataclass
class PersonSpec:
    code: str
    areas: list[str]  # in the wheel from the 1st conversation
    conversations: list[ConversationSpec]
    plan: list[tuple[str | None, str, str, str, str, str]]  # (area, measure, responsible, due, status, comment)
    checklists: list[tuple[dt.date, dict[int, str]]] = field(default_factory=list)  # (filled on, {item: state})
    closed_on: dt.date | None = None


def worked_example() -> PersonSpec:
    """F-01: the toolkit's worked example, exactly."""
    areas = ["Bolig", "Arbeid", "Psykisk helse", "Venner og nettverk"]
    return PersonSpec(
        code="F-01",
        areas=areas,
        conversations=[
            ConversationSpec(dt.date(2020, 3, 10), dict(zip(areas, [1, 4, 1, 2], strict=True))),  # 8 / 4 = 2,0
            ConversationSpec(dt.date(2020, 6, 16), dict(zip(areas, [5, 6, 4, 5], strict=True))),  # 20 / 4 = 5,0
        ],
        plan=[
            ("Bolig", "Søke om kommunal bolig", "Boligkontoret", "innen tre måneder", PlanItem.Status.DONE, ""),
            ("Arbeid", "Avklare arbeidsrettet tiltak", "NAV", "før sommeren", PlanItem.Status.ONGOING, ""),
            (
                "Psykisk helse",
                "Samtaler hver fjortende dag",
                "Psykisk helsetjeneste",
                "løpende",
                PlanItem.Status.ONGOING,
                "Ønsker at koordinator er med første gang.",
            ),
        ],
        # Items 1 and 9 follow the conversations (done); of the other eight, six give a point.
        checklists=[
            (
                dt.date(2020, 6, 23),
                {2: DONE, 3: DONE, 4: DONE, 5: NOT_RELEVANT, 6: NOT_DONE, 7: DONE, 8: NOT_DONE, 10: DONE},
            )
        ],
    )


# Per team, for the people after the first: (conversations, trend, checklists, closed).
# trend: "up" improves, "flat" stays about the same, "down" gets worse. Later people start later.
PLANS = {
    "F": [
        (3, "up", 2, True),
        (2, "up", 1, False),
        (4, "up", 2, False),
        (2, "down", 0, False),
        (2, "up", 1, False),
        (3, "flat", 1, False),
        (2, "up", 0, False),
        (1, "up", 0, False),
        (1, "up", 1, False),
    ],
    "V": [
        (2, "up", 1, False),
        (4, "up", 2, True),
        (2, "up", 0, False),
        (3, "down", 1, False),
        (2, "up", 1, False),
        (2, "flat", 0, False),
        (3, "up", 1, True),
        (2, "up", 0, False),
        (1, "up", 0, False),
    ],
}


def generated(prefix: str, rng: random.Random, first_start: dt.date, skip: int = 0) -> list[PersonSpec]:
    """Invented people for one team, drawn from `rng` (the same seed gives the same people)."""
    people = []
    for index, (count, trend, checklists, closed) in enumerate(PLANS[prefix], start=1 + skip):
        names = rng.sample(services.AREA_SUGGESTIONS, rng.randint(3, 5))
        if rng.random() < 0.4:  # a few in the person's own words
            names[-1] = rng.choice(OWN_WORDS)
        added_later = rng.choice(OWN_WORDS) if count >= 2 and rng.random() < 0.3 else None
        if added_later in names:
            added_later = None
        held_on = first_start + dt.timedelta(days=(index - 1) * 50 + rng.randint(0, 20))
        scores = {name: rng.randint(1, 5) for name in names}
        conversations = [ConversationSpec(held_on, dict(scores))]
        for number in range(2, count + 1):
            held_on = held_on + dt.timedelta(days=rng.randint(60, 120))
            if held_on > LAST_DAY:
                break
            steps = {"up": [0, 1, 1, 2, 2, 3], "flat": [-1, 0, 0, 0, 1], "down": [-2, -1, -1, 0, 1]}[trend]
            scores = {name: min(10, max(1, score + rng.choice(steps))) for name, score in scores.items()}
            new = []
            if number == 2 and added_later:
                scores[added_later] = rng.randint(2, 5)
                new = [added_later]
            conversations.append(ConversationSpec(held_on, dict(scores), new))
        plan = []
        for area in rng.sample(names, rng.randint(1, min(3, len(names)))):
            measure, responsible = rng.choice(MEASURES.get(area, [OWN_MEASURE]))
            status = rng.choice(LATER_STATUSES if len(conversations) >= 2 else EARLY_STATUSES)
            plan.append((area, measure, responsible, rng.choice(DUE), status, rng.choice(COMMENTS)))
        filled = {}  # a week after the 2nd (or only) conversation, and for some after the latest too
        for when in [conversations[min(1, len(conversations) - 1)], conversations[-1]][:checklists]:
            states = {n: rng.choice([DONE, DONE, DONE, NOT_RELEVANT, NOT_DONE]) for n in range(1, CHECKLIST_ITEMS + 1)}
            filled[when.held_on + dt.timedelta(days=7)] = states
        people.append(
            PersonSpec(
                code=f"{prefix}-{index:02d}",
                areas=names,
                conversations=conversations,
                plan=plan,
                checklists=list(filled.items()),
                closed_on=conversations[-1].held_on + dt.timedelta(days=30) if closed else None,
            )
        )
    return people


def coordinator_of(team: Team) -> User:
    return team.memberships.filter(role=TeamMembership.Role.COORDINATOR).select_related("user").first().user


def load_toolkit_records(network: Network, *, seed: int) -> None:
    """The Fosen and Værnes records of the Trøndelag demo network."""
    rng = random.Random(seed)
    fosen = network.teams.get(name="Fosen")
    varnes = network.teams.get(name="Værnes")
    services.checklist_template_update(team=fosen, texts=FOSEN_CHECKLIST, by=coordinator_of(fosen))
    teams = [
        (fosen, [worked_example(), *generated("F", rng, dt.date(2020, 2, 3), skip=1)]),
        (varnes, generated("V", rng, dt.date(2020, 1, 20))),
    ]
    for team, people in teams:
        by = coordinator_of(team)
        existing = set(ServiceUser.objects.filter(team=team).values_list("code", flat=True))
        for spec in people:
            if spec.code not in existing:
                record_person(team=team, spec=spec, by=by)


def record_person(*, team: Team, spec: PersonSpec, by: User) -> ServiceUser:
    """One person's wheel, conversations, plan and checklists, in the order they happened."""
    warnings: list[str] = []
    person, w = services.service_user_create(team=team, code=spec.code, by=by)
    warnings += w
    areas: dict[str, LifeArea] = {}
    for name in spec.areas:
        areas[name], w = services.area_add(service_user=person, name=name, by=by)
        warnings += w
    # A checklist sees only the conversations held before it, as it would have then.
    events = [(c.held_on, 0, c) for c in spec.conversations] + [(d, 1, states) for d, states in spec.checklists]
    planned = False
    for day, kind, event in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == 1:
            services.checklist_fill(service_user=person, filled_on=day, states=event, by=by)
            continue
        services.conversation_record(
            service_user=person,
            held_on=event.held_on,
            scores={areas[name].pk: score for name, score in event.scores.items() if name not in event.new_areas},
            new_areas=[(name, event.scores[name]) for name in event.new_areas],
            by=by,
        )
        for name in event.new_areas:
            areas[name] = person.areas.get(name=name)
        if not planned:  # the plan is made after the 1st conversation
            planned = True
            for area, measure, responsible, due, status, comment in spec.plan:
                item = PlanItem(
                    service_user=person,
                    area=areas.get(area),
                    measure=measure,
                    responsible=responsible,
                    due=due,
                    status=status,
                    comment=comment,
                )
                _item, w = services.plan_item_save(item=item, by=by)
                warnings += w
    if spec.closed_on:
        services.service_user_close(service_user=person, on=spec.closed_on, by=by)
    if warnings:  # the demo never names anyone
        raise RuntimeError(f"Demo toolkit data looks like a name: {warnings}")
    return person


# --- Synthetic records (benchmarks and query-count tests) -------------------------------------------
def synthetic_records(
    *, team: Team, people: int, conversations: int, months: int, start: dt.date, areas: int = 4
) -> None:
    """`people` persons with `areas` areas each, `conversations` conversations spread over `months`
    months from `start`, and one checklist after the last conversation. Written with bulk_create
    (no services, no audit log): only for measuring."""
    # Each person's conversations are a few months apart; the people start throughout the period.
    spacing = months * 30 // (2 * conversations)
    starts = months * 30 - (conversations - 1) * spacing - 7
    template = services.checklist_template_for(team=team)
    items = list(template.items.all())
    persons = ServiceUser.objects.bulk_create(ServiceUser(team=team, code=f"S-{i:03d}") for i in range(people))
    wheel = LifeArea.objects.bulk_create(
        LifeArea(service_user=p, name=f"Område {a + 1}", order=a + 1) for p in persons for a in range(areas)
    )
    talks = Conversation.objects.bulk_create(
        Conversation(
            service_user=p,
            number=k + 1,
            held_on=start + dt.timedelta(days=(i * 37) % starts + k * spacing),
        )
        for i, p in enumerate(persons)
        for k in range(conversations)
    )
    Score.objects.bulk_create(
        Score(conversation=c, area=wheel[i // conversations * areas + a], score=min(10, 1 + (i + a) % 4 + c.number))
        for i, c in enumerate(talks)
        for a in range(areas)
    )
    checklists = Checklist.objects.bulk_create(
        Checklist(
            service_user=p,
            template=template,
            filled_on=talks[(i + 1) * conversations - 1].held_on + dt.timedelta(days=7),
            points=6 + i % 5,
        )
        for i, p in enumerate(persons)
    )
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(checklist=c, item=item, state=DONE if item.number <= c.points else NOT_DONE)
        for c in checklists
        for item in items
    )
