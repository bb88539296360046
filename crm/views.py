"""The crm pages: companies, their contacts, registrations (报备) and conflict claims (撞单).

Every view has one shape: fetch through a selector (404 for what the user may not see), check the policy
(403), validate the input with a form, call one service, redirect after a POST."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.autocomplete import MAX_OPTIONS, Option, autocomplete_query, autocomplete_response
from core.forms import add_service_error
from core.query import IdField, QueryForm, SearchField
from crm import permissions, selectors, services
from crm.forms import CompanyForm, CompanyListQuery, ConflictClaimForm, ContactForm, RegistrationPolicyForm
from crm.identity import normalize_credit_code
from crm.models import Company, Contact, Registration, RegistrationPolicy
from teams.permissions import team_id_of

COMPANIES_PER_PAGE = 30


# --- reads the pages share ----------------------------------------------------------------------------


def _with_holders(companies: QuerySet[Company]) -> QuerySet[Company]:
    """Attach `holding_registrations` (active, unexpired, with their group) in one query per page."""
    protecting = (
        Registration.objects.filter(status=Registration.Status.ACTIVE, expires_at__gt=timezone.now())
        .select_related("team")
        .order_by("registered_at")
    )
    return companies.prefetch_related(Prefetch("registrations", queryset=protecting, to_attr="holding_registrations"))


def _contact_get_for_user(user: User, pk: int) -> Contact:
    """A contact person; 404 for someone who may not see the contacts of its company."""
    return selectors.contact_get_for_user(user, pk)


def _suggestions(user: User, *, name: str, credit_code: str, exclude_pk: int | None = None) -> list[Company]:
    """Companies already recorded that may be the one being typed: the same credit code first, then
    similar names; each with `holding_registrations`, the groups protecting it."""
    if not permissions.can_view_companies(user):
        return []
    found: list[Company] = []
    if normalize_credit_code(credit_code):
        found += list(selectors.companies_matching(credit_code=credit_code))
    if name:
        found += [company for company in selectors.company_suggestions(name) if company not in found]
    found = [company for company in found if company.pk != exclude_pk]
    holders: dict[int, list[Registration]] = {}
    for registration in selectors.protecting_registrations(found):
        holders.setdefault(registration.company_id, []).append(registration)
    for company in found:
        company.holding_registrations = holders.get(company.pk, [])
    return found


# --- companies ------------------------------------------------------------------------------------------


class CompanySuggestQuery(QueryForm):
    """The company form sends name/credit_code; the project form company_name/company_credit_code."""

    name = SearchField(max_length=200)
    company_name = SearchField(max_length=200)
    credit_code = SearchField(max_length=50)
    company_credit_code = SearchField(max_length=50)
    exclude = IdField()


@require_safe
def company_list(request: HttpRequest) -> TemplateResponse:
    query = CompanyListQuery(request.GET).values["q"]
    companies = _with_holders(selectors.company_list_for_user(request.user, query=query))
    page = Paginator(companies, COMPANIES_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "crm/company_list.html",
        {
            "page": page,
            "query": query,
            "can_create": permissions.can_create_company(request.user),
            "can_manage_policy": permissions.can_manage_registration_policy(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_company(request.user):
        raise PermissionDenied
    form = CompanyForm(request.POST or None)
    suggestions: list[Company] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                company = services.company_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("%(company)s recorded.") % {"company": company.name})
                return redirect(company)
        typed = CompanySuggestQuery(request.POST).values  # bounded: a 1 MB name is no LIKE pattern
        suggestions = _suggestions(request.user, name=typed["name"], credit_code=typed["credit_code"])
    return TemplateResponse(
        request, "crm/company_form.html", {"form": form, "company": None, "suggestions": suggestions}
    )


@require_safe
def company_suggest(request: HttpRequest) -> TemplateResponse:
    """The near-duplicates fragment under the name field of the company form (htmx)."""
    params = CompanySuggestQuery(request.GET).values
    suggestions = _suggestions(
        request.user,
        name=params["name"] or params["company_name"],
        credit_code=params["credit_code"] or params["company_credit_code"],
        exclude_pk=params["exclude"],
    )
    return TemplateResponse(request, "crm/company_form.html#suggestions", {"suggestions": suggestions})


@require_safe
def company_autocomplete(request: HttpRequest) -> TemplateResponse:
    """Companies matching what was typed (name or credit code), for the search boxes that pick one."""
    companies = selectors.company_search_for_user(request.user, query=autocomplete_query(request))
    options = [
        Option(company.pk, company.name, " · ".join(part for part in (company.city, company.credit_code) if part))
        for company in companies[:MAX_OPTIONS]
    ]
    return autocomplete_response(request, options)


def _company_detail_page(
    request: HttpRequest, company: Company, *, claim_form: ConflictClaimForm | None = None, status: int = 200
) -> TemplateResponse:
    user = request.user
    team_id = team_id_of(user)
    registrations = list(selectors.company_registrations(company))
    can_view_contacts = permissions.can_view_company_contacts(user, company)
    can_register = permissions.can_register_company(user)
    conflicts = list(selectors.conflicts_for_team(team_id=team_id, company=company)) if team_id else []
    pending_claim = selectors.conflict_claim_pending_for_team(user=user, company_id=company.pk, team_id=team_id)
    if claim_form is None and conflicts and pending_claim is None and permissions.can_file_conflict_claim(user):
        claim_form = ConflictClaimForm()
    context = {
        "company": company,
        "registrations": registrations,
        "holding": [registration for registration in registrations if registration.is_protecting],
        "own_registration": next((r for r in registrations if r.team_id == team_id and r.is_protecting), None),
        "conflicts": conflicts,
        "pending_claim": pending_claim,
        "claim_form": claim_form,
        "can_view_contacts": can_view_contacts,
        "contacts": company.contacts.all() if can_view_contacts else [],
        "history": selectors.company_history(company, with_contacts=can_view_contacts),
        "can_edit": permissions.can_edit_company(user, company),
        "can_register": can_register and not conflicts,
    }
    return TemplateResponse(request, "crm/company_detail.html", context, status=status)


@require_safe
def company_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    company = selectors.company_get_for_user(request.user, pk)
    return _company_detail_page(request, company)


@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get_for_user(request.user, pk)
    if not permissions.can_edit_company(request.user, company):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, initial=CompanyForm.initial_for(company), exclude_pk=company.pk)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_update(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(company)s saved.") % {"company": company.name})
            return redirect(company)
    return TemplateResponse(request, "crm/company_form.html", {"form": form, "company": company, "suggestions": []})


# --- contact persons -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get_for_user(request.user, pk)
    if not permissions.can_view_company_contacts(request.user, company):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(contact)s added.") % {"contact": contact})
            return redirect(company)
    return TemplateResponse(request, "crm/contact_form.html", {"form": form, "company": company, "contact": None})


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, contact_pk: int) -> HttpResponse:
    contact = _contact_get_for_user(request.user, contact_pk)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_update(actor=request.user, contact=contact, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(contact)s saved.") % {"contact": contact})
            return redirect(contact.company)
    return TemplateResponse(
        request, "crm/contact_form.html", {"form": form, "company": contact.company, "contact": contact}
    )


# --- registrations and conflict claims -----------------------------------------------------------------


@require_POST
def company_register(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get_for_user(request.user, pk)
    if not permissions.can_register_company(request.user):
        raise PermissionDenied
    try:
        registration = services.registration_create(actor=request.user, company=company)
    except services.RegistrationConflict as conflict:
        # Names the holding group and how long it is protected.
        messages.error(request, " ".join(conflict.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(team)s holds %(company)s until %(date)s.")
            % {
                "team": registration.team.name,
                "company": company.name,
                "date": timezone.localtime(registration.expires_at).date().isoformat(),
            },
        )
    return redirect(company)


@require_POST
def conflict_claim_create(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.company_get_for_user(request.user, pk)
    if not permissions.can_file_conflict_claim(request.user):
        raise PermissionDenied
    form = ConflictClaimForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_claim_file(actor=request.user, company=company, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if not (hasattr(error, "error_dict") and set(error.error_dict) <= {"reason"}):
                # Nobody holds it any more, or the group already has a pending claim: the page says why.
                messages.error(request, " ".join(error.messages))
                return redirect(company)
            add_service_error(form, error)
        else:
            messages.success(request, _("Your claim was sent to the director, who will decide."))
            return redirect(company)
    return _company_detail_page(request, company, claim_form=form, status=400)


@require_http_methods(["GET", "POST"])
def registration_policy(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_registration_policy(request.user):
        raise PermissionDenied
    policy = RegistrationPolicy.current()
    form = RegistrationPolicyForm(request.POST or None, initial={"protection_days": policy.protection_days})
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.registration_policy_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Registrations now protect an investor for %(days)d days.") % {"days": policy.protection_days},
            )
            return redirect("crm:registration_policy")
    return TemplateResponse(request, "crm/registration_policy_form.html", {"form": form, "policy": policy})
