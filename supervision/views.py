"""Pages of 督办: the list, an order's page (notes; acknowledge / report / close as allowed), the issue form
from a project, the project's orders. Thin views: a scoped fetch, the form for input shape, one service
call; the rules in permissions.py and services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import add_service_error
from projects import selectors as project_selectors
from supervision import permissions, selectors, services
from supervision.forms import AcknowledgeForm, CloseForm, IssueForm, OrderFilterForm, ReportForm
from supervision.urgency import BADGE, LABELS, urgency

PER_PAGE = 25


def _list(request: HttpRequest, *, project=None) -> TemplateResponse:
    if not permissions.can_view_supervision(request.user):
        raise PermissionDenied
    filters = OrderFilterForm(request.GET)
    values = filters.filter_values | ({"project": project.pk} if project is not None else {})
    orders = selectors.order_filter(selectors.order_list_for_user(request.user), values)
    page = Paginator(orders, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters, "page": page, "query": query.urlencode(), "project": project, "badges": BADGE,
        "labels": LABELS, "can_issue": project is not None and permissions.can_issue_order(request.user, project),
    }  # fmt: skip
    return TemplateResponse(request, "supervision/order_list.html", context)


@require_safe
def order_list(request: HttpRequest) -> TemplateResponse:
    return _list(request)


@require_safe
def project_orders(request: HttpRequest, pk: int) -> TemplateResponse:
    return _list(request, project=project_selectors.project_get_for_user(request.user, pk, collaborators=False))


@require_http_methods(["GET", "POST"])
def order_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_selectors.project_get_for_user(request.user, pk, collaborators=False)
    if not permissions.can_issue_order(request.user, project):
        raise PermissionDenied
    candidates = services.responsible_candidates(project)
    form = IssueForm(request.POST or None, candidates=candidates, owner_id=project.owner_id)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_issue(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Supervision order issued."))
            return redirect(order)
    status = 400 if form.errors else 200
    return TemplateResponse(request, "supervision/order_form.html", {"form": form, "project": project}, status=status)


def _detail(request: HttpRequest, order, *, forms: dict | None = None, status: int = 200) -> TemplateResponse:
    colour = urgency(order)
    context = {
        "order": order, "notes": selectors.order_notes(order), "colour": colour,
        "badge": BADGE.get(colour, "text-bg-success"), "label": LABELS.get(colour, ""),
        "can_acknowledge": permissions.can_acknowledge(request.user, order),
        "can_report": permissions.can_report(request.user, order),
        "can_close": permissions.can_close(request.user, order),
        "acknowledge_form": AcknowledgeForm(), "report_form": ReportForm(), "close_form": CloseForm(),
        "errors": [error for form in (forms or {}).values() for error in form.non_field_errors()],
    } | (forms or {})  # fmt: skip
    return TemplateResponse(request, "supervision/order_detail.html", context, status=status)


@require_safe
def order_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    return _detail(request, selectors.order_get_for_user(request.user, pk))


def _transition(request: HttpRequest, pk: int, form_class, name: str, check, service, done: str) -> HttpResponse:
    order = selectors.order_get_for_user(request.user, pk)
    try:
        check(request.user, order)  # 403 for the wrong person before anything else; a status error is the form's
    except ValidationError:
        pass
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, order=order, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect(order)
    return _detail(request, order, forms={name: form}, status=400)


@require_POST
def order_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, AcknowledgeForm, "acknowledge_form", permissions.check_can_acknowledge,
                       services.order_acknowledge,
                       _("Supervision order acknowledged."))  # fmt: skip


@require_POST
def order_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, ReportForm, "report_form", permissions.check_can_report, services.order_report,
                       _("Progress reported."))  # fmt: skip


@require_POST
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, CloseForm, "close_form", permissions.check_can_close, services.order_close,
                       _("Supervision order closed."))  # fmt: skip
