"""The enterprise's own petitions (issue 16, point 7): its list, the submission form, each petition as the
enterprise sees it — the interface and the states in its language, the text and the answer as written with a
translator's translation below — the public timeline without the officers' names nor internal notes, and its
moves: reply to a request for information, rate the answer, reopen once, withdraw."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.domain.petitions import states as rules

from . import services
from .deadlines import deadline_rules
from .forms_investor import RateForm, ReasonForm, ReplyForm, SubmitForm
from .models import Attachment, Petition, State

# the states in which an answer is still awaited: only these show an expected answer date
OPEN_STATES = frozenset(state.value for state in rules.OPEN)


def _investor(request) -> None:
    """These pages are the petitioner's: an investor account with an enterprise (staff work from the desk)."""
    if not (access.can(request.user, "is_investor") and access.can(request.user, "receive_petitions")):
        raise Http404


def _petition(request, pk) -> Petition:
    _investor(request)
    return access.get_or_404(
        request.user, Petition, queryset=Petition.objects.select_related("agency", "merged_into"), pk=pk
    )


@require_GET
def mine(request):
    """The enterprise's petitions; the staff, who reach it by a link, are sent to the desk's queue."""
    if not access.can(request.user, "is_investor"):
        try:
            queue = reverse("petitions:queue") if access.can(request.user, "read_petitions") else ""
        except NoReverseMatch:
            queue = ""
        if queue:
            return redirect(queue)
        raise Http404
    _investor(request)
    petitions = access.visible(request.user, Petition).order_by("-received_on", "-pk")
    page = Paginator(petitions, 50).get_page(request.GET.get("page"))
    open_count = petitions.open().count()
    context = {"page": page, "open_count": open_count, "open_states": OPEN_STATES}
    return render(request, "petitions/investor_list.html", context)


@require_http_methods(["GET", "POST"])
def submit(request):
    _investor(request)
    form = SubmitForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        petition = Petition(
            channel="investor_portal",
            topic=data["topic"],
            title=data["title"],
            text=data["text"],
            publish_consent=data["publish_consent"],
        )
        try:
            petition = services.receive(
                petition,
                actor=request.user,
                projects=data["projects"],
                concerned=data["concerned_agencies"],
                files=[(upload.name, upload) for upload in data["attachments"]],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your petition was received as number %(number)s. An answer is expected by %(day)s, "
                    "%(days)s working days after its receipt."
                )
                % {
                    "number": petition.number,
                    "day": petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—",
                    "days": deadline_rules().answer_days,
                },
            )
            return redirect("petitions:my_petition", pk=petition.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "petitions/investor_submit.html", {"form": form, "days": deadline_rules().answer_days}, status=status
    )


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has it, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _translation(petition: Petition, field: str) -> tuple[bool, str]:
    """(a translation belongs on this page, the translator's text or "") for "text" or "answer" in the page's
    language: English and Chinese pages show one below the original; the Vietnamese page needs none."""
    language = (get_language() or "vi").lower()
    suffix = "en" if language.startswith("en") else "zh" if language.startswith("zh") else ""
    if not suffix:
        return False, ""
    return True, getattr(petition, f"{field}_{suffix}")


def _moves(request, petition: Petition) -> dict[str, bool]:
    """What the petitioner may do now, by the state table (the services check again)."""
    if not access.can(request.user, "act_as_petitioner", petition):
        return {"can_reply": False, "can_rate": False, "can_reopen": False, "can_withdraw": False}
    state = rules.State(petition.state)
    return {
        "can_reply": state == rules.State.WAITING_ENTERPRISE,
        "can_rate": rules.can_move(state, rules.State.RATED),
        "can_reopen": rules.is_reopening(state, rules.State.IN_PROGRESS)
        and rules.can_move(state, rules.State.IN_PROGRESS)
        and petition.reopen_count < rules.REOPEN_LIMIT,
        "can_withdraw": rules.withdrawable(state),
    }


def _context(request, petition: Petition, **forms) -> dict:
    version = {"version": petition.version}
    show_text, text_translation = _translation(petition, "text")
    show_answer, answer_translation = _translation(petition, "answer")
    context = {
        "petition": petition,
        # the public timeline: states and days, never who moved it nor why (internal notes, officers' names)
        "timeline": [(State(c.to_state).label, c.day) for c in petition.changes.all()],
        "pauses": list(petition.pauses.all()),
        "open_pause": petition.pauses.filter(ended_on__isnull=True).first(),
        "attachments": list(access.visible(request.user, Attachment).filter(petition=petition)),
        "projects": list(access.visible(request.user, petition.projects.model).filter(pk__in=petition.projects.all())),
        "show_translation": show_text,
        "text_translation": text_translation,
        "show_answer_translation": show_answer,
        "answer_translation": answer_translation,
        "is_open": petition.state in OPEN_STATES,
        "reply_form": forms.get("reply_form") or ReplyForm(initial=version),
        "rate_form": forms.get("rate_form") or RateForm(initial=version),
        "reopen_form": forms.get("reopen_form") or ReasonForm(initial=version, prefix="reopen"),
        "withdraw_form": forms.get("withdraw_form") or ReasonForm(initial=version, prefix="withdraw"),
        "reopen_limit": rules.REOPEN_LIMIT,
    }
    return context | _moves(request, petition)


@require_GET
def my_petition(request, pk):
    petition = _petition(request, pk)
    return render(request, "petitions/investor_detail.html", _context(request, petition))


def _act(request, pk, form, name: str, action, success: str):
    """Run a petitioner's move from its form: done → back to the page with a message; refused (bad input, a
    stale version, a move the state no longer allows) → the page again with the entries kept and the reason."""
    petition = _petition(request, pk)
    if form.is_valid():
        try:
            action(petition, form.cleaned_data)
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = stale.current
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("petitions:my_petition", pk=pk)
    petition = _petition(request, pk)
    context = _context(request, petition, **{name: form})
    return render(request, "petitions/investor_detail.html", context, status=400)


@require_POST
def my_reply(request, pk):
    form = ReplyForm(request.POST, request.FILES)

    def action(petition, data):
        services.enterprise_replies(
            petition,
            actor=request.user,
            reply=data["reply"],
            files=[(upload.name, upload) for upload in data["attachments"]],
            expected_version=data["version"],
        )

    return _act(request, pk, form, "reply_form", action, _("Your reply was sent; the answer period runs again."))


@require_POST
def my_rate(request, pk):
    form = RateForm(request.POST)

    def action(petition, data):
        services.rate(
            petition, actor=request.user, rating=data["rating"], reason=data["reason"], expected_version=data["version"]
        )

    return _act(request, pk, form, "rate_form", action, _("Thank you: your rating was recorded."))


@require_POST
def my_reopen(request, pk):
    form = ReasonForm(request.POST, prefix="reopen")

    def action(petition, data):
        services.reopen(petition, actor=request.user, reason=data["reason"], expected_version=data["version"])

    return _act(request, pk, form, "reopen_form", action, _("The petition was reopened; a new answer is due."))


@require_POST
def my_withdraw(request, pk):
    form = ReasonForm(request.POST, prefix="withdraw")

    def action(petition, data):
        services.withdraw(petition, actor=request.user, reason=data["reason"], expected_version=data["version"])

    return _act(request, pk, form, "withdraw_form", action, _("The petition was withdrawn."))


@require_GET
def my_attachment(request, pk, attachment_pk):
    petition = _petition(request, pk)
    attachment = access.get_or_404(request.user, Attachment, petition=petition, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    name = attachment.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
