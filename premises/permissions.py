"""Who may do what with the premises inventory: everyone in the center reads it; administrators, and those
they grant the right to (the `premises.change_building` permission), keep it; whoever may edit a project
reserves a building for it and releases the reservation."""

from django.contrib.auth.models import AnonymousUser, User

from activities.permissions import can_log_contact
from premises.models import Reservation
from projects.models import Project
from projects.permissions import can_edit_project
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_admin, role_of

AnyUser = User | AnonymousUser
EDIT_PERMISSION = "premises.change_building"


def can_view_premises(user: AnyUser) -> bool:
    return role_of(user) is not None


def can_edit_premises(user: AnyUser) -> bool:
    return role_of(user) is not None and (is_admin(user) or user.has_perm(EDIT_PERMISSION))


def can_grant_editing(user: AnyUser) -> bool:
    """Administrators decide who else keeps the inventory."""
    return role_of(user) is not None and is_admin(user)


def can_be_granted_editing(user: User) -> bool:
    return user.is_active and role_of(user) is not None


def can_match_for(user: AnyUser, project: Project) -> bool:
    """The matching list of a project is read by those who may edit the project (they will reserve)."""
    return can_edit_project(user, project)


def can_log_site_visit(user: AnyUser, project: Project) -> bool:
    """A 实地考察 naming the buildings shown is logged by those who may log contacts for the project."""
    return can_log_contact(user, project=project, company=None)


def can_reserve_premises(user: AnyUser) -> bool:
    """Those who work on projects (recruiters, group leaders, directors) reserve for the ones they may edit."""
    return role_of(user) in (*Membership.TEAM_ROLES, *DIRECTOR_ROLES)


def can_reserve_for(user: AnyUser, project: Project) -> bool:
    return can_reserve_premises(user) and project.status == Project.Status.ACTIVE and can_edit_project(user, project)


def can_release(user: AnyUser, reservation: Reservation) -> bool:
    if reservation.status != Reservation.Status.ACTIVE:
        return False
    return (
        reservation.reserved_by_id == user.pk or can_edit_project(user, reservation.project) or can_edit_premises(user)
    )
