"""The public portal in a real browser (issue 17, point 6): every page of /sitemap.xml, in Vietnamese, English and
Chinese, at 1440 px and 390 px, checked by axe-core (no violation of impact serious or critical), by the keyboard
(the skip link is the first thing Tab reaches and takes the focus to <main>) and for width (nothing scrolls
sideways at 390 px). Pages come from the sitemap, so a section merged later is checked by adding itself to it.

axe-core runs from a local file, never the web: TIENDO_AXE_JS names an axe.min.js (npm's axe-core), else the one
the `axe-selenium-python` package ships (the test extras). It is injected by WebDriver (execute_script), which the
page's Content-Security-Policy does not govern. Without it the test skips and says what to install, unless
TIENDO_BROWSER_TESTS=required.
"""

import importlib.util
import os
import re
import urllib.request
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from django.urls import resolve
from django.utils import translation

from tests.app.portal.public_world import BASE_URL, build

from .conftest import REQUIRED

FAILING_IMPACTS = ("serious", "critical")
PER_KIND = 3  # pages of each URL name (a list has one, a detail page one a record): enough to see its template
TAGS = {"vi": "vi", "en": "en", "zh-hans": "zh-Hans"}

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(results => done({violations: results.violations, version: axe.version}))
  .catch(error => done({error: String(error)}));
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js from TIENDO_AXE_JS or the axe-selenium-python package; a skip (a failure in CI) without it."""
    named = os.environ.get("TIENDO_AXE_JS")
    if named:
        return Path(named).read_text(encoding="utf-8")
    spec = importlib.util.find_spec("axe_selenium_python")
    if spec is not None and spec.origin:
        bundled = Path(spec.origin).parent / "node_modules" / "axe-core" / "axe.min.js"
        if bundled.exists():
            return bundled.read_text(encoding="utf-8")
    reason = "axe-core is not installed (pip install -e '.[test]' brings axe-selenium-python; or TIENDO_AXE_JS=path)"
    if REQUIRED:
        pytest.fail(f"{reason} (TIENDO_BROWSER_TESTS=required)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def public_world(settings, tmp_path, province, people_committee, agency_x, agency_y, commune, enterprise_a):
    settings.TIENDO_BASE_URL = BASE_URL
    return build(
        agency_x=agency_x, agency_y=agency_y, commune=commune, enterprise_a=enterprise_a,
        people_committee=people_committee,
    )  # fmt: skip


def sitemap_paths(base_url: str) -> list[str]:
    """Every <loc> of the live server's /sitemap.xml, as a path, at most PER_KIND of each URL name per language."""
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=60) as response:  # noqa: S310 (the live server)
        document = ET.fromstring(response.read())
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    seen: dict[tuple[str, str], int] = defaultdict(int)
    paths = []
    for loc in document.iterfind("s:url/s:loc", namespace):
        path = loc.text.strip().removeprefix(BASE_URL)
        language = translation.get_language_from_path(path) or "vi"
        with translation.override(language):
            kind = (resolve(path).view_name, language)
        seen[kind] += 1
        if seen[kind] <= PER_KIND:
            paths.append(path)
    return paths


def readable(path: str, width: int, violations: list[dict]) -> list[str]:
    """One line a rule, then its elements: what axe says, where, and the markup."""
    lines = []
    for violation in violations:
        lines.append(
            f"{path} at {width} px: {violation['id']} [{violation['impact']}] {violation['help']} "
            f"({len(violation['nodes'])} element(s)) {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]} — {summary[:240]}")
    return lines


def keyboard_problems(browser, path: str) -> list[str]:
    """Tab once from the top of the page: the skip link; Enter: the focus is on <main>."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = browser.driver
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    first = driver.execute_script("return document.activeElement")
    if first is None or "skip-link" not in (first.get_attribute("class") or ""):
        shown = first.get_attribute("outerHTML")[:120] if first is not None else None
        return [f"{path} at {browser.width} px: the first Tab reaches {shown}, not the skip link"]
    if not first.is_displayed():
        return [f"{path} at {browser.width} px: the skip link has the focus but is not shown"]
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    focused = driver.execute_script("return document.activeElement && document.activeElement.id")
    if focused != "content":
        return [f"{path} at {browser.width} px: after the skip link the focus is on #{focused}, not <main>"]
    return []


def test_public_pages_are_accessible_in_every_language(axe_source, browser, public_world, live_server):
    source = axe_source
    browser.driver.set_script_timeout(120)
    paths = sitemap_paths(live_server.url)
    assert {"/", "/en/", "/zh-hans/", "/site-map/"} <= set(paths)
    problems, version = [], None
    for path in paths:
        browser.step(re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home")
        browser.go(path)
        language = translation.get_language_from_path(path) or "vi"
        lang = browser.driver.execute_script("return document.documentElement.lang")
        if lang != TAGS[language]:
            problems.append(f"{path}: <html lang={lang!r}>, expected {TAGS[language]!r}")
        styled = browser.driver.execute_script(
            "return getComputedStyle(document.querySelector('.skip-link')).position === 'absolute'"
        )
        assert styled, f"{path}: the portal's stylesheet did not load (axe would judge an unstyled page)"
        if browser.width <= 390:
            wide = browser.driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if wide[0] > wide[1]:
                problems.append(f"{path} at {browser.width} px: {wide[0]} px wide, it scrolls sideways")
        browser.driver.execute_script(source)
        result = browser.driver.execute_async_script(RUN_AXE)
        assert "error" not in result, f"axe-core failed on {path}: {result.get('error')}"
        version = result["version"]
        failing = [v for v in result["violations"] if v.get("impact") in FAILING_IMPACTS]
        problems += readable(path, browser.width, failing)
        for line in readable(path, browser.width, [v for v in result["violations"] if v not in failing]):
            print(f"  (not failing) {line}")  # moderate and minor: for the reader of `pytest -s`
        problems += keyboard_problems(browser, path)
    print(f"\naxe-core {version}: {len(paths)} pages at {browser.width} px")
    assert not problems, "\n".join(problems)
