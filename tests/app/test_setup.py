"""`tiendo setup`: a real province without the demo, then `tiendo import projects` on it.

Hải Phòng (official code 31) has 114 communes, wards and special zones from 01/07/2025 in vietnam-provinces
2025.10.1 (67 xã, 45 phường, 2 đặc khu: Cát Hải, Bạch Long Vĩ); the package holds 34 provinces and 3,321 in all.
"""

import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from vietnam_provinces import Province, Ward

from tiendo.accounts.models import User
from tiendo.agencies import provinces
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.demo import generate
from tiendo.demo.catalogue import ENDED_IN_REFORM as ENDED
from tiendo.demo.catalogue import province_catalogue
from tiendo.domain.text import search_key
from tiendo.ops.management.commands import setup as setup_command
from tiendo.ops.management.commands.serve import Command as ServeCommand
from tiendo.projects.models import Project, Sector
from tiendo.projects.workbook import Lookups, export_workbook

PASSWORD = "mat-khau-quan-tri-2025"


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return str(path)


def set_up(capsys, *args) -> str:
    call_command("setup", *args)
    return capsys.readouterr().out


@pytest.fixture
def hai_phong(db, capsys, password_file):
    return json.loads(
        set_up(capsys, "--province", "Hải Phòng", "--admin", "quantri", "--password-file", password_file, "--json")
    )


def history_rows() -> int:
    return AdminUnit.history.count() + Agency.history.count() + User.history.count() + Installation.history.count()


# --- the catalogue ------------------------------------------------------------------------------------------------


def test_the_package_holds_34_provinces_and_3321_communes():
    assert len(list(Province.iter_all())) == 34
    assert len(list(Ward.iter_all())) == 3321


@pytest.mark.parametrize(
    "text", ["Hải Phòng", "hai phong", "HẢI PHÒNG", "thành phố Hải Phòng", "TP. Hải Phòng", "31", "031", "HP"]
)
def test_the_province_is_found_with_or_without_diacritics_or_by_its_code(text):
    assert provinces.find_province(text).code.value == 31


@pytest.mark.parametrize(
    "text, said",
    [
        ("Hai Fong", "Có phải: Hải Phòng"),
        ("Quảng", "trùng với nhiều tỉnh, thành phố: Tuyên Quang, Quảng Ninh, Quảng Trị, Quảng Ngãi"),
        (
            "Hải Dương",
            'Hải Dương đã hợp nhất vào thành phố Hải Phòng từ 01/07/2025.*--province "Hải Phòng" \\(mã 31\\)',
        ),
        ("ba ria vung tau", "Bà Rịa - Vũng Tàu đã hợp nhất vào thành phố Hồ Chí Minh"),
        ("99", "Không có tỉnh, thành phố nào"),
        ("  ", "Hãy ghi tên hoặc mã"),
    ],
)
def test_an_unknown_or_ambiguous_province_is_refused_with_close_matches(text, said):
    with pytest.raises(provinces.UnknownProvince, match=said):
        provinces.find_province(text)


def test_chinese_names_keep_the_vietnamese_diacritics_that_tell_two_communes_apart():
    assert provinces.commune_names("Cẩm Giàng", provinces.VietNamDivisionType.XA)[1:] == (
        "Cam Giang Commune",
        "Cẩm Giàng 社",
        "Cẩm Giàng 社人民委员会",
    )
    assert provinces.commune_names("Cẩm Giang", provinces.VietNamDivisionType.XA)[2] != "Cẩm Giàng 社"


# --- setting up ---------------------------------------------------------------------------------------------------


def test_setup_writes_hai_phong_with_its_114_communes_and_agencies_in_three_languages(hai_phong):
    assert hai_phong["communes"] == 114 and hai_phong["units_created"] == 115
    assert AdminUnit.objects.filter(level="commune", parent__code="HP").count() == 114
    kinds = Counter(AdminUnit.objects.filter(level="commune").values_list("unit_type", flat=True))
    assert kinds == {"xã": 67, "phường": 45, "đặc khu": 2}
    cat_hai = AdminUnit.objects.get(code="11914")
    assert (cat_hai.unit_type, cat_hai.name, cat_hai.name_en, cat_hai.name_zh) == (
        "đặc khu",
        "Cát Hải",
        "Cat Hai Special Zone",
        "Cát Hải 特区",
    )
    committee = Agency.objects.get(code="HP-UBND")
    assert (committee.name, committee.name_en, committee.name_zh, committee.kind) == (
        "Ủy ban nhân dân thành phố Hải Phòng",
        "People's Committee of Hai Phong City",
        "海防市人民委员会",
        "peoples_committee",
    )
    departments = Agency.objects.filter(kind="department", parent=committee)
    assert departments.count() == 12
    finance = departments.get(code="HP-STC")
    assert (finance.name, finance.name_en, finance.name_zh) == (
        "Sở Tài chính thành phố Hải Phòng",
        "Department of Finance, Hai Phong City",
        "海防市财政厅",
    )
    assert set(Agency.objects.filter(kind="board").values_list("code", flat=True)) == {"HP-BQLKKT", "HP-BQLDA"}
    assert Agency.objects.filter(kind="commune", parent=committee, admin_unit__level="commune").count() == 114
    ward = Agency.objects.get(code="HP-UB-11311")
    assert ward.admin_unit.code == "11311" and ward.name_zh.endswith("坊人民委员会")
    assert ward.valid_from == date(2025, 7, 1)
    installation = Installation.current()
    assert installation.province.code == "HP" and installation.owner_agency == finance
    assert Sector.objects.filter(code="GT").exists()


def test_the_administrator_is_created_by_the_system_and_writes_the_rest(hai_phong):
    admin = User.objects.get(username="quantri")
    assert admin.role == "admin" and admin.is_superuser and admin.is_staff and admin.check_password(PASSWORD)
    assert admin.history.get().history_user is None
    assert Agency.history.filter(code="HP-STC").get().history_user == admin
    assert AdminUnit.history.filter(code="HP").get().history_user == admin
    assert Installation.history.get().history_user == admin
    assert hai_phong["admin"] == "quantri" and hai_phong["admin_created"] and hai_phong["installation_created"]
    assert hai_phong["operating_agency"] == "Sở Tài chính thành phố Hải Phòng"


def test_setup_loads_the_declared_days_once(hai_phong, capsys):
    from tiendo.workdays.loading import read_rows
    from tiendo.workdays.models import DeclaredDay

    assert hai_phong["declared_days_created"] == DeclaredDay.objects.count() == len(read_rows())
    assert DeclaredDay.history.first().history_user.username == "quantri"
    again = json.loads(set_up(capsys, "--province", "HP", "--admin", "quantri", "--json"))
    assert again["declared_days_created"] == 0 and DeclaredDay.objects.count() == len(read_rows())


def test_setup_by_code_without_diacritics_gives_the_same_installation(db, capsys, password_file):
    set_up(capsys, "--province", "31", "--admin", "quantri", "--password-file", password_file)
    assert Installation.current().province.name == "Hải Phòng"


def test_running_setup_twice_changes_nothing_and_says_so(hai_phong, capsys):
    before = history_rows(), AdminUnit.objects.count(), Agency.objects.count(), Sector.objects.count()
    out = set_up(capsys, "--province", "hai phong", "--admin", "quantri")
    assert "không có gì thay đổi" in out
    assert (history_rows(), AdminUnit.objects.count(), Agency.objects.count(), Sector.objects.count()) == before
    again = json.loads(set_up(capsys, "--province", "HP", "--admin", "quantri", "--json"))
    assert again["changed"] is False and again["units_created"] == again["agencies_created"] == 0


def test_an_existing_administrator_keeps_the_password_unless_a_file_is_given(hai_phong, capsys, tmp_path):
    set_up(capsys, "--province", "31", "--admin", "quantri")
    assert User.objects.get(username="quantri").check_password(PASSWORD)
    new = tmp_path / "new.txt"
    new.write_text("mot-mat-khau-moi-hon-2026", encoding="utf-8")
    result = json.loads(set_up(capsys, "--province", "31", "--admin", "quantri", "--password-file", str(new), "--json"))
    admin = User.objects.get(username="quantri")
    assert result["password_changed"] and admin.check_password("mot-mat-khau-moi-hon-2026")
    assert admin.history.latest().history_change_reason == "Đặt mật khẩu khi thiết lập"


def test_the_password_is_asked_twice_when_no_file_is_given(db, capsys, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(setup_command.getpass, "getpass", lambda prompt: next(answers))
    set_up(capsys, "--province", "Hải Phòng", "--admin", "quantri")
    assert User.objects.get(username="quantri").check_password(PASSWORD)


def test_the_password_may_come_from_standard_input(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    set_up(capsys, "--province", "Hải Phòng", "--admin", "quantri", "--password-file", "-")
    assert User.objects.get(username="quantri").check_password(PASSWORD)


def test_two_different_passwords_at_the_prompt_set_up_nothing(db, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(setup_command.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="không khớp"):
        call_command("setup", "--province", "Hải Phòng", "--admin", "quantri")
    assert not AdminUnit.objects.exists() and not User.objects.exists()


def test_a_password_on_the_command_line_is_refused(db):
    with pytest.raises(CommandError, match="Không nhận mật khẩu trên dòng lệnh"):
        call_command("setup", "--province", "Hải Phòng", "--admin", "quantri", "--password", PASSWORD)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "content, said",
    [("123", "Mật khẩu không được chấp nhận"), ("\n", "trống")],
)
def test_a_weak_or_empty_password_file_is_refused_and_nothing_is_written(db, tmp_path, content, said):
    path = tmp_path / "weak.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=said):
        call_command("setup", "--province", "Hải Phòng", "--admin", "quantri", "--password-file", str(path))
    assert not AdminUnit.objects.exists() and not Installation.objects.exists()


def test_a_missing_password_file_and_missing_arguments_are_refused(db):
    with pytest.raises(CommandError, match="Không tìm thấy tệp mật khẩu"):
        call_command("setup", "--province", "31", "--admin", "quantri", "--password-file", "/nonexistent/pw")
    with pytest.raises(CommandError, match="Cần --province và --admin"):
        call_command("setup", "--province", "31")


def test_an_unknown_province_is_refused_by_the_command(db):
    with pytest.raises(CommandError, match="Có phải: Hải Phòng"):
        call_command("setup", "--province", "Hai Fong", "--admin", "quantri")
    assert not AdminUnit.objects.exists()


def test_a_database_set_up_for_another_province_is_refused(hai_phong, password_file):
    with pytest.raises(CommandError, match="đã được thiết lập cho thành phố Hải Phòng: không thể thiết lập thêm tỉnh"):
        call_command("setup", "--province", "Cao Bằng", "--admin", "quantri", "--password-file", password_file)
    assert not AdminUnit.objects.filter(code="CB").exists()


def test_a_database_holding_the_same_province_made_otherwise_is_refused(db, password_file):
    """The demo's Hải Phòng has communes of its own making: the real ones beside them would double every name."""
    city = AdminUnit.objects.create(code="HP", name="Hải Phòng", unit_type="thành phố", level="province")
    Installation.objects.create(province=city)
    with pytest.raises(CommandError, match="không do tiendo setup tạo"):
        call_command("setup", "--province", "Hải Phòng", "--admin", "quantri", "--password-file", password_file)
    assert AdminUnit.objects.count() == 1 and not User.objects.exists()


def test_an_account_that_is_not_an_administrator_is_refused(hai_phong, password_file):
    User.objects.create(username="canbo", role="officer", agency=Agency.objects.get(code="HP-STC"))
    with pytest.raises(CommandError, match="không phải quản trị viên"):
        call_command("setup", "--province", "31", "--admin", "canbo", "--password-file", password_file)


def test_the_list_names_the_34_with_their_codes(capsys):
    lines = set_up(capsys, "--list").splitlines()
    assert len(lines) == 34 and "31  HP   Thành phố Hải Phòng" in lines


# --- importing into the set-up installation -------------------------------------------------------------------


def write_projects_csv(path, rows) -> str:
    header = ";".join(
        [
            "Mã dự án",
            "Tên dự án",
            "Loại dự án",
            "Nhóm dự án",
            "Ngành, lĩnh vực",
            "Xã, phường",
            "Cơ quan phụ trách",
            "Tổng vốn đầu tư (đồng)",
        ]
    )
    path.write_text("\n".join([header, *(";".join(row) for row in rows)]) + "\n", encoding="utf-8")
    return str(path)


def test_import_into_a_set_up_database_acts_as_its_administrator(hai_phong, capsys, tmp_path):
    """No --as: the only administrator; agencies by the demo's codes or by name without diacritics, communes by
    official code or name."""
    book = write_projects_csv(
        tmp_path / "du-an.csv",
        [
            ("HP-2026-0001", "Cầu Rào 3", "Đầu tư công", "Nhóm B", "GT", "11311", "HP-BQLDA", "120000000000"),
            ("HP-2026-0002", "Trường THCS", "Đầu tư công", "Nhóm C", "GD", "đặc khu Cát Hải",
             "so tai chinh thanh pho hai phong", "9000000000"),
        ],
    )  # fmt: skip
    call_command("import", "projects", book)
    assert "Đã nhập: 2 dự án mới" in capsys.readouterr().out
    bridge, school = Project.objects.order_by("code")
    assert bridge.agency.code == "HP-BQLDA" and bridge.commune.code == "11311" and bridge.sector.code == "GT"
    assert school.agency.code == "HP-STC" and school.commune.code == "11914"
    assert bridge.history.get().history_user.username == "quantri"


def test_a_workbook_exported_from_another_set_up_installation_imports_unchanged(
    transactional_db, capsys, tmp_path, password_file
):
    """Two installations of Hải Phòng set up apart share every code: one's export is the other's import."""
    args = ("--province", "Hải Phòng", "--admin", "quantri", "--password-file", password_file)
    set_up(capsys, *args)
    book = write_projects_csv(
        tmp_path / "a.csv",
        [("HP-2026-0001", "Cầu Rào 3", "Đầu tư công", "Nhóm B", "GT", "11311", "HP-BQLDA", "120000000000")],
    )
    call_command("import", "projects", book)
    exported = tmp_path / "export.xlsx"
    call_command("export", "projects", str(exported))
    capsys.readouterr()
    call_command("flush", interactive=False, verbosity=0)  # the other installation: a fresh database
    set_up(capsys, *args)
    call_command("import", "projects", str(exported), "--json")
    assert json.loads(capsys.readouterr().out)["created"] == 1
    project = Project.objects.get()
    assert (project.agency.code, project.commune.code, project.total_investment) == ("HP-BQLDA", "11311", 120 * 10**9)


def test_the_demo_codes_of_todays_agencies_resolve_in_a_set_up_installation(hai_phong):
    """A workbook from the demo names agencies HP-STC, HP-BQLKKT...: the same codes here; names resolve too."""
    lookups = Lookups(date(2026, 12, 7))
    finance = Agency.objects.get(code="HP-STC").pk
    names = ("Sở Tài chính thành phố Hải Phòng", "so tai chinh thanh pho hai phong", "Sở TC")
    for text in ("HP-STC", "hp-stc", *names, "Department of Finance, Hai Phong City"):
        assert lookups.agency.find(text) == finance
    assert lookups.agency.find("HP-BQLKKT") == Agency.objects.get(code="HP-BQLKKT").pk
    assert lookups.commune.find("phường Thủy Nguyên") == lookups.commune.find("phuong thuy nguyen")
    with pytest.raises(ValueError, match="Không tìm thấy cơ quan 'HD-BQLDA'"):
        lookups.agency.find("HD-BQLDA")  # the demo's Hải Dương board ended in 2025: not an agency of today


def test_the_demo_and_the_setup_give_todays_agencies_of_hai_phong_the_same_codes_and_names():
    """What keeps a demo workbook's agencies resolvable here: the demo's agencies of Hải Phòng in force today (not
    its communes' committees, which are of its own making, nor the central agencies' local offices — tax, customs,
    police — which the setup does not create) are the setup's, code for code and name for name."""
    demo = {
        a.code: (a.name, a.kind)
        for a in province_catalogue().agencies
        if a.code.startswith("HP-")
        and not a.code.startswith("HP-UB-")
        and a.code.removeprefix("HP-") not in ENDED
        and a.kind != "central"
    }
    setup = {a.code: (a.name, a.kind) for a in provinces.province_entry(provinces.find_province("31")).agencies}
    assert demo and {code: setup.get(code) for code in demo} == demo


def test_a_demo_workbook_imports_into_a_set_up_hai_phong_with_a_table_of_its_codes(
    transactional_db, capsys, tmp_path, password_file
):
    """Export running projects from the demo, set up Hải Phòng on a fresh database, import them: today's agencies
    have the same codes; the demo's communes (and their committees) are of its own making, so a table maps them to
    the official ones by name, as a province moving from another system would write it."""
    generate.load("test", seed=7, progress=lambda _m: None)
    shared = {a.code for a in provinces.province_entry(provinces.find_province("31")).agencies}
    running = Project.objects.filter(status="implementing", zone__isnull=True, commune__isnull=False)
    chosen = list(running.filter(agency__code__in=shared)[:3]) + list(
        running.filter(agency__code__startswith="HP-UB-")[:2]
    )
    assert len(chosen) == 5
    book = tmp_path / "demo.xlsx"
    export_workbook(Project.objects.filter(pk__in=[p.pk for p in chosen]), str(book), report=False)
    demo_units = {u.code: f"{u.unit_type} {u.name}" for u in AdminUnit.objects.filter(level="commune")}
    expected = {p.code: (p.agency.code, p.commune.code, p.total_investment) for p in chosen}
    call_command("flush", interactive=False, verbosity=0)

    set_up(capsys, "--province", "Hải Phòng", "--admin", "quantri", "--password-file", password_file)
    official = {search_key(f"{u.unit_type} {u.name}"): u.code for u in AdminUnit.objects.filter(level="commune")}
    pairs = []
    for agency, commune, _total in expected.values():
        here = official[search_key(demo_units[commune])]
        pairs.append(f"{commune};{here}")
        if agency.startswith("HP-UB-"):
            pairs.append(f"{agency};HP-UB-{here}")
    table = tmp_path / "ma.csv"
    table.write_text("\n".join(pairs) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị hành chính"):
        call_command("import", "projects", str(book))  # without the table: the demo's communes are unknown here
    capsys.readouterr()
    call_command("import", "projects", str(book), "--codes", str(table), "--json")
    assert json.loads(capsys.readouterr().out)["created"] == 5
    for project in Project.objects.select_related("agency", "commune"):
        agency, commune, total = expected[project.code]
        assert project.total_investment == total
        assert project.agency.code == (agency if agency in shared else f"HP-UB-{project.commune.code}")
        assert search_key(f"{project.commune.unit_type} {project.commune.name}") == search_key(demo_units[commune])


def test_a_bad_table_of_codes_is_refused(hai_phong, tmp_path):
    book = write_projects_csv(tmp_path / "x.csv", [("X-1", "Dự án", "Đầu tư công", "Nhóm C", "", "", "", "1")])
    table = tmp_path / "ma.csv"
    table.write_text("HP-KT-01;10507;x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="dòng 1: cần hai ô"):
        call_command("import", "projects", book, "--codes", str(table))
    table.write_text("HP-KT-01;10507\nHP-KT-01;10510\n", encoding="utf-8")
    with pytest.raises(CommandError, match="dòng 2: mã 'HP-KT-01' đã được ghi với '10507'"):
        call_command("import", "projects", book, "--codes", str(table))
    table.write_text("HP-KT-01;10507\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--codes chưa dùng được khi nhập nền"):
        call_command("import", "projects", book, "--codes", str(table), "--background")
    assert not Project.objects.exists()


def test_a_code_mapped_to_nothing_here_names_both_codes(hai_phong, tmp_path):
    book = write_projects_csv(tmp_path / "x.csv", [("X-1", "Dự án", "Đầu tư công", "Nhóm C", "", "", "HD-STC", "1")])
    table = tmp_path / "ma.csv"
    table.write_text("HD-STC,HP-NOPE\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Không tìm thấy cơ quan 'HD-STC' → 'HP-NOPE'"):
        call_command("import", "projects", book, "--codes", str(table))


def test_import_with_no_administrator_says_to_run_setup(db, tmp_path):
    book = write_projects_csv(tmp_path / "x.csv", [("X-1", "Dự án", "Đầu tư công", "Nhóm C", "", "", "", "1")])
    with pytest.raises(CommandError, match="Chưa có quản trị viên nào đang hoạt động: chạy tiendo setup"):
        call_command("import", "projects", book)


def test_import_with_several_administrators_asks_for_as(hai_phong, tmp_path):
    User.objects.create(username="quantri2", role="admin")
    book = write_projects_csv(tmp_path / "x.csv", [("X-1", "Dự án", "Đầu tư công", "Nhóm C", "", "", "", "1")])
    with pytest.raises(CommandError, match=r"Có nhiều quản trị viên \(quantri, quantri2\): ghi --as"):
        call_command("import", "projects", book)
    call_command("import", "projects", book, "--as", "quantri2")
    assert Project.objects.get().history.get().history_user.username == "quantri2"


# --- two small items ------------------------------------------------------------------------------------------


def test_an_empty_database_url_means_the_sqlite_file(tmp_path):
    code = "import tiendo.settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])"
    env = {"DATABASE_URL": "", "TIENDO_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["django.db.backends.sqlite3", str(tmp_path / "tiendo.sqlite3")]


def test_serve_help_explains_its_options():
    text = ServeCommand().create_parser("tiendo", "serve").format_help()
    assert "port to listen on (default 8000)" in text and "address to listen on" in text
    assert "--workers" in text and "Migrates" in text


@pytest.fixture
def _language_restored():
    """A page asked in Chinese leaves Chinese active in this thread: the next test starts in Vietnamese again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.usefixtures("_language_restored")
def test_the_administrator_signs_in_to_the_set_up_installation_and_sees_its_agencies(hai_phong, client):
    signed_in = client.post("/login/", {"username": "quantri", "password": PASSWORD})
    assert signed_in.status_code == 302
    home = client.get("/")
    assert home.status_code == 200 and "Hải Phòng" in home.content.decode()
    agencies = client.get("/agencies/?q=tai chinh")
    assert agencies.status_code == 200 and "Sở Tài chính thành phố Hải Phòng" in agencies.content.decode()
    client.cookies["tiendo_language"] = "zh-hans"
    assert "Cát Hải 特区" in client.get("/agencies/units/?q=cat hai").content.decode()
