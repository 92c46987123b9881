"""The summary table's and the traffic lights' rows written once in Python: a nation has thousands of agency rows,
and a template include, a partial, seven `urlencode`s and nine number filters per row were most of the page.

Each function writes what the template used to write for a row, to the character (the pages' HTML was compared
before and after), and hangs it on the row (`Row.html`); the page's template prints it.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlencode

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from tiendo.core.templatetags.tiendo import number
from tiendo.domain.tasks import TaskStatus

from .reports import COUNT_LABELS, COUNTS, LIGHT_LABELS, Row, SummaryReport

_STATUSES = [status.value for status in TaskStatus]


class _Numbers(dict):
    """number(value) for counts, each value formatted once per page."""

    def __missing__(self, value):
        text = self[value] = escape(number(value))
        return text


def _tail(report: SummaryReport) -> str:
    """The query string after agency and status: directive, day, original."""
    query = report.query
    params: dict[str, object] = {}
    if query.directive is not None:
        params["directive"] = query.directive.pk
    params["day"] = report.day.isoformat()
    if query.original:
        params["original"] = "1"
    return urlencode(params)


def add_links(report: SummaryReport, board: str, *, totals: bool) -> None:
    """Each count opens the task board on the same agency, status and day (the board lists by lead agency);
    the totals row links only when `totals` (the board would list the same tasks)."""
    tail = _tail(report)

    def links(head: str) -> dict[str, str]:
        found = {"total": f"{board}?{head}{tail}"}
        for status in _STATUSES:
            found[status] = f"{board}?{head}status={status}&{tail}"
        return found

    for row in report.rows:
        row.links = links(f"agency={quote_plus(row.code)}&")
    if totals:
        report.total.links = links("")


def _icons() -> dict[str, SafeString]:
    return {light: render_to_string("directives/lights.html#icon", {"light": light}) for light in _LIGHTS}


def _labels() -> dict[str, str]:
    return {light.value: escape(str(label)) for light, label in LIGHT_LABELS.items()}


_LIGHTS = ("green", "yellow", "red")


def _percent(value) -> str:
    return escape(number(value, 1))


def _counts_cells(row: Row, numbers: _Numbers, extras: list[str] = ()) -> str:  # type: ignore[assignment]
    """summary.html's `counts` partial: the six counts (linked unless zero), the two shares and, when other
    records count in the lights (EXTRA_COUNTS), their overdue ones."""
    cells = []
    for name, value in row.counts():
        link = row.links.get(name, "") if value else ""
        inner = f'<a href="{escape(link)}">{numbers[value]}</a>' if link else numbers[value]
        cells.append(f'<td class="num">{inner}</td>')
    done = row.done_on_time_percent
    done_text = "—" if done is None else f"{_percent(done)}%"
    overdue_text = f"{_percent(row.overdue_percent)}%"
    tail = "".join(f'<td class="num">{numbers[row.extra_overdue(name)]}</td>\n' for name in extras)
    shares = f'\n<td class="num">{done_text}</td>\n<td class="num">{overdue_text}</td>\n'
    return "\n" + "".join(cells) + shares + tail


def dress_summary(report: SummaryReport) -> None:
    """Each row's light mark and counts, and the totals row's counts, for summary.html."""
    numbers, icons, labels = _Numbers(), _icons(), _labels()
    extras = [extra.name for extra in report.extras]
    for row in report.rows:
        light = row.light.value
        mark = (
            f'<span class="light-mark light-{light}" title="{labels[light]}">{icons[light]}'
            f'<span class="visually-hidden">{labels[light]}</span></span> {escape(row.name)}'
            f'<div class="muted small">{escape(row.code)}</div>'
        )
        row.html = {"mark": mark_safe(mark), "counts": mark_safe(_counts_cells(row, numbers, extras))}  # noqa: S308
    report.total.html = {"counts": mark_safe(_counts_cells(report.total, numbers, extras))}  # noqa: S308


def dress_lights(report: SummaryReport) -> None:
    """Each card's mark, share of overdue tasks and counts, for lights.html."""
    numbers, icons, labels = _Numbers(), _icons(), _labels()
    captions = {name: escape(str(COUNT_LABELS[name])) for name in COUNTS}
    for row in report.rows:
        light = row.light.value
        items = []
        for name, value in row.counts():
            link = row.links.get(name, "") if value else ""
            text = f'<a href="{escape(link)}">{numbers[value]}</a>' if link else numbers[value]
            items.append(f"\n      <div><dt>{captions[name]}</dt><dd>{text}</dd></div>\n    ")
        for extra in report.extras:
            value = numbers[row.extra_overdue(extra.name)]
            items.append(f"\n      <div><dt>{escape(str(extra.label))}</dt><dd>{value}</dd></div>\n    ")
        # as {% blocktranslate %} writes it: the value escaped, the translation as it is
        share = gettext("%(share)s%% overdue") % {"share": _percent(row.overdue_percent)}
        row.html = {
            "mark": mark_safe(f"{icons[light]} {labels[light]}"),  # noqa: S308
            "share": mark_safe(share),  # noqa: S308
            "counts": mark_safe("".join(items)),  # noqa: S308
        }
