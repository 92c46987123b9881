"""Investment projects: registry, legal basis, capital, schedule (milestones and their adjustments), progress."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.agencies.models import localised_name
from tiendo.audit.models import LiveQuerySet, SoftDeleteModel, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain import projects as vocab
from tiendo.domain.text import clean, search_key


def _choices(enum, labels):
    return [(member.value, labels[member]) for member in enum]


KIND_LABELS = {
    vocab.ProjectKind.PUBLIC: _("Public investment"),
    vocab.ProjectKind.PRIVATE: _("Domestic private"),
    vocab.ProjectKind.FDI: _("Foreign direct investment"),
}
STATUS_LABELS = {
    vocab.ProjectStatus.PREPARING: _("Preparing"),
    vocab.ProjectStatus.IMPLEMENTING: _("Implementing"),
    vocab.ProjectStatus.OPERATING: _("Operating"),
    vocab.ProjectStatus.COMPLETED: _("Completed"),
    vocab.ProjectStatus.SUSPENDED: _("Suspended"),
    vocab.ProjectStatus.TERMINATED: _("Terminated"),
}
GROUP_LABELS = {
    vocab.ProjectGroup.NATIONAL: _("National important"),
    vocab.ProjectGroup.A: _("Group A"),
    vocab.ProjectGroup.B: _("Group B"),
    vocab.ProjectGroup.C: _("Group C"),
}
MILESTONE_LABELS = {
    vocab.MilestoneKind.CAPITAL_CONTRIBUTION: _("Capital contribution"),
    vocab.MilestoneKind.SITE_CLEARANCE: _("Site clearance"),
    vocab.MilestoneKind.LAND_HANDOVER: _("Land handover"),
    vocab.MilestoneKind.CONSTRUCTION_START: _("Construction start"),
    vocab.MilestoneKind.OPERATION: _("Start of operation"),
    vocab.MilestoneKind.COMPLETION: _("Completion"),
}
REASON_LABELS = {
    vocab.ExtensionReason.FORCE_MAJEURE: _("Force majeure"),
    vocab.ExtensionReason.STATE_LAND_DELAY: _("Land handed over late by the State"),
    vocab.ExtensionReason.STATE_REQUEST: _("At the State's request"),
    vocab.ExtensionReason.PLANNING_CHANGE: _("Planning changed"),
    vocab.ExtensionReason.OBJECTIVE_CHANGE: _("Objectives changed"),
    vocab.ExtensionReason.CAPITAL_INCREASE: _("Capital increased"),
    vocab.ExtensionReason.OTHER: _("Other"),
}
DEPOSIT_LABELS = {
    vocab.DepositStatus.NOT_REQUIRED: _("Not required"),
    vocab.DepositStatus.REQUIRED: _("Required, not paid"),
    vocab.DepositStatus.PAID: _("Paid"),
    vocab.DepositStatus.REFUNDED: _("Refunded"),
    vocab.DepositStatus.FORFEITED: _("Forfeited to the budget"),
}
SOURCE_LABELS = {
    vocab.CapitalSourceKind.CENTRAL_BUDGET: _("Central budget"),
    vocab.CapitalSourceKind.LOCAL_BUDGET: _("Local budget"),
    vocab.CapitalSourceKind.ODA: _("ODA and foreign loans"),
    vocab.CapitalSourceKind.EQUITY: _("Investor's equity"),
    vocab.CapitalSourceKind.LOAN: _("Commercial loans"),
    vocab.CapitalSourceKind.OTHER: _("Other sources"),
}
RUNNING = [
    vocab.ProjectStatus.PREPARING,
    vocab.ProjectStatus.IMPLEMENTING,
    vocab.ProjectStatus.OPERATING,
    vocab.ProjectStatus.SUSPENDED,
]


class Sector(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return localised_name(self, self.name)


class Zone(models.Model):
    """An industrial zone (KCN), industrial cluster (CCN) or economic zone where projects are located."""

    class Kind(models.TextChoices):
        INDUSTRIAL_ZONE = "kcn", _("Industrial zone")
        INDUSTRIAL_CLUSTER = "ccn", _("Industrial cluster")
        ECONOMIC_ZONE = "kkt", _("Economic zone")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    commune = models.ForeignKey(
        "agencies.AdminUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zones",
    )
    area_ha = models.DecimalField(_("area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("industrial zone or cluster")
        verbose_name_plural = _("industrial zones and clusters")
        ordering = ["name"]

    def __str__(self) -> str:
        return localised_name(self, self.name)


class ProjectQuerySet(LiveQuerySet):
    def running(self):
        return self.filter(status__in=RUNNING)

    def with_overdue_milestone(self, today):
        """Running projects with a milestone not done by its current due date."""
        overdue = Milestone.objects.filter(done__isnull=True, current_due__lt=today).values("project_id")
        return self.running().filter(pk__in=overdue)


class Project(SoftDeleteModel):
    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("project name"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=_choices(vocab.ProjectKind, KIND_LABELS))
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=_choices(vocab.ProjectStatus, STATUS_LABELS),
        default=vocab.ProjectStatus.PREPARING.value,
    )
    group = models.CharField(
        _("project group"),
        max_length=10,
        blank=True,
        choices=_choices(vocab.ProjectGroup, GROUP_LABELS),
        help_text=_("Public investment projects only (Law on Public Investment)."),
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    commune = models.ForeignKey(
        "agencies.AdminUnit",
        verbose_name=_("location (commune or ward)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("industrial zone or cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    investor = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        db_index=False,  # the (agency, status) index serves it
        verbose_name=_("agency in charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("The project owner of a public project; the agency that follows a private one."),
    )
    total_investment = models.BigIntegerField(_("total investment (VND)"), default=0, validators=[MinValueValidator(0)])
    policy_decision_number = models.CharField(_("investment policy decision No."), max_length=80, blank=True)
    policy_decision_date = models.DateField(_("investment policy decision date"), null=True, blank=True)
    certificate_number = models.CharField(_("investment registration certificate No."), max_length=80, blank=True)
    certificate_date = models.DateField(_("investment registration certificate date"), null=True, blank=True)
    land_area_m2 = models.DecimalField(
        _("land area (m²)"), max_digits=14, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    land_decision_date = models.DateField(_("land allocation or lease decision date"), null=True, blank=True)
    land_handover_date = models.DateField(_("land handed over on"), null=True, blank=True)
    deposit_amount = models.BigIntegerField(_("deposit (VND)"), default=0, validators=[MinValueValidator(0)])
    deposit_status = models.CharField(
        _("deposit status"),
        max_length=14,
        choices=_choices(vocab.DepositStatus, DEPOSIT_LABELS),
        default=vocab.DepositStatus.NOT_REQUIRED.value,
    )
    # searched with LIKE '%…%', which no B-tree index serves: an index would only slow the writes down
    search_key = models.CharField(max_length=700, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = version_field()

    objects = ProjectQuerySet.as_manager()
    # the history is read per project (by id); indexes on its other columns would only slow imports down
    history = kept_history(
        excluded_fields=["search_key"], no_db_index=["sector", "commune", "zone", "investor", "agency", "deleted_at"]
    )

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            # The list shows live projects in one of these orders. Partial indexes on the live rows: PostgreSQL
            # does not take "deleted_at IS NULL" as fixing the first column of a (deleted_at, x) index, so it
            # sorted every row; these serve the sort (with the primary key that breaks ties), the deep pages and
            # the counts (kind, status) by an index-only scan, on PostgreSQL and SQLite alike.
            models.Index(fields=["code", "id"], condition=Q(deleted_at__isnull=True), name="project_live_code"),
            models.Index(fields=["name", "id"], condition=Q(deleted_at__isnull=True), name="project_live_name"),
            models.Index(
                fields=["total_investment", "id"], condition=Q(deleted_at__isnull=True), name="project_live_investment"
            ),
            models.Index(
                fields=["certificate_date", "id"], condition=Q(deleted_at__isnull=True), name="project_live_certificate"
            ),
            models.Index(fields=["status", "id"], condition=Q(deleted_at__isnull=True), name="project_live_status"),
            models.Index(fields=["kind", "status"], condition=Q(deleted_at__isnull=True), name="project_live_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.display_name}"

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.search_key = self.make_search_key(self.code, self.name, self.name_en)
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_key(code: str, name: str, name_en: str = "") -> str:
        return search_key(" ".join(filter(None, [code, name, name_en])))

    @property
    def display_name(self) -> str:
        return localised_name(self, self.name)


class CapitalSource(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="capital_sources")
    source = models.CharField(
        _("capital source"), max_length=20, choices=_choices(vocab.CapitalSourceKind, SOURCE_LABELS)
    )
    amount = models.BigIntegerField(_("amount (VND)"), validators=[MinValueValidator(0)])
    history = kept_history()

    class Meta:
        verbose_name = _("capital source")
        verbose_name_plural = _("capital sources")
        constraints = [models.UniqueConstraint(fields=["project", "source"], name="capital_source_once")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class LegalDocument(models.Model):
    """A decision behind the project: the policy approval, the certificate, and each amendment, kept in order."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Investment policy decision")
        CERTIFICATE = "certificate", _("Investment registration certificate")
        ADJUSTMENT = "adjustment", _("Adjustment")
        LAND = "land", _("Land allocation or lease")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="legal_documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=80)
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    summary = models.TextField(_("content"), blank=True)
    history = kept_history()

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


class Milestone(models.Model):
    """A registered deadline: first as approved, then as adjusted; site clearance carries its own figures."""

    # indexed by the (project, kind) constraint
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones", db_index=False)
    kind = models.CharField(_("milestone"), max_length=24, choices=_choices(vocab.MilestoneKind, MILESTONE_LABELS))
    first_due = models.DateField(_("first due date"), null=True, blank=True)
    current_due = models.DateField(_("current due date"), null=True, blank=True)
    done = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # site clearance (giải phóng mặt bằng)
    clearance_area_m2 = models.DecimalField(
        _("area to clear (m²)"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    cleared_area_m2 = models.DecimalField(
        _("area cleared (m²)"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    households = models.PositiveIntegerField(_("households affected"), null=True, blank=True)
    households_cleared = models.PositiveIntegerField(_("households agreed and moved"), null=True, blank=True)
    compensation_planned = models.BigIntegerField(_("compensation planned (VND)"), null=True, blank=True)
    compensation_paid = models.BigIntegerField(_("compensation paid (VND)"), null=True, blank=True)
    version = version_field()
    history = kept_history(no_db_index=["project"])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "first_due", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="milestone_kind_once")]
        # "which projects have an open milestone past its due date" reads this index alone
        indexes = [models.Index(fields=["done", "current_due", "project"])]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def facts(self) -> vocab.MilestoneFacts:
        return vocab.MilestoneFacts(vocab.MilestoneKind(self.kind), self.first_due, self.current_due, self.done)


class ScheduleAdjustment(models.Model):
    """One extension granted: the document, the old and new due dates, and why."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="adjustments")
    document_number = models.CharField(_("document No."), max_length=80)
    decided_on = models.DateField(_("decided on"))
    old_due = models.DateField(_("old due date"))
    new_due = models.DateField(_("new due date"))
    reason = models.CharField(
        _("reason"),
        max_length=20,
        choices=_choices(vocab.ExtensionReason, REASON_LABELS),
        default=vocab.ExtensionReason.OTHER.value,
    )
    history = kept_history()

    class Meta:
        verbose_name = _("schedule adjustment")
        verbose_name_plural = _("schedule adjustments")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document_number}: {self.old_due:%d/%m/%Y} → {self.new_due:%d/%m/%Y}"

    @property
    def months_added(self) -> int:
        return vocab.months_added(self.old_due, self.new_due)


class ProgressReport(models.Model):
    """What the investor or project owner reports for a period; reports are never edited, only superseded."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_reports", db_index=False)
    period_end = models.DateField(_("period ending"))
    physical_progress = models.DecimalField(
        _("physical progress (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    disbursed_to_date = models.BigIntegerField(
        _("capital disbursed to date (VND)"), default=0, validators=[MinValueValidator(0)]
    )
    jobs = models.PositiveIntegerField(_("workers employed"), null=True, blank=True)
    revenue = models.BigIntegerField(_("revenue in the period (VND)"), null=True, blank=True)
    taxes_paid = models.BigIntegerField(_("taxes paid in the period (VND)"), null=True, blank=True)
    problems = models.TextField(_("problems and proposals"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "period_end", "pk"]
        indexes = [models.Index(fields=["project", "period_end"])]

    def __str__(self) -> str:
        return f"{self.period_end:%d/%m/%Y}: {self.physical_progress}%"


class Document(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="projects/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ImportJob(models.Model):
    """One uploaded workbook: validated and written in the background while the page shows its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected: errors found")
        FAILED = "failed", _("Failed")

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    partial = models.BooleanField(_("write the valid rows, return the rejected ones"), default=False)
    dry_run = models.BooleanField(_("check only, write nothing"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    rejected_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
