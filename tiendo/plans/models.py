"""Public-investment plans: capital sources, medium-term and annual plans with their versions, and disbursement.

A plan (medium-term 2021-2025, annual 2024...) is a sequence of versions: the approved plan (version 0) and each
adjustment or capital transfer, with the resolution or decision that approved it. A specialist works on a draft
version; approving it supersedes the version it was based on, so the history of what was approved when stays
readable. Amounts are integer VND. Disbursement is what the State Treasury reports, per project, source and month.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tiendo.agencies.models import localised_name
from tiendo.audit.models import kept_history
from tiendo.audit.versions import version_field

TIER_LABELS = {
    # the order of priority of Law 58/2024 Art. 54(4) (docs/contracts/plan-allocate.md; PI-05 in
    # docs/legal/public-investment.md), first to last
    "special_or_emergency": _("(a) Special and emergency projects"),
    "national_programme": _("(b) National target programmes and national important projects"),
    "advance_repayment": _("(c) Repayment of advanced capital"),
    "completed_unfunded": _("(d) Completed, handed over, not fully funded"),
    "oda": _("(đ) ODA and concessional loans, counterpart funds"),
    "ppp_state": _("(e) The State's share in PPP projects"),
    "transitional_finishing": _("(g) Transitional, finishing in the period"),
    "transitional_on_schedule": _("(h) Transitional, on schedule"),
    "preparation": _("(i) Planning and investment preparation"),
    "debt_before_2015": _("(k) Construction debts from before 2015"),
    "other_support": _("(l) Interest subsidies, charter capital, other support"),
    "policy_bank": _("(m) Entrusted to the Bank for Social Policies"),
    "new": _("(n) New projects"),
}
TIERS = list(TIER_LABELS)


class Source(models.Model):
    """A capital source in the province's tree; capital is planned and disbursed on the leaves."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central budget")
        LOCAL = "local", _("Local budget")
        OTHER = "other", _("Other public capital")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField(_("budget level"), max_length=10, choices=Level.choices)
    foreign = models.BooleanField(_("foreign capital (ODA, concessional loans)"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    history = kept_history()

    class Meta:
        verbose_name = _("capital source")
        verbose_name_plural = _("capital sources")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localised_name(self, self.name)


class Plan(models.Model):
    class Kind(models.TextChoices):
        MEDIUM_TERM = "medium_term", _("Medium-term plan")
        ANNUAL = "annual", _("Annual plan")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=[MinValueValidator(2000)])
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=[MinValueValidator(2000)])
    medium_term = models.ForeignKey(
        "self",
        verbose_name=_("medium-term plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_plans",
        limit_choices_to={"kind": "medium_term"},
    )
    title = models.CharField(_("title"), max_length=300)
    # the province's disbursement target: [["MM-DD", percent], ...] cumulative, in the plan year (and January after)
    target_path = models.JSONField(_("disbursement target path"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["kind", "-first_year"]
        constraints = [models.UniqueConstraint(fields=["kind", "first_year", "last_year"], name="plan_once")]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}-{self.last_year}"

    def current_version(self) -> "PlanVersion | None":
        """The version in force: the newest approved one."""
        return self.versions.filter(state=PlanVersion.State.APPROVED).order_by("-number").first()


class PlanVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved, in force")
        SUPERSEDED = "superseded", _("Superseded by a later adjustment")
        DISCARDED = "discarded", _("Discarded")

    class Purpose(models.TextChoices):
        INITIAL = "initial", _("Plan as first approved")
        ADJUSTMENT = "adjustment", pgettext_lazy("plan version purpose", "Adjustment")
        TRANSFER = "transfer", _("Capital transfer")

    class Body(models.TextChoices):
        """Who decided: Law on Public Investment 58/2024 Art. 71 (PI-09)."""

        PROVINCIAL_COUNCIL = "provincial_council", _("Provincial People's Council")
        PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")
        COMMITTEE_CHAIRMAN = "committee_chairman", _("Chairman of the provincial People's Committee")
        COMMUNE_COUNCIL = "commune_council", _("Commune People's Council")
        COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
        # central-budget capital in the province's medium-term plan (Art. 71(3))
        PRIME_MINISTER = "prime_minister", _("Prime Minister")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.ADJUSTMENT)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    decision_number = models.CharField(_("decision or resolution No."), max_length=80, blank=True)
    decision_date = models.DateField(_("decided on"), null=True, blank=True)
    decision_body = models.CharField(_("decided by"), max_length=24, choices=Body.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    # the last allocation run on this version: solver status, seconds, what was left unallocated per source
    allocation = models.JSONField(_("last allocation"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_once")]

    def __str__(self) -> str:
        return f"{self.plan} — {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


class SourceBudget(models.Model):
    """Capital available to a version from one source: the revenue estimate an adjustment starts from."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="budgets")
    source = models.ForeignKey(Source, verbose_name=_("capital source"), on_delete=models.PROTECT, related_name="+")
    available = models.BigIntegerField(_("available (VND)"), validators=[MinValueValidator(0)])
    # what the approved version left unallocated stays so in a run unless the draft releases it: how much it does
    reserve_released = models.BigIntegerField(  # db_default: the bulk INSERTs that name their columns get 0
        _("reserve released (VND)"), default=0, db_default=0, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    row_version = version_field()  # `version` is the plan version it belongs to
    history = kept_history()
    locking_field = "row_version"

    class Meta:
        verbose_name = _("capital available")
        verbose_name_plural = _("capital available")
        ordering = ["version", "source__order", "source__code"]
        constraints = [models.UniqueConstraint(fields=["version", "source"], name="source_budget_once")]

    def __str__(self) -> str:
        return f"{self.source.code}: {self.available}"


class ProjectFunding(models.Model):
    """What the plans need to know of a public project beyond the registry: investment decision, years, handover."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="funding")
    investment_decision_number = models.CharField(_("investment decision No."), max_length=80, blank=True)
    investment_decision_date = models.DateField(_("investment decision date"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("approved start year"), null=True, blank=True)
    finish_year = models.PositiveSmallIntegerField(_("approved finish year"), null=True, blank=True)
    first_allocation_year = models.PositiveSmallIntegerField(
        _("first year funded for implementation"), null=True, blank=True
    )
    handed_over_year = models.PositiveSmallIntegerField(_("year handed over"), null=True, blank=True)
    allocation_extension_years = models.PositiveSmallIntegerField(_("allocation period extended by (years)"), default=0)
    history = kept_history()

    class Meta:
        verbose_name = _("public project funding facts")
        verbose_name_plural = _("public project funding facts")

    def __str__(self) -> str:
        return str(self.project_id)

    @property
    def has_investment_decision(self) -> bool:
        return bool(self.investment_decision_number and self.investment_decision_date)


class PlanItem(models.Model):
    """A project in a plan version: its tier, what it needs, and why it got what it got."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="plan_items")
    tier = models.CharField(_("order of priority"), max_length=28, choices=list(TIER_LABELS.items()))
    need = models.BigIntegerField(_("need (VND)"), default=0, validators=[MinValueValidator(0)])
    floor = models.BigIntegerField(_("already committed (VND)"), default=0, validators=[MinValueValidator(0)])
    eligible_sources = models.JSONField(_("sources it may use"), default=list, blank=True)
    capital_before = models.BigIntegerField(_("allocated before the period (VND)"), default=0)
    transitional_into_next = models.BooleanField(_("carried into the next period"), default=False)
    capital_added_on = models.DateField(_("capital added on"), null=True, blank=True)
    extended_until = models.DateField(_("disbursement extended until"), null=True, blank=True)
    extension_decision = models.CharField(_("extension decision"), max_length=120, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    # the explanation as messages (code + parameters) to read it in any language; {} for rows written before
    # (db_default: the bulk INSERTs that name their columns get {})
    explanation_message = models.JSONField(
        _("explanation (message)"), default=dict, db_default=models.Value({}, models.JSONField()), blank=True
    )
    note = models.CharField(_("why changed by hand"), max_length=500, blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("project in a plan")
        verbose_name_plural = _("projects in a plan")
        ordering = ["version", "project__code"]
        constraints = [models.UniqueConstraint(fields=["version", "project"], name="plan_item_once")]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.project_id}"


class PlanLine(models.Model):
    """Capital for one project from one source in one version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="lines")
    source = models.ForeignKey(Source, verbose_name=_("capital source"), on_delete=models.PROTECT, related_name="+")
    amount = models.BigIntegerField(_("amount (VND)"), validators=[MinValueValidator(0)])
    manual = models.BooleanField(_("set by hand"), default=False)
    row_version = version_field()  # `version` is the plan version it belongs to
    history = kept_history()
    locking_field = "row_version"

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["item", "source__order"]
        constraints = [models.UniqueConstraint(fields=["item", "source"], name="plan_line_once")]
        indexes = [models.Index(fields=["version", "source"])]

    def __str__(self) -> str:
        return f"{self.item_id} {self.source_id}: {self.amount}"


class Disbursement(models.Model):
    """Capital disbursed in one month, as the State Treasury reports it (not cumulative)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="disbursements", limit_choices_to={"kind": "annual"}
    )
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="disbursements")
    source = models.ForeignKey(Source, verbose_name=_("capital source"), on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))  # the first day of the month
    amount = models.BigIntegerField(_("disbursed (VND)"), validators=[MinValueValidator(0)])
    imported_from = models.CharField(_("imported from"), max_length=255, blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["plan", "project", "source", "month"]
        constraints = [models.UniqueConstraint(fields=["plan", "project", "source", "month"], name="disbursement_once")]
        indexes = [models.Index(fields=["plan", "month"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.month:%m/%Y}: {self.amount}"
