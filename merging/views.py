"""The merge pages: likely duplicates and past merges; compare two companies and merge one into the other;
merge two contacts of a company. Thin: forms, one service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from crm.models import Company
from merging import selectors, services
from merging.forms import CompanyMergeForm, CompanyPairForm, ContactMergeForm
from merging.permissions import can_merge

MERGES_PER_PAGE = 25


def _check(request: HttpRequest) -> None:
    if not can_merge(request.user):
        raise PermissionDenied


@require_safe
def merge_list(request: HttpRequest) -> TemplateResponse:
    _check(request)
    page = Paginator(selectors.recent_merges(), MERGES_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "merging/merge_list.html", {"pairs": selectors.likely_duplicates(), "page": page})


@require_safe
def company_merge_into(request: HttpRequest, pk: int) -> HttpResponse:
    """From a company's page: the comparison with this company chosen."""
    _check(request)
    company = get_object_or_404(Company, pk=pk)
    return redirect(f"{reverse('merging:company_merge')}?a={company.pk}")


def company_merge(request: HttpRequest) -> HttpResponse:
    _check(request)
    pair = CompanyPairForm(request.GET or None)
    first = second = form = None
    if pair.is_bound and pair.is_valid():
        first, second = pair.cleaned_data["a"], pair.cleaned_data["b"]
        if first and second and first.pk == second.pk:
            pair.add_error("b", _("Choose two different companies."))
            second = None
    if first and second:
        form = CompanyMergeForm(request.POST or None, first=first, second=second)
        if request.method == "POST" and form.is_valid():
            survivor, merged = (first, second) if form.cleaned_data["keep"] == "a" else (second, first)
            try:
                record = services.company_merge(actor=request.user, survivor=survivor, merged=merged)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(merged)s was merged into %(survivor)s.") % {
                    "merged": record.merged_label, "survivor": record.survivor_label})  # fmt: skip
                return redirect(survivor)
    elif request.method == "POST":
        return redirect(request.get_full_path())
    context = {
        "pair": pair,
        "form": form,
        "sides": [(key, company, selectors.related_counts(company)) for key, company in (("a", first), ("b", second))]
        if first and second
        else [],
    }
    return TemplateResponse(request, "merging/company_merge.html", context, status=400 if form and form.errors else 200)


def contact_merge(request: HttpRequest, pk: int) -> HttpResponse:
    _check(request)
    company = get_object_or_404(Company, pk=pk)
    form = ContactMergeForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.contact_merge(
                actor=request.user, survivor=form.cleaned_data["keep"], merged=form.cleaned_data["merged"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(merged)s was merged into %(survivor)s.") % {
                "merged": record.merged_label, "survivor": record.survivor_label})  # fmt: skip
            return redirect(company)
    context = {"company": company, "form": form}
    return TemplateResponse(request, "merging/contact_merge.html", context, status=400 if form.errors else 200)
