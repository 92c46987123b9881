import json
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tiendo.demo import generate
from tiendo.demo.phases import seconds_text

# what each scale usually takes on a laptop (bench/README.md, "The demo"), told before anything starts
USUAL_TIME = {"province": "thường mất 20–60 giây, lâu hơn trên máy đang bận", "national": "thường mất 4–30 phút"}


def first_line(scale: str) -> str:
    """What `tiendo demo` is about to build and how long that usually takes."""
    spec = generate.SCALES[scale]
    projects = f"{spec.projects:,}".replace(",", ".")
    what = (
        f"tỉnh mẫu Hải Dương (từ 01/07/2025: thành phố Hải Phòng), {projects} dự án"
        if not spec.communes_per_province
        else f"34 tỉnh, thành phố, {projects} dự án"
    )
    usual = USUAL_TIME.get(scale, "thường mất vài giây")
    return f"Tạo cơ sở dữ liệu và nạp dữ liệu mẫu: {what}, kế hoạch đầu tư công, văn bản chỉ đạo; {usual}."


class Command(BaseCommand):
    help = "Create the database, migrate, and load the demo province (or --scale national for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=sorted(k for k, s in generate.SCALES.items() if not s.hidden), default="province"
        )
        parser.add_argument("--seed", type=int, default=2025, help="the same seed gives the same data")
        parser.add_argument("--reset", action="store_true", help="delete every record first, then load")
        parser.add_argument("--json", action="store_true", help="print what was loaded as JSON")

    def handle(self, *args, scale, seed, reset, json: bool, verbosity, **options):
        quiet = json or verbosity == 0
        if not quiet:  # at once: the migrations alone take seconds, and a silent terminal looks stuck
            self.stdout.write(first_line(scale))
        migrating = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        if not quiet:
            self.stdout.write(f"Cơ sở dữ liệu: đã tạo, cập nhật ({seconds_text(time.perf_counter() - migrating)})")
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        if generate.is_loaded():
            counts = {"already_loaded": True}
        else:
            counts = generate.load(scale, seed, progress=(lambda _m: None) if quiet else self.stdout.write)
        counts["seconds"] = round(time.perf_counter() - started, 2)
        if json:
            self.stdout.write(_json_dumps({"scale": scale, "seed": seed, **counts, "logins": self._logins()}))
            return
        if counts.get("already_loaded"):
            self.stdout.write("Dữ liệu mẫu đã có sẵn (dùng --reset để nạp lại).")
        else:
            took = seconds_text(counts["seconds"])
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({scale}) trong {took}."))
        self.stdout.write("Tài khoản dùng thử / Demo logins:")
        for login in self._logins():
            self.stdout.write(f"  {login['username']:<15} {login['password']:<18} {login['role']}")

    @staticmethod
    def _logins():
        return [{"username": u, "password": p, "role": r} for u, p, r in generate.demo_logins()]


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
