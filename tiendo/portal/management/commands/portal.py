"""`tiendo portal …`: the public portal's records from the command line. Each module of COMMANDS adds its
subcommands (`add_arguments(subparsers)`, each parser with `handler=` its function) and handles them
(`handler(command, options)`), through the same services and access layer as the pages."""

from importlib import import_module

from tiendo.core.commands import DataCommand, SentenceRefusals

COMMANDS: tuple[str, ...] = (  # modules of tiendo.portal
    "cli_opportunities",
    "cli_shapes",
)


class Command(SentenceRefusals, DataCommand):
    help = "The public portal: investment opportunities and their translations, the communes' map, open data."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in COMMANDS:
            import_module(f"tiendo.portal.{name}").add_arguments(sub)

    def handle(self, *args, action, handler, **options):
        handler(self, options)
