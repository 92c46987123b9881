"""Agencies and administrative units, with the dates they existed and who took over from them."""

from datetime import date

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tiendo.audit.models import SearchQuerySet, kept_history
from tiendo.audit.versions import version_field
from tiendo.domain import organisation
from tiendo.domain.text import clean, search_key

from .open_work import moved_titles


def localised_name(record, vietnamese: str) -> str:
    """Names are data, not gettext strings: each record carries its own English and Chinese names."""
    language = (get_language() or "vi").lower()
    if language.startswith("en") and record.name_en:
        return record.name_en
    if language.startswith("zh") and record.name_zh:
        return record.name_zh
    return vietnamese


class Validity(models.Model):
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("The last day it existed."))

    class Meta:
        abstract = True

    @property
    def validity(self) -> organisation.Validity:
        return organisation.Validity(self.valid_from, self.valid_to)

    @property
    def facts(self) -> organisation.AgencyFacts:
        return organisation.AgencyFacts(self.pk, self.code, self.validity, self.successor_id)

    def is_valid_on(self, day: date) -> bool:
        return self.validity.covers(day)


class ValidityQuerySet(SearchQuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def during(self, start: date, end: date):
        """Existed on some day of the period: a past report lists the agencies of its time."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class AdminUnit(Validity):
    class Level(models.TextChoices):
        PROVINCE = organisation.UnitLevel.PROVINCE, _("province")
        DISTRICT = organisation.UnitLevel.DISTRICT, _("district")
        COMMUNE = organisation.UnitLevel.COMMUNE, _("commune")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    unit_type = models.CharField(_("type"), max_length=40, help_text=_("tỉnh, thành phố, huyện, xã, phường..."))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self", verbose_name=_("successor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    formed_from = models.ManyToManyField(
        "self", verbose_name=_("formed from"), blank=True, symmetrical=False, related_name="became"
    )
    search_key = models.CharField(max_length=200, editable=False, db_index=True)

    objects = ValidityQuerySet.as_manager()
    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.unit_type = clean(self.unit_type)
        self.search_key = search_key(f"{self.unit_type} {self.name}")
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return localised_name(self, f"{self.unit_type} {self.name}".strip())


class Agency(Validity):
    class Kind(models.TextChoices):
        PARTY_COMMITTEE = organisation.AgencyKind.PARTY_COMMITTEE, _("Party committee")
        PEOPLES_COUNCIL = organisation.AgencyKind.PEOPLES_COUNCIL, _("People's Council")
        PEOPLES_COMMITTEE = organisation.AgencyKind.PEOPLES_COMMITTEE, _("People's Committee")
        DEPARTMENT = organisation.AgencyKind.DEPARTMENT, _("Department")
        BOARD = organisation.AgencyKind.BOARD, _("Board")
        COMMUNE = organisation.AgencyKind.COMMUNE, _("Commune / ward")
        CENTRAL = organisation.AgencyKind.CENTRAL, _("Central body")
        OTHER = organisation.AgencyKind.OTHER, _("Other")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head = models.CharField(_("head of agency"), max_length=120, blank=True)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    version = version_field()

    objects = ValidityQuerySet.as_manager()
    history = kept_history(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.short_name = clean(self.short_name)
        self.search_key = search_key(" ".join(filter(None, [self.name, self.short_name, self.code, self.name_en])))
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return localised_name(self, self.name)

    def lineage_ids(self) -> set[int]:
        """This agency and all agencies merged into it: their past work is now this agency's."""
        return organisation.lineage(
            self.pk, facts_of(Agency.objects.filter(Q(successor__isnull=False) | Q(pk=self.pk)))
        )


def facts_of(queryset) -> dict[int, organisation.AgencyFacts]:
    """The validity facts of agencies (or administrative units) for the pure successor rules."""
    return {
        pk: organisation.AgencyFacts(pk, code, organisation.Validity(vf, vt), succ)
        for pk, code, vf, vt, succ in queryset.values_list("pk", "code", "valid_from", "valid_to", "successor_id")
    }


class Reorganisation(models.Model):
    """One decision that ended agencies (or units) and handed their open work to a successor."""

    class Subject(models.TextChoices):
        AGENCY = "agency", _("agencies")
        UNIT = "unit", _("administrative units")

    subject = models.CharField(_("subject"), max_length=8, choices=Subject.choices, default=Subject.AGENCY)
    effective = models.DateField(_("effective date"))
    decision = models.CharField(_("deciding document"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    target_agency = models.ForeignKey(
        Agency,
        verbose_name=_("successor agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_agencies = models.ManyToManyField(Agency, verbose_name=_("merged agencies"), related_name="merged_in")
    target_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("successor unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_units = models.ManyToManyField(AdminUnit, verbose_name=_("merged units"), related_name="merged_in")
    moved = models.JSONField(_("records moved"), default=dict)
    # {label: [[record id, previous agency or unit id], ...]}: lets pages show the structure of any past date
    moves = models.JSONField(_("moves"), default=dict, editable=False)
    performed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("performed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    performed_at = models.DateTimeField(_("performed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-effective", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision} ({self.effective:%d/%m/%Y})"

    @property
    def moved_titles(self) -> list[tuple[str, int]]:
        return moved_titles(self.moved)

    @property
    def target(self):
        return self.target_agency if self.subject == self.Subject.AGENCY else self.target_unit

    @property
    def sources(self):
        return self.source_agencies if self.subject == self.Subject.AGENCY else self.source_units


class Installation(models.Model):
    """The province this tiendo serves and the agency that runs it; a merger moves both to the successor."""

    province = models.ForeignKey(
        AdminUnit,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": organisation.UnitLevel.PROVINCE},
    )
    owner_agency = models.ForeignKey(
        Agency,
        verbose_name=_("operating agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = kept_history()

    class Meta:
        verbose_name = _("installation")
        verbose_name_plural = _("installation")

    def __str__(self) -> str:
        return str(self.province)

    @classmethod
    def current(cls) -> "Installation | None":
        return cls.objects.select_related("province", "owner_agency").order_by("pk").first()

    @classmethod
    def names(cls) -> dict[str, dict[str, str]]:
        """The header's province and operating agency in each language, read once a minute, not per request."""
        names = cache.get(SITE_NAMES_CACHE_KEY)
        if names is None:
            installation = cls.current()
            names = {"province": {}, "agency": {}}
            if installation:
                province = installation.province
                names["province"] = _names_by_language(province, f"{province.unit_type} {province.name}")
                if installation.owner_agency:
                    owner = installation.owner_agency
                    names["agency"] = _names_by_language(owner, owner.name)
            cache.set(SITE_NAMES_CACHE_KEY, names, 60)
        return names

    @staticmethod
    def forget_names() -> None:
        """After the installation changed at once (the demo), rather than wait a minute."""
        cache.delete(SITE_NAMES_CACHE_KEY)


SITE_NAMES_CACHE_KEY = "tiendo:site-names"


def _names_by_language(record, vietnamese: str) -> dict[str, str]:
    return {"vi": vietnamese, "en": record.name_en or vietnamese, "zh": record.name_zh or vietnamese}
