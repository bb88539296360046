"""Context for the shared layout. Lives in config/ because it wires every app together."""

from django.http import HttpRequest

from projects.permissions import can_manage_chains
from teams import permissions
from teams.models import Membership


def navigation(request: HttpRequest) -> dict:
    """What the shared layout needs to draw a role-aware navigation. Worked out once per request: a page
    that renders a partial with the request (a list's rows, a form) runs the context processors again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if getattr(request, "_juneng_navigation", None) is None:
        request._juneng_navigation = _navigation(user)
    return request._juneng_navigation


def _navigation(user) -> dict:
    membership = permissions.membership_of(user)
    return {
        "current_membership": membership,
        "nav": {
            "display_name": membership.display_name if membership else user.get_username(),
            "role": membership.get_role_display() if membership else "",
            "can_manage_teams": permissions.can_manage_teams(user),
            "can_view_system_status": permissions.can_view_system_status(user),
            "can_manage_chains": can_manage_chains(user),
            "signs_off": permissions.role_of(user) in {Membership.Role.TEAM_LEADER, *permissions.DIRECTOR_ROLES},
            "decides_conflicts": permissions.role_of(user) in permissions.DIRECTOR_ROLES,
            "can_log": permissions.role_of(user) not in {None, Membership.Role.ADMIN},
            "sees_dashboard": permissions.role_of(user) is not None,
            "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
        },
    }
