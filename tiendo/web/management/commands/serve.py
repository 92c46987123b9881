from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve tiendo with waitress (a production WSGI server that also runs on Windows intranets)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from tiendo.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"tiendo: http://{host}:{port}/  (Ctrl+C để dừng / to stop)")
        if settings.DEBUG:
            self.stdout.write("TIENDO_DEBUG is on: do not use this in production.")
        serve(application, host=host, port=port, threads=threads, ident="tiendo")
