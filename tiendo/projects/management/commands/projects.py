from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404, QueryDict

from tiendo.audit.history import history_entries
from tiendo.core.commands import DataCommand, invalid
from tiendo.projects.access import get_project_for_user, projects_for_user
from tiendo.projects.forms import AdjustmentForm, ProgressReportForm, ProjectFilterForm
from tiendo.projects.models import Milestone, ProgressReport
from tiendo.projects.services import adjust_schedule, record_progress


def project_row(p) -> dict:
    return {
        "code": p.code,
        "name": p.name,
        "kind": p.kind,
        "status": p.status,
        "group": p.group,
        "investor": p.investor.tax_code if p.investor_id else None,
        "agency": p.agency.code if p.agency_id else None,
        "commune": p.commune.code if p.commune_id else None,
        "total_investment": p.total_investment,
        "version": p.version,
    }


class Command(DataCommand):
    help = "Investment projects: list (with the page's filters), show, report progress, extend a milestone."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list")
        for name in ("search", "kind", "status", "sort"):
            listing.add_argument(f"--{name}", default="")
        listing.add_argument("--limit", type=int, default=100)
        self.add_json_argument(listing)
        self.add_actor_argument(listing)

        show = sub.add_parser("show")
        show.add_argument("code")
        self.add_json_argument(show)
        self.add_actor_argument(show)

        report = sub.add_parser("report", help="submit a progress report (as an investor, officer or specialist)")
        report.add_argument("code")
        report.add_argument("--period-end", required=True, help="dd/mm/yyyy")
        report.add_argument("--progress", required=True, help="physical progress in %%, e.g. 42,5")
        report.add_argument("--disbursed", required=True, help="capital disbursed to date, e.g. '1,5 tỷ'")
        report.add_argument("--jobs", default="")
        report.add_argument("--problems", default="")
        self.add_json_argument(report)
        self.add_actor_argument(report)

        extend = sub.add_parser("extend", help="grant a schedule extension to a milestone")
        extend.add_argument("code")
        extend.add_argument(
            "--milestone", required=True, choices=[c for c, _ in Milestone._meta.get_field("kind").choices]
        )
        extend.add_argument("--new-due", required=True)
        extend.add_argument("--document", required=True)
        extend.add_argument("--decided-on", required=True)
        extend.add_argument("--reason", default="other")
        self.add_json_argument(extend)
        self.add_actor_argument(extend)

    def handle(self, *args, action, **options):
        user = self.actor(options)
        try:
            getattr(self, f"do_{action}")(user, options)
        except Http404:
            raise CommandError(f"Không tìm thấy dự án '{options.get('code')}' (hoặc không có quyền).") from None

    def do_list(self, user, options):
        query = QueryDict(mutable=True)
        query.update(
            {"q": options["search"], "kind": options["kind"], "status": options["status"], "sort": options["sort"]}
        )
        form = ProjectFilterForm(query, user=user)
        projects = form.apply(projects_for_user(user)).select_related("investor", "agency", "commune")
        if form.errors:
            raise invalid(form.errors)
        rows = [project_row(p) for p in projects[: options["limit"]]]
        self.emit(options, rows, "\n".join(f"{r['code']:<16} {r['status']:<13} {r['name']}" for r in rows))

    def do_show(self, user, options):
        project = get_project_for_user(user, options["code"])
        data = project_row(project)
        data["milestones"] = list(project.milestones.values("kind", "first_due", "current_due", "done"))
        latest = project.progress_reports.order_by("-period_end", "-pk").first()
        data["latest_progress"] = (
            {
                "period_end": latest.period_end,
                "physical_progress": float(latest.physical_progress),
                "disbursed_to_date": latest.disbursed_to_date,
            }
            if latest
            else None
        )
        data["history"] = [
            {
                "when": e.when,
                "who": e.who,
                "action": e.action,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in e.changes],
            }
            for e in history_entries(project)
        ]
        self.emit(options, data)

    def do_report(self, user, options):
        project = get_project_for_user(user, options["code"], report=True)
        form = ProgressReportForm(
            {
                "period_end": options["period_end"],
                "physical_progress": options["progress"],
                "disbursed_to_date": options["disbursed"],
                "jobs": options["jobs"],
                "problems": options["problems"],
            },
            project=project,
            instance=ProgressReport(project=project),
        )
        if not form.is_valid():
            raise invalid(form.errors)
        report = record_progress(project, form.save(commit=False), actor=user)
        self.emit(
            options,
            {
                "project": project.code,
                "period_end": report.period_end,
                "physical_progress": float(report.physical_progress),
            },
            f"Đã ghi nhận báo cáo tiến độ của {project.code}.",
        )

    def do_extend(self, user, options):
        project = get_project_for_user(user, options["code"], edit=True)
        milestone = project.milestones.filter(kind=options["milestone"]).first()
        if milestone is None:
            raise CommandError(f"Dự án {project.code} không có mốc '{options['milestone']}'.")
        form = AdjustmentForm(
            {
                "document_number": options["document"],
                "decided_on": options["decided_on"],
                "new_due": options["new_due"],
                "reason": options["reason"],
            }
        )
        if not form.is_valid():
            raise invalid(form.errors)
        data = form.cleaned_data
        try:
            adjustment = adjust_schedule(
                milestone,
                actor=user,
                document_number=data["document_number"],
                decided_on=data["decided_on"],
                new_due=data["new_due"],
                reason=data["reason"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if adjustment.cap_warning:
            self.stderr.write(f"Cảnh báo: {adjustment.cap_warning}")
        self.emit(
            options,
            {
                "project": project.code,
                "milestone": milestone.kind,
                "old_due": adjustment.old_due,
                "new_due": adjustment.new_due,
                "months_added": adjustment.months_added,
                "warning": adjustment.cap_warning or None,  # beyond the 24-month cap, recorded with the change
            },
        )
