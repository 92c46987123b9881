"""Vietnamese by default; English and Chinese complete for every string that exists."""

import gettext
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOCALE = Path(settings.BASE_DIR) / "locale"
# letters that only Vietnamese uses among the scripts tiendo shows (tone marks and ă â đ ê ô ơ ư)
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in {"script", "style"}
        for name, value in attrs:
            if name in {"placeholder", "title", "aria-label", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        self._skip -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("language", ["vi", "zh_Hans"])
def test_every_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("language", ["vi", "zh_Hans"])
def test_compiled_catalogue_matches_sources(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in polib.pofile(str(folder / "django.po")):
        if entry.obsolete or entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, entry.msgid


def test_vietnamese_is_the_default_even_for_an_english_browser(client, specialist, installation):
    client.force_login(specialist)
    page = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert "Tổng quan" in page
    assert 'lang="vi"' in page


def test_switcher_changes_language_and_comes_back(client, specialist, installation):
    client.force_login(specialist)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/agencies/"})
    assert response.status_code == 302 and response["Location"] == "/agencies/"
    assert "Agencies" in client.get("/agencies/").content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "机构" in client.get("/agencies/").content.decode()


PAGES = [
    "/",
    "/agencies/",
    "/agencies/tree/",
    "/agencies/units/",
    "/agencies/reorganisations/",
    "/agencies/HD-SKHDT/",
    "/agencies/HD-SKHDT/edit/",
    "/enterprises/",
    "/enterprises/new/",
    "/projects/",
    "/projects/new/",
    "/projects/HD-2021-0001/",
    "/projects/HD-2021-0001/edit/",
    "/projects/HD-2021-0001/report/",
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_pages_have_no_untranslated_vietnamese(
    client, specialist, installation, enterprise_a, agency_y, project_x, task_x, language
):
    """Vietnamese may only appear as data (names, addresses) and as the switcher's own label."""
    from tiendo.accounts.models import User
    from tiendo.agencies.models import AdminUnit, Agency
    from tiendo.enterprises.models import Enterprise
    from tiendo.projects.models import Project

    data = {"Tiếng Việt"}
    for agency in Agency.objects.all():
        data |= {agency.name, agency.short_name}
    for unit in AdminUnit.objects.all():
        data |= {unit.name, unit.unit_type, f"{unit.unit_type} {unit.name}"}
    for enterprise in Enterprise.objects.all():
        data |= {enterprise.name, enterprise.address}
    for user in User.objects.all():
        data |= {user.full_name, user.position}
    for project in Project.objects.all():
        data |= {project.name, project.policy_decision_number}
    from tiendo.directives.forms import DirectiveChoiceField
    from tiendo.directives.models import Directive, Task
    from tiendo.reviews.scan import evaluate_project

    label = DirectiveChoiceField(queryset=Directive.objects.all()).label_from_instance
    for directive in Directive.objects.all():
        data |= {directive.number, directive.title, directive.issuer, directive.signer, directive.text}
        data.add(label(directive))  # the filter lists name a directive by its number, date and (cut) title
    for task in Task.objects.all():
        data |= {task.title, task.assignee_text, task.deadline_text}

    for project in Project.objects.all():  # the engine's reasoning and citations are quoted in Vietnamese
        for finding in evaluate_project(project)[0]:
            data |= {finding.explanation, finding.citation}
    client.force_login(specialist)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [
        *PAGES,
        reverse("enterprises:detail", args=[enterprise_a.pk]),
        reverse("directives:list"),
        reverse("directives:detail", args=[task_x.directive_id]),
        reverse("directives:extract"),
        reverse("directives:board"),
        reverse("directives:task", args=[task_x.pk]),
        reverse("directives:task_create"),
        reverse("directives:summary"),
        reverse("directives:lights"),
        reverse("directives:notifications"),
        reverse("reviews:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = unicodedata.normalize("NFC", visible_text(response.content.decode()))
        for value in sorted(filter(None, data), key=len, reverse=True):
            text = text.replace(value, "")
        leftovers = sorted({word for word in text.split() if VIETNAMESE.search(word)})
        assert leftovers == [], (url, leftovers)
