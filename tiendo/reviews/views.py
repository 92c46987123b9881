"""Review rounds on the web: thin views over services.py (changes) and exports.py (Excel, PDF brief)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.history import history_entries
from tiendo.core import access as core_access
from tiendo.core.templatetags.tiendo import number
from tiendo.directives.models import Task
from tiendo.domain import schedule_rules
from tiendo.domain.text import search_key
from tiendo.jobs.queue import start_job
from tiendo.jobs.views import file_through_job

from . import exports, item_panels, selectors, services
from .forms import DecisionForm, FollowUpFormSet, ItemEditForm, ItemFilterForm, RoundForm
from .models import ReviewItem, ReviewRound
from .scan_state import scan_notice

PAGE_SIZE = 50


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def get_round_for_user(user, pk) -> ReviewRound:
    """A round the user may read; officers and investors get the same 404 as for a round that does not exist."""
    rounds = ReviewRound.objects.select_related("opened_by", "submitted_by", "conclusion")
    return core_access.get_or_404(user, ReviewRound, queryset=rounds, pk=pk)


def get_item_for_user(user, pk) -> ReviewItem:
    items = ReviewItem.objects.select_related(
        "round", "round__conclusion", "project", "project__investor", "decided_by"
    )
    return core_access.get_or_404(user, ReviewItem, queryset=items, pk=pk)


def _permissions(user, review: ReviewRound) -> dict[str, bool]:
    return {
        "can_prepare": core_access.can(user, "prepare_reviews") and review.state == ReviewRound.State.OPEN,
        "can_decide": core_access.can(user, "decide_reviews") and review.state == ReviewRound.State.SUBMITTED,
        "can_draft_brief": core_access.can(user, "prepare_reviews"),
    }


# Rounds ----------------------------------------------------------------------------------------------------------


@require_GET
def round_list(request):
    core_access.require(request.user, "view_reviews")
    rounds = selectors.rounds_for_user(request.user).annotate(
        item_count=Count("items"),
        confirmed_count=Count("items", filter=Q(items__confirmed=True)),
        decided_count=Count("items", filter=~Q(items__decision="")),
    )
    page = Paginator(rounds.select_related("opened_by").order_by("-opened_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "can_open": core_access.can(request.user, "prepare_reviews"),
        "can_scan": core_access.can(request.user, "scan"),
        "scan_notice": scan_notice(request.user),
    }
    return render(request, "reviews/round_list.html", context)


@require_POST
def scan_now(request):
    """Evaluate every running project now (the nightly scan), as a background job whose page shows its progress."""
    core_access.require(request.user, "scan")
    back = request.POST.get("back", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("reviews:list")  # the page the job's page links back to: this site's, never another's
    job = start_job("reviews.scan", actor=request.user, params={"back": back}, dedupe_key="scan")
    return redirect("jobs:detail", pk=job.pk)


@require_http_methods(["GET", "POST"])
def round_open(request):
    core_access.require(request.user, "prepare_reviews")
    form = RoundForm(request.POST or None, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.open_round(
                actor=request.user, title=data["title"], as_of=data["as_of"], scope=data["scope"], note=data["note"]
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            count = review.items.count()
            messages.success(
                request,
                _("The review was opened: %(found)s of %(total)s projects are behind schedule.")
                % {"found": number(count), "total": number(review.projects)},
            )
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/round_form.html", {"form": form})


def _filtered(review: ReviewRound, form: ItemFilterForm):
    """The round's items under the filters other than the handling (whose counts the page shows)."""
    items = review.items.all()
    if not form.is_valid():
        return items, ""
    data = form.cleaned_data
    if data["confirmed"]:
        items = items.filter(confirmed=data["confirmed"] == "yes")
    if data["decided"] == "yes":
        items = items.exclude(decision="")
    elif data["decided"] == "no":
        items = items.filter(decision="")
    if key := search_key(data["q"]):
        items = items.filter(search_key__contains=key)
    return items, data["proposal"]


def _attach_tasks(review: ReviewRound, items: list[ReviewItem]) -> None:
    by_project: dict[int, list[Task]] = {}
    for task in selectors.tasks_of(review, [i.project_id for i in items if i.decision]).select_related("lead_agency"):
        by_project.setdefault(task.project_id, []).append(task)
    for item in items:
        item.follow_ups = by_project.get(item.project_id, []) if item.decision else []


@require_GET
def round_detail(request, pk):
    review = get_round_for_user(request.user, pk)
    form = ItemFilterForm(request.GET or None)
    items, proposal = _filtered(review, form)
    groups = selectors.group_counts(review, items)
    rows = items.filter(proposal=proposal) if proposal else items
    rows = rows.select_related("project", "project__investor", "decided_by").defer("findings")
    rows = rows.order_by("-rank", "proposal", F("days_behind").desc(nulls_last=True), "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page_items = list(page.object_list)
    _attach_tasks(review, page_items)
    for item in page_items:
        item.label = exports.label_of(item.proposal)
    permissions = _permissions(request.user, review)
    if permissions["can_prepare"]:
        for item in page_items:
            item.form = ItemEditForm.for_item(item, prefix=f"i{item.pk}")
    totals = review.items.aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed=True)),
        decided=Count("pk", filter=~Q(decision="")),
    )
    context = {
        "review": review,
        "form": form,
        "groups": groups,
        "proposal": proposal,
        "page": page,
        "items": page_items,
        "totals": totals,
        "query": request.GET.urlencode(),
        "entries": [] if request.htmx else history_entries(review),
        **permissions,
    }
    template = "reviews/round_detail.html#rows" if request.htmx else "reviews/round_detail.html"
    return render(request, template, context)


def _back(request, review: ReviewRound) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    query = request.POST.get("query", "")
    url = reverse("reviews:detail", args=[review.pk])
    return f"{url}?{query}" if query else url


@require_POST
def round_confirm_all(request, pk):
    review = get_round_for_user(request.user, pk)
    core_access.require(request.user, "prepare_reviews")
    try:
        count = services.confirm_items(review, actor=request.user, proposal=request.POST.get("proposal", ""))
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("%(n)s proposals confirmed.") % {"n": number(count)})
    return redirect(_back(request, review))


@require_POST
def round_submit(request, pk):
    review = get_round_for_user(request.user, pk)
    core_access.require(request.user, "prepare_reviews")
    try:
        services.submit_round(review, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The review was submitted to the leaders with its confirmed proposals."))
    return redirect("reviews:detail", pk=review.pk)


# Items -----------------------------------------------------------------------------------------------------------


@require_POST
def item_edit(request, pk):
    """The specialist's row: another handling, the sentence reworded, a note, confirmed. htmx swaps the row."""
    item = get_item_for_user(request.user, pk)
    core_access.require(request.user, "prepare_reviews")
    prefix = request.POST.get("prefix") or None
    form = ItemEditForm(request.POST, prefix=prefix)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        text = data["proposal_text"]
        if data["proposal"] != item.proposal and text.strip() in ("", item.proposal_text):
            text = None  # another handling, the sentence untouched: tiendo writes it for the new handling
        try:
            item = services.edit_item(
                item, actor=request.user, proposal=data["proposal"], proposal_text=text, note=data["note"],
                confirmed=data["confirmed"],
            )  # fmt: skip
        except ValidationError as exc:
            error = _errors(exc)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("The proposal for %(code)s was saved.") % {"code": item.project.code})
        return redirect(_back(request, item.round))
    item = get_item_for_user(request.user, pk)
    _attach_tasks(item.round, [item])
    item.label = exports.label_of(item.proposal)
    item.form = ItemEditForm.for_item(item, prefix=f"i{item.pk}") if not error else form
    context = {"review": item.round, "i": item, "row_error": error, **_permissions(request.user, item.round)}
    return render(request, "reviews/round_detail.html#row", context)


@require_GET
def item_detail(request, pk):
    item = get_item_for_user(request.user, pk)
    review = item.round
    permissions = _permissions(request.user, review)
    context = _item_context(request, item, permissions)
    if permissions["can_decide"] and item.confirmed:
        context["decision_form"] = DecisionForm(
            initial={"decision": item.decision or "agreed", "decision_text": item.decision_text}
        )
        context["follow_ups"] = FollowUpFormSet(initial=[selectors.suggested_follow_up(item)], prefix="task")
    return render(request, "reviews/item_detail.html", context)


def _item_context(request, item: ReviewItem, permissions: dict) -> dict:
    _attach_tasks(item.round, [item])
    return {
        "item": item,
        "review": item.round,
        "findings": [
            {**f, "title": schedule_rules.Text(**f["title"]), "proposal_label": exports.label_of(f["proposal"])}
            for f in item.findings
        ],
        "label": exports.label_of(item.proposal),
        "schedule": exports.schedule_text(item, translation.get_language() or "vi"),
        "edit_form": ItemEditForm.for_item(item) if permissions["can_prepare"] else None,
        "entries": history_entries(item),
        # what apps above reviews add about the item's project (tiendo.reviews.item_panels)
        "panels": item_panels.panels(request.user, item, timezone.localdate(), request),
        **permissions,
    }


@require_POST
def item_decide(request, pk):
    item = get_item_for_user(request.user, pk)
    core_access.require(request.user, "decide_reviews")
    permissions = _permissions(request.user, item.round)
    form = DecisionForm(request.POST)
    follow_ups = FollowUpFormSet(request.POST, prefix="task")
    if form.is_valid() and follow_ups.is_valid():
        tasks = [
            services.FollowUp(f.cleaned_data["agency"], f.cleaned_data["title"], f.cleaned_data["deadline"])
            for f in follow_ups
            if f.cleaned_data and f.is_task
        ]
        try:
            created = services.decide_item(
                item,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["decision_text"],
                follow_ups=tasks,
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request,
                _("The decision on %(code)s was recorded with %(n)d follow-up tasks.")
                % {"code": item.project.code, "n": len(created)},
            )
            query = request.POST.get("query", "")
            url = reverse("reviews:detail", args=[item.round_id])
            return redirect(f"{url}?{query}" if query else url)
    context = _item_context(request, item, permissions)
    context |= {"decision_form": form, "follow_ups": follow_ups}
    return render(request, "reviews/item_detail.html", context, status=400)


# Exports ---------------------------------------------------------------------------------------------------------


@require_GET
def export_xlsx(request, pk):
    review = get_round_for_user(request.user, pk)
    return file_through_job(
        request,
        "reviews.workbook",
        subject=review.title,
        params={"round": review.pk},
        dedupe_key=f"{review.pk}:{_brief_version(review)}",
        back=reverse("reviews:detail", args=[review.pk]),
        stream=True,
        reuse_done=False,
    )


def _brief_version(review: ReviewRound) -> str:
    """A brief stays valid until an item changes (its history grows), the round changes state, or the day turns."""
    version = ReviewItem.history.filter(round_id=review.pk).aggregate(n=Count("history_id"), last=Max("history_date"))
    last = version["last"].timestamp() if version["last"] else 0
    return f"{review.state}:{timezone.localdate():%Y%m%d}:{version['n']}:{last}"


@require_GET
def brief_pdf(request, pk):
    """A background job makes the brief once per round, language, version and state of the round (its file then
    serves everyone who may see the round); the job's page shows its steps meanwhile. `?draft=1`: the specialist's
    draft, which lists the citations to check before submitting (those who prepare reviews only)."""
    review = get_round_for_user(request.user, pk)
    draft = request.GET.get("draft") == "1"
    if draft:
        core_access.require(request.user, "prepare_reviews")
    language = translation.get_language() or "vi"
    version = "draft" if draft else "final"
    return file_through_job(
        request,
        "reviews.brief",
        subject=f"{review.title} ({_('draft') if draft else _('official')})",
        params={"round": review.pk, "language": language, "draft": draft},
        dedupe_key=f"{review.pk}:{language}:{version}:{_brief_version(review)}",
        back=reverse("reviews:detail", args=[review.pk]),
        stream=False,
        reuse_done=True,
    )
