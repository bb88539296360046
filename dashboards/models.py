"""Annual targets (目标), center-wide (no group) and per group. The dashboards read projects and contact
logs; this app sits on top: teams ← crm ← projects ← activities ← dashboards."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teams.models import Team


class Target(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.CASCADE, null=True, blank=True, related_name="targets",
        help_text=_("Empty: the whole center."),
    )  # fmt: skip
    signed_projects = models.PositiveIntegerField(_("projects signed"), default=0)
    billion_projects = models.PositiveIntegerField(_("≥10亿 projects landed"), default=0)
    provincial_major_projects = models.PositiveIntegerField(_("provincial major projects landed"), default=0)
    signed_investment = models.DecimalField(
        _("total signed investment (万元)"), max_digits=14, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    contacts_per_week = models.PositiveIntegerField(_("contacts per week"), default=0)

    class Meta:
        ordering = ["-year", "team__code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["year", "team"], name="target_one_per_group_year"),
            models.UniqueConstraint(fields=["year"], condition=Q(team__isnull=True), name="target_one_center_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.team or _('center')}"
