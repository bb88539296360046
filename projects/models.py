from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.reversing import reverse_pk
from crm.models import Company
from projects.stages import LANDED_STAGES, STAGE_ORDER, Stage, rule
from teams.models import Team

# Amounts are kept in 万元 (10,000 CNY). 1亿元 = 10,000 万元.
YI = Decimal("10000")
MAX_AMOUNT = Decimal("100000000")  # 1万亿元: anything above is a typing error


def amount_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0"), _("An amount cannot be negative.")),
            MaxValueValidator(MAX_AMOUNT, _("That is more than 1万亿元; enter the amount in 万元.")),
        ],
        help_text=_("in 万元"),
        **kwargs,
    )


class IndustryChain(models.Model):
    """One of the zone's industry clusters (产业链), e.g. 高端装备; a reference list kept by admins."""

    name = models.CharField(
        _("name"), max_length=50, unique=True, error_messages={"unique": _("This industry chain already exists.")}
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")

    def __str__(self) -> str:
        return self.name


class ChainLink(models.Model):
    """A link of an industry chain (上游/中游/下游 segment), e.g. 汽车零部件 › 底盘系统."""

    class Segment(models.TextChoices):
        UPSTREAM = "upstream", _("Upstream")
        MIDSTREAM = "midstream", _("Midstream")
        DOWNSTREAM = "downstream", _("Downstream")

    chain = models.ForeignKey(
        IndustryChain, verbose_name=_("industry chain"), on_delete=models.CASCADE, related_name="links"
    )
    name = models.CharField(_("name"), max_length=50)
    segment = models.CharField(_("segment"), max_length=12, choices=Segment.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["chain", "segment", "name"]
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        constraints = [models.UniqueConstraint(fields=["chain", "name"], name="chain_link_unique_name")]

    def __str__(self) -> str:
        return f"{self.chain} › {self.name}"


class Project(models.Model):
    """An investment project (招商项目): the unit of the pipeline."""

    class Channel(models.TextChoices):
        INDUSTRY_CHAIN = "industry_chain", _("Industry-chain recruiting")
        REFERRAL = "referral", _("Business referral")
        FUND = "fund", _("Fund-based recruiting")
        AMBASSADOR = "ambassador", _("Ambassador recruiting")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        DROPPED = "dropped", _("Dropped")

    class Structure(models.TextChoices):
        STEEL = "steel", _("Steel structure")
        CONCRETE = "concrete", _("Reinforced concrete")
        ANY = "any", _("Either")

    name = models.CharField(_("project name"), max_length=200)
    company = models.ForeignKey(Company, verbose_name=_("investor"), on_delete=models.PROTECT, related_name="projects")
    product = models.TextField(_("product / what will be built"), blank=True)
    chain = models.ForeignKey(
        IndustryChain, verbose_name=_("industry chain"), on_delete=models.PROTECT, null=True, blank=True
    )
    chain_link = models.ForeignKey(
        ChainLink, verbose_name=_("chain link"), on_delete=models.PROTECT, null=True, blank=True
    )
    channel = models.CharField(
        _("recruiting channel"), max_length=20, choices=Channel.choices, default=Channel.INDUSTRY_CHAIN
    )
    referrer = models.ForeignKey(
        Company,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_projects",
        help_text=_("The company in the park that introduced this investor (以商引商)."),
    )

    planned_investment = amount_field(_("planned total investment"), default=0)
    fixed_asset_investment = amount_field(_("fixed-asset investment"), null=True, blank=True)
    contracted_amount = amount_field(_("contracted amount"), null=True, blank=True)
    funds_in_place = amount_field(_("funds in place"), null=True, blank=True)
    expected_annual_output = amount_field(_("expected annual output"), null=True, blank=True)
    expected_annual_tax = amount_field(_("expected annual tax"), null=True, blank=True)
    is_provincial_major = models.BooleanField(_("provincial major project"), default=False)
    is_high_tech = models.BooleanField(_("high-tech manufacturing"), default=False)

    floor_area_m2 = models.DecimalField(
        _("floor area (m²)"), max_digits=10, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("10000000"))],
    )  # fmt: skip
    ceiling_height_m = models.DecimalField(
        _("ceiling height (m)"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("2"), _("A ceiling lower than 2 m is not a building.")),
                    MaxValueValidator(Decimal("60"))],
    )  # fmt: skip
    structure = models.CharField(_("structure"), max_length=10, choices=Structure.choices, blank=True)
    land_mu = models.DecimalField(
        _("land (亩)"), max_digits=8, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("100000"))],
    )  # fmt: skip
    power_kva = models.PositiveIntegerField(
        _("power (kVA)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10_000_000)]
    )
    needs_water_transport = models.BooleanField(_("needs water transport"), default=False)
    premises_notes = models.TextField(_("other premises needs"), blank=True)

    owner_team = models.ForeignKey(
        Team, verbose_name=_("owner group"), on_delete=models.PROTECT, related_name="projects"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_projects"
    )
    collaborators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("collaborators"), blank=True, related_name="collaborating_projects"
    )
    expected_signing_date = models.DateField(_("expected signing date"), null=True, blank=True)
    planned_construction_date = models.DateField(_("planned construction start"), null=True, blank=True)

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True)
    stage_entered_at = models.DateTimeField(_("in this stage since"))
    # The furthest stage ever reached (its position in the stage table), kept by the service that moves
    # stages: conversion figures read it instead of searching every project's history.
    furthest_stage_index = models.PositiveSmallIntegerField(_("furthest stage reached"), default=0)
    # The latest contact log's time, kept by the contact-log services (stale-project lists read it).
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, help_text=_("first signing"))
    construction_started_on = models.DateField(_("construction started on"), null=True, blank=True)
    production_started_on = models.DateField(_("production started on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    status_reason = models.TextField(_("reason for pause or drop"), blank=True)

    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    history = HistoricalRecords(
        excluded_fields=[
            "version",
            "updated_at",
            "stage_entered_at",
            "furthest_stage_index",
            "last_contact_at",
        ]
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_investment__gte=0)
                & (Q(fixed_asset_investment__isnull=True) | Q(fixed_asset_investment__gte=0))
                & (Q(contracted_amount__isnull=True) | Q(contracted_amount__gte=0))
                & (Q(funds_in_place__isnull=True) | Q(funds_in_place__gte=0)),
                name="project_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(channel="referral") | Q(referrer__isnull=False), name="project_referral_has_referrer"
            ),
            models.CheckConstraint(
                condition=Q(ceiling_height_m__isnull=True) | Q(ceiling_height_m__gt=0), name="project_ceiling_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["owner_team", "status", "stage"]),
            models.Index(fields=["signed_on"]),
            models.Index(fields=["status", "last_contact_at"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_pk("projects:project_detail", self.pk)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.channel == self.Channel.REFERRAL and not self.referrer_id:
            errors["referrer"] = _("Business referral (以商引商): choose the company that made the introduction.")
        if self.referrer_id and self.referrer_id == self.company_id:
            errors["referrer"] = _("A company cannot refer itself.")
        if self.chain_link_id and self.chain_id and self.chain_link.chain_id != self.chain_id:
            errors["chain_link"] = _("This link belongs to another industry chain.")
        if self.status != self.Status.ACTIVE and not self.status_reason.strip():
            errors["status_reason"] = _("Give the reason for pausing or dropping the project.")
        if errors:
            raise ValidationError(errors)

    @property
    def stage_rule(self):
        return rule(self.stage)

    @property
    def stage_position(self) -> int:
        return STAGE_ORDER.index(Stage(self.stage))

    @property
    def is_landed(self) -> bool:
        return self.stage in LANDED_STAGES

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_billion_project(self) -> bool:
        """A 10亿元 project: planned total investment ≥ 100,000 万元."""
        return self.planned_investment >= 10 * YI


class StageRequest(models.Model):
    """A request to move a project to another stage, and its sign-off."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Withdrawn")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="stage_requests"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    is_skip = models.BooleanField(_("skips or goes back"), default=False)
    comment = models.TextField(_("comment"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
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
    # For an approved move: when the stay in `from_stage` that it ended began (the project's previous
    # approved move, or its creation). Written with the decision (projects/stays.py), read by the dashboard.
    stay_started_at = models.DateTimeField(_("in the stage since"), null=True, blank=True)
    # The project's owner group when the move was asked for (a fact of the move, as a contact log keeps its
    # author's group): a group's median days per stage reads its own moves without joining the projects.
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("stage sign-off")
        verbose_name_plural = _("stage sign-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="pending"), name="stage_request_one_pending_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"

    @property
    def approver(self):
        return rule(self.to_stage).approver


class ProjectEvent(models.Model):
    """Append-only history of a project's stage moves, sign-offs and status changes. Written only by
    projects/events.py; never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Project created")
        STAGE_REQUESTED = "stage_requested", _("Stage move requested")
        STAGE_APPROVED = "stage_approved", _("Stage move approved")
        STAGE_REJECTED = "stage_rejected", _("Stage move rejected")
        STAGE_WITHDRAWN = "stage_withdrawn", _("Stage request withdrawn")
        STAGE_MOVED = "stage_moved", _("Stage changed")
        PAUSED = "paused", _("Paused")
        DROPPED = "dropped", _("Dropped")
        RESUMED = "resumed", _("Resumed")
        TRANSFERRED = "transferred", _("Transferred to another group")
        INCREMENT = "increment", _("Capital increase recorded")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices, blank=True)
    request = models.ForeignKey(StageRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="events")
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project event")
        verbose_name_plural = _("project events")

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"


class ProjectIncrement(models.Model):
    """A capital increase or upgrade of a signed project: more money, never a second project."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="increments")
    amount = amount_field(_("additional investment"))
    signed_on = models.DateField(_("agreed on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("capital increase")
        verbose_name_plural = _("capital increases")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="increment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.project} +{self.amount}"
