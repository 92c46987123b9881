"""Loading: the directives and tasks of a scale written as they were given, and the province's context (places,
agencies, projects) read from the database."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.domain.access import Role
from tiendo.projects.models import Project

from .. import catalogue
from .generator import Generator
from .model import Context, DirectivePlan
from .timeline import Timeline, _n
from .topics import HARD_DISTRICTS
from .vocabulary import DEMO_OFFICERS, SIZES


def load(scale: str, seed: int, *, progress: Callable[[str], None] = print, today: date | None = None) -> Timeline:
    """Write the directives and tasks of `scale` as they were given; the returned Timeline applies what happened
    next around the reorganisations (`advance(day)` before each, `finish(actor)` after them)."""
    size = SIZES[scale]
    today = today or timezone.localdate()
    timeline = Timeline(today)
    home = home_context()
    timeline.write(Generator(home, random.Random(f"{seed}-directives-HD"), today).plans(size.directives), keep=True)
    others = [(code, unit_type, name) for code, unit_type, name, *_r in catalogue.PROVINCES if code != "HP"]
    for index, (code, unit_type, name) in enumerate(others if size.others else []):
        budget = (size.cap - timeline.counts["tasks"]) // (len(others) - index)  # an even share of what is left
        prefix = f"P{code}"
        ctx = Context(
            False,
            prefix,
            unit_type,
            f"{unit_type} {name}",
            home.agencies,
            home.staff,
            _places(prefix, home.agencies, False),
            _projects(prefix),
            home.admin,  # no specialist there: the administrator enters and decides
            [home.admin],
        )
        plans = Generator(ctx, random.Random(f"{seed}-directives-{code}"), today).plans(size.others)
        timeline.write(_thinned(plans, budget), keep=False)
        progress(f"Nhiệm vụ: {_n(timeline.counts['tasks'])} / {_n(size.cap)}")
    return timeline


def _thinned(plans: list[DirectivePlan], budget: int) -> list[DirectivePlan]:
    """Drop directives evenly over the years until their tasks fit the budget (recent ones stay as many)."""
    total = sum(len(plan.tasks) for plan in plans)
    share = min(1.0, budget / total) if total else 1.0
    kept, count = [], 0
    for index, plan in enumerate(plans):
        if int((index + 1) * share) > int(index * share) and count + len(plan.tasks) <= budget:
            kept.append(plan)
            count += len(plan.tasks)
    return kept


def home_context() -> Context:
    """The demo province as the database holds it: agencies, their officers, the demo logins, the projects."""
    agencies = {
        code: (pk, name, short)
        for code, pk, name, short in Agency.objects.values_list("code", "pk", "name", "short_name")
    }
    staff: dict[str, list[tuple[int, str]]] = {}
    officers = User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk")
    for pk, code, name in officers.values_list("pk", "agency__code", "full_name"):
        staff.setdefault(code, []).append((pk, name))
    logins = {
        u.username: u for u in User.objects.filter(username__in=["admin", "lanhdao", "chuyenvien", *DEMO_OFFICERS])
    }
    demo_users = {name: (logins[name].pk, logins[name].full_name) for name in DEMO_OFFICERS if name in logins}
    if "canbo.xaydung" in demo_users and demo_users["canbo.xaydung"] not in staff.get("HP-SXD", []):
        staff.setdefault("HP-SXD", []).append(demo_users["canbo.xaydung"])  # he moves there on 01/07/2025
    admin = logins["admin"].pk
    creator = logins["chuyenvien"].pk if "chuyenvien" in logins else admin
    # the specialist decides most extension requests, the leader some
    deciders = [logins[n].pk for n in ("chuyenvien", "chuyenvien", "lanhdao") if n in logins] or [admin]
    return Context(
        True,
        "HD",
        "tỉnh",
        "tỉnh Hải Dương",
        agencies,
        staff,
        _places("HP", agencies, True),
        _projects("HP"),
        creator,
        deciders,
        demo_users,
        admin,
        logins["lanhdao"].full_name if "lanhdao" in logins else "",
    )


def _places(prefix: str, agencies, home: bool) -> list[tuple[str, str, float]]:
    """The communes' committees of today, with the old district and the weight that draws them."""
    places = []
    for code in sorted(c for c in agencies if c.startswith(f"{prefix}-UB-")):
        district = code.split("-")[2] if home else ""
        places.append((code, district, HARD_DISTRICTS.get(district, 1.0)))
    return places


def _projects(province: str) -> dict[str, list[tuple[date, int, str, str]]]:
    """Public projects under way (site clearance) and private ones that may be late, by decision date."""
    found: dict[str, list[tuple[date, int, str, str]]] = {"public": [], "private": []}
    rows = Project.objects.filter(commune__parent__code=province, status__in=["preparing", "implementing", "suspended"])
    for pk, name, kind, commune, policy, certificate in rows.values_list(
        "pk", "name", "kind", "commune__code", "policy_decision_date", "certificate_date"
    ):
        decided = policy or certificate
        if decided is not None:
            found["public" if kind == "public" else "private"].append((decided, pk, name, commune))
    for rows_of_kind in found.values():
        rows_of_kind.sort()
    return found
