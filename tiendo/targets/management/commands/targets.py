"""`tiendo targets …`: the targets app from the command line. Each module of COMMANDS adds its subcommands
(`add_arguments(subparsers)`, each parser with `handler=` its function) and handles them (`handler(command,
options)`), so the pure `scenario` contract and the database's list/show/import stay apart."""

import sys
from importlib import import_module

from django.core.management.base import CommandError

from tiendo.core.commands import DataCommand

COMMANDS: tuple[str, ...] = (
    "cli_scenario",
    "cli_alerts",
    "cli_records",
    "cli_scenarios",
    "cli_indicators",
)  # modules of tiendo.targets


class Command(DataCommand):
    help = "Socio-economic targets and the GRDP growth scenario."
    # `scenario` is pure arithmetic that works before `migrate`; the others check the database themselves
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in COMMANDS:
            import_module(f"tiendo.targets.{name}").add_arguments(sub)

    def run_from_argv(self, argv):
        self._from_command_line = True
        super().run_from_argv(argv)

    def execute(self, *args, **options):
        """From the command line a refusal is its Vietnamese sentence alone on standard error (the growth
        contract: one sentence naming the field), without Django's "CommandError:" in front; called from code,
        the error is raised as usual."""
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if not getattr(self, "_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error))
            sys.exit(error.returncode)

    def handle(self, *args, action, handler, **options):
        handler(self, options)
