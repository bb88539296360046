"""Contact logs (洽谈/跟进记录), their attachments, and follow-ups (跟进事项).

This app sits above `projects` (teams ← crm ← projects ← activities): a log belongs to a project or,
for a pure company contact, to a company, and its visibility follows the project's."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.reversing import reverse_pk
from crm.models import Company, Contact
from projects.models import Project
from teams.models import Team


class Channel(models.TextChoices):
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone call")
    WECHAT = "wechat", _("WeChat")
    VISIT = "visit", _("Outbound visit")
    RECEPTION = "reception", _("Reception")
    SITE_VISIT = "site_visit", pgettext_lazy("contact channel", "Site visit")
    EMAIL = "email", pgettext_lazy("contact channel", "Email")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")


class ContactLogQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_deleted=False)


class ContactLog(models.Model):
    """One interaction with an investor: who, how, when, what was said, what happens next."""

    EDIT_WINDOW = timezone.timedelta(hours=24)

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="contact_logs"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="contact_logs"
    )
    contacts = models.ManyToManyField(Contact, verbose_name=_("spoke with"), blank=True, related_name="contact_logs")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), on_delete=models.PROTECT, related_name="contact_logs"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, blank=True, related_name="contact_logs",
        help_text=_("The author's group when the contact was logged."),
    )  # fmt: skip
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("took part"), blank=True, related_name="contact_logs_joined"
    )
    summary = models.TextField(_("summary"))
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContactLogQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("contact log")
        verbose_name_plural = _("contact logs")
        indexes = [
            models.Index(fields=["project", "occurred_at"]),
            models.Index(fields=["author", "occurred_at"]),
            models.Index(fields=["team", "occurred_at"]),
            # a group's live logs of a day or week, counted from the index alone (My day, the dashboard)
            models.Index(
                fields=["team", "occurred_at"], condition=Q(is_deleted=False), name="activities_log_live_by_team"
            ),
            models.Index(fields=["occurred_at"]),
        ]
        constraints = [models.CheckConstraint(condition=~Q(summary=""), name="contact_log_summary_not_empty")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.occurred_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse_pk("activities:contact_log_detail", self.pk)

    @property
    def editable_until(self):
        return self.created_at + self.EDIT_WINDOW


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random name under attachments/YYYY/MM/: the original name is kept in the row, never on disk."""
    suffix = Path(filename).suffix.lower()
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file kept with a contact log (minutes, photos, feasibility notes); downloaded only through the
    permission-checked view, never from a public URL."""

    log = models.ForeignKey(
        ContactLog, verbose_name=_("contact log"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse_pk("activities:attachment_download", self.pk)


class FollowUp(models.Model):
    """A dated next step owed by a person (跟进事项): the source of reminders."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("what"), max_length=200)
    due_date = models.DateField(_("due on"))
    due_time = models.TimeField(_("at"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="follow_ups")
    source_log = models.ForeignKey(
        ContactLog, verbose_name=_("from the log"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="follow_ups",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    snooze_count = models.PositiveSmallIntegerField(_("times snoozed"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "due_time", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owner", "status", "due_date"]),
            models.Index(fields=["team", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()
