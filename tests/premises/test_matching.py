"""Matching a project's needs against the inventory: hard constraints exclude with their reasons, soft ones
rank, a building reserved for another project still fits but says who holds it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from premises import services
from premises.matching import matches_for

pytestmark = pytest.mark.django_db


def test_only_the_buildings_that_fit_are_offered_best_first_and_each_other_says_why(park):
    matches = matches_for(park["project"])
    fitting, excluded = matches.fitting, matches.excluded
    b = park["buildings"]
    assert (matches.fitting_count, matches.excluded_count) == (2, 6)
    assert [m.building for m in fitting] == [b["fits"], b["bigger"]]  # 4,300 m² wastes less than 6,000 m²
    reasons = {m.building.name: m.reasons for m in excluded}
    assert reasons == {
        "园区一号厂房": ["层高 6.5 米 < 需要 10 米"],
        "园区二号厂房": ["层高 6.5 米 < 需要 10 米"],
        "园区五号楼": ["层高 8 米 < 需要 10 米", "钢筋混凝土，需要钢结构"],
        "园区七号厂房": ["面积 3000 平方米 < 需要 4000 平方米"],
        "园区八号厂房": ["电力 800 kVA < 需要 2000 kVA"],
        "园区六号厂房": ["已入驻"],
    }


def test_water_transport_and_either_structure(park):
    project = park["project"]
    project.needs_water_transport, project.structure = True, "any"
    matches = matches_for(project)
    fitting, excluded = matches.fitting, matches.excluded
    assert [m.building.name for m in fitting] == ["园区三号厂房"]  # the only one 3 km from a wharf
    assert "5 公里内无水运" in {m.building.name: m.reasons for m in excluded}["园区九号厂房"]


def test_a_building_held_for_another_project_still_fits_but_names_its_holder_and_ranks_last(park):
    b = park["buildings"]
    until = timezone.localdate() + timedelta(days=20)
    services.reserve(actor=park["liuyang"].user, building=b["fits"], project=park["other"], expires_on=until)
    fitting = matches_for(park["project"]).fitting
    assert [m.building for m in fitting] == [b["bigger"], b["fits"]]
    assert fitting[1].holder.project == park["other"] and fitting[0].holder is None


def test_a_large_inventory_lists_the_best_few_and_counts_the_rest(park):
    from tests.premises.conftest import make_building

    for n in range(30):
        make_building(f"标准厂房{n:02d}", area=str(4100 + n), created_by=park["admin"].user)
        make_building(f"低矮厂房{n:02d}", height="6.5", created_by=park["admin"].user)
    matches = matches_for(park["project"], shown=5)
    assert (matches.fitting_count, matches.excluded_count) == (32, 36)
    assert [m.building.name for m in matches.fitting] == [f"标准厂房{n:02d}" for n in range(5)]
    assert len(matches.excluded) == 5 and all(m.reasons for m in matches.excluded)


def test_the_page_lists_both_and_offers_to_reserve(client, park):
    client.force_login(park["wangshuai"].user)
    project_page = client.get(park["project"].get_absolute_url()).content.decode()
    url = reverse("premises:project_matching", args=[park["project"].pk])
    assert url in project_page
    html = client.get(url).content.decode()
    assert f'id="fit-{park["buildings"]["fits"].pk}"' in html and "层高 6.5 米 &lt; 需要 10 米" in html
    assert html.count('class="d-flex gap-1 align-items-start reserve-form"') == 2
    client.force_login(park["liuyang"].user)  # another group's project
    assert client.get(url).status_code == 404
