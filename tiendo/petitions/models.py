"""Enterprises' petitions (phản ánh, kiến nghị) and the dialogue conferences where they are raised.

A petition is received from a channel, classified into Decree 20's four kinds, routed to the agency responsible,
worked on (the clock paused while the enterprise owes information), answered with its legal basis, published
without personal data when allowed, rated by the petitioner and closed; duplicates are merged into a group that
gets one answer. Every change of state is a `StateChange` row with who and why, and the kept history records the
fields. The rules (states, deadlines, routing) are tiendo.domain.petitions'."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import SearchQuerySet, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain.petitions.states import Channel as ChannelRule
from tiendo.domain.petitions.states import Kind as KindRule
from tiendo.domain.petitions.states import State as StateRule
from tiendo.domain.petitions.states import Topic as TopicRule
from tiendo.domain.text import clean, search_key


class State(models.TextChoices):
    RECEIVED = StateRule.RECEIVED.value, _("Received")
    CLASSIFIED = StateRule.CLASSIFIED.value, _("Classified")
    ASSIGNED = StateRule.ASSIGNED.value, _("Assigned")
    IN_PROGRESS = StateRule.IN_PROGRESS.value, _("In progress")
    WAITING_ENTERPRISE = StateRule.WAITING_ENTERPRISE.value, _("Waiting for the enterprise")
    WAITING_AGENCY = StateRule.WAITING_AGENCY.value, _("Waiting for another agency")
    ANSWERED = StateRule.ANSWERED.value, _("Answered")
    PUBLISHED = StateRule.PUBLISHED.value, _("Answer published")
    RATED = StateRule.RATED.value, _("Rated")
    CLOSED = StateRule.CLOSED.value, _("Closed")
    REJECTED = StateRule.REJECTED.value, _("Not accepted")
    MERGED = StateRule.MERGED.value, _("Merged")
    WITHDRAWN = StateRule.WITHDRAWN.value, _("Withdrawn")


class Kind(models.TextChoices):
    NOT_ACCEPTED = KindRule.NOT_ACCEPTED.value, _("Not accepted")
    OFFICIAL_CONDUCT = KindRule.OFFICIAL_CONDUCT.value, _("Delay or wrong implementation by an agency or official")
    WITHIN_COMPETENCE = KindRule.WITHIN_COMPETENCE.value, _("Within the receiving agency's competence")
    OUTSIDE_COMPETENCE = KindRule.OUTSIDE_COMPETENCE.value, _("Outside the receiving agency's competence")


class Topic(models.TextChoices):
    LAND = TopicRule.LAND.value, _("Land")
    SITE_CLEARANCE = TopicRule.SITE_CLEARANCE.value, _("Site clearance")
    TAX = TopicRule.TAX.value, _("Tax and fees")
    CONSTRUCTION_PERMIT = TopicRule.CONSTRUCTION_PERMIT.value, _("Construction permits")
    INVESTMENT_PROCEDURE = TopicRule.INVESTMENT_PROCEDURE.value, _("Investment procedures")
    POWER_WATER = TopicRule.POWER_WATER.value, _("Power and water")
    LABOUR = TopicRule.LABOUR.value, _("Labour")
    ENVIRONMENT = TopicRule.ENVIRONMENT.value, _("Environment")
    CUSTOMS = TopicRule.CUSTOMS.value, _("Customs")
    CREDIT = TopicRule.CREDIT.value, _("Credit and finance")
    INFRASTRUCTURE = TopicRule.INFRASTRUCTURE.value, _("Transport and infrastructure")
    INVESTMENT_ENQUIRY = TopicRule.INVESTMENT_ENQUIRY.value, _("Investment enquiry")
    OTHER = TopicRule.OTHER.value, _("Other")


class Channel(models.TextChoices):
    INVESTOR_PORTAL = ChannelRule.INVESTOR_PORTAL.value, _("Investor's account")
    LETTER = ChannelRule.LETTER.value, _("Letter")
    HOTLINE = ChannelRule.HOTLINE.value, _("Hotline")
    NATIONAL_SYSTEM = ChannelRule.NATIONAL_SYSTEM.value, _("National petition system")
    CONFERENCE = ChannelRule.CONFERENCE.value, _("Dialogue conference")
    EMAIL = ChannelRule.EMAIL.value, _("E-mail")
    PUBLIC_PORTAL = ChannelRule.PUBLIC_PORTAL.value, _("Public portal")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


class PetitionQuerySet(SearchQuerySet):
    def open(self):
        from tiendo.domain.petitions.states import OPEN

        return self.filter(state__in=[state.value for state in OPEN])


class Petition(models.Model):
    number = models.CharField(
        _("number"), max_length=20, unique=True, help_text=_("Given on receipt, e.g. KN-2026-0042.")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    channel_reference = models.CharField(
        _("channel reference"),
        max_length=120,
        blank=True,
        help_text=_("The letter's number, the call's log number or the national system's code."),
    )
    received_on = models.DateField(_("received on"))
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    # a person or an enterprise not in the registry; personal data, never published
    petitioner_name = models.CharField(_("petitioner"), max_length=200, blank=True)
    petitioner_contact = models.CharField(_("contact"), max_length=200, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="petitions"
    )
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices, default=Topic.OTHER)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    # translations a translator has given (the petition itself is shown as written)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    concerned_agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("agencies concerned"), blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    # a complaint or denunciation: not handled here; the sentence tells the petitioner where to go
    is_complaint = models.BooleanField(_("complaint or denunciation"), default=False)
    redirect_note = models.TextField(_("where to go instead"), blank=True)
    suggested_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("suggested agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suggestion_reason = models.CharField(_("why suggested"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions_in_charge",
    )
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    # the answer deadline in force (recomputed on each pause and resume; the kept history shows each value)
    due_on = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    # the answer
    answer = models.TextField(_("answer"), blank=True)
    answer_en = models.TextField(_("answer (English)"), blank=True)
    answer_zh = models.TextField(_("answer (Chinese)"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    answer_document = models.CharField(
        _("answering document"), max_length=200, blank=True, help_text=_("E.g. Công văn số 1234/SXD-QLXD.")
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish_consent = models.BooleanField(_("the petitioner agrees to publication"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_text = models.TextField(_("published answer"), blank=True)
    # the petitioner's rating
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    rating_reason = models.TextField(_("reason for the rating"), blank=True)
    rated_on = models.DateField(_("rated on"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # the leaders' task when it ran past its deadline (tiendo.directives)
    escalation_task = models.ForeignKey(
        "directives.Task",
        verbose_name=_("leaders' task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conference = models.ForeignKey(
        "petitions.Conference",
        verbose_name=_("dialogue conference"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    raised_on_the_day = models.BooleanField(_("raised on the day"), default=False)
    spot_answer = models.TextField(_("answer given on the spot"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    search_key = models.TextField(editable=False, blank=True)
    version = version_field()

    objects = PetitionQuerySet.as_manager()
    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["enterprise", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=State.MERGED) | Q(merged_into__isnull=False), name="petition_merged_has_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        self.title = clean(self.title or "").strip()
        self.text = clean(self.text or "").strip()
        self.search_key = search_key(" ".join([self.number, self.title, self.text[:2000]]))
        super().save(*args, **kwargs)


class StateChange(models.Model):
    """One move of a petition, with who and why: the petition's timeline, and what the reports count."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="changes")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["petition", "at"])]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.from_state or '—'} → {self.to_state}"


class Pause(models.Model):
    """The clock stopped while the enterprise owed additional information (what was asked is `request`)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField(_("paused on"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)
    request = models.TextField(_("information asked for"))
    reply = models.TextField(_("the enterprise's reply"), blank=True)

    history = kept_history()

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition"], condition=Q(ended_on__isnull=True), name="one_open_pause_per_petition"
            )
        ]

    def __str__(self) -> str:
        end = f"{self.ended_on:%d/%m/%Y}" if self.ended_on else "…"
        return f"{self.started_on:%d/%m/%Y}–{end}"


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="petitions/%Y/%m/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = kept_history()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    """A step of the ladder taken for a petition (reminder, head notified, escalated), once per deadline."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=20)
    due_on = models.DateField()
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "step", "due_on"], name="one_reminder_per_step_and_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.step} {self.day:%d/%m/%Y}"


class Conference(models.Model):
    """A dialogue conference between the province's leaders and enterprises: its questions are petitions of the
    channel "conference"; its commitments are the tasks of its conclusion (a directive)."""

    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.CharField(_("chair"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    conclusion = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("conclusion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("dialogue conference")
        verbose_name_plural = _("dialogue conferences")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"
