"""Who may open, change and resolve service requests: the person responsible, their group leader, the
leader of the group owning the company's project, directors and administrators; not a recruiter of another
group, nor a group leader of another group; everyone in the center reads. Enforced in the services too."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from aftercare import permissions, services
from tests.aftercare.conftest import open_request
from tests.factories import UserFactory, make_member

ALLOWED = ["huangtao", "leader", "director", "deputy", "admin"]
REFUSED = ["zhaomin", "liuyang", "other_leader"]


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_who_may_change_a_request(center, who):
    request = open_request(center)
    assert permissions.can_change_request(center[who].user, request) is (who in ALLOWED)


def test_the_leader_of_the_responsibles_group_may_change_it_even_for_another_groups_company(center):
    request = open_request(center, responsible=center["liuyang"], actor=center["director"])
    assert permissions.can_change_request(center["other_leader"].user, request)
    assert permissions.can_change_request(center["leader"].user, request)  # the owner group's leader
    assert not permissions.can_change_request(center["huangtao"].user, request)


@pytest.mark.parametrize("who", ["zhaomin", "liuyang", "other_leader"])
def test_the_services_refuse_those_who_may_not_change_it(center, who):
    request = open_request(center)
    actor = center[who].user
    with pytest.raises(PermissionDenied):
        services.service_request_start(actor=actor, request=request)
    with pytest.raises(PermissionDenied):
        services.service_request_resolve(actor=actor, request=request, resolution="已办")
    request.refresh_from_db()
    assert request.status == "open"


def test_requests_are_opened_by_the_owner_group_and_the_center_leadership(center):
    company = center["company"]
    for who in ("huangtao", "zhaomin", "leader", "director", "deputy", "admin"):
        assert permissions.can_open_request(center[who].user, company), who
    for who in ("liuyang", "other_leader"):
        assert not permissions.can_open_request(center[who].user, company), who
    with pytest.raises(PermissionDenied):
        open_request(center, actor=center["liuyang"])


def test_everyone_in_the_center_reads_and_a_login_without_a_role_nothing(client, center):
    request = open_request(center)
    urls = [reverse("aftercare:company_list"), reverse("aftercare:company_detail", args=[center["company"].pk]),
            reverse("aftercare:request_list"), request.get_absolute_url()]  # fmt: skip
    client.force_login(center["liuyang"].user)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]
    client.force_login(UserFactory())
    assert [client.get(url).status_code for url in urls] == [403, 404, 403, 404]


def test_a_company_that_has_not_landed_has_no_aftercare_page(client, center):
    client.force_login(center["director"].user)
    assert client.get(reverse("aftercare:company_detail", args=[center["pipeline"].company_id])).status_code == 404
    assert client.get(reverse("aftercare:request_create", args=[center["pipeline"].company_id])).status_code == 404


def test_another_groups_recruiter_cannot_post_a_status_change(client, center):
    request = open_request(center)
    client.force_login(center["liuyang"].user)
    assert client.post(reverse("aftercare:request_start", args=[request.pk])).status_code == 403
    response = client.post(reverse("aftercare:request_resolve", args=[request.pk]), {"resolution": "已办"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == "open"


def test_only_administrators_open_the_service_levels(client, center):
    for who, status in (("director", 403), ("leader", 403), ("admin", 200)):
        client.force_login(center[who].user)
        assert client.get(reverse("aftercare:service_levels")).status_code == status
    member = make_member()
    client.force_login(member.user)
    assert client.post(reverse("aftercare:service_levels"), {"labour": 3}).status_code == 403
