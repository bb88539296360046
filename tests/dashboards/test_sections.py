"""The dashboard's other sections, hand-computed: post-signing rates, channel mix, chain × stage matrix,
groups compared — and each number's list has that many rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from activities.models import FollowUp
from dashboards import selectors
from projects.models import IndustryChain, Project
from projects.stages import Stage
from tests.dashboards.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def detailed(center):
    one, two = center["one"].team, center["two"].team
    projects = {p.name: p for p in Project.objects.all()}
    ordered = list(Project.objects.order_by("pk"))
    p1, p2, _p3, p4, _p5, _p6, p7, p8 = ordered
    Project.objects.filter(pk=p1.pk).update(channel="fund", planned_construction_date=date(2026, 3, 1))
    Project.objects.filter(pk=p2.pk).update(
        construction_started_on=date(2026, 12, 31), planned_construction_date=date(2027, 1, 15)
    )
    Project.objects.filter(pk=p7.pk).update(
        channel="ambassador", stage=Stage.PRODUCTION, contracted_amount=100000, funds_in_place=40000,
        construction_started_on=date(2026, 8, 1), planned_construction_date=date(2026, 7, 1),
        production_started_on=date(2026, 10, 1),
    )  # fmt: skip
    chain = IndustryChain.objects.order_by("position").first()
    Project.objects.filter(pk__in=[p4.pk, p8.pk]).update(chain=chain)
    FollowUp.objects.create(title="逾期", due_date=TODAY - timedelta(days=2), owner=center["one"].user, team=one,
                            company=p1.company, created_by=center["one"].user)  # fmt: skip
    return center | {"chain": chain, "projects": projects, "one_team": one, "two_team": two}


SCOPE = selectors.Scope(year=2026, today=TODAY)


def test_post_signing_rates_of_the_year(detailed):
    rates = selectors.post_signing_rates(SCOPE)
    figures = {rate["key"]: (rate["count"], rate["percent"]) for rate in rates["rates"]}
    assert rates["signed"] == 3
    assert figures == {
        "on_schedule": (1, Decimal("33.3")),  # started 31 Dec, planned 15 Jan; the other started late
        "started": (2, Decimal("66.7")),
        "producing": (1, Decimal("33.3")),
    }
    assert (rates["in_place"], rates["contracted"], rates["funds_percent"]) == (40000, 280000, Decimal("14.3"))


def test_channel_mix_and_what_each_produced(detailed):
    mix = {row["channel"]: row for row in selectors.channel_mix(SCOPE)}
    assert (mix["fund"]["projects"], mix["fund"]["landed"], mix["fund"]["investment"]) == (1, 1, 180000)
    assert (mix["ambassador"]["projects"], mix["ambassador"]["landed"], mix["ambassador"]["investment"]) == (
        1, 1, 100000,
    )  # fmt: skip
    assert (mix["industry_chain"]["projects"], mix["industry_chain"]["landed"]) == (6, 1)
    assert mix["referral"]["projects"] == 0


def test_chain_by_stage_matrix(detailed):
    (row,) = [row for row in selectors.chain_matrix(SCOPE) if row["chain"] == detailed["chain"]]
    counts = {cell["stage"]: cell["count"] for cell in row["cells"]}
    assert counts[Stage.LEAD] == 1 and counts[Stage.NEGOTIATION] == 1 and sum(counts.values()) == 2


def test_groups_compared(detailed):
    rows = {row["team"]: row for row in selectors.groups_compared(SCOPE)}
    one, two = rows[detailed["one_team"]], rows[detailed["two_team"]]
    stage_counts = [cell["count"] for cell in one["stages"]]
    assert stage_counts == [2, 0, 0, 0, 0, 1, 1, 1]  # the paused 意向 project is not active
    assert (one["signed"], one["contacts_total"], one["overdue"]) == (2, 2, 1)
    assert {cell["channel"]: cell["count"] for cell in one["contacts"]}["phone"] == 2
    assert (two["signed"], two["overdue"], [c["count"] for c in two["stages"]][7]) == (1, 0, 1)
    assert selectors.groups_compared(selectors.Scope(year=2026, team=detailed["one_team"], today=TODAY)) == []


def test_each_section_number_matches_its_list(client, detailed):
    client.force_login(detailed["director"].user)

    def count(url):
        return client.get(url).context["page"].paginator.count

    rates = selectors.post_signing_rates(SCOPE)
    assert count(rates["signed_url"]) == rates["signed"]
    for rate in rates["rates"]:
        assert count(rate["url"]) == rate["count"], rate["key"]
    for row in selectors.channel_mix(SCOPE):
        assert (count(row["url"]), count(row["landed_url"])) == (row["projects"], row["landed"]), row["channel"]
    for row in selectors.chain_matrix(SCOPE):
        for cell in row["cells"]:
            assert count(cell["url"]) == cell["count"]
    for row in selectors.groups_compared(SCOPE):
        assert count(row["signed_url"]) == row["signed"]
        assert count(row["contacts_url"]) == row["contacts_total"]
        assert count(row["overdue_url"]) == row["overdue"]
        for cell in row["stages"] + row["contacts"]:
            assert count(cell["url"]) == cell["count"]


def test_the_excel_export_holds_the_same_numbers(client, detailed):
    from io import BytesIO

    from django.urls import reverse
    from django.utils import translation
    from openpyxl import load_workbook

    client.force_login(detailed["director"].user)
    response = client.get(reverse("dashboards:dashboard_export") + "?year=2026", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('2026.xlsx"')
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Targets", "Pipeline", "After signing", "Recruiting channels", "Chain × stage",
                               "Groups compared"]  # fmt: skip
    scope = selectors.Scope(year=2026)
    with translation.override("en"):
        targets = {row[0]: row[1:] for row in book["Targets"].iter_rows(min_row=2, values_only=True)}
        for row in selectors.target_progress(scope):
            assert targets[str(row["label"])] == (float(row["target"]), float(row["done"]), float(row["gap"]))
    pipeline = list(book["Pipeline"].iter_rows(min_row=2, values_only=True))
    assert [(count, amount) for _stage, count, amount in pipeline] == [
        (row["count"], float(row["investment"])) for row in selectors.funnel(scope)
    ]
    groups = list(book["Groups compared"].iter_rows(min_row=2, values_only=True))
    assert [row[-1] for row in groups] == [row["overdue"] for row in selectors.groups_compared(scope)]


def test_projects_needing_attention(client, detailed):
    from django.utils import timezone

    stale_project = Project.objects.filter(status="active").order_by("pk").first()
    Project.objects.filter(pk=stale_project.pk).update(
        created_at=timezone.now() - timedelta(days=20), stage_entered_at=timezone.now() - timedelta(days=61)
    )
    attention = selectors.needing_attention(SCOPE)
    assert stale_project in attention["stale"] and stale_project in attention["stuck"]
    assert (attention["stale_count"], attention["stuck_count"]) == (1, 1)  # the rest are new
    client.force_login(detailed["director"].user)
    assert client.get(attention["stale_url"]).context["page"].paginator.count == attention["stale_count"]
    assert client.get(attention["stuck_url"]).context["page"].paginator.count == attention["stuck_count"]


def test_the_pipeline_toward_each_target(client, detailed):
    rows = {row["key"]: row for row in selectors.target_progress(SCOPE)}
    as_counts = {key: {cell["stage"]: cell["count"] for cell in rows[key]["pipeline"]} for key in rows}
    assert as_counts["signed"] == {Stage.LEAD: 2, Stage.NEGOTIATION: 1}  # active, not yet signed
    assert as_counts["billion"] == {} and as_counts["major"] == {}  # the 12亿 意向 project is paused
    assert as_counts["contacts"] == {}
    client.force_login(detailed["director"].user)
    for cell in rows["signed"]["pipeline"]:
        assert client.get(cell["url"]).context["page"].paginator.count == cell["count"]
