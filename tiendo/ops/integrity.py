"""The data check behind `tiendo check`: references that are empty where a record needs one, or that point to an
agency or unit that has ended with nobody to hold its work (or to a deleted record).

A reference to an agency that merged into another is fine: the successor holds its work, and the record keeps the
name it had. Only a dead end (ended, and no successor in force at the end of the chain) is reported."""

from dataclasses import asdict, dataclass
from datetime import date

from django.utils import timezone

from tiendo.domain import organisation

EMPTY, ENDED, DELETED = "empty", "ended", "deleted"
PROBLEM_TEXT = {EMPTY: "trống", ENDED: "đã hết hiệu lực, không có đơn vị kế thừa", DELETED: "đã bị xóa"}


@dataclass(frozen=True)
class Problem:
    model: str  # e.g. "project"
    record: str  # how a user finds it: a code, a number, a user name
    field: str
    problem: str  # EMPTY, ENDED or DELETED
    value: str = ""  # what it points to, when it points somewhere

    def as_dict(self) -> dict:
        return asdict(self)

    def sentence(self) -> str:
        value = f" ({self.value})" if self.value else ""
        model = MODEL_NAMES.get(self.model, self.model)
        return f"{model} {self.record} · {self.field}{value}: {PROBLEM_TEXT[self.problem]}"


MODEL_NAMES = {
    "project": "Dự án",
    "task": "Nhiệm vụ",
    "user": "Người dùng",
    "agency": "Cơ quan",
    "zone": "Khu, cụm công nghiệp",
    "installation": "Cài đặt",
}


def dead_ends(model, day: date) -> dict[int, str]:
    """{id: name} of the records of `model` (Agency or AdminUnit) whose chain of successors ends out of force."""
    from tiendo.agencies.models import facts_of

    facts = facts_of(model.objects.all())
    ended = [pk for pk, fact in facts.items() if fact.validity.valid_to is not None and fact.validity.valid_to < day]
    dead = [pk for pk in ended if not facts[organisation.successor_on(pk, day, facts)].validity.covers(day)]
    names = dict(model.objects.filter(pk__in=dead).values_list("pk", "name"))
    return {pk: names[pk] for pk in dead}


def find_problems(day: date | None = None) -> list[Problem]:
    from tiendo.accounts.models import User
    from tiendo.agencies.models import AdminUnit, Agency, Installation
    from tiendo.directives.models import Task
    from tiendo.domain import access as role_table
    from tiendo.domain.access import Actor, Role
    from tiendo.enterprises.models import Enterprise
    from tiendo.projects.models import Project, Zone

    day = day or timezone.localdate()
    agencies, units = dead_ends(Agency, day), dead_ends(AdminUnit, day)
    deleted_enterprises = set(Enterprise.objects.deleted().values_list("pk", flat=True))
    problems: list[Problem] = []

    def pointer(model, record, field, pk, dead: dict[int, str]):
        if pk in dead:
            problems.append(Problem(model, record, field, ENDED, dead[pk]))

    projects = Project.objects.alive().order_by("code")
    for code, kind, agency, commune, investor in projects.values_list(
        "code", "kind", "agency_id", "commune_id", "investor_id"
    ):
        if agency is None:
            problems.append(Problem("project", code, "cơ quan phụ trách", EMPTY))
        pointer("project", code, "cơ quan phụ trách", agency, agencies)
        pointer("project", code, "xã, phường", commune, units)
        if investor is None and kind in ("private", "fdi"):
            problems.append(Problem("project", code, "nhà đầu tư", EMPTY))
        if investor in deleted_enterprises:
            problems.append(Problem("project", code, "nhà đầu tư", DELETED, str(investor)))

    tasks = Task.objects.alive().order_by("pk")
    for pk, lead, directive_deleted, project_deleted in tasks.values_list(
        "pk", "lead_agency_id", "directive__deleted_at", "project__deleted_at"
    ):
        pointer("task", f"#{pk}", "cơ quan chủ trì", lead, agencies)
        if directive_deleted is not None:
            problems.append(Problem("task", f"#{pk}", "văn bản chỉ đạo", DELETED))
        if project_deleted is not None:
            problems.append(Problem("task", f"#{pk}", "dự án", DELETED))
    cooperating = Task.cooperating_agencies.through.objects.filter(task__deleted_at__isnull=True)
    for task, agency in cooperating.filter(agency_id__in=list(agencies)).values_list("task_id", "agency_id"):
        pointer("task", f"#{task}", "cơ quan phối hợp", agency, agencies)

    users = User.objects.filter(is_active=True).order_by("username")
    for username, role, agency, enterprise in users.values_list("username", "role", "agency_id", "enterprise_id"):
        actor = Actor(Role(role))
        if role_table.works_for_agency(actor) and agency is None:
            problems.append(Problem("user", username, "cơ quan", EMPTY))
        if role_table.is_investor(actor) and enterprise is None:
            problems.append(Problem("user", username, "doanh nghiệp", EMPTY))
        pointer("user", username, "cơ quan", agency, agencies)
        if enterprise in deleted_enterprises:
            problems.append(Problem("user", username, "doanh nghiệp", DELETED, str(enterprise)))

    in_force = Agency.objects.valid_on(day).order_by("code")
    for code, parent, unit in in_force.values_list("code", "parent_id", "admin_unit_id"):
        pointer("agency", code, "cơ quan cấp trên", parent, agencies)
        pointer("agency", code, "đơn vị hành chính", unit, units)
    for code, commune in Zone.objects.order_by("code").values_list("code", "commune_id"):
        pointer("zone", code, "xã, phường", commune, units)
    for pk, province, owner in Installation.objects.values_list("pk", "province_id", "owner_agency_id"):
        pointer("installation", f"#{pk}", "tỉnh", province, units)
        pointer("installation", f"#{pk}", "cơ quan vận hành", owner, agencies)
    return problems
