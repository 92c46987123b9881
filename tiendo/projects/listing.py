"""The project list's page of rows: counted on the filtered ids alone, then the 50 rows shown read in one query
shaped for the row and made into plain values (labels, names in the page's language, links, amounts) in Python,
so the template only prints them: no model instances, related lookups, `{% url %}` or filters per cell."""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from tiendo.agencies.models import localised_name
from tiendo.core.templatetags.tiendo import vnd

from . import hooks
from .models import Project

ROW_VALUES = (
    "pk",
    "code",
    "name",
    "name_en",
    "name_zh",
    "kind",
    "group",
    "status",
    "total_investment",
    "sector_id",
    "sector__name",
    "sector__name_en",
    "sector__name_zh",
    "investor_id",
    "investor__name",
    "agency_id",
    "agency__name",
    "agency__name_en",
    "agency__name_zh",
    "commune_id",
    "commune__unit_type",
    "commune__name",
    "commune__name_en",
    "commune__name_zh",
)
# a code made of these is written into the page's link as it is, as reverse() would write it
_PLAIN_CODE = re.compile(r"[A-Za-z0-9._~-]+")


@dataclass(frozen=True, slots=True)
class _Names:
    name_en: str
    name_zh: str


@dataclass(slots=True)
class ProjectRow:
    """One line of the list, every cell ready to print."""

    pk: int
    code: str
    url: str
    name: str
    kind: str
    group: str  # "" when the project has no group
    sector: str | None  # None when it has no sector
    owner: str  # the investor, else the agency in charge, else "—"
    place: str
    investment: str
    status: str
    status_label: str
    behind_rules: list[str] = field(default_factory=list)
    html: str = ""  # the table row, written by row_html()


def _labels(field_name: str) -> dict:
    """A choice field's labels in the page's language, as get_FOO_display() gives them."""
    return {value: force_str(label) for value, label in Project._meta.get_field(field_name).flatchoices}


class _DetailLinks:
    def __init__(self):
        marker = "0"
        self.prefix = reverse("projects:detail", args=[marker]).removesuffix(f"{marker}/")

    def __call__(self, code: str) -> str:
        if _PLAIN_CODE.fullmatch(code):
            return f"{self.prefix}{quote(code)}/"
        return reverse("projects:detail", args=[code])


def project_rows(keys: list[int], user) -> list[ProjectRow]:
    """The rows of these projects, in this order, badged with their findings in the latest scan."""
    found = {row["pk"]: row for row in Project.objects.filter(pk__in=keys).order_by().values(*ROW_VALUES)}
    kinds, groups, statuses = _labels("kind"), _labels("group"), _labels("status")
    link = _DetailLinks()
    rules_by_project = hooks.behind_schedule_rules(user, keys)
    rows = []
    for key in keys:
        p = found.get(key)
        if p is None:  # deleted between the two queries
            continue
        if p["investor_id"] is not None:
            owner = p["investor__name"]
        elif p["agency_id"] is not None:
            owner = localised_name(_Names(p["agency__name_en"], p["agency__name_zh"]), p["agency__name"]) or "—"
        else:
            owner = "—"
        place = "—"
        if p["commune_id"] is not None:
            commune = f"{p['commune__unit_type']} {p['commune__name']}".strip()
            place = localised_name(_Names(p["commune__name_en"], p["commune__name_zh"]), commune) or "—"
        sector = None
        if p["sector_id"] is not None:
            sector = localised_name(_Names(p["sector__name_en"], p["sector__name_zh"]), p["sector__name"])
        rows.append(
            ProjectRow(
                pk=key,
                code=p["code"],
                url=link(p["code"]),
                name=localised_name(_Names(p["name_en"], p["name_zh"]), p["name"]),
                kind=kinds.get(p["kind"], p["kind"]),
                group=groups.get(p["group"], p["group"]) if p["group"] else "",
                sector=sector,
                owner=owner,
                place=place,
                investment=vnd(p["total_investment"]),
                status=p["status"],
                status_label=statuses.get(p["status"], p["status"]),
                behind_rules=sorted(set(rules_by_project.get(key, []))),
            )
        )
    findings_title = esc(gettext("Findings of the latest scan"))
    for row in rows:
        row.html = row_html(row, findings_title)
    return rows


def row_html(p: ProjectRow, findings_title: str) -> str:
    """The row as the list's template wrote it cell by cell (the same text, escaped the same way)."""
    url = esc(p.url)
    details = esc(p.kind)
    if p.group:
        details += f" · {esc(p.group)}"
    if p.sector is not None:
        details += f" · {esc(p.sector)}"
    behind = ""
    if p.behind_rules:
        rules = esc(", ").join(esc(rule) for rule in p.behind_rules)
        behind = f'<div><a class="badge bad" href="{url}#schedule-review" title="{findings_title}">⚠ {rules}</a></div>'
    return mark_safe(
        "\n      <tr>\n"
        f'        <td class="nowrap"><a href="{url}">{esc(p.code)}</a></td>\n'
        f'        <td><a href="{url}">{esc(p.name)}</a><div class="muted small">{details}</div></td>\n'
        f'        <td class="small">{esc(p.owner)}</td>\n'
        f'        <td class="small">{esc(p.place)}</td>\n'
        f'        <td class="num nowrap">{esc(p.investment)}</td>\n'
        f'        <td><span class="badge status-{esc(p.status)}">{esc(p.status_label)}</span>{behind}</td>\n'
        "      </tr>\n    "
    )


class ProjectPaginator(Paginator):
    """Counts and pages on primary keys alone (no join), then reads the 50 rows shown: deep pages of 200,000
    projects stay cheap because skipped rows are never joined, and the count stays exact."""

    def __init__(self, object_list, per_page, *, user, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.user = user

    @property
    def count(self):
        if not hasattr(self, "_count"):
            self._count = self.object_list.values("pk").order_by().count()
        return self._count

    def page(self, number):
        page = super().page(number)
        keys = list(page.object_list.values_list("pk", flat=True))
        page.object_list = project_rows(keys, self.user)
        return page
