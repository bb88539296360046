"""The API tokens page in the user menu: create (shown once), list one's own, revoke."""

import pytest
from django.test import Client

from api.models import ApiToken
from api.services import token_create
from teams.models import Membership
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def _client(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def test_create_shows_the_token_once_and_it_works():
    member = make_member(Membership.Role.RECRUITER)
    client = _client(member)
    response = client.post("/api/tokens/", {"name": "周报脚本", "scope": "read", "days": "30"})
    assert response.status_code == 200
    raw = response.context["created"]
    assert raw and raw.encode() in response.content
    token = ApiToken.objects.get(user=member.user)
    assert raw.split("_", 2)[2] not in token.secret_hash
    again = client.get("/api/tokens/")
    assert raw.encode() not in again.content and token.prefix.encode() in again.content
    api = Client(headers={"authorization": f"Bearer {raw}"})
    assert api.get("/api/v1/projects/").status_code == 200


@pytest.mark.parametrize("data", [
    {"name": "", "scope": "read", "days": "30"}, {"name": "x", "scope": "root", "days": "30"},
    {"name": "x", "scope": "read", "days": "0"}, {"name": "x", "scope": "read", "days": "9999"},
    {"name": "x" * 101, "scope": "read", "days": "30"},
])  # fmt: skip
def test_bad_input_gets_a_form_error_and_no_token(data):
    member = make_member(Membership.Role.RECRUITER)
    response = _client(member).post("/api/tokens/", data)
    assert response.status_code == 200
    assert response.context["form"].errors and not response.context["created"]
    assert not ApiToken.objects.exists()


def test_revoke_own_token_only():
    member = make_member(Membership.Role.RECRUITER)
    other = make_member(Membership.Role.RECRUITER)
    token, raw = token_create(user=member.user, name="a", scope="write", days=30)
    assert _client(other).post(f"/api/tokens/{token.pk}/revoke/").status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert b"jn_" + token.prefix.encode() not in _client(other).get("/api/tokens/").content
    response = _client(member).post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert Client(headers={"authorization": f"Bearer {raw}"}).get("/api/v1/projects/").status_code == 401


def test_the_user_menu_links_to_the_page():
    response = _client(make_member(Membership.Role.DIRECTOR)).get("/api/tokens/")
    assert b'href="/api/tokens/"' in response.content
