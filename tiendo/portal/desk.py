"""The department's reading of its investment opportunities, shared by the pages under /portal/ and by `tiendo
portal`: what a user may see, each opportunity's translation completeness, the texts waiting for a translator,
the combined history of an opportunity and its parts, and the JSON a command prints."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiendo.audit.history import HistoryEntry, history_entries
from tiendo.core import access
from tiendo.domain.portal import translation as rules
from tiendo.domain.text import clean

from .models import TRANSLATED_FIELDS, Opportunity, OpportunityDocument, ProcedureStep, Translation
from .services import missing_for_publication, translation_statuses

STATUS_FILTERS = (rules.Status.MISSING.value, rules.Status.DRAFT.value)  # what the translator's page lists


def opportunities_for(user):
    """The opportunities the user may see, with what a list row prints."""
    return access.visible(user, Opportunity).select_related("sector", "commune", "zone", "agency")


def opportunity_or_404(user, code: str) -> Opportunity:
    """One opportunity by its code as typed ("hd-ch-01" finds "HD-CH-01"); one the user may not see is a 404."""
    records = opportunities_for(user).prefetch_related("translations__translated_by", "translations__reviewed_by")
    return access.get_or_404(user, Opportunity, queryset=records, code=clean(code).upper())


def field_label(field: str) -> str:
    return str(Opportunity._meta.get_field(field).verbose_name).capitalize()


LANGUAGE_NAMES = {"en": gettext_lazy("English"), "zh": gettext_lazy("Chinese")}


def language_label(language: str) -> str:
    """The language's name in the reader's language ("Tiếng Anh" to a Vietnamese reader)."""
    return str(LANGUAGE_NAMES.get(language, language))


def texts_to_translate(opportunity: Opportunity) -> list[str]:
    """The translated fields that have a Vietnamese text (an empty one needs no translation)."""
    return [name for name in TRANSLATED_FIELDS if clean(getattr(opportunity, name))]


@dataclass(frozen=True)
class Completeness:
    """How far one language has come for one opportunity: "EN 4/5 reviewed"."""

    language: str
    reviewed: int
    draft: int
    missing: int

    @property
    def total(self) -> int:
        return self.reviewed + self.draft + self.missing

    @property
    def complete(self) -> bool:
        return self.reviewed == self.total

    def as_dict(self) -> dict:
        return {"reviewed": self.reviewed, "draft": self.draft, "missing": self.missing, "texts": self.total}


def completeness(opportunity: Opportunity) -> list[Completeness]:
    """Per language (en, zh), over the texts that have Vietnamese; reads `opportunity.translations` (prefetch)."""
    statuses = translation_statuses(opportunity)
    fields = texts_to_translate(opportunity)
    result = []
    for language in rules.TARGET_LANGUAGES:
        found = [statuses[(field, language)] for field in fields]
        result.append(
            Completeness(
                language,
                reviewed=found.count(rules.Status.REVIEWED),
                draft=found.count(rules.Status.DRAFT),
                missing=found.count(rules.Status.MISSING),
            )
        )
    return result


@dataclass(frozen=True)
class Text:
    """One text of one opportunity in one language, as the translator's page and the opportunity's page show it."""

    opportunity: Opportunity
    field: str
    language: str
    status: rules.Status
    translation: Translation | None

    @property
    def label(self) -> str:
        return field_label(self.field)

    @property
    def original(self) -> str:
        return getattr(self.opportunity, self.field)

    @property
    def vietnamese_changed(self) -> bool:
        """The Vietnamese is no longer what the translation was made from (a reviewed one is a draft again)."""
        made_from = self.translation.made_from if self.translation else ""
        return bool(made_from) and made_from != rules.fingerprint(self.original)

    def as_dict(self) -> dict:
        found = self.translation
        return {
            "code": self.opportunity.code,
            "field": self.field,
            "language": self.language,
            "status": self.status.value,
            "vietnamese": self.original,
            "text": found.text if found else "",
            "vietnamese_changed": self.vietnamese_changed,
            "translated_by": str(found.translated_by or "") if found else "",
            "translated_at": found.translated_at if found else None,
            "reviewed_by": str(found.reviewed_by or "") if found else "",
            "reviewed_at": found.reviewed_at if found else None,
            "version": found.version if found else 0,
        }


def texts_of(opportunity: Opportunity, language: str | None = None) -> list[Text]:
    """Every text of the opportunity that has Vietnamese, in each language (or one), with its status."""
    found = {(t.field, t.language): t for t in opportunity.translations.all()}
    statuses = translation_statuses(opportunity)
    languages = [language] if language else list(rules.TARGET_LANGUAGES)
    return [
        Text(opportunity, field, lang, statuses[(field, lang)], found.get((field, lang)))
        for field in texts_to_translate(opportunity)
        for lang in languages
    ]


def text_of(opportunity: Opportunity, field: str, language: str) -> Text | None:
    """One (field, language) of the opportunity, or None when the pair is not a translated text."""
    if field not in TRANSLATED_FIELDS or language not in rules.TARGET_LANGUAGES:
        return None
    found = opportunity.translations.filter(field=field, language=language).select_related(
        "translated_by", "reviewed_by"
    )
    translation = found.first()
    status = translation.status() if translation else rules.status(getattr(opportunity, field), "", False, "")
    return Text(opportunity, field, language, status, translation)


def waiting_texts(user, language: str, status: str = "") -> list[Text]:
    """The texts a translator still has to write (missing) or a reviewer to read (draft) in one language, over the
    opportunities that are not closed (a closed one is off the public pages)."""
    wanted = {status} if status in STATUS_FILTERS else set(STATUS_FILTERS)
    opportunities = (
        opportunities_for(user)
        .exclude(state=Opportunity.State.CLOSED)
        .prefetch_related("translations__translated_by", "translations__reviewed_by")
        .order_by("code")
    )
    return [text for o in opportunities for text in texts_of(o, language) if text.status in wanted]


def waiting_counts(user) -> dict[str, dict[str, int]]:
    """{language: {"missing": n, "draft": n}} for the translator's tabs."""
    counts = {language: dict.fromkeys(STATUS_FILTERS, 0) for language in rules.TARGET_LANGUAGES}
    for language in rules.TARGET_LANGUAGES:
        for text in waiting_texts(user, language):
            counts[language][text.status.value] += 1
    return counts


# History ----------------------------------------------------------------------------------------------------------


def _part_label(record) -> str:
    if isinstance(record, ProcedureStep):
        return _("procedure step %(step)s") % {"step": record}
    if isinstance(record, OpportunityDocument):
        return _("document “%(title)s”") % {"title": record.title}
    return _("translation of %(text)s into %(language)s") % {
        "text": field_label(record.field).lower(),
        "language": language_label(record.language),
    }


def history(opportunity: Opportunity, limit: int = 60) -> list[HistoryEntry]:
    """Who changed what, newest first: the opportunity itself and its steps, documents and translations (those
    removed since included), each part's rows named after it."""
    entries = history_entries(opportunity, limit)
    hidden = {str(Translation._meta.get_field("made_from").verbose_name)}  # a fingerprint, not for readers
    for model in (ProcedureStep, OpportunityDocument, Translation):
        rows = model.history.filter(opportunity_id=opportunity.pk)
        for pk in sorted(set(rows.values_list("id", flat=True))):
            record = rows.filter(id=pk).order_by("-history_date", "-history_id").first().instance
            for entry in history_entries(record, limit):
                entry.action = f"{entry.action}: {_part_label(record)}"
                entry.changes = [change for change in entry.changes if change.field not in hidden]
                entries.append(entry)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


# Addresses on the public side -------------------------------------------------------------------------------------


def public_page(opportunity: Opportunity) -> str:
    """The public page of a published opportunity in the reader's language ("" while it is not public)."""
    if opportunity.state != Opportunity.State.PUBLISHED:
        return ""
    return reverse("portal:opportunity", kwargs={"code": opportunity.code})


def public_portal() -> str:
    """The public list of opportunities."""
    return reverse("portal:opportunities")


# Data for the command line ----------------------------------------------------------------------------------------


def _code(record) -> str:
    return record.code if record is not None else ""


def opportunity_data(opportunity: Opportunity, *, detail: bool = False) -> dict:
    """What `tiendo portal opportunities list/show --json` prints; relations by their codes (as `save` reads them)."""
    data = {
        "code": opportunity.code,
        "title": opportunity.title,
        "state": opportunity.state,
        "sector": _code(opportunity.sector),
        "commune": _code(opportunity.commune),
        "zone": _code(opportunity.zone),
        "agency": _code(opportunity.agency),
        "selection_form": opportunity.selection_form,
        "area_ha": str(opportunity.area_ha) if opportunity.area_ha is not None else None,
        "capital": opportunity.capital,
        "published_on": opportunity.published_on,
        "version": opportunity.version,
        "translations": {c.language: c.as_dict() for c in completeness(opportunity)},
    }
    if not detail:
        return data
    data |= {
        name: getattr(opportunity, name)
        for name in (
            "origin", "origin_document", "origin_date", "summary", "planning_status", "land_status", "land_holder",
            "incentives", "contact_name", "contact_phone", "contact_email",
        )
    }  # fmt: skip
    data["latitude"] = str(opportunity.latitude) if opportunity.latitude is not None else None
    data["longitude"] = str(opportunity.longitude) if opportunity.longitude is not None else None
    data["steps"] = [
        {
            "order": step.order,
            "step": step.step,
            "agency": step.agency.code,
            "working_days": step.working_days,
            "calendar_days": step.calendar_days,
            "legal_basis": step.legal_basis,
        }
        for step in opportunity.steps.select_related("agency")
    ]
    data["documents"] = [{"kind": d.kind, "title": d.title} for d in opportunity.documents.all()]
    data["texts"] = [text.as_dict() for text in texts_of(opportunity)]
    data["missing_for_publication"] = missing_for_publication(opportunity)
    return data
