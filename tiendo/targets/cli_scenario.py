"""`tiendo targets scenario FILE.json`: the GRDP growth scenario's arithmetic on a JSON file, with no database
(docs/contracts/growth-scenario.md; docs/targets.md). A refused input is one Vietnamese sentence naming the field on
standard error, exit status 2, nothing on standard output."""

from tiendo.core.commands import read_json, unreadable
from tiendo.domain.growth import (
    InvalidScenario,
    ScenarioResult,
    compute,
    draft_paragraph,
    grdp_status,
    result_to_json,
    scenario_from_json,
)
from tiendo.domain.growth.summary import ROMAN, number, percent


def add_arguments(subparsers) -> None:
    scenario = subparsers.add_parser(
        "scenario", help="the growth scenario's figures from a JSON file (docs/growth-scenario.schema.json)"
    )
    scenario.add_argument("file", help="the JSON file, or - to read it from standard input")
    scenario.add_argument("--json", action="store_true", help="print the result as JSON")
    scenario.set_defaults(handler=handle)


def handle(command, options) -> None:
    data = read_json(options["file"])
    try:
        result = compute(scenario_from_json(data))
    except InvalidScenario as refused:
        raise unreadable(str(refused)) from None
    command.emit(options, result_to_json(result), as_text(result))


# Short column heads for the four components; another component shows its key.
SHORT_NAMES = {
    "agriculture": "Nông, lâm, thủy sản",
    "industry_construction": "Công nghiệp – xây dựng",
    "services": "Dịch vụ",
    "product_taxes": "Thuế sản phẩm",
}


def _growth(value: float | None, trim: bool = True) -> str:
    return "—" if value is None else percent(value, trim=trim)


def _points(values, component: str) -> str:
    return "—" if values is None else number(values[component], trim=False)


def as_text(result: ScenarioResult) -> str:
    """A reader's version: a table of the quarters (growth and contributions by component), the year's figures and
    the report's paragraph."""
    names = list(result.components)
    head = ["Quý", "Nguồn", "Tăng trưởng", *(SHORT_NAMES.get(c, c) for c in names)]
    sources = {"actual": "công bố", "scenario": "kịch bản", "none": "—"}
    rows = []
    for q in result.quarters:
        cells = [_points(q.contributions, c) for c in names]
        rows.append([ROMAN[q.quarter - 1], sources[q.source.value], _growth(q.growth, trim=False), *cells])
    year_cells = [_points(result.contributions, c) for c in names]
    rows.append(["Cả năm", "", _growth(result.annual_estimate, trim=False), *year_cells])
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [
        f"Kịch bản tăng trưởng GRDP năm {result.year} — mục tiêu {percent(result.target_growth)}, "
        f"đã công bố {result.elapsed_quarters} quý.",
        "Đóng góp của từng khu vực tính bằng điểm phần trăm.",
        "",
    ]
    for row in [head, *rows]:
        lines.append(
            "  ".join(
                cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    gap = "—" if result.gap_points is None else f"{number(result.gap_points)} điểm phần trăm"
    lines += [
        "",
        f"Tăng trưởng các quý đã công bố: {_growth(result.ytd_growth) if result.elapsed_quarters else 'chưa có'}.",
        "Tăng trưởng cần đạt ở mỗi quý còn lại: "
        + (_growth(result.required_growth_remaining) if result.remaining else "không còn quý nào")
        + ".",
        f"Ước cả năm: {_growth(result.annual_estimate)}; chênh lệch so với mục tiêu: {gap}.",
        f"Đánh giá: {grdp_status(result).label}.",
        "",
        draft_paragraph(result),
    ]
    return "\n".join(lines)
