from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.audit.versions import VersionedForm
from tiendo.core import access
from tiendo.core.fields import DecimalCommaField, KeepsCurrentValues, VndField, keeping_formfield
from tiendo.core.widgets import QuickSelect
from tiendo.domain.text import search_key
from tiendo.enterprises.models import Enterprise

from . import hooks
from .filter_fields import SharedModelChoiceField, filter_querysets, local_units_and_agencies
from .models import (
    KIND_LABELS,
    REASON_LABELS,
    STATUS_LABELS,
    Document,
    Milestone,
    ProgressReport,
    Project,
    Sector,
    Zone,
)

# ties break on the primary key, which every SQLite index carries, so that an index serves the whole order
SORTS = {
    "code": ("code",),
    "name": ("name", "pk"),
    "-investment": ("-total_investment", "-pk"),
    "investment": ("total_investment", "pk"),
    "-certificate": ("-certificate_date", "-pk"),
    "status": ("status", "pk"),
}


def _local_units_and_agencies():
    """Communes and agencies of the province this tiendo serves (all of them when none is set)."""
    installation = Installation.current()
    return local_units_and_agencies(installation.province_id if installation else None, timezone.localdate())


RUNNING_CHOICE = "running"


class ProjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("code, name, investor, tax code")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *KIND_LABELS.items()], widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        # "running": the set the scan evaluates and the home page counts (preparing, implementing, operating,
        # suspended), under the same words as the review brief
        choices=[
            ("", _("All statuses")),
            (RUNNING_CHOICE, _("Running (not completed nor terminated)")),
            *STATUS_LABELS.items(),
        ],
        widget=QuickSelect,
    )
    sector = SharedModelChoiceField(
        label=_("Sector"),
        required=False,
        queryset=Sector.objects.all(),
        empty_label=_("All sectors"),
        widget=QuickSelect,
    )
    commune = SharedModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=AdminUnit.objects.none(),
        empty_label=_("All communes"),
        widget=QuickSelect,
    )
    zone = SharedModelChoiceField(
        label=_("Zone"), required=False, queryset=Zone.objects.all(), empty_label=_("All zones"), widget=QuickSelect
    )
    agency = SharedModelChoiceField(
        label=_("Agency in charge"),
        required=False,
        queryset=Agency.objects.none(),
        empty_label=_("All agencies"),
        widget=QuickSelect,
    )
    overdue = forms.BooleanField(label=_("With an overdue milestone"), required=False)
    behind = forms.ChoiceField(
        label=_("Behind schedule (latest scan)"),
        required=False,
        choices=[("", _("All projects")), ("any", _("With a finding")), ("terminate", _("Termination proposed")),
                 ("land", _("Land unused")), ("verify", _("Findings to verify"))],
        widget=QuickSelect,
    )  # fmt: skip
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("code", _("Code")),
            ("name", _("Name")),
            ("-investment", _("Largest investment")),
            ("investment", _("Smallest investment")),
            ("-certificate", _("Newest certificate")),
            ("status", _("Status")),
        ],
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # the "behind schedule" filter reads findings, which investors may not see
        filter_querysets(user, self.fields)  # what the user may see, the choices shared for a minute
        if not access.can(user, "see_proposed_handling"):
            del self.fields["behind"]  # it filters by the engine's proposals (e.g. "termination proposed")

    def apply(self, projects):
        """Filter and sort; an invalid form leaves the list unfiltered (its errors are shown)."""
        if not self.is_valid():
            return projects.order_by("code")
        data = self.cleaned_data
        if key := search_key(data["q"]):
            investors = Enterprise.objects.search(key).values("pk")
            projects = projects.filter(Q(search_key__contains=key) | Q(investor_id__in=investors))
        if data["status"] == RUNNING_CHOICE:
            projects = projects.running()
        for field in ("kind", "status", "sector", "commune", "zone", "agency"):
            if data[field] and data[field] != RUNNING_CHOICE:
                projects = projects.filter(**{field: data[field]})
        if data["overdue"]:
            projects = projects.with_overdue_milestone(timezone.localdate())
        if data.get("behind"):
            projects = projects.filter(hooks.behind_schedule_filter(self.user, data["behind"]))
        return projects.order_by(*SORTS.get(data["sort"] or "code", SORTS["code"]))


class ProjectForm(VersionedForm, KeepsCurrentValues, forms.ModelForm):
    total_investment = VndField(label=_("Total investment"))
    deposit_amount = VndField(label=_("Deposit"), required=False)
    land_area_m2 = DecimalCommaField(
        label=_("Land area (m²)"), required=False, min_value=0, max_digits=14, decimal_places=1
    )

    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "name_en",
            "name_zh",
            "kind",
            "status",
            "group",
            "sector",
            "commune",
            "zone",
            "latitude",
            "longitude",
            "investor",
            "agency",
            "total_investment",
            "policy_decision_number",
            "policy_decision_date",
            "certificate_number",
            "certificate_date",
            "land_area_m2",
            "land_decision_date",
            "land_handover_date",
            "deposit_amount",
            "deposit_status",
        ]
        formfield_callback = keeping_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes, agencies = _local_units_and_agencies()
        self.fields["commune"].queryset = communes & access.visible(user, AdminUnit)
        self.fields["agency"].queryset = agencies & access.visible(user, Agency)
        self.fields["investor"].queryset = access.visible(user, Enterprise)
        self.fields["sector"].queryset = access.visible(user, Sector)
        self.fields["zone"].queryset = access.visible(user, Zone)
        if self.instance.pk:
            self.fields["code"].disabled = True  # the code is how imports and other records find the project

    def clean_deposit_amount(self):
        return self.cleaned_data["deposit_amount"] or 0

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "public" and not data.get("group"):
            self.add_error("group", _("A public investment project needs its group (A, B, C or national)."))
        if kind in ("private", "fdi") and data.get("group"):
            self.add_error("group", _("Only public investment projects have a group."))
        if kind in ("private", "fdi") and not data.get("investor"):
            self.add_error("investor", _("A private or FDI project needs its investor."))
        return data


class MilestoneForm(VersionedForm, forms.ModelForm):
    compensation_planned = VndField(label=_("Compensation planned"), required=False)
    compensation_paid = VndField(label=_("Compensation paid"), required=False)

    class Meta:
        model = Milestone
        fields = [
            "kind",
            "first_due",
            "current_due",
            "done",
            "note",
            "clearance_area_m2",
            "cleared_area_m2",
            "households",
            "households_cleared",
            "compensation_planned",
            "compensation_paid",
        ]

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        others = Milestone.objects.filter(project_id=self.instance.project_id, kind=kind).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This project already has this milestone."))
        return kind

    def clean(self):
        data = super().clean()
        if data.get("first_due") and not data.get("current_due"):
            data["current_due"] = data["first_due"]
        if data.get("first_due") and data.get("current_due") and data["current_due"] < data["first_due"]:
            self.add_error("current_due", _("The current due date cannot be before the first one."))
        return data


class AdjustmentForm(forms.Form):
    """Grant an extension: the milestone's current due date moves, the old one is kept."""

    document_number = forms.CharField(label=_("Document No."), max_length=80)
    decided_on = forms.DateField(label=_("Decided on"))
    new_due = forms.DateField(label=_("New due date"))
    reason = forms.ChoiceField(label=_("Reason"), choices=REASON_LABELS.items())


class ProgressReportForm(forms.ModelForm):
    physical_progress = DecimalCommaField(
        label=_("Physical progress (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    disbursed_to_date = VndField(label=_("Capital disbursed to date"))
    revenue = VndField(label=_("Revenue in the period"), required=False)
    taxes_paid = VndField(label=_("Taxes paid in the period"), required=False)

    class Meta:
        model = ProgressReport
        fields = ["period_end", "physical_progress", "disbursed_to_date", "jobs", "revenue", "taxes_paid", "problems"]
        widgets = {"problems": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_period_end(self):
        period_end = self.cleaned_data["period_end"]
        if period_end > timezone.localdate():
            raise forms.ValidationError(_("A report cannot be for a period that has not ended."))
        return period_end

    def clean(self):
        data = super().clean()
        if self.project and data.get("disbursed_to_date") and self.project.total_investment:
            if data["disbursed_to_date"] > self.project.total_investment * 2:
                self.add_error(
                    "disbursed_to_date",
                    _("Capital disbursed is more than twice the total investment: check the unit (VND)."),
                )
        return data


ALLOWED_DOCUMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ods", ".odt", ".jpg", ".jpeg", ".png", ".zip"}
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in ALLOWED_DOCUMENT_TYPES:
            raise forms.ValidationError(_("Upload a PDF, Word, Excel, OpenDocument, image or ZIP file."))
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 25 MB."))
        return upload
