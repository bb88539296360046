"""Policy for companies, contacts and registrations (builds on teams.permissions)."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crm.models import Company, ConflictClaim, Registration
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_admin, is_leadership, role_of, team_id_of


def team_holds_company(team_id: int | None, company: Company) -> bool:
    """Whether the group protects the investor; lists prefetch `holding_registrations` (active, unexpired)
    so that asking per row costs no query."""
    if team_id is None:
        return False
    held = getattr(company, "holding_registrations", None)
    if held is not None:
        return any(registration.team_id == team_id for registration in held)
    return Registration.objects.filter(
        company=company, team_id=team_id, status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).exists()


def can_view_companies(user: User | AnonymousUser) -> bool:
    """Company basics (name, code, place, who registered it) are visible to the whole center so that
    nobody chases an investor another group already works on."""
    return role_of(user) is not None


def can_create_company(user: User | AnonymousUser) -> bool:
    return role_of(user) in {*Membership.TEAM_ROLES, *DIRECTOR_ROLES}


def can_view_company_contacts(user: User | AnonymousUser, company: Company) -> bool:
    """Contact people (phones, WeChat) only for leadership and the groups holding the investor."""
    return is_leadership(user) or team_holds_company(team_id_of(user), company)


def visible_contacts_q(user: User | AnonymousUser) -> Q:
    """can_view_company_contacts as a filter over contacts: all of them for the leadership, else those of
    the companies the person's group protects."""
    if is_leadership(user):
        return Q()
    team_id = team_id_of(user)
    if team_id is None:
        return Q(pk__in=[])
    held = Registration.objects.filter(
        team_id=team_id, status=Registration.Status.ACTIVE, expires_at__gt=timezone.now()
    ).values("company_id")
    return Q(company_id__in=held)


def can_edit_company(user: User | AnonymousUser, company: Company) -> bool:
    return (
        is_leadership(user)
        and not is_admin(user)
        or team_holds_company(team_id_of(user), company)
        or (company.created_by_id == getattr(user, "pk", None) and role_of(user) is not None)
    )


def can_register_company(user: User | AnonymousUser) -> bool:
    return role_of(user) in Membership.TEAM_ROLES and team_id_of(user) is not None


def can_file_conflict_claim(user: User | AnonymousUser) -> bool:
    return can_register_company(user)


def can_decide_conflict_claim(user: User | AnonymousUser, claim: ConflictClaim | None = None) -> bool:
    if role_of(user) not in DIRECTOR_ROLES:
        return False
    return claim is None or claim.status == ConflictClaim.Status.PENDING


def can_manage_registration_policy(user: User | AnonymousUser) -> bool:
    return is_admin(user)


def check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))
