from django.http import HttpRequest

from teams import permissions


def navigation(request: HttpRequest) -> dict:
    """What the shared layout needs to draw a role-aware navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = permissions.membership_of(user)
    return {
        "current_membership": membership,
        "nav": {
            "display_name": membership.display_name if membership else user.get_username(),
            "role": membership.get_role_display() if membership else "",
            "can_manage_teams": permissions.can_manage_teams(user),
            "can_view_system_status": permissions.can_view_system_status(user),
        },
    }
