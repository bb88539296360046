"""Pages of the premises inventory, the matching list of a project and its reservations. Thin views: a
scoped fetch, the form for input shape, one service call; the rules in permissions.py and services.py."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error
from core.redirects import redirect_back
from premises import matching, permissions, selectors, services
from premises.forms import BuildingFilterForm, BuildingForm, ReserveForm
from premises.models import Reservation
from projects import selectors as project_selectors

BUILDINGS_PER_PAGE = 30
DEFAULT_RESERVATION_DAYS = 30


def _check_viewer(request: HttpRequest) -> None:
    if not permissions.can_view_premises(request.user):
        raise PermissionDenied


def building_list(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    filters = BuildingFilterForm(request.GET)
    page = Paginator(selectors.building_list(filters.values), BUILDINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode(),
               "can_edit": permissions.can_edit_premises(request.user)}  # fmt: skip
    return TemplateResponse(request, "premises/building_list.html", context)


def building_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    _check_viewer(request)
    building = selectors.building_get(pk)
    context = {"building": building, "reservations": selectors.building_reservations(building),
               "can_edit": permissions.can_edit_premises(request.user)}  # fmt: skip
    return TemplateResponse(request, "premises/building_detail.html", context)


def building_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_edit_premises(request.user):
        raise PermissionDenied
    building = selectors.building_get(pk) if pk is not None else None
    form = BuildingForm(request.POST or None, instance=building)
    if request.method == "POST" and form.is_valid():
        try:
            building = services.building_save(actor=request.user, building=building, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Building %(name)s saved.") % {"name": building.name})
            return redirect(building)
    context = {"form": form, "building": building}
    return TemplateResponse(request, "premises/building_form.html", context, status=400 if form.errors else 200)


def project_matching(request: HttpRequest, pk: int) -> TemplateResponse:
    """The buildings that fit the project's needs, best first, and those that do not, each with why."""
    project = project_selectors.project_get_for_user(request.user, pk)
    if not permissions.can_match_for(request.user, project):
        raise PermissionDenied
    matches = matching.matches_for(project)
    default_until = timezone.localdate() + timedelta(days=DEFAULT_RESERVATION_DAYS)
    context = {
        "project": project, "matches": matches,
        "can_reserve": permissions.can_reserve_for(request.user, project),
        "reserve_form": ReserveForm(initial={"project": project.pk, "expires_on": default_until}),
        "has_needs": any((project.floor_area_m2, project.ceiling_height_m, project.power_kva,
                          project.needs_water_transport, project.structure)),
    }  # fmt: skip
    return TemplateResponse(request, "premises/matching.html", context)


@require_POST
def building_reserve(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_reserve_premises(request.user):
        raise PermissionDenied
    building = selectors.building_get(pk)
    form = ReserveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect_back(request, building.get_absolute_url())
    try:
        project = project_selectors.project_get_for_user(request.user, form.cleaned_data["project"])
    except Http404:
        raise PermissionDenied from None
    try:
        services.reserve(actor=request.user, building=building, project=project,
                         expires_on=form.cleaned_data["expires_on"], note=form.cleaned_data["note"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(building)s is reserved for %(project)s.")
                         % {"building": building.name, "project": project.name})  # fmt: skip
    return redirect("premises:project_matching", pk=project.pk)


@require_POST
def reservation_release(request: HttpRequest, pk: int) -> HttpResponse:
    _check_viewer(request)
    try:
        reservation = Reservation.objects.select_related("project", "building").get(pk=pk)
    except Reservation.DoesNotExist:
        raise Http404 from None
    if not permissions.can_release(request.user, reservation):
        raise PermissionDenied
    services.release(actor=request.user, reservation=reservation)
    messages.success(request, _("Reservation of %(building)s released.") % {"building": reservation.building.name})
    return redirect_back(request, reservation.building.get_absolute_url())
