"""Who may use the API at all; what each object allows is the apps' own policy modules."""

from rest_framework import permissions

from api.models import ApiToken
from teams.permissions import role_of


class IsMember(permissions.BasePermission):
    """Signed in (session or token) and a member of the center; a read-only token cannot write."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated or role_of(user) is None:
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write
