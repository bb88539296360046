"""The deploy kit (deploy/) stays true to the code: the environment template names every variable the
settings read, nginx accepts the site, and systemd knows every directive of the units."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_service

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
SETTINGS = BASE_DIR / "config" / "settings.py"
# os.environ.get("X", …), os.environ["X"], os.getenv("X"), and the settings' helpers env_bool/env_list("X", …).
READS = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list)\(\s*["']([A-Z0-9_]+)["']"""
    r"""|os\.environ\[["']([A-Z0-9_]+)["']\]"""
)


def settings_variables() -> set[str]:
    return {a or b for a, b in READS.findall(SETTINGS.read_text())}


def template_variables() -> dict[str, str]:
    """NAME → the comment block above it, for every `NAME=` or `# NAME=` line of the template."""
    found, comment = {}, []
    for line in (DEPLOY / "juneng.env.example").read_text().splitlines():
        assignment = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=.*", line)
        if assignment:
            found[assignment.group(1)] = " ".join(comment)
        elif line.startswith("#"):
            comment.append(line)
            continue
        comment = [] if not line.strip() else comment
    return found


def test_the_parser_finds_the_settings_variables_it_should():
    names = settings_variables()
    assert {"DATABASE_URL", "SECRET_KEY", "ATTACHMENT_MAX_MB", "SECURE_COOKIES", "CENTER_WORDS"} <= names
    assert len(names) > 30


def test_the_environment_template_names_every_variable_the_settings_read():
    missing = settings_variables() - set(template_variables())
    assert not missing, f"add to deploy/juneng.env.example (with a comment): {sorted(missing)}"


def test_every_variable_of_the_template_has_a_comment():
    uncommented = [name for name, comment in template_variables().items() if not comment]
    assert not uncommented


def site_for_nginx_test(tmp_path: Path) -> Path:
    """The site as shipped, with what only a real host has (certificates, log directory, the snippet's
    installed path) pointed into tmp_path, inside a minimal nginx.conf."""
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=crm.example.cn",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "juneng.conf").read_text()
    replacements = {
        "/etc/juneng/tls/fullchain.pem": str(cert),
        "/etc/juneng/tls/privkey.pem": str(key),
        "/var/log/nginx/": f"{tmp_path}/",
        "/etc/nginx/snippets/juneng-proxy.conf": str(DEPLOY / "nginx" / "juneng-proxy.conf"),
    }
    for placeholder, local in replacements.items():
        assert placeholder in site, placeholder
        site = site.replace(placeholder, local)
    (tmp_path / "juneng.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    include {tmp_path}/juneng.conf;\n}}\n"
    )
    return main


def test_nginx_accepts_the_site(tmp_path):
    require_service(shutil.which("nginx") is not None, "nginx is not installed (apt-get install nginx)")
    require_service(shutil.which("openssl") is not None, "openssl is not installed")
    main = site_for_nginx_test(tmp_path)
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_site_keeps_posts_from_being_sent_twice():
    proxy = (DEPLOY / "nginx" / "juneng-proxy.conf").read_text()
    directive = re.search(r"^proxy_next_upstream\s+([^;]+);", proxy, re.M)
    assert directive and set(directive.group(1).split()) == {"error", "timeout", "http_502", "http_503"}
    assert "non_idempotent" not in re.sub(r"#.*", "", proxy)


@pytest.mark.parametrize("unit", ["juneng-web@.service", "juneng-worker.service", "juneng-beat.service"])
def test_units_restart_read_the_environment_file_and_are_hardened(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    for line in (
        "EnvironmentFile=/etc/juneng/juneng.env", "User=juneng", "Restart=always", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "PrivateTmp=yes",
    ):  # fmt: skip
        assert re.search(rf"^{re.escape(line)}$", text, re.M), f"{unit}: {line}"


def test_systemd_knows_every_directive_of_the_units(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    units = []
    for source in sorted((DEPLOY / "systemd").glob("*.service")):
        # verify checks that ExecStart's program exists: the venv is the host's, so /bin/true stands in.
        text = re.sub(r"/srv/juneng/venv/bin/\w+", "/bin/true", source.read_text())
        name = source.name.replace("@.service", "@8001.service")
        (tmp_path / name).write_text(text)
        units.append(str(tmp_path / name))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True, timeout=60
    )
    complaints = [line for line in result.stderr.splitlines() if "Unknown" in line or "Invalid" in line]
    assert result.returncode == 0 and not complaints, result.stderr


def test_every_source_map_a_static_file_names_exists():
    """Production's collectstatic (ManifestStaticFilesStorage) fails on a reference to a missing file."""
    static = BASE_DIR / "static"
    missing = []
    for path in [*static.rglob("*.css"), *static.rglob("*.js")]:
        for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(errors="replace")):
            if not (path.parent / name).exists():
                missing.append(f"{path.relative_to(BASE_DIR)} → {name}")
    assert not missing
