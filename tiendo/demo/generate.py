"""Load the demo province (or the nation) through the same services users call, so the demo shows them at work."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from tiendo.accounts import loading as account_loading
from tiendo.accounts.models import User
from tiendo.agencies import loading as agency_loading
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.agencies.reorganisation import merge_agencies, merge_units
from tiendo.core.maintenance import analyze_after_commit
from tiendo.domain.access import Role
from tiendo.enterprises import loading as enterprise_loading
from tiendo.enterprises.models import Enterprise
from tiendo.portal import shapes as portal_shapes
from tiendo.reviews.scan import scan

from . import catalogue, people
from . import directives as demo_directives
from . import opportunities as demo_opportunities
from . import petitions as demo_petitions
from . import plans as demo_plans
from . import projects as demo_projects
from . import reviews as demo_reviews
from . import targets as demo_targets
from .phases import Phases
from .projects.vocabulary import DISTRICT_WEIGHTS

DEMO_PASSWORD = "tiendo-demo-2025"


@dataclass(frozen=True)
class Scale:
    name: str
    communes_per_province: int
    officers_per_agency: int
    enterprises: int
    projects: int
    reports_per_project: int
    hidden: bool = False  # not offered by `tiendo demo --scale` (the test suite's small province and nation)
    home_projects: int = 5_000  # national: the demo province's share, the rest spread over the other provinces


SCALES = {
    "province": Scale("province", 0, 2, 400, projects=5_000, reports_per_project=10),
    "national": Scale("national", 98, 1, 20_000, projects=200_000, reports_per_project=10),
    "test": Scale("test", 0, 2, 400, projects=300, reports_per_project=4, hidden=True),
    # every national-only path (the other provinces' communes, zones, projects and tasks) in a few seconds
    "national-test": Scale(
        "national-test", 6, 1, 400, projects=300 + 33 * 3, reports_per_project=4, hidden=True, home_projects=300
    ),
}

# The documented demo logins: (username, full name, role, agency code at creation, position)
DEMO_USERS = [
    ("admin", "Quản trị hệ thống", Role.ADMIN, None, "Quản trị viên"),
    ("lanhdao", "Nguyễn Văn Thành", Role.LEADER, "HD-UBND", "Phó Chủ tịch UBND"),
    ("chuyenvien", "Trần Thị Mai", Role.SPECIALIST, "HD-SKHDT", "Chuyên viên phòng Đầu tư"),
    ("canbo.xaydung", "Lê Quang Huy", Role.OFFICER, "HD-SXD", "Chuyên viên"),
    ("canbo.phuong", "Phạm Thu Hà", Role.OFFICER, "HP-UB-TPHD-01", "Công chức Kinh tế"),
    ("nhadautu", "Kim Min-jun", Role.INVESTOR, None, "Giám đốc dự án"),
]


def demo_logins() -> list[tuple[str, str, str]]:
    return [
        (username, DEMO_PASSWORD, str(dict(User._meta.get_field("role").flatchoices)[role.value]))
        for username, _name, role, _agency, _pos in DEMO_USERS
    ]


def is_loaded() -> bool:
    return Installation.objects.exists()


@transaction.atomic
def load(scale: str = "province", seed: int = 2025, progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Create units, agencies, people, enterprises, projects, directives and tasks as of their time, then apply the
    2025 reorganisations (which move the running projects and open tasks of merged agencies to their successors).
    Each phase is told as it ends, with its time; the counts come back with `phases` (seconds by phase)."""
    with _page_cache(SQLITE_PAGE_CACHE_KIB):
        return _load(scale, seed, progress)


# SQLite keeps 2 MB of pages by default: the national load's indexes outgrow it within minutes, and from then on
# an insert rereads and rewrites pages through the write-ahead log. The load's connection keeps 1 GB while it runs.
SQLITE_PAGE_CACHE_KIB = 1 << 20


@contextmanager
def _page_cache(kib: int) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _load(scale: str, seed: int, progress: Callable[[str], None]) -> dict[str, Any]:
    spec = SCALES[scale]
    rng = random.Random(seed)
    phases = Phases(progress)
    cat = (
        catalogue.national_catalogue(spec.communes_per_province)
        if spec.communes_per_province
        else (catalogue.province_catalogue())
    )

    units: dict[str, AdminUnit] = {}
    for u in (u for level in _by_depth(cat.units) for u in level):
        units[u.code] = AdminUnit(
            code=u.code,
            name=u.name,
            name_en=u.name_en,
            name_zh=u.name_zh,
            unit_type=u.unit_type,
            level=u.level,
            parent=units.get(u.parent) if u.parent else None,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
            search_key=_key(u.unit_type, u.name),
        )
    formed_from = [(units[u.code], units[old]) for u in cat.units for old in u.formed_from]
    agency_loading.add_admin_units(list(units.values()), formed_from=formed_from, actor=None)
    phases.done("places", f"Đơn vị hành chính: {_n(len(cat.units))}")

    agencies: dict[str, Agency] = {}
    for a in (a for level in _by_depth(cat.agencies) for a in level):
        agencies[a.code] = Agency(
            code=a.code,
            name=a.name,
            name_en=a.name_en,
            name_zh=a.name_zh,
            short_name=a.short_name,
            kind=a.kind,
            parent=agencies.get(a.parent) if a.parent else None,
            admin_unit=units.get(a.unit) if a.unit else None,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
            search_key=_key(a.name, a.short_name, a.code, a.name_en),
            phone=people.phone(rng) if a.kind != "central" else "",
            email=f"{a.code.lower()}@demo.tiendo.vn",
            address=_address(a, units),
        )
    agency_loading.add_agencies(list(agencies.values()), actor=None)
    phases.done("agencies", f"Cơ quan, đơn vị: {_n(len(cat.agencies))}")

    used: dict[str, int] = {}
    enterprise_rows = []
    for index in range(1, spec.enterprises + 1):
        data = people.enterprise(rng, index)
        base = data["name"]
        used[base] = used.get(base, 0) + 1
        if used[base] > 1:
            data["name"] = f"{base} {used[base]}"
            data["name_en"] = f"{data['name_en']} {used[base]}" if data["name_en"] else ""
        enterprise_rows.append(
            Enterprise(
                **data,
                phone=people.phone(rng),
                search_key=_key(data["name"], data["name_en"], data["tax_code"]),
            )
        )
    enterprise_loading.add_enterprises(enterprise_rows, actor=None)
    # the demo investor (Kim Min-jun) acts for a Korean enterprise
    foreign = Enterprise.objects.exclude(country="VN").order_by("pk")
    investor_enterprise = (
        foreign.filter(country="KR", name_en__contains=" Electronics ").first()  # its projects make electronics
        or foreign.filter(country="KR").first()
        or foreign.first()
    )
    phases.done("enterprises", f"Doanh nghiệp: {_n(spec.enterprises)}")

    users = []
    for username, full_name, role, agency_code, position in DEMO_USERS:
        users.append(
            User(
                username=username,
                full_name=full_name,
                role=role.value,
                position=position,
                agency=agencies[agency_code] if agency_code else None,
                is_superuser=role == Role.ADMIN,
                is_staff=role == Role.ADMIN,
                email=f"{username}@demo.tiendo.vn",
                enterprise=investor_enterprise if role == Role.INVESTOR else None,
            )
        )
    serial = 0
    for a in cat.agencies:
        if a.valid_to is not None:
            continue  # agencies that ended without a successor have no active staff
        for _ in range(spec.officers_per_agency):
            serial += 1
            users.append(
                User(
                    username=f"cb{serial:05d}",
                    full_name=people.person_name(rng),
                    position=people.position(rng),
                    role=Role.OFFICER.value,
                    agency=agencies[a.code],
                    phone=people.phone(rng),
                    email=f"cb{serial:05d}@demo.tiendo.vn",
                )
            )
    account_loading.add_users(users, password=DEMO_PASSWORD, actor=None)
    agency_loading.set_up_installation(units[cat.home_province], agencies[cat.home_agency], actor=None)
    phases.done("users", f"Tài khoản người dùng: {_n(len(users))}")

    # Projects are created with the agencies of their time, before the reorganisations move the running ones.
    project_counts = demo_projects.load(
        spec.projects,
        spec.reports_per_project,
        seed,
        national=bool(spec.communes_per_province),
        home_projects=spec.home_projects,
        phases=phases,
    )

    # Directives and tasks too: written as they were given; what happened to each task before a reorganisation is
    # applied just before it, so the merge moves the tasks open that day and finished work stays where it was done.
    tasks = demo_directives.load(scale, seed, progress=progress)
    written = tasks.counts
    phases.done("directives", f"Văn bản chỉ đạo: {_n(written['directives'])}; nhiệm vụ: {_n(written['tasks'])}")

    admin = User.objects.get(username="admin")
    for merge in sorted(cat.merges, key=lambda m: (m.effective, m.subject != "agency")):
        tasks.advance(merge.effective)
        if merge.subject == "unit":
            merge_units(
                [units[c] for c in merge.sources], units[merge.target], merge.effective, merge.decision, actor=admin
            )
        else:
            sources = [agencies[c] for c in merge.sources]
            merge_agencies(sources, agencies[merge.target], merge.effective, merge.decision, actor=admin)
    demo_projects.hand_over_district_projects(admin)
    task_counts = tasks.finish(admin)
    name_district_record_keepers(admin)
    phases.done("reorganisations", f"Sắp xếp tổ chức bộ máy 2025: {len(cat.merges)} quyết định")
    # The public map's communes (after the reorganisation: the province of today and its communes).
    shapes = sketch_commune_shapes(admin)
    phases.done("shapes", f"Sơ đồ xã, phường cho bản đồ công khai: {_n(shapes)}")
    # Public-investment plans from 2021 (the demo province only: a plan has no province), then what was disbursed.
    plan_counts = demo_plans.load(seed, phases=phases)
    Installation.forget_names()
    # Socio-economic targets: the catalogue, the years' targets, the releases as published, the scenarios.
    target_counts = demo_targets.load()
    phases.done(
        "targets",
        f"Chỉ tiêu kinh tế - xã hội: {_n(target_counts['targets'])} chỉ tiêu, "
        f"{_n(target_counts['publications'])} công bố số liệu",
    )
    # Enterprises' petitions 2023-2026 on the working-day calendar, and two dialogue conferences with commitments.
    petition_counts = demo_petitions.load(seed, old=60 if spec.hidden else demo_petitions.OLD, password=DEMO_PASSWORD)
    phases.done(
        "petitions",
        f"Phản ánh, kiến nghị của doanh nghiệp: {_n(petition_counts['petitions'])}; "
        f"hội nghị đối thoại: {petition_counts['conferences']}",
    )
    # Projects open for investment: drafted, translated, published and closed through the portal's services.
    opportunity_counts = demo_opportunities.load(seed)
    phases.done(
        "opportunities",
        f"Dự án kêu gọi đầu tư: {_n(opportunity_counts['opportunities'])} "
        f"({opportunity_counts['published']} đang công bố)",
    )
    # The scan a newcomer would otherwise have to know to run (`tiendo scan`), as the specialist runs it: the
    # "behind schedule" filter, the badges, the project pages' findings and /reviews/ have data from the start.
    run = scan(actor=User.objects.get(username="chuyenvien"))
    phases.done("scan", f"Quét tiến độ: {_n(run.projects)} dự án, {_n(run.findings)} phát hiện")
    # A 2024 review of the public projects behind schedule, decided by the leader: the public project pages show
    # "the handling decided" and the conclusion notice tracks its follow-up tasks.
    review_counts = demo_reviews.load(seed)
    phases.done(
        "reviews",
        f"Rà soát dự án chậm tiến độ: {review_counts['rounds']} đợt, {review_counts['decided']} dự án đã kết luận",
    )
    analyze_after_commit()  # planner statistics for the freshly filled tables (none yet: plans for empty tables)
    return {
        "admin_units": AdminUnit.objects.count(),
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "reorganisations": len(cat.merges),
        "commune_shapes": shapes,
        "projects": project_counts["projects"],
        "milestones": project_counts["milestones"],
        "schedule_adjustments": project_counts["schedule_adjustments"],
        "progress_reports": project_counts["progress_reports"],
        "directives": task_counts["directives"],
        "tasks": task_counts["tasks"],
        **plan_counts,
        "targets": target_counts,
        "petitions": petition_counts,
        "opportunities": opportunity_counts,
        "scan": {"run": run.pk, "as_of": run.as_of.isoformat(), "projects": run.projects, "findings": run.findings},
        "reviews": review_counts,
        "phases": phases.rounded(),
    }


def sketch_commune_shapes(actor) -> int:
    """The demo has no boundary file: the public map draws its communes as schematic cells around the projects'
    places, a commune without projects placed around its former district's centre."""
    centres = {f"HD-{code}": (lat, lon) for code, (_weight, lat, lon) in DISTRICT_WEIGHTS.items()}
    return len(portal_shapes.sketch(actor=actor, centres=centres).sketched)


def name_district_record_keepers(actor) -> int:
    """District committees ended on 30/06/2025 without a merger: their open work went to each project's commune,
    and the committee of the district's first ward or commune (the one that takes the rest of its work) keeps the
    records of what they finished, so no record is left with an agency nobody answers for (`tiendo check`)."""
    committees = dict(Agency.objects.filter(code__startswith="HP-UB-").values_list("code", "pk"))
    ended = Agency.objects.filter(code__startswith="HD-UB-", valid_to__isnull=False, successor__isnull=True)
    keepers = []
    for agency in ended:
        keeper = committees.get(f"HP-UB-{agency.code.removeprefix('HD-UB-')}-01")
        if keeper:
            keepers.append(
                (agency, keeper, f"Tiếp nhận hồ sơ của {agency.name} theo {demo_projects.DISTRICT_HANDOVER}")
            )
    return agency_loading.name_record_keepers(keepers, actor=actor)


def _by_depth(specs):
    """Parents before children, so each record is built with its parent (the loading services write them in this
    order, and each history row names its parent)."""
    by_code = {spec.code: spec for spec in specs}

    def depth(spec) -> int:
        return 0 if not spec.parent or spec.parent not in by_code else 1 + depth(by_code[spec.parent])

    levels: dict[int, list] = {}
    for spec in specs:
        levels.setdefault(depth(spec), []).append(spec)
    return [levels[d] for d in sorted(levels)]


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _key(*parts: str) -> str:
    from tiendo.domain.text import search_key

    return search_key(" ".join(p for p in parts if p))


def _address(agency: catalogue.AgencySpec, units: dict[str, AdminUnit]) -> str:
    if agency.kind == "central" and not agency.unit:  # a ministry; its local offices are where they serve
        return "Hà Nội"
    unit = units.get(agency.unit) if agency.unit else None
    return f"{unit.unit_type} {unit.name}" if unit else ""
