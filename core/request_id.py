"""One id per request, on every log line the request causes — in the web process and in the Celery tasks
it enqueues — so that an operator can follow one click from the proxy's access log to the worker.

The proxy's `X-Request-ID` is kept when it is a sane token (so its log and ours share the id), otherwise
one is made up; the response carries it back. The id lives in a contextvar: each thread (and each asyncio
task) sees its own."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest

HEADER = "X-Request-ID"
# The name of the Celery message header carrying the id from the publisher to the worker.
TASK_HEADER = "juneng_request_id"
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return request_id.get()


def accepted_or_new(incoming: str | None) -> str:
    """The proxy's id when it is 1–64 letters, digits, dots, dashes or underscores (anything else could
    forge log lines or flood them); otherwise a new random one."""
    if incoming and SANE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every line logged while the request is handled — by the other
    middleware too — carries the id, and every response (redirects and errors included) returns it.

    The id is not reset when the response leaves the middleware: Django logs "Not Found" and other 4xx
    answers after the middleware chain has returned. It is cleared when the request has finished
    (`request_finished`, see `clear_request_id`), so nothing after it inherits it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.request_id = accepted_or_new(request.headers.get(HEADER))
        request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def clear_request_id(**kwargs) -> None:
    """Receiver of Django's request_finished signal."""
    request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` (None outside a request or task) to every record a handler sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


# --- Celery: the id travels in the message headers ---------------------------------------------------------

_task_tokens: dict[str, object] = {}


def put_request_id_into_task_headers(headers: dict | None = None, **kwargs) -> None:
    """Receiver of Celery's before_task_publish, in the process that enqueues (a web request, a task)."""
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault(TASK_HEADER, current)


def set_request_id_for_task(task_id: str | None = None, task=None, **kwargs) -> None:
    """Receiver of task_prerun, in the worker: the enqueuing request's id; a task without one (beat's,
    or published by code outside a request) is known by its task id. Celery gathers a message's custom
    headers into `task.request.headers` (in a worker and in `apply(headers=...)`); a worker also sets them
    as attributes of `task.request`, read as a fallback."""
    task_request = getattr(task, "request", None)
    custom_headers = getattr(task_request, "headers", None) or {}
    carried = custom_headers.get(TASK_HEADER) or getattr(task_request, TASK_HEADER, None)
    if not (carried and SANE_ID.fullmatch(str(carried))):
        carried = request_id.get() or task_id  # an eager run inside a request keeps the request's id
    if task_id:
        _task_tokens[task_id] = request_id.set(carried)


def reset_request_id_after_task(task_id: str | None = None, **kwargs) -> None:
    """Receiver of task_postrun: back to what it was before the task, so the next task starts clean."""
    token = _task_tokens.pop(task_id, None) if task_id else None
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:  # set in another context (a pool that moved the task): clear instead
            request_id.set(None)


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(put_request_id_into_task_headers, dispatch_uid="juneng_request_id_publish")
    task_prerun.connect(set_request_id_for_task, dispatch_uid="juneng_request_id_prerun")
    task_postrun.connect(reset_request_id_after_task, dispatch_uid="juneng_request_id_postrun")
