"""Pages of receptions (客商接待): the list (upcoming first), planning one, its page, confirming, recording
it as held (which writes its contact log in the same submit) and cancelling."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error
from fieldwork import permissions, reception_services, selectors
from fieldwork.forms import ReasonForm, ReceptionCompleteForm, ReceptionForm, ReceptionListQuery
from fieldwork.models import Reception
from projects import selectors as project_selectors
from projects.models import Project

RECEPTIONS_PER_PAGE = 30


def reception_list(request: HttpRequest) -> TemplateResponse:
    query = ReceptionListQuery(request.GET)
    receptions = selectors.receptions_upcoming_first(
        selectors.reception_list_for_user(request.user), status=query.values["status"]
    )
    page = Paginator(receptions, RECEPTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "fieldwork/reception_list.html",
        {"form": query, "page": page, "can_create": permissions.can_create_reception(request.user),
         "now": timezone.now()},
    )  # fmt: skip


def _save_form(request: HttpRequest, form: ReceptionForm, save) -> Reception | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        form.offer_double_booking_confirmation(error)
    return None


def reception_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_reception(request.user):
        raise PermissionDenied
    projects = project_selectors.project_list_for_user(request.user).exclude(status=Project.Status.DROPPED)
    initial = {"hosts": [request.user.pk]}
    form = ReceptionForm(request.POST or None, projects=projects, initial=initial)
    reception = _save_form(request, form, lambda data: reception_services.reception_create(actor=request.user, **data))
    if reception is not None:
        messages.success(
            request, _("Reception recorded as held.") if reception.status == Reception.Status.DONE
            else _("Reception planned."),
        )  # fmt: skip
        return redirect(reception)
    return TemplateResponse(
        request, "fieldwork/reception_form.html", {"form": form, "reception": None},
        status=400 if form.errors else 200,
    )  # fmt: skip


def reception_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reception = selectors.reception_get_for_user(request.user, pk)
    if not permissions.can_edit_reception(request.user, reception):
        raise PermissionDenied
    initial = {
        "visitors": reception.visitors, "headcount": reception.headcount, "itinerary": reception.itinerary,
        "starts_at": timezone.localtime(reception.starts_at), "note": reception.note,
        "ends_at": timezone.localtime(reception.ends_at) if reception.ends_at else None,
        "hosts": [host.pk for host in reception.hosts.all()],
    }  # fmt: skip
    form = ReceptionForm(request.POST or None, initial=initial, editing=True)
    saved = _save_form(
        request, form,
        lambda data: reception_services.reception_update(actor=request.user, reception=reception, **data),
    )  # fmt: skip
    if saved is not None:
        messages.success(request, _("Reception saved."))
        return redirect(saved)
    return TemplateResponse(
        request, "fieldwork/reception_form.html", {"form": form, "reception": reception},
        status=400 if form.errors else 200,
    )  # fmt: skip


def reception_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    reception = selectors.reception_get_for_user(request.user, pk)
    may_edit = permissions.can_edit_reception(request.user, reception)
    return TemplateResponse(
        request,
        "fieldwork/reception_detail.html",
        {
            "reception": reception, "can_edit": may_edit, "cancel_form": ReasonForm(),
            "has_begun": reception.starts_at <= timezone.now(),
            "history": selectors.reception_history(reception),
        },
    )  # fmt: skip


@require_POST
def reception_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    reception = selectors.reception_get_for_user(request.user, pk)
    try:
        reception_services.reception_confirm(actor=request.user, reception=reception)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reception confirmed."))
    return redirect(reception)


def reception_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the reception as held: the contact log (来访接待) and the status in one submit."""
    reception = selectors.reception_get_for_user(request.user, pk)
    if not permissions.can_edit_reception(request.user, reception):
        raise PermissionDenied
    form = ReceptionCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reception_services.reception_complete(actor=request.user, reception=reception, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Reception recorded as held; its contact log is in the project's timeline."))
            return redirect(reception)
    return TemplateResponse(
        request, "fieldwork/reception_complete.html", {"form": form, "reception": reception},
        status=400 if form.errors else 200,
    )  # fmt: skip


@require_POST
def reception_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    reception = selectors.reception_get_for_user(request.user, pk)
    if not permissions.can_edit_reception(request.user, reception):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for cancelling."))
        return redirect(reception)
    reception_services.reception_cancel(actor=request.user, reception=reception, reason=form.cleaned_data["reason"])
    messages.success(request, _("Reception cancelled."))
    return redirect(reception)
