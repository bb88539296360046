"""Who may import what. Rows go through the owning apps' services, which apply their own rules (报备/撞单,
visibility, stage rules); this only says who may start an import of a kind, see a run and confirm it."""

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


def importable_kinds(user: User, kinds) -> list[str]:
    return [kind for kind in kinds if can_import(user, kind)]


def can_use_imports(user: User) -> bool:
    return role_of(user) is not None


def can_view_import(user: User, run) -> bool:
    """One's own runs; directors and deputies see every run of the center (the rows name its projects)."""
    return run.user_id == user.pk or role_of(user) in DIRECTOR_ROLES


def can_commit_import(user: User, run) -> bool:
    """Only the importer confirms: the rows are written in their name, within what they may see."""
    return run.user_id == user.pk and can_import(user, run.kind)


def check_can_import(user: User, kind: str) -> None:
    if not can_import(user, kind):
        raise PermissionDenied(_("You cannot import this kind of data."))


def check_can_commit(user: User, run) -> None:
    if not can_commit_import(user, run):
        raise PermissionDenied(_("Only the person who uploaded this file can import it."))
