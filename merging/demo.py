"""A duplicate in the demo center: 常州恒锐传动 entered a second time, before its credit code was known, as
常州恒锐传动科技股份公司, with a project and a contact log of its own — the pair the duplicates page lists and
a director merges without losing the log. Known by name: running the seed again adds nothing."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from activities.models import ContactLog
from crm.identity import normalize_company_name
from crm.models import Company
from projects.models import Project
from projects.stages import Stage

ORIGINAL = "常州恒锐传动科技有限公司"
DUPLICATE = "常州恒锐传动科技股份公司"


@transaction.atomic
def seed_demo_duplicate() -> int:
    original = Company.objects.filter(name=ORIGINAL).first()
    if original is None or Company.objects.filter(name=DUPLICATE).exists():
        return Company.objects.filter(name=DUPLICATE).count()
    project = Project.objects.filter(company=original).select_related("owner", "owner_team").first()
    owner = project.owner if project else User.objects.get(username="maxiang")
    # a near-identical name normalises differently (股份公司 is kept), as in ledgers from before the rule
    duplicate = Company.objects.create(
        name=DUPLICATE, normalized_name=normalize_company_name(DUPLICATE) + "股份", city="常州市",
        created_by=owner,
    )  # fmt: skip
    if project:
        twin = Project.objects.create(
            name="恒锐传动减速机扩产（重复录入）", company=duplicate, owner_team=project.owner_team, owner=owner,
            created_by=owner, stage=Stage.LEAD, stage_entered_at=timezone.now(), planned_investment=8000,
        )  # fmt: skip
        ContactLog.objects.create(
            project=twin, company=duplicate, channel="phone", author=owner, team=project.owner_team,
            occurred_at=timezone.now() - timedelta(days=3), summary="电话确认扩产计划，对方称已与园区其他同事联系过。",
        )  # fmt: skip
    return 1
