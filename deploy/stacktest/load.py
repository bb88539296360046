"""The load client: one thread per person, each with its own session (cookies), as browsers would be.
Recruiters log in and then log contacts (记一笔) with a follow-up due today, one after another, each with a
unique marker; directors read the dashboard and the project list; one anonymous client reads the login
page, the floor every other figure is compared with. Redirects are never followed, so that a request sent
back to the login page (someone signed out) is seen as such.

`requests` (a dev requirement, already in the venv) and threads are enough here: the client waits on the
network, and 24 threads leave the two cores to the stack."""

import re
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import requests

LOGIN_PATH = "/accounts/login/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Sample:
    endpoint: str
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no HTTP answer at all
    ok: bool
    marker: str = ""
    note: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Client:
    """One person's browser."""

    def __init__(self, base_url: str, recorder: Recorder, stop: threading.Event):
        self.base_url, self.recorder, self.stop = base_url, recorder, stop
        self.session = requests.Session()

    def request(self, endpoint: str, method: str, path: str, check, marker: str = "", **kwargs) -> tuple[Sample, str]:
        """Send, time and record one request; `check(response)` says whether it is the expected answer.
        Returns the sample and the body ("" when there was no answer)."""
        started = time.monotonic()
        try:
            response = self.session.request(method, self.base_url + path, allow_redirects=False, timeout=90, **kwargs)
        except requests.RequestException as error:
            sample = Sample(endpoint, started, time.monotonic() - started, 0, False, marker, str(error)[:200])
            self.recorder.add(sample)
            return sample, ""
        seconds = time.monotonic() - started
        signed_out = LOGIN_PATH in response.headers.get("Location", "")
        note = "sent to the login page" if signed_out else ""
        sample = Sample(endpoint, started, seconds, response.status_code, check(response) and not note, marker, note)
        self.recorder.add(sample)
        return sample, response.text

    def token(self, endpoint: str, path: str) -> str | None:
        _sample, body = self.request(endpoint, "GET", path, _is_200)
        found = TOKEN.search(body)
        return found.group(1) if found else None

    def log_in(self, username: str, password: str) -> bool:
        """Until it works (the first tries may meet a stack still failing over)."""
        while not self.stop.is_set():
            token = self.token("login page (before logging in)", LOGIN_PATH)
            if token:
                sample, _body = self.request(
                    "log in (POST)", "POST", LOGIN_PATH, _logged_in,
                    data={"username": username, "password": password, "csrfmiddlewaretoken": token},
                    headers={"Referer": self.base_url + LOGIN_PATH},
                )  # fmt: skip
                if sample.ok:
                    return True
            time.sleep(0.5)
        return False


def _is_200(response) -> bool:
    return response.status_code == 200


def _logged_in(response) -> bool:
    return response.status_code == 302 and LOGIN_PATH not in response.headers.get("Location", "")


def recruiter(base_url, recorder, stop, person, prefix: str, today: str) -> None:
    client = Client(base_url, recorder, stop)
    if not client.log_in(person.username, person.password):
        return
    form_path = f"/log/?project={person.project_id}"
    token = None
    number = 0
    while not stop.is_set():
        token = token or client.token("log form (GET)", form_path)
        if not token:
            time.sleep(0.5)
            continue
        number += 1
        marker = f"{person.username}-{number}"
        expected = f"/projects/{person.project_id}/"
        client.request(
            "contact log (POST)", "POST", "/log/",
            lambda r, expected=expected: r.status_code == 302 and r.headers.get("Location") == expected,
            marker=marker,
            data={
                "csrfmiddlewaretoken": token, "project": person.project_id, "channel": "phone",
                "summary": f"{prefix} {marker}", "next_step": f"回电 {prefix} {marker}",
                "follow_up_due_date": today,
            },
            headers={"Referer": base_url + form_path},
        )  # fmt: skip


def director(base_url, recorder, stop, person) -> None:
    client = Client(base_url, recorder, stop)
    if not client.log_in(person.username, person.password):
        return
    while not stop.is_set():
        client.request("dashboard (GET)", "GET", "/dashboard/", _is_200)
        client.request("project list (GET)", "GET", "/projects/", _is_200)


def anonymous(base_url, recorder, stop) -> None:
    client = Client(base_url, recorder, stop)
    while not stop.is_set():
        client.session.cookies.clear()
        client.request("login page", "GET", LOGIN_PATH, _is_200)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def summarise(samples: list[Sample], seconds: float, clients: dict[str, int]) -> list[dict]:
    """Per endpoint: requests, req/s (all clients, and per client), p50/p99 of the successful ones and
    their ratios to the login page's, measured in the same run."""
    by_endpoint = defaultdict(list)
    for sample in samples:
        by_endpoint[sample.endpoint].append(sample)
    floor = [s.seconds for s in by_endpoint["login page"] if s.ok]
    floor_p50, floor_p99 = statistics.median(floor), percentile(floor, 0.99)
    floor_rate = len(floor) / seconds / clients["login page"]
    rows = []
    for endpoint, group in sorted(by_endpoint.items(), key=lambda item: -len(item[1])):
        times = [s.seconds for s in group if s.ok]
        rate = len(times) / seconds
        per_client = rate / clients.get(endpoint, 1)
        rows.append({
            "endpoint": endpoint, "requests": len(group), "failed": len(group) - len(times),
            "req/s": rate, "req/s per client": per_client, "÷ login page (per client)": per_client / floor_rate,
            "p50 ms": statistics.median(times) * 1000 if times else float("nan"),
            "p99 ms": percentile(times, 0.99) * 1000,
            "p50 × login page": statistics.median(times) / floor_p50 if times else float("nan"),
            "p99 × login page": percentile(times, 0.99) / floor_p99,
        })  # fmt: skip
    return rows
