"""Behind-schedule reviews: what the rule engine found for each project, and the review rounds built on it.

A scan keeps every finding of one evaluation date; the project pages and the project list read the latest scan.
A review round (rà soát) snapshots the findings of its date, so a decision stays tied to the facts it was taken on
even after later scans, and each leader's decision turns into follow-up tasks that the directives app tracks.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import kept_history
from tiendo.domain.messages import render_stored


class ScanRun(models.Model):
    as_of = models.DateField(_("evaluated as of"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("projects evaluated"), default=0)
    findings = models.PositiveIntegerField(_("findings"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the projects actually evaluated: all of them, or (`tiendo scan --changed`) the changed and the due ones
    evaluated = models.PositiveIntegerField(_("projects re-evaluated"), default=0)
    changed_only = models.BooleanField(_("changed projects only"), default=False)
    # where the registry stood when the scan started (the last history row and report of each table, the rules'
    # digest): the next `--changed` scan looks for changes after these (tiendo.reviews.changes)
    marks = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.as_of:%d/%m/%Y} ({self.findings})"

    @classmethod
    def latest(cls) -> "ScanRun | None":
        return cls.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-pk").first()


class Finding(models.Model):
    """One rule that a project breaks on the scan's date, with the citation, the reasoning and the proposal."""

    run = models.ForeignKey(ScanRun, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("rule"), max_length=16)
    severity = models.CharField(_("severity"), max_length=16)
    citation = models.CharField(_("legal ground"), max_length=300)
    days_behind = models.IntegerField(_("days behind"), null=True, blank=True)
    proposal = models.CharField(_("proposed handling"), max_length=48)
    explanation = models.TextField(_("reasoning"))  # in Vietnamese, as the CLI prints it
    verify = models.BooleanField(_("to verify"), default=False)
    facts = models.JSONField(_("facts used"), default=dict)
    # the reasoning's message code and parameters (tiendo.domain.messages), to read it in any language; empty for
    # the findings of scans made before messages were kept (a new scan fills it)
    message = models.JSONField(_("reasoning (message)"), default=dict, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["project_id", "rule"]
        indexes = [models.Index(fields=["run", "project"]), models.Index(fields=["run", "rule"])]

    def __str__(self) -> str:
        return f"{self.rule} {self.project_id}"

    def reasoning(self, language: str) -> str:
        """The reasoning in `language`, from the stored message; the Vietnamese text when there is none."""
        return render_stored(self.message, self.explanation, language)


class QuietProject(models.Model):
    """A running project that had no finding at the latest scan and keeps none until `until` unless it changes
    (tiendo.domain.schedule_rules.horizon): `tiendo scan --changed` skips it. Every scan rewrites the rows of the
    projects it evaluated; a project absent from here is evaluated."""

    project = models.OneToOneField(
        "projects.Project", primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=True
    )
    until = models.DateField(null=True, blank=True)  # None: no rule reads the day in a way that can change

    class Meta:
        verbose_name = _("project without findings")
        verbose_name_plural = _("projects without findings")

    def __str__(self) -> str:
        return f"{self.project_id} {self.until}"


class ReviewRound(models.Model):
    """A rà soát: the findings of one date, grouped by handling, confirmed by a specialist, decided by leaders."""

    class State(models.TextChoices):
        OPEN = "open", _("Being reviewed")
        SUBMITTED = "submitted", _("Submitted to the leaders")
        CLOSED = "closed", _("Decided")

    class Scope(models.TextChoices):
        ALL = "all", _("All running projects")
        BUSINESS = "business", _("Business projects (domestic private and FDI)")
        PUBLIC = "public", _("Public investment projects")

    title = models.CharField(_("title"), max_length=300)
    as_of = models.DateField(_("facts as of"))
    scope = models.CharField(_("projects reviewed"), max_length=10, choices=Scope.choices, default=Scope.ALL)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    note = models.TextField(_("note"), blank=True)
    projects = models.PositiveIntegerField(_("projects evaluated"), default=0)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    conclusion = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("leaders' conclusion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the follow-up tasks of the decisions are tracked."),
    )

    history = kept_history()

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-as_of", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReviewItem(models.Model):
    """One project in a round: its findings as they stood, the proposal the specialist puts forward, the decision."""

    class Decision(models.TextChoices):
        AGREED = "agreed", _("Agreed with the proposal")
        OTHER = "other", _("Another measure")
        DEFERRED = "deferred", _("Deferred to a later review")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="items")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="review_items")
    findings = models.JSONField(_("findings"), default=list)
    days_behind = models.IntegerField(_("days behind"), null=True, blank=True)
    # the registered schedule of the latest milestone, as the findings read it
    milestone = models.CharField(_("milestone"), max_length=24, blank=True)
    first_due = models.DateField(_("first due date"), null=True, blank=True)
    current_due = models.DateField(_("current due date"), null=True, blank=True)
    proposal = models.CharField(_("proposed handling"), max_length=48)
    # the proposal's place in tiendo.domain.schedule_rules.ProposalCode (mildest 0): the page lists the gravest first
    rank = models.PositiveSmallIntegerField(default=0, editable=False)
    proposal_text = models.TextField(_("proposal as put to the leaders"))
    legal_ground = models.TextField(_("legal ground"))
    confirmed = models.BooleanField(_("confirmed by the specialist"), default=False)
    note = models.TextField(_("specialist's note"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    search_key = models.CharField(max_length=900, editable=False, default="")

    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("reviewed project")
        verbose_name_plural = _("reviewed projects")
        ordering = ["-rank", models.F("days_behind").desc(nulls_last=True), "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="one_item_per_project_per_round")]
        indexes = [models.Index(fields=["round", "rank"])]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.project_id}"
