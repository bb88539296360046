from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.reversing import reverse_pk
from core.validators import validate_chinese_phone
from crm.identity import normalize_company_name, validate_credit_code
from teams.models import Team


class Company(models.Model):
    """An investor company (投资方/项目方/客商)."""

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")
        LISTED = "listed", _("Listed company")

    name = models.CharField(_("company name"), max_length=200)
    normalized_name = models.CharField(_("normalised name"), max_length=200, db_index=True, editable=False)
    # NULL, not "", when unknown: the code is unique only among companies that have one.
    credit_code = models.CharField(  # noqa: DJ001
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, e.g. 91321000MA1MXXXX; leave empty if unknown."),
    )
    province = models.CharField(_("province"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # who changed what, and why (an import names its file and person); the derived name is left out
    history = HistoricalRecords(excluded_fields=["normalized_name"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=Q(credit_code__isnull=False),
                name="company_credit_code_unique",
                violation_error_message=_("A company with this credit code already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_pk("crm:company_detail", self.pk)

    def clean(self) -> None:
        self.credit_code = (self.credit_code or "").strip().upper() or None
        self.name = " ".join((self.name or "").split())
        self.normalized_name = normalize_company_name(self.name)

    @property
    def location(self) -> str:
        return " ".join(part for part in (self.province, self.city) if part)


class Contact(models.Model):
    """A person at an investor company, addressed as surname + title (刘总, 王董)."""

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=50, blank=True, help_text=_("e.g. 总经理, 董事长"))
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[validate_chinese_phone], help_text=_("Mobile or landline")
    )
    wechat_id = models.CharField(_("WeChat ID"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["company", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} {self.title}".strip()


class RegistrationPolicy(models.Model):
    """The center's registration (报备) rules; one row, edited by administrators."""

    protection_days = models.PositiveIntegerField(
        _("protection period (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("How long a group's registration of an investor keeps other groups off it."),
    )

    class Meta:
        verbose_name = _("registration policy")
        verbose_name_plural = _("registration policy")

    def __str__(self) -> str:
        return str(_("Protection period: %(days)s days") % {"days": self.protection_days})

    @classmethod
    def current(cls) -> "RegistrationPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class Registration(models.Model):
    """A group's claim on an investor (项目报备): protects it from other groups for a period."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RELEASED = "released", _("Released")
        TRANSFERRED = "transferred", _("Transferred")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="registrations"
    )
    team = models.ForeignKey(Team, verbose_name=_("group"), on_delete=models.PROTECT, related_name="registrations")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    expires_at = models.DateTimeField(_("protected until"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    shared = models.BooleanField(_("shared after a conflict decision"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "team"], condition=Q(status="active"), name="registration_one_active_per_team"
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.team} · {self.company}"

    @property
    def is_protecting(self) -> bool:
        return self.status == self.Status.ACTIVE and self.expires_at > timezone.now()

    @staticmethod
    def expiry_from(start, policy: RegistrationPolicy) -> "timezone.datetime":
        return start + timedelta(days=policy.protection_days)


class ConflictClaim(models.Model):
    """A group asks the director for an investor another group holds (撞单); the director decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        DECIDED = "decided", _("Decided")

    class Decision(models.TextChoices):
        KEEP = "keep", _("Keep with the holding group")
        TRANSFER = "transfer", _("Transfer to the claiming group")
        SHARE = "share", _("Share between both groups")

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="claims")
    holder = models.ForeignKey(
        Registration, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="claims_against"
    )
    claimant_team = models.ForeignKey(
        Team, verbose_name=_("claiming group"), on_delete=models.PROTECT, related_name="conflict_claims"
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("claimed by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("conflict claim")
        verbose_name_plural = _("conflict claims")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "claimant_team"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_team",
                violation_error_message=_("Your group already has a pending claim for this company."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claimant_team} → {self.company}"
