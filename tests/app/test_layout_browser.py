"""Pages that fit, measured in a real browser (issue 14): at 390 px no page scrolls sideways and the menu is folded
behind its button; at 1280 px the main menu holds on one row in Vietnamese, English and Chinese.

Headless Chromium with its driver (/usr/bin/chromium, chromedriver). Without them the tests skip and say why,
unless TIENDO_BROWSER_TESTS=required (CI installs Chromium and sets it): then a missing browser fails."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tiendo.directives.models import Notification

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
REQUIRED = os.environ.get("TIENDO_BROWSER_TESTS") == "required"

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = (
    "Đầu tư xây dựng và kinh doanh kết cấu hạ tầng cụm công nghiệp Hưng Đạo mở rộng giai đoạn hai "
    "kết nối đường vành đai phía Bắc thành phố Hải Dương"
)

# what the page measures: its width, where <main> starts, the rows the main menu's items sit on, its font
MEASURE = """
const items = [...document.querySelectorAll('.mainnav > a, .mainnav > details > summary')]
  .filter(item => item.getClientRects().length > 0);
return {
  scroll: document.documentElement.scrollWidth,
  viewport: window.innerWidth,
  head: Math.round(document.querySelector('main').getBoundingClientRect().top + window.scrollY),
  rows: new Set(items.map(item => Math.round(item.getBoundingClientRect().top))).size,
  styled: getComputedStyle(document.querySelector('.topbar')).backgroundImage !== 'none',
  title: document.title,
};
"""


def _chromedriver() -> str | None:
    return shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)


@pytest.fixture(scope="module")
def browser():
    missing = [
        name for name, found in ((str(CHROMIUM), CHROMIUM.exists()), ("chromedriver", _chromedriver())) if not found
    ]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = f"browser layout tests need {', '.join(missing)}"
        if REQUIRED:
            pytest.fail(f"{reason} (TIENDO_BROWSER_TESTS=required)")
        pytest.skip(reason)
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(_chromedriver()), options=options)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def _static_files_by_their_plain_names(settings):
    """The live server serves the apps' static folders; a `collectstatic` run in the data folder (`tiendo serve`)
    must not make the pages link hashed names that only that folder has."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def pages(installation, project_x, project_a, task_x, specialist, enterprise_a):
    """The pages every role opens, on a registry whose names are as long as the demo's."""
    project_x.name = LONG_NAME
    project_x.save()
    enterprise_a.name = "Công ty Trách nhiệm hữu hạn Một thành viên Sản xuất Linh kiện Điện tử Hoshino Việt Nam"
    enterprise_a.save()
    Notification.objects.create(
        user=specialist, task=task_x, kind=Notification.Kind.OVERDUE, message=LONG_NAME, day=task_x.deadline
    )
    indicator = _targets(specialist)
    return {
        "targets": "/targets/?year=2026",
        "indicator": f"/targets/indicators/{indicator.code}/?year=2026",
        "overview": "/",
        "projects": "/projects/",
        "project": f"/projects/{project_x.code}/",
        "directives": "/directives/",
        "directive": f"/directives/{task_x.directive_id}/",
        "tasks": "/tasks/",
        "task": f"/tasks/{task_x.pk}/",
        "plans": "/plans/",
        "dashboard": "/plans/dashboard/",
        "reviews": "/reviews/",
        "agencies": "/agencies/",
        "units": "/agencies/units/",
        "reorganisations": "/agencies/reorganisations/",
        "enterprises": "/enterprises/",
        "enterprise": f"/enterprises/{enterprise_a.pk}/",
        "jobs": "/jobs/",
        "notifications": "/notifications/",
    }


def _targets(specialist):
    """An indicator with a revised target range and a figure that replaced an earlier one (the widest rows)."""
    from datetime import date
    from decimal import Decimal

    from tiendo.targets import services
    from tiendo.targets.models import Indicator, Publication, Target, Term

    services.save_term(Term(first_year=2026, last_year=2030, document="NQ Đại hội"), actor=specialist)
    indicator = services.save_indicator(
        Indicator(code="budget_revenue", name=LONG_NAME, unit="billion_vnd", accumulates=True), actor=specialist
    )
    target = services.save_target(
        Target(indicator=indicator, year=2026, low=Decimal("20000"), high=Decimal("21000.5"), document=LONG_NAME),
        actor=specialist,
    )
    target.low = Decimal("20500.25")
    services.save_target(target, actor=specialist, reason=LONG_NAME)
    for number, value in (("12/BC-TK", "9000"), ("15/BC-TK", "9500")):
        services.record_publication(
            Publication(number=number, published_on=date(2026, 7, 6), issuer=LONG_NAME),
            actor=specialist,
            values=[services.NewValue(indicator, 2026, 6, Decimal(value))],
        )
    return indicator


def _open_as(browser, live_server, client, user, language="vi"):
    """Sign the browser in as `user` (the test client's session cookie) in `language`."""
    client.force_login(user)
    browser.get(live_server.url + "/healthz")
    browser.delete_all_cookies()
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value})
    browser.add_cookie({"name": "tiendo_language", "value": language})


def _measure(browser, live_server, path, width):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
    browser.get(live_server.url + path)
    facts = browser.execute_script(MEASURE)
    assert facts["styled"], f"{path}: the stylesheet did not load"
    return facts


@pytest.mark.parametrize("role", ["specialist", "leader", "officer_x", "investor_a"])
def test_no_page_scrolls_sideways_at_390_px_and_the_menu_is_folded(browser, live_server, client, pages, role, request):
    _open_as(browser, live_server, client, request.getfixturevalue(role))
    for name, path in pages.items():
        facts = _measure(browser, live_server, path, 390)
        assert facts["scroll"] <= 390, f"{name} ({path}) is {facts['scroll']} px wide at 390 px"
        assert facts["head"] < 120, f"{name} ({path}): {facts['head']} px of header before the content"
        assert facts["rows"] == 0, f"{name} ({path}): the main menu shows before it is opened"


def test_the_menu_button_opens_the_menu_on_a_phone(browser, live_server, client, pages, specialist):
    from selenium.webdriver.common.by import By

    _open_as(browser, live_server, client, specialist)
    _measure(browser, live_server, pages["projects"], 390)
    toggle = browser.find_element(By.CSS_SELECTOR, ".menu-toggle summary")
    assert toggle.get_attribute("aria-controls") == "mainnav"
    toggle.click()
    projects = browser.find_element(By.CSS_SELECTOR, "#mainnav > a.active")
    assert projects.is_displayed() and projects.get_attribute("href").endswith("/projects/")
    assert browser.find_element(By.CSS_SELECTOR, ".topbar-tools .languages").is_displayed()
    browser.find_element(By.CSS_SELECTOR, ".mainnav .nav-group summary").click()
    assert browser.find_element(By.LINK_TEXT, "Sắp xếp tổ chức bộ máy").is_displayed()
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    toggle.click()
    assert not projects.is_displayed()


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_the_main_menu_holds_on_one_row_at_1280_px(browser, live_server, client, pages, admin_user, language):
    # the administrator sees the most links
    _open_as(browser, live_server, client, admin_user, language)
    for name in ("overview", "projects", "units", "notifications"):
        facts = _measure(browser, live_server, pages[name], 1280)
        assert facts["rows"] == 1, f"{name} in {language}: the menu takes {facts['rows']} rows at 1280 px"
        assert facts["scroll"] <= 1280


def test_the_agencies_group_opens_and_marks_the_page_in_it(browser, live_server, client, pages, specialist):
    from selenium.webdriver.common.by import By

    _open_as(browser, live_server, client, specialist)
    _measure(browser, live_server, pages["units"], 1280)
    group = browser.find_element(By.CSS_SELECTOR, ".mainnav .nav-group summary")
    assert "active" in group.get_attribute("class")
    units = browser.find_element(By.CSS_SELECTOR, ".nav-menu a.active")
    assert not units.is_displayed()
    group.click()
    assert units.is_displayed() and units.get_attribute("href").endswith("/agencies/units/")
    browser.find_element(By.CSS_SELECTOR, "main h1").click()  # a click elsewhere closes it (menu.js)
    assert not units.is_displayed()


@pytest.mark.parametrize("language", ["vi", "zh-hans"])
def test_the_login_page_fits_at_360_px(browser, live_server, installation, language):
    browser.get(live_server.url + "/healthz")
    browser.delete_all_cookies()
    browser.add_cookie({"name": "tiendo_language", "value": language})
    facts = _measure(browser, live_server, "/login/", 360)
    assert facts["scroll"] <= 360
    assert facts["head"] < 120  # a visitor has no menu: the brand, the languages and "Log in" fit on two rows
