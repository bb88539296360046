"""The dashboard's numbers, each computed in SQL (conditional aggregation), each with the URL of the list
of rows behind it — the list's count is the number shown."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ContactLog
from crm.models import ConflictClaim
from dashboards.models import Target
from projects.models import YI, Project, StageRequest
from projects.stages import STAGE_ORDER
from teams.models import Membership, Team
from teams.permissions import is_leadership, role_of, team_id_of


@dataclass
class Scope:
    """Whose figures for which year: the whole center (team None) or one group."""

    year: int
    team: Team | None = None
    today: date = field(default_factory=timezone.localdate)

    @property
    def team_params(self) -> dict:
        return {"team": self.team.pk} if self.team else {}


def dashboard_scope_for_user(user: User, *, year: int | None = None, team_id: int | None = None) -> Scope:
    """Leadership may look at the center or any group; a group leader only at their own group."""
    year = year or timezone.localdate().year
    if is_leadership(user):
        team = Team.objects.filter(pk=team_id).first() if team_id else None
        return Scope(year=year, team=team)
    if role_of(user) == Membership.Role.TEAM_LEADER:
        own = team_id_of(user)
        if team_id and team_id != own:
            raise PermissionDenied
        return Scope(year=year, team=Team.objects.get(pk=own))
    raise PermissionDenied


def _projects(scope: Scope):
    projects = Project.objects.all()
    return projects.filter(owner_team=scope.team) if scope.team else projects


def _project_list_url(**params) -> str:
    return f"{reverse('projects:project_list')}?{urlencode(params)}"


def target_progress(scope: Scope) -> list[dict]:
    """Each target: the figure, what was done this year, the gap, and the rows behind it."""
    landed = Q(signed_on__year=scope.year)
    amount = Coalesce("contracted_amount", "planned_investment", output_field=DecimalField())
    done = _projects(scope).aggregate(
        signed=Count("pk", filter=landed),
        billion=Count("pk", filter=landed & Q(planned_investment__gte=10 * YI)),
        major=Count("pk", filter=landed & Q(is_provincial_major=True)),
        investment=Coalesce(Sum(amount, filter=landed), Decimal("0"), output_field=DecimalField()),
    )
    week_start = scope.today - timedelta(days=scope.today.weekday())
    week_end = week_start + timedelta(days=6)
    logs = ContactLog.objects.filter(
        is_deleted=False, occurred_at__date__gte=week_start, occurred_at__date__lte=week_end
    )
    contacts = (logs.filter(team=scope.team) if scope.team else logs).count()
    target = Target.objects.filter(year=scope.year, team=scope.team).first() or Target(year=scope.year, team=scope.team)
    base = {"signed_year": scope.year, **scope.team_params}
    activity_url = f"{reverse('activities:activity_list')}?" + urlencode(
        {"date_from": week_start.isoformat(), "date_to": week_end.isoformat(), **scope.team_params}
    )
    rows = [
        ("signed", _("Projects signed"), target.signed_projects, done["signed"], _project_list_url(**base), False),
        ("billion", _("≥10亿 projects landed"), target.billion_projects, done["billion"],
         _project_list_url(**base, size=10), False),
        ("major", _("Provincial major projects landed"), target.provincial_major_projects, done["major"],
         _project_list_url(**base, provincial_major="on"), False),
        ("investment", _("Signed investment"), target.signed_investment, done["investment"],
         _project_list_url(**base), True),
        ("contacts", _("Contacts this week"), target.contacts_per_week, contacts, activity_url, False),
    ]  # fmt: skip
    return [
        {
            "key": key,
            "label": label,
            "target": goal,
            "done": value,
            "url": url,
            "is_amount": is_amount,
            "gap": max(goal - value, 0),
            "percent": min(int(value * 100 / goal), 100) if goal else None,
        }  # fmt: skip
        for key, label, goal, value, url, is_amount in rows
    ]


def funnel(scope: Scope) -> list[dict]:
    """Active projects by stage: how many and how much planned investment."""
    by_stage = {
        row["stage"]: row
        for row in _projects(scope)
        .filter(status=Project.Status.ACTIVE)
        .values("stage")
        .annotate(count=Count("pk"), investment=Sum("planned_investment"))
    }
    return [
        {
            "stage": stage,
            "count": by_stage.get(stage, {}).get("count", 0),
            "investment": by_stage.get(stage, {}).get("investment") or Decimal("0"),
            "url": _project_list_url(stage=stage.value, status="active", **scope.team_params),
        }
        for stage in STAGE_ORDER
    ]


def waiting_decisions(scope: Scope) -> dict:
    requests = StageRequest.objects.filter(status=StageRequest.Status.PENDING)
    claims = ConflictClaim.objects.filter(status=ConflictClaim.Status.PENDING)
    if scope.team:
        requests = requests.filter(project__owner_team=scope.team)
        claims = claims.filter(Q(claimant_team=scope.team) | Q(holder__team=scope.team))
    return {"signoffs": requests.count(), "claims": claims.count()}
