"""Pages of the land plots (地块): everyone in the center reads the list, the inventory's keepers edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.forms import add_service_error
from premises import permissions, selectors, services
from premises.forms import LandPlotFilterForm, LandPlotForm

PLOTS_PER_PAGE = 30


def land_plot_list(request: HttpRequest) -> TemplateResponse:
    if not permissions.can_view_premises(request.user):
        raise PermissionDenied
    filters = LandPlotFilterForm(request.GET)
    page = Paginator(selectors.land_plot_list(filters.values), PLOTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode(),
               "can_edit": permissions.can_edit_premises(request.user),
               "can_grant": permissions.can_grant_editing(request.user)}  # fmt: skip
    return TemplateResponse(request, "premises/land_plot_list.html", context)


def land_plot_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_edit_premises(request.user):
        raise PermissionDenied
    plot = selectors.land_plot_get(pk) if pk is not None else None
    form = LandPlotForm(request.POST or None, instance=plot)
    if request.method == "POST" and form.is_valid():
        try:
            plot = services.land_plot_save(actor=request.user, plot=plot, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Land plot %(name)s saved.") % {"name": plot.name})
            return redirect("premises:land_plot_list")
    context = {"form": form, "plot": plot}
    return TemplateResponse(request, "premises/land_plot_form.html", context, status=400 if form.errors else 200)
