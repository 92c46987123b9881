"""What a public page prints of an opportunity, in the visitor's language: small frozen records built only from
what the public visitor may read (`access.visible(PUBLIC, …)`) and only from the fields `access.published_fields`
lists — reading any other field raises, so a page cannot print it by mistake.

Each text is a `Shown` (tiendo.domain.portal.translation): the reviewed translation, or the Vietnamese standing in
(`stands_in`), which the page marks `lang="vi"` and explains once. Names of sectors, communes, zones and agencies
are data with their own English and Chinese names; when one is missing the Vietnamese stands in the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.core import access
from tiendo.domain import money
from tiendo.domain.portal import bands
from tiendo.domain.portal import translation as rules
from tiendo.domain.portal.translation import Shown

from .models import Opportunity, OpportunityDocument, ProcedureStep, Translation
from .public import VISITOR as PUBLIC

# A public page is the same for every visitor (it is cached once for all): it reads as the public, whoever is
# signed in, so a specialist's draft never reaches a page a visitor is then served.


def records(model):
    """The records of a kind the public sees."""
    return access.visible(PUBLIC, model)


def published(record, name: str):
    """A field of a record the public sees; one that is not published is refused."""
    if name not in access.published_fields(type(record)):
        raise LookupError(f"{type(record).__name__}.{name} is not published")
    return getattr(record, name)


def choice_label(record, name: str) -> str:
    """A published choice field's label, in the visitor's language (gettext)."""
    value = published(record, name)
    return str(dict(record._meta.get_field(name).flatchoices).get(value, value))


def language() -> str:
    """The visitor's language as translations store it: vi, en or zh."""
    return rules.portal_language(translation.get_language() or settings.LANGUAGE_CODE)


def vietnamese(text: str) -> Shown:
    """A text only ever written in Vietnamese (a legal reference, a person's name): marked, never "standing in"."""
    return Shown(text, "vi", False)


def named(record, in_vietnamese: str, lang: str) -> Shown:
    """A directory record's name (sector, commune, zone, agency) in the visitor's language, or its Vietnamese."""
    if lang == "vi" or not in_vietnamese:
        return Shown(in_vietnamese, "vi", False)
    own = getattr(record, f"name_{lang}", "")
    return Shown(own, lang, False) if own else Shown(in_vietnamese, "vi", True)


def place_names(opportunity: Opportunity, lang: str) -> list[Shown]:
    commune = published(opportunity, "commune")
    names = [named(commune, f"{commune.unit_type} {commune.name}".strip(), lang)]
    if (zone := published(opportunity, "zone")) is not None:
        names.append(named(zone, zone.name, lang))
    return names


@dataclass(frozen=True)
class Capital:
    """The indicative capital in the visitor's units; `usd` is an approximation for foreign readers ("" in
    Vietnamese)."""

    vnd: str
    usd: str


def capital_of(amount: int | None, lang: str) -> Capital | None:
    if amount is None:
        return None
    if lang == "vi":
        return Capital(money.format_vnd(amount, "tỷ"), "")
    millions = bands.usd_millions(amount, settings.TIENDO_PORTAL_USD_RATE)
    places = 1 if millions < 100 else 0
    number = money.format_number(millions.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), places)
    usd = _("approx. US$%(amount)s million") % {"amount": _english_digits(number)}
    return Capital(money.format_vnd_in(amount, lang, "tỷ"), usd)


def area_of(hectares: Decimal | int | None, lang: str) -> str:
    if hectares is None:
        return ""
    hectares = Decimal(hectares)
    places = min(max(-int(hectares.normalize().as_tuple().exponent), 0), 2)
    number = money.format_number(hectares, places)
    return _("%(area)s ha") % {"area": number if lang == "vi" else _english_digits(number)}


def _english_digits(text: str) -> str:
    return text.replace(".", "\0").replace(",", ".").replace("\0", ",")


def rate_note() -> str:
    """Said once on a page that shows dollars."""
    rate = _english_digits(money.format_number(settings.TIENDO_PORTAL_USD_RATE))
    return _("US dollar figures are approximate, at %(rate)s VND to the dollar.") % {"rate": rate}


class Translations:
    """The reviewed translations of some opportunities, read once; `text` gives what a page prints of a field."""

    def __init__(self, opportunities, lang: str) -> None:
        self.lang = lang
        self.found: dict[tuple[int, str], Translation] = {}
        if lang != "vi":
            reviewed = records(Translation).filter(opportunity__in=[o.pk for o in opportunities], language=lang)
            self.found = {(t.opportunity_id, t.field): t for t in reviewed}

    def text(self, opportunity: Opportunity, name: str) -> Shown:
        original = published(opportunity, name) or ""
        if self.lang == "vi":
            return Shown(original, "vi", False)
        found = self.found.get((opportunity.pk, name))
        if found is None:
            return rules.shown(original, "", rules.Status.MISSING, self.lang)
        status = rules.status(original, found.text, found.reviewed, found.made_from)
        return rules.shown(original, found.text, status, self.lang)


def _any_stands_in(*values) -> bool:
    for value in values:
        if isinstance(value, Shown) and value.stands_in:
            return True
        if isinstance(value, list | tuple) and _any_stands_in(*value):
            return True
    return False


@dataclass(frozen=True)
class Card:
    """An opportunity as the list, the home page and the sitemap show it."""

    code: str
    title: Shown
    sector: Shown
    places: list[Shown]
    area: str  # "12,5 ha" in the visitor's digits; "" when not given
    capital: Capital | None
    selection_form: str
    published_on: date | None

    @property
    def stands_in(self) -> bool:
        return _any_stands_in(self.title, self.sector, self.places)


def card_of(opportunity: Opportunity, texts: Translations) -> Card:
    lang = texts.lang
    sector = published(opportunity, "sector")
    return Card(
        code=published(opportunity, "code"),
        title=texts.text(opportunity, "title"),
        sector=named(sector, sector.name, lang),
        places=place_names(opportunity, lang),
        area=area_of(published(opportunity, "area_ha"), lang),
        capital=capital_of(published(opportunity, "capital"), lang),
        selection_form=choice_label(opportunity, "selection_form"),
        published_on=published(opportunity, "published_on"),
    )


def cards(opportunities) -> list[Card]:
    opportunities = list(opportunities)
    texts = Translations(opportunities, language())
    return [card_of(o, texts) for o in opportunities]


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    agency: Shown
    working_days: int  # the days as the law counts them: calendar days when `calendar_days`, else working days
    calendar_days: bool
    legal_basis: Shown


@dataclass(frozen=True)
class Document:
    pk: int
    kind: str
    title: Shown
    file_name: str


@dataclass(frozen=True)
class Page:
    """Every public fact of one opportunity, for its page."""

    card: Card
    summary: Shown
    origin: str
    origin_document: Shown
    origin_date: date | None
    planning_status: Shown
    land_status: str
    land_holder: Shown
    incentives: Shown
    agency: Shown
    contact_name: Shown
    contact_phone: str
    contact_email: str
    latitude: Decimal | None
    longitude: Decimal | None
    steps: list[Step] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    @property
    def total_working_days(self) -> int:
        return sum(step.working_days for step in self.steps if not step.calendar_days)

    @property
    def total_calendar_days(self) -> int:
        """Steps the law counts in calendar days add up apart: the two kinds of day are not converted."""
        return sum(step.working_days for step in self.steps if step.calendar_days)

    @property
    def stands_in(self) -> bool:
        texts = (self.summary, self.planning_status, self.land_holder, self.incentives, self.agency)
        steps = [step.agency for step in self.steps]
        return self.card.stands_in or _any_stands_in(*texts, steps, [d.title for d in self.documents])


def page_of(opportunity: Opportunity) -> Page:
    lang = language()
    texts = Translations([opportunity], lang)
    agency = published(opportunity, "agency")
    steps = records(ProcedureStep).filter(opportunity=opportunity).select_related("agency")
    documents = records(OpportunityDocument).filter(opportunity=opportunity).order_by("pk")
    return Page(
        card=card_of(opportunity, texts),
        summary=texts.text(opportunity, "summary"),
        origin=choice_label(opportunity, "origin"),
        origin_document=vietnamese(published(opportunity, "origin_document")),
        origin_date=published(opportunity, "origin_date"),
        planning_status=texts.text(opportunity, "planning_status"),
        land_status=choice_label(opportunity, "land_status"),
        land_holder=texts.text(opportunity, "land_holder"),
        incentives=texts.text(opportunity, "incentives"),
        agency=named(agency, agency.name, lang),
        contact_name=vietnamese(published(opportunity, "contact_name")),
        contact_phone=published(opportunity, "contact_phone"),
        contact_email=published(opportunity, "contact_email"),
        latitude=published(opportunity, "latitude"),
        longitude=published(opportunity, "longitude"),
        steps=[
            Step(
                order=published(step, "order"),
                name=choice_label(step, "step"),
                agency=named(published(step, "agency"), step.agency.name, lang),
                working_days=published(step, "working_days"),
                calendar_days=published(step, "calendar_days"),
                legal_basis=vietnamese(published(step, "legal_basis")),
            )
            for step in steps
        ],
        documents=[
            Document(
                pk=document.pk,
                kind=choice_label(document, "kind"),
                title=Shown(published(document, "title"), "vi", lang != "vi"),
                file_name=published(document, "file").name.rsplit("/", 1)[-1],
            )
            for document in documents
        ],
    )
