"""`tiendo petitions …`: petitions and dialogue conferences from the command line. Each module of COMMANDS adds
its subcommands (`add_arguments(subparsers)`, each parser with `handler=` its function) and handles them
(`handler(command, options)`), through the same services and access layer as the pages."""

from importlib import import_module

from tiendo.core.commands import DataCommand, SentenceRefusals

COMMANDS: tuple[str, ...] = (
    "cli_escalation",
    "cli_conferences",
    "cli_petitions",
    "cli_reports",
)  # modules of tiendo.petitions


class Command(SentenceRefusals, DataCommand):
    help = "Enterprises' petitions and dialogue conferences."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in COMMANDS:
            import_module(f"tiendo.petitions.{name}").add_arguments(sub)

    def handle(self, *args, action, handler, **options):
        handler(self, options)
