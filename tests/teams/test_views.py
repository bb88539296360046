"""The teams pages: who may open what, and errors shown on the form."""

import pytest
from django.urls import reverse

from teams.models import Membership, Team
from tests.factories import TEST_PASSWORD, TeamFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db

ADMIN_ONLY_GETS = ["teams:team_create", "teams:member_create"]


@pytest.fixture
def login(client):
    def _login(member: Membership):
        client.force_login(member.user)
        return client

    return _login


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.TEAM_LEADER, Role.DIRECTOR, Role.DEPUTY_DIRECTOR])
def test_non_admins_get_403_on_management_pages_and_actions(login, role):
    actor = make_member(role)
    target = make_member(Role.RECRUITER)
    client = login(actor)
    for name in ADMIN_ONLY_GETS:
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("teams:team_edit", args=[target.team.pk])).status_code == 403
    assert client.get(reverse("teams:member_set_password", args=[target.pk])).status_code == 403
    other_team = TeamFactory()
    response = client.post(reverse("teams:member_move", args=[target.pk]), {"team": other_team.pk})
    assert response.status_code == 403
    assert client.post(reverse("teams:member_deactivate", args=[target.pk])).status_code == 403
    assert client.post(reverse("teams:team_create"), {"name": "偷建", "code": "HX"}).status_code == 403
    target.refresh_from_db()
    assert target.team != other_team and target.user.is_active
    assert not Team.objects.filter(code="HX").exists()


def test_everyone_sees_the_directory_but_not_inactive_people(login, recruiter_member):
    gone = make_member(Role.RECRUITER, team=recruiter_member.team, display_name="离职者")
    gone.user.is_active = False
    gone.user.save()
    client = login(recruiter_member)
    page = client.get(reverse("teams:member_list")).content.decode()
    assert recruiter_member.display_name in page and "离职者" not in page
    assert client.get(reverse("teams:member_detail", args=[gone.pk])).status_code == 404
    assert client.get(reverse("teams:team_detail", args=[recruiter_member.team.pk])).status_code == 200


def test_admin_moves_a_member_from_the_member_page(login, admin_member):
    member = make_member(Role.RECRUITER)
    target = TeamFactory(name="招商五组")
    client = login(admin_member)
    response = client.post(reverse("teams:member_move", args=[member.pk]), {"team": target.pk}, follow=True)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.team == target
    assert "招商五组" in response.content.decode()


def test_duplicate_group_name_shows_a_translated_error_on_the_form(login, admin_member):
    TeamFactory(name="招商一组", code="G1")
    client = login(admin_member)
    response = client.post(reverse("teams:team_create"), {"name": "招商一组", "code": "G7"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "A group with this name already exists." in response.content.decode()
    response = client.post(
        reverse("teams:team_create"), {"name": "招商一组", "code": "G7"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "已存在" in response.content.decode()
    assert Team.objects.filter(name="招商一组").count() == 1


def test_last_admin_role_change_is_refused_on_the_page(login, admin_member):
    client = login(admin_member)
    response = client.post(
        reverse("teams:member_change_role", args=[admin_member.pk]), {"role": Role.DIRECTOR}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "last active administrator" in response.content.decode()
    admin_member.refresh_from_db()
    assert admin_member.role == Role.ADMIN


def test_admin_adds_a_member_who_can_log_in(client, admin_member):
    team = TeamFactory()
    client.force_login(admin_member.user)
    response = client.post(
        reverse("teams:member_create"),
        {"username": "wangshuai", "display_name": "王帅", "password": TEST_PASSWORD, "role": Role.RECRUITER,
         "team": team.pk, "phone": "138 0514 0402", "wechat_id": "ws", "email": ""},
    )  # fmt: skip
    member = Membership.objects.get(user__username="wangshuai")
    assert response.status_code == 302 and response.url == member.get_absolute_url()
    assert member.phone == "13805140402"
    client.logout()
    assert client.login(username="wangshuai", password=TEST_PASSWORD)


def test_bad_phone_is_refused_on_the_form(client, admin_member):
    client.force_login(admin_member.user)
    response = client.post(
        reverse("teams:member_create"),
        {"username": "bad", "display_name": "坏号", "password": TEST_PASSWORD, "role": Role.RECRUITER,
         "team": TeamFactory().pk, "phone": "12345"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 200
    assert "Enter a mobile number" in response.content.decode()
    assert not Membership.objects.filter(user__username="bad").exists()


def test_password_change_and_logout(client, recruiter_member):
    client.login(username=recruiter_member.user.username, password=TEST_PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "Lotus-river-2026!", "new_password2": "Lotus-river-2026!"},
    )
    assert response.status_code == 302
    client.post(reverse("logout"))
    assert client.get(reverse("activities:my_day")).status_code == 302
    assert client.login(username=recruiter_member.user.username, password="Lotus-river-2026!")


def test_navigation_is_role_aware(client, recruiter_member, admin_member):
    client.force_login(recruiter_member.user)
    page = client.get(reverse("activities:my_day"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("core:system_status") not in page
    client.force_login(admin_member.user)
    page = client.get(reverse("activities:my_day"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("core:system_status") in page and reverse("teams:member_create") in page
