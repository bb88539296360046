"""Reads of the premises inventory (everyone in the center reads it)."""

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from premises.models import Building, BuildingFile, LandPlot, Reservation, Showing
from premises.permissions import EDIT_PERMISSION
from projects.models import Project


def _active_reservations() -> Prefetch:
    return Prefetch(
        "reservations",
        queryset=Reservation.objects.filter(status=Reservation.Status.ACTIVE).select_related("project"),
        to_attr="active_reservations",
    )


def building_list(filters: dict) -> QuerySet[Building]:
    buildings = Building.objects.prefetch_related(_active_reservations())
    if filters.get("min_height") is not None:
        buildings = buildings.filter(ceiling_height_m__gte=filters["min_height"])
    if filters.get("min_area") is not None:
        buildings = buildings.filter(floor_area_m2__gte=filters["min_area"])
    if filters.get("max_area") is not None:
        buildings = buildings.filter(floor_area_m2__lte=filters["max_area"])
    if filters.get("structure"):
        buildings = buildings.filter(structure=filters["structure"])
    if filters.get("status"):
        buildings = buildings.filter(status=filters["status"])
    return buildings.order_by("-ceiling_height_m", "name", "pk")


def building_get(pk: int) -> Building:
    return get_object_or_404(Building.objects.prefetch_related(_active_reservations()), pk=pk)


def building_reservations(building: Building, *, limit: int = 20) -> list[Reservation]:
    return list(building.reservations.select_related("project", "reserved_by__membership")[:limit])


def building_files(building: Building) -> list[BuildingFile]:
    return list(building.files.all())


def building_file_get(pk: int) -> BuildingFile:
    return get_object_or_404(BuildingFile.objects.select_related("building"), pk=pk)


def building_showings(building: Building, *, limit: int = 10) -> list[Showing]:
    """The latest site visits at which the building was shown (the project names are readable by the whole
    center, like the reservations'), newest first."""
    return list(
        building.showings.filter(log__is_deleted=False).select_related("log__project", "log__author__membership")[
            :limit
        ]
    )


def project_shown_building_ids(project: Project) -> set[int]:
    return set(Showing.objects.filter(log__project=project, log__is_deleted=False).values_list(
        "building_id", flat=True))  # fmt: skip


def land_plot_list(filters: dict) -> QuerySet[LandPlot]:
    plots = LandPlot.objects.all()
    if filters.get("min_area") is not None:
        plots = plots.filter(area_mu__gte=filters["min_area"])
    if filters.get("max_area") is not None:
        plots = plots.filter(area_mu__lte=filters["max_area"])
    if filters.get("status"):
        plots = plots.filter(status=filters["status"])
    return plots.order_by("-area_mu", "name", "pk")


def land_plot_get(pk: int) -> LandPlot:
    return get_object_or_404(LandPlot, pk=pk)


def premises_editors() -> QuerySet[User]:
    """Members granted the right to keep the inventory (administrators have it by role), by name."""
    app_label, codename = EDIT_PERMISSION.split(".")
    return (
        User.objects.filter(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
        .select_related("membership__team")
        .order_by("membership__display_name", "pk")
    )
