"""Builders for project tests: companies and projects placed directly in a stage."""

from django.utils import timezone

from crm.identity import normalize_company_name
from crm.models import Company
from projects.models import Project
from projects.stages import STAGE_ORDER, Stage
from teams.models import Membership
from tests.factories import make_member

Role = Membership.Role


def make_company(name: str = "扬州智能底盘科技有限公司", **fields) -> Company:
    creator = fields.pop("created_by", None) or make_member(Role.ADMIN).user
    return Company.objects.create(name=name, normalized_name=normalize_company_name(name), created_by=creator, **fields)


def make_project(owner: Membership, *, stage: str = Stage.LEAD, company: Company | None = None, **fields) -> Project:
    """A project of `owner`'s group, placed directly in `stage` (the stage machine has its own tests)."""
    company = company or make_company(f"测试投资方{Project.objects.count() + 1}有限公司", created_by=owner.user)
    defaults = {"name": f"项目{Project.objects.count() + 1}", "planned_investment": 50000}
    project = Project.objects.create(
        company=company,
        owner_team=owner.team,
        owner=owner.user,
        created_by=owner.user,
        stage=stage,
        stage_entered_at=timezone.now(),
        furthest_stage_index=STAGE_ORDER.index(stage),
        **(defaults | fields),
    )
    return project
