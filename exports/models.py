"""One row per export: who took which list out of the building, when, with which filter, how many rows,
and whether contact details were masked. Written only by `exports.services`, never edited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportLog(models.Model):
    class Kind(models.TextChoices):
        PROJECTS = "projects", _("Projects")
        COMPANIES = "companies", _("Companies")
        ACTIVITY = "activity", _("Contact logs")
        FOLLOW_UPS = "follow_ups", _("Follow-ups")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (xlsx)"
        CSV = "csv", "CSV"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="export_logs"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("list"), max_length=12, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    masked = models.BooleanField(_("masked"), default=True)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    row_count = models.PositiveIntegerField(_("rows"))

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="export_log_recent"),
            models.Index(fields=["user", "-created_at"], name="export_log_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.user} · {self.created_at:%Y-%m-%d %H:%M}"
