"""Who may take a list out of Juneng, and in which form (builds on teams.permissions).

Anyone with a role may export the lists they can see, masked (脱敏: investors' contact people reduced to
刘**, 138****1234, …). The full file, with the contact people as recorded, is only for the center's
directors and deputy directors: the issue keeps unmasked exports above director level, and administrators
manage the system's people and lists rather than investors, so they get the masked file too. The choice is
enforced here: a request for the full file by anyone else is refused (403), never silently widened."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from teams.permissions import DIRECTOR_ROLES, is_leadership, role_of


def can_export(user: User | AnonymousUser) -> bool:
    return role_of(user) is not None


def can_export_unmasked(user: User | AnonymousUser) -> bool:
    return role_of(user) in DIRECTOR_ROLES


def can_view_all_export_logs(user: User | AnonymousUser) -> bool:
    """Directors, deputies and administrators see every export; everyone else their own."""
    return is_leadership(user)


def check_export(user: User | AnonymousUser, *, masked: bool) -> None:
    if not can_export(user):
        raise PermissionDenied(_("You are not allowed to do this."))
    if not masked and not can_export_unmasked(user):
        raise PermissionDenied(_("Only directors and deputy directors may export unmasked contact details."))
