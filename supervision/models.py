"""督办 (supervision): a director or deputy director issues an order (督办单) on a project — what is required,
by when, to whom (the project's owner or its group's leader). The person responsible acknowledges it and
reports progress; a director closes it. Status moves 已下达 → 已签收 → 已办结 only through
supervision/services.py; each step is kept in the append-only note table (`SupervisionNote`), written only
by those services.

This app sits above `projects`, `activities`, `reminders` and `dashboards`; none of them knows it (it plugs
into their registries in SupervisionConfig.ready())."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Project

# Yellow when the due date is this many days away or fewer (a constant, see README "督办 (supervision)").
YELLOW_WITHIN_DAYS = 3
MAX_DUE_DAYS = 366  # a due date from today to a year ahead
MAX_TEXT = 5000
MAX_NOTE = 2000


class SupervisionOrder(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="supervision_orders"
    )
    required = models.TextField(_("what is required"))
    due_on = models.DateField(_("deadline"))
    first_report_on = models.DateField(
        _("first progress report by"), null=True, blank=True,
        help_text=_("Optional: yellow when this date passes without a progress report."),
    )  # fmt: skip
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible"), on_delete=models.PROTECT,
        related_name="supervision_orders",
    )  # fmt: skip
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ISSUED)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    reported_at = models.DateTimeField(_("last progress report"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    closed_on_time = models.BooleanField(_("closed on time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["responsible", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=F("issued_on")), name="supervision_due_after_issue"),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False, closed_on_time__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="supervision_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.required[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:order_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class SupervisionNote(models.Model):
    """One step of an order's history: issued, acknowledged, a progress report, closed. Append-only."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        PROGRESS = "progress", _("Progress report")
        CLOSED = "closed", _("Closed")

    order = models.ForeignKey(SupervisionOrder, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("supervision note")
        verbose_name_plural = _("supervision notes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d}"
