"""Socio-economic targets and the GRDP growth scenario: the catalogue of indicators, the term's and the year's
targets with the documents that set them, the scenario versions (base and planned growth by quarter and
component), the published actuals with their provenance and revisions, the alerts that become tasks, and the
projects an indicator depends on. The arithmetic is tiendo.domain.growth's."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import kept_history
from tiendo.audit.versions import version_field
from tiendo.domain.text import clean, normalize

GROWTH_DIGITS = {"max_digits": 9, "decimal_places": 6}  # a fraction: 0.123456 = 12.3456 %
# GRDP at comparable prices is a statistical aggregate published in billion đồng with decimals, not a payment:
# it is kept as the statistics office writes it rather than as integer đồng
BILLIONS_DIGITS = {"max_digits": 18, "decimal_places": 3}
VALUE_DIGITS = {"max_digits": 20, "decimal_places": 4}


class Component(models.TextChoices):
    """The four parts the Government asks provinces to build their quarterly GRDP scenario from."""

    AGRICULTURE = "agriculture", _("Agriculture, forestry and fisheries")
    INDUSTRY_CONSTRUCTION = "industry_construction", _("Industry and construction")
    SERVICES = "services", _("Services")
    PRODUCT_TAXES = "product_taxes", _("Product taxes less subsidies")


class EconomicSector(models.Model):
    """A level-1 sector of the economy (manufacturing, electricity, construction…) under one component: where the
    province has the detail, a component's growth is its sectors' rolled up by weight."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    component = models.CharField(_("component"), max_length=32, choices=Component.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = kept_history()

    class Meta:
        verbose_name = _("economic sector")
        verbose_name_plural = _("economic sectors")
        ordering = ["component", "position", "code"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """An indicator of the socio-economic plan (GRDP growth, budget revenue, export turnover…): an editable
    catalogue, each with its unit, which way is better, and who answers for it."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        BILLION_VND = "billion_vnd", _("billion VND")
        MILLION_VND = "million_vnd", _("million VND")
        MILLION_USD = "million_usd", _("million USD")
        USD = "usd", "USD"
        COUNT = "count", _("count")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    GRDP_GROWTH = "grdp_growth"  # the indicator the scenario serves: its actuals are the scenario's figures

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    accumulates = models.BooleanField(
        _("accumulates over the year"),
        default=False,
        help_text=_(
            "The year's value is the sum of its months (revenue, exports): part of a year is compared "
            "with the same part of the target."
        ),
    )
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        for name in ("name", "name_en", "name_zh"):
            setattr(self, name, clean(getattr(self, name)))
        super().save(*args, **kwargs)


class Term(models.Model):
    """A five-year term (2021–2025, 2026–2030): the provincial Party Congress resolution and the five-year
    socio-economic plan set its targets."""

    first_year = models.PositiveSmallIntegerField(_("first year"), validators=[MinValueValidator(2000)])
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=[MaxValueValidator(2100)])
    document = models.CharField(_("deciding document"), max_length=500, blank=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["first_year"], name="term_first_year_unique"),
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="term_years_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class Target(models.Model):
    """A target value (or range, e.g. 13–13.5 %) of an indicator: the term's own (no year), the term plan's
    breakdown for one of its years, or the year's as the People's Council resolution sets it. Revisions are the
    record's history, each with its reason and document."""

    class Kind(models.TextChoices):
        TERM = "term", _("Term target")
        TERM_YEAR = "term_year", _("Term plan, for the year")
        YEAR = "year", _("Year target")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.YEAR)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    low = models.DecimalField(_("target"), **VALUE_DIGITS)
    high = models.DecimalField(_("upper end of the range"), null=True, blank=True, **VALUE_DIGITS)
    document = models.CharField(_("deciding document"), max_length=500)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__position", "indicator__code", "kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "term"], condition=Q(kind="term"), name="target_one_per_term"),
            models.UniqueConstraint(
                fields=["indicator", "year"], condition=Q(kind="term_year"), name="target_one_term_year"
            ),
            models.UniqueConstraint(fields=["indicator", "year"], condition=Q(kind="year"), name="target_one_year"),
            models.CheckConstraint(
                condition=(
                    Q(kind="term", year__isnull=True, term__isnull=False) | Q(~Q(kind="term"), year__isnull=False)
                ),
                name="target_year_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gte=models.F("low")), name="target_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year or self.term}"

    def clean(self):
        if self.kind == self.Kind.TERM and self.year is not None:
            raise ValidationError({"year": _("A term target has no year.")})
        if self.kind != self.Kind.TERM and self.year is None:
            raise ValidationError({"year": _("Give the year.")})
        if self.term_id and self.year is not None and not self.term.covers(self.year):
            raise ValidationError({"year": _("The year is outside the term.")})
        if self.high is not None and self.high < self.low:
            raise ValidationError({"high": _("The upper end of the range is below the target.")})


class Publication(models.Model):
    """Where figures come from: a statistics office release (its number and date), a department's report, or
    an entry by hand naming its source. Preliminary and official figures are kept apart; a later publication of
    the same quarter revises, never overwrites."""

    class Source(models.TextChoices):
        STATISTICS = "statistics", _("Statistics office release")
        DEPARTMENT = "department", _("Department report")
        MANUAL = "manual", _("Entered by hand")

    class Status(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary (estimate)")
        OFFICIAL = "official", _("Official")

    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.STATISTICS)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PRELIMINARY)
    number = models.CharField(_("number"), max_length=80, blank=True, help_text=_("As written, e.g. 12/BC-TK."))
    published_on = models.DateField(_("published on"))
    issuer = models.CharField(_("issuer"), max_length=255)
    title = models.CharField(_("title"), max_length=500, blank=True)
    link = models.CharField(_("link or file"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = kept_history()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        number = f"{self.number} " if self.number else ""
        return f"{number}{self.issuer} {self.published_on:%d/%m/%Y}".strip()

    @property
    def is_public(self) -> bool:
        """Investors and the public see what a statistics office has published, not drafts or internal reports."""
        return self.source == self.Source.STATISTICS


class GrowthFigure(models.Model):
    """A published quarterly growth of one GRDP component (or a level-1 sector under it) over the same quarter of
    the previous year, optionally with the level at comparable prices. A later figure of the same quarter points to
    the one it replaced."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="growth_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    component = models.CharField(_("component"), max_length=32, choices=Component.choices)
    sector = models.ForeignKey(
        EconomicSector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    growth = models.DecimalField(_("growth"), **GROWTH_DIGITS)
    level = models.DecimalField(_("GRDP at comparable prices (billion VND)"), null=True, blank=True, **BILLIONS_DIGITS)
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )

    history = kept_history()

    class Meta:
        verbose_name = _("growth figure")
        verbose_name_plural = _("growth figures")
        ordering = ["year", "quarter", "component", "sector__position", "pk"]
        indexes = [models.Index(fields=["year", "quarter", "component"])]
        constraints = [
            models.CheckConstraint(condition=Q(growth__gte=-1), name="growth_figure_above_minus_one"),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter} {self.get_component_display()}"


class IndicatorValue(models.Model):
    """A published value of an indicator over the year's first `months` months (a level at their end for
    indicators that do not accumulate), from a publication; a revision points to what it replaced."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="indicator_values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    months = models.PositiveSmallIntegerField(
        _("months covered"), validators=[MinValueValidator(1), MaxValueValidator(12)], default=12
    )
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = kept_history()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "months", "pk"]
        indexes = [models.Index(fields=["indicator", "year", "months"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} ({self.months})"


class Scenario(models.Model):
    """A named version of the year's quarterly GRDP scenario (the one sent to the ministry in February, a
    revision in July…): the previous year's GRDP by quarter and component and the growth planned for each.
    Adopted versions are kept as they were; a revision is a new version based on one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    target_growth = models.DecimalField(_("growth target of the year"), **GROWTH_DIGITS)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    document = models.CharField(
        _("document"), max_length=500, blank=True, help_text=_("The plan or letter that sets or sends it.")
    )
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("growth scenario")
        verbose_name_plural = _("growth scenarios")
        ordering = ["-year", "-adopted_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="scenario_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ScenarioCell(models.Model):
    """One quarter of one component (or a level-1 sector under it) in a scenario: the previous year's GRDP at
    comparable prices and the growth planned over it."""

    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="cells")
    component = models.CharField(_("component"), max_length=32, choices=Component.choices)
    sector = models.ForeignKey(
        EconomicSector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    base = models.DecimalField(_("previous year (billion VND, comparable prices)"), **BILLIONS_DIGITS)
    growth = models.DecimalField(_("planned growth"), **GROWTH_DIGITS)

    history = kept_history()

    class Meta:
        verbose_name = _("scenario cell")
        verbose_name_plural = _("scenario cells")
        ordering = ["scenario", "component", "sector__position", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "component", "quarter"],
                condition=Q(sector__isnull=True),
                name="scenario_cell_component",
            ),
            models.UniqueConstraint(
                fields=["scenario", "sector", "quarter"], condition=Q(sector__isnull=False), name="scenario_cell_sector"
            ),
            models.CheckConstraint(condition=Q(base__gte=0), name="scenario_cell_base_not_negative"),
            models.CheckConstraint(condition=Q(growth__gte=-1), name="scenario_cell_growth_above_minus_one"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} Q{self.quarter} {self.sector or self.get_component_display()}"


class Alert(models.Model):
    """A shortfall tiendo noticed (a quarter below the scenario, a required growth beyond anything planned, an
    indicator behind its path), proposed as a task for the responsible agency; a specialist or leader sends it
    (through the directives services) or dismisses it, with a reason."""

    class Kind(models.TextChoices):
        QUARTER_SHORTFALL = "quarter_shortfall", _("Quarter below the scenario")
        REQUIRED_TOO_HIGH = "required_too_high", _("Required growth beyond the scenario")
        INDICATOR_BEHIND = "indicator_behind", _("Indicator behind its path")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SENT = "sent", _("Sent as a task")
        DISMISSED = "dismissed", _("Dismissed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="alerts"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # 0 where the alert is not about a quarter (or a part of the year): one alert per shortfall stays unique
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    months = models.PositiveSmallIntegerField(_("months covered"), default=0)
    component = models.CharField(_("component"), max_length=32, choices=Component.choices, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # the figures the text was written from (actual, planned, gap, required…), so a later revision of a figure
    # does not rewrite what was proposed
    figures = models.JSONField(_("figures"), default=dict)
    text = models.TextField(_("proposed task"))
    task = models.ForeignKey(
        "directives.Task", verbose_name=_("task"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("target alert")
        verbose_name_plural = _("target alerts")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            # one alert per shortfall: re-running the check after a new release does not repeat it
            models.UniqueConstraint(
                fields=["kind", "indicator", "year", "quarter", "months", "component"],
                name="alert_once_per_shortfall",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.indicator} {self.year}"


class IndicatorProject(models.Model):
    """A project an indicator depends on (a large FDI plant due to operate this year, a road the construction
    growth assumes), shown beside the indicator with its behind-schedule findings."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="project_links"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.CharField(_("what the target expects of it"), max_length=500, blank=True)

    history = kept_history()

    class Meta:
        verbose_name = _("project an indicator depends on")
        verbose_name_plural = _("projects indicators depend on")
        ordering = ["indicator", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator", "project", "year"], name="indicator_project_once")]

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.project}"


class ComponentAgency(models.Model):
    """The agency that answers for a GRDP component (industry and construction: the Department of Industry and
    Trade…): a component's shortfall is proposed as its task. Without a row, the component's sectors' agency is
    used when they name one."""

    component = models.CharField(_("component"), max_length=32, choices=Component.choices, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("responsible agency"), on_delete=models.PROTECT, related_name="+"
    )
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("agency responsible for a component")
        verbose_name_plural = _("agencies responsible for the components")
        ordering = ["component"]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {self.agency}"


class Summary(models.Model):
    """The monthly report's paragraph on GRDP growth for a year and the part of it published (`months` = 3, 6, 9
    or 12; 0 before any quarter): the text tiendo drafted from the data and the text the specialist edited and
    saved. Each save is kept in the history."""

    year = models.PositiveSmallIntegerField(_("year"))
    months = models.PositiveSmallIntegerField(
        _("months covered"), validators=[MinValueValidator(0), MaxValueValidator(12)], default=0
    )
    text = models.TextField(_("summary"))
    drafted_text = models.TextField(_("drafted from the data"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited at"), auto_now=True)
    version = version_field()

    history = kept_history()

    class Meta:
        verbose_name = _("growth summary")
        verbose_name_plural = _("growth summaries")
        ordering = ["-year", "-months"]
        constraints = [models.UniqueConstraint(fields=["year", "months"], name="summary_once_per_period")]

    def __str__(self) -> str:
        return f"{self.year} ({self.months})"

    def save(self, *args, **kwargs):
        self.text = normalize(self.text).strip()
        self.drafted_text = normalize(self.drafted_text).strip()
        super().save(*args, **kwargs)
