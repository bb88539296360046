"""Policy for projects and stage sign-offs (builds on teams.permissions)."""

from django.contrib.auth.models import AnonymousUser, User

from projects.models import Project, StageRequest
from projects.stages import Approver, rule
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_leadership, leads_team, role_of, team_id_of

Role = Membership.Role


def is_in_owner_group(user: User | AnonymousUser, project: Project) -> bool:
    return role_of(user) in Membership.TEAM_ROLES and team_id_of(user) == project.owner_team_id


def is_collaborator(user: User | AnonymousUser, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return project.collaborators.filter(pk=user.pk).exists()


def can_view_project(user: User | AnonymousUser, project: Project) -> bool:
    """Leadership sees every project; recruiters and group leaders their group's and those they work on."""
    if role_of(user) is None:
        return False
    return is_leadership(user) or is_in_owner_group(user, project) or is_collaborator(user, project)


def can_edit_project(user: User | AnonymousUser, project: Project) -> bool:
    return role_of(user) in DIRECTOR_ROLES or can_view_project(user, project) and not is_leadership(user)


def can_create_project(user: User | AnonymousUser) -> bool:
    return (role_of(user) in Membership.TEAM_ROLES and team_id_of(user) is not None) or role_of(user) in DIRECTOR_ROLES


def can_request_stage_move(user: User | AnonymousUser, project: Project) -> bool:
    """Members of the owner group (and directors) ask for moves of an active project."""
    return project.is_active and (is_in_owner_group(user, project) or role_of(user) in DIRECTOR_ROLES)


def can_skip_stages(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.DIRECTOR


def can_approve_move_into(user: User | AnonymousUser, project: Project, to_stage: str) -> bool:
    if role_of(user) in DIRECTOR_ROLES:
        return True
    return rule(to_stage).approver == Approver.GROUP_LEADER and leads_team(user, project.owner_team)


def can_decide_stage_request(user: User | AnonymousUser, request: StageRequest) -> bool:
    return (
        request.status == StageRequest.Status.PENDING
        and request.requested_by_id != user.pk
        and can_approve_move_into(user, request.project, request.to_stage)
    )


def can_withdraw_stage_request(user: User | AnonymousUser, request: StageRequest) -> bool:
    return request.status == StageRequest.Status.PENDING and request.requested_by_id == user.pk


def can_change_project_status(user: User | AnonymousUser, project: Project) -> bool:
    return is_in_owner_group(user, project) or role_of(user) in DIRECTOR_ROLES


def can_record_increment(user: User | AnonymousUser, project: Project) -> bool:
    return project.is_landed and can_change_project_status(user, project)


def can_manage_chains(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.ADMIN
