"""Chinese first, English complete: every UI string is marked for translation and translated."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.conftest import require_service

PO_PATH = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# Juneng's own apps (those living in the repository), plus config/ and templates/.
SOURCE_DIRS = ["config", "templates", *(app for app in settings.INSTALLED_APPS if (settings.BASE_DIR / app).is_dir())]


def _entries(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(PO_PATH))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalog_matches_the_po_file():
    po = polib.pofile(str(PO_PATH))
    with translation.override("zh-hans"):
        for entry in po:
            if entry.obsolete or entry.msgid_plural or entry.msgctxt:
                continue
            assert translation.gettext(entry.msgid) == entry.msgstr, f"stale .mo for {entry.msgid!r} (make messages)"


def test_catalog_holds_every_string_of_the_code(tmp_path):
    """makemessages over a copy of the sources finds no string the committed catalog lacks."""
    require_service(shutil.which("xgettext") is not None, "gettext is not installed (apt-get install gettext)")
    copy = Path(tmp_path) / "src"
    copy.mkdir()
    for name in SOURCE_DIRS:
        shutil.copytree(settings.BASE_DIR / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(settings.BASE_DIR / "manage.py", copy / "manage.py")
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy,
        env={
            "PATH": "/usr/bin:/bin",
            "JUNENG_VAR_DIR": str(tmp_path / "var"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = _entries(fresh) - _entries(polib.pofile(str(PO_PATH)))
    assert not missing, f"run `make messages` and translate: {sorted(m for _, m in missing)}"
    assert len(_entries(fresh)) > 100


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_role_names_read_naturally(language):
    from teams.models import Membership

    expected = {"zh-hans": "招商专员", "en": "Recruiter"}[language]
    with translation.override(language):
        assert str(Membership.Role.RECRUITER.label) == expected
