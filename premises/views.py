"""Pages of the premises inventory, the matching list of a project and its reservations. Thin views: a
scoped fetch, the form for input shape, one service call; the rules in permissions.py and services.py."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error
from core.redirects import redirect_back
from premises import matching, permissions, selectors, services
from premises.forms import (
    BuildingFileForm,
    BuildingFilterForm,
    BuildingForm,
    EditorGrantForm,
    ReserveForm,
    SiteVisitForm,
)
from premises.models import Reservation
from premises.permissions import can_log_site_visit
from projects import selectors as project_selectors

BUILDINGS_PER_PAGE = 30
DEFAULT_RESERVATION_DAYS = 30
EDITORS_PER_PAGE = 30


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
               "can_edit": permissions.can_edit_premises(request.user),
               "can_grant": permissions.can_grant_editing(request.user)}  # fmt: skip
    return TemplateResponse(request, "premises/building_list.html", context)


def building_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    _check_viewer(request)
    building = selectors.building_get(pk)
    can_edit = permissions.can_edit_premises(request.user)
    context = {"building": building, "reservations": selectors.building_reservations(building),
               "files": selectors.building_files(building), "showings": selectors.building_showings(building),
               "can_edit": can_edit, "file_form": BuildingFileForm() if can_edit else None}  # fmt: skip
    return TemplateResponse(request, "premises/building_detail.html", context)


@require_POST
def building_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_premises(request.user):
        raise PermissionDenied
    building = selectors.building_get(pk)
    form = BuildingFileForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.building_file_add(actor=request.user, building=building, kind=form.cleaned_data["kind"],
                                   upload=form.cleaned_data["file"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File added."))
    return redirect(building)


def building_file_download(request: HttpRequest, pk: int) -> FileResponse:
    """Photos and plans leave the server only through here; images are shown inline on the building page."""
    _check_viewer(request)
    building_file = selectors.building_file_get(pk)
    return FileResponse(
        building_file.file.open("rb"), as_attachment=not building_file.is_image, filename=building_file.original_name,
        content_type=building_file.content_type,
    )  # fmt: skip


@require_POST
def building_file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_premises(request.user):
        raise PermissionDenied
    building_file = selectors.building_file_get(pk)
    services.building_file_remove(actor=request.user, building_file=building_file)
    messages.success(request, _("File removed."))
    return redirect(building_file.building)


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
        "project": project, "matches": matches, "plots": matching.plots_for(project),
        "shown_ids": selectors.project_shown_building_ids(project),
        "site_visit_form": _site_visit_form(matches) if can_log_site_visit(request.user, project)
        else None,
        "can_reserve": permissions.can_reserve_for(request.user, project),
        "reserve_form": ReserveForm(initial={"project": project.pk, "expires_on": default_until}),
        "has_needs": any((project.floor_area_m2, project.ceiling_height_m, project.power_kva,
                          project.needs_water_transport, project.structure)),
    }  # fmt: skip
    return TemplateResponse(request, "premises/matching.html", context)


def _site_visit_form(matches, data=None) -> SiteVisitForm:
    return SiteVisitForm(data, buildings=[match.building for match in matches.fitting], prefix="visit")


@require_POST
def project_site_visit(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a 实地考察 naming the buildings shown (those of the project's matching list)."""
    project = project_selectors.project_get_for_user(request.user, pk)
    if not can_log_site_visit(request.user, project):
        raise PermissionDenied
    form = _site_visit_form(matching.matches_for(project), data=request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        data = form.cleaned_data
        services.site_visit_log(
            actor=request.user, project=project, buildings=list(data["buildings"]), summary=data["summary"],
            outcome=data["outcome"], occurred_at=data["occurred_at"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Site visit logged with the buildings shown."))
    return redirect("premises:project_matching", pk=project.pk)


def editor_list(request: HttpRequest) -> HttpResponse:
    """Who keeps the premises inventory besides the administrators; administrators grant and revoke it."""
    if not permissions.can_grant_editing(request.user):
        raise PermissionDenied
    form = EditorGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.editor_grant(actor=request.user, user=form.cleaned_data["user"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(name)s may now keep the premises inventory.")
                             % {"name": form.cleaned_data["user"].membership.display_name})  # fmt: skip
            return redirect("premises:editor_list")
    page = Paginator(selectors.premises_editors(), EDITORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return TemplateResponse(request, "premises/editor_list.html", context, status=400 if form.errors else 200)


@require_POST
def editor_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_grant_editing(request.user):
        raise PermissionDenied
    try:
        user = User.objects.select_related("membership").get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    services.editor_revoke(actor=request.user, user=user)
    name = user.membership.display_name if hasattr(user, "membership") else user.get_username()
    messages.success(request, _("%(name)s no longer keeps the premises inventory.") % {"name": name})
    return redirect("premises:editor_list")


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
