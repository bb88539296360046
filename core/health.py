"""The checks behind /healthz: can this web process reach its database and its Celery broker?

A load balancer asks every few seconds, so each check is one cheap round trip with a short bound, and a
failure is logged here with its reason while the answer says nothing but "unavailable" (hostnames and
exception texts are for the operator's logs, not for whoever can reach the port)."""

import logging
import os
from pathlib import Path

from celery import Celery
from django.db import connections

logger = logging.getLogger("juneng.health")

# Seconds the broker check waits, for connecting and for the answer: under a load balancer's usual
# interval, and never longer than the broker timeouts of the settings.
BROKER_CHECK_TIMEOUT = 2


def database_reachable(alias: str = "default") -> bool:
    """One trivial query on the connection the request would use (opened if needed)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # whatever the driver raises, the answer is the same: not reachable
        logger.error("health check: database %r unreachable: %s: %s", alias, type(exc).__name__, exc)
        return False
    return True


def broker_reachable(app: Celery | None = None) -> bool:
    """A fresh connection to the app's broker, never one from the app's pool: a failed check must not leave
    a broken connection where the next task send would take it. The embedded filesystem broker has no
    server; it is reachable when its queue folders exist and this process may write to them."""
    if app is None:
        from config.celery import app
    url = app.conf.broker_write_url or ""
    if url.startswith("filesystem://"):
        return _queue_folders_writable(app)
    options = {
        **(app.conf.broker_transport_options or {}),
        "socket_connect_timeout": BROKER_CHECK_TIMEOUT,
        "socket_timeout": BROKER_CHECK_TIMEOUT,
    }
    connection = app.connection_for_write(connect_timeout=BROKER_CHECK_TIMEOUT, transport_options=options)
    try:
        # Redis answers a PING as the channel opens; no retries: the load balancer asks again soon.
        connection.ensure_connection(max_retries=0, timeout=BROKER_CHECK_TIMEOUT)
    except Exception as exc:  # connection refused, timeout, authentication: all mean unreachable
        logger.error("health check: broker unreachable: %s: %s", type(exc).__name__, exc)
        return False
    finally:
        connection.release()
    return True


def _queue_folders_writable(app: Celery) -> bool:
    options = app.conf.broker_transport_options or {}
    folders = {options.get("data_folder_in"), options.get("data_folder_out")} - {None}
    if not folders:
        logger.error("health check: the filesystem broker has no queue folder configured")
        return False
    for folder in sorted(folders):
        path = Path(folder)
        if not path.is_dir() or not os.access(path, os.W_OK | os.X_OK):
            logger.error("health check: broker queue folder %s is missing or not writable", path)
            return False
    return True
