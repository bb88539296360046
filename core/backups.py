"""Backups of an installation and their restore (`make backup`, `make restore BACKUP=<dir>`).

A backup is one folder `var/backups/<UTC time>/`: the database (`database.dump`, pg_dump's custom format;
`database.sqlite3` on SQLite), the uploads (`media.tar.gz`, the whole MEDIA_ROOT) and `manifest.json`:
when, which Juneng revision, the latest applied migration of each app, the row counts of the key tables
and the sha256 of each file. On PostgreSQL the counts are read in the very snapshot pg_dump dumps, so they
are the dump's own counts even while people keep working.

A restore checks every checksum before it touches anything, restores, and compares the restored row counts
with the manifest: a backup is only known to be good once it has been restored (tests/core/test_backup_restore.py
is that drill)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# The tables whose row counts a restore must reproduce, by the names the manifest uses.
KEY_MODELS = {
    "teams": "teams.Team",
    "memberships": "teams.Membership",
    "users": "auth.User",
    "companies": "crm.Company",
    "contacts": "crm.Contact",
    "projects": "projects.Project",
    "contact_logs": "activities.ContactLog",
    "follow_ups": "activities.FollowUp",
}


class BackupRefused(Exception):
    """A backup that is incomplete, damaged or changed, or that does not fit the target: nothing restored."""


@dataclass(frozen=True)
class Database:
    """Where a database is, as the command-line tools and DB-API drivers want it."""

    vendor: str  # "postgresql" or "sqlite"
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Database":
        engine = settings_dict["ENGINE"]
        vendor = "postgresql" if "postgresql" in engine else "sqlite" if "sqlite3" in engine else engine
        return cls(
            vendor=vendor, name=str(settings_dict["NAME"]), host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""), user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            sslmode=(settings_dict.get("OPTIONS") or {}).get("sslmode", ""),
        )  # fmt: skip

    @classmethod
    def from_url(cls, url: str) -> "Database":
        return cls.from_settings(dj_database_url.parse(url))

    @classmethod
    def default(cls) -> "Database":
        return cls.from_settings(connection.settings_dict)

    def libpq_environment(self) -> dict[str, str]:
        """For pg_dump and pg_restore: the password in the environment, never on a command line."""
        variables = {"PGHOST": self.host, "PGPORT": self.port, "PGUSER": self.user, "PGPASSWORD": self.password,
                     "PGDATABASE": self.name, "PGSSLMODE": self.sslmode}  # fmt: skip
        return {**os.environ, **{key: value for key, value in variables.items() if value}}

    def connect(self):
        """A DB-API connection of its own (not Django's), to count rows in this database."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name)
        import psycopg2

        parameters = {"dbname": self.name, "host": self.host, "port": self.port, "user": self.user,
                      "password": self.password, "sslmode": self.sslmode}  # fmt: skip
        return psycopg2.connect(**{key: value for key, value in parameters.items() if value})

    def describe(self) -> str:
        if self.vendor == "sqlite":
            return self.name
        return f"{self.name} on {self.host or 'localhost'}:{self.port or 5432}"


def key_tables() -> dict[str, str]:
    return {label: apps.get_model(model)._meta.db_table for label, model in KEY_MODELS.items()}


def database_facts(cursor) -> dict:
    """Row counts of the key tables and the latest applied migration of each app, read with `cursor`."""
    counts = {}
    for label, table in key_tables().items():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # nosec B608: table names come from the models
        counts[label] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = dict(cursor.fetchall())  # later rows of an app overwrite earlier ones: the latest stays
    return {"row_counts": counts, "migrations": dict(sorted(migrations.items()))}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(*, root: Path, database: Database | None = None, media_root: Path | None = None) -> Path:
    """Write a new backup folder under `root` and return it."""
    database = database or Database.default()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory = _new_folder(root)
    database_file = directory / DATABASE_FILES[database.vendor]
    if database.vendor == "postgresql":
        facts = _pg_dump(database, database_file)
    elif database.vendor == "sqlite":
        facts = _sqlite_copy(database, database_file)
    else:
        raise BackupRefused(f"cannot back up a {database.vendor} database")
    _archive(media_root, directory / MEDIA_ARCHIVE)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "juneng_revision": _git_revision(),
        "database_vendor": database.vendor,
        **facts,
        "files": {name: sha256_of(directory / name) for name in (database_file.name, MEDIA_ARCHIVE)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return directory


def backup_verify(directory: Path) -> dict:
    """The manifest of a backup whose every file is present and unchanged; BackupRefused otherwise."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
        files = manifest["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise BackupRefused(f"{directory} holds no readable {MANIFEST}: {exc}") from exc
    for name in (DATABASE_FILES.get(manifest.get("database_vendor"), "database file"), MEDIA_ARCHIVE):
        if name not in files:
            raise BackupRefused(f"the manifest lists no {name}")
    for name, expected in files.items():
        path = directory / name
        if not path.is_file():
            raise BackupRefused(f"{name} is missing from {directory}")
        if sha256_of(path) != expected:
            raise BackupRefused(f"{name} does not match its checksum in {MANIFEST}: the backup is damaged or changed")
    return manifest


def backup_restore(*, directory: Path, database: Database, media_root: Path) -> list[tuple[str, int, int | None]]:
    """Restore a verified backup into `database` and `media_root`; (table, in the manifest, restored)."""
    manifest = backup_verify(directory)
    if manifest["database_vendor"] != database.vendor:
        raise BackupRefused(f"a {manifest['database_vendor']} backup cannot be restored into {database.vendor}")
    database_file = directory / DATABASE_FILES[database.vendor]
    if database.vendor == "postgresql":
        _pg_restore(database_file, database)
    else:
        with closing(sqlite3.connect(database_file)) as source, closing(sqlite3.connect(database.name)) as target:
            source.backup(target)
    _unpack(directory / MEDIA_ARCHIVE, media_root)
    with closing(database.connect()) as restored:
        counts = database_facts(restored.cursor())["row_counts"]
    return [(label, expected, counts.get(label)) for label, expected in manifest["row_counts"].items()]


def _new_folder(root: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    root.mkdir(parents=True, exist_ok=True)
    for suffix in ("", *(f"-{n}" for n in range(2, 100))):
        try:
            (root / f"{stamp}{suffix}").mkdir()
        except FileExistsError:
            continue
        return root / f"{stamp}{suffix}"
    raise BackupRefused(f"too many backups in {root} within one second")


def _pg_dump(database: Database, target: Path) -> dict:
    """pg_dump in a snapshot exported by our own repeatable-read transaction, which counts the rows of that
    same snapshot: the manifest's counts are the dump's, whatever is written meanwhile."""
    with closing(database.connect()) as snapshot:
        snapshot.set_session(isolation_level="REPEATABLE READ", readonly=True)
        cursor = snapshot.cursor()
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        facts = database_facts(cursor)
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}", database.name],
             database)  # fmt: skip
        snapshot.rollback()
    return facts


def _pg_restore(dump: Path, database: Database) -> None:
    """--clean --if-exists: the dump's objects replace the target's (an empty database gets them created);
    one transaction, stopping at the first error, so a failed restore leaves the target as it was."""
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
          f"--dbname={database.name}", str(dump)], database)  # fmt: skip


def _sqlite_copy(database: Database, target: Path) -> dict:
    """SQLite's online backup API: a consistent copy while other processes write; the counts are the copy's."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
    with closing(sqlite3.connect(target)) as copy:
        return database_facts(copy.cursor())


def _run(command: list[str], database: Database) -> None:
    result = subprocess.run(command, env=database.libpq_environment(), capture_output=True, text=True)  # nosec B603
    if result.returncode != 0:
        raise BackupRefused(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _archive(media_root: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")


def _unpack(archive_path: Path, media_root: Path) -> None:
    """Into MEDIA_ROOT: the backup's files are written over the present ones, others are left (uploads have
    random names, so a later upload is never overwritten by an older one). Tar's "data" filter refuses
    absolute paths, links out of the folder and device files."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = []
        for member in archive.getmembers():
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            members.append(member)
        archive.extractall(media_root, members=members, filter="data")


def _git_revision() -> str | None:
    try:
        result = subprocess.run(  # nosec B603 B607: git from PATH, fixed arguments
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None
