"""Pages of aftercare (企业服务): landed companies, their service requests, the service levels. Thin views:
a scoped fetch, the form for input shape, one service call; the rules in permissions.py and services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from activities.permissions import can_log_contact
from aftercare import permissions, selectors, services
from aftercare.forms import (
    CompanyFilterForm,
    RequestEditForm,
    RequestFilterForm,
    RequestForm,
    ResolveForm,
    ServiceLevelForm,
    StartForm,
)  # fmt: skip
from aftercare.models import ServiceLevel
from core.forms import add_service_error
from projects import selectors as project_selectors
from teams.permissions import is_admin

PER_PAGE = 30


def _check_viewer(request: HttpRequest) -> None:
    if not permissions.can_view_aftercare(request.user):
        raise PermissionDenied


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
def company_list(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    filters = CompanyFilterForm(request.GET)
    values = filters.values
    companies = selectors.landed_company_list(request.user, query=values["q"], with_open=values["open"])
    page = Paginator(companies, PER_PAGE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "query": _query(request), "tab": "companies",
               "can_manage_levels": permissions.can_manage_service_levels(request.user)}  # fmt: skip
    return TemplateResponse(request, "aftercare/company_list.html", context)


@require_safe
def company_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    company = selectors.landed_company_get(request.user, pk)
    projects = selectors.company_landed_projects(company)
    visible = set(
        project_selectors.project_list_for_user(request.user).filter(company=company).values_list("pk", flat=True)
    )
    loggable = next(
        (p for p in projects if p.pk in visible and can_log_contact(request.user, project=p, company=None)), None
    )
    context = {
        "company": company, "projects": projects, "visible_projects": visible, "log_project": loggable,
        "requests": selectors.company_requests(company), "visits": selectors.company_visits(request.user, company),
        "increments": selectors.company_increments(company),
        "referrals": project_selectors.company_referrals(request.user, company),
        "can_open": permissions.can_open_request(request.user, company),
    }  # fmt: skip
    return TemplateResponse(request, "aftercare/company_detail.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.landed_company_get(request.user, pk)
    if not permissions.can_open_request(request.user, company):
        raise PermissionDenied
    projects = permissions.landed_projects(company)
    initial = {"responsible": request.user.pk} if not is_admin(request.user) else {}
    form = RequestForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.service_request_open(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Service request opened, due %(date)s.") % {"date": created.due_on})
            return redirect(created)
    context = {"form": form, "company": company, "levels": ServiceLevel.days_by_kind()}
    return TemplateResponse(request, "aftercare/request_form.html", context, status=400 if form.errors else 200)


@require_safe
def request_list(request: HttpRequest) -> TemplateResponse:
    _check_viewer(request)
    filters = RequestFilterForm(request.GET)
    page = Paginator(selectors.request_list(request.user, filters.values), PER_PAGE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "query": _query(request), "tab": "requests",
               "can_manage_levels": permissions.can_manage_service_levels(request.user)}  # fmt: skip
    return TemplateResponse(request, "aftercare/request_list.html", context)


def _detail(request: HttpRequest, service_request, *, start_form=None, resolve_form=None, status=200):
    may_change = permissions.can_change_request(request.user, service_request)
    context = {
        "service_request": service_request, "history": selectors.request_history(service_request),
        "can_change": may_change and not service_request.is_resolved,
        "start_form": start_form or StartForm(), "resolve_form": resolve_form or ResolveForm(),
    }  # fmt: skip
    return TemplateResponse(request, "aftercare/request_detail.html", context, status=status)


@require_safe
def request_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    return _detail(request, selectors.request_get(request.user, pk))


@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = selectors.request_get(request.user, pk)
    if not permissions.can_change_request(request.user, service_request):
        raise PermissionDenied
    form = RequestEditForm(request.POST or None, initial=RequestEditForm.initial_for(service_request))
    if request.method == "POST" and form.is_valid():
        try:
            services.service_request_update(actor=request.user, request=service_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Service request saved."))
            return redirect(service_request)
    context = {"form": form, "service_request": service_request}
    return TemplateResponse(request, "aftercare/request_edit.html", context, status=400 if form.errors else 200)


@require_POST
def request_start(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = selectors.request_get(request.user, pk)
    if not permissions.can_change_request(request.user, service_request):
        raise PermissionDenied
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            services.service_request_start(actor=request.user, request=service_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The request is in progress."))
            return redirect(service_request)
    return _detail(request, service_request, start_form=form, status=400)


@require_POST
def request_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = selectors.request_get(request.user, pk)
    if not permissions.can_change_request(request.user, service_request):
        raise PermissionDenied
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.service_request_resolve(actor=request.user, request=service_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The request is resolved."))
            return redirect(service_request)
    return _detail(request, service_request, resolve_form=form, status=400)


@require_http_methods(["GET", "POST"])
def service_levels(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_service_levels(request.user):
        raise PermissionDenied
    form = ServiceLevelForm(request.POST or None, days=ServiceLevel.days_by_kind())
    if request.method == "POST" and form.is_valid():
        try:
            services.service_levels_update(actor=request.user, days=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Service levels saved."))
            return redirect("aftercare:service_levels")
    return TemplateResponse(request, "aftercare/service_levels.html",
                            {"form": form, "tab": "settings", "can_manage_levels": True},
                            status=400 if form.errors else 200)  # fmt: skip
