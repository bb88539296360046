"""Who may do what with the industry-chain map (builds on teams.permissions and projects.permissions):

- everyone in the center (any role) reads the map, its drill-down lists and the targets;
- the center's leadership — directors, deputy directors and administrators (teams.permissions
  LEADERSHIP_ROLES), who plan recruiting by chain — keeps the list of target companies;
- whoever may create projects (projects.permissions.can_create_project: recruiters and group leaders of a
  group, directors and deputy directors) turns a target that has no project yet into a lead."""

from django.contrib.auth.models import AnonymousUser, User

from chainmap.models import TargetCompany
from projects.permissions import can_create_project
from teams.permissions import is_leadership, role_of

AnyUser = User | AnonymousUser


def can_view_chain_map(user: AnyUser) -> bool:
    return role_of(user) is not None


def can_edit_targets(user: AnyUser) -> bool:
    return is_leadership(user)


def can_turn_targets_into_leads(user: AnyUser) -> bool:
    return can_create_project(user)


def can_turn_into_lead(user: AnyUser, target: TargetCompany) -> bool:
    return target.project_id is None and can_turn_targets_into_leads(user)
