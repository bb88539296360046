"""Pages of the industry-chain map: the overview of chains, one chain's map, the drill-down lists (targets,
landed companies), the target list's upkeep and turning a target into a lead. Thin views: a scoped fetch,
the form for input shape, one service call; the rules in permissions.py, selectors.py and services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chainmap import permissions, selectors, services
from chainmap.forms import DrillDownFilters, LeadForm, TargetFilters, TargetForm
from chainmap.selectors import Strength
from core.forms import add_service_error
from crm.services import RegistrationConflict
from projects.models import ChainLink
from teams.permissions import DIRECTOR_ROLES, is_leadership, role_of

ROWS_PER_PAGE = 30


def _check_viewer(request: HttpRequest) -> None:
    if not permissions.can_view_chain_map(request.user):
        raise PermissionDenied


def chain_overview(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    context = {"maps": selectors.chain_overview(request.user)}
    return TemplateResponse(request, "chainmap/chain_overview.html", context)


def chain_map(request: HttpRequest, pk: int) -> TemplateResponse:
    _check_viewer(request)
    chain = selectors.chain_get(pk)
    context = {
        "map": selectors.chain_map(request.user, chain), "strength": Strength,
        "strong_at_least": selectors.STRONG_AT_LEAST, "can_edit": permissions.can_edit_targets(request.user),
        "sees_all_projects": is_leadership(request.user),
    }  # fmt: skip
    return TemplateResponse(request, "chainmap/chain_map.html", context)


def _page(request: HttpRequest, rows):
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def target_list(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    filters = TargetFilters(request.GET)
    values = filters.values
    page, query = _page(request, selectors.target_list(values))
    context = {
        "filters": filters, "page": page, "query": query, "link": values["link"],
        "can_edit": permissions.can_edit_targets(request.user),
        "can_lead": permissions.can_turn_targets_into_leads(request.user),
    }  # fmt: skip
    return TemplateResponse(request, "chainmap/target_list.html", context)


def landed_list(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    filters = DrillDownFilters(request.GET)
    values = filters.values
    page, query = _page(request, selectors.landed_list(values))
    context = {"filters": filters, "page": page, "query": query, "link": values["link"]}
    return TemplateResponse(request, "chainmap/landed_list.html", context)


def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_targets(request.user):
        raise PermissionDenied
    link = get_object_or_404(ChainLink.objects.select_related("chain"), pk=pk)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_create(actor=request.user, link=link, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Target %(name)s added.") % {"name": target.name})
            return redirect(target.get_absolute_url())
    context = {"form": form, "link": link, "target": None}
    return TemplateResponse(request, "chainmap/target_form.html", context, status=400 if form.errors else 200)


def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_targets(request.user):
        raise PermissionDenied
    target = selectors.target_get(pk)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.target_update(actor=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Target %(name)s saved.") % {"name": target.name})
            return redirect(target.get_absolute_url())
    context = {"form": form, "link": target.link, "target": target}
    return TemplateResponse(request, "chainmap/target_form.html", context, status=400 if form.errors else 200)


@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_edit_targets(request.user):
        raise PermissionDenied
    target = selectors.target_get(pk)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("Target %(name)s removed.") % {"name": target.name})
    return redirect(target.get_absolute_url())


def target_lead(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a target into a lead (a project at 线索) in one submit; a registration conflict is refused with
    its message and leaves nothing behind."""
    if not permissions.can_turn_targets_into_leads(request.user):
        raise PermissionDenied
    target = selectors.target_get(pk)
    if target.project_id is not None:
        messages.info(request, _("%(name)s is already a project.") % {"name": target.name})
        return redirect(target.get_absolute_url())
    choose_team = role_of(request.user) in DIRECTOR_ROLES
    form = LeadForm(request.POST or None, initial={"name": services.default_project_name(target)},
                    choose_team=choose_team)  # fmt: skip
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            project = services.target_turn_into_lead(actor=request.user, target=target, **form.cleaned_data)
        except RegistrationConflict as error:
            conflict = error
            form.add_error(None, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project %(name)s created from the chain map.") % {"name": project.name})
            return redirect(project)
    context = {"form": form, "target": target, "conflict": conflict}
    return TemplateResponse(request, "chainmap/target_lead.html", context, status=400 if form.errors else 200)
