"""The code docs/legal names as implementing a rule exists: each `tiendo.…` name on its pages is a module, or a
public name of one (so the pages stay true when a module becomes a package that re-exports its names)."""

import importlib
import re
from pathlib import Path

import pytest

LEGAL = Path(__file__).resolve().parents[2] / "docs" / "legal"
NAMED = sorted({name for page in LEGAL.glob("*.md") for name in re.findall(r"`(tiendo(?:\.\w+)+)`", page.read_text())})


def resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_the_pages_name_code():
    assert len(NAMED) > 20


@pytest.mark.parametrize("dotted", NAMED)
def test_each_named_module_or_name_exists(dotted):
    assert resolves(dotted), f"docs/legal names {dotted}, which tiendo does not have"


def test_a_missing_name_is_caught():
    assert not resolves("tiendo.domain.tasks.no_such_name") and not resolves("tiendo.no_such_module")
