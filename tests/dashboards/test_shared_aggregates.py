"""The cards that share two grouped passes over the projects (`_active_grid`, `_by_channel`) show the
figures each card's own query gave, for the center and for a group, and a request's scope reads each pass
once."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext

from dashboards import grouped, selectors
from projects.models import YI, IndustryChain, Project
from projects.stages import LANDED_STAGES, STAGE_ORDER, Stage
from teams.models import Team
from tests.dashboards.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(center):
    chain = IndustryChain.objects.order_by("position").first()
    for index, project in enumerate(Project.objects.order_by("pk")):
        Project.objects.filter(pk=project.pk).update(
            channel=["fund", "ambassador", "industry_chain"][index % 3],
            chain=chain if index % 2 else None,
            planned_investment=(index + 1) * 40000,
            is_provincial_major=index % 3 == 0,
            contracted_amount=90000 + index if index % 2 else None,
            funds_in_place=30000 if index % 4 == 1 else None,
            construction_started_on=date(2026, 5, 1) if index % 3 == 1 else None,
            planned_construction_date=date(2026, 6, 1) if index % 2 else None,
            production_started_on=date(2026, 9, 1) if index == 4 else None,
        )
    return center


def _expected(scope):
    """The figures as the cards computed them, one query each (before they shared two passes)."""
    projects = Project.objects.all() if scope.team is None else Project.objects.filter(owner_team=scope.team)
    landed = Q(signed_on__year=scope.year)
    amount = Coalesce("contracted_amount", "planned_investment", output_field=DecimalField())
    zero = Decimal("0")
    active = projects.filter(status=Project.Status.ACTIVE)
    open_stages = [stage.value for stage in STAGE_ORDER if stage not in LANDED_STAGES]
    signed = projects.filter(signed_on__year=scope.year)
    return {
        "done": projects.aggregate(
            signed=Count("pk", filter=landed),
            billion=Count("pk", filter=landed & Q(planned_investment__gte=10 * YI)),
            major=Count("pk", filter=landed & Q(is_provincial_major=True)),
            investment=Coalesce(Sum(amount, filter=landed), zero, output_field=DecimalField()),
        ),
        "pipeline": {
            row["stage"]: (row["signed"], row["billion"], row["major"])
            for row in active.filter(stage__in=open_stages)
            .values("stage")
            .annotate(
                signed=Count("pk"),
                billion=Count("pk", filter=Q(planned_investment__gte=10 * YI)),
                major=Count("pk", filter=Q(is_provincial_major=True)),
            )
        },
        "funnel": {
            row["stage"]: (row["count"], row["investment"] or zero)
            for row in active.values("stage").annotate(count=Count("pk"), investment=Sum("planned_investment"))
        },
        "matrix": {
            (row["chain_id"], row["stage"]): row["n"]
            for row in active.filter(chain__isnull=False).values("chain_id", "stage").annotate(n=Count("pk"))
        },
        "channels": {
            row["channel"]: (row["projects"], row["landed"], row["investment"])
            for row in projects.values("channel").annotate(
                projects=Count("pk"),
                landed=Count("pk", filter=landed),
                investment=Coalesce(Sum(amount, filter=landed), zero, output_field=DecimalField()),
            )
        },
        "rates": signed.aggregate(
            signed=Count("pk"),
            on_schedule=Count(
                "pk",
                filter=Q(
                    construction_started_on__isnull=False,
                    planned_construction_date__isnull=False,
                    construction_started_on__lte=F("planned_construction_date"),
                ),
            ),
            started=Count("pk", filter=Q(construction_started_on__isnull=False)),
            producing=Count("pk", filter=Q(production_started_on__isnull=False)),
            contracted=Coalesce(Sum("contracted_amount"), zero, output_field=DecimalField()),
            in_place=Coalesce(
                Sum("funds_in_place", filter=Q(contracted_amount__isnull=False)), zero, output_field=DecimalField()
            ),
        ),  # fmt: skip
        "reached": projects.filter(created_at__year=scope.year).aggregate(
            **{f"s{i}": Count("pk", filter=Q(furthest_stage_index__gte=i)) for i in range(len(STAGE_ORDER))}
        ),
        "groups": {
            (row["owner_team_id"], row["stage"]): row["n"]
            for row in Project.objects.filter(status=Project.Status.ACTIVE)
            .values("owner_team_id", "stage")
            .annotate(n=Count("pk"))
        },
        "signed_by_team": dict(
            Project.objects.filter(signed_on__year=scope.year).values_list("owner_team_id").annotate(n=Count("pk"))
        ),
    }


@pytest.mark.parametrize("memoized", [False, True])
@pytest.mark.parametrize("whose", ["center", "one"])
def test_shared_passes_give_each_cards_figures(varied, whose, memoized):
    team = varied["one"].team if whose == "one" else None
    scope = selectors.Scope(year=2026, team=team, today=TODAY, memo={} if memoized else None)
    expected = _expected(scope)
    assert Project.objects.filter(signed_on__year=2026).exists()  # the fixture lands some this year

    progress = {row["key"]: row["done"] for row in selectors.target_progress(scope)}
    assert {key: progress[key] for key in ("signed", "billion", "major", "investment")} == expected["done"]
    pipeline = {row["key"]: row["pipeline"] for row in selectors.target_progress(scope)}
    for position, key in enumerate(("signed", "billion", "major")):
        shown = {cell["stage"].value: cell["count"] for cell in pipeline[key]}
        assert shown == {stage: counts[position] for stage, counts in expected["pipeline"].items() if counts[position]}

    funnel = {row["stage"].value: (row["count"], row["investment"]) for row in selectors.funnel(scope)}
    assert {stage: row for stage, row in funnel.items() if row[0]} == expected["funnel"]

    matrix = {
        (row["chain"].pk, cell["stage"].value): cell["count"]
        for row in selectors.chain_matrix(scope)
        for cell in row["cells"]
        if cell["count"]
    }
    assert matrix == expected["matrix"]

    channels = {row["channel"].value: (row["projects"], row["landed"], row["investment"])
                for row in selectors.channel_mix(scope) if row["projects"]}  # fmt: skip
    assert channels == expected["channels"]

    rates = selectors.post_signing_rates(scope)
    counts = {rate["key"]: rate["count"] for rate in rates["rates"]}
    assert {"signed": rates["signed"], **counts, "contracted": rates["contracted"], "in_place": rates["in_place"]} == (
        expected["rates"]
    )

    reached = [row["reached"] for row in selectors.conversion(scope)]
    assert reached == [expected["reached"][f"s{i}"] for i in range(len(STAGE_ORDER))]

    groups = selectors.groups_compared(scope)
    if team is None:
        for row in groups:
            stages = [cell["count"] for cell in row["stages"]]
            assert stages == [expected["groups"].get((row["team"].pk, s.value), 0) for s in STAGE_ORDER]
            assert row["signed"] == expected["signed_by_team"].get(row["team"].pk, 0)
    else:
        assert groups == []


def test_a_requests_scope_reads_each_pass_once(varied):
    scope = selectors.dashboard_scope_for_user(varied["director"].user, year=2026)
    assert list(scope.memo) == ["teams"]  # read with the scope, which may name one of them
    selectors.funnel(scope)
    with CaptureQueriesContext(connection) as captured:
        selectors.funnel(scope)
        selectors.chain_matrix(scope)
    assert len(captured) == 1  # the chains' names; the grouped pass is already read
    selectors.channel_mix(scope)  # the pass by group × channel
    with CaptureQueriesContext(connection) as captured:
        selectors.chain_matrix(scope)
        selectors.groups_compared(scope)  # this week's contacts and the overdue follow-ups; the groups are read
    assert len(captured) == 2
    assert [team.code for team in selectors.active_teams(scope)] == sorted(
        Team.objects.filter(is_active=True).values_list("code", flat=True)
    )
    assert selectors.Scope(year=2026).memo is None  # a scope made by hand reads afresh each time
    assert Stage.LEAD.value in {row["stage"] for row in scope.memo["active_grid"]}


def test_totals_by_sums_each_numeric_key_per_value_as_total_does():
    rows = [
        {"stage": "lead", "chain_id": None, "n": 2, "investment": Decimal("1.5"), "billion": 0},
        {"stage": "lead", "chain_id": 3, "n": 1, "investment": None, "billion": 1},
        {"stage": "signing", "chain_id": 3, "n": 4, "investment": None, "billion": 0},
    ]
    sums = grouped.totals_by(rows, "stage")
    for stage in ("lead", "signing"):
        for key in ("n", "billion"):
            assert sums[stage][key] == grouped.total(rows, key, stage=stage)
    assert sums["lead"]["investment"] == Decimal("1.5") and "investment" not in sums["signing"]  # all None
    assert set(sums) == {"lead", "signing"} and "stage" not in sums["lead"]
