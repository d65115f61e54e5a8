"""Create every django-celery-beat schedule from code. Runs on deploy; idempotent."""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# name -> (task, crontab fields). Every periodic job the app runs gets its schedule here.
SCHEDULES: dict[str, tuple[str, dict]] = {
    # 03:17 every night (crontab.guru: "17 3 * * *")
    "Delete expired invitations": (
        "networks.tasks.invitations_purge_expired",
        {"minute": "17", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # 07:00 every morning, Oslo time (crontab.guru: "0 7 * * *")
    "Remind teams before a preparation package is due": (
        "packages.tasks.package_reminders_send_task",
        {"minute": "0", "hour": "7", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # every minute (crontab.guru: "* * * * *")
    "Publish background work the broker did not get (outbox)": (
        "core.tasks.outbox_sweep_task",
        {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # 03:27 every night (crontab.guru: "27 3 * * *")
    "Delete outbox messages done a month ago": (
        "core.tasks.outbox_purge_done_task",
        {"minute": "27", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # every minute (crontab.guru: "* * * * *")
    "Re-queue report runs left running by a dead worker": (
        "reports.tasks.report_runs_reset_stuck_task",
        {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # 03:47 every night (crontab.guru: "47 3 * * *")
    "Delete expired report files": (
        "reports.tasks.report_files_purge_expired_task",
        {"minute": "47", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
    # 06:30 every morning (crontab.guru: "30 6 * * *"): sent on the 1st, what failed is sent the
    # next mornings of the first week (reports.monthly.RETRY_DAYS), nobody twice
    "Monthly network status report to observers": (
        "reports.tasks.monthly_network_reports_task",
        {"minute": "30", "hour": "6", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
    ),
}


class Command(BaseCommand):
    help = "Create or update the periodic tasks defined in code."

    def handle(self, *args, **options):
        for name, (task, cron) in SCHEDULES.items():
            schedule, _ = CrontabSchedule.objects.get_or_create(timezone="Europe/Oslo", **cron)
            PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "crontab": schedule})
        ours = (
            Q(task__startswith="learningnet.")
            | Q(task__startswith="packages.")
            | Q(task__startswith="networks.")
            | Q(task__startswith="gatherings.")
            | Q(task__startswith="reports.")
        )
        PeriodicTask.objects.exclude(name__in=SCHEDULES).filter(ours).delete()
        self.stdout.write(f"{len(SCHEDULES)} periodic tasks in place.")
