"""Strong, thin, gap: the rule of chainmap/selectors.py on hand-made links."""

import pytest

from chainmap.selectors import STRONG_AT_LEAST, Strength, chain_map, chain_overview, classify
from projects.models import IndustryChain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("landed", "active", "expected"),
    [
        (0, 0, Strength.GAP),
        (0, 1, Strength.THIN),
        (1, 0, Strength.THIN),
        (1, 5, Strength.THIN),
        (STRONG_AT_LEAST, 0, Strength.STRONG),
        (STRONG_AT_LEAST + 3, 2, Strength.STRONG),
    ],
)
def test_classify_follows_the_written_rule(landed, active, expected):
    assert classify(landed=landed, active=active) == expected


def _cells(world, who="director"):
    result = chain_map(world["people"][who].user, world["chain"])
    return {cell.link.pk: cell for cell in result.cells}, result


def test_each_hand_made_link_gets_its_class(chain_world):
    cells, result = _cells(chain_world)
    links = chain_world["links"]
    assert cells[links["strong"].pk].strength == Strength.STRONG
    assert cells[links["thin_one"].pk].strength == Strength.THIN
    assert cells[links["thin_pipeline"].pk].strength == Strength.THIN
    assert cells[links["gap"].pk].strength == Strength.GAP
    assert links["old"].pk not in cells  # an inactive link is not on the map
    assert (result.strong, result.thin, result.gaps) == (1, 2, 1)


def test_landed_counts_companies_once_and_ignores_dropped_projects(chain_world):
    cells, _ = _cells(chain_world)
    links = chain_world["links"]
    assert cells[links["strong"].pk].landed == 2  # three landed projects, two companies
    assert cells[links["thin_one"].pk].landed == 1  # paused after signing: still in the park
    assert cells[links["gap"].pk].landed == 0  # the dropped signed project does not count


def test_only_active_projects_are_counted_per_stage(chain_world):
    cells, _ = _cells(chain_world)
    pipeline = cells[chain_world["links"]["thin_pipeline"].pk]
    counts = {item.stage.value: item.count for item in pipeline.stages}
    assert counts["lead"] == 1 and counts["negotiation"] == 1 and counts["contact"] == 0  # the paused one is out
    assert pipeline.active_visible == pipeline.active_total == 2


def test_segments_group_links_upstream_midstream_downstream(chain_world):
    _, result = _cells(chain_world)
    names = {segment.value: [cell.link.name for cell in segment.cells] for segment in result.segments}
    assert names == {"upstream": ["精密部件"], "midstream": ["传感器", "整机"], "downstream": ["集成服务"]}


def test_a_recruiter_sees_the_centers_classification_but_counts_only_visible_projects(chain_world):
    cells, _ = _cells(chain_world, "recruiter_a")
    pipeline = cells[chain_world["links"]["thin_pipeline"].pk]
    assert pipeline.active_total == 2 and pipeline.active_visible == 1  # 刘洋's 洽谈 project is another group's
    assert pipeline.strength == Strength.THIN


def test_the_overview_counts_gaps_per_chain(chain_world):
    overview = {item.chain.pk: item for item in chain_overview(chain_world["people"]["director"].user)}
    assert overview[chain_world["chain"].pk].gaps == 1


def test_the_dashboard_cards_strengths_are_the_maps_in_fewer_queries(chain_world, django_assert_num_queries):
    """The card reads only each link's strength: the same gaps, thin and strong links as the full overview,
    without the per-stage counts of what the reader sees and the target companies."""
    user = chain_world["people"]["recruiter_a"].user
    full = {item.chain.pk: (item.gaps, item.thin, item.strong) for item in chain_overview(user)}
    with django_assert_num_queries(3):  # chains, links, active projects and landed companies per link
        light = chain_overview(user, detail=False)
    assert {item.chain.pk: (item.gaps, item.thin, item.strong) for item in light} == full
    assert full[chain_world["chain"].pk] == (1, 2, 1)


def test_the_dashboard_passes_its_chains_and_an_inactive_one_is_left_out(chain_world, django_assert_num_queries):
    """The dashboard reads every chain once for its chain matrix and hands them to the card: the card then
    sends one query fewer, and a chain that is no longer active is not on it, as on the overview."""
    user = chain_world["people"]["director"].user
    retired = IndustryChain.objects.create(name="停用产业链", position=10, is_active=False)
    chains = list(IndustryChain.objects.order_by("position", "name"))
    assert retired in chains
    full = {item.chain.pk: (item.gaps, item.thin, item.strong) for item in chain_overview(user)}
    with django_assert_num_queries(2):  # links, active projects and landed companies per link
        light = chain_overview(user, detail=False, chains=chains)
    assert {item.chain.pk: (item.gaps, item.thin, item.strong) for item in light} == full
    assert retired.pk not in full
