"""The stack test's nginx configuration: a loopback copy of the deploy site (deploy/nginx/juneng.conf) that
includes the same proxy snippet and takes the upstream servers' failover parameters and the body size from
the site itself, so the test exercises what is deployed rather than a look-alike."""

import re
from pathlib import Path

DEPLOY_NGINX = Path(__file__).resolve().parents[1] / "nginx"
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"


def site_directive(pattern: str) -> str:
    site = (DEPLOY_NGINX / "juneng.conf").read_text()
    found = re.search(pattern, site, re.M)
    if not found:
        raise ValueError(f"deploy/nginx/juneng.conf has no line matching {pattern!r}")
    return found.group(1)


def render_nginx_conf(directory: Path, port: int, web_ports: tuple[int, int], static_root: Path) -> Path:
    """Write nginx.conf (and the temp directories nginx wants) under `directory`; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    values = {
        "DIR": str(directory),
        "PORT": str(port),
        "WEB1": str(web_ports[0]),
        "WEB2": str(web_ports[1]),
        "STATIC_ROOT": str(static_root),
        "PROXY_SNIPPET": str(DEPLOY_NGINX / "juneng-proxy.conf"),
        "UPSTREAM_PARAMS": site_directive(r"^\s*server 127\.0\.0\.1:\d+ (max_fails=\d+ fail_timeout=\w+);"),
        "BODY_SIZE": site_directive(r"^\s*client_max_body_size (\w+);"),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    leftover = re.findall(r"@@\w+@@", text)
    if leftover:
        raise ValueError(f"unfilled placeholders in the nginx template: {leftover}")
    conf = directory / "nginx.conf"
    conf.write_text(text)
    return conf
