"""The project list costs what its page costs: a fixed number of queries whatever the number of rows, exact
counts under every filter, each filter and sort still applied, the filter's choices shared and forgotten on a
change, the rows and selects written in Python exactly as the templates wrote them, and the indexes in place."""

from datetime import date

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tiendo.agencies.models import AdminUnit
from tiendo.core.widgets import QuickSelect
from tiendo.projects import views
from tiendo.projects.forms import SORTS
from tiendo.projects.models import Milestone, Project, Sector, Zone

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")


@pytest.fixture
def sector(db):
    return Sector.objects.create(code="CN", name="Công nghiệp", name_en="Industry")


@pytest.fixture
def zone(commune):
    return Zone.objects.create(code="KCN-TT", name="KCN Thái Tân", kind="kcn", commune=commune)


def _add_projects(n, start, *, agency, commune, sector=None, zone=None, investor=None):
    kinds = ["public", "private", "fdi"]
    statuses = ["preparing", "implementing", "operating", "completed", "suspended"]
    projects = []
    for i in range(start, start + n):
        project = Project.objects.create(
            code=f"HD-2023-{i:04d}",
            name=f"Dự án số {i}",
            kind=kinds[i % 3],
            group="C" if i % 3 == 0 else "",
            status=statuses[i % 5],
            agency=agency,
            commune=commune if i % 2 else None,
            sector=sector if i % 4 == 0 else None,
            zone=zone if i % 6 == 0 else None,
            investor=investor if i % 3 == 2 else None,
            total_investment=(i * 7919) % 1000 * 1_000_000_000,
            certificate_date=date(2020, 1, 1 + i % 28) if i % 5 else None,
        )
        if i % 2:
            Milestone.objects.create(project=project, kind="construction_start", current_due=date(2023, 1, 1))
        projects.append(project)
    return projects


def _queries(client, url):
    client.get(url)  # the shared choices are read once, as a second visitor finds them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["", "?overdue=on", "?kind=fdi&sort=-investment", "?q=du+an", "?page=2"])
def test_queries_do_not_grow_with_the_rows(login, specialist, officer_x, agency_x, commune, sector, zone, query):
    _add_projects(3, 0, agency=agency_x, commune=commune, sector=sector, zone=zone)
    counts = {}
    for user in (specialist, officer_x):
        counts[user.username] = _queries(login(user), LIST + query)
    _add_projects(60, 3, agency=agency_x, commune=commune, sector=sector, zone=zone)
    for user in (specialist, officer_x):
        assert _queries(login(user), LIST + query) == counts[user.username], user.username


def test_filter_choices_are_shared_then_forgotten_when_a_directory_changes(login, specialist, agency_x, commune):
    client = login(specialist)
    client.get(LIST)
    with CaptureQueriesContext(connection) as captured:
        client.get(LIST)
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "projects_sector" not in read and "agencies_adminunit" not in read
    Sector.objects.create(code="NN", name="Nông nghiệp mới")
    assert "Nông nghiệp mới" in client.get(LIST).content.decode()
    AdminUnit.objects.create(code="HD-X9", name="Tân Mới", unit_type="phường", level="commune", parent=commune.parent)
    assert "phường Tân Mới" in client.get(LIST).content.decode()


@pytest.fixture
def many(agency_x, agency_y, commune, sector, zone, enterprise_a):
    _add_projects(40, 0, agency=agency_x, commune=commune, sector=sector, zone=zone, investor=enterprise_a)
    _add_projects(20, 40, agency=agency_y, commune=commune, sector=sector, zone=zone)
    return Project.objects.alive()


def _filters(sector, zone, commune, agency_y):
    today = timezone.localdate()
    return {
        "kind=fdi": lambda qs: qs.filter(kind="fdi"),
        "status=suspended": lambda qs: qs.filter(status="suspended"),
        "kind=public&status=operating": lambda qs: qs.filter(kind="public", status="operating"),
        f"sector={sector.pk}": lambda qs: qs.filter(sector=sector),
        f"zone={zone.pk}": lambda qs: qs.filter(zone=zone),
        f"commune={commune.pk}": lambda qs: qs.filter(commune=commune),
        f"agency={agency_y.pk}": lambda qs: qs.filter(agency=agency_y),
        "overdue=on": lambda qs: qs.with_overdue_milestone(today),
        "q=du+an+so+1": lambda qs: qs.filter(search_key__contains="du an so 1"),
        "q=hoshino": lambda qs: qs.filter(investor__name__icontains="Hoshino"),
        "overdue=on&kind=private&sort=name": lambda qs: qs.with_overdue_milestone(today).filter(kind="private"),
    }


def test_each_filter_filters_with_an_exact_count(login, specialist, many, sector, zone, commune, agency_y, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 7)
    client = login(specialist)
    for query, expected in _filters(sector, zone, commune, agency_y).items():
        codes = sorted(expected(Project.objects.alive()).values_list("code", flat=True))
        assert codes, query  # each filter keeps some projects and drops others
        assert len(codes) < many.count(), query
        first = client.get(f"{LIST}?{query}").context["page"]
        assert first.paginator.count == len(codes), query
        listed = []
        for number in first.paginator.page_range:
            listed += [row.code for row in client.get(f"{LIST}?{query}&page={number}").context["page"]]
        assert sorted(listed) == codes, query


@pytest.mark.parametrize("sort", list(SORTS))
def test_each_sort_orders_every_page(login, specialist, many, sort, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 9)
    client = login(specialist)
    expected = list(many.order_by(*SORTS[sort]).values_list("code", flat=True))
    listed = []
    for number in range(1, 8):
        page = client.get(f"{LIST}?sort={sort}&page={number}").context["page"]
        assert page.paginator.count == len(expected)
        listed += [row.code for row in page]
    assert listed == expected
    deep = client.get(f"{LIST}?sort={sort}&page=999").context["page"]  # past the end: the last page
    assert [row.code for row in deep] == expected[-(len(expected) % 9 or 9) :]


def test_scopes_still_scope_the_rows_and_the_count(login, officer_x, investor_a, many, agency_x, enterprise_a):
    for user, mine in ((officer_x, many.filter(agency=agency_x)), (investor_a, many.filter(investor=enterprise_a))):
        page = login(user).get(f"{LIST}?sort=name").context["page"]
        assert page.paginator.count == mine.count()
        assert {row.code for row in page} == set(mine.values_list("code", flat=True))


def test_rows_show_names_labels_and_links_in_the_page_language(login, specialist, project_a, project_x, sector):
    Project.objects.filter(pk=project_x.pk).update(code="HD 2021+0001", sector=sector)
    client = login(specialist)
    client.cookies["tiendo_language"] = "en"
    page = client.get(LIST).content.decode()
    assert "Hoshino electronics plant" in page and "Industry" in page
    assert "Foreign direct investment" in page and "Group B" in page
    assert f'href="{reverse("projects:detail", args=["HD 2021+0001"])}"' in page
    assert f'href="{reverse("projects:detail", args=[project_a.code])}"' in page


CHOICES = [("", "All <kinds>"), ("a&b", 'Say "a" & b'), (3, "three"), ("x", translation.gettext_lazy("Status"))]


@pytest.mark.parametrize("value", [None, "", "a&b", "3", 3, "missing"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_kind"}, {"id": "id_kind", "required": True, "disabled": False}])
def test_quick_select_writes_what_django_writes(value, attrs):
    django_select = forms.Select(choices=CHOICES, attrs={"data-x": '"q"'}).render("kind", value, attrs=attrs)
    quick = QuickSelect(choices=CHOICES, attrs={"data-x": '"q"'}).render("kind", value, attrs=attrs)
    assert quick == django_select


def test_the_filter_form_renders_as_before(login, specialist, many):
    """Every select of the list's filter, through the form, equals Django's own rendering of the same field."""
    form = login(specialist).get(f"{LIST}?kind=fdi&status=suspended&sort=name").context["form"]
    for name in ("kind", "status", "sector", "commune", "zone", "agency", "sort", "behind"):
        bound = form[name]
        field = form.fields[name]
        expected = forms.Select(choices=list(field.widget.choices)).render(
            bound.html_name, bound.value(), attrs={"id": bound.auto_id}
        )
        assert str(bound) == expected, name


def test_live_project_indexes_exist():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Project._meta.db_table)
    expected = {
        "project_live_code": ["code", "id"],
        "project_live_name": ["name", "id"],
        "project_live_investment": ["total_investment", "id"],
        "project_live_certificate": ["certificate_date", "id"],
        "project_live_status": ["status", "id"],
        "project_live_kind": ["kind", "status"],
    }
    for name, columns in expected.items():
        assert constraints[name]["index"] and constraints[name]["columns"] == columns, name


def test_the_list_sorts_by_the_live_indexes_on_postgresql(many):
    """EXPLAIN of each sort's page: PostgreSQL reads a live index in order instead of sorting every row."""
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Project._meta.db_table}")
        # a few rows: the planner would rather read the table and sort it; it sorts still if no index serves
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for sort in SORTS:
            sql, params = many.order_by(*SORTS[sort]).values("pk")[:50].query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan and "Sort Key" not in plan, (sort, plan)


OLD_ROW = """{% load i18n %}{% for p in rows %}
      <tr>
        <td class="nowrap"><a href="{{ p.url }}">{{ p.code }}</a></td>
        <td><a href="{{ p.url }}">{{ p.name }}</a><div class="muted small">{{ p.kind }}{% if p.group %} · {{ p.group }}{% endif %}{% if p.sector is not None %} · {{ p.sector }}{% endif %}</div></td>
        <td class="small">{{ p.owner }}</td>
        <td class="small">{{ p.place }}</td>
        <td class="num nowrap">{{ p.investment }}</td>
        <td><span class="badge status-{{ p.status }}">{{ p.status_label }}</span>{% if p.behind_rules %}<div><a class="badge bad" href="{{ p.url }}#schedule-review" title="{% translate 'Findings of the latest scan' %}">⚠ {{ p.behind_rules|join:", " }}</a></div>{% endif %}</td>
      </tr>
    {% endfor %}"""  # noqa: E501 (the list template's row before it was written in Python)


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_row_html_is_what_the_template_wrote(language):
    from django.template import Context, Template

    from tiendo.projects.listing import ProjectRow, row_html

    rows = [
        ProjectRow(1, "HD-1", "/projects/HD-1/", "Nhà máy <A&B>", "FDI", "Nhóm B", "Công nghiệp", "Công ty \"X\"",
                   "xã Thái Tân", "1,2 tỷ đồng", "implementing", "Đang thực hiện", ["LAND-01", "<R&2>"]),
        ProjectRow(2, "HD 2", "/projects/HD%202/", "Đường", "Công", "", None, "—", "—", "0 đồng", "preparing",
                   "Chuẩn bị", []),
        ProjectRow(3, "HD-3", "/projects/HD-3/", "", "Công", "", "", "", "", "—", "x\"y", "", ["A"]),
    ]  # fmt: skip
    with translation.override(language):
        expected = Template(OLD_ROW).render(Context({"rows": rows}))
        title = translation.gettext("Findings of the latest scan")
        from django.utils.html import conditional_escape

        written = "".join(row_html(row, conditional_escape(title)) for row in rows)
    assert written == expected
