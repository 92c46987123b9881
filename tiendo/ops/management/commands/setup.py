"""`tiendo setup --province "Hải Phòng" --admin NAME [--password-file FILE]`: a real province, without the demo."""

import argparse
import getpass
import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tiendo.agencies import provinces
from tiendo.ops.setting_up import SetupRefused, account_exists, refuse_other_province, set_up_province


class Command(BaseCommand):
    help = (
        "Thiết lập hệ thống cho một trong 34 tỉnh, thành phố (từ 01/07/2025): Ủy ban nhân dân, các sở, ban, các xã, "
        "phường, đặc khu với mã chính thức, và tài khoản quản trị đầu tiên. Chạy lại không thay đổi gì. / Set up "
        "an installation for one of the 34 provinces and cities, with its first administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", help='tên (có hoặc không dấu) hoặc mã tỉnh, thành phố: "Hải Phòng", 31')
        parser.add_argument("--admin", help="tên đăng nhập của quản trị viên (tạo mới nếu chưa có)")
        parser.add_argument(
            "--password-file",
            help="tệp chứa mật khẩu quản trị viên (dòng đầu; - là đầu vào chuẩn); không có thì hỏi hai lần khi "
            "tạo tài khoản mới",
        )
        # never on the command line (shell history, process list): refused with a sentence, not taken as
        # an abbreviation of --password-file
        parser.add_argument("--password", help=argparse.SUPPRESS)
        parser.add_argument("--list", action="store_true", help="liệt kê 34 tỉnh, thành phố và mã")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args, province, admin, password_file, password, list: bool, json: bool, **options):
        if list:
            return self._list()
        if password is not None:
            raise CommandError(
                "Không nhận mật khẩu trên dòng lệnh (lộ trong lịch sử lệnh): dùng --password-file FILE, "
                "hoặc bỏ trống để nhập khi được hỏi."
            )
        if not province or not admin:
            raise CommandError('Cần --province và --admin, ví dụ: tiendo setup --province "Hải Phòng" --admin quantri')
        try:
            entry = provinces.province_entry(provinces.find_province(province))
        except provinces.UnknownProvince as error:
            raise CommandError(str(error)) from None
        secret = _read_password_file(password_file) if password_file else None
        call_command("migrate", interactive=False, verbosity=0)
        try:
            refuse_other_province(entry)  # before asking for a password that would not be used
            if secret is None and not account_exists(admin):
                secret = _ask_password(admin)
            result = set_up_province(entry, admin=admin, password=secret)
        except SetupRefused as refused:
            raise CommandError(str(refused)) from None
        except ValidationError as error:
            raise CommandError("Mật khẩu không được chấp nhận: " + " ".join(error.messages)) from None
        if json:
            self.stdout.write(_dumps(result.as_dict()))
            return
        self.stdout.write(self._summary(result))

    def _summary(self, result) -> str:
        if not result.changed:
            return (
                f"{result.province} đã được thiết lập: không có gì thay đổi ({result.communes} xã, phường, đặc khu; "
                f"{result.agencies_total} cơ quan; quản trị viên {result.admin})."
            )
        lines = [
            f"Đã thiết lập {result.province} (mã {result.province_code}):",
            f"  đơn vị hành chính mới: {result.units_created} ({result.communes} xã, phường, đặc khu)",
            f"  cơ quan, đơn vị mới: {result.agencies_created} / {result.agencies_total}",
            f"  ngành, lĩnh vực mới: {result.sectors_created}",
            f"  ngày nghỉ, ngày làm bù được công bố (lịch làm việc) mới: {result.declared_days_created}",
            f"  cơ quan vận hành: {result.operating_agency}",
        ]
        if result.admin_created:
            lines.append(f"  quản trị viên mới: {result.admin}")
        elif result.password_changed:
            lines.append(f"  đã đặt mật khẩu mới cho {result.admin}")
        lines.append("Tiếp theo: tiendo import projects TỆP.xlsx, rồi tiendo serve.")
        return "\n".join(lines)

    def _list(self) -> None:
        for province in provinces.all_provinces():
            entry = provinces.PROVINCES[province.code.value]
            self.stdout.write(f"{province.code.value:02d}  {entry[0]:<4} {province.name}")


def _read_password_file(name: str) -> str:
    """The first line of the file, or of standard input for "-" (a script pipes it in)."""
    if name == "-":
        secret = sys.stdin.readline().strip()
        if not secret:
            raise CommandError("Không đọc được mật khẩu từ đầu vào chuẩn (--password-file -).")
        return secret
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp mật khẩu '{name}'.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise CommandError(f"Không đọc được tệp mật khẩu '{name}' (cần văn bản UTF-8).") from None
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise CommandError(f"Tệp mật khẩu '{name}' trống.")
    return secret


def _ask_password(username: str) -> str:
    """Asked twice, never echoed; a mismatch or an empty answer stops the setup."""
    first = getpass.getpass(f"Mật khẩu cho {username}: ")
    if not first:
        raise CommandError("Mật khẩu trống: không thiết lập.")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise CommandError("Hai lần nhập mật khẩu không khớp: không thiết lập.")
    return first


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
