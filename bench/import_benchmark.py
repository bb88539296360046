"""Benchmark importing a project ledger (run on demand, not part of `make test`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/juneng_bench \\
        nice -n 10 .venv/bin/python bench/import_benchmark.py 20000

For each size N the database is wiped and gets 5 groups × 20 people and a director; then a ledger of N
projects is written as a GBK CSV (the projects template's headers: name, investor — one per 10 projects,
a third of them with a credit code —, group, owner by name, 总投资 in 万元, 固定资产投资 in 亿元, product,
two dates; 1% of the rows carry an unreadable amount), and taken through `imports.services` as the
director does from the page: `import_start` (upload read, encoding detected, file stored), `import_preview`
(the dry run: every row through the project service, then rolled back) and `import_commit` with "valid rows
only" — what the Celery task runs, here in-process. Then the same file is imported again and previewed:
every row is matched and "unchanged". Reported per phase: seconds, rows/s, ms and SQL queries per row, and
ms per row × a hello-world request (`bench/urls.py`, Django's test Client, median of 200, measured in the
same run) — a per-row cost in units of "the cheapest request this machine serves".
"""

import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/juneng_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")  # no query log kept for hundreds of thousands of statements
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("LOG_LEVEL", "WARNING")
if "JUNENG_VAR_DIR" not in os.environ:  # the stored ledgers and the progress cache, removed at the end
    os.environ["JUNENG_VAR_DIR"] = tempfile.mkdtemp(prefix="juneng-import-bench-")
    atexit.register(shutil.rmtree, os.environ["JUNENG_VAR_DIR"], ignore_errors=True)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process client's host

from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from crm.identity import credit_code_check_character  # noqa: E402
from imports import services  # noqa: E402
from imports.models import ImportRun  # noqa: E402
from projects.models import Project  # noqa: E402
from teams.models import Membership, Team  # noqa: E402

GROUPS, PEOPLE_PER_GROUP = 5, 20
HEADERS = ",".join([
    "项目名称", "投资方", "统一社会信用代码", "所属小组", "负责人", "总投资（万元）", "固定资产投资（亿元）", "产品",
    "预计签约日期", "计划开工日期",
])  # fmt: skip


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def people() -> User:
    teams = [Team.objects.create(name=f"招商{i}组", code=f"G{i}") for i in range(1, GROUPS + 1)]
    users = User.objects.bulk_create([User(username=f"u{i}", password="!") for i in range(GROUPS * PEOPLE_PER_GROUP)])
    Membership.objects.bulk_create(
        [
            Membership(user=u, display_name=f"专员{i}", team=teams[i % GROUPS], role="recruiter")
            for i, u in enumerate(users)
        ]
    )
    director = User.objects.create(username="director", password="!")
    Membership.objects.create(user=director, display_name="主任", role="director")
    return director


def credit_code(n: int) -> str:
    body = f"91321000MA{n:07d}"
    return body + credit_code_check_character(body)


def ledger(rows: int, rng: random.Random) -> bytes:
    """N project rows; the 10 projects of one investor belong to one group (its registration holds)."""
    lines = [HEADERS]
    start = date.today() + timedelta(days=30)
    for i in range(rows):
        company = i // 10
        group = company % GROUPS
        owner = group + GROUPS * rng.randrange(PEOPLE_PER_GROUP)  # 专员{owner} is in group `group`
        amount = "约两亿" if rng.random() < 0.01 else str(rng.randrange(1_000, 300_000))
        code = credit_code(company) if company % 3 == 0 else ""
        signing = start + timedelta(days=rng.randrange(700))
        lines.append(",".join([
            f"基准项目{i}", f"基准投资方{company}有限公司", code, f"招商{group + 1}组", f"专员{owner}", amount,
            f"{rng.randrange(1, 300) / 100:.2f}", "新型复合材料", signing.isoformat(),
            (signing + timedelta(days=90)).isoformat(),
        ]))  # fmt: skip
    return ("\n".join(lines) + "\n").encode("gbk")


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def hello_ms(user: User, requests: int = 200) -> tuple[float, float]:
    """Median ms of the hello-world view and of the same behind the login check, as `user`, interleaved."""
    client = Client()
    client.force_login(user)
    samples: dict[str, list[float]] = {"/bench/hello/": [], "/bench/hello-logged-in/": []}
    for url in samples:
        client.get(url)
    for _ in range(requests):
        for url, times in samples.items():
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append(time.perf_counter() - started)
    return tuple(statistics.median(times) * 1000 for times in samples.values())


def timed(function, *args) -> tuple[float, int]:
    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        function(*args)
    return time.perf_counter() - started, counter.count


def start(director: User, data: bytes, runs: list[ImportRun]) -> None:
    upload = SimpleUploadedFile("项目台账.csv", data, content_type="text/csv")
    runs.append(services.import_start(actor=director, kind="projects", upload=upload))


PHASES = [
    ("start (read, store)", start),
    ("preview (dry run)", lambda _director, _data, runs: services.import_preview(run_id=runs[-1].pk)),
    ("commit (valid only)", lambda _d, _data, runs: services.import_commit(run_id=runs[-1].pk, valid_only=True)),
    ("re-import start", start),
    ("re-import preview", lambda _director, _data, runs: services.import_preview(run_id=runs[-1].pk)),
]


def main(sizes: list[int]) -> None:
    print(f"{'rows':>7} {'phase':<22} {'seconds':>8} {'rows/s':>7} {'ms/row':>7} {'queries/row':>12} "
          f"{'× hello':>8} {'× in':>6}   result")  # fmt: skip
    for rows in sizes:
        reset()
        director = people()
        data = ledger(rows, random.Random(2026))
        hello, hello_in = hello_ms(director)
        print(f"{rows:>7,} {'hello world':<22} {'':>8} {'':>7} {hello:>7.2f}")
        print(f"{rows:>7,} {'hello world, logged in':<22} {'':>8} {'':>7} {hello_in:>7.2f}")

        runs: list[ImportRun] = []
        for label, phase in PHASES:
            seconds, queries = timed(phase, director, data, runs)
            run = ImportRun.objects.get(pk=runs[-1].pk)
            outcome = f"{run.get_status_display()}: +{run.created} ~{run.updated} ={run.unchanged} !{run.errors}"
            per_row = seconds * 1000 / rows
            print(f"{rows:>7,} {label:<22} {seconds:>8.1f} {rows / seconds:>7.0f} {per_row:>7.2f} "
                  f"{queries / rows:>12.1f} {per_row / hello:>8.0f} {per_row / hello_in:>6.1f}   {outcome}",
                  flush=True)  # fmt: skip
        print(f"{rows:>7,} projects stored: {Project.objects.count():,}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20_000])
