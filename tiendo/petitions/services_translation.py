"""The translations a translator gives of a petition and of its answer (English, Chinese), which the enterprise's
page shows below the text as written: FDI enterprises read English and Chinese (issue 16, point 7)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version
from tiendo.core import access
from tiendo.domain.text import clean

from .models import Petition


def _text(value: str | None) -> str:
    return clean(value or "").strip()


@transaction.atomic
def save_translations(
    petition: Petition,
    *,
    actor,
    text_en: str,
    text_zh: str,
    answer_en: str,
    answer_zh: str,
    expected_version: int | None,
) -> Petition:
    """Enter or correct the four translations (an empty one: none given); the kept history records each version,
    a stale edit is refused (StaleVersion) and changes nothing."""
    if not access.can(actor, "manage_petitions"):
        raise PermissionDenied
    if not access.visible(actor, Petition).filter(pk=petition.pk).exists():
        raise PermissionDenied
    claim_version(petition, expected_version)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    petition.text_en, petition.text_zh = _text(text_en), _text(text_zh)
    petition.answer_en, petition.answer_zh = _text(answer_en), _text(answer_zh)
    acted_by(petition, actor, _("Translations saved")).save()
    return petition
