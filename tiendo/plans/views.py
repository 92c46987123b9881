"""Plans on the web: thin views over the gatekeepers (access.py), services.py (changes) and exports.py."""

import io
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Max, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.agencies.models import AdminUnit, Agency
from tiendo.audit.history import history_entries
from tiendo.audit.versions import StaleVersion
from tiendo.core import access as core_access
from tiendo.core.templatetags.tiendo import number
from tiendo.domain.text import search_key
from tiendo.jobs.views import file_through_job

from . import exports, facts, selectors, services
from .access import get_plan_for_user, get_version_for_user, items_for_user, plans_for_user
from .allocation_note import allocation_note
from .forms import BudgetReasonForm, DecisionForm, DiscardForm, DraftForm, ItemFilterForm, LinesForm, budget_forms
from .models import TIERS, PlanItem, PlanLine, PlanVersion, Source, SourceBudget

PAGE_SIZE = 50
TIER_ORDER = Case(*(When(tier=t, then=Value(i)) for i, t in enumerate(TIERS)), output_field=IntegerField())


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _sees_all(user) -> bool:
    return core_access.can(user, "see_everything")


def _require_all(user) -> None:
    """Checks, comparisons and the plan tables show every project: the province's staff only."""
    if not _sees_all(user):
        raise PermissionDenied


def _manager(user) -> None:
    if not core_access.can(user, "manage_plans"):
        raise PermissionDenied


# Plans -----------------------------------------------------------------------------------------------------------


@require_GET
def plan_list(request):
    if not core_access.can(request.user, "read_plans"):
        raise PermissionDenied
    plans = plans_for_user(request.user).select_related("medium_term").order_by("kind", "-first_year")
    rows = selectors.plan_overview(plans)
    context = {
        "medium_term": [r for r in rows if r["plan"].kind == "medium_term"],
        "annual": [r for r in rows if r["plan"].kind == "annual"],
        "sees_all": _sees_all(request.user),
        "can_manage": core_access.can(request.user, "manage_plans"),  # the Treasury import link
    }
    return render(request, "plans/plan_list.html", context)


def _version_columns(versions: list[PlanVersion]) -> tuple[list[Source], dict]:
    """Totals per source of each version (one grouped query) and the sources that have any."""
    totals: dict[int, dict[int, int]] = {}
    for version_id, source_id, amount in facts.totals_by_source([v.pk for v in versions]):
        totals.setdefault(version_id, {})[source_id] = amount
    used = {source_id for per in totals.values() for source_id in per}
    sources = list(Source.objects.filter(pk__in=used).order_by("order", "code"))
    return sources, totals


@require_GET
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    current = plan.current_version()
    if request.htmx and current is not None:
        return _items_response(request, current)
    versions = list(plan.versions.select_related("based_on", "approved_by", "created_by").order_by("-number"))
    context = {
        "plan": plan,
        "current": current,
        "versions": versions,
        "sees_all": _sees_all(request.user),
        "can_manage": core_access.can(request.user, "manage_plans"),
    }
    if _sees_all(request.user):
        sources, totals = _version_columns(versions)
        for version in versions:
            per = totals.get(version.pk, {})
            version.columns = [per.get(s.pk, 0) for s in sources]
            version.total = sum(per.values())
        context["sources"] = sources
    if core_access.can(request.user, "manage_plans") and current is not None:
        context["draft_form"] = DraftForm()
    if plan.kind == plan.Kind.MEDIUM_TERM:
        context["annual_plans"] = plan.annual_plans.order_by("first_year")
    if current is not None:
        context |= _items_context(request, current)
    return render(request, "plans/plan_detail.html", context)


@require_POST
def plan_adjust(request, pk):
    plan = get_plan_for_user(request.user, pk)
    _manager(request.user)
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("plans:plan", pk=plan.pk)
    purpose = request.POST.get("purpose") or PlanVersion.Purpose.ADJUSTMENT
    try:
        draft = services.start_draft(
            plan, actor=request.user, purpose=purpose, title=form.cleaned_data["title"], note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("plans:plan", pk=plan.pk)
    messages.success(
        request,
        _("Draft %(title)s was started from the version in force: enter the new capital available, then run the "
          "allocation.") % {"title": draft.title},
    )  # fmt: skip
    return redirect("plans:version", pk=draft.pk)


# The projects of a version (shared by the plan and version pages) -----------------------------------------------


def _filter_choices(items, version: PlanVersion):
    sources = list(Source.objects.filter(pk__in=version.budgets.values("source_id")).order_by("order", "code"))
    project_ids = items.values("project_id")
    agencies = [
        (a.pk, a.short_name or a.display_name)
        for a in Agency.objects.filter(projects__in=project_ids).distinct().order_by("name")
    ]
    communes = [
        (u.pk, u.display_name) for u in AdminUnit.objects.filter(projects__in=project_ids).distinct().order_by("name")
    ]
    return sources, agencies, communes


def filtered_items(items, form: ItemFilterForm):
    if not form.is_valid():
        return items
    data = form.cleaned_data
    if code := data["source"]:
        with_line = PlanLine.objects.filter(source__code=code, item__in=items).values("item_id")
        items = items.filter(Q(pk__in=with_line) | Q(eligible_sources__icontains=f'"{code}"'))
    if data["tier"]:
        items = items.filter(tier=data["tier"])
    if data["agency"]:
        items = items.filter(project__agency_id=data["agency"])
    if data["commune"]:
        items = items.filter(project__commune_id=data["commune"])
    if key := search_key(data["q"]):
        items = items.filter(project__search_key__contains=key)
    return items


def _items_context(request, version: PlanVersion) -> dict:
    visible = items_for_user(request.user, version)
    sources, agencies, communes = _filter_choices(visible, version)
    form = ItemFilterForm(request.GET or None, sources=sources, agencies=agencies, communes=communes)
    items = filtered_items(visible, form)
    items = items.select_related("project", "project__agency", "project__commune").order_by(TIER_ORDER, "project__code")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    facts.attach_lines(rows, sources)
    can_edit = version.is_draft and core_access.can(request.user, "manage_plans")
    return {
        "version": version,
        "form": form,
        "page": page,
        "rows": rows,
        "columns": sources,
        "can_edit": can_edit,
        "items_url": request.path,
        "query": request.GET.urlencode(),
    }


def _items_response(request, version: PlanVersion):
    return render(request, "plans/_items.html#rows", _items_context(request, version))


# Versions --------------------------------------------------------------------------------------------------------


def _version_context(request, version: PlanVersion) -> dict:
    user = request.user
    sees_all = _sees_all(user)
    context = {
        "plan": version.plan,
        "version": version,
        "sees_all": sees_all,
        "can_edit": version.is_draft and core_access.can(user, "manage_plans"),
    }
    if sees_all:
        budgets = selectors.budget_rows(version)
        breaches, decider = facts.checks(version)
        context |= {
            "budgets": budgets,
            "budget_totals": selectors.totals(budgets),
            "breaches": breaches,
            "decider": decider,
            "run_note": allocation_note(version.allocation),
            "changes": facts.changes(version),
            "entries": history_entries(version),
        }
    return context


@require_GET
def version_detail(request, pk):
    version = get_version_for_user(request.user, pk)
    if request.htmx:
        return _items_response(request, version)
    context = _version_context(request, version)
    context |= _items_context(request, version)
    return render(request, "plans/version_detail.html", context)


@require_GET
def version_checks(request, pk):
    """The checks alone: what htmx swaps in after a line is set by hand or the allocation runs."""
    version = get_version_for_user(request.user, pk)
    _require_all(request.user)
    breaches, decider = facts.checks(version)
    context = {"version": version, "breaches": breaches, "decider": decider}
    return render(request, "plans/version_detail.html#checks", context)


@require_http_methods(["GET", "POST"])
def version_budgets(request, pk):
    version = get_version_for_user(request.user, pk, edit=True)
    if not version.is_draft:
        messages.error(request, _("Only a draft can change."))
        return redirect("plans:version", pk=version.pk)
    data = request.POST if request.method == "POST" else None
    rows = budget_forms(version, data)
    reason_form = BudgetReasonForm(data)
    if request.method == "POST" and reason_form.is_valid() and all(form.is_valid() for _s, _a, form in rows):
        amounts, cuts, expected, releases = {}, [], {}, {}
        for source, available, form in rows:
            if form.cleaned_data.get("version") is not None:
                expected[source.code] = form.cleaned_data["version"]
            if form.cleaned_data.get("release") is not None and form.cleaned_data["release"] != form.released:
                releases[source.code] = form.cleaned_data["release"]
            if form.cleaned_data.get("amount") is not None:
                amounts[source.code] = form.cleaned_data["amount"]
            elif form.cleaned_data.get("cut") is not None:
                if available is None:
                    form.add_error("cut", _("This source has no capital yet: give an amount."))
                    continue
                cuts.append((source.code, form.cleaned_data["cut"]))
        reason = reason_form.cleaned_data["reason"]
        if not amounts and not cuts and not releases and all(form.is_valid() for _s, _a, form in rows):
            reason_form.add_error(None, _("Give a new amount or a cut for at least one source."))
        elif all(not form.errors for _s, _a, form in rows):
            try:
                services.change_budgets(
                    version,
                    actor=request.user,
                    amounts=amounts,
                    cuts=cuts,
                    reason=reason,
                    expected_versions=expected,
                    releases=releases,
                )
            except ValidationError as error:
                reason_form.add_error(None, _errors(error))
                if isinstance(error, StaleVersion):
                    rows = _refreshed_budget_versions(version, rows)
            else:
                messages.success(request, _("The capital available was saved; run the allocation to apply it."))
                return redirect("plans:version", pk=version.pk)
    context = {"plan": version.plan, "version": version, "rows": rows, "reason_form": reason_form}
    return render(request, "plans/budgets.html", context, status=400 if request.method == "POST" else 200)


def _refreshed_budget_versions(version, rows):
    """After a stale save: the entries stay, carrying the versions read now, so a second save re-applies them."""
    read = dict(version.budgets.values_list("source__code", "row_version"))
    for source, _available, form in rows:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = read.get(source.code, 0)
    return rows


@require_POST
def version_run(request, pk):
    version = get_version_for_user(request.user, pk, edit=True)
    try:
        run = services.run_allocation(version, actor=request.user, cuts_only=request.POST.get("cuts_only") == "on")
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("The allocation ran in %(seconds)s s: %(created)s lines added, %(updated)s changed, %(deleted)s "
              "removed, %(manual)s set by hand kept.")
            % {"seconds": number(Decimal(str(run.summary["seconds"])), 1), "created": number(run.created),
               "updated": number(run.updated), "deleted": number(run.deleted), "manual": number(run.kept_manual)},
        )  # fmt: skip
    return redirect("plans:version", pk=version.pk)


@require_http_methods(["GET", "POST"])
def version_approve(request, pk):
    version = get_version_for_user(request.user, pk, edit=True)
    if not version.is_draft:
        messages.error(request, _("Only a draft can change."))
        return redirect("plans:version", pk=version.pk)
    breaches, decider = facts.checks(version)
    initial = {"body": decider.body} if decider and decider.body else {}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.approve_draft(
                version, actor=request.user, number=data["number"], day=data["day"], body=data["body"],
                override=data["override"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request,
                _("Version %(n)d is in force (%(number)s); the version it replaced is superseded.")
                % {"n": version.number, "number": data["number"]},
            )
            return redirect("plans:version", pk=version.pk)
    context = {
        "plan": version.plan,
        "version": version,
        "form": form,
        "breaches": breaches,
        "errors": [b for b in breaches if b.severity == services.ERROR],
        "decider": decider,
    }
    return render(request, "plans/approve.html", context, status=400 if request.method == "POST" else 200)


@require_POST
def version_discard(request, pk):
    version = get_version_for_user(request.user, pk, edit=True)
    form = DiscardForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.discard_draft(version, actor=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("plans:version", pk=version.pk)
    messages.success(request, _("The draft was discarded."))
    return redirect("plans:plan", pk=version.plan_id)


@require_GET
def version_compare(request, pk):
    version = get_version_for_user(request.user, pk)
    _require_all(request.user)
    against = version.based_on
    if request.GET.get("against"):
        against = get_version_for_user(request.user, request.GET["against"])
        if against.plan_id != version.plan_id:
            raise Http404
    if against is None:
        messages.error(request, _("This version is the plan as first approved: there is nothing to compare it with."))
        return redirect("plans:version", pk=version.pk)
    result = facts.comparison(version, against)
    kind = request.GET.get("kind", "changed")
    rows = (
        result.rows
        if kind == "all"
        else [r for r in result.rows if r.kind != "unchanged" and (kind in ("changed", r.kind))]
    )
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    context = {
        "plan": version.plan,
        "version": version,
        "against": against,
        "result": result,
        "page": page,
        "kind": kind,
        "kinds": [
            ("changed", _("Every change")),
            ("increase", _("Increases")),
            ("cut", _("Cuts")),
            ("new", _("New lines")),
            ("removed", _("Removed lines")),
            ("all", _("All lines")),
        ],
        "others": version.plan.versions.exclude(pk=version.pk).order_by("-number"),
    }
    return render(request, "plans/compare.html", context)


# Exports ---------------------------------------------------------------------------------------------------------


@require_GET
def export_xlsx(request, pk):
    version = get_version_for_user(request.user, pk)
    _require_all(request.user)
    target = io.BytesIO()
    exports.write_workbook(version, target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=exports.workbook_name(version))


def _tables_stamp(version: PlanVersion) -> str:
    """The tables stay valid until the version, its capital, projects or lines change (their history grows)."""
    marks = [
        model.history.filter(**{field: version.pk}).aggregate(last=Max("history_id"))["last"] or 0
        for model, field in ((PlanVersion, "id"), (SourceBudget, "version_id"), (PlanItem, "version_id"),
                             (PlanLine, "version_id"))
    ]  # fmt: skip
    if version.based_on_id:
        marks.append(PlanLine.history.filter(version_id=version.based_on_id).aggregate(last=Max("history_id"))["last"])
    return f"{timezone.localdate():%Y%m%d}:{marks}"


@require_GET
def tables_pdf(request, pk):
    """About 30 ms a project line (WeasyPrint): a background job makes it once per state of the version (its file
    then serves every reader until the version changes), the job's page shows its progress meanwhile."""
    version = get_version_for_user(request.user, pk)
    _require_all(request.user)
    return file_through_job(
        request,
        "plans.appendix_pdf",
        subject=str(version),
        params={"version": version.pk},
        dedupe_key=f"{version.pk}:{_tables_stamp(version)}",
        back=reverse("plans:version", args=[version.pk]),
        stream=False,
        reuse_done=True,
    )


# A project in a version ------------------------------------------------------------------------------------------


def get_item_for_user(user, pk) -> PlanItem:
    items = PlanItem.objects.select_related(
        "version", "version__plan", "project", "project__agency", "project__commune", "project__funding"
    )
    return core_access.get_or_404(user, PlanItem, queryset=items, pk=pk)


def _lines_form(item: PlanItem, data=None) -> LinesForm:
    lines = {line.source.code: line for line in item.lines.select_related("source")}
    codes = list(dict.fromkeys([*item.eligible_sources, *lines]))
    budgets = set(item.version.budgets.values_list("source__code", flat=True))
    codes = [c for c in codes if c in budgets or c in lines]
    by_code = {s.code: s for s in Source.objects.filter(code__in=codes)}
    sources = sorted(by_code.values(), key=lambda s: (s.order, s.code))
    return LinesForm(
        data,
        sources=sources,
        current={code: line.amount for code, line in lines.items()},
        manual={code for code, line in lines.items() if line.manual},
        versions={code: line.row_version for code, line in lines.items()},
    )


def _item_context(request, item: PlanItem, form: LinesForm | None) -> dict:
    version = item.version
    lines = list(item.lines.select_related("source").order_by("source__order", "source__code"))
    allocated = sum(line.amount for line in lines)
    return {
        "plan": version.plan,
        "version": version,
        "item": item,
        "lines": lines,
        "allocated": allocated,
        "shortfall": max(item.need - allocated, 0),
        "funding": getattr(item.project, "funding", None),
        "eligible": list(Source.objects.filter(code__in=item.eligible_sources).order_by("order", "code")),
        "form": form,
        "breaches": [b for b in facts.breaches(version) if b.item_id == item.pk] if _sees_all(request.user) else [],
    }


@require_http_methods(["GET", "POST"])
def item_detail(request, pk):
    """A project in a version: its facts, lines and checks; on a draft, a specialist sets its lines by hand (htmx
    swaps the lines and checks and tells the page that the plan changed)."""
    item = get_item_for_user(request.user, pk)
    version = item.version
    can_edit = version.is_draft and core_access.can(request.user, "manage_plans")
    if request.method == "GET":
        context = _item_context(request, item, _lines_form(item) if can_edit else None)
        context |= {"entries": history_entries(item), "line_changes": facts.line_history(item)}
        return render(request, "plans/item_detail.html", context)
    _manager(request.user)
    if not can_edit:
        messages.error(request, _("Only a draft can change."))
        return redirect("plans:item", pk=item.pk)
    form = _lines_form(item, request.POST)
    saved = None
    if form.is_valid():
        amounts = form.amounts()
        try:
            saved = services.set_lines(
                version,
                actor=request.user,
                item=item,
                amounts=amounts,
                reason=form.cleaned_data["reason"],
                expected_versions=form.expected_versions(amounts),
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
            if isinstance(error, StaleVersion):  # the entries stay; a second save re-applies them knowingly
                form.data = form.data.copy()
                for code, line_version in _lines_form(item).versions.items():
                    form.data[f"version_{code}"] = line_version
    if saved is not None and not request.htmx:
        messages.success(
            request, _("%(n)d lines of %(code)s were saved.") % {"n": len(saved), "code": item.project.code}
        )
        return redirect("plans:item", pk=item.pk)
    if saved is not None:
        item = get_item_for_user(request.user, pk)
        form = _lines_form(item)
    context = _item_context(request, item, form) | {"saved": saved}
    if request.htmx:
        response = render(request, "plans/item_detail.html#lines", context)
        if saved:
            response["HX-Trigger"] = "plans-changed"
        return response
    context |= {"entries": history_entries(item), "line_changes": facts.line_history(item)}
    return render(request, "plans/item_detail.html", context, status=400)
