"""Benchmark the director dashboard (run on demand, not part of `make test`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/juneng_bench \\
        .venv/bin/python bench/dashboard_benchmark.py 10000:100000 100000:1000000

Each argument is PROJECTS:CONTACT_LOGS. The database is wiped and filled in bulk (5 groups × 20 people,
projects over all stages, statuses, channels and chains, signed across two years, approved stage moves,
contact logs over a year, open follow-ups), then the dashboard is requested 20 times as the director.
Reported: the median server time, the sum of the SQL it ran (the same statements re-run on their own,
median of 20), and their ratio — what Django and the template add on top of the database's work.
"""

import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/juneng_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the in-process client's host

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activities.models import ContactLog, FollowUp  # noqa: E402
from crm.models import Company  # noqa: E402
from projects.models import IndustryChain, Project, StageRequest  # noqa: E402
from projects.stages import STAGE_ORDER  # noqa: E402
from projects.stays import recompute_stays  # noqa: E402
from teams.models import Membership, Team  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
BATCH = 20_000


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def fill(projects: int, logs: int, rng: random.Random) -> None:
    teams = [Team.objects.create(name=f"招商{i}组", code=f"G{i}") for i in range(1, 6)]
    users = User.objects.bulk_create([User(username=f"u{i}", password="!") for i in range(100)])
    Membership.objects.bulk_create(
        [Membership(user=u, display_name=f"专员{i}", team=teams[i % 5], role="recruiter") for i, u in enumerate(users)]
    )
    director = User.objects.create(username="director", password="!")
    Membership.objects.create(user=director, display_name="主任", role="director")
    companies = Company.objects.bulk_create(
        [Company(name=f"企业{i}", normalized_name=f"企业{i}", created_by=users[0]) for i in range(projects // 10 + 1)]
    )
    chains = list(IndustryChain.objects.all())
    now = datetime.now(SHANGHAI)
    rows = []
    for i in range(projects):
        stage_index = min(int(rng.expovariate(0.45)), 7)
        owner = users[rng.randrange(100)]
        signed = stage_index >= 5
        signed_on = (now - timedelta(days=rng.randrange(700))).date() if signed else None
        rows.append(Project(
            name=f"项目{i}", company=companies[i // 10], owner_team_id=owner.membership.team_id, owner=owner,
            created_by=owner, stage=STAGE_ORDER[stage_index], stage_entered_at=now - timedelta(days=rng.randrange(200)),
            furthest_stage_index=stage_index,
            status=rng.choice(["active"] * 8 + ["paused", "dropped"]), status_reason="x",
            channel=rng.choice(["industry_chain", "fund", "ambassador", "other"]), chain=rng.choice(chains),
            planned_investment=rng.randrange(1000, 300000), signed_on=signed_on,
            contracted_amount=rng.randrange(1000, 300000) if signed else None,
            funds_in_place=rng.randrange(0, 100000) if signed else None,
            construction_started_on=signed_on + timedelta(days=60) if signed and stage_index >= 6 else None,
            planned_construction_date=signed_on + timedelta(days=rng.randrange(30, 120)) if signed else None,
            is_provincial_major=rng.random() < 0.02,
        ))  # fmt: skip
        if len(rows) == BATCH:
            Project.objects.bulk_create(rows)
            rows = []
    Project.objects.bulk_create(rows)
    Project.objects.update(created_at=now - timedelta(days=300))
    project_ids = list(Project.objects.values_list("pk", "stage", "owner_id", "owner_team_id"))
    moves = []
    for pk, stage, owner_id, team_id in project_ids:
        for index in range(STAGE_ORDER.index(stage)):
            decided = now - timedelta(days=250 - index * 30)
            moves.append(StageRequest(project_id=pk, from_stage=STAGE_ORDER[index], to_stage=STAGE_ORDER[index + 1],
                                      comment="x", requested_by_id=owner_id, team_id=team_id, status="approved",
                                      decided_by=director, decided_at=decided))  # fmt: skip
            if len(moves) == BATCH:
                StageRequest.objects.bulk_create(moves)
                moves = []
    StageRequest.objects.bulk_create(moves)
    recompute_stays()  # what the approvals would have written (projects/stays.py)
    channels = ["phone", "wechat", "video", "visit", "reception", "email", "meeting"]
    batch = []
    for _ in range(logs):
        pk, _stage, owner_id, _team_id = project_ids[rng.randrange(len(project_ids))]
        batch.append(ContactLog(project_id=pk, company_id=companies[0].pk, channel=rng.choice(channels),
                                author_id=owner_id, team=teams[owner_id % 5], summary="电话",
                                occurred_at=now - timedelta(minutes=rng.randrange(525_600))))  # fmt: skip
        if len(batch) == BATCH:
            ContactLog.objects.bulk_create(batch)
            batch = []
    ContactLog.objects.bulk_create(batch)
    with connection.cursor() as cursor:  # what the contact-log service keeps on each project
        cursor.execute(
            "UPDATE projects_project p SET last_contact_at = l.m FROM (SELECT project_id, MAX(occurred_at) AS m"
            " FROM activities_contactlog WHERE NOT is_deleted GROUP BY project_id) l WHERE l.project_id = p.id"
        )
    today = date.today()
    FollowUp.objects.bulk_create(
        [FollowUp(title="x", due_date=today + timedelta(days=rng.randrange(-10, 30)), owner=users[i % 100],
                  team=teams[i % 5], company=companies[0], created_by=users[0]) for i in range(projects // 5)]
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure() -> tuple[float, float, int]:
    client = Client()
    client.force_login(User.objects.get(username="director"))
    client.get("/dashboard/")  # warm up
    times = []
    for _ in range(20):
        started = time.perf_counter()
        assert client.get("/dashboard/").status_code == 200
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        client.get("/dashboard/")
    statements = [query["sql"] for query in captured.captured_queries]
    sql_times = []
    with connection.cursor() as cursor:
        for _ in range(20):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            sql_times.append(time.perf_counter() - started)
    return statistics.median(times), statistics.median(sql_times), len(statements)


def main(sizes: list[tuple[int, int]]) -> None:
    print(f"{'projects':>9} {'logs':>10} {'queries':>8} {'server':>9} {'SQL':>9} {'ratio':>6}")
    for projects, logs in sizes:
        reset()
        started = time.perf_counter()
        fill(projects, logs, random.Random(2026))
        filled = time.perf_counter() - started
        server, sql, queries = measure()
        print(f"{projects:>9,} {logs:>10,} {queries:>8} {server * 1000:>7.0f}ms {sql * 1000:>7.0f}ms "
              f"{server / sql:>6.2f}   (filled in {filled:.0f}s)", flush=True)  # fmt: skip


if __name__ == "__main__":
    pairs = [tuple(int(part) for part in arg.split(":")) for arg in sys.argv[1:]] or [(10_000, 100_000)]
    main(pairs)
