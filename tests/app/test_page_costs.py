"""The task board, the summary, the lights, the dashboard and the overview cost the same whatever the data: rows
are read in one query shaped for the row and written once in Python (to the character what the templates wrote),
counts stay exact under filters and pages, and the blocks cached per access scope never show one agency another's
figures nor outlive a change."""

from datetime import date

import pytest
import time_machine
from django import forms
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tiendo.core.widgets import QuickSelect
from tiendo.directives.board import board_rows
from tiendo.directives.models import Directive, Task
from tiendo.directives.reports import Period, SummaryQuery, build_summary
from tiendo.directives.reports_html import add_links, dress_lights, dress_summary

pytestmark = pytest.mark.django_db

DAY = date(2024, 8, 15)
ON_DAY = time_machine.travel(DAY, tick=False)


def _tasks(agency, n, *, deadline, title="Nhiệm vụ", **extra):
    return [
        Task.objects.create(
            title=f"{title} {i}", lead_agency=agency, assigned_on=date(2024, 1, 2), deadline=deadline, **extra
        )
        for i in range(n)
    ]


def _queries(client, url, *, cold=False) -> int:
    if cold:
        cache.clear()  # the cost of building the page's cached blocks, not of reading them
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# ---------------------------------------------------------------------------------------------------------------
# The select written in Python


@pytest.mark.parametrize("value", ["", "b&1", None])
def test_quick_select_writes_what_django_writes(value):
    choices = [("", "Tất cả"), ("b&1", 'Sở "Tài chính" <HD>'), ("c", "Xã Thái Tân")]
    grouped = [("", "—"), ("Nhóm <1>", [("x", "X & Y"), ("y", "Z")])]
    for options in (choices, grouped):
        for attrs in ({"id": "id_f"}, {"id": "id_f", "required": True, "disabled": False, "data-x": 'a"b'}):
            django = forms.Select(choices=options).render("f", value, attrs=attrs)
            assert QuickSelect(choices=options).render("f", value, attrs=attrs) == django


# ---------------------------------------------------------------------------------------------------------------
# The task board

OLD_BOARD_ROW = """{% load i18n %}<td><a href="{% url 'directives:task' t.pk %}">{{ t.title|truncatechars:160 }}</a>{% if t.priority != "normal" %} <span class="badge bad">{{ t.get_priority_display }}</span>{% endif %}</td>
<td class="small">{{ t.lead_agency.display_name }}</td>
<td class="small">{% if t.directive %}<a href="{% url 'directives:detail' t.directive_id %}">{{ t.directive.number|default:t.directive.title|truncatechars:40 }}</a><div class="muted">{{ t.directive.issued_on|date:"SHORT_DATE_FORMAT" }}</div>{% else %}—{% endif %}</td>
<td class="nowrap">{% if t.standing %}{% translate "standing" %}{% elif t.deadline %}{{ t.deadline|date:"SHORT_DATE_FORMAT" }}{% if t.extended %}<div class="muted small">{% translate "first" %} {{ t.original_deadline|date:"SHORT_DATE_FORMAT" }}</div>{% endif %}{% else %}—{% endif %}</td>
<td class="nowrap small">{{ t.progress }} %</td>
<td>{% include "directives/_status.html" with status=t.status %}</td>"""  # noqa: E501 - the templates' own lines

NEW_BOARD_ROW = """{% load i18n %}<td><a href="{{ t.url }}">{{ t.title }}</a>{% if t.priority %} <span class="badge bad">{{ t.priority }}</span>{% endif %}</td>
<td class="small">{{ t.agency }}</td>
<td class="small">{% if t.directive_url %}<a href="{{ t.directive_url }}">{{ t.directive_label }}</a><div class="muted">{{ t.directive_date }}</div>{% else %}—{% endif %}</td>
<td class="nowrap">{% if t.standing %}{% translate "standing" %}{% elif t.deadline %}{{ t.deadline }}{% if t.first_deadline %}<div class="muted small">{% translate "first" %} {{ t.first_deadline }}</div>{% endif %}{% else %}—{% endif %}</td>
<td class="nowrap small">{{ t.progress }} %</td>
<td>{{ t.badge }}</td>"""  # noqa: E501 - the templates' own lines


@pytest.fixture
def varied_tasks(agency_x, agency_y, directive, specialist):
    untitled = Directive.objects.create(
        kind=Directive.Kind.MEETING_NEWS, issued_on=date(2024, 2, 1), issuer="UBND", title="Tin họp <b>" + "x" * 60
    )
    made = [
        Task.objects.create(
            directive=directive,
            title="Rà soát & báo cáo <ngay> " + "dài " * 60,
            lead_agency=agency_x,
            deadline=date(2024, 9, 30),
            priority=Task.Priority.URGENT,
            progress=40,
        ),
        Task.objects.create(directive=untitled, title="Thường xuyên", lead_agency=agency_y, standing=True),
        Task.objects.create(title="Không văn bản", lead_agency=agency_y, deadline=date(2024, 3, 1)),
        Task.objects.create(
            title="Đã xong", lead_agency=agency_x, deadline=date(2024, 5, 1), completed_on=date(2024, 5, 3)
        ),
        Task.objects.create(title="Không hạn", lead_agency=agency_x),
    ]
    extended = made[0]
    extended.deadline = date(2024, 12, 31)  # the original deadline stays 30/09/2024
    extended.save()
    return made


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
@pytest.mark.parametrize("original", [False, True])
def test_board_rows_write_what_the_row_template_wrote(varied_tasks, language, original):
    keys = [t.pk for t in varied_tasks]
    with translation.override(language):
        rows = board_rows(keys, DAY, original=original)
        annotated = {t.pk: t for t in Task.objects.filter(pk__in=keys).with_status(DAY, original=original)}
        assert [row.pk for row in rows] == keys
        for row in rows:
            old = Template(OLD_BOARD_ROW).render(Context({"t": annotated[row.pk]}))
            assert Template(NEW_BOARD_ROW).render(Context({"t": row})) == old


def test_board_costs_the_same_number_of_queries_for_5_or_120_tasks(login, specialist, agency_x, agency_y, directive):
    client = login(specialist)
    _tasks(agency_x, 5, deadline=date(2024, 6, 1), directive=directive)
    with ON_DAY:
        client.get(reverse("directives:board"))  # what a session reads once
        few = _queries(client, reverse("directives:board"), cold=True)
        _tasks(agency_y, 115, deadline=date(2024, 10, 1), directive=directive)
        assert _queries(client, reverse("directives:board"), cold=True) == few
        assert _queries(client, reverse("directives:board") + "?page=3&status=in_progress", cold=True) == few
        # the count and the page's keys are kept until a task changes
        assert _queries(client, reverse("directives:board") + "?page=3&status=in_progress") < few


def test_board_counts_stay_exact_under_filters_and_pages(login, specialist, officer_y, task_x, agency_x, agency_y):
    _tasks(agency_x, 62, deadline=date(2024, 6, 1), title="Quá hạn X")
    _tasks(agency_y, 7, deadline=date(2024, 6, 1), title="Quá hạn Y")
    _tasks(agency_y, 3, deadline=date(2024, 12, 1), title="Trong hạn Y")
    with ON_DAY:
        client = login(specialist)
        page = client.get(reverse("directives:board"), {"status": "overdue"}).context["page"]
        assert page.paginator.count == 62 + 7 + 1  # and task_x, due 30/06/2024
        assert {row.status for row in page} == {"overdue"} and len(page.object_list) == 50
        second = client.get(reverse("directives:board"), {"status": "overdue", "page": 2}).context["page"]
        assert len(second.object_list) == 20
        assert not {row.pk for row in page} & {row.pk for row in second}
        by_agency = client.get(reverse("directives:board"), {"agency": agency_y.code}).context["page"]
        assert by_agency.paginator.count == 10
        # an officer of Y: its own ten and task X, on which it cooperates
        mine = login(officer_y).get(reverse("directives:board"), {"status": "overdue"}).context["page"]
        assert mine.paginator.count == 7 + 1
        assert "8 nhiệm vụ" in login(officer_y).get(reverse("directives:board"), {"status": "overdue"}).content.decode()


# ---------------------------------------------------------------------------------------------------------------
# The summary and the lights

OLD_COUNTS = """{% load tiendo %}
{% for value, link in row.cells %}<td class="num">{% if link %}<a href="{{ link }}">{{ value|number }}</a>{% else %}{{ value|number }}{% endif %}</td>{% endfor %}
<td class="num">{% if row.done_on_time_percent is None %}—{% else %}{{ row.done_on_time_percent|number:1 }}%{% endif %}</td>
<td class="num">{{ row.overdue_percent|number:1 }}%</td>
"""  # noqa: E501 - the templates' own lines
OLD_MARK = """<span class="light-mark light-{{ row.light }}" title="{{ row.light_label }}">{% include "directives/lights.html#icon" with light=row.light %}<span class="visually-hidden">{{ row.light_label }}</span></span> {{ row.name }}<div class="muted small">{{ row.code }}</div>"""  # noqa: E501 - the templates' own lines
OLD_CARD = """{% load i18n tiendo %}<span class="light-mark light-{{ row.light }}">{% include "directives/lights.html#icon" with light=row.light %} {{ row.light_label }}</span>
<span class="light-share">{% blocktranslate with share=row.overdue_percent|number:1 %}{{ share }}% overdue{% endblocktranslate %}</span>
<dl class="light-counts">
    {% for caption, value, link in row.labelled_cells %}
      <div><dt>{{ caption }}</dt><dd>{% if link %}<a href="{{ link }}">{{ value|number }}</a>{% else %}{{ value|number }}{% endif %}</dd></div>
    {% endfor %}
  </dl>"""  # noqa: E501 - the templates' own lines
NEW_CARD = """<span class="light-mark light-{{ row.light }}">{{ row.html.mark }}</span>
<span class="light-share">{{ row.html.share }}</span>
<dl class="light-counts">
    {{ row.html.counts }}
  </dl>"""


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_summary_and_light_rows_write_what_the_templates_wrote(varied_tasks, directive, admin_user, language):
    _tasks(varied_tasks[0].lead_agency, 1234, deadline=date(2024, 6, 1)) if language == "vi" else None
    query = SummaryQuery(Period(date(2024, 1, 1), date(2024, 12, 31)), original=True, directive=None)
    with translation.override(language), ON_DAY:
        report = build_summary(admin_user, query)
        add_links(report, "/tasks/", totals=True)
        rows = [*report.rows, report.total]
        assert report.rows and all(row.links for row in rows)
        dress_summary(report)
        for row in rows:
            assert str(row.html["counts"]) == Template(OLD_COUNTS).render(Context({"row": row}))
        for row in report.rows:
            assert str(row.html["mark"]) == Template(OLD_MARK).render(Context({"row": row}))
        dress_lights(report)
        for row in report.rows:
            assert Template(NEW_CARD).render(Context({"row": row})) == Template(OLD_CARD).render(Context({"row": row}))


def test_summary_links_open_the_board_on_the_same_filters(directive, task_x, task_y, admin_user):
    query = SummaryQuery(Period(date(2024, 1, 1), date(2024, 6, 30)), original=True, directive=directive)
    with ON_DAY:
        report = build_summary(admin_user, query)
    add_links(report, "/tasks/", totals=False)
    row = next(row for row in report.rows if row.code == task_x.lead_agency.code)
    assert row.links["overdue"] == (
        f"/tasks/?agency={task_x.lead_agency.code}&status=overdue&directive={directive.pk}&day=2024-06-30&original=1"
    )
    assert (
        row.links["total"]
        == f"/tasks/?agency={task_x.lead_agency.code}&directive={directive.pk}&day=2024-06-30&original=1"
    )
    assert report.total.links == {}


def test_summary_and_lights_cost_the_same_queries_for_2_or_40_agencies(login, leader, agency_x, agency_y):
    from tiendo.agencies.models import Agency

    client = login(leader)
    _tasks(agency_x, 3, deadline=date(2024, 6, 1))
    with ON_DAY:
        client.get(reverse("directives:summary"))  # what a session reads once
        few = {name: _queries(client, reverse(f"directives:{name}"), cold=True) for name in ("summary", "lights")}
        for i in range(38):
            agency = Agency.objects.create(code=f"HD-X{i}", name=f"Xã số {i}", kind="commune")
            _tasks(agency, 2, deadline=date(2024, 6 + i % 6, 1))
        assert {name: _queries(client, reverse(f"directives:{name}"), cold=True) for name in few} == few
        warm = {name: _queries(client, reverse(f"directives:{name}")) for name in few}
        assert all(warm[name] < few[name] for name in few)


# ---------------------------------------------------------------------------------------------------------------
# Blocks cached per scope


def test_a_cached_summary_is_never_shown_to_another_scope(login, leader, officer_x, officer_y, task_x, task_y):
    with ON_DAY:
        everything = login(leader).get(reverse("directives:summary")).context["report"]
        assert {row.code for row in everything.rows} == {task_x.lead_agency.code, task_y.lead_agency.code}
        for officer, own in ((officer_x, task_x), (officer_y, task_y)):
            for name in ("summary", "lights"):
                report = login(officer).get(reverse(f"directives:{name}")).context["report"]
                assert [row.code for row in report.rows] == [own.lead_agency.code]
                assert report.total.summary.total == 1 and report.total.links == {}


def test_a_change_shows_at_once_on_the_cached_pages(login, leader, task_x, agency_x):
    client = login(leader)
    with ON_DAY:
        assert client.get(reverse("directives:summary")).context["report"].total.summary.overdue == 1
        assert client.get("/").context["overdue_task_count"] == 1
        _tasks(agency_x, 2, deadline=date(2024, 7, 1))
        assert client.get(reverse("directives:summary")).context["report"].total.summary.overdue == 3
        assert client.get(reverse("directives:lights")).context["report"].total.summary.overdue == 3
        assert client.get("/").context["overdue_task_count"] == 3
        task_x.completed_on = date(2024, 8, 1)
        task_x.save()
        assert client.get(reverse("directives:summary")).context["report"].total.summary.overdue == 2


def test_overview_figures_are_cached_per_scope(login, leader, officer_x, officer_y, task_x, task_y, project_x):
    with ON_DAY:
        assert login(leader).get("/").context["open_task_count"] == 2
        assert login(leader).get("/").context["project_count"] == 1
        # officer Y cooperates on task X; officer X does not see task Y nor, here, any other agency's project
        assert login(officer_x).get("/").context["open_task_count"] == 1
        assert login(officer_y).get("/").context["open_task_count"] == 2
        assert login(officer_y).get("/").context["project_count"] == 0
        assert login(officer_x).get("/").context["project_count"] == 1


def test_the_fragment_key_follows_the_scope_and_the_data(leader, officer_x, officer_y, agency_x):
    from tiendo.core import fragments
    from tiendo.domain.access import task_scope

    assert fragments.scope_key(leader, task_scope) == "all"
    assert fragments.scope_key(officer_x, task_scope) != fragments.scope_key(officer_y, task_scope)
    before = fragments.key("tasks", ["x"])
    assert fragments.key("tasks", ["x"]) == before
    _tasks(agency_x, 1, deadline=None)
    assert fragments.key("tasks", ["x"]) != before
    with translation.override("en"):
        assert fragments.key("tasks", ["x"]) != fragments.key("tasks", ["y"])


def test_the_board_sorts_and_the_newest_directives_have_their_indexes():
    """The migration made them: a page of 50 is then read in index order, whatever the number of tasks."""
    with connection.cursor() as cursor:
        tasks = connection.introspection.get_constraints(cursor, "directives_task")
        directives = connection.introspection.get_constraints(cursor, "directives_directive")
    assert tasks["task_board_open_first"]["index"] and tasks["task_board_newest"]["index"]
    assert directives["directive_newest"]["index"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'task_board_open_first'")
            definition = cursor.fetchone()[0]
        assert "WHEN (completed_on IS NULL) THEN 0" in definition and "WHERE (deleted_at IS NULL)" in definition


def test_the_board_filter_lists_are_kept_per_scope_and_follow_a_change(login, officer_x, officer_y, task_x, agency_y):
    other = Directive.objects.create(
        kind=Directive.Kind.LETTER, number="9/UBND-Y", issued_on=date(2024, 4, 1), issuer="UBND", title="Chỉ Y"
    )
    Task.objects.create(directive=other, title="Việc của Y", lead_agency=agency_y, deadline=date(2024, 9, 1))
    with ON_DAY:
        assert "9/UBND-Y" not in login(officer_x).get(reverse("directives:board")).content.decode()
        assert "9/UBND-Y" in login(officer_y).get(reverse("directives:board")).content.decode()
        Task.objects.create(directive=other, title="Việc của X", lead_agency=task_x.lead_agency)
        assert "9/UBND-Y" in login(officer_x).get(reverse("directives:board")).content.decode()
