"""`tiendo plan allocate FILE.json`: public-investment capital by the law's order of priority, no database needed.

The engine is tiendo/domain/allocation/; the input and output are docs/allocation.md and
docs/plan-allocate.schema.json (docs/contracts/plan-allocate.md). Subcommands are `do_<action>` methods.
"""

from django.core.management.base import CommandError

from tiendo.core.commands import DataCommand, read_json
from tiendo.domain.allocation import AllocationError, AllocationResult, InvalidAllocationInput, Plan, allocate
from tiendo.domain.allocation_json import input_from_json, result_to_json
from tiendo.domain.money import format_vnd
from tiendo.plans.cli_disbursement import DisbursementCommands, add_disbursement_commands
from tiendo.plans.cli_versions import VersionCommands, add_version_commands


class Command(VersionCommands, DisbursementCommands, DataCommand):
    help = "Public-investment plans: `allocate FILE.json` shares the sources among the projects (no database)."
    # `allocate` works on a fresh checkout before `migrate`: nothing in it reads the database
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        allocate_parser = sub.add_parser(
            "allocate", help="allocate the sources of a JSON file to its projects (docs/plan-allocate.schema.json)"
        )
        allocate_parser.add_argument("file", help="the JSON file, or - to read it from standard input")
        self.add_json_argument(allocate_parser)
        add_version_commands(sub, self)  # list, show, adjust, budget, run, set-line, check, compare, approve...
        add_disbursement_commands(sub, self)  # import-disbursement, disbursement, slow, transfer

    def handle(self, *args, action, **options):
        if self.run_disbursement(action, options):
            return
        getattr(self, f"do_{action}")(options)

    def do_allocate(self, options):
        data = read_json(options["file"])
        try:
            given = input_from_json(data)
            result = allocate(given.plan, given.sources, given.projects)
        except (InvalidAllocationInput, AllocationError) as error:
            raise CommandError(str(error)) from None
        available = {source.code: (source.name, source.available) for source in given.sources}
        self.emit(options, result_to_json(result), as_text(given.plan, available, result))


def as_text(plan: Plan, available: dict[str, tuple[str, int]], result: AllocationResult) -> str:
    """A reader's version: the law applied, each source, then each project with its explanation."""
    need = sum(project.need for project in result.projects)
    given = sum(project.allocated for project in result.projects)
    refused = len({violation.project for violation in result.violations})
    refused = f"; {refused} dự án không đủ điều kiện bố trí vốn" if refused else ""
    lines = [
        f"{plan.describe()} — thứ tự ưu tiên theo {result.citation}.",
        f"{len(result.projects)} dự án: nhu cầu {format_vnd(need)}, bố trí {format_vnd(given)}{refused}.",
        "",
        "Nguồn vốn:",
    ]
    for code, left in result.unallocated.items():
        name, total = available[code]
        lines.append(
            f"  {code} ({name}): có {format_vnd(total)}, bố trí {format_vnd(total - left)}, còn {format_vnd(left)}."
        )
    lines += ["", "Dự án:"]
    split: dict[str, list[str]] = {}
    for item in result.allocations:
        split.setdefault(item.project, []).append(f"{item.source} {format_vnd(item.amount)}")
    for project in result.projects:
        sources = f" ({', '.join(split[project.project])})" if project.project in split else ""
        lines.append(f"  {project.project}: bố trí {format_vnd(project.allocated)}{sources}")
        lines.append(f"      {project.explanation}")
    if not result.proven:
        lines += [
            "",
            "Lưu ý: bộ giải dừng ở giới hạn thời gian; phương án đúng thứ tự ưu tiên nhưng chưa chứng minh tối ưu.",
        ]
    if result.violations:
        lines += ["", "Không đủ điều kiện bố trí vốn:"]
        lines += [f"  {v.project} ({v.rule}): {v.explanation}" for v in result.violations]
    return "\n".join(lines)
