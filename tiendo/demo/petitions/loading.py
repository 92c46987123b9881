"""The petitions phase of the demo: the calendar's declared days, then a few hundred petitions of 2023–2026 written
through tiendo.petitions.services on the days they happened (the demo's clock), in date order, so numbers,
deadlines, pauses and StateChanges are those the services make; then the two dialogue conferences with their
questions and their conclusions' commitments (tiendo.directives.services). Nothing is dated after today."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from tiendo.accounts import loading as account_loading
from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.domain.access import Role
from tiendo.domain.workdays import WorkCalendar
from tiendo.enterprises.models import Enterprise
from tiendo.petitions import services
from tiendo.petitions.models import Petition
from tiendo.projects.models import Project
from tiendo.workdays.calendar import calendar_held
from tiendo.workdays.loading import load_declared_days

from .clock import DemoClock
from .conferences import write_conferences
from .story import OLD, Life, plan_lives
from .topics import SUBJECTS

SEED_SHIFT = 16  # the petitions' own random stream: adding one elsewhere does not move them


@contextmanager
def _hooks_held() -> Iterator[None]:
    """Hundreds of back-dated moves at once: the after-move hooks (notifications, reminders) are for live moves,
    not for the demo's history; they are held back while the phase writes."""
    hooks = list(services.AFTER_MOVE)
    services.AFTER_MOVE.clear()
    try:
        yield
    finally:
        services.AFTER_MOVE.extend(hooks)


def load(seed: int, today: date | None = None, *, old: int = OLD, password: str) -> dict[str, int]:
    """`old`: how many petitions ran their course before the recent weeks (the test scales take fewer);
    `password`: the demo logins' one password, for the petitioning enterprises' investor accounts."""
    today = today or timezone.localdate()
    with _hooks_held():
        return _load(seed, today, old, password)


@dataclass
class World:
    """What the phase reads once: people, agencies, the calendar, the petitioning enterprises with their projects."""

    today: date
    calendar: WorkCalendar
    clock: DemoClock
    desk: User
    admin: User
    agencies: dict[str, Agency]
    officers: dict[int, User]  # agency pk -> its first active officer
    investors: dict[int, User]  # enterprise pk -> its investor account
    enterprises: list[Enterprise]
    projects: dict[int, list[Project]]  # enterprise pk -> its projects in a zone
    serial: dict[str, int] = field(default_factory=dict)

    def agency(self, code: str, day: date) -> Agency:
        """The agency answering on `day`: `code` or the successor it was merged into."""
        agency = self.agencies[code]
        while agency.valid_to is not None and agency.valid_to < day and agency.successor_id:
            agency = next(a for a in self.agencies.values() if a.pk == agency.successor_id)
        return agency

    def handler(self, agency: Agency) -> User:
        return self.officers.get(agency.pk, self.desk)

    def document(self, pattern: str, day: date) -> str:
        key = f"{pattern}-{day.year}"
        self.serial[key] = self.serial.get(key, 100) + 7
        return pattern.format(n=self.serial[key])


def _load(seed: int, today: date, old: int, password: str) -> dict[str, int]:
    rng = random.Random(seed * 1000 + SEED_SHIFT)
    admin = User.objects.get(username="admin")
    declared = load_declared_days(actor=admin)
    with calendar_held(range(2023, today.year + 1)) as calendar:  # not rebuilt for each deadline
        world = _world(rng, today, admin, password, calendar)
        lives = plan_lives(rng, world, old)
        for life in sorted(lives, key=lambda life: (life.received, life.order)):
            _live(world, life)
        conferences = write_conferences(world, rng, _live)
    return {
        "declared_days": declared,
        "petitions": Petition.objects.count(),
        "conferences": conferences["conferences"],
        "commitments": conferences["commitments"],
    }


def _world(rng: random.Random, today: date, admin: User, password: str, calendar: WorkCalendar) -> World:
    agencies = {a.code: a for a in Agency.objects.filter(code__regex=r"^(HD|HP|TW)-")}
    officers: dict[int, User] = {}
    for user in User.objects.filter(role=Role.OFFICER.value, is_active=True, agency__isnull=False).order_by("username"):
        officers.setdefault(user.agency_id, user)
    zoned = (
        Project.objects.filter(zone__isnull=False, investor__isnull=False)
        .select_related("zone", "investor")
        .order_by("pk")
    )
    projects: dict[int, list[Project]] = {}
    for project in zoned:
        projects.setdefault(project.investor_id, []).append(project)
    investor = User.objects.get(username="nhadautu")
    foreign = [e for e in Enterprise.objects.filter(pk__in=list(projects)).order_by("pk") if e.country != "VN"]
    domestic = [e for e in Enterprise.objects.filter(pk__in=list(projects)).order_by("pk") if e.country == "VN"]
    pool = [investor.enterprise] if investor.enterprise_id else []
    pool += [e for e in foreign[:24] + domestic[:26] if e.pk != investor.enterprise_id]
    investors = {investor.enterprise_id: investor} if investor.enterprise_id else {}
    existing = {u.enterprise_id: u for u in User.objects.filter(role=Role.INVESTOR.value, enterprise__in=pool)}
    investors.update(existing)
    new_accounts = [
        User(
            username=f"dn{e.tax_code}",
            full_name=e.representative or e.name,
            role=Role.INVESTOR.value,
            position="Người đại diện doanh nghiệp",
            enterprise=e,
            email=f"dn{e.tax_code}@demo.tiendo.vn",
        )
        for e in pool
        if e.pk not in investors
    ]
    for user in account_loading.add_users(new_accounts, password=password, actor=admin):
        investors[user.enterprise_id] = user
    return World(
        today=today,
        calendar=calendar,
        clock=DemoClock(),
        desk=User.objects.get(username="chuyenvien"),
        admin=admin,
        agencies=agencies,
        officers=officers,
        investors=investors,
        enterprises=pool,
        projects=projects,
    )


def _live(world: World, life: Life) -> None:
    """Write one petition's life (and its duplicates') move by move, each on its day."""
    at, desk = world.clock.at, world.desk
    subject = SUBJECTS[life.subject] if life.subject is not None else None
    with at(life.received):
        petition = services.receive(
            life.petition,
            actor=world.investors[life.enterprise.pk] if life.channel == "investor_portal" else desk,
            projects=[life.project] if life.project else [],
            at=life.received,
        )
    duplicates = []
    for duplicate in life.duplicates:
        with at(duplicate.received):
            duplicates.append(
                services.receive(
                    duplicate.petition,
                    actor=desk,
                    projects=[duplicate.project] if duplicate.project else [],
                    at=duplicate.received,
                )
            )
    for step in life.steps:
        with at(step.day):
            petition = _step(world, petition, step, subject, duplicates)


def _step(world: World, petition: Petition, step, subject, duplicates) -> Petition:
    desk, day = world.desk, step.day
    petitioner = world.investors.get(petition.enterprise_id) if petition.enterprise_id else None
    handler = world.handler(petition.agency) if petition.agency_id else desk
    match step.action:
        case "classify":
            return services.classify(
                petition,
                actor=desk,
                kind=step.data["kind"],
                topic=petition.topic,
                agency=step.data.get("agency"),
                is_complaint=step.data.get("complaint", False),
                redirect_note=step.data.get("redirect", ""),
                at=day,
            )
        case "merge":
            services.merge(duplicates, petition, actor=desk, at=day)
            return Petition.objects.get(pk=petition.pk)
        case "assign":
            agency = petition.agency
            officer = world.officers.get(agency.pk)
            return services.assign(petition, actor=desk, officer=officer, at=day)
        case "start":
            return services.start_work(petition, actor=handler, at=day)
        case "ask":
            return services.ask_enterprise(petition, actor=handler, request=step.data["text"], at=day)
        case "reply":
            return services.enterprise_replies(petition, actor=petitioner or handler, reply=step.data["text"], at=day)
        case "wait_agency":
            agency = world.agency(step.data["agency"], day)
            return services.wait_for_agency(petition, actor=handler, agency=agency, reason=step.data["text"], at=day)
        case "resume":
            return services.start_work(petition, actor=handler, reason=step.data["text"], at=day)
        case "answer":
            assert subject is not None
            petition = services.answer(
                petition,
                actor=handler,
                text=step.data.get("text") or subject.answer,
                legal_basis=subject.legal_basis,
                document=world.document(subject.document, day),
                publish_consent=step.data["consent"],
                at=day,
            )
            if step.data.get("translate") and (subject.answer_en or subject.answer_zh):
                petition.answer_en, petition.answer_zh = subject.answer_en, subject.answer_zh
                from tiendo.audit.models import acted_by

                acted_by(petition, desk, "Bản dịch câu trả lời (tiếng Anh, tiếng Trung)").save()
            return petition
        case "publish":
            return services.publish(petition, actor=desk, at=day)
        case "rate":
            return services.rate(
                petition, actor=petitioner, rating=step.data["rating"], reason=step.data.get("reason", ""), at=day
            )
        case "reopen":
            return services.reopen(petition, actor=petitioner, reason=step.data["text"], at=day)
        case "close":
            return services.close(petition, actor=desk, reason=step.data.get("text", ""), at=day)
        case "withdraw":
            return services.withdraw(petition, actor=petitioner or desk, reason=step.data["text"], at=day)
    raise ValueError(step.action)
