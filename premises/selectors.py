"""Reads of the premises inventory (everyone in the center reads it)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from premises.models import Building, Reservation


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
