"""Reads of the crm app: companies, duplicates, who holds an investor."""

from django.contrib.auth.models import User
from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Length
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from crm import permissions
from crm.identity import normalize_company_name, normalize_credit_code
from crm.models import Company, ConflictClaim, Contact, Registration
from teams.permissions import team_id_of


def company_list_for_user(user: User, *, query: str = "") -> QuerySet[Company]:
    if not permissions.can_view_companies(user):
        return Company.objects.none()
    companies = Company.objects.annotate(contact_count=Count("contacts", distinct=True))
    if query:
        normalized = normalize_company_name(query)
        condition = (
            Q(name__icontains=query)
            | Q(credit_code=normalize_credit_code(query))
            | Q(industry__icontains=query)
            | Q(city__icontains=query)
        )
        if normalized:  # "有限公司" alone normalises to "", which every name contains
            condition |= Q(normalized_name__icontains=normalized)
        companies = companies.filter(condition)
    return companies.order_by("name")


def company_search_for_user(user: User, *, query: str = "") -> QuerySet[Company]:
    """Companies to pick from a search box: the name (as typed or normalised, so 有限公司 and bracket
    variants do not matter) or the credit code contains what was typed; by name."""
    if not permissions.can_view_companies(user):
        return Company.objects.none()
    companies = Company.objects.all()
    if query:
        condition = Q(name__icontains=query)
        normalized = normalize_company_name(query)
        if normalized:
            condition |= Q(normalized_name__icontains=normalized)
        code = normalize_credit_code(query)
        if len(code) >= 4 and code.isascii() and code.isalnum():
            condition |= Q(credit_code__startswith=code)
        companies = companies.filter(condition)
    return companies.order_by("name", "pk")


def company_get_for_user(user: User, pk: int) -> Company:
    return get_object_or_404(company_list_for_user(user), pk=pk)


def contact_get_for_user(user: User, pk: int) -> Contact:
    """A contact person; 404 for someone who may not see the contacts of its company."""
    contact = get_object_or_404(Contact.objects.select_related("company"), pk=pk)
    if not permissions.can_view_company_contacts(user, contact.company):
        raise Http404
    return contact


def companies_matching(*, name: str = "", credit_code: str = "") -> QuerySet[Company]:
    """The same investor: the same credit code, or the same name once normalised."""
    condition = Q(pk__in=[])
    normalized = normalize_company_name(name)
    if normalized:
        condition |= Q(normalized_name=normalized)
    code = normalize_credit_code(credit_code)
    if code:
        condition |= Q(credit_code=code)
    return Company.objects.filter(condition)


def company_suggestions(query: str, *, limit: int = 8) -> list[Company]:
    """Near-duplicates while typing a name: same code, or normalised names containing each other."""
    normalized = normalize_company_name(query)
    if len(normalized) < 2:
        return []
    matches = Company.objects.filter(
        Q(normalized_name__contains=normalized) | Q(credit_code=normalize_credit_code(query))
    ).order_by("name")[:limit]
    found = list(matches)
    if len(found) < limit:
        # Names the typed one contains (the user typed the full legal name of a company stored short).
        shorter = (
            Company.objects.annotate(
                typed=Value(normalized, output_field=CharField()), length=Length("normalized_name")
            )
            .filter(typed__contains=F("normalized_name"), length__gte=2)
            .exclude(pk__in=[c.pk for c in found])
            .order_by("name")
        )
        found += list(shorter[: limit - len(found)])
    return found


def protecting_registrations(companies, *, exclude_team_id: int | None = None) -> QuerySet[Registration]:
    """Active, unexpired registrations of these companies by groups other than `exclude_team_id`."""
    registrations = Registration.objects.filter(
        company__in=companies, status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).select_related("company", "team", "team__leader__membership", "registered_by__membership")
    if exclude_team_id is not None:
        registrations = registrations.exclude(team_id=exclude_team_id)
    return registrations.order_by("registered_at")


def conflicts_for_team(*, team_id: int, name: str = "", credit_code: str = "", company: Company | None = None):
    """Registrations that keep `team_id` off this investor — unless the team holds it too (shared)."""
    companies = [company] if company is not None else list(companies_matching(name=name, credit_code=credit_code))
    if not companies:
        return Registration.objects.none()
    own = Registration.objects.filter(
        company__in=companies, team_id=team_id, status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).values_list("company_id", flat=True)
    return protecting_registrations(companies, exclude_team_id=team_id).exclude(company_id__in=list(own))


def company_registrations(company: Company) -> QuerySet[Registration]:
    return company.registrations.select_related("team", "registered_by__membership").order_by("-registered_at")


def conflict_claims_pending() -> QuerySet[ConflictClaim]:
    return ConflictClaim.objects.filter(status=ConflictClaim.Status.PENDING).select_related(
        "company", "holder__team", "holder__registered_by__membership", "claimant_team", "claimed_by__membership"
    )


def conflict_claim_pending_for_team(*, user: User, company_id: int, team_id: int | None) -> ConflictClaim | None:
    """The group's claim on this company still waiting for the director, if any (one at a time)."""
    if team_id is None:
        return None
    return (
        conflict_claims_for_user(user)
        .filter(company_id=company_id, claimant_team_id=team_id, status=ConflictClaim.Status.PENDING)
        .first()
    )


def conflict_claims_for_user(user: User) -> QuerySet[ConflictClaim]:
    claims = ConflictClaim.objects.select_related(
        "company", "holder__team", "claimant_team", "claimed_by__membership", "decided_by__membership"
    )
    if permissions.can_decide_conflict_claim(user):
        return claims
    team_id = team_id_of(user)
    return claims.filter(Q(claimant_team_id=team_id) | Q(holder__team_id=team_id)) if team_id else claims.none()


HISTORY_LIMIT = 10
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def company_history(company: Company, *, with_contacts: bool, limit: int = HISTORY_LIMIT) -> list[dict]:
    """The newest changes to the company (and, for those who may see them, to its contact persons): when,
    who, what (the fields changed) and why — an import names its file and person. Bounded: `limit` rows
    in three queries, whatever the history's length."""
    records = list(
        company.history.select_related("history_user__membership").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        fields = []
        if newer.history_type == "~" and older is not None:
            fields = [
                Company._meta.get_field(change.field).verbose_name for change in newer.diff_against(older).changes
            ]
        entries.append(_history_entry(newer, subject="", fields=fields))
    if with_contacts:
        contact_records = Contact.history.filter(company_id=company.pk).select_related("history_user__membership")
        for record in contact_records.order_by("-history_date", "-history_id")[:limit]:
            entries.append(_history_entry(record, subject=f"{record.name} {record.title}".strip(), fields=[]))
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


def _history_entry(record, *, subject: str, fields: list) -> dict:
    return {
        "when": record.history_date,
        "user": record.history_user,
        "action": _ACTIONS.get(record.history_type, "changed"),
        "subject": subject,
        "fields": fields,
        "reason": record.history_change_reason or "",
    }
