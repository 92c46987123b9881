"""One archive holds an installation: a consistent snapshot of the database, the uploaded files and a manifest.

The archive is a gzipped tar with `manifest.json` first, then `database.sqlite3` (SQLite's online backup API, so
the web server may keep writing) or `database.pgdump` (`pg_dump`'s custom format, one transaction snapshot), then
the uploaded files under `media/`. Restoring refuses an archive of the other database vendor or one made by a newer
tiendo (a migration this code does not know), and a non-empty installation unless forced.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.db import connections
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A refusal or a failure, said in one Vietnamese sentence; the commands exit with status 2."""


@dataclass(frozen=True)
class Database:
    """The parts of a Django database setting a backup needs, so a restore can target any database."""

    vendor: str  # "sqlite" or "postgresql"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, settings_dict) -> "Database":
        engine = settings_dict["ENGINE"]
        vendor = "sqlite" if "sqlite3" in engine else "postgresql" if "postgresql" in engine else engine
        return cls(
            vendor=vendor,
            name=str(settings_dict["NAME"]),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
        )

    def connect(self):
        """A plain DB-API connection (not Django's), so a restore can reach a database Django is not using."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name, uri=self.name.startswith("file:"), timeout=20)
        import psycopg

        return psycopg.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
            autocommit=True,
        )

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in {
            "PGDATABASE": self.name,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGHOST": self.host,
            "PGPORT": self.port,
        }.items():
            if value:
                env[key] = value
        return env


def tiendo_version() -> str:
    try:
        return metadata.version("tiendo")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def known_migrations() -> set[tuple[str, str]]:
    """The migrations this code ships (on disk), whatever the database has applied."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def applied_migrations(db: Database) -> dict[str, list[str]]:
    """The database's migration state, app by app; empty for a database never migrated."""
    conn = _connect(db)
    try:
        cursor = conn.cursor()
        try:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        except (sqlite3.Error, _pg_error()):
            return {}
        state: dict[str, list[str]] = {}
        for app, name in cursor.fetchall():
            state.setdefault(app, []).append(name)
        return state
    finally:
        conn.close()


def _connect(db: Database):
    try:
        return db.connect()
    except (sqlite3.Error, _pg_error()) as error:
        detail = " ".join(str(error).split())[:300]
        raise BackupError(f"Không kết nối được cơ sở dữ liệu '{db.name}': {detail}") from None


def _pg_error():
    try:
        import psycopg

        return psycopg.Error
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return sqlite3.Error


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {name}: hãy cài gói postgresql-client (Debian/Ubuntu: "
            f"apt-get install postgresql-client) cùng phiên bản chính với máy chủ PostgreSQL."
        )
    return path


def _run(command: list[str], db: Database, what: str) -> None:
    result = subprocess.run(command, env=db.pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = " ".join(result.stderr.split())[:500]
        raise BackupError(f"{what} thất bại (mã {result.returncode}): {detail}")


def _snapshot_database(db: Database, using: str, target: Path) -> None:
    if db.vendor == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # consistent even while others write (online backup)
        finally:
            destination.close()
    elif db.vendor == "postgresql":
        _run([_pg_tool("pg_dump"), "--format=custom", "--file", str(target)], db, "pg_dump")
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {db.vendor}.")


def create_backup(path: Path, *, media_root: Path, using: str = "default") -> dict:
    """Write the archive at `path` (atomically: a temporary file renamed at the end); return its manifest."""
    db = Database.from_settings(connections[using].settings_dict)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tiendo-backup-", dir=path.parent) as tmp:
        dump = Path(tmp) / DB_FILES.get(db.vendor, "database")
        migrations = applied_migrations(db)
        _snapshot_database(db, using, dump)
        files = [(dump, DB_FILES[db.vendor])]
        files += [(p, f"{MEDIA}/{p.relative_to(media_root).as_posix()}") for p in media_files(media_root)]
        manifest = {
            "format": FORMAT,
            "tiendo_version": tiendo_version(),
            "vendor": db.vendor,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": migrations,
            "files": [{"path": name, "size": p.stat().st_size, "sha256": sha256(p)} for p, name in files],
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = Path(tmp) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, MANIFEST)
            for source, name in files:
                archive.add(source, name)
        os.replace(partial, path)
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read().decode("utf-8"))
    except (FileNotFoundError, IsADirectoryError):
        raise BackupError(f"Không tìm thấy tệp sao lưu '{path}'.") from None
    except (tarfile.TarError, KeyError, EOFError, OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError(f"Tệp '{path}' không phải bản sao lưu của tiendo (thiếu hoặc hỏng {MANIFEST}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or "vendor" not in manifest:
        raise BackupError(f"Tệp '{path}' có định dạng sao lưu không được hỗ trợ.")
    for entry in manifest.get("files", []):
        name = PurePosixPath(str(entry.get("path", "")))
        if name.is_absolute() or ".." in name.parts or not (str(name) in DB_FILES.values() or name.parts[0] == MEDIA):
            raise BackupError(f"Tệp '{path}' không phải bản sao lưu của tiendo (đường dẫn lạ: '{name}').")
    return manifest


def installation_contents(db: Database, media_root: Path) -> dict[str, int]:
    """What a restore would overwrite: users, agencies, projects and uploaded files (zero on a new installation)."""
    counts = {"users": 0, "agencies": 0, "projects": 0, "files": len(media_files(media_root))}
    tables = {"users": "accounts_user", "agencies": "agencies_agency", "projects": "projects_project"}
    conn = _connect(db)
    try:
        for key, table in tables.items():
            cursor = conn.cursor()
            try:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # fixed table names
                counts[key] = cursor.fetchone()[0]
            except (sqlite3.Error, _pg_error()):
                continue  # not migrated yet: nothing to overwrite (PostgreSQL runs in autocommit here)
    finally:
        conn.close()
    return counts


def check_restorable(manifest: dict, db: Database) -> None:
    if manifest["vendor"] != db.vendor:
        raise BackupError(
            f"Bản sao lưu này là của cơ sở dữ liệu {manifest['vendor']}, còn cài đặt này dùng {db.vendor}: "
            f"hãy khôi phục vào một cài đặt dùng {manifest['vendor']}."
        )
    archived = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    unknown = sorted(archived - known_migrations())
    if unknown:
        shown = ", ".join(f"{app}.{name}" for app, name in unknown[:3])
        raise BackupError(
            f"Bản sao lưu được tạo bởi phiên bản tiendo mới hơn ({manifest.get('tiendo_version')}, "
            f"có {len(unknown)} migration mà phiên bản này không có: {shown}): hãy nâng cấp tiendo rồi khôi phục."
        )


def _verified_extract(archive_path: Path, manifest: dict, into: Path) -> None:
    """Extract only the files the manifest lists, and check each one's size and sha256."""
    listed = {entry["path"]: entry for entry in manifest["files"]}
    with tarfile.open(archive_path, "r:*") as archive:
        for member in archive.getmembers():
            if member.name in listed and member.isfile():
                archive.extract(member, into, filter="data")
    for name, entry in listed.items():
        extracted = into / name
        if not extracted.is_file() or extracted.stat().st_size != entry["size"] or sha256(extracted) != entry["sha256"]:
            raise BackupError(f"Bản sao lưu bị hỏng: tệp '{name}' thiếu hoặc không khớp mã kiểm tra sha256.")


def _clear_postgresql(db: Database) -> None:
    """Drop every view, table and sequence of the public schema (in one transaction), so that a forced restore
    leaves nothing of the installation it replaces, not even a table of a newer migration."""
    queries = [
        ("VIEW", "SELECT table_name FROM information_schema.views WHERE table_schema = 'public'"),
        ("TABLE", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"),
        ("SEQUENCE", "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"),
    ]
    conn = db.connect()
    try:
        with conn.transaction():
            cursor = conn.cursor()
            for kind, query in queries:
                cursor.execute(query)
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP {kind} IF EXISTS "{name}" CASCADE')
    finally:
        conn.close()


def _restore_database(db: Database, dump: Path) -> None:
    if db.vendor == "sqlite":
        if not db.name.startswith("file:"):
            Path(db.name).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(dump)
        target = db.connect()
        try:
            source.backup(target)  # page by page into the live file, under SQLite's own locks
        finally:
            target.close()
            source.close()
        return
    _clear_postgresql(db)
    _run(
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error"]
        + ["--single-transaction", "--dbname", db.name, str(dump)],
        db,
        "pg_restore",
    )


def _restore_media(source: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    for old in media_files(media_root):
        old.unlink()
    if source.is_dir():
        shutil.copytree(source, media_root, dirs_exist_ok=True)


def restore_backup(path: Path, *, database, media_root: Path, force: bool = False) -> dict:
    """Put the archive's database and files in place of the installation's; return the manifest.

    `database` is a Django database setting (a dict); the installation must be empty unless `force`."""
    db = Database.from_settings(database)
    manifest = read_manifest(path)
    check_restorable(manifest, db)
    contents = installation_contents(db, media_root)
    if not force and any(contents.values()):
        raise BackupError(
            f"Cài đặt này đã có dữ liệu ({contents['users']} tài khoản, {contents['agencies']} cơ quan, "
            f"{contents['projects']} dự án, {contents['files']} tệp tải lên): khôi phục sẽ ghi đè tất cả; "
            f"thêm --force nếu thật sự muốn."
        )
    work_dir = media_root.parent if media_root.parent.is_dir() else None
    with tempfile.TemporaryDirectory(prefix="tiendo-restore-", dir=work_dir) as tmp:
        _verified_extract(path, manifest, Path(tmp))
        _restore_database(db, Path(tmp) / DB_FILES[db.vendor])
        _restore_media(Path(tmp) / MEDIA, media_root)
    return manifest
