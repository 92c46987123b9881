"""The leaders' brief: two or three pages a leader reads, then an annex of one compact row per project.

The summary counts the confirmed proposals by handling and by agency, names the decisions asked of the leaders and
the key figures (which projects were reviewed, in the project list's words, as of which day; how many are behind;
by which rule). The annex is one plain table (WeasyPrint lays out a nested or heavily styled table row by row, which
made the old 500-page brief take minutes).

Two versions: the specialist's draft prints every citation as the engine wrote it and boxes the ones whose text
tiendo has not read ("Căn cứ cần kiểm tra trước khi trình"); the official brief prints a citation as is only when it
is verified, and the others by their law and article without tiendo's notes (`laws.without_marks`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tiendo.domain.schedule_rules.laws import without_marks
from tiendo.projects.models import RUNNING, STATUS_LABELS

from .exports import (
    BRIEF_TITLE_VI,
    PANGO_MISSING,
    ROMAN,
    BriefUnavailable,
    _issuer,
    label_of,
    registered_ends,
    review_items,
    schedule_of,
)
from .models import ReviewRound

READING = gettext_noop("Reading the confirmed proposals.")
SUMMARY = gettext_noop("Counting by handling, agency and rule.")
ANNEX = gettext_noop("Annex: row %(row)s of %(rows)s.")
RENDERING = gettext_noop("Laying out the pages.")
WRITING = gettext_noop("Writing the PDF (%(pages)s pages).")

AGENCIES_SHOWN = 12  # the summary's agency table: the busiest agencies, then one line for the others
CODES_SHOWN = 6  # the decisions asked: the first projects of each handling by code, then "and N others"
CITATIONS_SHOWN = 3  # distinct citations of one rule (versions of the law, extra articles) in the rules table
NAME_LENGTH = 80  # the annex's project names, cut at a word

Progress = Callable[..., None]


def _quiet(percent: int, message: str | None = None, **args) -> None:
    return None


@dataclass
class Row:
    number: int
    code: str
    name: str
    agency: str
    schedule: str
    days: int | None
    rules: str
    group: Handling | None = None  # the first row of a handling opens its group: a heading row in the annex


@dataclass
class Handling:
    """One proposed handling: how many projects, how many still await the leaders, where they are in the annex."""

    code: str
    title: str
    roman: str  # its number in the summary and the annex: I, II, ...
    projects: int = 0
    awaiting: int = 0
    first_row: int = 0
    last_row: int = 0
    codes: list[str] = field(default_factory=list)  # the projects awaiting decision, annex order
    more: int = 0  # awaiting, beyond the codes shown


@dataclass
class Reason:
    rule: str
    title: str
    citations: list[str] = field(default_factory=list)  # as the brief may print them, at most CITATIONS_SHOWN
    projects: int = 0


@dataclass
class Unverified:
    rule: str
    citation: str
    projects: int = 0


def short_name(name: str, length: int = NAME_LENGTH) -> str:
    """A project's name cut at a word so an annex row stays one or two lines."""
    if len(name) <= length:
        return name
    return name[:length].rsplit(" ", 1)[0].rstrip(",;:-–") + "…"


def _agency_cell(agency, language: str) -> str:
    """The annex's agency: its short name in Vietnamese ("Sở TC"), its name in the reader's language otherwise."""
    if agency is None:
        return ""
    return (agency.short_name if language.startswith("vi") else "") or agency.display_name


def reviewed_set(review: ReviewRound) -> str:
    """Which projects were evaluated, in the project list's words: the kinds of the round's scope, and the statuses
    the scan reads (`RUNNING`) as the project list's status filter names them."""
    statuses = ", ".join(f"“{STATUS_LABELS[status]}”" for status in RUNNING)
    if review.scope == ReviewRound.Scope.BUSINESS:
        kinds = _("business projects (domestic private and FDI)")
    elif review.scope == ReviewRound.Scope.PUBLIC:
        kinds = _("public investment projects")
    else:
        kinds = _("projects of every kind")
    return _("%(kinds)s whose status is %(statuses)s") % {"kinds": kinds, "statuses": statuses}


def brief_data(review: ReviewRound, language: str, *, draft: bool, progress: Progress = _quiet) -> dict:
    """Everything the template prints, read in one pass over the confirmed items (gravest handling first)."""
    progress(2, READING)
    items = list(
        review_items(review, confirmed_only=True)
        .select_related(None)
        .select_related("project__agency")
        .defer(None)
        .only(
            "pk", "proposal", "rank", "days_behind", "milestone", "first_due", "current_due", "decision",
            "findings", "project__code", "project__name", "project__name_en", "project__name_zh",
            "project__agency__name", "project__agency__name_en", "project__agency__name_zh",
            "project__agency__short_name",
        )
    )  # fmt: skip
    total = len(items)
    progress(10, SUMMARY)
    ends = registered_ends([item.project_id for item in items if not item.current_due])

    handlings: dict[str, Handling] = {}
    agencies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # projects, behind, awaiting decision
    reasons: dict[str, Reason] = {}
    unverified: dict[str, Unverified] = {}
    rows: list[Row] = []
    behind = 0
    for number, item in enumerate(items, start=1):
        if number % 200 == 0 or number == total:
            progress(15 + 45 * number // total, ANNEX, row=number, rows=total)
        handling = handlings.get(item.proposal)
        opens = handling is None
        if handling is None:
            title = label_of(item.proposal).get(language)
            number_of = ROMAN[len(handlings)] if len(handlings) < len(ROMAN) else str(len(handlings) + 1)
            handling = handlings[item.proposal] = Handling(item.proposal, title, number_of, first_row=number)
        handling.projects += 1
        handling.last_row = number
        if not item.decision:
            handling.awaiting += 1
            handling.codes.append(item.project.code)
        agency = item.project.agency
        agency_name = agency.display_name if agency is not None else _("No agency recorded")
        late = bool(item.milestone)
        behind += late
        counts = agencies[agency_name]
        counts[0] += 1
        counts[1] += late
        counts[2] += not item.decision
        rules = []
        for finding in item.findings:
            rule, citation = finding["rule"], finding["citation"]
            if rule not in rules:
                rules.append(rule)
            reason = reasons.get(rule)
            if reason is None:
                title = finding.get("title") or {}
                text = title.get(language[:2], title.get("vi", rule)) if isinstance(title, dict) else str(title)
                reason = reasons[rule] = Reason(rule, text)
            shown = citation if draft or not finding.get("verify") else without_marks(citation)
            if shown not in reason.citations and len(reason.citations) < CITATIONS_SHOWN:
                reason.citations.append(shown)
            if finding.get("verify") and citation not in unverified:
                unverified[citation] = Unverified(rule, citation)
        for rule in rules:
            reasons[rule].projects += 1
        for citation in {f["citation"] for f in item.findings if f.get("verify")}:
            unverified[citation].projects += 1
        if item.current_due:
            schedule = schedule_of(item.milestone, item.first_due, item.current_due, language)
        elif item.project_id in ends:
            schedule = schedule_of(*ends[item.project_id], language)
        else:
            schedule = ""
        rows.append(
            Row(
                number,
                item.project.code,
                short_name(item.project.display_name),
                _agency_cell(agency, language),
                schedule,
                item.days_behind,
                ", ".join(rules),
                handling if opens else None,
            )
        )

    by_agency = sorted(agencies.items(), key=lambda pair: (-pair[1][0], pair[0]))
    shown, rest = by_agency[:AGENCIES_SHOWN], by_agency[AGENCIES_SHOWN:]
    others = [len(rest), sum(c[0] for _n, c in rest), sum(c[1] for _n, c in rest), sum(c[2] for _n, c in rest)]
    awaiting = [h for h in handlings.values() if h.awaiting]
    for handling in awaiting:
        handling.more = max(0, len(handling.codes) - CODES_SHOWN)
        handling.codes = handling.codes[:CODES_SHOWN]
    return {
        "draft": draft,
        "reviewed_set": reviewed_set(review),
        "total": total,
        "with_findings": review.items.count(),
        "behind": behind,
        "awaiting_total": sum(h.awaiting for h in handlings.values()),
        "handlings": list(handlings.values()),
        "awaiting": awaiting,
        "agencies": shown,
        "others": others if rest else None,
        "reasons": sorted(reasons.values(), key=lambda r: (-r.projects, r.rule)),
        "unverified": sorted(unverified.values(), key=lambda u: (u.rule, u.citation)) if draft else [],
        "rows": rows,
    }


def brief_context(review: ReviewRound, language: str, *, draft: bool = False, progress=None) -> dict:
    """What reviews/brief.html prints: the title block, then tiendo.reviews.brief's summary and annex."""
    committee, department, place = _issuer(language)
    return {
        "review": review,
        "language": language,
        "vietnamese": language.startswith("vi"),
        "committee": committee,
        "department": department,
        "place": place,
        "today": timezone.localdate(),
        "title_vi": BRIEF_TITLE_VI,
    } | brief_data(review, language, draft=draft, progress=progress or _quiet)


def brief_html(review: ReviewRound, language: str, *, draft: bool = False, progress=None) -> str:
    """The HTML that goes to WeasyPrint (the tests read it to check what an official brief may print)."""
    with translation.override(language):
        return render_to_string("reviews/brief.html", brief_context(review, language, draft=draft, progress=progress))


@dataclass
class MadeBrief:
    pdf: bytes
    pages: int
    projects: int  # rows of the annex


def make_brief(review: ReviewRound, language: str | None = None, *, draft: bool = False, progress=None) -> MadeBrief:
    """The brief as PDF in the reader's language; BriefUnavailable when WeasyPrint's libraries are missing.
    `progress(percent, message, **args)` hears the steps: reading, summary, annex rows n/N, laying out, writing."""
    progress = progress or _quiet
    language = language or translation.get_language() or "vi"
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as error:  # WeasyPrint loads Pango with ctypes when imported
        raise BriefUnavailable(PANGO_MISSING) from error
    with translation.override(language):
        context = brief_context(review, language, draft=draft, progress=progress)
        html = render_to_string("reviews/brief.html", context)
    progress(62, RENDERING)
    document = HTML(string=html).render()
    progress(90, WRITING, pages=len(document.pages))
    return MadeBrief(document.write_pdf(), len(document.pages), len(context["rows"]))


def render_brief(review: ReviewRound, language: str | None = None, *, draft: bool = False, progress=None) -> bytes:
    return make_brief(review, language, draft=draft, progress=progress).pdf
