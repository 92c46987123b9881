from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.core import access
from tiendo.domain.projects import is_late

from . import charts, hooks
from .access import get_project_for_user, projects_for_user
from .forms import AdjustmentForm, DocumentForm, MilestoneForm, ProgressReportForm, ProjectFilterForm, ProjectForm
from .listing import ProjectPaginator
from .models import Document, Milestone, ProgressReport
from .services import adjust_schedule, attach_document, delete_project, record_progress, save_milestone, save_project

PAGE_SIZE = 50


def _can_edit(user) -> bool:
    return access.can(user, "manage_projects")


@require_GET
def project_list(request):
    form = ProjectFilterForm(request.GET or None, user=request.user)
    projects = form.apply(projects_for_user(request.user))
    page = ProjectPaginator(projects, PAGE_SIZE, user=request.user).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_edit": _can_edit(request.user), "today": timezone.localdate()}
    if form.is_valid() and form.cleaned_data.get("behind"):
        context["scan_notice"] = mark_safe(hooks.scan_notice(request.user, request.get_full_path()))
    template = "projects/project_list.html#rows" if request.htmx else "projects/project_list.html"
    return render(request, template, context)


@require_GET
def project_detail(request, code):
    project = get_project_for_user(request.user, code)
    today = timezone.localdate()
    milestones = list(project.milestones.prefetch_related("adjustments"))
    reports = list(project.progress_reports.select_related("submitted_by").order_by("period_end", "pk"))
    context = {
        "project": project,
        "today": today,
        "milestones": milestones,
        "late": [m for m in milestones if is_late(m.facts, today)],
        "reports": list(reversed(reports))[:20],
        "report_count": len(reports),
        "latest": reports[-1] if reports else None,
        "sources": project.capital_sources.all(),
        "legal_documents": project.legal_documents.all(),
        "documents": project.documents.all(),
        "timeline": charts.timeline(milestones, today),
        "progress_chart": charts.progress_series(reports, project.total_investment),
        "can_edit": _can_edit(request.user),
        "can_report": access.can(request.user, "report_on", project),
        "entries": history_entries(project),
    }
    context |= hooks.detail_context(request.user, project, today)
    return render(request, "projects/project_detail.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request):
    if not _can_edit(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = save_project(form.save(commit=False), actor=request.user)
        messages.success(request, _("The project was created."))
        return redirect("projects:detail", code=project.code)
    return render(request, "projects/form.html", {"form": form, "heading": _("New project")})


@require_http_methods(["GET", "POST"])
def project_edit(request, code):
    project = get_project_for_user(request.user, code, edit=True)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.save_with(save_project, actor=request.user) is not None:
            messages.success(request, _("The project was saved."))
            return redirect("projects:detail", code=project.code)
    return render(request, "projects/form.html", {"form": form, "project": project, "heading": _("Edit the project")})


@require_POST
def project_delete(request, code):
    project = get_project_for_user(request.user, code, edit=True)
    delete_project(project, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(
        request, _("The project %(code)s was deleted; an administrator can restore it.") % {"code": project.code}
    )
    return redirect("projects:list")


@require_http_methods(["GET", "POST"])
def milestone_edit(request, code, pk=None):
    project = get_project_for_user(request.user, code, edit=True)
    milestone = access.get_or_404(request.user, Milestone, pk=pk, project=project) if pk else Milestone(project=project)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        if form.save_with(save_milestone, actor=request.user) is not None:
            messages.success(request, _("The milestone was saved."))
            return redirect("projects:detail", code=project.code)
    heading = _("Edit the milestone") if milestone.pk else _("Add a milestone")
    return render(request, "projects/form.html", {"form": form, "project": project, "heading": heading})


@require_http_methods(["GET", "POST"])
def milestone_adjust(request, code, pk):
    project = get_project_for_user(request.user, code, edit=True)
    milestone = access.get_or_404(request.user, Milestone, pk=pk, project=project)
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adjustment = adjust_schedule(
                milestone,
                actor=request.user,
                document_number=data["document_number"],
                decided_on=data["decided_on"],
                new_due=data["new_due"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error("new_due", error)
        else:
            messages.success(request, _("The schedule was adjusted."))
            if adjustment.cap_warning:
                messages.warning(request, adjustment.cap_warning)
            return redirect("projects:detail", code=project.code)
    intro = _("%(milestone)s: current due date %(day)s. The old date is kept in the schedule's history.") % {
        "milestone": milestone.get_kind_display(),
        "day": milestone.current_due.strftime("%d/%m/%Y") if milestone.current_due else "—",
    }
    context = {"form": form, "project": project, "heading": _("Extend a milestone"), "intro": intro}
    return render(request, "projects/form.html", context)


@require_http_methods(["GET", "POST"])
def progress_report(request, code):
    project = get_project_for_user(request.user, code, report=True)
    latest = project.progress_reports.order_by("-period_end", "-pk").first()
    initial = {"period_end": _last_quarter_end(timezone.localdate())}
    if latest:  # start from the last report: most figures only grow
        initial |= {
            "physical_progress": latest.physical_progress,
            "disbursed_to_date": latest.disbursed_to_date,
            "jobs": latest.jobs,
        }
    form = ProgressReportForm(
        request.POST or None, project=project, instance=ProgressReport(project=project), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        record_progress(project, form.save(commit=False), actor=request.user)
        messages.success(request, _("Your progress report was submitted."))
        return redirect("projects:detail", code=project.code)
    intro = _("Amounts in VND. A report is kept as submitted; send a new one to correct it.")
    context = {"form": form, "project": project, "heading": _("Submit a progress report"), "intro": intro}
    return render(request, "projects/form.html", context)


@require_http_methods(["GET", "POST"])
def document_upload(request, code):
    """Those who report on a project may attach its papers (decisions, minutes, photos of the site)."""
    project = get_project_for_user(request.user, code, report=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attach_document(project, form.save(commit=False), actor=request.user)
        messages.success(request, _("The document was attached."))
        return redirect("projects:detail", code=project.code)
    context = {"form": form, "project": project, "heading": _("Attach a document"), "multipart": True}
    return render(request, "projects/form.html", context)


@require_GET
def document_download(request, code, pk):
    """Documents are served only to those who may see the project: the media folder is not public."""
    project = get_project_for_user(request.user, code)
    document = access.get_or_404(request.user, Document, pk=pk, project=project)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])


def _last_quarter_end(today):
    """Reports are quarterly: the period that ended most recently."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return quarter_start - timedelta(days=1)
