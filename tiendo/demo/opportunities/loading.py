"""The opportunities phase of the demo: each project open for investment written through tiendo.portal.services on
the days it happened (the demo's clock): drafted by the department's specialist with its procedure steps, translated
and reviewed, published, edited, closed. Nothing dated after today is written."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.demo import people
from tiendo.demo.petitions.clock import DemoClock
from tiendo.demo.projects.vocabulary import HD_ZONES, TY
from tiendo.enterprises.models import Enterprise
from tiendo.portal import services
from tiendo.portal.models import Opportunity, ProcedureStep, Translation
from tiendo.projects.models import Sector, Zone

from . import industry, society, urban
from .procedure import DESKS, LISTINGS, STEPS
from .specs import DRAFT, MISSING, REVIEWED, STALE, Spec, Text

SPECS: list[Spec] = sorted([*industry.SPECS, *urban.SPECS, *society.SPECS], key=lambda spec: spec.code)
SEED_SHIFT = 17  # the opportunities' own random stream: adding one elsewhere does not move them
FIELDS = {  # Opportunity's translated fields -> the spec's texts
    "title": "title",
    "summary": "summary",
    "planning_status": "planning",
    "land_holder": "holder",
    "incentives": "incentives",
}


@dataclass(frozen=True)
class Days:
    """The days of one opportunity's life: drafted, translated, reviewed (per language), published."""

    drafted: date
    translated: dict[str, date]
    reviewed: dict[str, date]


def load(seed: int, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(seed * 1000 + SEED_SHIFT)
    world = _World.read()
    clock = DemoClock()
    for spec in SPECS:
        days = plan_days(spec, rng, today)
        if days.drafted <= today:
            _live(world, clock, spec, days, today)
    states = Counter(Opportunity.objects.values_list("state", flat=True))
    return {
        "opportunities": sum(states.values()),
        "published": states[Opportunity.State.PUBLISHED],
        "drafts": states[Opportunity.State.DRAFT],
        "closed": states[Opportunity.State.CLOSED],
        "steps": ProcedureStep.objects.count(),
        "translations": Translation.objects.count(),
    }


def plan_days(spec: Spec, rng: random.Random, today: date) -> Days:
    """Drafted a few weeks before publication (never before its list), English translated and reviewed before it is
    published, Chinese after; a draft opportunity was started in the autumn of 2026."""
    listed = LISTINGS[spec.listing].day + timedelta(days=1)
    if spec.published is None:
        drafted = max(listed, today - timedelta(days=rng.randint(30, 60)))
        translated = {lang: drafted + timedelta(days=rng.randint(2, 9)) for lang in ("en", "zh")}
        return Days(drafted, translated, {})
    drafted = max(listed, spec.published - timedelta(days=rng.randint(14, 35)))
    en_reviewed = max(drafted, spec.published - timedelta(days=rng.randint(1, 3)))
    translated = {"en": min(drafted + timedelta(days=rng.randint(2, 6)), en_reviewed)}
    translated["zh"] = translated["en"] + timedelta(days=rng.randint(1, 5))
    reviewed = {"en": en_reviewed, "zh": max(spec.published, translated["zh"]) + timedelta(days=rng.randint(3, 12))}
    return Days(drafted, translated, reviewed)


@dataclass
class _World:
    specialist: User
    agencies: dict[str, Agency]
    units: dict[str, AdminUnit]
    zones: dict[str, Zone]
    sectors: dict[str, Sector]

    @classmethod
    def read(cls) -> _World:
        codes = {step.agency for step in STEPS.values()} | set(DESKS)
        zone_codes = {key: f"HD-{kind.upper()}-{key}" for key, kind, *_ in HD_ZONES}
        zones = {z.code: z for z in Zone.objects.filter(code__in=zone_codes.values())}
        return cls(
            specialist=User.objects.get(username="chuyenvien"),
            agencies={a.code: a for a in Agency.objects.filter(code__in=codes)},
            units={u.code: u for u in AdminUnit.objects.filter(code__in={s.commune for s in SPECS})},
            zones={key: zones[code] for key, code in zone_codes.items() if code in zones},
            sectors={s.code: s for s in Sector.objects.all()},
        )


def _live(world: _World, clock: DemoClock, spec: Spec, days: Days, today: date) -> None:
    actor = world.specialist
    with clock.at(days.drafted):
        opportunity = services.save_opportunity(
            _record(world, spec), actor=actor, reason=f"Lập hồ sơ kêu gọi đầu tư theo {LISTINGS[spec.listing].document}"
        )
        for order, key in enumerate(spec.steps, start=1):
            step = STEPS[key]
            services.save_step(
                ProcedureStep(
                    opportunity=opportunity,
                    order=order,
                    step=step.step,
                    agency=world.agencies[step.agency],
                    working_days=step.working_days,
                    calendar_days=step.calendar_days,
                    legal_basis=step.legal_basis,
                ),
                actor=actor,
            )
    reviews = []
    for language, status in (("en", spec.en), ("zh", spec.zh)):
        if status == MISSING or days.translated[language] > today:
            continue
        with clock.at(days.translated[language]):
            written = [
                services.translate(opportunity, field, language, text, actor=actor)
                for field, text in _texts(spec, language)
            ]
        if status in (REVIEWED, STALE) and days.reviewed[language] <= today:
            reviews.append((days.reviewed[language], written))
    published = spec.published if spec.published and spec.published <= today else None
    events = [(day, "review", written) for day, written in reviews]
    events += [(published, "publish", None)] if published else []
    events += [(spec.edited_on, "edit", None)] if published and spec.edited_on and spec.edited_on <= today else []
    events += [(spec.closed, "close", None)] if published and spec.closed and spec.closed <= today else []
    order = {"review": 0, "publish": 1, "edit": 2, "close": 3}
    for day, what, written in sorted(events, key=lambda event: (event[0], order[event[1]])):
        with clock.at(day):
            opportunity.refresh_from_db()
            if what == "review":
                for translation in written:
                    services.review(translation, actor=actor)
            elif what == "publish":
                services.publish(opportunity, actor=actor, at=day)
            elif what == "edit":
                opportunity.summary = spec.summary.vi
                services.save_opportunity(
                    opportunity, actor=actor, reason="Cập nhật tình hình: khu đất được đưa vào danh mục đấu thầu"
                )
            else:
                investor = _investor(spec.closed_trade)
                services.close(opportunity, actor=actor, reason=spec.closed_reason.format(investor=investor))


CLUSTERS = {key for key, kind, *_ in HD_ZONES if kind == "ccn"}


def answering_agency(spec: Spec) -> str:
    """The desk that answers: the zones' board for a project in an industrial zone, else the Department of Finance
    (which took the investment functions of the Department of Planning and Investment in 2025; clusters included)."""
    return "HP-BQLKKT" if spec.zone and spec.zone not in CLUSTERS else "HP-STC"


def _record(world: _World, spec: Spec) -> Opportunity:
    listing = LISTINGS[spec.listing]
    desk = answering_agency(spec)
    agency = world.agencies[desk]
    first_summary = spec.summary_before or spec.summary
    return Opportunity(
        code=spec.code,
        origin=listing.origin,
        origin_document=listing.document,
        origin_date=listing.day,
        title=spec.title.vi,
        summary=first_summary.vi,
        sector=world.sectors[spec.sector],
        commune=world.units[spec.commune],
        zone=world.zones[spec.zone] if spec.zone else None,
        latitude=Decimal(spec.point[0]),
        longitude=Decimal(spec.point[1]),
        area_ha=Decimal(spec.area_ha),
        capital=spec.capital_ty * TY,
        selection_form=spec.form,
        planning_status=spec.planning.vi,
        land_status=spec.land,
        land_holder=spec.holder.vi,
        incentives=spec.incentives.vi,
        agency=agency,
        contact_name=DESKS[desk],
        contact_phone=agency.phone,
        contact_email=agency.email,
    )


def _texts(spec: Spec, language: str) -> list[tuple[str, str]]:
    """(field, translation) of every text of the spec in `language`; a text left untranslated is a data error."""
    pairs = []
    for field, name in FIELDS.items():
        text: Text = getattr(spec, name)
        if name == "summary" and spec.summary_before is not None:
            text = spec.summary_before  # translated from the Vietnamese as it stood before the edit
        translated = getattr(text, language)
        if not translated:
            raise ValueError(f"{spec.code}: {name} has no {language} text although its status is {DRAFT} or more")
        pairs.append((field, translated))
    return pairs


def _investor(trade: str) -> str:
    """The demo enterprise selected: the first domestic one of the trade (the demo's enterprises are fictional)."""
    domestic = Enterprise.objects.filter(country="VN").order_by("pk")
    chosen = next((e for e in domestic.iterator() if people.trade_of(e.name) == trade), None) or domestic.first()
    return chosen.name if chosen else "nhà đầu tư được lựa chọn"
