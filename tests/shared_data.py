"""The data some tests read from `../shared`, the folder beside the checkout that holds the seed articles and the
extraction-dev set: a test that needs it fails, loudly, when it is missing, rather than skipping in silence.

The legal reference and the command contracts are not here: they live in the repository (docs/legal/,
docs/contracts/), so nothing that checks a rule needs `../shared`.
"""

from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
SHARED = CHECKOUT.parent / "shared"


def shared_dir(*parts: str) -> Path:
    """The folder `../shared/<parts>` beside this checkout; the test fails, saying what to do, when it is absent."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        where = "/".join(("../shared", *parts))
        pytest.fail(
            f"{where} is missing: {folder} does not exist. ../shared (the seeds and the extraction-dev set) must "
            "be beside the checkout, as README.md says under 'Run the whole test suite'; this test reads it and "
            "fails rather than skip without it.",
            pytrace=False,
        )
    return folder
