"""The demo center's targets for this year, from the article: "力争实现每年落户10亿元项目5个以上、列省重大
项目1个以上" (at least five ≥10亿 projects landed and one provincial major project a year), shared out over
the five groups. A target that exists (a director may have changed it) is left as it is."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from dashboards.models import Target
from dashboards.services import target_save
from teams.models import Team

DIRECTOR = "maxiang"

CENTER_TARGETS = {
    "signed_projects": 20,
    "billion_projects": 5,
    "provincial_major_projects": 1,
    "signed_investment": Decimal("1000000"),  # 100亿元
    "contacts_per_week": 60,  # logged contacts (calls, visits, receptions) of the 20 people
}
# Each group: a fifth of the center's targets. The provincial major project: 招商二组 is about to sign the
# article's 汽车数字照明系统项目 (20亿, 列省重大); 招商一组 carries one too.
GROUP_TARGETS = {
    "signed_projects": 4,
    "billion_projects": 1,
    "provincial_major_projects": 0,
    "signed_investment": Decimal("200000"),  # 20亿元
    "contacts_per_week": 12,
}
GROUP_OVERRIDES = {"G1": {"provincial_major_projects": 1}, "G2": {"provincial_major_projects": 1}}


@transaction.atomic
def seed_demo_targets(year: int | None = None) -> int:
    """Set the year's center and group targets that are not set yet (after teams.demo.seed_demo_center).
    Returns how many targets the year has."""
    year = year or timezone.localdate().year
    director = User.objects.get(username=DIRECTOR)
    existing = set(Target.objects.filter(year=year).values_list("team_id", flat=True))
    if None not in existing:
        target_save(actor=director, year=year, team=None, **CENTER_TARGETS)
    for team in Team.objects.filter(is_active=True).order_by("code"):
        if team.pk not in existing:
            target_save(actor=director, year=year, team=team, **(GROUP_TARGETS | GROUP_OVERRIDES.get(team.code, {})))
    return Target.objects.filter(year=year).count()
