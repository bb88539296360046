"""Reminders: what is due lives in the database (follow-ups, projects, sign-offs); periodic sweeps find
it in SQL and write one `Delivery` per (object, kind, recipient, channel, period) — a unique constraint
makes a second sweep, a retried task or a second worker a no-op — then send it.

This app sits on top: teams ← crm ← projects ← activities ← reminders."""

from datetime import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teams.models import Team


class Kind(models.TextChoices):
    DUE = "due", _("Follow-up due")
    DUE_SOON = "due_soon", _("Follow-up in 30 minutes")
    OVERDUE = "overdue", _("Follow-up overdue")
    ESCALATION = "escalation", _("Overdue follow-up escalated to the group leader")
    STALE_PROJECT = "stale_project", _("No contact with a project")
    STUCK_STAGE = "stuck_stage", _("Project stuck in a stage")
    PENDING_SIGNOFF = "pending_signoff", _("Sign-off waiting")
    DAILY_DIGEST = "daily_digest", _("Daily digest")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
    # Registered by fieldwork (reminders/registry.py); reminders knows the names, not the trips.
    TRIP_REPORT_DUE = "trip_report_due", _("Trip report due soon")
    TRIP_REPORT_OVERDUE = "trip_report_overdue", _("Trip report overdue")
    RESERVATION_ENDING = "reservation_ending", _("Premises reservation ending")
    # Registered by aftercare: a landed company's service request due, overdue, escalated.
    REQUEST_DUE = "request_due", _("Service request due soon")
    REQUEST_OVERDUE = "request_overdue", _("Service request overdue")
    REQUEST_ESCALATION = "request_escalation", _("Overdue service request escalated")
    # Registered by supervision: a 督办 due soon, overdue, escalated, and the Monday 晾晒 to the group robot.
    SUPV_DUE = "supv_due", _("Supervision order due soon")
    SUPV_OVERDUE = "supv_overdue", _("Supervision order overdue")
    SUPV_ESCALATION = "supv_escalation", _("Overdue supervision order escalated")
    SUPV_RED_SUMMARY = "supv_red_summary", _("Overdue supervision orders to the group robot")


class ChannelKind(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("Email")
    WEBHOOK = "webhook", _("Group robot (WeCom/DingTalk)")


class ReminderPolicy(models.Model):
    """The center's defaults; one row, edited by administrators."""

    due_time = models.TimeField(_("due reminders at"), default=time(8, 30))
    due_soon_minutes = models.PositiveSmallIntegerField(
        _("minutes before a timed follow-up"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate to the group leader after (days overdue)"), default=3, validators=[MinValueValidator(1)]
    )
    stale_after_days = models.PositiveSmallIntegerField(
        _("stale project after (days without contact)"), default=14, validators=[MinValueValidator(1)]
    )
    stuck_after_days = models.PositiveSmallIntegerField(
        _("stuck stage after (days)"), default=60, validators=[MinValueValidator(1)]
    )
    signoff_after_days = models.PositiveSmallIntegerField(
        _("pending sign-off reminder after (days)"), default=2, validators=[MinValueValidator(1)]
    )
    digest_time = models.TimeField(_("daily digest at"), default=time(8, 0))
    weekly_digest_weekday = models.PositiveSmallIntegerField(
        _("weekly digest on (1 = Monday)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policy")

    def __str__(self) -> str:
        return str(_("Reminder policy"))

    @classmethod
    def current(cls) -> "ReminderPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class ReminderPreference(models.Model):
    """A person's switches: which kinds and channels they want, and quiet hours (no sends inside them;
    what falls due then is sent when they end)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    muted_kinds = models.JSONField(_("switched-off reminders"), default=list, blank=True)
    email_enabled = models.BooleanField(_("by email"), default=True)
    in_app_enabled = models.BooleanField(_("in the app"), default=True)
    quiet_start = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet until"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return str(self.user)

    def is_quiet_at(self, moment: time) -> bool:
        if self.quiet_start is None or self.quiet_end is None or self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= moment < self.quiet_end
        return moment >= self.quiet_start or moment < self.quiet_end  # across midnight, e.g. 22:00–07:00


class Delivery(models.Model):
    """One reminder to one person on one channel for one period. Written (unique) before anything is sent:
    the row is the claim that makes every later attempt at the same reminder a no-op."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Failed")

    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    object_type = models.CharField(_("about"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="deliveries",
    )  # fmt: skip
    team = models.ForeignKey(
        Team, verbose_name=_("group robot"), on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    period = models.CharField(
        _("period"), max_length=40, help_text=_("e.g. the day, so a daily reminder is sent once a day")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "recipient", "channel", "period"],
                condition=Q(recipient__isnull=False),
                name="delivery_once_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "team", "channel", "period"],
                condition=Q(team__isnull=False),
                name="delivery_once_per_group_robot",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | Q(team__isnull=False), name="delivery_has_a_destination"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient or self.team} ({self.get_channel_display()})"


class Notification(models.Model):
    """The in-app channel: what the bell counts and lists."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    delivery = models.OneToOneField(
        Delivery, on_delete=models.CASCADE, null=True, blank=True, related_name="notification"
    )
    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class GroupWebhook(models.Model):
    """A group's WeCom (企业微信) or DingTalk robot that receives the group's reminders."""

    class Provider(models.TextChoices):
        WECOM = "wecom", _("WeCom (企业微信)")
        DINGTALK = "dingtalk", _("DingTalk (钉钉)")

    team = models.OneToOneField(Team, verbose_name=_("group"), on_delete=models.CASCADE, related_name="webhook")
    provider = models.CharField(_("robot"), max_length=10, choices=Provider.choices)
    url = models.URLField(_("webhook URL"), max_length=500)
    secret = models.CharField(_("signing secret (DingTalk)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")

    def __str__(self) -> str:
        return f"{self.team} · {self.get_provider_display()}"

    def clean(self) -> None:
        error = robot_url_error(self.provider, self.url)
        if error:
            raise ValidationError({"url": error})


def robot_url_error(provider: str, url: str) -> str | None:
    """Why the server must not post to `url` for this robot — it is not under one of the provider's
    addresses in settings.ROBOT_WEBHOOK_PREFIXES (scheme, host and port equal, path below) — or None."""
    prefixes = settings.ROBOT_WEBHOOK_PREFIXES.get(provider, [])
    try:
        parts = urlsplit(url or "")
        port = parts.port
    except ValueError:
        parts = port = None
    for prefix in map(urlsplit, prefixes):
        if (
            parts is not None
            and not parts.username
            and (parts.scheme, parts.hostname, port) == (prefix.scheme, prefix.hostname, prefix.port)
            and parts.path.startswith(prefix.path or "/")
        ):
            return None
    return _("Use the robot's address given by the provider (%(prefixes)s).") % {"prefixes": ", ".join(prefixes) or "—"}
