"""Every write to the portal's records: one transaction each, the actor named, a stale edit refused.

Opportunities are kept by the department's specialists: a draft is published once it is complete enough for an
investor to act on (where, how big, how the investor is chosen, what the land is, who answers), and closed when an
investor is selected or the province withdraws it. Translations are written and reviewed per text and language;
a change of the Vietnamese sends the translations of that text back to draft (their fingerprint no longer
matches), so the public reads the Vietnamese until a reviewer reads the new translation."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.domain.portal import translation as rules
from tiendo.domain.text import clean

from .models import TRANSLATED_FIELDS, Opportunity, OpportunityDocument, ProcedureStep, Translation


def _require(actor, capability: str) -> None:
    if not access.can(actor, capability):
        raise PermissionDenied


def _today(at: date | None) -> date:
    return at or timezone.localdate()


def missing_for_publication(opportunity: Opportunity) -> list[str]:
    """What an investor could not act without, as sentences; empty when the opportunity may be published."""
    missing = []
    if not opportunity.summary:
        missing.append(_("Write a description of the project."))
    if opportunity.area_ha is None:
        missing.append(_("Give the area in hectares."))
    if opportunity.capital is None:
        missing.append(_("Give the indicative capital."))
    if not (opportunity.contact_email or opportunity.contact_phone):
        missing.append(_("Give a contact phone or e-mail."))
    if opportunity.pk is None or not opportunity.steps.exists():
        missing.append(_("List at least one procedure step with its agency and duration."))
    return missing


@transaction.atomic
def save_opportunity(
    opportunity: Opportunity, *, actor, reason: str = "", expected_version: int | None = None
) -> Opportunity:
    """Create or edit an opportunity (its Vietnamese texts and facts). A published one stays published; its
    translations of a changed text become drafts by their fingerprint."""
    _require(actor, "manage_opportunities")
    if opportunity.pk is not None and not access.can_change(actor, opportunity):
        raise PermissionDenied
    claim_version(opportunity, expected_version)
    opportunity.code = clean(opportunity.code).upper()
    opportunity.full_clean()
    if opportunity.state == Opportunity.State.PUBLISHED and (problems := missing_for_publication(opportunity)):
        raise ValidationError(" ".join(problems))
    acted_by(opportunity, actor, reason or None).save()
    return opportunity


@transaction.atomic
def publish(opportunity: Opportunity, *, actor, expected_version: int | None = None, at: date | None = None):
    """Open a draft to investors: it then appears on the public pages (in the languages reviewed so far)."""
    _require(actor, "manage_opportunities")
    claim_version(opportunity, expected_version)
    if opportunity.state == Opportunity.State.PUBLISHED:
        raise ValidationError(_("This opportunity is already published."))
    if problems := missing_for_publication(opportunity):
        raise ValidationError(" ".join(problems))
    opportunity.state = Opportunity.State.PUBLISHED
    opportunity.published_on = _today(at)
    acted_by(opportunity, actor, _("Published on the portal")).save()
    return opportunity


@transaction.atomic
def close(opportunity: Opportunity, *, actor, reason: str, expected_version: int | None = None):
    """An investor was selected or the province withdrew it: it leaves the public list, its history stays."""
    _require(actor, "manage_opportunities")
    claim_version(opportunity, expected_version)
    reason = clean(reason)
    if not reason:
        raise ValidationError(_("Say why the opportunity is closed."))
    if opportunity.state == Opportunity.State.CLOSED:
        raise ValidationError(_("This opportunity is already closed."))
    opportunity.state = Opportunity.State.CLOSED
    acted_by(opportunity, actor, reason).save()
    return opportunity


def _translation(opportunity: Opportunity, field: str, language: str) -> Translation:
    if field not in TRANSLATED_FIELDS:
        raise ValidationError(_("This text is not translated."))
    if language not in rules.TARGET_LANGUAGES:
        raise ValidationError(_("Translations are written in English or Chinese."))
    found = Translation.objects.filter(opportunity=opportunity, field=field, language=language).first()
    return found or Translation(opportunity=opportunity, field=field, language=language)


@transaction.atomic
def translate(
    opportunity: Opportunity,
    field: str,
    language: str,
    text: str,
    *,
    actor,
    reviewed: bool = False,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Translation:
    """Write (or correct) the translation of one text: a draft, or reviewed at once when the writer is also its
    reviewer (`reviewed=True`). It is made from the Vietnamese as it stands now."""
    _require(actor, "translate_opportunities")
    translation = _translation(opportunity, field, language)
    claim_version(translation, expected_version)
    text = clean(text)
    if not text:
        raise ValidationError(_("Write the translation, or leave the text untranslated."))
    now = at or timezone.now()
    translation.text = text
    translation.made_from = rules.fingerprint(getattr(opportunity, field))
    translation.translated_by = actor if getattr(actor, "pk", None) else None
    translation.translated_at = now
    translation.reviewed = reviewed
    translation.reviewed_by = translation.translated_by if reviewed else None
    translation.reviewed_at = now if reviewed else None
    translation.full_clean()
    acted_by(translation, actor, _("Reviewed") if reviewed else _("Translated")).save()
    return translation


@transaction.atomic
def review(translation: Translation, *, actor, expected_version: int | None = None, at: datetime | None = None):
    """A reviewer read the translation against the Vietnamese as it stands now: the public may read it."""
    _require(actor, "translate_opportunities")
    claim_version(translation, expected_version)
    if not translation.text:
        raise ValidationError(_("There is no translation to review."))
    translation.reviewed = True
    translation.made_from = rules.fingerprint(getattr(translation.opportunity, translation.field))
    translation.reviewed_by = actor if getattr(actor, "pk", None) else None
    translation.reviewed_at = at or timezone.now()
    acted_by(translation, actor, _("Reviewed")).save()
    return translation


def translation_statuses(opportunity: Opportunity) -> dict[tuple[str, str], rules.Status]:
    """(field, language) → missing / draft / reviewed, for every translated text of the opportunity."""
    found = {(t.field, t.language): t for t in opportunity.translations.all()}
    return {
        (field, language): (
            found[(field, language)].status()
            if (field, language) in found
            else rules.status(getattr(opportunity, field), "", False, "")
        )
        for field in TRANSLATED_FIELDS
        for language in rules.TARGET_LANGUAGES
    }


@transaction.atomic
def save_step(step: ProcedureStep, *, actor, reason: str = "") -> ProcedureStep:
    _require(actor, "manage_opportunities")
    step.legal_basis = clean(step.legal_basis)
    step.full_clean()
    acted_by(step, actor, reason or None).save()
    return step


@transaction.atomic
def remove_step(step: ProcedureStep, *, actor) -> None:
    _require(actor, "manage_opportunities")
    if step.opportunity.state == Opportunity.State.PUBLISHED and step.opportunity.steps.count() == 1:
        raise ValidationError(_("A published opportunity keeps at least one procedure step."))
    acted_by(step, actor, None).delete()


@transaction.atomic
def add_document(document: OpportunityDocument, *, actor) -> OpportunityDocument:
    _require(actor, "manage_opportunities")
    document.title = clean(document.title)
    document.uploaded_by = actor if getattr(actor, "pk", None) else None
    document.full_clean()
    acted_by(document, actor, None).save()
    return document


@transaction.atomic
def remove_document(document: OpportunityDocument, *, actor) -> None:
    _require(actor, "manage_opportunities")
    acted_by(document, actor, None).delete()
