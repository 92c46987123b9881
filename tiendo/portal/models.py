"""The portal's own records: the projects open for investment (with their English and Chinese translations and the
procedure an investor goes through), the communes' shapes the public map draws, the edition number that tells
the public pages' cache when a record they show has changed, and each open-data publication."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import SearchQuerySet, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain import text as vn_text
from tiendo.domain.portal import translation as rules

# The texts of an opportunity that are written in Vietnamese and translated into English and Chinese.
TRANSLATED_FIELDS: tuple[str, ...] = ("title", "summary", "planning_status", "land_holder", "incentives")


class Opportunity(models.Model):
    """A project the province invites investors to (danh mục dự án kêu gọi đầu tư), always tied to the list it
    comes from."""

    class Origin(models.TextChoices):
        PROVINCIAL_PLAN = "provincial_plan", _("Provincial plan 2021–2030: priority projects")
        SECTOR_PLAN = "sector_plan", _("Sector plan")
        PROVINCE_DECISION = "province_decision", _("People's Committee decision on the list")

    class SelectionForm(models.TextChoices):
        LAND_AUCTION = "land_auction", _("Auction of land-use rights")
        INVESTOR_BIDDING = "investor_bidding", _("Bidding to select the investor")
        PPP = "ppp", _("Public-private partnership (PPP)")
        INVESTOR_PROPOSAL = "investor_proposal", _("Investor's proposal with investment policy approval")

    class LandStatus(models.TextChoices):
        CLEARED = "cleared", _("Cleared, ready to hand over")
        PARTLY_CLEARED = "partly_cleared", _("Partly cleared")
        NOT_CLEARED = "not_cleared", _("Not yet cleared")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Open for investment")
        CLOSED = "closed", _("Investor selected or withdrawn")

    code = models.CharField(_("code"), max_length=30, unique=True)
    origin = models.CharField(_("listed in"), max_length=20, choices=Origin.choices)
    origin_document = models.CharField(
        _("listing document"), max_length=255, help_text=_("Number, date and issuer of the plan or decision.")
    )
    origin_date = models.DateField(_("listing document date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        "projects.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="opportunities"
    )
    commune = models.ForeignKey(
        "agencies.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    zone = models.ForeignKey(
        "projects.Zone",
        verbose_name=_("industrial zone or cluster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
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
    area_ha = models.DecimalField(
        _("area (ha)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)], null=True, blank=True
    )
    capital = models.BigIntegerField(
        _("indicative capital (VND)"), validators=[MinValueValidator(0)], null=True, blank=True
    )
    selection_form = models.CharField(_("investor selection"), max_length=20, choices=SelectionForm.choices)
    planning_status = models.TextField(_("planning status"), blank=True)
    land_status = models.CharField(_("land status"), max_length=20, choices=LandStatus.choices)
    land_holder = models.CharField(_("who holds the land now"), max_length=300, blank=True)
    incentives = models.TextField(_("investment incentives"), blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency answering enquiries"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    contact_name = models.CharField(_("contact point"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    search_key = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = version_field()
    history = kept_history(excluded_fields=["search_key"])

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        for name in TRANSLATED_FIELDS:
            setattr(self, name, vn_text.clean(getattr(self, name)))
        self.search_key = vn_text.search_key(" ".join([self.code, self.title, self.summary]))
        super().save(*args, **kwargs)


class Translation(models.Model):
    """One text of an opportunity in English or Chinese; `made_from` fingerprints the Vietnamese it translates, so
    a change of the Vietnamese sends a reviewed translation back to draft."""

    class Language(models.TextChoices):
        EN = "en", "English"
        ZH = "zh", "中文"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="translations")
    field = models.CharField(_("text"), max_length=30, choices=[(name, name) for name in TRANSLATED_FIELDS])
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("translation"), blank=True)
    made_from = models.CharField(max_length=16, blank=True, editable=False)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    translated_at = models.DateTimeField(_("translated at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = version_field()
    history = kept_history()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "field", "language"], name="portal_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.opportunity.code} {self.field} [{self.language}]"

    def status(self) -> rules.Status:
        original = getattr(self.opportunity, self.field)
        return rules.status(original, self.text, self.reviewed, self.made_from)


class ProcedureStep(models.Model):
    """One step an investor goes through for an opportunity, with its statutory duration and who decides it."""

    class Step(models.TextChoices):
        POLICY_APPROVAL = "policy_approval", _("Investment policy approval")
        INVESTOR_SELECTION = "investor_selection", _("Selection of the investor")
        LAND_ALLOCATION = "land_allocation", _("Land allocation or lease")
        ENVIRONMENT = "environment", _("Environmental impact assessment")
        CONSTRUCTION_PERMIT = "construction_permit", _("Construction permit")
        REGISTRATION_CERTIFICATE = "registration_certificate", _("Investment registration certificate")
        ENTERPRISE_REGISTRATION = "enterprise_registration", _("Enterprise registration")
        FIRE_SAFETY = "fire_safety", _("Fire safety design approval")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    step = models.CharField(_("step"), max_length=30, choices=Step.choices)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("deciding agency"), on_delete=models.PROTECT, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(
        _("statutory duration (days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    # the law says "05 ngày làm việc" for some steps and "17 ngày" for others: the days are kept as the law counts them
    calendar_days = models.BooleanField(
        _("counted in calendar days"),
        default=False,
        help_text=_("Ticked when the law counts the duration in calendar days rather than working days."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    history = kept_history()

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["opportunity", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_step_display()}"


class OpportunityDocument(models.Model):
    """A document an investor can download (the plan's extract, the site plan, the decision on the list)."""

    class Kind(models.TextChoices):
        LISTING_DECISION = "listing_decision", _("Decision on the list")
        PLANNING_MAP = "planning_map", _("Planning map")
        SITE_PLAN = "site_plan", _("Site plan")
        BROCHURE = "brochure", _("Project profile")
        OTHER = "other", _("Other")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="portal/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = kept_history()

    class Meta:
        verbose_name = _("opportunity document")
        verbose_name_plural = _("opportunity documents")
        ordering = ["opportunity", "pk"]

    def __str__(self) -> str:
        return self.title


class CommuneShape(models.Model):
    """The outline the public map draws for a commune: surveyed (loaded from a GeoJSON file) or schematic (cells
    drawn around the communes' points when no survey is loaded; the map then says it is a sketch)."""

    class Source(models.TextChoices):
        SURVEYED = "surveyed", _("Surveyed boundary")
        SCHEMATIC = "schematic", _("Schematic cell")

    unit = models.OneToOneField(
        "agencies.AdminUnit", verbose_name=_("commune or ward"), on_delete=models.CASCADE, related_name="shape"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    outline = models.JSONField(_("outline"), default=list, help_text=_("[[longitude, latitude], ...], closed."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.SCHEMATIC)
    history = kept_history()  # a surveyed outline replaced by a newer file stays readable

    class Meta:
        verbose_name = _("commune shape")
        verbose_name_plural = _("commune shapes")

    def __str__(self) -> str:
        return str(self.unit)


class Edition(models.Model):
    """One row: its number goes up when any record a public page shows changes, so every web process drops its
    cached public pages at once (the number is read once a request)."""

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public edition")

    def __str__(self) -> str:
        return str(self.number)


class Publication(models.Model):
    """One generation of the open data (OC4IDS project package): when, how big, and what validation found."""

    generated_at = models.DateTimeField(_("generated at"), db_index=True)
    edition = models.PositiveBigIntegerField(_("edition"), default=0)
    projects = models.PositiveIntegerField(_("projects"), default=0)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    errors = models.PositiveIntegerField(_("validation errors"), default=0)
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    package = models.FileField(_("package"), upload_to="opendata/")

    class Meta:
        verbose_name = _("open-data publication")
        verbose_name_plural = _("open-data publications")
        ordering = ["-generated_at"]

    def __str__(self) -> str:
        return f"OC4IDS {self.generated_at:%d/%m/%Y %H:%M}"


class Enquiry(models.Model):
    """An investor's question about an opportunity, sent from the public portal. The question itself is a petition
    in the responsible agency's queue; this record keeps who asked (to acknowledge and answer them) for
    TIENDO_PORTAL_ENQUIRY_KEEP_DAYS, and the sender's address only as a salted hash that counts its enquiries."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("investment opportunity"), on_delete=models.PROTECT, related_name="enquiries"
    )
    petition = models.OneToOneField(
        "petitions.Petition", verbose_name=_("petition"), on_delete=models.PROTECT, related_name="enquiry"
    )
    name = models.CharField(_("name"), max_length=100)
    company = models.CharField(_("company"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=5)
    email = models.EmailField(_("e-mail"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    address_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("sent at"), db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    forgotten_at = models.DateTimeField(_("contact details erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("investor enquiry")
        verbose_name_plural = _("investor enquiries")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["address_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.opportunity.code} {self.petition.number}"
