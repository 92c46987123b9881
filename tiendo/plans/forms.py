"""The forms of plans and their adjustments; `tiendo plan` fills the same forms, so the page and the command refuse
alike."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.audit.versions import VersionField
from tiendo.core.fields import DayField, DecimalCommaField, VndField

from .models import TIER_LABELS, PlanVersion, Source


class ItemFilterForm(forms.Form):
    """The projects of a version: by source, tier, project owner, commune, and a search without diacritics."""

    source = forms.ChoiceField(label=_("Capital source"), required=False, choices=())
    tier = forms.ChoiceField(label=_("Order of priority"), required=False, choices=())
    agency = forms.ChoiceField(label=_("Project owner"), required=False, choices=())
    commune = forms.ChoiceField(label=_("Commune or ward"), required=False, choices=())
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"placeholder": _("code or name")})
    )

    def __init__(self, *args, sources=(), agencies=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("All sources")), *((s.code, s.display_name) for s in sources)]
        self.fields["tier"].choices = [("", _("All tiers")), *TIER_LABELS.items()]
        self.fields["agency"].choices = [("", _("All owners")), *((str(pk), name) for pk, name in agencies)]
        self.fields["commune"].choices = [("", _("All communes")), *((str(pk), name) for pk, name in communes)]


class DraftForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Empty: “Adjustment of the plan (No. n)”."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BudgetForm(forms.Form):
    """One source's capital available: a new amount, or a cut by a percentage of the current one."""

    amount = VndField(label=_("Capital available (VND)"), required=False)
    cut = DecimalCommaField(
        label=_("or cut by (%)"), required=False, min_value=Decimal(0), max_value=Decimal(100), decimal_places=2
    )
    release = VndField(label=_("Reserve released (VND)"), required=False)
    version = VersionField()  # the budget row's version as read (0: no row)

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and data.get("cut") is not None:
            raise forms.ValidationError(_("Give either a new amount or a cut, not both."))
        return data


class BudgetReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Basis of the new estimate"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. revenue estimate of the Department of Finance")}),
    )


def budget_forms(version: PlanVersion, data=None) -> list[tuple[Source, int | None, BudgetForm]]:
    """One form per source of the tree that plans are made on, those with a budget first."""
    from .facts import reserves

    budgets = {b.source_id: b.available for b in version.budgets.all()}
    read = dict(version.budgets.values_list("source_id", "row_version"))
    released = dict(version.budgets.values_list("source_id", "reserve_released"))
    reserve = reserves(version, budgets)
    leaves = Q(active=True, children__isnull=True) | Q(pk__in=list(budgets))
    sources = list(Source.objects.filter(leaves).distinct())
    sources.sort(key=lambda s: (s.pk not in budgets, s.order, s.code))
    rows = []
    for s in sources:
        initial = {"version": read.get(s.pk, 0), "release": released.get(s.pk) or None}
        form = BudgetForm(data, prefix=f"s-{s.code}", initial=initial)
        form.released = released.get(s.pk, 0)
        form.reserve = reserve[s.pk].reserve if s.pk in reserve else 0  # the most the draft may release
        rows.append((s, budgets.get(s.pk), form))
    return rows


class LinesForm(forms.Form):
    """One project's capital per source, set by hand, with the reason (kept in the history)."""

    reason = forms.CharField(
        label=_("Why it is set by hand"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Conclusion No. 12/TB-UBND of 05/03/2025")}),
    )

    def __init__(self, *args, sources=(), current=None, manual=(), versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = versions or {}
        self.current = current or {}
        self.manual = set(manual)
        self.sources = list(sources)
        for source in self.sources:
            self.fields[f"amount_{source.code}"] = VndField(
                label=source.display_name, required=False, initial=self.current.get(source.code), help_text=""
            )
            self.fields[f"auto_{source.code}"] = forms.BooleanField(
                label=_("give back to the allocation"), required=False
            )
            self.fields[f"version_{source.code}"] = VersionField(initial=self.versions.get(source.code, 0))
        self.order_fields([name for s in self.sources for name in (f"amount_{s.code}", f"auto_{s.code}")] + ["reason"])

    def expected_versions(self, codes) -> dict[str, int]:
        """The version each line to change was read at (0: there was none); lines the form did not carry: none."""
        read = {code: self.cleaned_data.get(f"version_{code}") for code in codes}
        return {code: version for code, version in read.items() if version is not None}

    def source_fields(self):
        return [(s, self[f"amount_{s.code}"], self[f"auto_{s.code}"], s.code in self.manual) for s in self.sources]

    def amounts(self) -> dict[str, int | None]:
        """{source code: amount} of the lines to set by hand; None gives a line back to the allocation. An amount
        left as the allocation gave it is not pinned."""
        result: dict[str, int | None] = {}
        for source in self.sources:
            code = source.code
            if self.cleaned_data.get(f"auto_{code}"):
                if code in self.manual:
                    result[code] = None
                continue
            amount = self.cleaned_data.get(f"amount_{code}") or 0
            if code in self.manual or amount != self.current.get(code, 0):
                result[code] = amount
        return result


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Resolution or decision No."),
        max_length=80,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 45/NQ-HĐND")}),
    )
    day = DayField(label=_("Dated"))
    body = forms.ChoiceField(label=_("Decided by"), choices=PlanVersion.Body.choices)
    override = forms.CharField(
        label=_("Reason for approving despite the breaches"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the checks still find errors; kept in the history."),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return day


class DiscardForm(forms.Form):
    reason = forms.CharField(label=_("Why the draft is discarded"), required=False, max_length=500)
