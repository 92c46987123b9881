"""Vietnamese by default; English and Chinese complete for every string that exists."""

import gettext
import re
import unicodedata
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from test_disbursement_support import *  # noqa: F403 (the 2024 plan the plan pages are read on)
from test_disbursement_support import B

pytestmark = pytest.mark.django_db
LOCALE = Path(settings.BASE_DIR) / "locale"
# Legal references keep their Vietnamese names in every language (as test_i18n_crawl reads them).
LEGAL = re.compile(
    r"(?:Luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Điều|khoản|điểm|Hiến pháp)"
    r"[^;,.()\n]*?(?=$|[;,.()]|\s(?:Luật|Điều))"
)
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

    for project in Project.objects.all():  # the citations keep the Vietnamese names of the laws
        for finding in evaluate_project(project)[0]:
            data |= {finding.citation}
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


def _strings(value) -> set[str]:
    """Every string in a JSON-like value (the summary of a version's last allocation or transfer)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*map(_strings, value)) if value else set()
    return set()


@pytest.fixture
def back_to_vietnamese(settings):
    """A request in another language leaves it active in the thread: later tests read names in Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_plan_pages_have_no_untranslated_vietnamese(
    client, specialist, installation, plan_2024, language, back_to_vietnamese
):
    """Plans, versions, checks, comparison, disbursement, slow projects, transfer, import and dashboard: Vietnamese
    only as data (titles, names, decision numbers) and as what the engines write and cite in Vietnamese."""
    from tiendo.agencies.models import AdminUnit, Agency
    from tiendo.plans import disbursement, facts, services
    from tiendo.plans.models import Disbursement, Plan, PlanItem, PlanLine, PlanVersion, Source, SourceBudget
    from tiendo.plans.views_disbursement import UNITS_READ
    from tiendo.projects.models import Project

    with time_machine.travel(date(2024, 10, 10), tick=False):
        # Through September: the road 75 %, the school 80 %, the cultural house nothing (stalled).
        for code, source, month, amount in (
            ("HD-2021-0001", "NSDP_CD", date(2024, 8, 1), 30 * B),
            ("HD-2021-0001", "NSDP_TSDD", date(2024, 9, 1), 15 * B),
            ("HD-DTC-0002", "NSDP_CD", date(2024, 9, 1), 24 * B),
        ):
            Disbursement.objects.create(
                plan=plan_2024,
                project=Project.objects.get(code=code),
                source=Source.objects.get(code=source),
                month=month,
                amount=amount,
            )
        version = plan_2024.current_version()
        PlanLine.objects.filter(version=version, item__project__code="HD-DTC-0003").update(amount=6 * B)
        PlanItem.objects.filter(version=version, project__code="HD-2021-0001").update(need=70 * B)
        draft = services.start_draft(plan_2024, actor=specialist)
        services.cut_budget(draft, actor=specialist, source="NSDP_TSDD", percent=Decimal(30), reason="Dự toán thu giảm")
        services.run_allocation(draft, actor=specialist)
        client.force_login(specialist)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.post(  # its message is shown on the next page
            f"/plans/{plan_2024.pk}/disbursement/transfer/", {"as_of": "30/09/2024", "behind": "20", "stalled": "3"}
        )
        transfer = plan_2024.versions.get(purpose="transfer")
        item = draft.items.select_related("project").first()
        translation.activate("vi")

        data = {"Tiếng Việt", "(đ)"}  # the points of an article are lettered in the Vietnamese alphabet: (a) … (đ) …
        for agency in Agency.objects.all():
            data |= {agency.name, agency.short_name}
        for unit in AdminUnit.objects.all():
            data |= {unit.name, unit.unit_type, f"{unit.unit_type} {unit.name}"}
        for project in Project.objects.all():
            data |= {project.name, project.policy_decision_number}
        for source in Source.objects.all():
            data |= {source.name}
        for plan in Plan.objects.all():
            data |= {plan.title}
        for v in PlanVersion.objects.all():
            data |= {v.title, v.decision_number, v.note}
            breaches, decider = facts.checks(v)  # the rules' findings are quoted in Vietnamese
            for b in breaches:  # a check not rendered from a message would stay Vietnamese (none today)
                data |= {b.citation} if b.text is not None else {b.message, b.citation}
            if decider:
                data |= {decider.citation}
            data |= _strings(v.allocation)  # the last run's summary: the law it applied, the transfer's reasons
        for i in PlanItem.objects.all():
            data |= {i.explanation, i.note}
            with translation.override(language):  # the project table cuts the long ones, with the page's ellipsis
                data |= {Truncator(i.explanation).chars(260), Truncator(i.note).chars(120)}
            deadline = disbursement.item_deadline(plan_2024, i.version, i.capital_added_on, i.extended_until)
            data |= {deadline.explanation, deadline.citation, deadline.error}
            status = disbursement.project_status(
                plan_2024, i, date(2024, 9, 30), disbursement.default_thresholds(plan_2024)
            )
            if status:
                data |= set(status.result.reasons)
        for model in (PlanVersion, SourceBudget, PlanItem, PlanLine):  # the reasons kept with each change
            data |= set(model.history.values_list("history_change_reason", flat=True))
        for column in disbursement.COLUMNS:  # the Treasury file's own headers
            data |= {column.header, *column.aliases}
        data |= {disbursement.GUIDE_SHEET, disbursement.SOURCES_SHEET, UNITS_READ, "45/NQ-HĐND"}
        translation.deactivate()

        as_of = "?as_of=30/09/2024"
        disbursement_url = f"/plans/{plan_2024.pk}/disbursement/"
        pages = [
            reverse("plans:list"),
            reverse("plans:plan", args=[plan_2024.pk]),
            reverse("plans:plan", args=[plan_2024.medium_term_id]),
            reverse("plans:version", args=[draft.pk]),
            reverse("plans:version", args=[transfer.pk]),
            reverse("plans:checks", args=[draft.pk]),
            reverse("plans:compare", args=[draft.pk]),
            reverse("plans:compare", args=[transfer.pk]) + "?kind=all",
            reverse("plans:budgets", args=[draft.pk]),
            reverse("plans:approve", args=[draft.pk]),
            reverse("plans:item", args=[item.pk]),
            disbursement_url + as_of,
            disbursement_url + "HD-DTC-0003/" + as_of,
            disbursement_url + "slow/" + as_of,
            disbursement_url + "import/",
            disbursement_url + f"transfer/{transfer.pk}/",
            reverse("plans:dashboard") + "?year=2024&as_of=30/09/2024",
            reverse("plans:dashboard") + "?year=2024&as_of=30/09/2024&area=district",
            reverse("plans:dashboard_card"),
        ]
        found = {}
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            text = unicodedata.normalize("NFC", visible_text(response.content.decode()))
            for value in sorted(filter(None, data), key=len, reverse=True):
                text = text.replace(value, "")
            text = LEGAL.sub("", text)  # the allocation's explanations, in the page's language, cite the law
            if leftovers := sorted({word for word in text.split() if VIETNAMESE.search(word)}):
                found[url] = leftovers
        assert found == {}
