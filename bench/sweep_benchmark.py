"""Benchmark the due-reminder sweep (run on demand, not part of `make test`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/juneng_bench \
        .venv/bin/python bench/sweep_benchmark.py 10000 100000

For each size N it fills a fresh PostgreSQL database with N open follow-ups of which 10% are due today
(the rest later), then reports:
  - plain SQL: the SELECT that finds the due rows (the lower bound of any sweep);
  - first sweep: finding the due rows and writing their delivery rows (in-app + email per person);
  - next sweep: the same minute's sweep again, once everything due is written (the steady state);
and the ratios of the sweeps to the plain query. Medians of 5 runs where a run does not change data.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/juneng_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from activities.models import FollowUp  # noqa: E402
from crm.models import Company  # noqa: E402
from reminders import services  # noqa: E402
from reminders.models import Delivery, ReminderPolicy  # noqa: E402
from teams.models import Membership, Team  # noqa: E402

PEOPLE = 200


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def fill(total: int) -> None:
    team = Team.objects.create(name="招商一组", code="G1")
    users = User.objects.bulk_create(
        [User(username=f"r{i}", email=f"r{i}@example.cn", password="!") for i in range(PEOPLE)]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, display_name=f"专员{i}", team=team, role="recruiter") for i, u in enumerate(users)]
    )
    company = Company.objects.create(name="基准测试企业", normalized_name="基准测试企业", created_by=users[0])
    today = timezone.localdate()
    batch = []
    for i in range(total):
        due = today if i % 10 == 0 else today + timedelta(days=1 + i % 60)
        owner = users[i % PEOPLE]
        batch.append(
            FollowUp(title=f"跟进{i}", due_date=due, owner=owner, team=team, company=company, created_by=owner)
        )
        if len(batch) == 20000:
            FollowUp.objects.bulk_create(batch)
            batch = []
    FollowUp.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"due_time": "00:00"})


def timed(function, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def plain_sql() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.id, f.title, f.due_date, f.owner_id FROM activities_followup f"
            " JOIN auth_user u ON u.id = f.owner_id WHERE f.status = 'open' AND f.due_date = %s AND u.is_active",
            [timezone.localdate()],
        )
        cursor.fetchall()


def main(sizes: list[int]) -> None:
    print(f"{'follow-ups':>11} {'due':>7} {'plain SQL':>10} {'1st sweep':>10} {'rows':>7} {'next sweep':>11} "
          f"{'1st/SQL':>8} {'next/SQL':>9}")  # fmt: skip
    for total in sizes:
        reset()
        started = time.perf_counter()
        fill(total)
        fill_seconds = time.perf_counter() - started
        sql = timed(plain_sql)
        started = time.perf_counter()
        services.sweep_follow_ups()
        first = time.perf_counter() - started
        rows = Delivery.objects.count()
        steady = timed(services.sweep_follow_ups)
        due = total // 10
        print(f"{total:>11,} {due:>7,} {sql * 1000:>8.1f}ms {first * 1000:>8.0f}ms {rows:>7,} {steady * 1000:>9.1f}ms "
              f"{first / sql:>8.1f} {steady / sql:>9.2f}   (filled in {fill_seconds:.0f}s)")  # fmt: skip


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
