"""Who may do what in aftercare (builds on teams.permissions):

- everyone in the center reads the landed companies and their service requests;
- a request is opened by the groups that own the company's landed projects (recruiters and their leader),
  directors, deputy directors and administrators;
- it is changed (edited, taken up, resolved) by the person responsible, the leader of that person's group,
  the leader of a group owning the company's projects, directors, deputy directors and administrators;
- administrators set the service levels (SLA)."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from aftercare.models import ServiceRequest
from crm.models import Company
from projects.models import Project
from projects.stages import LANDED_STAGES
from teams.models import Membership, Team
from teams.permissions import is_admin, is_leadership, role_of, team_id_of

AnyUser = User | AnonymousUser


def landed_projects(company: Company):
    """The company's projects at 签约 or later that are not dropped: what makes it a landed company."""
    return Project.objects.filter(company=company, stage__in=LANDED_STAGES).exclude(status=Project.Status.DROPPED)


def _owner_team_ids(company: Company) -> set[int]:
    return set(landed_projects(company).values_list("owner_team_id", flat=True))


def can_view_aftercare(user: AnyUser) -> bool:
    return role_of(user) is not None


def can_view_landed_company(user: AnyUser, company: Company) -> bool:
    return can_view_aftercare(user) and landed_projects(company).exists()


def can_open_request(user: AnyUser, company: Company) -> bool:
    if is_leadership(user):
        return True
    return role_of(user) in Membership.TEAM_ROLES and team_id_of(user) in _owner_team_ids(company)


def _leads(user: AnyUser, team_id: int | None) -> bool:
    return (
        team_id is not None
        and role_of(user) == Membership.Role.TEAM_LEADER
        and Team.objects.filter(pk=team_id, leader_id=user.pk).exists()
    )


def can_change_request(user: AnyUser, request: ServiceRequest) -> bool:
    if role_of(user) is None:
        return False
    if is_leadership(user) or request.responsible_id == user.pk:
        return True
    if role_of(user) != Membership.Role.TEAM_LEADER:
        return False
    responsible_team = Membership.objects.filter(user_id=request.responsible_id).values_list("team_id", flat=True)
    own = team_id_of(user)
    return _leads(user, own) and (own in set(responsible_team) or own in _owner_team_ids(request.company))


def can_manage_service_levels(user: AnyUser) -> bool:
    return is_admin(user)


def check_can_change_request(user: AnyUser, request: ServiceRequest) -> None:
    if not can_change_request(user, request):
        raise PermissionDenied(
            _("Only the person responsible, their group leader or a director can change this request.")
        )
