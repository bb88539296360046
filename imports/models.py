"""One row per import run (who, when, which file and kind, what was detected, how far it got, the counts)
and one per row of the file that did something or failed (the preview, the list and the error report read
these). Written only by `imports.services` and its task."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        COMPANIES = "companies", _("Companies")
        CONTACTS = "contacts", _("Contacts")
        PROJECTS = "projects", _("Projects")
        CONTACT_LOGS = "contact_logs", _("Contact logs")
        BUILDINGS = "buildings", _("Buildings")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PREVIEWING = "previewing", _("Checking")
        PREVIEWED = "previewed", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        NOTHING = "nothing", _("Nothing imported")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="import_runs"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    file = models.FileField(_("stored file"), upload_to="imports/%Y/%m/")
    encoding = models.CharField(_("encoding"), max_length=12, blank=True)
    headers = models.JSONField(_("headers"), default=list, blank=True)  # the file's header row, as read
    # the uploader's language: the rows' reasons and the history lines are written in it by the worker
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    valid_only = models.BooleanField(_("valid rows only"), default=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="import_run_user_recent")]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.user} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("imports:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return 100 if not self.total_rows else min(100, self.done_rows * 100 // self.total_rows)


class ImportRow(models.Model):
    run = models.ForeignKey(ImportRun, verbose_name=_("import"), on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))
    action = models.CharField(_("result"), max_length=10)
    label = models.CharField(_("record"), max_length=200, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="import_row_once")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.number} {self.action}"
