"""Every cell of the map equals the rows of the list it links to, for a director and for a recruiter (whose
project counts are the projects they may see)."""

import pytest
from django.urls import reverse

from chainmap.selectors import chain_map

pytestmark = pytest.mark.django_db


def _rows(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.mark.parametrize("who", ["director", "recruiter_a", "recruiter_b"])
def test_map_cells_equal_their_drill_down_counts(client, chain_world, who):
    user = chain_world["people"][who].user
    client.force_login(user)
    page = client.get(reverse("chainmap:chain_map", args=[chain_world["chain"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    checked = 0
    for cell in chain_map(user, chain_world["chain"]).cells:
        pairs = [(cell.landed, cell.landed_url), (cell.targets, cell.targets_url)]
        pairs += [(cell.active_visible, cell.projects_url)]
        pairs += [(item.count, item.url) for item in cell.stages]
        for count, url in pairs:
            assert _rows(client, url) == count, (cell.link.name, url)
            checked += 1
        for url in (cell.landed_url, cell.targets_url, cell.projects_url):
            assert url.replace("&", "&amp;") in html
        for item in cell.stages:
            assert (item.url.replace("&", "&amp;") in html) == bool(item.count)  # a stage shows when it has projects
    assert checked == 4 * 11


def test_the_landed_list_shows_each_company_once_per_link(client, chain_world):
    client.force_login(chain_world["people"]["director"].user)
    link = chain_world["links"]["strong"]
    response = client.get(reverse("chainmap:landed_list"), {"link": link.pk})
    assert response.content.decode().count("宁波双签精密有限公司") == 1
    assert (
        _rows(client, reverse("chainmap:landed_list") + f"?chain={chain_world['chain'].pk}") == 4
    )  # the inactive link's too


def test_the_project_list_filters_by_chain_link(client, chain_world):
    client.force_login(chain_world["people"]["director"].user)
    link = chain_world["links"]["thin_pipeline"]
    assert _rows(client, reverse("projects:project_list") + f"?chain_link={link.pk}") == 3  # paused one too
    assert _rows(client, reverse("projects:project_list") + f"?chain_link={link.pk}&status=active") == 2
