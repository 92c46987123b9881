"""Every count on a page in the language's way (vi 5.000, en 5,000, zh 5,000): the pages render it so, and no
template prints a count without the house's `number` filter."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import tiendo
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import Project

TEMPLATES = sorted(Path(tiendo.__file__).parent.rglob("templates/**/*.html"))
# a count a template prints: a paginator's, a query's (…_count, .count), a length, a number of pages
COUNT = r"[\w.]*(?:\.count|_count|\|length|num_pages)"
PRINTED_RAW = re.compile(r"\{\{ ?(" + COUNT + r") ?\}\}")
IN_BLOCK_RAW = re.compile(r"\{% blocktranslate [^%]*?\b\w+=(" + COUNT + r")(?: |%)")
PLURAL_BLOCK = re.compile(r"\{% blocktranslate count (\w+)=(" + COUNT + r")[^%]*%\}(.*?)\{% endblocktranslate %\}")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(Path(tiendo.__file__).parent)))
def test_no_template_prints_a_count_without_the_number_filter(path):
    text = path.read_text()
    if "|number" in text:
        assert re.search(r"\{% load [^%]*\btiendo\b", text), "uses the number filter without loading it"
    assert not PRINTED_RAW.findall(text)
    for block in IN_BLOCK_RAW.finditer(text):
        assert block.group(0).startswith("{% blocktranslate count"), block.group(0)  # a plural's counter is fine
    for counter, _, body in PLURAL_BLOCK.findall(text):
        assert "{{ " + counter + " }}" not in body, f"{path.name}: the plural's counter printed raw"


@pytest.fixture
def many_projects(agency_x, commune):
    Project.objects.bulk_create(
        Project(code=f"HD-2020-{n:04d}", name=f"Dự án {n}", kind="public", status="implementing", agency=agency_x,
                commune=commune, total_investment=1_000_000_000, search_key=f"du an {n}")
        for n in range(1, 1002)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "expected"), [("vi", "1.001 dự án"), ("en", "1,001 projects"), ("zh-hans", "1,001")]
)
def test_the_project_list_counts_in_the_language_s_way(many_projects, login, specialist, client, language, expected):
    client.cookies["tiendo_language"] = language
    page = login(specialist).get(reverse("projects:list")).content.decode()
    assert expected in page
    assert "1001" not in page.replace("HD-2020-1001", "")
    assert ("21" if language == "vi" else "21") in page  # 21 pages of 50


def test_the_home_page_and_the_enterprise_list_count_with_separators(many_projects, login, specialist):
    Enterprise.objects.bulk_create(
        Enterprise(name=f"Công ty {n}", tax_code=f"09{n:08d}", country="JP") for n in range(1200)
    )
    client = login(specialist)
    home = client.get(reverse("home")).content.decode()
    assert ">1.001<" in home and ">1.200<" in home
    assert "1.200 doanh nghiệp" in client.get(reverse("enterprises:list")).content.decode()
