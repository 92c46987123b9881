"""/petitions/: the province's petition desk and the agencies' list — the queue with its tabs (new, due soon,
overdue, waiting, all), the intake of a letter, a call, the national system's or an e-mail, and the attachments'
downloads. Everything starts from the access layer: an officer's queue is its agency's petitions."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.core import access
from tiendo.domain.petitions import deadlines as rules
from tiendo.domain.petitions.states import OPEN
from tiendo.domain.workdays import WorkCalendar, add_working_days
from tiendo.workdays.calendar import work_calendar

from . import services
from .forms_desk import TABS, IntakeForm, QueueFilterForm
from .models import Attachment, Petition, State

PAGE_SIZE = 50
TAB_LABELS = {
    "new": gettext_lazy("New"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
    "waiting": gettext_lazy("Waiting"),
    "all": gettext_lazy("All"),
}
WAITING = (State.WAITING_ENTERPRISE, State.WAITING_AGENCY)
# the clock runs in these open states (it stands still while the enterprise owes information)
RUNNING = tuple(state.value for state in OPEN if state.value != State.WAITING_ENTERPRISE)


def elsewhere(name: str, *args) -> str:
    """A page another part of the section builds (the investor's own pages): reversed when asked, so this module
    loads without it; until it exists the investor gets a 404 rather than an error."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        raise Http404 from None


@require_GET
def home(request):
    access.require(request.user, "read_petitions")
    if access.can(request.user, "is_investor"):
        return redirect(elsewhere("petitions:mine"))
    return redirect("petitions:queue")


def tab_filters(today: date, calendar: WorkCalendar) -> dict[str, Q]:
    """What each tab shows, on `today`: due soon = the answer due within REMIND_BEFORE working days."""
    remind = settings.TIENDO_PETITIONS_REMIND_BEFORE
    soon_until = add_working_days(calendar, today, remind + 1) - timedelta(days=1)
    return {
        "new": Q(state=State.RECEIVED),
        "due_soon": Q(state__in=RUNNING, due_on__gte=today, due_on__lte=soon_until),
        "overdue": Q(state__in=RUNNING, due_on__lt=today),
        "waiting": Q(state__in=WAITING),
        "all": Q(),
    }


TAB_ORDER = {
    "new": ("received_on", "pk"),
    "due_soon": ("due_on", "pk"),
    "overdue": ("due_on", "pk"),
    "waiting": ("due_on", "pk"),
    "all": ("-received_on", "-pk"),
}


def page_calendar(today: date, days) -> WorkCalendar:
    """One calendar for a page: the years of today and of every deadline shown."""
    years = {today.year, *(day.year for day in days if day)}
    return work_calendar(range(min(years), max(years) + 1))


def deadline_text(petition, today: date, calendar: WorkCalendar) -> tuple[str, str]:
    """The deadline's words and a badge class: working days left, late, paused, or nothing owed."""
    if petition.due_on is None or petition.state not in {s.value for s in OPEN}:
        return "", ""
    if petition.state == State.WAITING_ENTERPRISE:
        return _("paused"), "muted"
    try:
        if today <= petition.due_on:
            left = rules.working_days_left(calendar, today, petition.due_on)
            words = _("%(days)d working days left") % {"days": left} if left else _("due today")
            return words, "warn" if left <= settings.TIENDO_PETITIONS_REMIND_BEFORE else "ok"
        late = rules.working_days_late(calendar, petition.due_on, today)
        return _("%(days)d working days late") % {"days": late}, "bad"
    except ValueError:  # a span the calendar refuses (decades): say nothing rather than fail
        return "", ""


@require_GET
def queue(request):
    """The specialist's queue; for an officer, its agency's petitions (the access layer scopes them)."""
    access.require(request.user, "read_petitions")
    if access.can(request.user, "is_investor"):
        return redirect(elsewhere("petitions:mine"))
    today = timezone.localdate()
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "new"
    form = QueueFilterForm(request.GET or None, user=request.user)
    visible = access.visible(request.user, Petition)
    petitions = form.apply(Petition.objects.filter(pk__in=visible.values("pk")))
    filters = tab_filters(today, work_calendar([today.year]))
    counts = petitions.aggregate(**{name: Count("pk", filter=q) for name, q in filters.items()})
    shown = petitions.filter(filters[tab]).select_related("enterprise", "agency").order_by(*TAB_ORDER[tab])
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    calendar = page_calendar(today, [p.due_on for p in rows])
    for petition in rows:
        petition.deadline_words, petition.deadline_class = deadline_text(petition, today, calendar)
    kept = {k: v for k, v in request.GET.items() if k not in ("tab", "page") and v}
    tabs = [
        {"key": key, "label": TAB_LABELS[key], "count": counts[key], "url": "?" + urlencode({**kept, "tab": key})}
        for key in TABS
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tab": tab,
        "tabs": tabs,
        "today": today,
        "can_receive": access.can(request.user, "receive_petitions"),
        "is_officer": access.can(request.user, "works_for_agency"),
    }
    template = "petitions/desk_queue.html#rows" if request.htmx else "petitions/desk_queue.html"
    return render(request, template, context)


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: each message on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for one in errors:
                form.add_error(field if field in form.fields else None, one.messages)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
def create(request):
    """A petition that came by letter, hotline, the national system or e-mail, recorded by the desk or an agency."""
    access.require(request.user, "receive_petitions")
    if access.can(request.user, "is_investor"):
        return redirect(elsewhere("petitions:mine"))  # its own page offers its submission form
    form = IntakeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        concerned = list(data["concerned"])
        agency = getattr(request.user, "agency", None)
        if access.can(request.user, "works_for_agency") and agency is not None and agency not in concerned:
            concerned.append(agency)  # the receiving agency follows what it recorded
        try:
            petition = services.receive(
                form.save(commit=False),
                actor=request.user,
                projects=form.projects,
                concerned=concerned,
                files=[(upload.name, upload) for upload in data["files"]],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Petition %(number)s was received.") % {"number": petition.number})
            if access.visible(request.user, Petition).filter(pk=petition.pk).exists():
                return redirect("petitions:detail", petition.pk)
            return redirect("petitions:queue")
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/desk_intake.html", {"form": form}, status=status)


@require_GET
def attachment(request, pk, attachment_pk):
    """A petition's file, to whoever sees the petition."""
    petition = access.get_or_404(request.user, Petition, pk=pk)
    record = access.get_or_404(request.user, Attachment, pk=attachment_pk, petition=petition)
    if not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=record.file.name.rsplit("/", 1)[-1])


def forbid_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
