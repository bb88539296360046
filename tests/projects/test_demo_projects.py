"""`seed_demo` fills the demo center's pipeline: the article's projects and enough others to fill every
stage and group, played through the services, and the same after a second run."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from crm.models import Company, ConflictClaim, Contact, Registration
from crm.selectors import conflict_claims_pending
from projects.models import Project, ProjectEvent, ProjectIncrement, StageRequest
from projects.selectors import signoff_inbox_for_user
from projects.stages import STAGE_TABLE, Approver, Stage
from teams.models import Team

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COUNTED = (Project, Company, Contact, Registration, ConflictClaim, StageRequest, ProjectEvent, ProjectIncrement)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The demo seeded twice, as `make run` does on every start; returns the counts after the first run.
    Seeding plays some 400 service calls, so the module shares one seeded database, rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        first = _counts()
        call_command("seed_demo", stdout=StringIO())
        yield first
        transaction.set_rollback(True)


def test_seeding_again_changes_nothing_and_reports_the_projects(seeded):
    assert _counts() == seeded
    assert seeded["Project"] >= 60
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert f"Demo projects: {seeded['Project']}" in out.getvalue()
    assert _counts() == seeded


def test_the_pipeline_fills_every_stage_and_group_more_early_than_late(seeded):
    per_stage = dict(Project.objects.values_list("stage").annotate(n=Count("pk")))
    assert set(per_stage) == set(Stage.values)
    early = sum(per_stage[stage] for stage in (Stage.LEAD, Stage.CONTACT, Stage.NEGOTIATION))
    assert early > sum(per_stage[stage] for stage in (Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION))
    per_team = dict(Project.objects.values_list("owner_team__code").annotate(n=Count("pk")))
    assert set(per_team) == set(Team.objects.values_list("code", flat=True)) and len(per_team) == 5
    assert min(per_team.values()) >= 8
    assert set(Project.objects.values_list("chain__name", flat=True)) >= {"高端装备", "汽车零部件", "电子信息"}
    assert set(Project.objects.values_list("channel", flat=True)) >= set(Project.Channel.values) - {"other"}

    amounts = sorted(Project.objects.values_list("planned_investment", flat=True))
    assert amounts[0] >= 2000 and amounts[-1] <= 300000
    assert Project.objects.filter(planned_investment__gte=100000).count() >= 5  # 10亿元 projects
    assert Project.objects.filter(is_provincial_major=True).count() >= 2
    for status in (Project.Status.PAUSED, Project.Status.DROPPED):
        stopped = Project.objects.filter(status=status)
        assert stopped.exists() and not stopped.filter(status_reason="").exists()


def test_signed_projects_have_dates_contracts_and_partial_funds(seeded):
    landed = Project.objects.filter(stage__in=[Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION])
    today = timezone.localdate()
    assert landed.count() >= 10
    for project in landed:
        assert project.signed_on and project.contracted_amount
        assert project.funds_in_place is not None and project.funds_in_place < project.contracted_amount
        assert project.signed_on < today
    years = set(landed.values_list("signed_on__year", flat=True))
    assert max(years) - min(years) >= 1  # signings over this and last year
    for project in landed.filter(stage=Stage.PRODUCTION):
        assert project.signed_on < project.construction_started_on < project.production_started_on < today
    assert ProjectIncrement.objects.filter(project__in=landed).count() >= 2


def test_the_articles_projects_are_there_with_their_facts(seeded):
    chassis = Project.objects.get(name="汽车用智能底盘和感应门把手项目")
    assert (chassis.owner_team.name, chassis.owner.username, chassis.stage) == ("招商一组", "xulei", Stage.INTENTION)
    assert chassis.is_high_tech
    assert chassis.company.contacts.filter(name__startswith="刘", title="总经理").exclude(wechat_id="").exists()
    assert chassis.stage_requests.get(status=StageRequest.Status.PENDING).to_stage == Stage.SIGNED
    assert timezone.localdate() < chassis.expected_signing_date <= timezone.localdate() + timedelta(days=35)

    glass = Project.objects.get(name="UTG柔性玻璃项目")
    assert (glass.owner.username, glass.chain.name, glass.company.city) == ("wangshuai", "电子信息", "丽水市")
    cable_car = Project.objects.get(name="氢能高架缆车项目")
    assert cable_car.needs_water_transport and cable_car.company.city == "衢州市"

    powder = Project.objects.get(name="粉末冶金汽车零部件项目")
    assert (powder.owner.username, powder.chain_link.name, powder.stage) == (
        "tanxu",
        "原材料与粉末冶金",
        Stage.SITE_VISIT,
    )
    assert (powder.floor_area_m2, powder.ceiling_height_m, powder.structure) == (
        Decimal(4300),
        Decimal(10),
        Project.Structure.STEEL,
    )

    lighting = Project.objects.get(name="汽车数字照明系统项目")
    assert lighting.planned_investment >= 200000 and lighting.is_provincial_major
    assert lighting.chain_link.name == "汽车照明"

    storage = Project.objects.get(name="埃泰斯热储能项目")
    assert (storage.channel, storage.planned_investment, storage.stage) == (
        Project.Channel.FUND,
        Decimal(50000),
        Stage.SIGNED,
    )
    # signed this year, at least a day ago (so on 1 January, on the year before's last day)
    assert storage.signed_on.year == (timezone.localdate() - timedelta(days=1)).year
    assert 0 < storage.funds_in_place < storage.contracted_amount

    referred = Project.objects.get(name="天盛振宁项目")
    assert referred.channel == Project.Channel.REFERRAL and "恒盛智谷产业社区" in referred.referrer.name
    assert referred.referrer.projects.filter(stage__in=[Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION]).exists()


def test_leaders_and_the_director_find_work_waiting(seeded, django_user_model):
    director = django_user_model.objects.get(username="maxiang")
    director_gates = [stage for stage, rule in STAGE_TABLE.items() if rule.approver == Approver.DIRECTOR]
    assert signoff_inbox_for_user(director).filter(to_stage__in=director_gates).exists()
    leaders_inboxes = [signoff_inbox_for_user(team.leader).count() for team in Team.objects.all()]
    assert sum(leaders_inboxes) >= 1
    assert conflict_claims_pending().count() == 1


def test_the_history_was_made_by_the_right_people_over_months(seeded):
    approved = StageRequest.objects.filter(status=StageRequest.Status.APPROVED).select_related("decided_by__membership")
    for request in approved:
        role = request.decided_by.membership.role
        if STAGE_TABLE[request.to_stage].approver == Approver.DIRECTOR:
            assert role in ("director", "deputy_director")
        else:
            assert role == "team_leader"
        assert request.requested_at <= request.decided_at
    assert StageRequest.objects.filter(status=StageRequest.Status.REJECTED).exclude(decision_comment="").exists()

    now = timezone.now()
    assert not ProjectEvent.objects.filter(created_at__gt=now - timedelta(hours=1)).exists()
    assert Project.objects.filter(created_at__lt=now - timedelta(days=365)).exists()
    open_stages = [Stage.LEAD, Stage.CONTACT, Stage.NEGOTIATION, Stage.SITE_VISIT, Stage.INTENTION]
    active = Project.objects.filter(status=Project.Status.ACTIVE)
    assert active.filter(stage__in=open_stages, stage_entered_at__lt=now - timedelta(days=60)).exists()
    assert Project.objects.filter(updated_at__lt=now - timedelta(days=14)).exists()
    assert Project.objects.filter(updated_at__gt=now - timedelta(days=14)).exists()


def test_each_investor_is_held_by_one_group(seeded):
    active = Registration.objects.filter(status=Registration.Status.ACTIVE)
    assert not active.values("company").annotate(n=Count("team")).filter(n__gt=1).exists()
    for project in Project.objects.select_related("company"):
        assert project.company.registrations.filter(team=project.owner_team).exists()
    assert set(Contact.objects.values_list("company", flat=True)) == set(Company.objects.values_list("pk", flat=True))
