"""`make stack-test`: run Juneng as production runs it — nginx, two gunicorn instances, two Celery workers,
one beat, PostgreSQL and Redis — on loopback, put a center's day of work through it, kill one web instance
and one worker halfway, and check that nothing anyone saw succeed was lost.

    .venv/bin/python deploy/stacktest/run.py [--duration 75] [--kill-at 30] [--down 5] [--keep]

Steps: a fresh database `juneng_stack` (dropped first) and Redis DB 8 (flushed), migrate, `seed_demo`, the
people the demo lacks (center.py), collectstatic; the processes (stack.py); 20 recruiters logging contacts
with a follow-up due today and 3 directors reading the dashboard and project list, plus an anonymous client
on the login page (load.py); the kills; then the sweeps until every reminder due today is sent.

It fails (exit 1) if: a contact log the client saw succeed is not in the database (or is there twice); a
5xx or a connection error happened outside the kill window; any request got an unexpected answer (a 4xx,
a redirect elsewhere), or was sent to the login page after logging in; a follow-up due today did not get
exactly one in-app reminder with one notification. A POST that failed during the kill window is a failure
the client saw (nginx never resends a POST), reported, not an error. Everything is torn down at the end —
processes killed, database dropped, Redis DB 8 flushed — whatever happened. A run that crosses midnight
(Asia/Shanghai) would see its follow-ups become overdue: do not start one at 23:55."""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import print_report  # noqa: E402
from stack import REPO, Stack  # noqa: E402

sys.path.insert(1, str(REPO))  # Juneng's packages (config, activities, …) for the Django side (center.py)

GRACE = 3.0  # seconds after the restarted instance answers that still belong to the kill window


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=75, help="seconds of load")
    parser.add_argument("--kill-at", type=float, default=30, help="seconds into the load")
    parser.add_argument("--down", type=float, default=5, help="seconds before the killed ones restart")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs) afterwards")
    return parser.parse_args()


def _terminate(signum, frame):
    raise SystemExit(f"stack test: signal {signum}, tearing down")


def setup(stack: Stack) -> tuple[list, list]:
    steps = [
        ("database", stack.create_database),
        ("migrate", lambda: stack.manage("migrate", "--noinput", "-v", "0")),
        ("seed_demo", lambda: stack.manage("seed_demo", "--force")),
    ]
    for name, step in steps:
        started = time.monotonic()
        step()
        print(f"stack: {name} {time.monotonic() - started:.1f} s", flush=True)
    os.environ.update(stack.env)
    import center  # noqa: PLC0415 — django.setup() with the stack's environment, now that it is set

    recruiters, directors = center.prepare_center()
    started = time.monotonic()
    stack.manage("collectstatic", "--noinput", "-v", "0")
    print(f"stack: collectstatic {time.monotonic() - started:.1f} s", flush=True)
    return recruiters, directors


def static_check(stack: Stack) -> str:
    """A hashed static file comes from nginx with a year's immutable cache."""
    manifest = json.loads((stack.workdir / "static" / "staticfiles.json").read_text())
    hashed = next(name for name in manifest["paths"].values() if name.endswith(".css"))
    with urllib.request.urlopen(f"{stack.base_url}/static/{hashed}", timeout=5) as response:  # noqa: S310
        cache = response.headers.get("Cache-Control", "")
    return "" if "immutable" in cache else f"/static/{hashed}: Cache-Control {cache!r}"


def sweeper(stop: threading.Event, every: float) -> None:
    """Besides beat's minute: ask for a sweep every few seconds, so that reminders of the run are sent
    (and a sender killed with the worker is taken over) within the run rather than minutes later."""
    from config.celery import app  # noqa: PLC0415

    while not stop.wait(every):
        try:
            app.send_task("reminders.tasks.reminders_sweep_task")
        except Exception as error:  # noqa: BLE001 — a missed trigger is not the test's business
            print(f"stack: sweep trigger failed: {error}", flush=True)


def run_load(stack: Stack, recruiters, directors, args) -> dict:
    import load  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    prefix = f"stacktest-{secrets.token_hex(3)}"
    recorder, stop, sweeps_stop = load.Recorder(), threading.Event(), threading.Event()
    today = timezone.localdate().isoformat()
    threads = [threading.Thread(target=load.recruiter, args=(stack.base_url, recorder, stop, p, prefix, today))
               for p in recruiters]  # fmt: skip
    threads += [threading.Thread(target=load.director, args=(stack.base_url, recorder, stop, p)) for p in directors]
    threads.append(threading.Thread(target=load.anonymous, args=(stack.base_url, recorder, stop)))
    threads.append(threading.Thread(target=sweeper, args=(sweeps_stop, 10.0)))
    load_started = time.monotonic()
    for thread in threads:
        thread.start()

    time.sleep(args.kill_at)
    killed_at = time.monotonic()
    orphans = stack.kill_web_master(0)
    stack.kill_worker(0)
    print(
        f"stack: t={killed_at - load_started:.0f} s SIGKILL web1's master (SIGTERM its workers) and worker1", flush=True
    )
    orphans_exit = stack.wait_gone(orphans)
    time.sleep(max(0.0, args.down - (time.monotonic() - killed_at)))
    restarted = stack.start_web(0)
    stack.start_worker(0)
    back = stack.wait_http(f"http://127.0.0.1:{stack.web_ports[0]}/accounts/login/")
    if restarted.poll() is not None:
        raise RuntimeError(f"the restarted web1 exited ({restarted.returncode}): see web1.log")
    window = (killed_at, time.monotonic() + GRACE)
    print(f"stack: web1 and worker1 restarted, web1 answering {back:.1f} s later", flush=True)

    time.sleep(max(0.0, args.duration - (time.monotonic() - load_started)))
    stop.set()
    for thread in threads[:-1]:
        thread.join(timeout=120)
    load_seconds = time.monotonic() - load_started
    return {
        "prefix": prefix, "recorder": recorder, "sweeps_stop": sweeps_stop, "load_started": load_started,
        "load_seconds": load_seconds, "window": window, "orphans": orphans, "orphans_exit": orphans_exit,
        "killed_at": killed_at, "restarted_after": window[1] - GRACE - killed_at, "grace": GRACE,
    }  # fmt: skip


def settle(run: dict, timeout: float = 60) -> float:
    """Wait (sweeps every 5 s meanwhile) until every follow-up due today has its reminder sent."""
    import center  # noqa: PLC0415

    from config.celery import app  # noqa: PLC0415

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if center.reminders_outstanding() == 0:
            break
        app.send_task("reminders.tasks.reminders_sweep_task")
        time.sleep(5)
    run["sweeps_stop"].set()
    return time.monotonic() - started


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix="juneng-stack-"))
    stack = Stack(workdir)
    failures: list[str] = []
    print(f"stack: {workdir}, nginx on {stack.nginx_port}, gunicorn on {stack.web_ports}", flush=True)
    try:
        recruiters, directors = setup(stack)
        stack.start_all()
        failures += [problem for problem in [static_check(stack)] if problem]
        run = run_load(stack, recruiters, directors, args)
        settled = settle(run)
        failures += print_report(stack, run, settled, len(recruiters), len(directors))
    except BaseException as error:
        failures.append(f"the run stopped: {type(error).__name__}: {error}")
        raise
    finally:
        stack.stop_all()
        if failures:
            for log in sorted(workdir.glob("*.log")) + [workdir / "nginx" / "error.log"]:
                if log.exists():
                    print(f"--- {log.name} (last lines)\n" + "\n".join(log.read_text().splitlines()[-15:]))
        if "center" in sys.modules:  # Django is loaded: its connections must be closed before the drop
            from django.db import connections  # noqa: PLC0415

            connections.close_all()
        stack.drop_database()
        if args.keep:
            print(f"stack: kept {workdir}")
        else:
            stack.remove_workdir()
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        print(f"stack: torn down (code at {commit.stdout.strip()}, load average {os.getloadavg()[0]:.1f})")
    if failures:
        print("\nSTACK TEST FAILED:\n- " + "\n- ".join(failures))
        return 1
    print("\nstack test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
