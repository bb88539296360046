"""The park's premises inventory (载体): buildings (厂房/楼宇) and land plots (地块), and the reservations that
hold a building for one project (预留).

This app sits above `projects` and `activities` (teams ← crm ← projects ← activities ← premises): a
reservation points at the project and a showing at the site-visit log, neither knows of buildings.
A building's `status` is what its row says (空置/预留/已入驻/在建);
reserve, release, expiry and the move to 已入驻 when the project reaches 开工 change it only through
premises/services.py, together with the reservation row. At most one active reservation per building is
a database constraint, so two recruiters reserving at once cannot both win. Photos and floor plans are
files checked by content (activities.uploads) and served only through a permission-checked view."""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models import ContactLog
from projects.models import Project


def _decimal(name, digits: int, places: int, low: str, high: str, **options):
    return models.DecimalField(
        name, max_digits=digits, decimal_places=places,
        validators=[MinValueValidator(Decimal(low)), MaxValueValidator(Decimal(high))], **options,
    )  # fmt: skip


# A building is one or the other; a project may also take either (Project.Structure.ANY).
BUILDING_STRUCTURES = [(choice.value, choice.label) for choice in (Project.Structure.STEEL, Project.Structure.CONCRETE)]


class Building(models.Model):
    """A factory building or office block the park can offer."""

    class Owner(models.TextChoices):
        PLATFORM = "platform", _("Zone platform company")
        STATE = "state", _("State-owned")
        PRIVATE = "private", _("Private")

    class Status(models.TextChoices):
        VACANT = "vacant", _("Vacant")
        RESERVED = "reserved", _("Reserved")
        OCCUPIED = "occupied", _("Occupied")
        BUILDING = "building", _("Under construction")

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("plot / address"), max_length=200, blank=True)
    owner = models.CharField(_("owner"), max_length=10, choices=Owner.choices, default=Owner.PLATFORM)
    floor_area_m2 = _decimal(_("floor area (m²)"), 10, 1, "1", "10000000")
    floors = models.PositiveSmallIntegerField(
        _("floors"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    ceiling_height_m = _decimal(_("clear height (m)"), 4, 1, "2", "60")
    structure = models.CharField(_("structure"), max_length=10, choices=BUILDING_STRUCTURES)
    floor_load_t_m2 = _decimal(_("floor load (t/m²)"), 5, 1, "0.1", "100", null=True, blank=True)
    crane_t = _decimal(_("crane (t)"), 5, 1, "0.5", "1000", null=True, blank=True)
    power_kva = models.PositiveIntegerField(
        _("power (kVA)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10_000_000)]
    )
    water_transport_km = _decimal(
        _("to water transport (km)"), 6, 1, "0", "10000", null=True, blank=True,
        help_text=_("Distance to the nearest wharf; empty if unknown."),
    )  # fmt: skip
    price_note = models.CharField(_("rent or price"), max_length=120, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VACANT, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        indexes = [models.Index(fields=["status", "ceiling_height_m"]), models.Index(fields=["floor_area_m2"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("premises:building_detail", args=[self.pk])


class LandPlot(models.Model):
    """A plot of land (地块) the park can offer."""

    class Status(models.TextChoices):
        VACANT = "vacant", _("Vacant")
        RESERVED = "reserved", _("Reserved")
        OCCUPIED = "occupied", _("Occupied")

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("location"), max_length=200, blank=True)
    area_mu = _decimal(_("land (亩)"), 8, 1, "0.1", "100000")
    use = models.CharField(_("use"), max_length=60, blank=True, help_text=_("e.g. 工业用地"))
    plot_ratio = _decimal(_("plot ratio (容积率)"), 4, 2, "0.1", "20", null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VACANT, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("land plot")
        verbose_name_plural = _("land plots")

    def __str__(self) -> str:
        return self.name


class Reservation(models.Model):
    """A building held for one project until `expires_on` (预留); released, expired or — when the project
    reaches 开工 — turned into the building's occupation."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Reserved")
        RELEASED = "released", _("Released")
        EXPIRED = "expired", _("Expired")
        OCCUPIED = "occupied", _("Moved in")

    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.CASCADE,
                                 related_name="reservations")  # fmt: skip
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="reservations")  # fmt: skip
    expires_on = models.DateField(_("reserved until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    reserved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reserved by"),
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    reserved_at = models.DateTimeField(_("reserved at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")  # fmt: skip
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-reserved_at", "-pk"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(
                fields=["building"], condition=Q(status="active"), name="one_active_reservation_per_building"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} → {self.project}"


def building_file_path(instance: "BuildingFile", filename: str) -> str:
    """A random name under premises/YYYY/MM/: the original name is kept in the row, never on disk."""
    return f"premises/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class BuildingFile(models.Model):
    """A photo or a floor plan of a building, checked on upload like a contact log's attachment (by its
    content, not its name) and served only through the permission-checked view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        PLAN = "plan", _("Floor plan")

    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    file = models.FileField(_("file"), upload_to=building_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "created_at", "pk"]
        verbose_name = _("building file")
        verbose_name_plural = _("building files")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("premises:file_download", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Showing(models.Model):
    """A building shown to a project's investor during a 实地考察 (site visit), logged as that contact log."""

    log = models.ForeignKey(
        ContactLog, verbose_name=_("contact log"), on_delete=models.CASCADE, related_name="premises_shown"
    )
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.CASCADE,
                                 related_name="showings")  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("building shown")
        verbose_name_plural = _("buildings shown")
        constraints = [models.UniqueConstraint(fields=["log", "building"], name="showing_once_per_log")]

    def __str__(self) -> str:
        return f"{self.building} ← {self.log}"
