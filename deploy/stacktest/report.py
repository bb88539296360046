"""What the stack test prints and judges: the requests by endpoint (rates, latencies and their ratios to
the login page), what happened around the kill, what nginx passed to the other server, and the database's
side of the story (writes, reminders). Returns the failures; an empty list is a pass."""

import os
import re
from collections import Counter
from pathlib import Path

from load import summarise


def _in_window(sample, window: tuple[float, float]) -> bool:
    """A request that was in flight at any moment of the window."""
    return sample.started <= window[1] and sample.started + sample.seconds >= window[0]


def _nginx_passes(access_log: Path) -> Counter:
    """Requests nginx sent to a second server (two addresses in $upstream_addr), by first server's status."""
    passes = Counter()
    for line in access_log.read_text().splitlines() if access_log.exists() else []:
        found = re.search(r" up=(\S+), (\S+) up_status=(\S+),", line)
        if found:
            passes[found.group(3)] += 1
    return passes


def print_table(rows: list[dict]) -> None:
    columns = list(rows[0])
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for row in rows:
        cells = [f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
                 for value in row.values()]  # fmt: skip
        print(" | ".join(str(cell) for cell in cells))


def print_report(stack, run: dict, settled: float, recruiters: int, directors: int) -> list[str]:
    import center  # noqa: PLC0415 — Django is set up by then (run.setup)

    failures = []
    samples = run["recorder"].samples
    window = run["window"]
    start = run["load_started"]
    clients = {"contact log (POST)": recruiters, "log form (GET)": recruiters, "dashboard (GET)": directors,
               "project list (GET)": directors, "login page": 1, "log in (POST)": recruiters + directors,
               "login page (before logging in)": recruiters + directors}  # fmt: skip
    print(f"\nLoad: {run['load_seconds']:.0f} s, {recruiters} recruiters, {directors} directors, 1 anonymous client;"
          f" {len(samples):,} requests; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")  # fmt: skip
    print_table(summarise(samples, run["load_seconds"], clients))

    bad_outside = [s for s in samples if not s.ok and (s.status >= 500 or s.status == 0) and not _in_window(s, window)]
    seen_in_window = [s for s in samples if not s.ok and (s.status >= 500 or s.status == 0) and _in_window(s, window)]
    unexpected = [s for s in samples if not s.ok and 0 < s.status < 500 and not s.note]
    signed_out = [s for s in samples if s.note == "sent to the login page"]
    print(f"\nKill window: t={window[0] - start:.1f}–{window[1] - start:.1f} s (web1's master and worker1"
          f" SIGKILLed, both restarted after {run['restarted_after']:.1f} s, +{run['grace']:.0f} s grace)")  # fmt: skip
    print(f"  web1's {len(run['orphans'])} workers, SIGTERMed, exited within {run['orphans_exit']:.1f} s")
    print(f"  failures the client saw in the window: {len(seen_in_window)}"
          f" ({dict(Counter((s.endpoint, s.status) for s in seen_in_window))})")  # fmt: skip
    passes = _nginx_passes(stack.workdir / "nginx" / "access.log")
    print(
        f"  requests nginx passed to the other server: {sum(passes.values())} (first server's answer: {dict(passes)})"
    )
    for label, group in (("5xx/no answer outside the window", bad_outside), ("unexpected answers", unexpected),
                         ("sent to the login page after logging in", signed_out)):  # fmt: skip
        print(f"  {label}: {len(group)}")
        if group:
            failures.append(
                f"{len(group)} {label}: {[(s.endpoint, s.status, round(s.started - start, 1)) for s in group[:5]]}"
            )

    posts = [s for s in samples if s.endpoint == "contact log (POST)"]
    writes = center.check_writes(
        run["prefix"], {s.marker for s in posts if s.ok}, {s.marker for s in posts if not s.ok}
    )
    print("\nWrites: " + ", ".join(f"{key}: {len(v) if isinstance(v, list) else v}" for key, v in writes.items()))
    for key in (
        "lost (succeeded, not in database)",
        "written twice",
        "unknown markers in database",
        "follow-ups missing",
    ):
        if writes[key]:
            failures.append(f"{key}: {writes[key][:10]}")

    reminders = center.check_reminders(run["prefix"])
    print(
        f"Reminders (settled {settled:.0f} s after the load): " + ", ".join(f"{k}: {v}" for k, v in reminders.items())
    )
    for key in ("not sent", "more than one delivery", "without notification", "more than one notification",
                "failed or given up (any reminder)"):  # fmt: skip
        if reminders[key]:
            failures.append(f"reminders {key}: {reminders[key]}")
    if reminders["of this run"] < writes["succeeded (client)"]:
        failures.append(f"only {reminders['of this run']} of {writes['succeeded (client)']} follow-ups are due today")
    return failures
