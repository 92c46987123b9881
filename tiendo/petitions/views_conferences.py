"""/petitions/conferences/…: the dialogue conferences (list by year, heading, questions with the answers given on
the spot, the conclusion and its commitments) and the follow-up page read at the next conference. Thin views over
services_conferences; the commitments are read and accepted on the directives' extraction review page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.directives.models import STATUS_LABELS, Directive
from tiendo.domain.tasks import TaskStatus, status_on

from . import services_conferences as services
from .forms_conferences import ConclusionForm, ConferenceForm, LinkQuestionForm, QuestionForm, SpotAnswerForm
from .models import Conference, Petition


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    if value == "all":
        return None
    try:
        return int(value) if value else timezone.localdate().year
    except ValueError:
        return timezone.localdate().year


@require_GET
def conference_list(request):
    access.require(request.user, "read_conferences")
    year = _year(request)
    conferences = access.visible(request.user, Conference).select_related("conclusion")
    years = sorted({day.year for day in conferences.dates("held_on", "year")} | {timezone.localdate().year})
    if year is not None:
        conferences = conferences.filter(held_on__year=year)
    conferences = conferences.annotate(question_count=Count("questions", distinct=True))
    context = {
        "conferences": conferences,
        "year": year,
        "years": sorted(years, reverse=True),
        "can_manage": access.can(request.user, "manage_petitions"),
    }
    return render(request, "petitions/conferences_list.html", context)


def _conference(request, pk) -> Conference:
    return access.get_or_404(request.user, Conference, queryset=Conference.objects.select_related("conclusion"), pk=pk)


@require_http_methods(["GET", "POST"])
def conference_edit(request, pk=None):
    access.require(request.user, "manage_petitions")
    conference = _conference(request, pk) if pk else Conference()
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save_with(services.save_conference, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved is not None:
                messages.success(request, _("The conference was saved."))
                return redirect("petitions:conference", saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/conferences_form.html", {"form": form, "conference": conference}, status=status)


def _detail_context(request, conference: Conference, **forms) -> dict:
    can_manage = access.can(request.user, "manage_petitions")
    today = timezone.localdate()
    questions = list(services.questions(conference, request.user))
    for petition in questions:
        petition.status = status_on(services.question_facts(petition), today)
    tasks = list(services.commitments(conference, request.user))
    for task in tasks:
        task.status = task.status_on(today)
    context = {
        "conference": conference,
        "questions": questions,
        "commitments": tasks,
        "can_manage": can_manage,
        "participants": [line for line in conference.participants.splitlines() if line.strip()],
        "conclusion_visible": conference.conclusion_id is not None
        and access.visible(request.user, Directive).filter(pk=conference.conclusion_id).exists(),
    }
    if can_manage:
        context["question_form"] = forms.get("question_form") or QuestionForm(user=request.user, prefix="q")
        context["link_form"] = forms.get("link_form") or LinkQuestionForm(user=request.user, prefix="l")
        if conference.conclusion_id:
            back = urlencode({"next": reverse("petitions:conference", args=[conference.pk])})
            context["extract_url"] = f"{reverse('directives:extract_into', args=[conference.conclusion_id])}?{back}"
    return context


@require_GET
def conference_detail(request, pk):
    conference = _conference(request, pk)
    return render(request, "petitions/conferences_detail.html", _detail_context(request, conference))


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def question_add(request, pk):
    access.require(request.user, "manage_petitions")
    conference = _conference(request, pk)
    form = QuestionForm(request.POST, user=request.user, prefix="q")
    if form.is_valid():
        data = form.cleaned_data
        try:
            petition = services.add_question(
                conference,
                actor=request.user,
                title=data["title"],
                text=data["text"],
                enterprise=data["enterprise"],
                petitioner_name=data["petitioner_name"],
                topic=data["topic"],
                spot_answer=data["spot_answer"],
            )
        except ValidationError as error:
            form.add_error(None, _messages_of(error))
        else:
            messages.success(request, _("Question %(number)s was recorded.") % {"number": petition.number})
            return redirect("petitions:conference", conference.pk)
    context = _detail_context(request, conference, question_form=form)
    return render(request, "petitions/conferences_detail.html", context, status=400)


@require_POST
def question_link(request, pk):
    access.require(request.user, "manage_petitions")
    conference = _conference(request, pk)
    form = LinkQuestionForm(request.POST, user=request.user, prefix="l")
    if form.is_valid():
        try:
            petition = services.link_question(conference, form.cleaned_data["petition"], actor=request.user)
        except ValidationError as error:
            form.add_error("petition", _messages_of(error))
        else:
            messages.success(request, _("Petition %(number)s is now a question of the conference.") % {
                "number": petition.number
            })  # fmt: skip
            return redirect("petitions:conference", conference.pk)
    context = _detail_context(request, conference, link_form=form)
    return render(request, "petitions/conferences_detail.html", context, status=400)


@require_POST
def spot_answer(request, pk, petition):
    access.require(request.user, "manage_petitions")
    conference = _conference(request, pk)
    record = access.get_or_404(request.user, Petition, pk=petition, conference=conference)
    form = SpotAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.record_spot_answer(
                record,
                actor=request.user,
                answer=form.cleaned_data["spot_answer"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, _("The answer given on the spot was recorded."))
    else:
        messages.error(request, _("Write the answer given on the spot."))
    return redirect(f"{reverse('petitions:conference', args=[conference.pk])}#q-{record.pk}")


def _conclusion_initial(conference: Conference) -> dict:
    directive = conference.conclusion
    initial = {"version": conference.version}
    if directive is None:
        return {**initial, "issued_on": conference.held_on, "issuer": "Ủy ban nhân dân tỉnh"}
    return {
        **initial,
        "number": directive.number,
        "issued_on": directive.issued_on,
        "issuer": directive.issuer,
        "signer": directive.signer,
        "title": directive.title,
        "text": directive.text,
    }


@require_http_methods(["GET", "POST"])
def conclusion(request, pk):
    """The conclusion notice pasted or uploaded; then on to the directives' review of its commitments."""
    access.require(request.user, "manage_petitions")
    conference = _conference(request, pk)
    if request.method == "POST":
        form = ConclusionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                conference = services.set_conclusion(
                    conference,
                    actor=request.user,
                    number=data["number"],
                    issued_on=data["issued_on"],
                    issuer=data["issuer"],
                    signer=data["signer"],
                    title=data["title"],
                    text=data["text"],
                    source=data.get("source", ""),
                    expected_version=data["version"],
                )
            except StaleVersion as stale:
                form.add_error(None, stale.messages[0])
                form.data = form.data.copy()
                form.data["version"] = stale.current
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("The conclusion was saved: check the commitments read from it."))
                back = urlencode({"next": reverse("petitions:conference", args=[conference.pk])})
                return redirect(f"{reverse('directives:extract_into', args=[conference.conclusion_id])}?{back}")
        status = 400
    else:
        form, status = ConclusionForm(initial=_conclusion_initial(conference)), 200
    return render(
        request, "petitions/conferences_conclusion.html", {"form": form, "conference": conference}, status=status
    )


STATUS_ORDER = (TaskStatus.OVERDUE, TaskStatus.IN_PROGRESS, TaskStatus.DONE_LATE, TaskStatus.DONE_ON_TIME)


@require_GET
def followup(request, pk):
    """Each commitment and question with its status today, for the next conference: printable."""
    conference = _conference(request, pk)
    today = timezone.localdate()
    rows, counts = services.follow_up(conference, request.user, today)
    order = {status: index for index, status in enumerate((*STATUS_ORDER, TaskStatus.STANDING))}
    for row in rows:
        row.label = STATUS_LABELS[row.status]
    context = {
        "conference": conference,
        "today": today,
        "commitments": sorted(
            (r for r in rows if r.kind == "commitment"), key=lambda r: (order[r.status], r.deadline or today)
        ),
        "questions": sorted(
            (r for r in rows if r.kind == "question"), key=lambda r: (order[r.status], r.deadline or today)
        ),
        "counts": [(status, STATUS_LABELS[status], counts[status.value]) for status in STATUS_ORDER],
        "standing": counts[TaskStatus.STANDING.value],
        "total": len(rows),
    }
    return render(request, "petitions/conferences_followup.html", context)
