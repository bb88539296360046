"""Which buildings fit a project's stated needs (the project's premises fields), ranked.

Hard constraints exclude a building, each with its reason shown ("层高 6.5 m < 需要 10 m"): clear height,
floor area, structure (unless the project takes either), power when both are known, water transport within
WATER_KM when the project needs it, and an occupied building. Soft ones rank those that fit: the smallest
area above the need first (less wasted space and rent), more power headroom, available sooner. A building
reserved for another project still fits but says who holds it until when."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from premises.models import Building, LandPlot, Reservation
from projects.models import Project

WATER_KM = Decimal("5")
SHOWN = 20  # buildings listed of each kind; the counts say how many more


@dataclass
class Match:
    building: Building
    reasons: list[str] = field(default_factory=list)  # why it does not fit (empty: it fits)
    holder: Reservation | None = None  # an active reservation for another project
    mine: Reservation | None = None  # this project's own active reservation


def _m(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _reasons(building: Building, project: Project) -> list[str]:
    reasons = []
    if building.status == Building.Status.OCCUPIED:
        reasons.append(_("occupied"))
    if project.ceiling_height_m and building.ceiling_height_m < project.ceiling_height_m:
        reasons.append(_("clear height %(has)s m < %(needs)s m needed")
                       % {"has": _m(building.ceiling_height_m), "needs": _m(project.ceiling_height_m)})  # fmt: skip
    if project.floor_area_m2 and building.floor_area_m2 < project.floor_area_m2:
        reasons.append(_("floor area %(has)s m² < %(needs)s m² needed")
                       % {"has": _m(building.floor_area_m2), "needs": _m(project.floor_area_m2)})  # fmt: skip
    if project.structure in (Project.Structure.STEEL, Project.Structure.CONCRETE) and (
        building.structure != project.structure
    ):
        values = {"has": building.get_structure_display(), "needs": project.get_structure_display()}
        reasons.append(_("%(has)s, %(needs)s needed") % values)
    if project.power_kva and building.power_kva is not None and building.power_kva < project.power_kva:
        reasons.append(_("power %(has)s kVA < %(needs)s kVA needed")
                       % {"has": building.power_kva, "needs": project.power_kva})  # fmt: skip
    if project.needs_water_transport and (
        building.water_transport_km is None or building.water_transport_km > WATER_KM
    ):
        reasons.append(_("no water transport within %(km)s km") % {"km": _m(WATER_KM)})
    return reasons


def _fits(project: Project) -> Q:
    """The hard constraints as SQL (the same as `_reasons`, which says why a building fails them)."""
    fits = ~Q(status=Building.Status.OCCUPIED)
    if project.ceiling_height_m:
        fits &= Q(ceiling_height_m__gte=project.ceiling_height_m)
    if project.floor_area_m2:
        fits &= Q(floor_area_m2__gte=project.floor_area_m2)
    if project.structure in (Project.Structure.STEEL, Project.Structure.CONCRETE):
        fits &= Q(structure=project.structure)
    if project.power_kva:
        fits &= Q(power_kva__isnull=True) | Q(power_kva__gte=project.power_kva)
    if project.needs_water_transport:
        fits &= Q(water_transport_km__lte=WATER_KM)
    return fits


@dataclass
class Matches:
    fitting: list[Match]  # the best SHOWN, best first
    excluded: list[Match]  # the first SHOWN that do not fit, each with its reasons
    fitting_count: int
    excluded_count: int


def matches_for(project: Project, *, shown: int = SHOWN) -> Matches:
    """Ranked in SQL: not held by another project first, then the smallest area above the need, more power,
    available sooner. A fixed number of queries and rows whatever the size of the inventory."""
    held_elsewhere = Reservation.objects.filter(building=OuterRef("pk"), status=Reservation.Status.ACTIVE).exclude(
        project=project
    )
    fits = _fits(project)
    fitting = (
        Building.objects.filter(fits)
        .annotate(held=Exists(held_elsewhere), available=Coalesce("available_from", Value(timezone.localdate())))
        .order_by("held", "floor_area_m2", F("power_kva").desc(nulls_last=True), "available", "name", "pk")
    )
    excluded = Building.objects.exclude(pk__in=Building.objects.filter(fits).values("pk")).order_by("name", "pk")
    result = Matches(
        fitting=[Match(b) for b in fitting[:shown]], excluded=[Match(b) for b in excluded[:shown]],
        fitting_count=fitting.count(), excluded_count=excluded.count(),
    )  # fmt: skip
    shown_ids = [m.building.pk for m in result.fitting]
    active = Reservation.objects.filter(building__in=shown_ids, status=Reservation.Status.ACTIVE)
    by_building = {r.building_id: r for r in active.select_related("project")}
    for match in result.fitting:
        reservation = by_building.get(match.building.pk)
        if reservation is not None and reservation.project_id == project.pk:
            match.mine = reservation
        else:
            match.holder = reservation
    for match in result.excluded:
        match.reasons = _reasons(match.building, project)
    return result


@dataclass
class PlotMatches:
    fitting: list[LandPlot]  # vacant plots of at least the land needed, the smallest first
    excluded: list[tuple[LandPlot, list[str]]]
    fitting_count: int
    excluded_count: int


def _plot_reasons(plot: LandPlot, project: Project) -> list[str]:
    reasons = []
    if plot.status != LandPlot.Status.VACANT:
        reasons.append(plot.get_status_display())
    if plot.area_mu < project.land_mu:
        reasons.append(_("%(has)s 亩 < %(needs)s 亩 needed") % {"has": _m(plot.area_mu), "needs": _m(project.land_mu)})
    return reasons


def plots_for(project: Project, *, shown: int = SHOWN) -> PlotMatches | None:
    """Land plots for a project that needs land (its 亩); None when it states no land need."""
    if not project.land_mu:
        return None
    fits = Q(status=LandPlot.Status.VACANT, area_mu__gte=project.land_mu)
    fitting = LandPlot.objects.filter(fits).order_by("area_mu", "name", "pk")
    excluded = LandPlot.objects.exclude(fits).order_by("name", "pk")
    return PlotMatches(
        fitting=list(fitting[:shown]), excluded=[(plot, _plot_reasons(plot, project)) for plot in excluded[:shown]],
        fitting_count=fitting.count(), excluded_count=excluded.count(),
    )  # fmt: skip
