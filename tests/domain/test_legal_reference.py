"""The legal reference lives in the repository (docs/legal/): every rule id the code uses has its heading there,
on the page of its law family, with its trigger, handling, citation, law versions, confidence, sources and where
tiendo implements it; every docs/legal or docs/contracts page the code or the documentation cites exists."""

import re
from pathlib import Path

import pytest

from tiendo.domain.plan_checks import PLAN_RULES
from tiendo.domain.schedule_rules import RULES

ROOT = Path(__file__).resolve().parents[2]
LEGAL = ROOT / "docs" / "legal"
RULE_ID = re.compile(r"\b(INV|LAND|SANC|PI|SUP|DOC|TASK|ORG|TGT|PET|OPP)-\d{2}\b")
HEADING = re.compile(r"^#{2,4} ((?:INV|LAND|SANC|PI|SUP|DOC|TASK|ORG|TGT|PET|OPP)-\d{2}) \S", re.M)
PAGE_OF_FAMILY = {
    "INV": "investment.md",
    "LAND": "land.md",
    "SANC": "sanctions.md",
    "PI": "public-investment.md",
    "SUP": "supervision.md",
    "DOC": "documents-and-tasks.md",
    "TASK": "documents-and-tasks.md",
    "ORG": "reorganisation.md",
    "TGT": "targets.md",
    "PET": "petitions.md",
    "OPP": "opportunities.md",
}
PAGES = {*PAGE_OF_FAMILY.values(), "behind-schedule.md", "README.md", "working-days.md"}
PARTS = ("Trigger", "Handling", "Citation", "Law versions and dates", "Confidence", "Sources", "In tiendo")
CITED_PAGE = re.compile(r"docs/(legal|contracts)/([\w-]+\.md)")
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".md", ".json"}
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def source_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.rglob("*")) if p.suffix in SOURCE_SUFFIXES and p.is_file()]


def ids_in(text: str) -> set[str]:
    return {m.group(0) for m in RULE_ID.finditer(text)}


def headings() -> dict[str, list[str]]:
    """Each rule id with a heading in docs/legal, and the pages that give it one."""
    found: dict[str, list[str]] = {}
    for page in sorted(LEGAL.glob("*.md")):
        for rule in HEADING.findall(page.read_text("utf-8")):
            found.setdefault(rule, []).append(page.name)
    return found


def ids_used_by_the_code() -> set[str]:
    """Every rule id named anywhere in tiendo/, plus those of the rule registries (which the scan also finds)."""
    used = set().union(*(ids_in(p.read_text("utf-8")) for p in source_files(ROOT / "tiendo")))
    registered = {c.rule for rule in RULES for c in rule.cites} | {rule.rule for rule in PLAN_RULES.values()}
    return used | {rule for rule in registered if RULE_ID.fullmatch(rule)}


def missing_headings(used: set[str], documented: dict[str, list[str]]) -> list[str]:
    return sorted(rule for rule in used if rule not in documented)


def test_the_legal_folder_has_exactly_its_pages():
    assert {p.name for p in LEGAL.glob("*.md")} == PAGES


def test_the_registries_are_found():
    """The scan is not vacuous: the registries' ids are there, and ids from every part of the code."""
    used = ids_used_by_the_code()
    assert {"INV-01", "INV-02", "LAND-01", "LAND-03", "SANC-02", "PI-06", "PI-09", "SUP-03"} <= used
    assert {"PI-05", "PI-13", "TASK-01", "ORG-04"} <= used


def test_every_rule_id_the_code_uses_has_a_heading():
    missing = missing_headings(ids_used_by_the_code(), headings())
    assert not missing, f"rule ids used in tiendo/ without a heading in docs/legal/: {missing}"


def test_every_id_the_legal_pages_mention_has_a_heading():
    documented = headings()
    mentioned = set().union(*(ids_in(p.read_text("utf-8")) for p in LEGAL.glob("*.md")))
    assert not missing_headings(mentioned, documented)


def test_each_id_has_one_heading_on_the_page_of_its_family():
    for rule, pages in headings().items():
        assert pages == [PAGE_OF_FAMILY[rule.split("-")[0]]], (rule, pages)


def test_each_rule_says_trigger_handling_citation_versions_confidence_sources_and_code():
    for name in set(PAGE_OF_FAMILY.values()):
        text = (LEGAL / name).read_text("utf-8")
        sections = re.split(r"^## ", text, flags=re.M)[1:]
        assert sections, name
        for section in sections:
            title = section.partition("\n")[0]
            labels = re.findall(r"^- \*\*([^*]+)\.\*\*", section, re.M)
            assert tuple(labels) == PARTS, (name, title, labels)


def test_the_index_lists_every_rule_with_a_heading():
    index = (LEGAL / "README.md").read_text("utf-8")
    listed = set(re.findall(r"^\| ((?:INV|LAND|SANC|PI|SUP|DOC|TASK|ORG|TGT|PET|OPP)-\d{2}) \|", index, re.M))
    assert listed == set(headings())


def test_every_cited_legal_or_contract_page_exists():
    cited = {
        (folder, name, str(path.relative_to(ROOT)))
        for path in (*source_files(ROOT / "tiendo", ROOT / "docs", ROOT / "tests"), ROOT / "README.md")
        for folder, name in CITED_PAGE.findall(path.read_text("utf-8"))
    }
    assert cited, "the code and documentation cite docs/legal and docs/contracts"
    missing = sorted((f"docs/{folder}/{name}", where) for folder, name, where in cited)
    missing = [(page, where) for page, where in missing if not (ROOT / page).is_file()]
    assert not missing, f"pages cited but absent: {missing}"


def test_the_links_between_the_documentation_pages_resolve():
    """A relative link in the README or docs/ (to docs/legal, docs/contracts, docs/rules.md...) names a real file."""
    broken = []
    for page in (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))):
        for target in MARKDOWN_LINK.findall(page.read_text("utf-8")):
            if not re.match(r"[a-z]+:", target) and not (page.parent / target).exists():
                broken.append((str(page.relative_to(ROOT)), target))
    assert not broken


def test_the_contracts_are_in_the_repository():
    names = {p.name for p in (ROOT / "docs" / "contracts").glob("*.md")}
    assert {"rules-check.md", "plan-allocate.md", "growth-scenario.md"} <= names


def test_nothing_cites_the_legal_rules_outside_the_repository():
    """The code, the README, the documentation (pages and schemas) and the tests cite the legal rules and the
    contracts in docs/, never in the folder beside the checkout, nor by the old file's name."""
    stale = re.compile(r"\.\./shared/(LEGAL_RULES|contracts)|\bLEGAL_RULES\b")
    checked = (
        ROOT / "README.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "docs").glob("*.json")),
        *source_files(ROOT / "tiendo"),
        *(p for p in source_files(ROOT / "tests") if p.name != "test_legal_reference.py"),
    )
    offenders = [str(p.relative_to(ROOT)) for p in checked if stale.search(p.read_text("utf-8"))]
    assert not offenders


@pytest.mark.parametrize(
    ("used", "documented", "missing"),
    [
        ({"INV-01", "PI-06"}, {"INV-01": ["investment.md"], "PI-06": ["public-investment.md"]}, []),
        ({"INV-01", "PI-99"}, {"INV-01": ["investment.md"]}, ["PI-99"]),
    ],
)
def test_a_missing_heading_is_reported(used, documented, missing):
    assert missing_headings(used, documented) == missing
