"""The README's `tiendo plan` examples are commands the command line accepts as a newcomer types them today:
every option exists and parses, and the approval's date is one `plan approve` takes (not a day to come)."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.utils import timezone

from tiendo.core.commands import parse_day
from tiendo.plans.forms import DecisionForm
from tiendo.plans.management.commands.plan import Command

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_plan_commands() -> list[list[str]]:
    """Each `tiendo plan …` of the README's code blocks as its arguments, the shell's `$(date …)` run as the shell
    would, comments and `&&` chains split off."""
    text = README.read_text("utf-8")
    commands = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.sub(r"\$\((date [^)]*)\)", lambda m: _shell(m.group(1)), line)
            for part in re.split(r"\s&&\s", line.split("  #")[0]):
                if part.strip().startswith("tiendo plan "):
                    commands.append(shlex.split(part.strip())[2:])
    return commands


def _shell(command: str) -> str:
    return subprocess.run(shlex.split(command), capture_output=True, text=True, check=True).stdout.strip()


def test_the_readme_shows_the_plan_adjustment_from_start_to_approval():
    subcommands = [args[0] for args in readme_plan_commands()]
    assert {"adjust", "budget", "run", "compare", "approve"} <= set(subcommands)


@pytest.mark.parametrize("args", readme_plan_commands(), ids=lambda args: " ".join(args)[:60])
def test_every_readme_plan_example_parses(args):
    parser = Command().create_parser("tiendo", "plan")
    try:
        parser.parse_args(args)
    except (CommandError, SystemExit) as error:  # pragma: no cover - the message says which
        pytest.fail(f"tiendo plan {' '.join(args)}: {error}")


def test_the_readme_approval_date_is_accepted_today():
    (approve,) = [args for args in readme_plan_commands() if args[0] == "approve"]
    options = dict(zip(approve[2::2], approve[3::2], strict=False))
    day = parse_day(options["--date"])
    assert day <= timezone.localdate()
    form = DecisionForm({"number": options["--number"], "day": day.isoformat(), "body": options["--body"]})
    assert form.is_valid(), form.errors
