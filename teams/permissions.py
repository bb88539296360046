"""The policy module: the one place that answers "may this user do X (to that object)".

Views call the `can_*` predicates to decide what to show; services call the matching `check_*` functions,
which raise `PermissionDenied` (not allowed at all) or `ValidationError` (allowed in general, but this
change would break a rule, with a message for the user). Later apps build on `role_of` and the role sets.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from teams.models import Membership, Team

Role = Membership.Role

# Roles that see and decide for the whole center.
LEADERSHIP_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.ADMIN})
# Roles that sign off the gates that commit the zone (意向, 签约, 开工).
DIRECTOR_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})


def membership_of(user: User | AnonymousUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user: User | AnonymousUser) -> str | None:
    """The user's role; a superuser without a profile counts as an administrator."""
    if not user.is_authenticated or not user.is_active:
        return None
    membership = membership_of(user)
    if membership is not None:
        return membership.role
    return Role.ADMIN if user.is_superuser else None


def team_id_of(user: User | AnonymousUser) -> int | None:
    membership = membership_of(user)
    return membership.team_id if membership else None


def is_admin(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.ADMIN


def is_leadership(user: User | AnonymousUser) -> bool:
    return role_of(user) in LEADERSHIP_ROLES


def leads_team(user: User | AnonymousUser, team: Team) -> bool:
    return user.is_authenticated and team.leader_id == user.pk and role_of(user) == Role.TEAM_LEADER


def is_last_active_admin(member: Membership) -> bool:
    if member.role != Role.ADMIN or not member.user.is_active:
        return False
    others = Membership.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(pk=member.pk)
    return not others.exists()


# --- teams and members -------------------------------------------------------------------------------


def can_view_center(user: User | AnonymousUser) -> bool:
    """Every active person of the center may see its groups and colleagues (the directory)."""
    return role_of(user) is not None


def can_view_inactive_members(user: User | AnonymousUser) -> bool:
    return is_admin(user)


def can_manage_teams(user: User | AnonymousUser) -> bool:
    """Create and rename groups, set leaders, add, move, re-role and deactivate members."""
    return is_admin(user)


def can_view_system_status(user: User | AnonymousUser) -> bool:
    return is_admin(user)


def check_can_manage_teams(user: User | AnonymousUser) -> None:
    if not can_manage_teams(user):
        raise PermissionDenied(_("Only administrators can manage groups and members."))


def check_can_change_role(user: User | AnonymousUser, member: Membership, new_role: str) -> None:
    check_can_manage_teams(user)
    if member.role == Role.ADMIN and new_role != Role.ADMIN and is_last_active_admin(member):
        raise ValidationError(
            _("%(name)s is the last active administrator; make someone else an administrator first.")
            % {"name": member.display_name},
            code="last_admin",
        )


def check_can_deactivate_member(user: User | AnonymousUser, member: Membership) -> None:
    check_can_manage_teams(user)
    if not member.user.is_active:
        raise ValidationError(_("%(name)s is already inactive.") % {"name": member.display_name}, code="inactive")
    if member.user_id == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."), code="self")
    if is_last_active_admin(member):
        raise ValidationError(
            _("%(name)s is the last active administrator and cannot be deactivated.") % {"name": member.display_name},
            code="last_admin",
        )


def _allowed(check, *args) -> bool:
    try:
        check(*args)
    except (PermissionDenied, ValidationError):
        return False
    return True


def can_change_role(user: User | AnonymousUser, member: Membership, new_role: str) -> bool:
    return _allowed(check_can_change_role, user, member, new_role)


def can_deactivate_member(user: User | AnonymousUser, member: Membership) -> bool:
    return _allowed(check_can_deactivate_member, user, member)


# --- login locks (password guessing) ------------------------------------------------------------------


def can_manage_lockouts(user: User | AnonymousUser) -> bool:
    """See who is locked out after failed logins, and lift a lock."""
    return is_admin(user)


def check_can_manage_lockouts(user: User | AnonymousUser) -> None:
    if not can_manage_lockouts(user):
        raise PermissionDenied(_("Only administrators can see and lift login locks."))
