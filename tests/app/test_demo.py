"""The demo province: realistic, deterministic, and built by the same services users call."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency, Installation, Reorganisation
from tiendo.demo import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    """The demo province with a few hundred projects (the hidden "test" scale), so each test loads it fast."""
    return generate.load("test", seed=7, progress=lambda _m: None)


def test_demo_applies_the_2025_reorganisation(demo):
    planning = Agency.objects.get(code="HD-SKHDT")
    assert planning.successor.code == "HD-STC"
    assert planning.valid_to == date(2025, 2, 28)
    assert Agency.objects.get(code="HD-STC").successor.code == "HP-STC"
    installation = Installation.current()
    assert installation.province.code == "HP"
    assert installation.owner_agency.code == "HP-STC"
    specialist = User.objects.get(username="chuyenvien")
    assert specialist.agency.code == "HP-STC"
    assert [row.agency.code for row in specialist.history.order_by("history_id")] == ["HD-SKHDT", "HD-STC", "HP-STC"]


def test_demo_has_two_tier_units_and_keeps_districts(demo):
    today = date(2026, 1, 1)
    assert not AdminUnit.objects.valid_on(today).filter(level="district").exists()
    assert AdminUnit.objects.filter(level="district", code__startswith="HD-").count() == 12
    assert AdminUnit.objects.valid_on(today).filter(level="commune").count() >= 60
    ward = AdminUnit.objects.get(code="HP-TPHD-01")
    assert [u.code for u in ward.formed_from.all()] == ["HD-TPHD"]


def test_demo_has_a_user_for_every_role(demo):
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {"leader", "specialist", "officer", "investor", "admin"}
    investor = User.objects.get(username="nhadautu")
    assert investor.enterprise is not None and investor.enterprise.country != "VN"
    assert investor.check_password(generate.DEMO_PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_demo_is_deterministic():
    generate.load("test", seed=7, progress=lambda _m: None)
    first = list(User.objects.order_by("username").values_list("username", "full_name"))[:50]
    call_command("flush", interactive=False, verbosity=0)
    generate.load("test", seed=7, progress=lambda _m: None)
    again = list(User.objects.order_by("username").values_list("username", "full_name"))[:50]
    assert first == again


def test_no_officer_is_left_in_an_ended_agency(demo):
    today = date(2026, 1, 1)
    stranded = User.objects.filter(is_active=True, role="officer").exclude(agency__in=Agency.objects.valid_on(today))
    assert not stranded.exists()
    assert Reorganisation.objects.count() == len([m for m in generate.catalogue.province_catalogue().merges])


def test_demo_command_is_idempotent_and_prints_logins(capsys):
    call_command("demo", "--json")
    first = json.loads(capsys.readouterr().out)
    assert first["agencies"] > 100
    assert first["directives"] > 300 and first["tasks"] > 1000
    assert {login["username"] for login in first["logins"]} >= {"admin", "lanhdao", "chuyenvien", "nhadautu"}
    call_command("demo", "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["already_loaded"] is True


def test_every_demo_page_renders(demo, client):
    for username in ("admin", "lanhdao", "chuyenvien", "canbo.xaydung", "canbo.phuong", "nhadautu"):
        user = User.objects.get(username=username)
        client.force_login(user)
        for url in ("/", "/agencies/", "/agencies/units/", "/agencies/reorganisations/", f"/agencies/{'HP-STC'}/"):
            assert client.get(url).status_code == 200, (username, url)


def test_demo_records_are_created_with_their_parents(demo):
    first = Agency.objects.get(code="HD-SKHDT").history.earliest()
    assert first.parent_id == Agency.objects.get(code="HD-UBND").pk
    assert AdminUnit.objects.get(code="HD-NS").history.earliest().parent_id is not None


def test_demo_chart_of_2024_shows_hai_duong_departments_under_their_committee(demo, client):
    client.force_login(User.objects.get(username="lanhdao"))
    rows = client.get("/agencies/tree/?on=01/01/2024").context["rows"]
    under: dict[str, set[str]] = {}
    parents: list[str] = []
    for agency, depth in rows:
        parents[depth:] = [agency.code]
        if depth:
            under.setdefault(parents[depth - 1], set()).add(agency.code)
    assert {"HD-SKHDT", "HD-STC", "HD-SXD"} <= under["HD-UBND"]
    assert not {"HD-SKHDT", "HD-STC", "HD-SXD"} & under["HP-UBND"]


def test_demo_passes_the_data_check(demo):
    """No record of the demo is left without its agency, or pointing at an agency or unit that ended for good."""
    from tiendo.ops.integrity import find_problems

    problems = [p.sentence() for p in find_problems()]
    assert problems == [], "\n".join(problems)


def test_demo_command_says_what_it_builds_before_it_starts(monkeypatch, capsys):
    """`tiendo demo` is not silent while it migrates: its first line (what it builds, how long it takes) comes
    before the migrations run, and the migrations' time follows."""
    from tiendo.demo.management.commands import demo as command

    seen_before_migrate = []

    def migrate(name, **options):
        seen_before_migrate.append(capsys.readouterr().out)

    monkeypatch.setattr(command, "call_command", migrate)
    monkeypatch.setattr(command.generate, "is_loaded", lambda: True)
    call_command("demo")
    first = seen_before_migrate[0].splitlines()
    assert len(first) == 1
    assert first[0].startswith("Tạo cơ sở dữ liệu và nạp dữ liệu mẫu: tỉnh mẫu Hải Dương")
    assert "5.000 dự án" in first[0] and "thường mất 20–60 giây" in first[0]
    rest = capsys.readouterr().out.splitlines()
    assert rest[0].startswith("Cơ sở dữ liệu: đã tạo, cập nhật (") and rest[0].endswith(" giây)")
    assert "Dữ liệu mẫu đã có sẵn" in rest[1]
    call_command("demo", "--json")
    assert json.loads(capsys.readouterr().out)["already_loaded"] is True  # --json: nothing but the JSON
    assert command.first_line("national").startswith("Tạo cơ sở dữ liệu và nạp dữ liệu mẫu: 34 tỉnh, thành phố")
