"""The sitemap leak test (issue 17, point 7): every page /sitemap.xml lists, and every alternate of it, fetched by
a visitor who has not signed in, over a world holding everything a public page could wrongly show (see
public_world: drafts, closed and private records, the engine's findings, proposals and notes, officers' contacts,
petitions, plan drafts, each with a marker). Each page must answer 200 without any hidden marker, say its language
in <html lang>, and offer its alternates in the three languages and x-default; the sitemap must list every page in
every language, including the pages we know must be public (the portal's sections once their modules exist).

It walks the sitemap rather than a list of pages: a section merged later is covered by adding itself to it.
"""

import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

from tiendo.portal import sitemap as portal_sitemap

from .public_world import BASE_URL, DRAFT_PLAN_AMOUNT, DRAFT_PLAN_FIGURES, HIDDEN, SHOWN, build

pytestmark = pytest.mark.django_db

XML = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
TAGS = {"vi": "vi", "en": "en", "zh-hans": "zh-Hans"}  # Django's language code -> BCP 47 (<html lang>, hreflang)
ALTERNATES = {*TAGS.values(), "x-default"}

# Pages that must be public, by their URL names (the section's module may not be merged yet: a name that does not
# resolve is skipped, one that resolves must be in the sitemap in every language). A detail page takes the
# published record's code, or its pk.
EXPECTED = (
    ("home", ("portal:home",), None),
    ("readable site map", ("portal:sitemap_page",), None),
    ("opportunity list", ("portal:opportunity_list", "portal:opportunities"), None),
    ("opportunity page", ("portal:opportunity_detail", "portal:opportunity"), "opportunity"),
    ("public investment list", ("portal:investment_list", "portal:project_list", "portal:projects"), None),
    ("public investment page", ("portal:investment_detail", "portal:project_detail", "portal:project"), "project"),
    ("open data page", ("portal:open_data", "portal:opendata", "portal:open_data_page"), None),
)

# What the walk must find once a section exists (a `portal:` URL whose name or route matches): a test that sees none
# of the public records proves nothing. marker -> (the section's pattern, the languages whose pages must show it)
MUST_SHOW = {
    "MQ-PUB-OPPORTUNITY": (r"opportunit", ("vi",)),
    "MQ-PUB-TRANSLATION-EN": (r"opportunit", ("en",)),
    "MQ-PUB-PROJECT": (r"invest|project", ("vi",)),
    "MQ-DECIDED-HANDLING": (r"invest|project", ("vi",)),
}
assert set(MUST_SHOW) == set(SHOWN)


@pytest.fixture
def world(settings, tmp_path, province, people_committee, agency_x, agency_y, commune, enterprise_a):
    settings.MEDIA_ROOT = tmp_path
    settings.TIENDO_BASE_URL = BASE_URL
    return build(
        agency_x=agency_x, agency_y=agency_y, commune=commune, enterprise_a=enterprise_a,
        people_committee=people_committee,
    )  # fmt: skip


def language_of(path: str) -> str:
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def local(url: str) -> str:
    assert url.startswith(BASE_URL + "/"), f"{url} is not under TIENDO_BASE_URL {BASE_URL}"
    return url.removeprefix(BASE_URL)


def read_sitemap(client) -> tuple[list[dict[str, str]], str]:
    """[{hreflang: path}] of every <url> (its own <loc> under the key "loc"), and the document's text."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    text = response.content.decode()
    entries = []
    for url in ET.fromstring(response.content).findall("s:url", XML):
        entry = {"loc": local(url.findtext("s:loc", namespaces=XML).strip())}
        for link in url.findall("x:link", XML):
            assert link.get("rel") == "alternate", link.attrib
            entry[link.get("hreflang")] = local(link.get("href"))
        entries.append(entry)
    return entries, text


def head_alternates(body: str) -> dict[str, str]:
    links = re.findall(r"<link\b[^>]*>", body)
    found = {}
    for link in links:
        if re.search(r'\brel="alternate"', link) and (lang := re.search(r'\bhreflang="([^"]+)"', link)):
            found[lang.group(1)] = local(re.search(r'\bhref="([^"]+)"', link).group(1))
    return found


def expected_paths(world) -> dict[str, str]:
    """label -> the Vietnamese path of each EXPECTED page whose name resolves in this build."""
    records = {"opportunity": world["opportunity"]["published"], "project": world["public"]}
    found = {}
    for label, names, record_kind in EXPECTED:
        record = records.get(record_kind)
        tries = [{}] if record is None else [{"code": record.code}, {"pk": record.pk}]
        for name in names:
            for kwargs in tries:
                try:
                    found[label] = portal_sitemap.url_in("vi", name, kwargs)
                except NoReverseMatch:
                    continue
                break
            if label in found:
                break
    return found


def public_routes() -> list[str]:
    """'name route' of every pattern of the `portal` namespace: which sections this build has."""
    namespace, resolver = get_resolver().namespace_dict["portal"]

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            else:
                yield f"{entry.name} {prefix}{entry.pattern}"

    return list(walk(resolver.url_patterns))


def open_data_paths() -> list[str]:
    """The /open-data/ files without parameters (not in the sitemap: they are data, not pages)."""
    _prefix, resolver = get_resolver().namespace_dict["opendata"]
    return [reverse(f"opendata:{p.name}") for p in resolver.url_patterns if p.name and "<" not in str(p.pattern)]


def test_every_marker_is_planted(world):
    """The world holds every marker the walk looks for (the draft plan's figure as its amount), so an absent
    marker on a page means the page kept it out, not that it was never there."""
    out = StringIO()
    call_command("dumpdata", stdout=out)
    dump = json.loads(out.getvalue())
    text = json.dumps(dump, ensure_ascii=False)
    missing = [m for m in (*HIDDEN, *SHOWN) if m not in DRAFT_PLAN_FIGURES and m not in text]
    assert not missing, missing
    assert str(DRAFT_PLAN_AMOUNT) in text and len(DRAFT_PLAN_FIGURES) == 6


def test_every_public_page_in_the_sitemap_shows_nothing_internal(world, client):
    entries, xml_text = read_sitemap(client)
    failures = [f"/sitemap.xml shows {m} ({why})" for m, why in HIDDEN.items() if m in xml_text]

    locs = [entry["loc"] for entry in entries]
    assert len(locs) == len(set(locs)), "a page is listed twice"
    assert len(locs) == len(TAGS) * len(portal_sitemap.pages()), "every page is listed once in each language"
    listed = set(locs)
    for entry in entries:
        alternates = {k: v for k, v in entry.items() if k != "loc"}
        if set(alternates) != ALTERNATES:
            failures.append(f"{entry['loc']}: sitemap alternates {sorted(alternates)}, expected {sorted(ALTERNATES)}")
        if alternates.get(TAGS[language_of(entry["loc"])]) != entry["loc"]:
            failures.append(f"{entry['loc']}: not its own alternate in the sitemap: {alternates}")
        if alternates.get("x-default") != alternates.get("vi"):
            failures.append(f"{entry['loc']}: x-default is not the Vietnamese page: {alternates}")
        failures += [f"{entry['loc']}: alternate {p} is not listed" for p in alternates.values() if p not in listed]

    shown_on: dict[str, set[str]] = {marker: set() for marker in SHOWN}
    for path in sorted(listed | {p for e in entries for k, p in e.items() if k != "loc"}):
        response = client.get(path)
        if response.status_code != 200:
            failures.append(f"GET {path}: {response.status_code}, expected 200 for a visitor who has not signed in")
            continue
        body = response.content.decode()
        failures += [f"GET {path} shows {m} ({why})" for m, why in HIDDEN.items() if m in body]
        for marker in SHOWN:
            if marker in body:
                shown_on[marker].add(language_of(path))
        lang = re.search(r'<html\b[^>]*\blang="([^"]*)"', body)
        expected_lang = TAGS[language_of(path)]
        if not lang or lang.group(1) != expected_lang:
            failures.append(f"GET {path}: <html lang={lang and lang.group(1)!r}>, expected {expected_lang!r}")
        alternates = head_alternates(body)
        entry = next(e for e in entries if e["loc"] == path)
        if alternates != {k: v for k, v in entry.items() if k != "loc"}:
            failures.append(f"GET {path}: hreflang alternates {alternates} differ from the sitemap's {entry}")

    for path in open_data_paths():  # read by machines, not listed as pages: the same rule
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"GET {path}: {response.status_code}")
        elif response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            failures += [f"GET {path} shows {m}" for m in HIDDEN if m in text or json.dumps(m)[1:-1] in text]

    for label, path in expected_paths(world).items():
        for language in TAGS:
            translated = translation_of(path, language)
            if translated not in listed:
                failures.append(f"the {label} ({translated}) is not in the sitemap")

    routes = " ".join(public_routes())
    for marker, (section, languages) in MUST_SHOW.items():
        if re.search(section, routes):
            failures += [
                f"no public page in {language} shows {marker} ({SHOWN[marker]}): is its page in the sitemap?"
                for language in languages
                if language not in shown_on[marker]
            ]
    assert not failures, "\n".join(failures)


def translation_of(vietnamese_path: str, language: str) -> str:
    from django.urls import translate_url

    with translation.override("vi"):
        return translate_url(vietnamese_path, language)


def test_the_sitemap_knows_the_pages_that_must_be_public(world, client):
    """Home and the readable site map exist now; the sections' list and detail pages join as they are merged."""
    entries, _ = read_sitemap(client)
    listed = {entry["loc"] for entry in entries}
    found = expected_paths(world)
    assert {"home", "readable site map"} <= set(found)
    assert found["home"] == "/" and {"/", "/en/", "/zh-hans/"} <= listed
    for label, path in found.items():
        assert {translation_of(path, language) for language in TAGS} <= listed, label


def test_the_readable_site_map_links_every_page_of_its_language(world, client):
    entries, _ = read_sitemap(client)
    for language in TAGS:
        page = client.get(portal_sitemap.url_in(language, "portal:sitemap_page", {}))
        assert page.status_code == 200
        links = set(re.findall(r'<li><a href="([^"]+)"', page.content.decode()))
        assert links == {e["loc"] for e in entries if language_of(e["loc"]) == language}, language


def test_an_internal_page_is_not_public(world, client):
    """The walk's twin: the same records' internal pages send the visitor to the login, in no language."""
    response = client.get(reverse("projects:detail", args=[world["public"].code]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    for prefix in ("/en", "/zh-hans"):
        assert client.get(f"{prefix}/projects/{world['public'].code}/").status_code == 404
