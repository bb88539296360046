"""The processes of a production-shaped Juneng on loopback: nginx in front of two gunicorn instances, two
Celery workers and one beat, all started from this Python's venv with one environment, each in a session of
its own so that a kill (or the teardown) reaches exactly the processes it means.

Why these sizes on a 2-core machine: each gunicorn instance runs 2 sync workers — 4 in all, two per core,
so one worker can use the CPU while another waits on PostgreSQL, and the instance left alone while the other
is down still has two. More would only queue on the same two cores, which PostgreSQL, the workers and the
load client share. Each Celery worker is prefork with one child (`-c 1`): the same pool code production
runs (`-c 4` in deploy/systemd/juneng-worker.service), the smallest footprint."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from nginx_conf import render_nginx_conf

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE = "juneng_stack"
POSTGRES = os.environ.get("STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = "redis://127.0.0.1:6379/8"  # DB 8: nothing else uses it


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0]
    except (OSError, IndexError):
        return "zombie"  # gone meanwhile


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stack_environment(workdir: Path, nginx_port: int) -> dict[str, str]:
    """Production settings (JUNENG_ENV=production: DEBUG off, hashed static files, the deploy checks) over
    plain http on loopback: the https redirect, secure cookies and HSTS are the only protections turned
    off, because there is no TLS here. Leases and visibility timeouts are shortened so that work a killed
    worker held comes back within the run instead of after 5 minutes / an hour."""
    site = f"http://127.0.0.1:{nginx_port}"
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "EMAIL_", "DJANGO_"))},
        "JUNENG_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": site,
        "SITE_URL": site,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "BEHIND_TLS_PROXY": "true",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_ENABLED": "false",  # in-app reminders only: nothing leaves the machine
        "JUNENG_VAR_DIR": str(workdir / "var"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "REMINDER_LEASE_SECONDS": "15",
        "CELERY_VISIBILITY_TIMEOUT": "30",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


@dataclass
class Stack:
    workdir: Path
    nginx_port: int = field(default_factory=free_port)
    web_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    retired: list[subprocess.Popen] = field(default_factory=list)  # killed ones, reaped at teardown

    def __post_init__(self):
        self.workdir.chmod(0o755)  # nginx's workers (nobody, when started as root) read static/ under it
        self.env = stack_environment(self.workdir, self.nginx_port)
        self.base_url = f"http://127.0.0.1:{self.nginx_port}"

    # --- one-off commands -------------------------------------------------------------------------------
    def manage(self, *args: str, timeout: int = 300) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def psql(self, sql: str) -> None:
        subprocess.run(["psql", f"{POSTGRES}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)

    def redis_flush(self) -> None:
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)

    def create_database(self) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {DATABASE}")
        self.redis_flush()

    def drop_database(self) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        self.redis_flush()

    # --- long-running processes --------------------------------------------------------------------------
    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 — the child keeps it
        process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.processes[name] = process
        return process

    def start_web(self, index: int) -> subprocess.Popen:
        port = self.web_ports[index]
        return self._start(
            f"web{index + 1}",
            [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "60", "--graceful-timeout", "30",
             "--control-socket", str(self.workdir / f"web{index + 1}.ctl")],
        )  # fmt: skip

    def start_worker(self, index: int) -> subprocess.Popen:
        return self._start(
            f"worker{index + 1}",
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "warning", "-c", "1",
             "--without-mingle", "--without-gossip", "--hostname", f"stack{index + 1}@%h"],
        )  # fmt: skip

    def start_beat(self) -> subprocess.Popen:
        return self._start("beat", [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "warning"])

    def start_nginx(self) -> subprocess.Popen:
        conf_dir = self.workdir / "nginx"
        conf = render_nginx_conf(conf_dir, self.nginx_port, self.web_ports, self.workdir / "static")
        return self._start("nginx", ["nginx", "-p", str(conf_dir), "-c", str(conf), "-e", str(conf_dir / "error.log")])

    def wait_http(self, url: str, timeout: float = 60) -> float:
        """Seconds until `url` answers 200."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — loopback, our own URL
                    if response.status == 200:
                        return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")

    def start_all(self) -> None:
        for index in (0, 1):
            self.start_web(index)
            self.start_worker(index)
        self.start_beat()
        self.start_nginx()
        for port in self.web_ports:
            self.wait_http(f"http://127.0.0.1:{port}/accounts/login/")
        self.wait_http(f"{self.base_url}/accounts/login/")

    # --- failures -------------------------------------------------------------------------------------
    def children_of(self, pid: int) -> list[int]:
        try:
            return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def kill_web_master(self, index: int) -> list[int]:
        """SIGKILL the instance's gunicorn master, then do what systemd does when a unit's main process dies
        (juneng-web@.service, KillMode=control-group): SIGTERM to the rest of the instance, its workers,
        which finish the request they hold and exit. Left alone they would not: a sync worker checks for
        its parent only when no connection is waiting, so under load orphans keep serving (and holding
        the port) indefinitely. Returns the workers' pids."""
        process = self.processes.pop(f"web{index + 1}")
        workers = self.children_of(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        self.retired.append(process)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        return workers

    def wait_gone(self, pids: list[int], timeout: float = 40) -> float:
        """Seconds until none of `pids` runs any more (systemd restarts a unit once its processes are gone)."""
        started = time.monotonic()
        while any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in pids):
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"processes {pids} still run {timeout:.0f} s after SIGTERM")
            time.sleep(0.1)
        return time.monotonic() - started

    def kill_worker(self, index: int) -> None:
        """SIGKILL the Celery worker and its pool child at once, as a crashed host would lose them."""
        process = self.processes.pop(f"worker{index + 1}")
        os.killpg(process.pid, signal.SIGKILL)
        self.retired.append(process)

    # --- teardown ---------------------------------------------------------------------------------------
    def stop_all(self) -> None:
        """Kill every process group this stack started (retired ones too: orphaned gunicorn workers are in
        their master's group), then reap them."""
        for process in [*self.processes.values(), *self.retired]:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for process in [*self.processes.values(), *self.retired]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                print(f"stack: process {process.pid} did not exit", file=sys.stderr)
        self.processes.clear()
        self.retired.clear()

    def remove_workdir(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
