"""`tiendo backup` and `tiendo restore`: a round trip into an empty installation keeps every table and file."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import time
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from tiendo.ops import backup

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def records(media, project_x, project_a, task_x, task_y, installation, investor_a, leader, officer_x):
    """A small province: agencies, users, projects with milestones and reports, a directive, tasks, uploads."""
    from tiendo.directives.models import ProgressUpdate
    from tiendo.projects.models import Document

    Document.objects.create(project=project_x, title="Quyết định phê duyệt", file=ContentFile(b"%PDF-1.4 qd", "qd.pdf"))
    update = ProgressUpdate(task=task_x, author=officer_x, percent=40, reported_on=date(2026, 6, 1), text="Khảo sát")
    update.attachment.save("bao-cao.docx", ContentFile("báo cáo tiến độ".encode()), save=False)
    update.save()
    return media


def table_digest(db: backup.Database) -> dict[str, tuple[int, str]]:
    """Every table of the database: its row count and a checksum of its rows (in any order)."""
    conn = db.connect()
    try:
        cursor = conn.cursor()
        if db.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        else:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE'"
            )
        digest = {}
        for (table,) in sorted(cursor.fetchall()):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return digest
    finally:
        conn.close()


def file_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): backup.sha256(p) for p in backup.media_files(root)}


def run_cli(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "tiendo.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.fixture
def empty_installation(tmp_path):
    """A second installation with nothing in it: its data folder, and its own database (created for PostgreSQL)."""
    data_dir = tmp_path / "restored"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["TIENDO_DATA_DIR"] = str(data_dir)
    source = backup.Database.from_settings(connection.settings_dict)
    if source.vendor == "sqlite":
        yield env, backup.Database("sqlite", str(data_dir / "tiendo.sqlite3")), data_dir / "media"
        return
    target = backup.Database("postgresql", f"{source.name}_restore", source.user, source.password, source.host)
    target = backup.Database(**{**target.__dict__, "port": source.port})
    admin = backup.Database(**{**source.__dict__, "name": "postgres"}).connect()
    admin.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
    admin.execute(f'CREATE DATABASE "{target.name}"')
    port = f":{source.port}" if source.port else ""
    env["DATABASE_URL"] = f"postgres://{source.user}:{source.password}@{source.host or '127.0.0.1'}{port}/{target.name}"
    try:
        yield env, target, data_dir / "media"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')
        admin.close()


def test_a_backup_restores_into_an_empty_installation_table_by_table_and_file_by_file(
    records, tmp_path, capsys, empty_installation
):
    env, target, target_media = empty_installation
    source = backup.Database.from_settings(connection.settings_dict)
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["vendor"] == source.vendor and summary["uploaded_files"] == 2

    manifest = backup.read_manifest(archive)
    assert manifest["migrations"]["projects"] and manifest["tiendo_version"] and manifest["created_at"]
    names = {entry["path"] for entry in manifest["files"]}
    assert names == {backup.DB_FILES[source.vendor], *(f"media/{name}" for name in file_digest(records))}

    restored = run_cli("restore", str(archive), "--json", env=env)
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["uploaded_files"] == 2

    before, after = table_digest(source), table_digest(target)
    assert len(before) > 60 and before["projects_project"][0] == 2 and before["directives_task"][0] == 2
    assert after == before
    assert file_digest(target_media) == file_digest(records)

    again = run_cli("restore", str(archive), env=env)  # now it has data: refused, nothing touched
    assert again.returncode == 2 and "thêm --force" in again.stderr
    assert table_digest(target) == before


def test_restore_force_puts_back_the_state_of_the_backup(records, tmp_path):
    from tiendo.projects.models import Project

    source = backup.Database.from_settings(connection.settings_dict)
    before, files = table_digest(source), file_digest(records)
    archive = tmp_path / "truoc.tar.gz"
    call_command("backup", str(archive))
    Project.objects.filter(code="HD-2021-0001").update(name="Đã sửa sau khi sao lưu")
    Project.objects.create(code="HD-2026-0099", name="Dự án mới", kind="public")
    (records / "la.txt").write_text("tệp lạ")

    with pytest.raises(CommandError, match="đã có dữ liệu .* thêm --force") as refused:
        call_command("restore", str(archive))
    assert refused.value.returncode == 2

    call_command("restore", str(archive), "--force")
    assert table_digest(source) == before and file_digest(records) == files
    assert Project.objects.get(code="HD-2021-0001").name != "Đã sửa sau khi sao lưu"


def _archive(tmp_path, manifest: dict, extra: dict[str, bytes] | None = None) -> Path:
    path = tmp_path / "crafted.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in {backup.MANIFEST: json.dumps(manifest).encode(), **(extra or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _manifest(**changes) -> dict:
    vendor = backup.Database.from_settings(connection.settings_dict).vendor
    return {"format": 1, "tiendo_version": "0.1.0", "vendor": vendor, "created_at": "2026-12-07T00:00:00+00:00"} | {
        "migrations": {},
        "files": [],
        **changes,
    }


def test_restore_refuses_an_archive_of_the_other_database_vendor(tmp_path, admin_user):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(CommandError, match=f"cơ sở dữ liệu {other}") as refused:
        call_command("restore", str(_archive(tmp_path, _manifest(vendor=other))), "--force")
    assert refused.value.returncode == 2


def test_restore_refuses_an_archive_of_a_newer_tiendo(tmp_path, admin_user):
    newer = _manifest(tiendo_version="9.0.0", migrations={"projects": ["0001_initial", "0999_from_the_future"]})
    with pytest.raises(CommandError, match="phiên bản tiendo mới hơn .*projects.0999_from_the_future") as refused:
        call_command("restore", str(_archive(tmp_path, newer)), "--force")
    assert refused.value.returncode == 2


def test_restore_refuses_a_damaged_or_foreign_archive(tmp_path, admin_user):
    vendor = backup.Database.from_settings(connection.settings_dict).vendor
    damaged = _manifest(files=[{"path": backup.DB_FILES[vendor], "size": 3, "sha256": "0" * 64}])
    with pytest.raises(CommandError, match="bị hỏng") as refused:
        call_command("restore", str(_archive(tmp_path, damaged, {backup.DB_FILES[vendor]: b"abc"})), "--force")
    assert refused.value.returncode == 2
    escaping = _manifest(files=[{"path": "media/../../evil.sh", "size": 1, "sha256": "0" * 64}])
    with pytest.raises(CommandError, match="đường dẫn lạ"):
        call_command("restore", str(_archive(tmp_path, escaping, {"media/../../evil.sh": b"x"})), "--force")
    assert not (tmp_path.parent / "evil.sh").exists()
    (tmp_path / "not.tar.gz").write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="không phải bản sao lưu của tiendo"):
        call_command("restore", str(tmp_path / "not.tar.gz"))
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


def test_backup_says_which_package_gives_pg_dump(monkeypatch, tmp_path):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="postgresql-client"):
        backup._pg_tool("pg_dump")


def test_backup_into_a_folder_keeps_n_days(media, tmp_path, capsys, admin_user):
    folder = tmp_path / "backups"
    folder.mkdir()
    old, recent, other = (
        folder / "tiendo-20260101-020000.tar.gz",
        folder / "tiendo-20261206-020000.tar.gz",
        folder / "x.tar.gz",
    )
    for path, days in ((old, 15), (recent, 1), (other, 30)):
        path.write_bytes(b"old")
        stamp = time.time() - days * 86400
        os.utime(path, (stamp, stamp))
    call_command("backup", str(folder), "--keep-days", "14", "--json")
    result = json.loads(capsys.readouterr().out)
    written = Path(result["file"])
    assert written.parent == folder and written.name.startswith("tiendo-") and written.is_file()
    assert result["removed"] == [str(old)]
    assert sorted(p.name for p in folder.iterdir()) == sorted([recent.name, other.name, written.name])
    assert backup.read_manifest(written)["files"][0]["path"] == backup.DB_FILES[connection.vendor]
    with pytest.raises(CommandError, match="--keep-days"):
        call_command("backup", str(folder), "--keep-days", "0")
