"""Who may merge duplicates: the center's leadership (directors, deputies, administrators) — a merge moves
other groups' projects and registrations, which no group may do to another's."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from teams.permissions import is_leadership


def can_merge(user: User | AnonymousUser) -> bool:
    return is_leadership(user)


def check_can_merge(user: User) -> None:
    if not can_merge(user):
        raise PermissionDenied(_("Only directors, deputy directors and administrators merge duplicates."))
