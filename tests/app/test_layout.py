"""Pages that fit, checked without a browser (issue 14): the stylesheet folds the menu and the tables on a phone,
the page has the button that opens the menu, and the S-curves' labels never print over each other."""

import re
from datetime import date
from decimal import Decimal
from itertools import combinations
from pathlib import Path

from django.template.loader import render_to_string

from tiendo.domain.chart_labels import Box, text_width
from tiendo.plans import charts

CSS = (Path(__file__).resolve().parents[2] / "tiendo/core/static/tiendo/tiendo.css").read_text()


def _media_block(query: str) -> str:
    start = CSS.index(f"@media ({query}) {{")
    return CSS[start : CSS.index("\n}\n", start)]


def test_the_stylesheet_folds_the_menu_on_a_phone():
    phone = _media_block("max-width: 960px")
    assert ".menu-toggle { display: block;" in phone
    assert ".menu-toggle:not([open]) ~ .mainnav { display: none; }" in phone
    assert ".menu-toggle { display: none; }" in CSS  # and shows the whole menu on a wide screen


def test_the_stylesheet_scrolls_tables_inside_their_card_and_stacks_forms_on_a_phone():
    phone = _media_block("max-width: 760px")
    assert ".card { overflow-x: auto; }" in phone
    assert ".table:not(.card .table) { display: block; overflow-x: auto; }" in phone
    assert ".table td, .table th { min-width: 8rem; }" in phone  # names wrap by lines, not word by word
    assert ".filters { flex-direction: column;" in phone
    assert "width: 100%; min-width: 0;" in phone
    assert "input, select, textarea { max-width: 100%; }" in CSS  # a select never overflows its card


def test_every_page_has_the_menu_button_and_the_agencies_group(login, specialist):
    page = login(specialist).get("/projects/").content.decode()
    assert '<details class="menu-toggle"><summary aria-controls="mainnav">' in page
    assert '<nav class="mainnav" id="mainnav"' in page
    group = page[page.index('<details class="nav-group">') : page.index("</details>", page.index("nav-group"))]
    for href in ("/agencies/", "/agencies/units/", "/agencies/reorganisations/", "/agencies/HD-SKHDT/"):
        assert f'href="{href}"' in group
    assert re.search(r'<script src="/static/tiendo/menu\.(\w+\.)?js" defer>', page)


def test_the_agencies_group_is_marked_when_one_of_its_pages_is_open(login, specialist):
    page = login(specialist).get("/agencies/units/").content.decode()
    assert '<details class="nav-group"><summary class="active">' in page
    assert '<a href="/agencies/units/" class="active">' in page
    assert '<a href="/agencies/" class="active">' not in page


def test_a_visitor_gets_no_menu_button(db):
    from django.test import Client

    assert b"menu-toggle" not in Client().get("/login/").content


def _boxes(chart):
    markers = [*chart.deadlines, *([chart.today] if chart.today else [])]
    return [
        Box(
            m.text_x - (width if m.anchor == "end" else 0),
            m.text_y - 11,
            m.text_x + (0 if m.anchor == "end" else width),
            m.text_y + 3,
        )
        for m in markers
        for width in [text_width(m.text, charts.AXIS_FONT_SIZE)]
    ]


def test_the_as_of_day_no_longer_prints_over_the_deadline_on_the_s_curve():
    """Issue 14: on the dashboard of 2026, the as-of day 07/12/2026 printed over "Deadline 31/01/2027"."""
    chart = charts.s_curve(
        date(2026, 1, 1),
        date(2027, 1, 31),
        [("Disbursed", [(date(2026, month, 28), Decimal(month * 6)) for month in range(1, 12)])],
        deadlines=[
            (date(2027, 1, 31), "Deadline 31/01/2027"),
            (date(2026, 12, 31), "Added or extended capital: 31/12/2026"),
        ],
        today=date(2026, 12, 7),
    )
    boxes = _boxes(chart)
    assert len(boxes) == 3 and all(m.text for m in [*chart.deadlines, chart.today])
    for one, other in combinations(boxes, 2):
        assert not one.intersects(other)
    for box in boxes:
        assert chart.left <= box.left and box.right <= chart.width - chart.right
    assert chart.deadlines[0].anchor == "end"  # the deadline at the right edge writes its label leftwards


def test_the_s_curve_template_writes_the_placed_labels():
    chart = charts.s_curve(
        date(2026, 1, 1),
        date(2027, 1, 31),
        [("Disbursed", [(date(2026, 11, 30), Decimal(60))])],
        deadlines=[(date(2027, 1, 31), "Deadline 31/01/2027")],
        today=date(2027, 1, 20),
    )
    svg = render_to_string("plans/disbursement_curve_svg.html", {"chart": chart, "label": "S-curve"})
    deadline, today = chart.deadlines[0], chart.today
    assert deadline.text_y != today.text_y  # eleven days apart: they stack
    assert f'<text x="{deadline.text_x}" y="{deadline.text_y}" class="marker" fill="#c8102e" text-anchor="end">' in svg
    assert f'text-anchor="{today.anchor}">20/01/2027</text>' in svg


def test_the_as_of_day_keeps_clear_of_the_curve_s_last_value():
    """A project fully disbursed at the end of November: "100,0%" is written at the top, where the as-of day's
    label would go."""
    chart = charts.s_curve(
        date(2026, 1, 1),
        date(2027, 1, 31),
        [("Disbursed", [(date(2026, 11, 30), Decimal(100))])],
        today=date(2026, 12, 7),
    )
    x, y = chart.lines[0].last
    value = Box(x + 6, y + 4 - 11, x + 6 + text_width("100,0%", 11) * 1.1, y + 4 + 3)
    (today,) = _boxes(chart)
    assert not today.intersects(value)
