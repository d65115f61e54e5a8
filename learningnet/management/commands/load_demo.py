"""Load the two demo networks from the source reports (docs/sources.md).

Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from faker import Faker

from core.models import Organisation, Region, RegionMembership, User
from core.services import organisation_upsert, user_get_or_create
from gatherings.models import Activity, Gathering, ProgramSession
from gatherings.services import program_generate_presentations, program_publish
from learningnet.demo import data
from learningnet.demo.improvement import load_improvement
from learningnet.demo.surveys import load_gathering_evaluation, load_surveys
from learningnet.demo.toolkit import load_toolkit_records
from networks.models import Network, NetworkRole, PeriodExtension, Phase
from networks.services import network_role_add
from teams.models import TeamMembership
from teams.services import team_member_add, team_organisation_add, team_upsert

TEAM_ROLES_PER_TEAM = [
    TeamMembership.Role.LEADER,
    TeamMembership.Role.COORDINATOR,
    TeamMembership.Role.USER_REPRESENTATIVE,
    TeamMembership.Role.STAFF,
    TeamMembership.Role.HEALTH_TRUST,
]


class Command(BaseCommand):
    help = "Load the demo networks (national 2014–2015 and Trøndelag 2019–2021) and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Seed for the invented people.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run although DEBUG is off (tests and benchmarks). Never on production data.",
        )

    def handle(self, *args, seed: int, allow_without_debug: bool, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("Refusing to load demo data with DEBUG off (is this production?).")
        self.fake = Faker("no_NO")  # Faker names its Norwegian (bokmål) locale no_NO
        self.fake.seed_instance(seed)
        self.random = random.Random(seed)
        with transaction.atomic():
            self.orgs: dict[str, Organisation] = {}
            trondelag = self.load_network(data.TRONDELAG)
            national = self.load_network(data.NATIONAL)
            self.load_national_subnetworks(national)
            self.load_demo_logins(trondelag, national)
            self.load_trondelag_plan(trondelag)
            self.load_packages(trondelag)
            load_toolkit_records(trondelag, seed=seed)
            load_improvement(trondelag, seed=seed)
            load_surveys(trondelag)
            load_gathering_evaluation(trondelag)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {Network.objects.count()} networks, {Organisation.objects.count()} "
                f"organisations, {User.objects.count()} people."
            )
        )

    # --- helpers --------------------------------------------------------------------------------
    def org(self, name: str, kind: str = "kommune", **fields) -> Organisation:
        key = f"{name}|{kind}"
        if key not in self.orgs:
            self.orgs[key] = organisation_upsert(name=name, kind=kind, **fields)
        return self.orgs[key]

    def find_org(self, name: str) -> Organisation:
        for key, org in self.orgs.items():
            if key.split("|")[0] == name:
                return org
        if name.startswith("NAV"):
            return self.org(name, "nav")
        return self.org(name, "kommune")

    def person(self, email: str, organisation: Organisation | None = None) -> User:
        # Drawn on every call, so names do not shift between runs; plain names, never «Dr.» or «Prof.».
        name = f"{self.fake.first_name()} {self.fake.last_name()}"
        user, _ = user_get_or_create(email=email, full_name=name, organisation=organisation)
        return user

    def load_network(self, spec: dict, parent: Network | None = None) -> Network:
        owner = self.org(*spec["owner"])
        network, _ = Network.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "owner": owner,
                "description": spec.get("description", ""),
                "starts_on": spec["starts_on"],
                "ends_on": spec["ends_on"],
                "parent": parent,
            },
        )
        network.partners.set([self.org(name, kind) for name, kind in spec.get("partners", [])])
        for kind, start, end in spec.get("phases", []):
            Phase.objects.update_or_create(network=network, kind=kind, defaults={"starts_on": start, "ends_on": end})
        for ext in spec.get("extensions", []):
            PeriodExtension.objects.get_or_create(network=network, decided_on=ext["decided_on"], defaults=ext)
        for number, title, start, end, precision, mode, venue, *hours in spec.get("gatherings", []):
            start_time, end_time = (dt.time(*hours[0]), dt.time(*hours[1])) if hours else (None, None)
            Gathering.objects.update_or_create(
                network=network,
                number=number,
                defaults={
                    "kind": Gathering.Kind.NETWORK_GATHERING,
                    "title": title,
                    "starts_on": start,
                    "ends_on": end,
                    "date_precision": precision,
                    "mode": mode,
                    "venue": venue,
                    "start_time": start_time,
                    "end_time": end_time,
                },
            )
        for unit, trust in spec.get("health_trust_units", []):
            self.org(unit, "hf_enhet", parent=self.org(trust, "helseforetak"))
        for region_name, members in spec.get("regions", {}).items():
            region, _ = Region.objects.get_or_create(name=region_name)
            for muni, start, end, note in members:
                RegionMembership.objects.update_or_create(
                    region=region,
                    municipality=self.org(muni),
                    defaults={"starts_on": start, "ends_on": end, "note": note},
                )
        for name, regions, orgs, area, status in spec.get("teams", []):
            team = team_upsert(network=network, name=name, improvement_area=area, status=status)
            team.regions.set(Region.objects.filter(name__in=regions))
            kept = [
                team_organisation_add(team=team, organisation=self.find_org(org_name), starts_on=start, ends_on=end)
                for org_name, start, end in orgs
            ]
            # An older demo may have put organisations on the team that the source does not name.
            team.team_organisations.exclude(pk__in=[to.pk for to in kept]).delete()
            self.staff_team(team, network.slug)
        # The network's leadership: invented people in each network role.
        for role, org in [
            (NetworkRole.Role.PROJECT_GROUP, owner),
            (NetworkRole.Role.PROCESS_SUPERVISOR, None),
            (NetworkRole.Role.PROFESSIONAL_ADVISER, None),
            (NetworkRole.Role.WORKING_COMMITTEE, owner),
            (NetworkRole.Role.WORKING_GROUP, None),
        ]:
            user = self.person(f"{network.slug}-{role}@eksempel.no", org)
            network_role_add(network=network, user=user, role=role, organisation=org)
        return network

    def staff_team(self, team, network_slug: str) -> None:
        municipality = team.organisations.filter(kind__in=["kommune", "bydel"]).first()
        # A member in the health-trust role only where the source names a health trust or DPS on the team.
        has_health_trust = team.organisations.filter(kind__in=["helseforetak", "hf_enhet"]).exists()
        for role in TEAM_ROLES_PER_TEAM:
            email = f"{slugify(network_slug)}-{slugify(team.name)}-{role}@eksempel.no"
            if role == TeamMembership.Role.HEALTH_TRUST and not has_health_trust:
                team.memberships.filter(role=role, user__email=email).delete()  # left by an older demo
                continue
            user = self.person(email, municipality if role != TeamMembership.Role.USER_REPRESENTATIVE else None)
            team_member_add(team=team, user=user, role=role, organisation=user.organisation)

    def load_national_subnetworks(self, national: Network) -> None:
        for suffix, name, venue, municipalities, dates in data.NATIONAL["subnetworks"]:
            spec = {
                "slug": f"{national.slug}-{suffix}",
                "name": name,
                "owner": data.NATIONAL["owner"],
                "starts_on": national.starts_on,
                "ends_on": national.ends_on,
                "gatherings": [
                    (i, f"Samling {i}", start, end, precision, "fysisk", venue)
                    for i, (start, end, precision) in enumerate(dates, 1)
                ],
            }
            sub = self.load_network(spec, parent=national)
            overrides = data.NATIONAL["team_overrides"].get(suffix, {})
            grouped = {m for key, members in overrides.items() if key != "Horten" for m in members}
            for muni in municipalities:
                kind = "bydel" if muni.startswith("Bydel") else "kommune"
                self.org(muni, kind)
            teams = [(m, [m]) for m in municipalities if m not in grouped and m not in overrides]
            for key, members in overrides.items():
                if key == "Horten":
                    teams += [(team_name, ["Horten"]) for team_name in members]
                else:
                    teams.append((key, members))
            # An older demo had one team per municipality where the source has a joint team.
            sub.teams.exclude(name__in=[team_name for team_name, _orgs in teams]).delete()
            for team_name, orgs in teams:
                team = team_upsert(network=sub, name=team_name, status="avsluttet")
                for org_name in orgs:
                    kind = (
                        "hf_enhet" if "DPS" in org_name else ("bydel" if org_name.startswith("Bydel") else "kommune")
                    )
                    team_organisation_add(team=team, organisation=self.org(org_name, kind))
                self.staff_team(team, sub.slug)

    def load_trondelag_plan(self, network: Network) -> None:
        """The activity plan (72 activities, as Tabell 1) and a published program for gathering 4."""

        def t(hm):
            return dt.time(*hm) if hm else None

        entries = list(data.TRONDELAG_ACTIVITIES)
        unused = {f"Veiledning: {team_name} (2 av 2)" for team_name in data.SUPERVISION_USED_ONCE}
        for team_name, first in data.TEAM_SUPERVISION.items():
            entries.append(
                (
                    "veiledning_team",
                    f"Veiledning: {team_name} (1 av 2)",
                    first,
                    (12, 0),
                    (14, 0),
                    "digital",
                    team_name,
                    "day",
                )
            )
            entries.append(
                (
                    "veiledning_team",
                    f"Veiledning: {team_name} (2 av 2)",
                    dt.date(2021, 2, 1),
                    None,
                    None,
                    "digital",
                    team_name,
                    "month",
                )
            )
        for kind, title, day, start, end, mode, target, precision in entries:
            team = network.teams.filter(name=target).first() if kind == "veiledning_team" else None
            activity, _ = Activity.objects.get_or_create(
                network=network,
                kind=kind,
                title=title,
                starts_on=day,
                defaults={
                    "ends_on": day,
                    "start_time": t(start),
                    "end_time": t(end),
                    "mode": mode,
                    "target_groups": target if not team else "",
                    "team": team,
                    "date_precision": precision,
                    "status": Activity.Status.DONE,
                    "responsible_note": "AU"
                    if kind != "veiledning_brukerrep"
                    else "Brukerorganisasjonene og Statsforvalteren",
                },
            )
            if title in unused and activity.status != Activity.Status.PLANNED:
                # Offered (Tabell 1 counts it) but not used: not done, and not cancelled either.
                activity.status = Activity.Status.PLANNED
                activity.notes = "Tilbudt, men ikke benyttet: teamet brukte veiledningen én gang."
                activity.save(update_fields=["status", "notes", "updated_at"])
        Activity.objects.filter(network=network, kind="nettverkssamling").update(
            status=Activity.Status.DONE, target_groups="Alle"
        )
        gathering = Gathering.objects.get(network=network, number=4)
        if not gathering.sessions.exists():
            for day_index, start, end, kind, title, room in data.GATHERING_4_PROGRAM:
                ProgramSession.objects.create(
                    gathering=gathering,
                    day=gathering.starts_on + dt.timedelta(days=day_index),
                    start_time=t(start),
                    end_time=t(end),
                    kind=kind,
                    title=title,
                    room=room,
                    themes=["brukermedvirkning"]
                    if "Bruker" in title
                    else (["samhandling"] if "samhandling" in title.lower() else []),
                )
            with translation.override("nb"):  # generated titles are content, in the network's language
                program_generate_presentations(
                    gathering=gathering,
                    start_time=dt.time(10, 30),
                    minutes_per_team=20,
                    rooms=["Rom A", "Rom B"],
                    by=None,
                )
            program_publish(gathering=gathering, by=None)
            Gathering.objects.filter(pk=gathering.pk).update(
                program_published_at=dt.datetime(2021, 5, 26, 12, 0, tzinfo=dt.UTC)
            )
        Gathering.objects.filter(pk=gathering.pk).update(start_time=dt.time(9, 0), end_time=dt.time(12, 0))
        # Supervision: each team was offered 2 × 2 hours and used both, as counted in Tabell 1 of the final
        # report of the Trøndelag learning network 2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and KS).
        from decimal import Decimal

        from teams.models import SupervisionSession, TeamMeeting
        from teams.services import (
            MeetingTaskInput,
            supervision_offer_create,
            supervision_session_record,
            team_meeting_create,
        )

        for team_name, first in data.TEAM_SUPERVISION.items():
            team = network.teams.get(name=team_name)
            if not team.supervision_offers.exists():
                offer = supervision_offer_create(team=team, sessions_offered=2, hours_per_session=Decimal("2"))
                supervision_session_record(offer=offer, held_on=first)
                if team_name not in data.SUPERVISION_USED_ONCE:
                    supervision_session_record(offer=offer, held_on=dt.date(2021, 2, 1))
            elif team_name in data.SUPERVISION_USED_ONCE:  # an older demo recorded both
                SupervisionSession.objects.filter(offer__team=team, held_on=dt.date(2021, 2, 1)).update(
                    used=False, held_on=None, hours=Decimal("2"), note=""
                )
        # One logged team meeting, so the team page shows minutes and tasks.
        fosen = network.teams.get(name="Fosen")
        if not TeamMeeting.objects.filter(team=fosen).exists():
            coordinator = fosen.memberships.filter(role="koordinator").first().user
            team_meeting_create(
                team=fosen,
                held_on=dt.date(2021, 5, 18),
                title="Teammøte: henvisningspraksis",
                minutes="Gikk gjennom kartleggingen av henvisningspraksis i de tre kommunene og Nidaros DPS. "
                "Enighet om å prøve et felles henvisningsmøte før sommeren.",
                next_meeting_on=dt.date(2021, 6, 15),
                tasks=[
                    MeetingTaskInput(
                        description="Avklare taushetsplikt med Statsforvalteren", responsible=coordinator
                    ),
                    MeetingTaskInput(
                        description="Forberede presentasjon til nettverkssamling 4", responsible_note="Alle"
                    ),
                ],
                by=coordinator,
            )

    def load_packages(self, network: Network) -> None:
        """The team self-evaluation around gathering 4, answered by two teams (invented text).

        The progress plan: the teams filled in the self-evaluation form in weeks 23 and 24 of 2021
        (7–20 June; gathering 4 was on 9–10 June). So the demo's answers are written in week 23,
        Fosen submits on 8 June, before the gathering, and the deadline is Friday of week 24."""
        import datetime as dt

        from packages.models import AnswerRevision, Package, Question
        from packages.services import answer_save, package_copy_from_library, response_for, response_submit

        gathering = Gathering.objects.get(network=network, number=4)
        deadline = dt.datetime(2021, 6, 18, 10, 0, tzinfo=dt.UTC)  # 12:00 in Oslo
        existing = Package.objects.filter(gathering=gathering, library_key="egenevaluering-trondelag")
        if Package.objects.filter(gathering=gathering).exists():
            existing.update(deadline=deadline)  # an older demo had 4 June
            return
        package = package_copy_from_library(
            gathering=gathering, key="egenevaluering-trondelag", deadline=deadline, by=None
        )
        package.status = Package.Status.PUBLISHED
        package.share_after_deadline = True
        package.save()
        texts = {
            "KOMMUNEREGION:": "{team} forbedringsteam",
            "Valgt forbedringsområde": "{area}",
            "Hva er gjort i perioden?": "Vi har kartlagt utfordringsbildet i regionen og hatt jevnlige teammøter.",
            "Hva var lurt?": "Å ha brukerrepresentanter med fra starten.",
        }
        questions = list(Question.objects.filter(task__package=package))
        for team_name in ("Fosen", "Værnes"):
            team = network.teams.get(name=team_name)
            coordinator = team.memberships.filter(role="koordinator").first().user
            response = response_for(package=package, team=team)
            for question in questions:
                if question.text in texts:
                    value = texts[question.text].format(team=team.name, area=team.improvement_area)
                    answer_save(response=response, question=question, value=value, base_version=0, by=coordinator)
            # The demo's answers were written in 2021, not when the demo was loaded.
            written = dt.datetime(2021, 6, 7, 10, 0, tzinfo=dt.UTC)
            response.answers.update(updated_at=written)
            AnswerRevision.objects.filter(answer__response=response).update(created_at=written)
            type(response).objects.filter(pk=response.pk).update(last_activity_at=written)
            if team_name == "Fosen":
                response_submit(response=response, by=coordinator)
                type(response).objects.filter(pk=response.pk).update(
                    submitted_at=dt.datetime(2021, 6, 8, 14, 0, tzinfo=dt.UTC),
                    last_activity_at=dt.datetime(2021, 6, 8, 14, 0, tzinfo=dt.UTC),
                )

    def load_demo_logins(self, trondelag: Network, national: Network) -> None:
        logins = {}
        for email, _description in data.DEMO_LOGINS:
            user = self.person(email)
            if not user.check_password(data.DEMO_PASSWORD):
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            logins[email.split("@")[0]] = user
        ks = self.org("KS Trøndelag", "ks")
        network_role_add(
            network=trondelag, user=logins["prosjektgruppe"], role=NetworkRole.Role.PROJECT_GROUP, organisation=ks
        )
        network_role_add(
            network=national,
            user=logins["prosjektgruppe"],
            role=NetworkRole.Role.PROJECT_GROUP,
            organisation=self.org("KS", "ks"),
        )
        network_role_add(network=trondelag, user=logins["prosessveileder"], role=NetworkRole.Role.PROCESS_SUPERVISOR)
        network_role_add(
            network=trondelag,
            user=logins["observator"],
            role=NetworkRole.Role.OBSERVER,
            organisation=self.org("Statsforvalteren i Trøndelag", "statsforvalter"),
        )
        fosen = trondelag.teams.get(name="Fosen")
        varnes = trondelag.teams.get(name="Værnes")
        team_member_add(
            team=fosen,
            user=logins["koordinator"],
            role=TeamMembership.Role.COORDINATOR,
            organisation=self.find_org("Ørland"),
        )
        team_member_add(
            team=varnes,
            user=logins["teammedlem"],
            role=TeamMembership.Role.STAFF,
            organisation=self.find_org("Stjørdal"),
        )
        team_member_add(team=fosen, user=logins["brukerrepresentant"], role=TeamMembership.Role.USER_REPRESENTATIVE)
        admin = logins["admin"]
        if not admin.is_superuser:
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
