"""Every request has an id — the proxy's when sane, else a new one — returned in `X-Request-ID`, written on
each log line the request causes (JSON lines with LOG_FORMAT=json) and carried into the tasks it enqueues."""

import json
import logging
import os
import re
import subprocess
import sys
import threading

import pytest
from django.urls import reverse
from kombu import Queue
from kombu.simple import SimpleQueue

from config.celery import create_app
from core.json_logging import JsonFormatter
from core.request_id import TASK_HEADER, RequestIdFilter, current_request_id, request_id

pytestmark = pytest.mark.django_db
NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture(autouse=True)
def _no_request_id_yet():
    """Each test starts outside any request, whatever an earlier test's unclosed response left behind."""
    token = request_id.set(None)
    yield
    request_id.reset(token)


@pytest.fixture
def json_lines():
    """What the console handler writes with LOG_FORMAT=json: the settings' filter and formatter."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


def _entries(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]  # every line must be one JSON object


def test_the_proxys_id_is_echoed(client):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="lb-7f3a.9_Z-1")
    assert response["X-Request-ID"] == "lb-7f3a.9_Z-1"


def test_without_an_id_one_is_made_up(client):
    first, second = client.get(reverse("login")), client.get(reverse("login"))
    assert NEW_ID.fullmatch(first["X-Request-ID"]) and NEW_ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("insane", ["x" * 65, "two words", "id\nFAKE LOG LINE", "<script>", "id;rm", "日志"])
def test_an_insane_incoming_id_is_replaced(client, insane):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID=insane)
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_redirects_carry_the_id_too(client):
    response = client.get(reverse("activities:my_day"), HTTP_X_REQUEST_ID="abc")
    assert response.status_code == 302 and response["X-Request-ID"] == "abc"


def test_a_line_logged_during_a_request_carries_its_id_as_json(client, json_lines):
    """A failed login: axes logs it from inside the request."""
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"}, HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 200
    entries = _entries(json_lines)
    during = [entry for entry in entries if entry["logger"].startswith("axes")]
    assert during, entries
    for entry in during:
        assert entry["request_id"] == "req-42"
        assert {"time", "level", "logger", "message", "request_id"} <= set(entry)


def test_djangos_not_found_line_after_the_middleware_carries_the_id(client, json_lines, recruiter_member):
    """Django logs 4xx answers after the middleware chain has returned: the id must still be there."""
    client.force_login(recruiter_member.user)
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    not_found = [entry for entry in _entries(json_lines) if entry["logger"] == "django.request"]
    assert not_found and all(entry["request_id"] == "req-404" for entry in not_found)


def test_after_the_request_the_thread_has_no_id(client):
    client.get(reverse("login"), HTTP_X_REQUEST_ID="req-done")
    assert current_request_id() is None


def test_a_json_line_holds_the_traceback(json_lines):
    try:
        raise ValueError("坏了")
    except ValueError:
        logging.getLogger("juneng.tests").exception("处理失败")
    (entry,) = [entry for entry in _entries(json_lines) if entry["logger"] == "juneng.tests"]
    assert entry["level"] == "ERROR" and entry["message"] == "处理失败" and entry["request_id"] is None
    assert "Traceback" in entry["exc_info"] and "ValueError: 坏了" in entry["exc_info"]
    assert "处理失败" in json_lines[-1]  # Chinese as itself, not \\u escapes


# --- into Celery tasks ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def memory_app():
    """A Celery app on kombu's in-process memory broker, with a task that logs a line: publishing is real
    (before_task_publish runs), and the message can be read back and run as a worker runs it."""
    app = create_app("juneng-request-id", broker_url="memory://", result_backend=None, task_always_eager=False)

    @app.task(name="tests.request_id.log_a_line")
    def log_a_line():
        logging.getLogger("juneng.tests.task").warning("任务执行")
        return current_request_id()

    return app


def _run_in_a_fresh_thread(function):
    """Another thread starts with an empty context, as a worker process does: an id seen there came with
    the message, not from the publishing thread's contextvar."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(result=function(), after=current_request_id()))
    thread.start()
    thread.join()
    return outcome


def test_a_task_enqueued_in_a_request_runs_with_the_requests_id(memory_app, json_lines):
    queue_name = "juneng-tests-request-id"
    token = request_id.set("req-task-1")  # what RequestIdMiddleware does at the start of a request
    try:
        memory_app.send_task("tests.request_id.log_a_line", queue=queue_name)
    finally:
        request_id.reset(token)

    with memory_app.connection_for_read() as connection:
        message = SimpleQueue(connection, Queue(queue_name)).get(timeout=2)
        assert message.headers[TASK_HEADER] == "req-task-1"  # published with the header

        from celery.worker.request import Request

        task = memory_app.tasks["tests.request_id.log_a_line"]
        outcome = _run_in_a_fresh_thread(lambda: Request(message, app=memory_app, task=task).execute())
    (line,) = [entry for entry in _entries(json_lines) if entry["logger"] == "juneng.tests.task"]
    assert line["request_id"] == "req-task-1"
    assert outcome["after"] is None  # task_postrun put the worker thread back as it was


def test_an_eager_task_inside_a_request_keeps_the_requests_id(memory_app, json_lines):
    """Eager runs skip publishing; task_prerun keeps the id the request already set."""
    memory_app.conf.task_always_eager = True
    token = request_id.set("req-eager")
    try:
        result = memory_app.tasks["tests.request_id.log_a_line"].delay()
        assert current_request_id() == "req-eager"  # postrun restored the request's own id
    finally:
        request_id.reset(token)
        memory_app.conf.task_always_eager = False
    assert result.get() == "req-eager"
    (line,) = [entry for entry in _entries(json_lines) if entry["logger"] == "juneng.tests.task"]
    assert line["request_id"] == "req-eager"


def test_an_applied_run_takes_the_id_from_its_headers(memory_app):
    task = memory_app.tasks["tests.request_id.log_a_line"]
    outcome = _run_in_a_fresh_thread(lambda: task.apply(headers={TASK_HEADER: "req-applied"}).get())
    assert outcome == {"result": "req-applied", "after": None}


def test_a_task_from_outside_any_request_is_known_by_its_task_id(memory_app):
    task = memory_app.tasks["tests.request_id.log_a_line"]
    outcome = _run_in_a_fresh_thread(lambda: task.apply(task_id="beat-task-1").get())
    assert outcome["result"] == "beat-task-1"


# --- LOG_FORMAT -------------------------------------------------------------------------------------------


def _log_a_line_in_a_fresh_process(tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "LOG_FORMAT"}
    environment |= {"JUNENG_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"} | env
    code = "import django, logging; django.setup(); logging.getLogger('juneng.tests').warning('启动完成')"
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)


def test_log_format_json_writes_one_json_object_a_line(tmp_path):
    result = _log_a_line_in_a_fresh_process(tmp_path, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    assert {"logger": "juneng.tests", "message": "启动完成", "level": "WARNING", "request_id": None}.items() <= (
        entries[-1].items()
    )


def test_the_default_stays_the_human_format(tmp_path):
    result = _log_a_line_in_a_fresh_process(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1].endswith("WARNING juneng.tests: 启动完成")


def test_an_unknown_log_format_is_refused(tmp_path):
    result = _log_a_line_in_a_fresh_process(tmp_path, LOG_FORMAT="xml")
    assert result.returncode != 0 and "LOG_FORMAT must be 'plain' or 'json'" in result.stderr
