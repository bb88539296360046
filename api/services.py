"""Token lifecycle: create (the clear token is returned once, never stored), revoke, authenticate."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken

TOKEN_PREFIX = "jn_"
MAX_DAYS = 366
MAX_ACTIVE_TOKENS = 20


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """The new token and its clear text `jn_<prefix>_<secret>`, which the caller shows once."""
    name = (name or "").strip()
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = _("Give the token a name of at most 100 characters.")
    if scope not in ApiToken.Scope.values:
        errors["scope"] = _("Choose read only or read and write.")
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = _("A token lasts between 1 and %(max)d days.") % {"max": MAX_DAYS}
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
    if active.count() >= MAX_ACTIVE_TOKENS:
        errors["name"] = _("You have %(max)d active tokens: revoke one first.") % {"max": MAX_ACTIVE_TOKENS}
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=_hash(secret), scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )  # fmt: skip
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token matching `raw`, or None (unknown, wrong secret, expired, revoked, inactive user)."""
    if not raw.startswith(TOKEN_PREFIX) or raw.count("_") < 2 or len(raw) > 200:
        return None
    prefix, _sep, secret = raw[len(TOKEN_PREFIX) :].partition("_")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most one write per 5 minutes
    return token
