"""Benchmark the everyday pages against a hello-world view (run on demand, not part of `make test`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/juneng_bench \\
        nice -n 10 .venv/bin/python bench/page_benchmark.py 10000:100000 100000:1000000

Each argument is PROJECTS:CONTACT_LOGS. For each size the database is wiped and filled by
`dashboard_benchmark.fill` (5 groups × 20 people, projects over all stages, stage moves, a year of contact
logs, open follow-ups), then made to look like a working center: group 1 gets a leader (role and
Team.leader), each log is booked to its author's group, and the latest contact of 85% of the projects is
moved into the last 13 days (the other 15% stay quiet for 14+ days, as My day expects some to be).
The clock is pinned (time-machine, ticking) at 23:30 in the center's time zone on the day of the fill, and
a reused fill is measured at the moment it was filled: a group's "logged today" then holds a whole day
(measured unpinned just after midnight it held none, and the leader's My day looked 25% faster).

In-process (Django's test Client, DEBUG off): each page is warmed up, then requested 20 times in
interleaved rounds — one request of every page per round, the hello-world views (`bench/urls.py`) with
each user's client and session included — so every page and its floor see the same machine load.
Reported per page: median time; × the hello-world median of the same client ("× hello": a view exempt from
login, so the session is never read) and × the logged-in hello ("× in": the same view behind the login
check, which loads the session and the user); query count; HTML bytes; the sum of its SELECTs re-run
alone right after each request (median of 20) and server / SQL; and the slowest of those statements.

Then gunicorn (`bench/wsgi.py`: config.wsgi plus /bench/hello/, 2 workers, DEBUG off) is started on the
filled database and driven over loopback by `wrk` (2 threads, 8 connections, 15 s each) for the login
page (GET, anonymous), hello world, and the project list logged in (POST /accounts/login/) as a
recruiter and as the director; req/s and the ratio to the login page.

Options: --no-throughput skips gunicorn; --reuse keeps a database already filled at that size (it only
applies new migrations), to re-measure after code changes without refilling.
"""

import gc
import http.client
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DEBUG", "false")  # measure what production runs, not the debug machinery
os.environ.setdefault("JUNENG_VAR_DIR", "/tmp/juneng-bench-var")  # keep off the working tree's var/
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per login (axes), here and in gunicorn

import django  # noqa: E402
import time_machine  # noqa: E402
from dashboard_benchmark import fill, reset  # noqa: E402  (sets DATABASE_URL, django.setup())
from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from field_fill import fill_field_work  # noqa: E402

from activities.models import ContactLog  # noqa: E402
from fieldwork.models import Trip  # noqa: E402
from projects.models import Project  # noqa: E402
from teams.models import Membership, Team  # noqa: E402

PASSWORD = "bench-pages-2026"
ROUNDS = 20
SEARCH = "项目4242"  # a few characters of a project name, as typed in the list's search box
PORT = 8765
LEADER, RECRUITER, DIRECTOR = "u0", "u5", "director"  # u0 and u5 are both in group 1 (招商1组)


def prepare(rng: random.Random) -> None:
    """What the dashboard fill leaves out and the everyday pages need (see the module docstring)."""
    team = Team.objects.get(code="G1")
    leader = User.objects.get(username=LEADER)
    Membership.objects.filter(user=leader).update(role=Membership.Role.TEAM_LEADER, display_name="组长")
    team.leader = leader
    team.save(update_fields=["leader"])
    for username in (LEADER, RECRUITER, DIRECTOR):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [rng.random()])
        cursor.execute(
            "UPDATE activities_contactlog l SET team_id = m.team_id FROM teams_membership m"
            " WHERE m.user_id = l.author_id AND l.team_id IS DISTINCT FROM m.team_id"
        )
        cursor.execute(
            "UPDATE activities_contactlog l SET occurred_at = %s - random() * interval '13 days'"
            " FROM (SELECT DISTINCT ON (project_id) id FROM activities_contactlog WHERE NOT is_deleted"
            "       ORDER BY project_id, occurred_at DESC) latest"
            " WHERE l.id = latest.id AND random() < 0.85",
            [timezone.now()],
        )
        cursor.execute(
            "UPDATE projects_project p SET last_contact_at = l.m FROM (SELECT project_id, MAX(occurred_at) AS m"
            " FROM activities_contactlog WHERE NOT is_deleted GROUP BY project_id) l WHERE l.project_id = p.id"
        )
    fill_field_half(rng)


def fill_field_half(rng: random.Random) -> None:
    """Trips, receptions, aftercare requests and supervision orders (bench/field_fill.py)."""
    counts = fill_field_work(rng, timezone.localdate())
    print("field half:", ", ".join(f"{count:,} {name}" for name, count in counts.items()))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def filled_at(projects: int, logs: int) -> bool:
    try:
        return (
            Project.objects.count() == projects
            and ContactLog.objects.count() == logs
            and Team.objects.filter(code="G1", leader__username=LEADER).exists()
        )
    except Exception:  # no tables yet
        connection.close()
        return False


def busiest_project(team_id: int) -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT l.project_id, COUNT(*) FROM activities_contactlog l JOIN projects_project p ON p.id = l.project_id"
            " WHERE p.owner_team_id = %s AND p.status = 'active' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
            [team_id],
        )
        return cursor.fetchone()


def pages() -> list[tuple[str, str, str]]:
    """(label, user, URL) of every page measured; the hello rows of each user are its floor."""
    recruiter = User.objects.get(username=RECRUITER)
    project_id, _logs = busiest_project(recruiter.membership.team_id)
    hellos = [
        (label, user, url)
        for user in (RECRUITER, LEADER, DIRECTOR)
        for label, url in (("hello world", "/bench/hello/"), ("hello world, logged in", "/bench/hello-logged-in/"))
    ]
    return [
        *hellos,
        ("project list", RECRUITER, "/projects/"),
        ("project list, searched", RECRUITER, "/projects/?" + urlencode({"q": SEARCH})),
        ("project page", RECRUITER, f"/projects/{project_id}/"),
        ("project timeline (htmx)", RECRUITER, f"/projects/{project_id}/activity/"),
        ("My day", RECRUITER, "/"),
        ("My day", LEADER, "/"),
        ("activity list", RECRUITER, "/activity/"),
        ("company list", RECRUITER, "/companies/"),
        ("dashboard", DIRECTOR, "/dashboard/"),
        ("dashboard", LEADER, "/dashboard/"),
        ("global search", RECRUITER, "/search/?" + urlencode({"q": SEARCH})),
        ("global search", DIRECTOR, "/search/?" + urlencode({"q": SEARCH})),
    ]


def selects_of(statements: list[str]) -> list[str]:
    return [sql for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


def run_selects(cursor, selects: list[str], per_statement: list[list[float]]) -> float:
    """Run a page's SELECTs once on their own; returns their total time, records each one's."""
    total = 0.0
    for index, sql in enumerate(selects):
        started = time.perf_counter()
        cursor.execute(sql)
        if cursor.description:
            cursor.fetchall()
        elapsed = time.perf_counter() - started
        per_statement[index].append(elapsed)
        total += elapsed
    return total


def measure() -> list[dict]:
    clients = {}
    for username in {user for _label, user, _url in pages()}:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    rows = [{"label": label, "user": user, "url": url, "times": [], "sql_times": []} for label, user, url in pages()]
    for row in rows:  # warm up, then count queries and bytes on one more request
        client = clients[row["user"]]
        response = client.get(row["url"])
        assert response.status_code == 200, (row["url"], response.status_code)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(row["url"])
        row["queries"] = len(captured.captured_queries)
        row["bytes"] = len(response.content)
        row["selects"] = selects_of([query["sql"] for query in captured.captured_queries])
        row["per_statement"] = [[] for _ in row["selects"]]
    # Each round requests every page once and re-runs its SELECTs right after it, so that a page, its SQL
    # and the hello-world floor are measured under the same load (the machine is shared).
    for _ in range(ROUNDS):
        for row in rows:
            client = clients[row["user"]]
            started = time.perf_counter()
            response = client.get(row["url"])
            row["times"].append(time.perf_counter() - started)
            assert response.status_code == 200, (row["url"], response.status_code)
            with connection.cursor() as cursor:
                row["sql_times"].append(run_selects(cursor, row["selects"], row["per_statement"]))
            gc.collect()  # the re-run's garbage is the benchmark's, not the next page's to collect
    hello = {(row["user"], row["url"]): statistics.median(row["times"]) for row in rows if "/bench/" in row["url"]}
    for row in rows:
        row["median"] = statistics.median(row["times"])
        row["x_hello"] = row["median"] / hello[row["user"], "/bench/hello/"]
        row["x_hello_in"] = row["median"] / hello[row["user"], "/bench/hello-logged-in/"]
        row["sql"] = statistics.median(row["sql_times"])
        medians = [statistics.median(times) for times in row["per_statement"]] or [0.0]
        slowest = max(range(len(medians)), key=medians.__getitem__)
        row["slowest"], row["slowest_sql"] = medians[slowest], row["selects"][slowest] if row["selects"] else ""
    return rows


def print_table(projects: int, logs: int, rows: list[dict]) -> None:
    print(f"\n{projects:,} projects, {logs:,} contact logs")
    print(f"{'page':<28} {'user':<9} {'median':>9} {'× hello':>8} {'× in':>6} {'queries':>7} {'HTML':>9} "
          f"{'SQL':>9} {'srv/SQL':>7} {'slowest':>9}")  # fmt: skip
    for row in rows:
        ratio = f"{row['median'] / row['sql']:.2f}" if "/bench/" not in row["url"] and row["sql"] else "–"
        print(f"{row['label']:<28} {row['user']:<9} {row['median'] * 1000:>7.1f}ms {row['x_hello']:>8.1f} "
              f"{row['x_hello_in']:>6.1f} {row['queries']:>7} {row['bytes']:>9,} {row['sql'] * 1000:>7.1f}ms "
              f"{ratio:>7} {row['slowest'] * 1000:>7.1f}ms")  # fmt: skip
    print("slowest statements:")
    for row in rows:
        if row["slowest"] > 0.005:
            print(f"  {row['label']} ({row['user']}), {row['slowest'] * 1000:.1f} ms: {row['slowest_sql'][:400]}")
    sys.stdout.flush()


# --- throughput over loopback ------------------------------------------------------------------------------


def _request(method: str, path: str, body: str = "", headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request(method, path, body=body or None, headers=headers or {})
    response = conn.getresponse()
    content = response.read()
    conn.close()
    return response, content


def _cookies(response) -> dict:
    jar = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(username: str) -> str:
    """POST the login form like a browser; returns the Cookie header of the session."""
    response, content = _request("GET", "/accounts/login/")
    csrf = _cookies(response)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    response, _ = _request("POST", "/accounts/login/", body, {
        "Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded",
    })  # fmt: skip
    session = _cookies(response).get("sessionid")
    assert response.status in (302, 303) and session, (response.status, "login failed")
    return f"sessionid={session}; csrftoken={csrf}"


def wrk(path: str, cookie: str = "", seconds: int = 15) -> tuple[float, int]:
    command = ["nice", "-n", "10", "wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(bad.group(1)) if bad else 0


def throughput() -> list[tuple[str, float, int]]:
    env = {key: value for key, value in os.environ.items() if key not in {"JUNENG_ENV", "REDIS_URL"}}
    env |= {"DATABASE_URL": os.environ["DATABASE_URL"], "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"}
    gunicorn_bin = str(Path(sys.executable).parent / "gunicorn")  # the venv's, beside this Python
    gunicorn = subprocess.Popen(
        ["nice", "-n", "10", gunicorn_bin, "bench.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                _request("GET", "/bench/hello/")
                break
            except OSError:
                time.sleep(0.2)
        sessions = {username: login(username) for username in (RECRUITER, DIRECTOR)}
        for username, cookie in sessions.items():
            response, _ = _request("GET", "/projects/", headers={"Cookie": cookie})
            assert response.status == 200, (username, response.status)
        runs = [("login page (GET, anonymous)", "/accounts/login/", ""),
                ("hello world", "/bench/hello/", ""),
                (f"project list ({RECRUITER}, recruiter)", "/projects/", sessions[RECRUITER]),
                ("project list (director)", "/projects/", sessions[DIRECTOR])]  # fmt: skip
        results = []
        for label, path, cookie in runs:
            wrk(path, cookie, seconds=3)  # warm up both workers
            rate, bad = wrk(path, cookie)
            results.append((label, rate, bad))
        return results
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)


def print_throughput(results: list[tuple[str, float, int]]) -> None:
    login_rate = results[0][1]
    print(f"\ngunicorn -w 2, wrk -t2 -c8 -d15s over loopback (load average {os.getloadavg()[0]:.1f})")
    print(f"{'URL':<34} {'req/s':>8} {'÷ login page':>12}  non-2xx")
    for label, rate, bad in results:
        print(f"{label:<34} {rate:>8.1f} {rate / login_rate:>12.3f}  {bad}")
    sys.stdout.flush()


def late_today() -> datetime:
    """The clock of a new fill: 23:30 in the center's time zone today, so that "today" on My day holds a
    whole day's logs (the fill spreads the latest contacts over the 13 days before it) whatever the hour of
    the run; the in-process pages are measured at the same instant (gunicorn's throughput runs on the real
    clock: the project list does not depend on the hour)."""
    return datetime.combine(timezone.localdate(), clock_time(23, 30), tzinfo=timezone.get_current_timezone())


def filled_when() -> datetime:
    """The clock of a reused fill: the moment it was filled, i.e. its latest contact log."""
    return ContactLog.objects.order_by("-occurred_at").values_list("occurred_at", flat=True).first()


def measure_size(projects: int, logs: int) -> list[dict]:
    print(f"clock pinned at {timezone.localtime():%Y-%m-%d %H:%M %Z} (time-machine, ticking)")
    recruiter = User.objects.get(username=RECRUITER)
    project_id, project_logs = busiest_project(recruiter.membership.team_id)
    visible = Project.objects.filter(owner_team_id=recruiter.membership.team_id).count()
    print(f"project page: project {project_id} ({project_logs} logs); {RECRUITER} sees {visible:,} projects")
    rows = measure()
    print_table(projects, logs, rows)
    return rows


def main(argv: list[str]) -> None:
    reuse, with_throughput = "--reuse" in argv, "--no-throughput" not in argv
    sizes = [tuple(int(part) for part in arg.split(":")) for arg in argv if not arg.startswith("--")]
    sizes = sizes or [(10_000, 100_000), (100_000, 1_000_000)]
    if with_throughput and not shutil.which("wrk"):
        sys.exit("wrk is missing (apt-get install wrk), or pass --no-throughput")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    print(
        f"PostgreSQL {postgres}, Python {sys.version.split()[0]}, Django {django.get_version()}, {os.cpu_count()} cores"
    )
    results = {}
    for projects, logs in sizes:
        started = time.perf_counter()
        if reuse and filled_at(projects, logs):
            call_command("migrate", verbosity=0)
            clock = filled_when()
            print(f"\nreusing the database filled at {projects:,}:{logs:,} (migrated)")
            if not Trip.objects.exists():  # filled before the benchmark filled the field half
                with time_machine.travel(clock, tick=True):
                    fill_field_half(random.Random(2026))
        else:
            clock = late_today()
            with time_machine.travel(clock, tick=True):
                reset()
                fill(projects, logs, random.Random(2026))
                prepare(random.Random(2026))
            print(f"\nfilled {projects:,}:{logs:,} in {time.perf_counter() - started:.0f}s")
        with time_machine.travel(clock, tick=True):
            results[projects] = measure_size(projects, logs)
        if with_throughput:
            print_throughput(throughput())
    if len(results) > 1:
        small, large = min(results), max(results)
        print(f"\n{large:,} vs {small:,} projects")
        print(f"{'page':<28} {'user':<9} {'time ×':>7} {'HTML ×':>7} {'queries':>9}")
        for a, b in zip(results[small], results[large], strict=True):
            print(f"{a['label']:<28} {a['user']:<9} {b['median'] / a['median']:>7.2f} {b['bytes'] / a['bytes']:>7.3f} "
                  f"{a['queries']:>4} → {b['queries']}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
