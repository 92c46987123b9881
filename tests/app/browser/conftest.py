"""A real browser for the journeys: Debian's Chromium driven by Selenium against pytest-django's live server.

Each test runs at 1440 px and at 390 px (the `width` fixture). Without Chromium and its driver the tests skip and
say what to install, unless TIENDO_BROWSER_TESTS=required (CI), where they fail instead; TIENDO_CHROMIUM and
TIENDO_CHROMEDRIVER name other binaries (another distribution's paths). On a failure the page
as the browser showed it is saved, with its source, under var/browser-failures/<test>-<step>.png / .html.
"""

import os
import re
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.utils import translation

CHECKOUT = Path(__file__).resolve().parents[3]
FAILURES = CHECKOUT / "var" / "browser-failures"
REQUIRED = os.environ.get("TIENDO_BROWSER_TESTS", "").strip().lower() == "required"
WAIT = 20  # seconds: a page of the live server on a busy 2-core machine
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,1000",
]  # fmt: skip
HEIGHTS = {1440: 1000, 390: 844}
# TIENDO_BROWSER_SCREENS=folder keeps a screenshot of every page the journeys load (to look at the layout).
SCREENS = Path(os.environ["TIENDO_BROWSER_SCREENS"]) if os.environ.get("TIENDO_BROWSER_SCREENS") else None


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"{reason} (TIENDO_BROWSER_TESTS=required: the browser tests may not skip)", pytrace=False)
    pytest.skip(f"{reason}; install them (as root: `bash bin/system-packages --test`) to run the browser journeys")


@pytest.fixture(scope="session")
def chromium_paths():
    """Chromium and its driver, or a skip that says what to install (a failure where they are required)."""
    binary = os.environ.get("TIENDO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = os.environ.get("TIENDO_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (os.access(binary, os.X_OK) and os.access(driver_path, os.X_OK)):
        _unavailable("Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
    return binary, driver_path


@pytest.fixture(scope="session")
def chromium_driver(chromium_paths, django_db_setup, live_server, tmp_path_factory):
    """One headless Chromium for the whole run (starting one costs about a second per test); it ends before the
    live server stops and the test database is dropped (see the end)."""
    binary, driver_path = chromium_paths
    os.environ["SE_AVOID_STATS"] = "true"  # Selenium Manager sends no usage statistics
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("Selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path_factory.getbasetemp())
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    # The live server answers each kept-alive browser connection in a thread holding a database connection, closed
    # when the browser's socket closes: let them end while the server still shares SQLite's in-memory database
    # with them, and before PostgreSQL's test database is dropped.
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=10)


@pytest.fixture(params=[1440, 390], ids=["1440px", "390px"])
def width(request):
    return request.param


@pytest.fixture
def browser(chromium_paths, chromium_driver, live_server, width, request):
    """The browser at the test's width, with no cookie of an earlier test (no session, the default language)."""
    chromium_driver.delete_all_cookies()
    chromium_driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": HEIGHTS[width], "deviceScaleFactor": 1, "mobile": False},
    )
    page = Browser(chromium_driver, live_server.url, width, request.node.originalname)
    yield page
    if page.too_wide:  # for the reader of `pytest -s`: pages wider than the screen (the layout's tests judge them)
        print(f"\n{request.node.name}: wider than {width} px: {page.too_wide}")
    chromium_driver.delete_all_cookies()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, keep what the browser showed at the failing step, and say where it is."""
    report = yield
    page = getattr(item, "funcargs", {}).get("browser")
    if report.when == "call" and report.failed and isinstance(page, Browser):
        report.sections.append(("browser", page.save_failure(item.name)))
    return report


def _error_titles() -> set[str]:
    """The titles of the error pages, in every language (403, 404, CSRF refusal, 500)."""
    titles = {"403 Forbidden", "Server Error (500)", "Lỗi máy chủ"}
    languages = ("vi", "en", "zh-hans")
    return titles | {_expected(msgid, code) for msgid in ("Not allowed", "Not found") for code in languages}


def _expected(msgid: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


class Browser:
    """The few gestures the journeys need, each waiting for the page it leads to; `step` names the screenshot."""

    def __init__(self, driver, base_url: str, width: int, test: str = "journey"):
        self.driver, self.base_url, self.width, self.test = driver, base_url, width, test
        self.current_step = "start"
        self.pages: list[str] = []
        self.too_wide: dict[str, int] = {}

    # where we are ---------------------------------------------------------------------------------------------

    def step(self, name: str) -> None:
        self.current_step = name

    @property
    def path(self) -> str:
        return urlparse(self.driver.current_url).path

    @property
    def text(self) -> str:
        return self.find("body").text

    @property
    def source(self) -> str:
        return self.driver.page_source

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css: str) -> list:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, css: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_until(self, condition, message: str = ""):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, WAIT).until(lambda _driver: condition(), message)

    # moving -------------------------------------------------------------------------------------------------

    def go(self, path: str) -> None:
        self.driver.get(self.base_url + path)
        self._loaded()

    def _loaded(self) -> None:
        self.wait_until(lambda: self.driver.execute_script("return document.readyState") == "complete")
        self.pages.append(self.path)
        wide = self.driver.execute_script("return document.documentElement.scrollWidth")
        if wide > self.width:
            self.too_wide[self.path] = wide
        title = self.driver.title.split(" · ")[0].strip()
        assert title not in _error_titles(), f"{self.path} answered an error page: {title}"
        if SCREENS:
            SCREENS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9]+", "-", self.path).strip("-") or "home"
            self.driver.save_screenshot(str(SCREENS / f"{self.test}-{self.width}-{len(self.pages):02d}-{name}.png"))

    def click(self, element) -> None:
        """Click as a user would: scrolled into view; a control the layout hides is a failure, not a workaround."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        shown = element.get_attribute("outerHTML")[:200]
        assert element.is_displayed(), f"not visible at {self.width} px on {self.path}: {shown}"
        element.click()

    def navigate_by(self, element) -> None:
        """Click something that loads a new page (a link, a form's button) and wait for that page."""
        self.driver.execute_script("window.tiendoOldPage = true")
        self.click(element)
        self.wait_until(self._new_page, f"no new page after the click on {self.path}")
        self._loaded()

    def _new_page(self) -> bool:
        from selenium.common.exceptions import WebDriverException

        try:  # a page being replaced may answer with an error: it is simply not the new one yet
            return self.driver.execute_script("return !window.tiendoOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False

    def submit(self, form_css: str, button_css: str = "button[type=submit]") -> None:
        self.navigate_by(self.find(f"{form_css} {button_css}"))

    def fill(self, css: str, value: str) -> None:
        field = self.find(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.clear()
        field.send_keys(value)

    def choose(self, css: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.find(css)).select_by_value(value)

    def open_details(self, inner_css: str) -> None:
        """Open the <details> that holds an element, by clicking its summary."""
        summary = self.driver.execute_script(
            "const d = document.querySelector(arguments[0]).closest('details'); return d && d.querySelector('summary')",
            inner_css,
        )
        if summary is not None and not self.find(inner_css).is_displayed():
            self.click(summary)

    # sessions and languages -----------------------------------------------------------------------------------

    def login(self, username: str, password: str, *, check_languages: bool = False) -> None:
        self.driver.delete_all_cookies()
        self.go("/login/")
        if check_languages:
            self.languages("Log in")
        self.fill("#id_username", username)
        self.fill("#id_password", password)
        self.submit("form:has(#id_password)")
        assert self.finds("form[action='/logout/']"), f"{username} is not logged in: {self.path}"

    def languages(self, word: str = "Log out") -> None:
        """Switch this page to English and Chinese with the top bar's form, checking each, then back to Vietnamese."""
        here = urldefrag(self.driver.current_url).url  # the fragment stays in the browser; the server never sees it
        for code in ("en", "zh-hans", "vi"):
            button = self.find(f"form[action='/i18n/setlang/'] button[name=language][value='{code}']")
            if not button.is_displayed():  # on a phone the languages are in the folded menu: open it as a user does
                self.find("details.menu-toggle > summary").click()
                assert button.is_displayed(), f"the language {code} is not shown after opening the menu on {self.path}"
            self.navigate_by(button)
            assert self.driver.current_url == here, f"the language switch left {here} for {self.driver.current_url}"
            lang = self.find("html").get_attribute("lang")
            assert lang == code, f"<html lang={lang!r}> after switching to {code} on {self.path}"
            expected = _expected(word, code)
            folded = self.finds("details.menu-toggle:not([open]) > summary")
            if folded and folded[0].is_displayed():  # the word is in the top bar, folded into the menu on a phone
                folded[0].click()
            assert expected in self.text, f"{expected!r} ({word!r} in {code}) is not on {self.path}"

    # failures -----------------------------------------------------------------------------------------------

    def save_failure(self, test_name: str) -> str:
        FAILURES.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.]+", "-", f"{test_name}-{self.current_step}").strip("-")
        png, html = FAILURES / f"{stem}.png", FAILURES / f"{stem}.html"
        try:
            self.driver.save_screenshot(str(png))
            html.write_text(self.driver.page_source, encoding="utf-8")
        except Exception as error:  # the browser itself may be what failed
            return f"no screenshot of step {self.current_step!r}: {error}"
        message = f"step {self.current_step!r} at {self.driver.current_url}: screenshot {png}, page source {html}"
        print(message)
        return message
