"""Leaders' directives and the tasks in them: who, what, by when ("5 rõ"), progress, extensions, reminders."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tiendo.audit.models import LiveQuerySet, SoftDeleteModel, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain.tasks import TaskFacts, TaskStatus, status_on
from tiendo.domain.text import clean, search_key

STATUS_LABELS = {
    TaskStatus.DONE_ON_TIME: _("Done on time"),
    TaskStatus.DONE_LATE: _("Done late"),
    TaskStatus.IN_PROGRESS: _("In progress, within deadline"),
    TaskStatus.OVERDUE: _("Overdue"),
    TaskStatus.STANDING: _("Standing task"),
}
STATUS_CHOICES = [(status.value, label) for status, label in STATUS_LABELS.items()]


class DirectiveQuerySet(LiveQuerySet):
    """Who sees which directives is the access layer's (tiendo.directives.access)."""


class Directive(SoftDeleteModel):
    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("Conclusion notice")
        DIRECTIVE = "directive", pgettext_lazy("document type", "Directive")
        LETTER = "letter", _("Official letter")
        RESOLUTION = "resolution", _("Resolution")
        PLAN = "plan", _("Plan")
        MEETING_NEWS = "news", _("News of a meeting")

    kind = models.CharField(_("document type"), max_length=16, choices=Kind.choices, default=Kind.CONCLUSION)
    number = models.CharField(
        _("number"), max_length=80, blank=True, help_text=_("As written, e.g. 45/TB-UBND; blank for news.")
    )
    issued_on = models.DateField(_("date"))
    issuer = models.CharField(_("issuing body"), max_length=255)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("full text"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True, help_text=_("A link or a file name."))
    search_key = models.CharField(max_length=900, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = version_field()

    objects = DirectiveQuerySet.as_manager()
    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["deleted_at", "issued_on"]),
            # the newest directives first (the list, and the 300 the filters offer)
            models.Index(
                F("issued_on").desc(), F("id").desc(), condition=Q(deleted_at__isnull=True), name="directive_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title

    def save(self, *args, **kwargs):
        for name in ("number", "issuer", "signer", "title", "source"):
            setattr(self, name, clean(getattr(self, name)))
        # each line tidied, the paragraphs kept (a browser sends them as CRLF)
        self.text = "\n".join(clean(line) for line in self.text.replace("\r\n", "\n").split("\n")).strip()
        self.search_key = search_key(f"{self.number} {self.title} {self.issuer}")[:900]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)


class TaskQuerySet(LiveQuerySet):
    def with_status(self, day: date, *, original: bool = False):
        """Annotate `status` in SQL, by the same rules as tiendo.domain.tasks.status_on (a test keeps them equal)."""
        due = "due_for_status"
        finished = Q(completed_on__isnull=False, completed_on__lte=day)
        judged_by = Coalesce("original_deadline", "deadline") if original else F("deadline")
        return self.annotate(due_for_status=judged_by).annotate(
            status=Case(
                When(
                    finished & (Q(standing=True) | Q(**{f"{due}__isnull": True})), then=Value(TaskStatus.DONE_ON_TIME)
                ),
                When(finished & Q(completed_on__lte=F(due)), then=Value(TaskStatus.DONE_ON_TIME)),
                When(finished, then=Value(TaskStatus.DONE_LATE)),
                When(standing=True, then=Value(TaskStatus.STANDING)),
                When(**{f"{due}__lt": day}, then=Value(TaskStatus.OVERDUE)),
                default=Value(TaskStatus.IN_PROGRESS),
                output_field=models.CharField(),
            )
        )

    def in_status(self, status: str, day: date, *, original: bool = False):
        return self.with_status(day, original=original).filter(status=status)

    def open(self):
        return self.filter(completed_on__isnull=True)


class Task(SoftDeleteModel):
    class ResultKind(models.TextChoices):
        REPORT = "report", _("Report")
        DECISION = "decision", _("Decision (draft)")
        PLAN = "plan", _("Plan or programme")
        PROPOSAL = "proposal", _("Proposal to a higher level")
        OTHER = "other", _("Other result")

    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    assigned_on = models.DateField(
        _("assigned on"), blank=True, help_text=_("The directive's date, or the day the task was given without one.")
    )
    title = models.CharField(_("what to do"), max_length=1000)
    details = models.TextField(_("details"), blank=True)
    assignee_text = models.CharField(
        _("assignee as written"), max_length=255, blank=True, help_text=_("The body as the directive names it.")
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="lead_tasks"
    )
    responsible_person = models.CharField(_("responsible person"), max_length=150, blank=True)
    cooperating_agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("cooperating agencies"), blank=True, related_name="cooperating_tasks"
    )
    cooperating_text = models.CharField(
        _("other cooperating bodies"), max_length=500, blank=True, help_text=_("Bodies not in the agency list.")
    )
    expected_result_kind = models.CharField(
        _("expected result"), max_length=16, choices=ResultKind.choices, default=ResultKind.REPORT
    )
    expected_result = models.CharField(_("expected result (details)"), max_length=500, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True, editable=False)
    deadline_text = models.CharField(_("deadline as written"), max_length=120, blank=True)
    standing = models.BooleanField(_("standing task"), default=False, help_text=_("Ongoing work, with no deadline."))
    waits_on = models.CharField(
        _("waiting on"),
        max_length=255,
        blank=True,
        help_text=_("An outside body the task depends on, e.g. a ministry."),
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    source_sentence = models.TextField(_("sentence in the directive"), blank=True)
    search_key = models.CharField(max_length=1500, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = version_field()

    objects = TaskQuerySet.as_manager()
    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["lead_agency", "completed_on"]),
            models.Index(fields=["deleted_at", "deadline"]),
            models.Index(fields=["completed_on", "deadline"]),
            models.Index(fields=["assigned_on"]),
            # the task board's sorts (tiendo.directives.forms.TASK_SORTS), over live tasks: a page of 50 is read
            # in index order instead of sorting a nation's tasks
            # (an ascending index puts nulls last on PostgreSQL, as the sort asks; SQLite refuses NULLS LAST here)
            models.Index(
                Case(When(completed_on__isnull=True, then=Value(0)), default=Value(1)),
                "deadline",
                "id",
                condition=Q(deleted_at__isnull=True),
                name="task_board_open_first",
            ),
            models.Index(
                F("assigned_on").desc(), F("id").desc(), condition=Q(deleted_at__isnull=True), name="task_board_newest"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(standing=True, deadline__isnull=False), name="standing_task_has_no_deadline"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        for name in (
            "title",
            "assignee_text",
            "responsible_person",
            "cooperating_text",
            "expected_result",
            "deadline_text",
            "waits_on",
        ):
            setattr(self, name, clean(getattr(self, name)))
        if self.assigned_on is None:
            self.assigned_on = self.directive.issued_on if self.directive_id else timezone.localdate()
        if self.standing:
            self.deadline = None
        if self.original_deadline is None:
            self.original_deadline = self.deadline
        self.search_key = search_key(f"{self.title} {self.assignee_text} {self.expected_result}")[:1500]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key", "original_deadline", "deadline"}
        super().save(*args, **kwargs)

    @property
    def facts(self) -> TaskFacts:
        return TaskFacts(self.deadline, self.completed_on, self.standing, self.original_deadline)

    def status_on(self, day: date | None = None, *, original: bool = False) -> TaskStatus:
        return status_on(self.facts, day or timezone.localdate(), original=original)

    @property
    def status(self) -> TaskStatus:
        """Today's status, or the one `with_status(day)` computed for the day a list was asked for."""
        annotated = self.__dict__.get("status")
        return TaskStatus(annotated) if annotated else self.status_on()

    @status.setter
    def status(self, value) -> None:
        self.__dict__["status"] = value

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def extended(self) -> bool:
        return self.original_deadline is not None and self.deadline != self.original_deadline


class ProgressUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates", verbose_name=_("task"))
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("progress"))
    percent = models.PositiveSmallIntegerField(_("done (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    completed = models.BooleanField(_("the task is done"), default=False)
    attachment = models.FileField(_("attachment"), upload_to="tasks/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = kept_history()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reported_on:%d/%m/%Y} {self.percent}%"


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("task"))
    old_deadline = models.DateField(_("deadline before"), null=True, blank=True)
    requested_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(_("decision"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    history = kept_history()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.task_id} -> {self.requested_deadline:%d/%m/%Y} ({self.state})"


class Notification(models.Model):
    """An in-app message; (user, task, kind, day) is unique so a reminder run twice a day adds nothing."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ASSIGNED = "assigned", _("New task")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        EXTENSION_DECIDED = "extension_decided", _("Extension decided")
        PETITION_DUE_SOON = "petition_due_soon", _("Petition due soon")
        PETITION_DUE = "petition_due", _("Petition due today")
        PETITION_OVERDUE = "petition_overdue", _("Petition overdue")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    day = models.DateField()
    message = models.CharField(max_length=500)
    # where the message leads when it is not about a task (a petition's page): a path within the site
    link = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "task", "kind", "day"], name="one_notification_per_task_kind_day")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message


class ReminderDigest(models.Model):
    """One e-mail per agency per day: the record that it went out is what stops a second run sending it again."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    recipients = models.TextField(blank=True)
    due_soon = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="one_digest_per_agency_day")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%d/%m/%Y}"
