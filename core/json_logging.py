"""Log lines as JSON objects, one a line (`LOG_FORMAT=json`), for a log collector to index without
parsing: time, level, logger, message, the request id, and the traceback when there is one."""

import json
import logging
from datetime import UTC, datetime

from core.request_id import current_request_id


class JsonFormatter(logging.Formatter):
    """A plain Formatter subclass, so that LOGGING names it like any other and handlers need nothing else.
    Chinese stays readable (no \\u escapes); values JSON does not know are written as their str()."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def keep_django_logging(**kwargs) -> None:
    """Receiver of Celery's setup_logging signal: a worker or beat started with LOG_FORMAT=json logs through
    Django's LOGGING (JSON lines with the request id) instead of Celery replacing the root handlers with
    its own text format. Connected only in that case, so development keeps Celery's familiar output."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
