"""The task board's page of rows: counted and paged on primary keys, then the 50 rows shown read in one query
shaped for the row, and each row's text (links, dates, names, status badge) built once here rather than by
filters, includes and `{% url %}` in the template for every row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language

from tiendo.core import fragments

from .models import Task

_MARK = 987654321  # a key no task has, replaced in a reversed URL by each row's own


def url_maker(name: str):
    """pk -> the URL of `name` for that pk, reversing once per page instead of once per row."""
    pattern = reverse(name, args=[_MARK])
    mark = str(_MARK)
    return lambda pk: pattern.replace(mark, str(pk))


def _short(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


@dataclass(frozen=True, slots=True)
class BoardRow:
    pk: int
    url: str
    title: str  # cut to 160 characters
    priority: str  # its label, empty for a normal one
    agency: str  # the lead agency's name in the page's language
    directive_url: str
    directive_label: str  # number, or the title, cut to 40 characters
    directive_date: str
    standing: bool
    deadline: str
    first_deadline: str  # the original deadline when it was extended, else empty
    progress: int
    status: str  # the value, e.g. "overdue"
    badge: SafeString  # directives/_status.html for that status


ROW_FIELDS = (
    "pk",
    "title",
    "priority",
    "lead_agency__name",
    "lead_agency__name_en",
    "lead_agency__name_zh",
    "directive_id",
    "directive__number",
    "directive__title",
    "directive__issued_on",
    "standing",
    "deadline",
    "original_deadline",
    "progress",
    "status",
)


def _agency_name(row: dict, language: str) -> str:
    """tiendo.agencies.models.localised_name on the row's values."""
    if language.startswith("en") and row["lead_agency__name_en"]:
        return row["lead_agency__name_en"]
    if language.startswith("zh") and row["lead_agency__name_zh"]:
        return row["lead_agency__name_zh"]
    return row["lead_agency__name"]


def board_rows(keys: list[int], day: date, *, original: bool = False) -> list[BoardRow]:
    """The rows of these tasks in this order, each status judged on `day` (one query)."""
    found = {
        row["pk"]: row
        for row in Task.objects.filter(pk__in=keys).with_status(day, original=original).order_by().values(*ROW_FIELDS)
    }
    task_url, directive_url = url_maker("directives:task"), url_maker("directives:detail")
    priorities = {value: str(label) for value, label in Task.Priority.choices}
    language = (get_language() or "vi").lower()
    badges: dict[str, SafeString] = {}
    rows = []
    for key in keys:
        row = found.get(key)
        if row is None:  # deleted between the two queries
            continue
        status = row["status"]
        if status not in badges:
            badges[status] = render_to_string("directives/_status.html", {"status": status})
        deadline, first = row["deadline"], row["original_deadline"]
        has_directive = row["directive_id"] is not None
        rows.append(
            BoardRow(
                pk=key,
                url=task_url(key),
                title=Truncator(row["title"]).chars(160),
                priority="" if row["priority"] == Task.Priority.NORMAL else priorities[row["priority"]],
                agency=_agency_name(row, language),
                directive_url=directive_url(row["directive_id"]) if has_directive else "",
                directive_label=(
                    Truncator(row["directive__number"] or row["directive__title"]).chars(40) if has_directive else ""
                ),
                directive_date=_short(row["directive__issued_on"]),
                standing=row["standing"],
                deadline=_short(deadline),
                first_deadline=_short(first) if first is not None and first != deadline else "",
                progress=row["progress"],
                status=status,
                badge=badges[status],
            )
        )
    return rows


def _remembered(kind: str, queryset, compute):
    """A count or a page's keys, kept for the same query (its SQL holds the filters, the day and the scope) until
    a task, directive or agency changes (tiendo.core.fragments): counting a nation's tasks is the page's cost."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing, known without asking the database
        return compute()
    return fragments.cached("tasks", ["board", kind, sql, params], compute)


class TaskPaginator(Paginator):
    """Counts and pages the filtered tasks on primary keys alone; only the page's rows are read in full."""

    def __init__(self, object_list, per_page, *, day: date, original: bool = False):
        super().__init__(object_list, per_page)
        self.day, self.original = day, original

    @property
    def count(self):
        if not hasattr(self, "_count"):
            keys = self.object_list.values("pk").order_by()
            self._count = _remembered("count", keys, keys.count)
        return self._count

    def page(self, number):
        page = super().page(number)
        keys = page.object_list.values_list("pk", flat=True)
        page.object_list = board_rows(_remembered("keys", keys, lambda: list(keys)), self.day, original=self.original)
        return page
