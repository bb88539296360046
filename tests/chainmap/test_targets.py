"""The target list is kept by directors, deputies and administrators; everyone in the center reads it.
Names are required and bounded; the same company twice in one link is refused with a translated message."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from chainmap import services
from chainmap.models import TargetCompany
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post_new(client, person, link, **data):
    client.force_login(person.user)
    payload = {"name": "江苏北人智能制造科技股份有限公司", "location": "苏州市", "notes": ""} | data
    return client.post(reverse("chainmap:target_create", args=[link.pk]), payload, HTTP_ACCEPT_LANGUAGE="zh-hans")


@pytest.mark.parametrize("who", ["director", "deputy", "admin"])
def test_leadership_adds_targets(client, chain_world, who):
    link = chain_world["links"]["gap"]
    response = _post_new(client, chain_world["people"][who], link, is_chain_leader="on")
    assert response.status_code == 302
    target = TargetCompany.objects.get(link=link, name="江苏北人智能制造科技股份有限公司")
    assert target.is_chain_leader and target.location == "苏州市"
    assert target.created_by == chain_world["people"][who].user
    assert target.history.count() == 1


@pytest.mark.parametrize("who", ["recruiter_a", "leader_a"])
def test_recruiters_and_group_leaders_cannot_edit_targets(client, chain_world, who):
    person, target = chain_world["people"][who], chain_world["targets"][0]
    link = chain_world["links"]["gap"]
    assert _post_new(client, person, link).status_code == 403
    assert client.post(reverse("chainmap:target_edit", args=[target.pk]), {"name": "改名"}).status_code == 403
    assert client.post(reverse("chainmap:target_delete", args=[target.pk])).status_code == 403
    assert client.get(reverse("chainmap:target_list")).status_code == 200  # but they read the list
    with pytest.raises(PermissionDenied):
        services.target_create(actor=person.user, link=link, name="某某科技有限公司")
    assert TargetCompany.objects.filter(link=link).count() == 2


def test_a_login_without_a_role_sees_nothing(client, chain_world):
    client.force_login(UserFactory())
    for name in ("chainmap:chain_overview", "chainmap:target_list", "chainmap:landed_list"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("chainmap:chain_map", args=[chain_world["chain"].pk])).status_code == 403


@pytest.mark.parametrize(
    "variant", ["浙江中控技术股份有限公司", "浙江中控技术有限公司", "浙江中控技术 (中国) 有限公司"]
)
def test_the_same_company_twice_in_one_link_is_refused_in_chinese(client, chain_world, variant):
    response = _post_new(client, chain_world["people"]["director"], chain_world["links"]["gap"], name=variant)
    assert response.status_code == 400
    assert "已是集成服务的目标企业" in response.content.decode()
    assert TargetCompany.objects.filter(link=chain_world["links"]["gap"]).count() == 2


def test_the_same_company_may_be_a_target_of_another_link(chain_world):
    director = chain_world["people"]["director"].user
    target = services.target_create(
        actor=director, link=chain_world["links"]["strong"], name="浙江中控技术股份有限公司"
    )
    assert target.pk


def test_renaming_onto_another_target_of_the_link_is_refused(chain_world):
    director = chain_world["people"]["director"].user
    first, second, _ = chain_world["targets"]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.target_update(actor=director, target=second, name=first.name)
    assert "already a target of 集成服务" in str(error.value.message_dict["name"])
    second.refresh_from_db()
    assert second.name == "上海宝信软件股份有限公司"


@pytest.mark.parametrize(
    ("data", "field"),
    [({"name": ""}, "name"), ({"name": "   "}, "name"), ({"name": "某"}, "name"), ({"name": "某" * 201}, "name"),
     ({"location": "市" * 101}, "location"), ({"notes": "x" * 2001}, "notes"), ({"name": "a\x00b公司"}, "name")],
)  # fmt: skip
def test_bad_input_is_refused_with_its_field_and_nothing_saved(client, chain_world, data, field):
    response = _post_new(client, chain_world["people"]["director"], chain_world["links"]["gap"], **data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert TargetCompany.objects.filter(link=chain_world["links"]["gap"]).count() == 2


def test_the_service_checks_the_bounds_too(chain_world):
    director = chain_world["people"]["director"].user
    with pytest.raises(ValidationError) as error:
        services.target_create(actor=director, link=chain_world["links"]["gap"], name=" 某 ", notes="x" * 2001)
    assert set(error.value.message_dict) == {"name", "notes"}


def test_no_target_in_an_inactive_link(chain_world):
    with pytest.raises(ValidationError):
        services.target_create(actor=chain_world["people"]["director"].user, link=chain_world["links"]["old"],
                               name="某某科技有限公司")  # fmt: skip


def test_a_director_edits_and_removes_a_target(client, chain_world):
    client.force_login(chain_world["people"]["director"].user)
    target = chain_world["targets"][1]
    response = client.post(reverse("chainmap:target_edit", args=[target.pk]),
                           {"name": "上海宝信软件股份有限公司", "location": "上海市", "notes": "工业软件"})  # fmt: skip
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.location == "上海市" and target.notes == "工业软件"
    assert client.post(reverse("chainmap:target_delete", args=[target.pk])).status_code == 302
    assert not TargetCompany.objects.filter(pk=target.pk).exists()


def test_the_target_list_filters_by_chain_leader_and_status(client, chain_world):
    client.force_login(chain_world["people"]["recruiter_a"].user)
    url = reverse("chainmap:target_list")
    assert client.get(url, {"leader": "on"}).context["page"].paginator.count == 1
    assert client.get(url, {"status": "open", "chain": chain_world["chain"].pk}).context["page"].paginator.count == 3
    assert client.get(url, {"status": "converted"}).context["page"].paginator.count == 0
    assert client.get(url, {"link": "9" * 25, "status": "<b>"}).status_code == 200  # ignored, not a 500


def test_the_dashboard_card_shows_each_chains_gaps_linking_to_its_map(client, chain_world):
    client.force_login(chain_world["people"]["director"].user)
    html = client.get(reverse("dashboards:dashboard")).content.decode()
    assert 'id="chain-gaps"' in html
    assert reverse("chainmap:chain_map", args=[chain_world["chain"].pk]) in html
