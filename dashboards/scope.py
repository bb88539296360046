"""Whose dashboard figures for which year — the center's or one group's — and who may look at which."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from projects.models import IndustryChain, Project
from teams.models import Membership, Team
from teams.permissions import is_leadership, role_of, team_id_of


@dataclass
class Scope:
    """Whose figures for which year: the whole center (team None) or one group."""

    year: int
    team: Team | None = None
    today: date = field(default_factory=timezone.localdate)
    # The grouped project figures several cards share (`grouped.active_grid`, `grouped.by_channel`), read once per scope
    # when this is a dict: the scopes of a request (`dashboard_scope_for_user`); None reads them each time.
    memo: dict | None = field(default=None, repr=False, compare=False)

    @property
    def team_params(self) -> dict:
        return {"team": self.team.pk} if self.team else {}


def dashboard_scope_for_user(user: User, *, year: int | None = None, team_id: int | None = None) -> Scope:
    """Leadership may look at the center or any group; a group leader only at their own group."""
    year = year or timezone.localdate().year
    if is_leadership(user):
        return _scope_with_teams(year, team_id)
    if role_of(user) == Membership.Role.TEAM_LEADER:
        own = team_id_of(user)
        if team_id and team_id != own:
            raise PermissionDenied
        scope = _scope_with_teams(year, own)
        if scope.team is None:  # a leader's membership always names a group; without one there is nothing to show
            raise PermissionDenied
        return scope
    raise PermissionDenied


def _scope_with_teams(year: int, team_id: int | None) -> Scope:
    """The scope of one group (None: the center), its group taken from every group read for the cards."""
    memo = {"teams": _all_teams()}
    team = next((team for team in memo["teams"] if team.pk == team_id), None) if team_id else None
    return Scope(year=year, team=team, memo=memo)


def _all_teams() -> list[Team]:
    return list(Team.objects.order_by("code"))


def teams(scope: Scope) -> list[Team]:
    """Every group of the center, by code, inactive ones too (read once per request, for the scope itself
    and for every card that lists groups)."""
    return memoized(scope, "teams", _all_teams)


def active_teams(scope: Scope) -> list[Team]:
    return [team for team in teams(scope) if team.is_active]


def chains(scope: Scope) -> list[IndustryChain]:
    """Every industry chain, in the chains' order (read once per request for the chain matrix and the
    chain-map card)."""
    return memoized(scope, "chains", lambda: list(IndustryChain.objects.order_by("position", "name")))


def scope_projects(scope: Scope):
    projects = Project.objects.all()
    return projects.filter(owner_team=scope.team) if scope.team else projects


def memoized(scope: Scope, key: str, compute):
    if scope.memo is None:
        return compute()
    if key not in scope.memo:
        scope.memo[key] = compute()
    return scope.memo[key]
