"""Login locks (core.lockouts) as administrators see them at /teams/lockouts/: who is locked, the failure
log, and lifting a lock. Every lift is logged to `juneng.security` with who lifted what."""

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.models import Membership
from teams.permissions import check_can_manage_lockouts

log = logging.getLogger("juneng.security")
MAX_LOCKS_SHOWN = 200


@dataclass
class Lock:
    value: str  # the username or the address
    failures: int
    last_failure: datetime
    locked_until: datetime
    addresses: int = 0  # accounts: from how many addresses
    member: Membership | None = None


def _locks(group_by: str, limit: int) -> list[Lock]:
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=threshold)
        .exclude(**{f"{group_by}__isnull": True})
        .values(group_by)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"), addresses=Count("ip_address"))
        .filter(failures__gte=limit)
        .order_by("-last")[:MAX_LOCKS_SHOWN]
    )
    return [
        Lock(
            value=row[group_by],
            failures=row["failures"],
            last_failure=row["last"],
            locked_until=row["last"] + settings.AXES_COOLOFF_TIME,
            addresses=row["addresses"],
        )
        for row in rows
    ]


def _members_by_username(usernames) -> dict[str, Membership]:
    memberships = Membership.objects.annotate(login=Lower("user__username")).filter(login__in=list(usernames))
    return {m.login: m for m in memberships}


def login_lock_list() -> dict[str, list[Lock]]:
    """The accounts and client addresses locked now (core.lockouts explains the two limits)."""
    accounts = _locks("username", settings.AXES_FAILURE_LIMIT)
    members = _members_by_username(lock.value for lock in accounts)
    for lock in accounts:
        lock.member = members.get(lock.value)
    return {"accounts": accounts, "addresses": _locks("ip_address", settings.LOGIN_ADDRESS_FAILURE_LIMIT)}


def login_failure_list() -> QuerySet[AccessFailureLog]:
    """Every failed login axes logged, newest first (paginate it)."""
    return AccessFailureLog.objects.order_by("-attempt_time", "-pk")


def login_failure_members(failures) -> dict[str, Membership]:
    return _members_by_username({f.username for f in failures if f.username})


def login_lock_lift(*, actor: User, username: str = "", ip_address: str = "") -> int:
    """Lift the lock on one account or one client address (its counted failures are removed; the failure
    log stays). Returns how many attempt rows were removed; 0 means there was nothing to lift."""
    check_can_manage_lockouts(actor)
    if bool(username) == bool(ip_address):
        raise ValidationError(_("Say which account or which address to unlock."), code="lock_target")
    if username:
        count = reset(username=username)
    else:
        count = reset(ip=ip_address)
    if not count:
        raise ValidationError(_("There is no lock on %(target)s.") % {"target": username or ip_address}, code="no_lock")
    log.warning(
        "Login lock lifted by %s (user id %s): %s %s (%s attempt rows removed)",
        actor.get_username(),
        actor.pk,
        "account" if username else "address",
        username or ip_address,
        count,
    )
    return count
