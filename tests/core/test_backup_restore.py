"""The restore drill: back up the test database, restore it into a fresh database, and check that the same
rows came back and that people can sign in to it. And a backup changed by one byte is refused."""

import json
import os
import subprocess
import sys
import uuid
from contextlib import closing, contextmanager
from io import StringIO

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from activities import services as activity_services
from core.backups import Database, key_tables
from projects.stages import Stage
from teams.models import Membership
from tests.conftest import require_service
from tests.factories import TEST_PASSWORD, make_member
from tests.projects.builders import make_company, make_project

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
# Each key table's rows in one string, hashed: the same digest in both databases means the same rows.
TABLE_DIGEST = "SELECT md5(COALESCE(string_agg(row_to_json(t)::text, '|' ORDER BY t.id), '')) FROM {table} t"


class QuickPBKDF2(PBKDF2PasswordHasher):
    """A password the restored installation's own hashers verify (its settings know no MD5), made cheaply."""

    iterations = 1000


@pytest.fixture
def center(settings, tmp_path):
    """A little center: two groups, people, a company with a contact, a project, a log with an attachment
    and a follow-up — committed, since pg_dump sees only committed rows."""
    settings.MEDIA_ROOT = tmp_path / "media"
    leader = make_member(Membership.Role.TEAM_LEADER, display_name="周建国")
    recruiter = make_member(Membership.Role.RECRUITER, team=leader.team, display_name="徐磊")
    make_member(Membership.Role.RECRUITER, display_name="刘洋")
    recruiter.user.password = make_password(TEST_PASSWORD, hasher=QuickPBKDF2())
    recruiter.user.save()
    company = make_company("浙江智驰汽车科技有限公司", created_by=recruiter.user)
    company.contacts.create(name="刘振宇", title="总经理", phone="13905710001")
    project = make_project(recruiter, stage=Stage.NEGOTIATION, company=company, name="智能底盘项目")
    activity_services.contact_log_create(
        actor=recruiter.user, project=project, channel="video", summary="视频洽谈，对方关注土地指标",
        attachments=[SimpleUploadedFile("纪要.pdf", PDF)], next_step="寄送方案",
        follow_up_due_date=timezone.localdate(),
    )  # fmt: skip
    return recruiter


def _backup(tmp_path) -> "os.PathLike":
    call_command("backup", output_dir=tmp_path / "backups", stdout=StringIO())
    (directory,) = (tmp_path / "backups").iterdir()
    return directory


@contextmanager
def drill_database():
    """A fresh, empty PostgreSQL database beside the test database; dropped afterwards."""
    name = f"juneng_drill_{uuid.uuid4().hex[:12]}"
    server = Database.default()
    admin = Database(**{**server.__dict__, "name": "postgres"})
    with closing(admin.connect()) as db:
        db.autocommit = True
        db.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(**{**server.__dict__, "name": name})
    finally:
        with closing(admin.connect()) as db:
            db.autocommit = True
            db.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url(database: Database) -> str:
    credentials = database.user + (f":{database.password}" if database.password else "")
    return f"postgres://{credentials}@{database.host or 'localhost'}:{database.port or 5432}/{database.name}"


def _digests_and_counts(database: Database) -> dict[str, tuple[str, int]]:
    with closing(database.connect()) as db:
        cursor = db.cursor()
        seen = {}
        for label, table in key_tables().items():
            cursor.execute(TABLE_DIGEST.format(table=table))
            digest = cursor.fetchone()[0]
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            seen[label] = (digest, cursor.fetchone()[0])
        return seen


@pytest.mark.django_db(transaction=True)
def test_restore_drill_brings_back_the_same_rows_and_people_can_sign_in(center, tmp_path):
    require_service(connection.vendor == "postgresql", "the restore drill needs DATABASE_URL on PostgreSQL")
    directory = _backup(tmp_path)
    manifest = json.loads((directory / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}
    assert manifest["row_counts"]["contact_logs"] == 1 and manifest["row_counts"]["follow_ups"] == 1
    assert manifest["row_counts"]["teams"] == 2 and manifest["row_counts"]["memberships"] == 3
    assert manifest["migrations"]["activities"] and manifest["created_at"].endswith("+00:00")
    original = _digests_and_counts(Database.default())

    with drill_database() as drill:
        restored_media = tmp_path / "restored-media"
        output = StringIO()
        call_command("restore", str(directory), database_url=_url(drill), media_root=restored_media,
                     no_input=True, stdout=output)  # fmt: skip
        assert "MISMATCH" not in output.getvalue() and "contact_logs" in output.getvalue()
        assert _digests_and_counts(drill) == original
        assert [p.read_bytes() for p in restored_media.rglob("*") if p.is_file()] == [PDF]

        signed_in = _sign_in_against(drill, center.user.username, tmp_path)
        assert signed_in.returncode == 0, signed_in.stderr
        assert signed_in.stdout.strip().splitlines()[-1] == "302 200 徐磊"


def _sign_in_against(database: Database, username: str, tmp_path) -> subprocess.CompletedProcess:
    """A fresh Django process on the restored database signs in through the login page and opens My day."""
    code = (
        "from django.test import Client; from django.urls import reverse; c = Client(HTTP_HOST='127.0.0.1'); "
        f"r = c.post(reverse('login'), {{'username': {username!r}, 'password': {TEST_PASSWORD!r}}}); "
        "page = c.get(reverse('activities:my_day')); "
        "print(r.status_code, page.status_code, page.wsgi_request.user.membership.display_name)"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"JUNENG_ENV", "LOG_FORMAT"}}
    environment |= {"DATABASE_URL": _url(database), "JUNENG_VAR_DIR": str(tmp_path / "var"), "LOG_LEVEL": "ERROR"}
    return subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=environment,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damaged", ["database", "media.tar.gz"])
def test_a_backup_changed_by_one_byte_is_refused_before_anything_is_restored(center, tmp_path, damaged):
    directory = _backup(tmp_path)
    name = next(n for n in json.loads((directory / "manifest.json").read_text())["files"] if n.startswith(damaged))
    path = directory / name
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))
    target = tmp_path / "untouched.sqlite3"

    with pytest.raises(CommandError, match=f"{name} does not match its checksum"):
        call_command("restore", str(directory), database_url=f"sqlite:///{target}",
                     media_root=tmp_path / "restored-media", no_input=True, stdout=StringIO())  # fmt: skip
    assert not target.exists() and not (tmp_path / "restored-media").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_missing_a_file_is_refused(center, tmp_path):
    directory = _backup(tmp_path)
    (directory / "media.tar.gz").unlink()
    with pytest.raises(CommandError, match="media.tar.gz is missing"):
        call_command("restore", str(directory), no_input=True, stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_not_restored_into_another_kind_of_database(center, tmp_path):
    directory = _backup(tmp_path)
    other = (
        "sqlite:///" + str(tmp_path / "x.sqlite3")
        if connection.vendor == "postgresql"
        else "postgres://x@127.0.0.1:1/x"
    )
    with pytest.raises(CommandError, match="cannot be restored into"):
        call_command("restore", str(directory), database_url=other, no_input=True, stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_backup_restores_into_a_database_file(center, tmp_path):
    """The development install (no DATABASE_URL): SQLite's backup API both ways."""
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL drill above covers this database")
    directory = _backup(tmp_path)
    assert (directory / "database.sqlite3").is_file()
    target = tmp_path / "restored.sqlite3"
    output = StringIO()
    call_command("restore", str(directory), database_url=f"sqlite:///{target}", media_root=tmp_path / "restored-media",
                 no_input=True, stdout=output)  # fmt: skip
    assert "MISMATCH" not in output.getvalue()
    with closing(Database(vendor="sqlite", name=str(target)).connect()) as restored:
        cursor = restored.cursor()
        cursor.execute("SELECT summary FROM activities_contactlog")
        assert cursor.fetchall() == [("视频洽谈，对方关注土地指标",)]
