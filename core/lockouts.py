"""Password-guessing protection: how Juneng uses django-axes (configured in settings, "AXES_*").

Two locks, each with its own limit, both counted over the failures of the last cool-off period
(`AXES_COOLOFF_TIME` after the latest failure):

- an **account** is locked after `AXES_FAILURE_LIMIT` failures (5) for its username, from any address —
  so guessing one person's password from many machines is stopped too;
- a **client address** is locked after `LOGIN_ADDRESS_FAILURE_LIMIT` failures (50) for any usernames —
  higher, because a whole center reaches Juneng through one NAT address, and one person's typos must not
  lock their colleagues out; it stops one machine trying a few passwords on every account.

axes compares one number with one limit, so `LoginLockoutHandler.get_failures` reports an address over
its own limit as the account limit reached. A locked login is refused even with the right password and
answered by `lockout_response`: the login page again, HTTP 429, saying until when.
"""

import logging
from datetime import datetime

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

log = logging.getLogger("juneng.security")


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username a failure is counted against: stripped and lower-cased, so `Admin ` and `admin`
    share one count."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username")
    return value.strip().lower() if value else None


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address. Behind the TLS proxy (`BEHIND_TLS_PROXY`) REMOTE_ADDR is the proxy's, so
    take the right-most X-Forwarded-For entry: the one the proxy appended (the left ones are the client's
    to invent)."""
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


class LoginAttemptBackend(AxesStandaloneBackend):
    """axes' backend (refuses a locked login before any password is checked). Authentication without a
    request (Django's test client, a shell) cannot be guessed at from outside, so it is not counted."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit for a client address (see the module)."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        by_username, by_address = self.get_user_attempts(request, credentials)
        failures = _failures(by_username)
        if _failures(by_address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful login clears that account's failures only, not its colleagues' at the address."""
        by_username = self.filter_user_attempts(request, credentials)[0]
        count, _ = by_username.delete()
        return count


def locked_until(*, username: str | None, ip_address: str | None) -> datetime | None:
    """When the lock on this account or address ends (the latest failure plus the cool-off), if locked."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=threshold)
    ends = []
    for attempts, limit in (
        (recent.filter(username=username), settings.AXES_FAILURE_LIMIT),
        (recent.filter(ip_address=ip_address), settings.LOGIN_ADDRESS_FAILURE_LIMIT),
    ):
        totals = attempts.aggregate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        if (totals["total"] or 0) >= limit:
            ends.append(totals["last"] + settings.AXES_COOLOFF_TIME)
    return max(ends) if ends else None


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """The login page again, with a translated message saying when to try again (HTTP 429)."""
    username = login_username(request, credentials)
    until = locked_until(username=username, ip_address=getattr(request, "axes_ip_address", None))
    until = until or timezone.now() + (get_cool_off(request) or settings.AXES_COOLOFF_TIME)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    message = _(
        "Too many failed logins: logging in is locked until %(time)s (about %(minutes)s minutes). "
        "Please try again then, or ask an administrator to lift the lock."
    ) % {"time": timezone.localtime(until).strftime("%H:%M"), "minutes": minutes}
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    context = {"form": form, "lockout_message": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
