"""A person's calendar feed (iCal subscription): one secret URL per person, of which only a hash is kept.

The calendar itself has no rows of its own: its items come from the apps below it (see providers.py)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """The secret-token URL a phone or desktop calendar subscribes to. Like a password reset token, the token
    is shown once when created; only its SHA-256 is stored, so a copy of the database cannot be used to read
    anyone's calendar. Revoking deletes the row; regenerating replaces the hash (the old URL stops working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash_token(token: str) -> str:
        """SHA-256 of the token, as stored. The token is 256 random bits, so no salt or slow hash is needed."""
        return hashlib.sha256(token.encode()).hexdigest()
