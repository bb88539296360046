"""Development mail: one .eml file per message under var/mail/ and one short log line each, never the
whole MIME text on the terminal; production needs EMAIL_HOST or email switched off."""

import email
import json
import logging
import os
import subprocess
import sys
from email import policy

from django.core import mail
from django.core.management import call_command

from core.mail import mail_destination
from tests.core.test_settings import GOOD_KEY

LONG_BODY = "跟进事项：寄送方案。" * 200


def _mailers_in(tmp_path, **env_overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k not in {"JUNENG_ENV", "DEBUG"}}
    env |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"} | env_overrides
    code = "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.MAILERS))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["default"]


def test_development_without_email_host_writes_files_under_var_mail(tmp_path):
    default = _mailers_in(tmp_path)
    assert default == {"BACKEND": "core.mail.DevelopmentEmailBackend", "OPTIONS": {"file_path": str(tmp_path / "mail")}}


def test_production_and_smtp_are_unchanged(tmp_path):
    # Production without EMAIL_HOST refuses to start unless email is switched off (test_production_settings).
    production = _mailers_in(
        tmp_path, JUNENG_ENV="production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="crm.example.cn", EMAIL_ENABLED="false"
    )
    assert production == {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    smtp = _mailers_in(tmp_path, EMAIL_HOST="smtp.example.cn", EMAIL_PORT="465")
    assert smtp["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["OPTIONS"]["host"], smtp["OPTIONS"]["port"]) == ("smtp.example.cn", 465)


def _use_development_mail(settings, folder) -> None:
    settings.MAILERS = {
        "default": {"BACKEND": "core.mail.DevelopmentEmailBackend", "OPTIONS": {"file_path": str(folder)}}
    }


def test_each_message_is_one_file_and_one_short_line(settings, tmp_path, caplog, capsys):
    _use_development_mail(settings, tmp_path / "mail")
    caplog.set_level(logging.INFO, logger="juneng.mail")
    for title in ("跟进事项今天到期：寄送方案", "项目 14 天未联系：UTG 柔性玻璃"):
        assert mail.send_mail(f"[聚能 Juneng] {title}", LONG_BODY, "juneng@localhost", ["xulei@example.cn"]) == 1

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in files]
    assert {message["Subject"] for message in parsed} == {
        "[聚能 Juneng] 跟进事项今天到期：寄送方案", "[聚能 Juneng] 项目 14 天未联系：UTG 柔性玻璃",
    }  # fmt: skip
    assert all(message.get_content().strip() == LONG_BODY for message in parsed)

    lines = [record.getMessage() for record in caplog.records if record.name == "juneng.mail"]
    assert len(lines) == 2
    assert all("xulei@example.cn" in line and str(tmp_path / "mail") in line for line in lines)
    assert all(len(line) < 250 and "跟进事项：寄送方案。跟进事项" not in line for line in lines)
    out = capsys.readouterr()
    assert "Content-Type" not in out.out + out.err and "MIME" not in out.out + out.err


def test_the_start_banner_says_where_mail_goes(settings, tmp_path):
    _use_development_mail(settings, tmp_path / "mail")
    assert str(tmp_path / "mail") in mail_destination() and "not sent" in mail_destination()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "smtp.example.cn", "port": 25}}}  # fmt: skip
    assert "smtp.example.cn:25" in mail_destination()


def test_make_run_banner_names_var_mail():
    env = {k: v for k, v in os.environ.items() if k not in {"EMAIL_HOST", "MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    makefile = subprocess.run(["make", "--no-print-directory", "-n", "run"], capture_output=True, text=True, env=env)
    [start] = [line for line in makefile.stdout.splitlines() if "manage.py runstack" in line]
    assert "var/mail/" in start


def test_runstack_prints_the_mail_line_before_the_banner(settings, tmp_path, monkeypatch, capsys):
    """runstack's own start line is followed by where mail goes (the children are not started here)."""
    _use_development_mail(settings, tmp_path / "mail")
    import core.management.commands.runstack as runstack

    class Finished:
        pid = 0

        def poll(self):
            return 0

        def terminate(self):
            pass

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(runstack.subprocess, "Popen", lambda *args, **kwargs: Finished())
    monkeypatch.setattr(runstack.signal, "signal", lambda *args: None)  # keep pytest's Ctrl-C
    try:
        call_command("runstack", banner="BANNER")
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert out.index(str(tmp_path / "mail")) < out.index("BANNER")
