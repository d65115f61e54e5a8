"""`python manage.py report network trondelag-2019 -o status.pdf` (also `team`, `package`, and
`evaluation <network> --gathering <number>`: a gathering's evaluation report)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import models
from django.utils import timezone

from networks.models import Network
from packages.models import Package
from reports.models import ReportRun
from reports.services import render_snapshot, snapshot_for
from surveys.models import Survey


class Command(BaseCommand):
    help = "Render a report to a PDF file, with the same renderer as the web (no job is queued)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[k.value for k in ReportRun.Kind])
        parser.add_argument("network", help="The network's short name (slug), e.g. trondelag-2019")
        parser.add_argument("--team", help="The team's name or id (for kind team)")
        parser.add_argument("--package", type=int, help="The package id (for kind package)")
        parser.add_argument("--gathering", type=int, help="The gathering's number (for kind evaluation)")
        parser.add_argument("--language", default="nb", choices=["nb", "en"])
        parser.add_argument("-o", "--output", required=True, help="Where to write the PDF")

    def handle(self, *args, kind, network, team, package, gathering, language, output, **options):
        net = Network.objects.filter(slug=network).first()
        if net is None:
            known = ", ".join(Network.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(f"No network with the short name «{network}». Known: {known}")
        team_obj = package_obj = survey_obj = None
        if kind == "team":
            if not team:
                raise CommandError("Name the team with --team (its name or id).")
            lookup = {"pk": int(team)} if team.isdigit() else {"name__iexact": team}
            team_obj = net.teams.filter(**lookup).first()
            if team_obj is None:
                names = ", ".join(net.teams.order_by("name").values_list("name", flat=True))
                raise CommandError(f"No team «{team}» in {net.slug}. Its teams: {names}")
        if kind == "package":
            package_obj = Package.objects.filter(gathering__network=net, pk=package or 0).first()
            if package_obj is None:
                ids = ", ".join(f"{p.pk} ({p.title})" for p in Package.objects.filter(gathering__network=net))
                raise CommandError(f"Name a package of {net.slug} with --package. Its packages: {ids or 'none'}")
        if kind == "evaluation":
            surveys = Survey.objects.filter(network=net, gathering__isnull=False).select_related("gathering")
            # The gathering's newest survey that has left the draft stage, else its newest draft.
            survey_obj = (
                surveys.filter(gathering__number=gathering or 0)
                .order_by(models.Case(models.When(status=Survey.Status.DRAFT, then=1), default=0), "-created_at")
                .first()
            )
            if survey_obj is None:
                numbers = sorted({f"{s.gathering.number} ({s.gathering.title})" for s in surveys})
                raise CommandError(
                    f"Name a gathering of {net.slug} with a survey by its number with --gathering. "
                    f"Gatherings with a survey: {', '.join(numbers) or 'none'}"
                )
        snapshot = snapshot_for(
            kind=kind, network=net, team=team_obj, package=package_obj, survey=survey_obj, locale=language
        )
        pdf = render_snapshot(
            kind=kind, snapshot=snapshot, locale=language, requested_by_name="Læringsnett", generated_at=timezone.now()
        )
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(pdf) // 1024} KiB)"))
