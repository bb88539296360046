"""Pages of business referrals (以商引商): who introduced whom, and the referrer picker's search.

They live on the projects side because the referral is a project's fact (`Project.referrer`); the crm
company page loads its referrals section from here (crm never imports projects)."""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.autocomplete import MAX_OPTIONS, Option, autocomplete_query, autocomplete_response
from crm import selectors as crm_selectors
from projects import selectors


@require_safe
def referrer_autocomplete(request: HttpRequest) -> TemplateResponse:
    """Companies to name as a project's referrer (or to filter the list by): companies with a project at
    签约 or later first; with nothing typed, only those."""
    companies = selectors.referrer_candidates(request.user, query=autocomplete_query(request))[:MAX_OPTIONS]
    options = [
        Option(company.pk, company.name, _("in the park") if company.in_park else company.city) for company in companies
    ]
    return autocomplete_response(request, options)


@require_safe
def company_referrals(request: HttpRequest, pk: int) -> TemplateResponse:
    """The referrals section of a company page and of its projects' pages (htmx fragment): the projects
    it introduced (company, project, stage, contracted amount) and who introduced it."""
    company = crm_selectors.company_get_for_user(request.user, pk)
    referrals = selectors.company_referrals(request.user, company)
    return TemplateResponse(request, "projects/company_referrals.html", {"company": company, "referrals": referrals})
