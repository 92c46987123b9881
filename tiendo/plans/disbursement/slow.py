"""The slow list: each project's pace as of a day (stalled, slow, at risk, on track) by the province's thresholds,
and the list as a printable workbook.

The thresholds come from the settings (TIENDO_DISB_*) and the plan's target path; the judgement itself is the pure
`tiendo.domain.disbursement.classify`. The transfer proposal (transfer.py) moves capital on the same paces.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max, Q, Sum

from tiendo.core.spreadsheets import print_on_a4, report_book
from tiendo.domain import disbursement as disbursement_rules
from tiendo.domain.money import format_number

from ..models import Plan, PlanItem
from .curves import item_deadline, target_path
from .scope import Scope

PROJECTIONS = {disbursement_rules.Projection.LINEAR.value, disbursement_rules.Projection.TARGET_PATH.value}


def default_thresholds(plan: Plan | None = None, **overrides) -> disbursement_rules.Thresholds:
    """The province's thresholds from the settings (TIENDO_DISB_*), the plan's target path, and any overrides."""
    zero_after = getattr(settings, "TIENDO_DISB_ZERO_AFTER", "30/06")
    day, month = (int(part) for part in str(zero_after).split("/")[:2])
    values: dict[str, Any] = {
        "behind_points": Decimal(str(getattr(settings, "TIENDO_DISB_BEHIND_POINTS", 20))),
        "stalled_months": int(getattr(settings, "TIENDO_DISB_STALLED_MONTHS", 3)),
        "zero_after": (month, day),
        "projection": disbursement_rules.Projection(getattr(settings, "TIENDO_DISB_PROJECTION", "linear")),
    }
    if plan is not None:
        values["path"] = target_path(plan)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return disbursement_rules.Thresholds(**values)


@dataclass
class ProjectPace:
    """One project's pace as of a day, with what the slow list and the transfer need to show and move."""

    item: PlanItem
    result: disbursement_rules.PaceResult
    by_source: dict[int, tuple[int, int]]  # source pk -> (allocated, disbursed)
    deadline: disbursement_rules.Deadline
    last_month: date | None

    @property
    def slow(self) -> bool:
        return self.result.pace in SLOW_PACES


SLOW_PACES = (disbursement_rules.Pace.STALLED, disbursement_rules.Pace.SLOW, disbursement_rules.Pace.AT_RISK)


def paces(
    plan: Plan, scope: Scope, as_of: date, thresholds: disbursement_rules.Thresholds, *, version=None
) -> list[ProjectPace]:
    """Judge every project of the version in force in scope: three grouped queries, then the pure rules."""
    version = version or plan.current_version()
    if version is None:
        return []
    until = as_of.replace(day=1)
    items = list(
        scope.items(version).select_related("project", "project__agency", "project__funding").order_by("project__code")
    )
    capital: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, source_id, amount in scope.lines(version).values_list("item_id", "source_id", "amount"):
        capital[item_id][source_id] = amount
    paid: dict[int, dict[int, int]] = defaultdict(dict)
    last: dict[int, date] = {}
    rows = (
        scope.disbursements(plan)
        .filter(month__lte=until)
        .order_by()
        .values("project_id", "source_id")
        .annotate(total=Sum("amount"), last=Max("month", filter=Q(amount__gt=0)))
    )
    for row in rows:
        paid[row["project_id"]][row["source_id"]] = row["total"]
        if row["last"] and (row["project_id"] not in last or row["last"] > last[row["project_id"]]):
            last[row["project_id"]] = row["last"]
    found = []
    for item in items:
        lines = capital.get(item.pk, {})
        spent = paid.get(item.project_id, {})
        due = item_deadline(plan, version, item.capital_added_on, item.extended_until)
        added = (
            item.capital_added_on if item.capital_added_on and item.capital_added_on.year == plan.first_year else None
        )
        facts = disbursement_rules.ProjectDisbursement(
            code=item.project.code,
            allocated=sum(lines.values()),
            disbursed=sum(spent.values()),
            last_disbursed_on=last.get(item.project_id),
            deadline=due.day,
            available_from=added,
        )
        result = disbursement_rules.classify(facts, plan.first_year, as_of, thresholds)
        by_source = {sid: (amount, spent.get(sid, 0)) for sid, amount in lines.items()}
        for sid, amount in spent.items():
            by_source.setdefault(sid, (0, amount))
        found.append(ProjectPace(item, result, by_source, due, last.get(item.project_id)))
    return found


def slow_projects(
    plan: Plan, scope: Scope, as_of: date, thresholds: disbursement_rules.Thresholds
) -> list[ProjectPace]:
    """Stalled first, then slow, then at risk; within each the furthest behind the target first."""
    order = {pace: index for index, pace in enumerate(SLOW_PACES)}
    found = [p for p in paces(plan, scope, as_of, thresholds) if p.slow]
    found.sort(key=lambda p: (order[p.result.pace], -p.result.gap, -p.result.undisbursable, p.item.project.code))
    return found


def project_status(
    plan: Plan, item: PlanItem, as_of: date, thresholds: disbursement_rules.Thresholds
) -> ProjectPace | None:
    scope = Scope(project_id=item.project_id)
    found = paces(plan, scope, as_of, thresholds, version=item.version)
    return found[0] if found else None


def slow_workbook(plan: Plan, found, as_of, thresholds, target) -> None:
    """The slow list as a printable workbook (amounts in million VND), with the thresholds used."""
    report = report_book(target)
    book = report.book
    ws = book.add_worksheet("Dự án giải ngân chậm")
    money = book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    percent = book.add_format({"border": 1, "num_format": "0.00", "valign": "top"})
    day = book.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
    ws.write(0, 0, f"DANH SÁCH DỰ ÁN GIẢI NGÂN CHẬM — {plan.title.upper()}", report.title)
    zero_day, zero_month = thresholds.zero_after[1], thresholds.zero_after[0]
    ws.write(
        1,
        0,
        f"Số liệu giải ngân đến ngày {as_of:%d/%m/%Y}. Chậm: thấp hơn lộ trình mục tiêu từ "
        f"{format_number(thresholds.behind_points, 2)} điểm phần trăm; đình trệ: {thresholds.stalled_months} "
        f"tháng liền không giải ngân, hoặc chưa giải ngân sau ngày {zero_day:02d}/{zero_month:02d}. "
        "Số tiền: triệu đồng.",
        report.note,
    )
    headers = [
        ("STT", 6),
        ("Mã dự án", 16),
        ("Tên dự án", 42),
        ("Chủ đầu tư", 28),
        ("Tình trạng", 16),
        ("Vốn giao", 14),
        ("Đã giải ngân", 14),
        ("Tỷ lệ (%)", 9),
        ("Mục tiêu (%)", 9),
        ("Thấp hơn mục tiêu (điểm %)", 11),
        ("Dự kiến giải ngân đến hạn", 14),
        ("Có nguy cơ không giải ngân hết", 14),
        ("Hạn giải ngân", 12),
        ("Lý do", 60),
    ]
    for col, (text, width) in enumerate(headers):
        ws.write_string(3, col, text, report.head)
        ws.set_column(col, col, width)
    ws.set_row(3, 45)
    ws.freeze_panes(4, 3)
    print_on_a4(ws, 3)
    for number, p in enumerate(found, start=1):
        row, r, project = number + 3, p.result, p.item.project
        ws.write_number(row, 0, number, report.count)
        ws.write_string(row, 1, project.code, report.text)
        ws.write_string(row, 2, project.name, report.text)
        ws.write_string(row, 3, project.agency.name if project.agency_id else "", report.text)
        ws.write_string(row, 4, r.pace.label.vi, report.text)
        for col, amount in ((5, r.allocated), (6, r.disbursed), (10, r.projected), (11, r.undisbursable)):
            ws.write_number(row, col, amount / 1_000_000, money)
        for col, value in ((7, r.percent), (8, r.target), (9, r.gap)):
            ws.write_number(row, col, float(value), percent)
        ws.write_datetime(row, 12, datetime.combine(r.deadline, datetime.min.time()), day)
        ws.write_string(row, 13, " ".join(r.reasons), report.text)
    book.close()
