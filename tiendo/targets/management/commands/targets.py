"""`tiendo targets …`: the targets app from the command line. Each module of COMMANDS adds its subcommands
(`add_arguments(subparsers)`, each parser with `handler=` its function) and handles them (`handler(command,
options)`), so the pure `scenario` contract and the database's list/show/import stay apart."""

from importlib import import_module

from tiendo.core.commands import DataCommand, SentenceRefusals

COMMANDS: tuple[str, ...] = (
    "cli_scenario",
    "cli_alerts",
    "cli_records",
    "cli_scenarios",
    "cli_indicators",
)  # modules of tiendo.targets


class Command(SentenceRefusals, DataCommand):
    help = "Socio-economic targets and the GRDP growth scenario."
    # `scenario` is pure arithmetic that works before `migrate`; the others check the database themselves
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in COMMANDS:
            import_module(f"tiendo.targets.{name}").add_arguments(sub)

    def handle(self, *args, action, handler, **options):
        handler(self, options)
