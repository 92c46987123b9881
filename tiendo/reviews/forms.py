"""The forms of review rounds; `tiendo reviews` fills the same forms, so the page and the command refuse alike."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tiendo.core.fields import DayField
from tiendo.directives.forms import AgencyCodeField, current_agencies
from tiendo.domain.schedule_rules import ProposalCode

from .models import ReviewItem, ReviewRound


def proposal_choices():
    """The handlings, gravest first, labelled in the page's language (evaluated when rendered)."""
    language = get_language() or "vi"
    return [(code.value, code.label.get(language)) for code in reversed(ProposalCode)]


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Review of projects behind schedule, Q1/2024")}),
    )
    as_of = DayField(
        label=_("Facts as of"),
        required=False,
        help_text=_("Today if empty."),
    )
    scope = forms.ChoiceField(label=_("Projects reviewed"), choices=ReviewRound.Scope.choices, initial="all")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_as_of(self):
        day = self.cleaned_data.get("as_of") or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError(_("A review judges facts already known: the date cannot be in the future."))
        return day


class ItemFilterForm(forms.Form):
    """One handling at a time (the page shows the counts of all), confirmed or not, and a search."""

    proposal = forms.ChoiceField(label=_("Proposed handling"), required=False, choices=())
    confirmed = forms.ChoiceField(
        label=_("Confirmed"),
        required=False,
        choices=[("", _("All")), ("yes", _("Confirmed")), ("no", _("Not confirmed"))],
    )
    decided = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("All")), ("yes", _("Decided")), ("no", _("Not decided"))],
    )
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"placeholder": _("code, name, investor")})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = [("", _("All handlings")), *proposal_choices()]


class ItemEditForm(forms.Form):
    proposal = forms.ChoiceField(label=_("Proposed handling"), choices=())
    proposal_text = forms.CharField(
        label=_("Proposal put to the leaders"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("Specialist's note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirmed = forms.BooleanField(label=_("Confirmed"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].choices = proposal_choices()

    @classmethod
    def for_item(cls, item: ReviewItem, data=None, prefix=None):
        initial = {
            "proposal": item.proposal,
            "proposal_text": item.proposal_text,
            "note": item.note,
            "confirmed": item.confirmed,
        }
        return cls(data, initial=initial, prefix=prefix)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewItem.Decision.choices, widget=forms.RadioSelect, initial="agreed"
    )
    decision_text = forms.CharField(
        label=_("Conclusion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Empty with “agreed”: the proposal as put. Required for another measure."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == ReviewItem.Decision.OTHER and not (data.get("decision_text") or "").strip():
            self.add_error("decision_text", _("Describe the other measure decided."))
        return data


class FollowUpForm(forms.Form):
    """One follow-up task: who leads, what, by when. A row left empty is no task."""

    agency = AgencyCodeField(label=_("Lead agency"), required=False)
    title = forms.CharField(
        label=_("What to do"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = DayField(label=_("Deadline"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = current_agencies()
        self.fields["agency"].queryset = agencies
        self.fields["agency"].widget.choices = [("", "—")] + [(a.code, a.name) for a in agencies]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        given = [name for name in ("agency", "title", "deadline") if data.get(name)]
        if not given:
            return data
        if not data.get("agency"):
            self.add_error("agency", _("Choose the lead agency."))
        if not (data.get("title") or "").strip():
            self.add_error("title", _("Say what is to be done."))
        if not data.get("deadline"):
            self.add_error("deadline", _("Give the deadline."))
        elif data["deadline"] < timezone.localdate():
            self.add_error("deadline", _("The deadline is already past."))
        return data

    @property
    def is_task(self) -> bool:
        return bool(self.cleaned_data.get("title"))


FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=2, max_num=10)
