"""Aftercare (企业服务): the service requests (诉求) of companies that have landed in the park, and the
per-type service levels (SLA, in working days) their due dates are computed from.

This app sits above `projects`, `crm`, `activities` and `reminders`: a request points at the company (and
optionally its project); none of those knows requests. A request's status moves 待办 → 处理中 → 已解决 only
through aftercare/services.py; every change is kept in its audit history (django-simple-history), with who,
when and the note given."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crm.models import Company
from projects.models import Project

DEFAULT_SLA_DAYS = 5
MAX_SLA_DAYS = 60


class RequestKind(models.TextChoices):
    LAND = "land", _("Land")
    LABOUR = "labour", _("Labour")
    APPROVAL = "approval", _("Approvals")
    FINANCE = "finance", _("Financing")
    UTILITIES = "utilities", _("Water, power and gas")
    OTHER = "other", _("Other")


class ServiceLevel(models.Model):
    """How many working days the center gives itself to resolve a request of one type; one row per type,
    edited by administrators at /aftercare/settings/. A type without a row gets DEFAULT_SLA_DAYS."""

    kind = models.CharField(_("type"), max_length=12, choices=RequestKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days to resolve"), default=DEFAULT_SLA_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLA_DAYS)],
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=MAX_SLA_DAYS), name="service_level_days_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"

    @classmethod
    def days_by_kind(cls) -> dict[str, int]:
        """Every type's working days (the saved rows, the default for the others); one query."""
        saved = dict(cls.objects.values_list("kind", "working_days"))
        return {kind: saved.get(kind, DEFAULT_SLA_DAYS) for kind in RequestKind.values}


class ServiceRequest(models.Model):
    """One problem a landed company asked the center to help with (诉求), owned by one person until solved."""

    class Status(models.TextChoices):
        OPEN = "open", _("To do")
        IN_PROGRESS = "in_progress", _("Being handled")
        RESOLVED = "resolved", _("Resolved")

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.PROTECT,
                                related_name="service_requests")  # fmt: skip
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="service_requests")  # fmt: skip
    kind = models.CharField(_("type"), max_length=12, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible"),
                                    on_delete=models.PROTECT, related_name="service_requests")  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    sla_days = models.PositiveSmallIntegerField(_("service level (working days)"), default=DEFAULT_SLA_DAYS)
    due_on = models.DateField(_("due on"))
    resolution = models.TextField(_("resolution notes"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["company", "status"]),
            models.Index(fields=["responsible", "status"]),
            models.Index(fields=["resolved_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="service_request_title_not_empty"),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("opened_on")), name="service_request_due_after_open"
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | (Q(resolved_on__isnull=False) & ~Q(resolution="")),
                name="service_request_resolved_has_notes",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("aftercare:request_detail", args=[self.pk])

    @property
    def is_resolved(self) -> bool:
        return self.status == self.Status.RESOLVED

    @property
    def is_overdue(self) -> bool:
        return not self.is_resolved and self.due_on < timezone.localdate()

    @property
    def within_sla(self) -> bool | None:
        return None if self.resolved_on is None else self.resolved_on <= self.due_on
