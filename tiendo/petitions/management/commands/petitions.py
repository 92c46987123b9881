"""`tiendo petitions …`: petitions and dialogue conferences from the command line. Each module of COMMANDS adds
its subcommands (`add_arguments(subparsers)`, each parser with `handler=` its function) and handles them
(`handler(command, options)`), through the same services and access layer as the pages."""

import sys
from importlib import import_module

from django.core.management.base import CommandError

from tiendo.core.commands import DataCommand

COMMANDS: tuple[str, ...] = (
    "cli_escalation",
    "cli_conferences",
    "cli_petitions",
    "cli_reports",
)  # modules of tiendo.petitions


class Command(DataCommand):
    help = "Enterprises' petitions and dialogue conferences."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in COMMANDS:
            import_module(f"tiendo.petitions.{name}").add_arguments(sub)

    def run_from_argv(self, argv):
        self._from_command_line = True
        super().run_from_argv(argv)

    def execute(self, *args, **options):
        """From the command line a refusal is its Vietnamese sentence alone on standard error."""
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if not getattr(self, "_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error))
            sys.exit(error.returncode)

    def handle(self, *args, action, handler, **options):
        handler(self, options)
