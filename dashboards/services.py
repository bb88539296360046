from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from dashboards.models import Target
from teams.models import Team
from teams.permissions import LEADERSHIP_ROLES, role_of


def can_edit_targets(user: User) -> bool:
    """Directors, deputy directors and administrators set the year's targets."""
    return role_of(user) in LEADERSHIP_ROLES


@transaction.atomic
def target_save(*, actor: User, year: int, team: Team | None, **figures) -> Target:
    if not can_edit_targets(actor):
        raise PermissionDenied(_("Only directors and administrators set targets."))
    locked = Target.objects.select_for_update().order_by().filter(year=year, team=team)
    target = locked.first() or Target(year=year, team=team)
    for name, value in figures.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    return target
