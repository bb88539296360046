import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from teams.demo import DEMO_PASSWORD, seed_demo_center
from teams.models import Membership, Team

Role = Membership.Role
pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Membership.objects.values_list("user__username", "display_name", "role", "team__code", "user__is_active")
    )


def test_seed_demo_twice_leaves_the_same_23_users_and_5_groups(capsys):
    call_command("seed_demo")
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first
    assert User.objects.count() == 23 and Membership.objects.count() == 23
    assert Team.objects.count() == 5
    assert "admin" in capsys.readouterr().out


def test_demo_center_is_shaped_like_the_article():
    seed_demo_center()
    for team in Team.objects.all():
        members = team.memberships.all()
        assert members.count() == 4
        assert members.filter(role=Role.TEAM_LEADER).get().user == team.leader
    counts = {role: Membership.objects.filter(role=role).count() for role in Role.values}
    assert counts == {"recruiter": 15, "team_leader": 5, "deputy_director": 1, "director": 1, "admin": 1}
    assert Membership.objects.get(user__username="xulei").team.code == "G1"  # 1组招商专员徐磊
    assert Membership.objects.get(user__username="maxiang").display_name == "马翔"


def test_printed_demo_logins_work(client):
    seed_demo_center()
    for username in ("admin", "maxiang", "xulei"):
        assert client.login(username=username, password=DEMO_PASSWORD)


def test_seed_demo_restores_demo_roles_but_keeps_changed_passwords(client):
    seed_demo_center()
    xulei = User.objects.get(username="xulei")
    xulei.set_password("a-new-secret-9")
    xulei.save()
    Membership.objects.filter(user=xulei).update(role=Role.DIRECTOR, team=None)
    seed_demo_center()
    assert Membership.objects.get(user=xulei).team.code == "G1"
    assert client.login(username="xulei", password="a-new-secret-9")


def test_seed_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
