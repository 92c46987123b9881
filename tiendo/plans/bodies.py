"""Who decided a version, named as the province was on the day: the generic labels ("Hội đồng nhân dân tỉnh")
would call Hải Phòng's council, a centrally-run city since 01/07/2025, a province's. The province on a day is the
first one the installation served (its history, oldest first) that existed then: Hải Dương until 30/06/2025,
Hải Phòng after, for the demo; a city set up as such is a city on every day."""

from __future__ import annotations

from datetime import date

from django.utils.translation import get_language

from tiendo.agencies.models import Installation

from .models import PlanVersion

PROVINCIAL = {
    PlanVersion.Body.PROVINCIAL_COUNCIL,
    PlanVersion.Body.PROVINCIAL_COMMITTEE,
    PlanVersion.Body.COMMITTEE_CHAIRMAN,
}
# the words of a province's bodies and those of a centrally-run city's, by language
CITY_WORDS = {
    "vi": ((" tỉnh", " thành phố"),),
    "en": (("Provincial", "City"), ("provincial", "city")),
    "zh-hans": (("省", "市"),),
}
CITY = "thành phố"


def province_type_on(day: date) -> str:
    """ "tỉnh" or "thành phố": the installation's province on `day` (empty when there is no installation)."""
    served = Installation.history.order_by("history_date", "history_id").values_list(
        "province__unit_type", "province__valid_from", "province__valid_to"
    )
    rows = list(dict.fromkeys(served))
    for unit_type, valid_from, valid_to in rows:
        if (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to):
            return unit_type
    if rows:
        return rows[-1][0]
    installation = Installation.current()
    return installation.province.unit_type if installation else ""


def body_name(version: PlanVersion) -> str:
    """The deciding body's label in the active language, a city's words for a city (on the decision's day)."""
    if not version.decision_body:
        return ""
    label = str(version.get_decision_body_display())
    if version.decision_body not in PROVINCIAL or version.decision_date is None:
        return label
    return in_words_of_day(label, version.decision_date)


def in_words_of_day(label: str, day: date) -> str:
    """A provincial body's label ("Hội đồng nhân dân tỉnh") in a city's words if the installation is a city on `day`."""
    if province_type_on(day).lower() != CITY:
        return label
    for old, new in CITY_WORDS.get((get_language() or "vi").lower(), ()):
        label = label.replace(old, new)
    return label
