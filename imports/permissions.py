"""Who may import what. Rows go through the owning apps' services, which apply their own rules (报备/撞单,
visibility, stage rules); this only says who may start an import of a kind."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from premises.permissions import can_edit_premises
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, role_of

Role = Membership.Role
# buildings are the premises keepers' inventory; the rest is anybody's desk work
_KINDS_BY_ROLE = {
    "companies": {Role.RECRUITER, Role.TEAM_LEADER, *DIRECTOR_ROLES, Role.ADMIN},
    "contacts": {Role.RECRUITER, Role.TEAM_LEADER, *DIRECTOR_ROLES},
    "projects": {Role.RECRUITER, Role.TEAM_LEADER, *DIRECTOR_ROLES},
    "contact_logs": {Role.RECRUITER, Role.TEAM_LEADER, *DIRECTOR_ROLES},
}


def can_import(user: User, kind: str) -> bool:
    if kind == "buildings":  # administrators and those they allow (premises.change_building), as the pages
        return can_edit_premises(user)
    return role_of(user) in _KINDS_BY_ROLE.get(kind, set())


def can_view_import(user: User, run) -> bool:
    return run.user_id == user.pk or role_of(user) in DIRECTOR_ROLES or role_of(user) == Role.ADMIN


def check_can_import(user: User, kind: str) -> None:
    if not can_import(user, kind):
        raise PermissionDenied(_("You cannot import this kind of data."))
