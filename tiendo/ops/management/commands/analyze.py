from django.core.management.base import BaseCommand

from tiendo.core.maintenance import analyze


class Command(BaseCommand):
    help = (
        "Refresh the database's query-planner statistics (ANALYZE; on SQLite also PRAGMA optimize). Run nightly "
        "(deploy/tiendo-analyze.timer); the demo and large imports run it themselves. Safe while the site is in use."
    )

    def add_arguments(self, parser):
        parser.add_argument("tables", nargs="*", help="only these tables (default: all)")

    def handle(self, *args, tables, **options):
        analyze(tables or None)
        if options["verbosity"]:
            self.stdout.write(f"ANALYZE: {', '.join(tables) if tables else 'toàn bộ cơ sở dữ liệu / every table'}")
