import time
from decimal import Decimal

from django.core.management.base import CommandError
from django.db.models import Count

from tiendo.core import access as core_access
from tiendo.core.commands import DataCommand, parse_day
from tiendo.domain.money import format_number
from tiendo.jobs.cli import add_background_arguments, follow, wants_background
from tiendo.jobs.queue import start_job
from tiendo.reviews.models import Finding
from tiendo.reviews.scan import scan


class Command(DataCommand):
    help = "Evaluate the schedule rules on every running project and store the findings (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="evaluation date (yyyy-mm-dd or dd/mm/yyyy); default today")
        parser.add_argument(
            "--changed",
            action="store_true",
            help="nightly: evaluate only the projects changed since the latest scan and those a deadline may have "
            "reached (same findings as a full scan; full when there is no usable latest scan)",
        )
        self.add_json_argument(parser)
        self.add_actor_argument(parser)
        add_background_arguments(parser)

    def handle(self, *args, as_of=None, changed=False, **options):
        user = self.actor(options)
        if not core_access.can(user, "scan"):
            raise CommandError(f"Không có quyền quét dự án: {user.username}.")
        day = parse_day(as_of) if as_of else None
        if wants_background(options):
            params = {"as_of": day.isoformat() if day else None, "changed": changed}
            follow(self, options, start_job("reviews.scan", actor=user, params=params, dedupe_key="scan"))
            return
        started = time.perf_counter()
        run = scan(day, actor=user, progress=None if options.get("json") else self._progress, changed=changed)
        seconds = time.perf_counter() - started
        by_rule = dict(Finding.objects.filter(run=run).order_by().values_list("rule").annotate(Count("pk")))
        projects_with = Finding.objects.filter(run=run).values("project_id").distinct().count()
        data = {
            "run": run.pk,
            "as_of": run.as_of,
            "projects": run.projects,
            "evaluated": run.evaluated,
            "changed_only": run.changed_only,
            "projects_with_findings": projects_with,
            "findings": run.findings,
            "by_rule": dict(sorted(by_rule.items())),
            "seconds": round(seconds, 2),
        }
        n = format_number
        duration = Decimal(str(round(seconds, 1)))
        lines = [
            f"Quét ngày {run.as_of:%d/%m/%Y}: {n(run.projects)} dự án, {n(projects_with)} dự án có phát hiện, "
            f"{n(run.findings)} phát hiện ({n(duration, 1)} giây)."
            + (f" Chỉ đánh giá lại {n(run.evaluated)} dự án thay đổi hoặc đến hạn." if run.changed_only else ""),
            *(f"  {rule:<8} {n(count):>7}" for rule, count in data["by_rule"].items()),
        ]
        self.emit(options, data, "\n".join(lines))

    def _progress(self, count: int) -> None:
        self.stderr.write(f"  {format_number(count)} dự án...")
