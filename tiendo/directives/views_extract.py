"""A specialist pastes (or uploads) a meeting text, reviews the proposed tasks beside the sentences they come from,
corrects them and accepts them into a directive: one page, three steps (paste, review, accept)."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tiendo.agencies.models import Agency
from tiendo.core import access as core_access
from tiendo.core.fields import DayField
from tiendo.core.widgets import QuickSelectMultiple
from tiendo.domain.extraction.banners import guess_title
from tiendo.domain.text import normalize

from . import extracting, services
from .access import get_directive_for_user
from .forms import DirectiveForm, current_agencies
from .models import Directive


class SourceForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the conclusion or meeting report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    document = forms.FileField(label=gettext_lazy("…or a file (.txt, .docx, .pdf)"), required=False)
    document_date = DayField(
        label=gettext_lazy("Date of the document"),
        required=False,
        help_text=gettext_lazy(
            "Deadlines written without a year (such as 15/12) take their year from it; found in the text if empty."
        ),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("document")
        if upload:
            try:
                data["text"] = extracting.read_document(upload.name, upload.read())
            except ValidationError as error:
                self.add_error("document", error)
                return data
            data["source"] = upload.name
        if not (data.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError(_("Paste a text or choose a file."))
        return data


class ProposalForm(forms.Form):
    include = forms.BooleanField(label=gettext_lazy("Create this task"), required=False, initial=True)
    assignee_text = forms.CharField(label=gettext_lazy("Assignee as written"), required=False, max_length=255)
    lead_agencies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Lead agency (one task each)"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        # every agency's full name in a list tall enough to choose from (written without a template per option:
        # a text may give 200 proposals over 300 agencies)
        widget=QuickSelectMultiple(attrs={"size": 8, "class": "agency-choice"}),
    )
    title = forms.CharField(label=gettext_lazy("What"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    cooperating_text = forms.CharField(label=gettext_lazy("Cooperating"), required=False, max_length=500)
    deadline_text = forms.CharField(label=gettext_lazy("Deadline as written"), required=False, max_length=120)
    deadline = DayField(label=gettext_lazy("Deadline"), required=False)
    standing = forms.BooleanField(label=gettext_lazy("Standing task"), required=False)
    sentence = forms.CharField(required=False, widget=forms.HiddenInput())
    start = forms.IntegerField(required=False, widget=forms.HiddenInput())
    end = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agencies"].queryset = agencies if agencies is not None else current_agencies()

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            return data
        if not data.get("lead_agencies"):
            self.add_error("lead_agencies", _("Choose the lead agency."))
        if data.get("standing") and data.get("deadline"):
            self.add_error("deadline", _("A standing task has no deadline: clear one of the two."))
        return data


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0, max_num=200, validate_max=True)


def _segments(text: str, proposals) -> list[tuple[str, int | None]]:
    """The text cut into plain runs and the sentences that gave tasks (numbered like the proposals)."""
    spans = sorted({(p["start"], p["end"], index) for index, p in enumerate(proposals) if p["end"] > p["start"]})
    segments: list[tuple[str, int | None]] = []
    position = 0
    for start, end, index in spans:
        if start < position:  # the same sentence already marked for an earlier task
            continue
        segments.append((text[position:start], None))
        segments.append((text[start:end], index))
        position = end
    segments.append((text[position:], None))
    return [(chunk, index) for chunk, index in segments if chunk]


def _proposal_initial(task) -> dict:
    return {
        "include": True,
        "assignee_text": task.assignee,
        "lead_agencies": [task.agency] if task.agency else [],
        "title": task.action,
        "cooperating_text": ", ".join(task.cooperating),
        "deadline_text": task.deadline_text or "",
        "deadline": task.deadline,
        "standing": task.standing,
        "sentence": task.sentence,
        "start": task.start,
        "end": task.end,
        "implicit": task.implicit,
    }


def _guess_kind(text: str) -> str:
    head = text[:400].lower()
    if "kết luận" in head or "/tb-" in head:
        return Directive.Kind.CONCLUSION
    if "chỉ thị" in head or "/ct-" in head:
        return Directive.Kind.DIRECTIVE
    return Directive.Kind.MEETING_NEWS


_ISSUERS = [
    (r"Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    (r"Thường trực Tỉnh ủy", "Thường trực Tỉnh ủy"),
    (r"Ủy ban nhân dân tỉnh|UBND tỉnh|Chủ tịch UBND", "Ủy ban nhân dân tỉnh"),
    (r"Hội đồng nhân dân tỉnh|HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    (r"Tỉnh ủy", "Tỉnh ủy"),
]


def _guess_issuer(text: str) -> str:
    """The body that met or signed: whichever the opening of the text names first."""
    head = normalize(text[:800])
    found = [(match.start(), name) for pattern, name in _ISSUERS if (match := re.search(pattern, head))]
    return min(found)[1] if found else ""


def _next(request) -> str:
    """Where to go after acceptance when the page was opened from another (a conference's): a page of this site."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    return back if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) else ""


@require_http_methods(["GET", "POST"])
def extract(request, pk=None):
    if not core_access.can(request.user, "manage_tasks"):
        raise PermissionDenied
    directive = get_directive_for_user(request.user, pk) if pk else None
    agencies = current_agencies()
    step = request.POST.get("step", "paste")

    if request.method == "POST" and step == "accept":
        return _accept(request, directive, agencies)

    source = SourceForm(request.POST or None, request.FILES or None)
    if directive and request.method == "GET":
        source = SourceForm(initial={"text": directive.text, "document_date": directive.issued_on})
    if request.method == "POST" and source.is_valid():
        text = source.cleaned_data["text"]
        day = source.cleaned_data["document_date"] or (directive.issued_on if directive else None)
        result = extracting.propose(text, day)
        text = normalize(text)
        proposals = [_proposal_initial(task) for task in result.tasks]
        formset = ProposalFormSet(initial=proposals, form_kwargs={"agencies": agencies})
        directive_form = None
        if directive is None:
            directive_form = DirectiveForm(
                initial={
                    "kind": _guess_kind(text),
                    "issued_on": result.document_date or timezone.localdate(),
                    "title": guess_title(text),  # skipping the portal's banner and menu
                    "issuer": _guess_issuer(text),
                    "text": text,
                    "source": source.cleaned_data.get("source", ""),
                },
                prefix="directive",
            )
        return _review(request, directive, directive_form, formset, text, proposals, result.document_date)
    return render(
        request, "directives/extract_paste.html", {"form": source, "directive": directive, "next": _next(request)}
    )


def _review(request, directive, directive_form, formset, text, proposals, document_date):
    for form, proposal in zip(formset.forms, proposals, strict=False):
        form.proposal = proposal
    context = {
        "directive": directive,
        "directive_form": directive_form,
        "formset": formset,
        "text": text,
        "segments": _segments(text, proposals),
        "document_date": document_date,
        "next": _next(request),
    }
    return render(request, "directives/extract_review.html", context)


def _accept(request, directive, agencies):
    # browsers send the newlines of a form field as CRLF: back to the text the offsets were counted in
    text = normalize(request.POST.get("source_text", "").replace("\r\n", "\n"))
    formset = ProposalFormSet(request.POST, form_kwargs={"agencies": agencies})
    directive_form = None if directive else DirectiveForm(request.POST, prefix="directive")
    valid = formset.is_valid() and (directive_form is None or directive_form.is_valid())
    chosen = [form.cleaned_data for form in formset.forms if form.is_valid() and form.cleaned_data.get("include")]
    if valid and not chosen:
        messages.error(request, _("No task is ticked: tick at least one, or go back."))
        valid = False
    if not valid:
        proposals = [
            {"start": _int(form.data.get(f"{form.prefix}-start")), "end": _int(form.data.get(f"{form.prefix}-end")),
             "implicit": False, "sentence": form.data.get(f"{form.prefix}-sentence", "")}
            for form in formset.forms
        ]  # fmt: skip
        return _review(request, directive, directive_form, formset, text, proposals, None)
    if directive is None:
        directive = directive_form.save(commit=False)
    tasks = services.accept_extracted_tasks(directive, chosen, actor=request.user)
    messages.success(request, _("%(count)d tasks were created.") % {"count": len(tasks)})
    return redirect(_next(request) or reverse("directives:detail", args=[directive.pk]))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
