"""The investor's home page: about its own projects, not the province's organisation. What is due in the next 30
days (milestones, periodic reports), what is late (overdue milestones, reports not sent, the authorities' decisions
on its projects), its latest reports. Every list starts from the projects the access layer gives the user."""

from datetime import date, timedelta

from tiendo.domain import schedule_rules
from tiendo.petitions.panels import open_petitions
from tiendo.projects.access import projects_for_user
from tiendo.projects.models import Milestone, ProgressReport, Project
from tiendo.reviews.access import decisions_for_user
from tiendo.reviews.facts import iter_facts
from tiendo.reviews.scan import REPORT_LABELS

HORIZON_DAYS = 30
SHOWN = 20  # rows per list; the project list has the rest
MAX_PROJECTS_READ = 500  # the reports owed are computed for at most this many running projects


def _reports(projects, today: date) -> tuple[list[dict], list[dict]]:
    """(late, due within the horizon): the periodic reports the projects have not sent, by deadline."""
    names = {p.pk: p for p in projects}
    if not names:
        return [], []  # an empty IN () is no query at all
    late, due = [], []
    horizon = today + timedelta(days=HORIZON_DAYS)
    for pk, facts in iter_facts(Project.objects.filter(pk__in=list(names))):
        for report in schedule_rules.missing_reports(facts, horizon):
            row = {"project": names[pk], "label": REPORT_LABELS[report.kind], "period": report.period,
                   "deadline": report.deadline}  # fmt: skip
            (late if report.deadline < today else due).append(row)

    def by_deadline(row):
        return row["deadline"], row["project"].code

    return sorted(late, key=by_deadline), sorted(due, key=by_deadline)


def investor_home(user, today: date) -> dict:
    projects = projects_for_user(user)
    running = list(projects.running().order_by("code")[:MAX_PROJECTS_READ])
    milestones = Milestone.objects.filter(project__in=projects.running(), done__isnull=True).select_related("project")
    late_reports, due_reports = _reports(running, today)
    return {
        "my_projects": list(projects.order_by("code")[:SHOWN]),
        "due_milestones": list(
            milestones.filter(current_due__gte=today, current_due__lte=today + timedelta(days=HORIZON_DAYS)).order_by(
                "current_due", "project__code"
            )[:SHOWN]
        ),
        "late_milestones": list(
            milestones.filter(current_due__lt=today).order_by("current_due", "project__code")[:SHOWN]
        ),
        "late_milestone_count": milestones.filter(current_due__lt=today).count(),
        "due_reports": due_reports[:SHOWN],
        "late_reports": late_reports[:SHOWN],
        "late_report_count": len(late_reports),
        "decisions": list(
            decisions_for_user(user).select_related("project", "round").order_by("-decided_at", "-pk")[:SHOWN]
        ),
        "latest_reports": list(
            ProgressReport.objects.filter(project__in=projects)
            .select_related("project", "submitted_by")
            .order_by("-submitted_at", "-pk")[:5]
        ),
        "horizon_days": HORIZON_DAYS,
        "open_petitions": open_petitions(user),  # the line with a link to its petitions (tiendo.petitions)
    }
