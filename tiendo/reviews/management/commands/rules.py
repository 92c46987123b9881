"""`tiendo rules check FILE.json`: the schedule rules on projects given as JSON, with no database (docs/rules.md)."""

from django.core.management.base import CommandError
from django.utils import timezone

from tiendo.core.commands import DataCommand, parse_day, read_json
from tiendo.domain.schedule_json import InvalidFacts, projects_from_json, result_to_json
from tiendo.domain.schedule_rules import Finding, evaluate_all, propose


class Command(DataCommand):
    help = "The legal schedule rules: `check FILE.json` evaluates projects given as JSON (no database needed)."
    # works on a fresh checkout before `migrate`: nothing here reads the database
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="evaluate the projects of a JSON file (docs/rules-check.schema.json)")
        check.add_argument("file", help="the JSON file, or - to read it from standard input")
        check.add_argument("--as-of", help="evaluation date (yyyy-mm-dd or dd/mm/yyyy); default today")
        self.add_json_argument(check)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(options)

    def do_check(self, options):
        data = read_json(options["file"])
        try:
            projects = projects_from_json(data)
        except InvalidFacts as error:
            raise CommandError(str(error)) from None
        as_of = parse_day(options["as_of"]) if options.get("as_of") else timezone.localdate()
        findings = evaluate_all(projects, as_of)
        result = result_to_json(as_of, findings)
        self.emit(options, result, _as_text(as_of, [p.code for p in projects], findings))


def _as_text(as_of, codes: list[str], findings: list[Finding]) -> str:
    """A reader's version: each project's findings, then its handlings, mildest first."""
    lines = [f"Ngày xét: {as_of:%d/%m/%Y} — {len(codes)} dự án, {len(findings)} phát hiện."]
    by_project: dict[str, list[Finding]] = {}
    for finding in findings:
        by_project.setdefault(finding.project, []).append(finding)
    for code in codes:
        found = by_project.get(code)
        if not found:
            lines.append(f"\n{code}: không có phát hiện.")
            continue
        lines.append(f"\n{code}:")
        for f in found:
            measure = f", chậm {f.days_behind} ngày" if f.days_behind is not None else ""
            check = " [căn cứ cần kiểm tra lại]" if f.verify else ""
            lines.append(f"  {f.rule} ({f.severity.label.vi}{measure}){check}: {f.explanation}")
            lines.append(f"      Căn cứ: {f.citation}. Đề xuất: {f.proposal.label.vi}.")
        steps = []
        for number, proposal in enumerate(propose(found), 1):
            remaining = f", còn {proposal.months_remaining} tháng" if proposal.months_remaining is not None else ""
            step = " (bước tiếp theo)" if proposal.follow_up else ""
            steps.append(f"{number}. {proposal.label.vi}{remaining}{step} [{', '.join(proposal.rules)}]")
        lines.append("  Phương án xử lý: " + "; ".join(steps) + ".")
    return "\n".join(lines)
