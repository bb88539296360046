"""Business rules of managing groups and members."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection

from teams import services
from teams.models import MemberEvent, Membership, Team
from tests.conftest import require_service
from tests.factories import TEST_PASSWORD, TeamFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db


def test_admin_creates_and_renames_a_group(admin_member):
    team = services.team_create(actor=admin_member.user, name="招商六组", code="g6")
    assert team.code == "G6"
    services.team_update(actor=admin_member.user, team=team, name="产业链专班", code="G6", is_active=True)
    team.refresh_from_db()
    assert team.name == "产业链专班"
    kinds = list(MemberEvent.objects.filter(team=team).values_list("kind", flat=True))
    assert sorted(kinds) == ["team_created", "team_updated"]


def test_duplicate_group_name_is_refused_with_a_clear_error(admin_member):
    services.team_create(actor=admin_member.user, name="招商一组", code="G1")
    with pytest.raises(ValidationError) as error:
        services.team_create(actor=admin_member.user, name="招商一组", code="G9")
    assert "name" in error.value.message_dict
    assert Team.objects.filter(name="招商一组").count() == 1


def test_recruiter_cannot_create_a_group(recruiter_member):
    with pytest.raises(PermissionDenied):
        services.team_create(actor=recruiter_member.user, name="我的组", code="X1")
    assert not Team.objects.filter(code="X1").exists()


def test_group_with_active_members_cannot_be_deactivated(admin_member):
    recruiter = make_member(Role.RECRUITER)
    with pytest.raises(ValidationError) as error:
        services.team_update(
            actor=admin_member.user, team=recruiter.team, name=recruiter.team.name, code="Z9", is_active=False
        )
    assert error.value.code == "team_not_empty"
    recruiter.team.refresh_from_db()
    assert recruiter.team.is_active and recruiter.team.code != "Z9"


def test_leader_must_be_in_the_group(admin_member):
    team = TeamFactory()
    outsider = make_member(Role.RECRUITER)
    with pytest.raises(ValidationError) as error:
        services.team_set_leader(actor=admin_member.user, team=team, leader=outsider.user)
    assert error.value.code == "leader_not_in_team"
    team.refresh_from_db()
    assert team.leader is None


def test_new_leader_takes_the_role_and_the_old_one_becomes_recruiter(admin_member):
    old = make_member(Role.TEAM_LEADER)
    new = make_member(Role.RECRUITER, team=old.team)
    services.team_set_leader(actor=admin_member.user, team=old.team, leader=new.user)
    old.refresh_from_db(), new.refresh_from_db(), old.team.refresh_from_db()
    assert old.team.leader_id == new.user_id
    assert (old.role, new.role) == (Role.RECRUITER, Role.TEAM_LEADER)


def test_member_create_with_leader_role_leads_the_group(admin_member):
    team = TeamFactory()
    member = services.member_create(
        actor=admin_member.user,
        username="newleader",
        display_name="新组长",
        password=TEST_PASSWORD,
        role=Role.TEAM_LEADER,
        team=team,
        phone="13912345678",
    )
    team.refresh_from_db()
    assert member.role == Role.TEAM_LEADER and team.leader_id == member.user_id
    assert member.user.check_password(TEST_PASSWORD)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "taken"}, "username"),
        ({"password": "123"}, None),
        ({"phone": "12345"}, "phone"),
        ({"team": None}, None),
    ],
)
def test_member_create_refuses_bad_input_and_saves_nothing(admin_member, changes, field):
    make_member(Role.RECRUITER, user__username="taken")
    before = Membership.objects.count()
    arguments = {
        "actor": admin_member.user,
        "username": "fresh",
        "display_name": "新人",
        "password": TEST_PASSWORD,
        "role": Role.RECRUITER,
        "team": TeamFactory(),
        "phone": "13912345678",
    } | changes
    with pytest.raises(ValidationError) as error:
        services.member_create(**arguments)
    if field:
        assert field in error.value.message_dict
    assert Membership.objects.count() == before
    assert not Membership.objects.filter(user__username="fresh").exists()


def test_moving_a_member_records_history(admin_member):
    member = make_member(Role.RECRUITER)
    old_team, new_team = member.team, TeamFactory()
    services.member_move(actor=admin_member.user, member=member, team=new_team)
    member.refresh_from_db()
    assert member.team == new_team
    event = member.events.get(kind=MemberEvent.Kind.MOVED)
    assert (event.old_value, event.new_value, event.actor_id) == (old_team.name, new_team.name, admin_member.user_id)


def test_moving_a_leader_leaves_the_old_group_without_a_leader(admin_member):
    leader = make_member(Role.TEAM_LEADER)
    old_team = leader.team
    services.member_move(actor=admin_member.user, member=leader, team=TeamFactory())
    leader.refresh_from_db(), old_team.refresh_from_db()
    assert old_team.leader is None
    assert leader.role == Role.RECRUITER


def test_directors_belong_to_no_group(admin_member, director_member):
    with pytest.raises(ValidationError):
        services.member_move(actor=admin_member.user, member=director_member, team=TeamFactory())
    director_member.refresh_from_db()
    assert director_member.team is None


def test_recruiter_cannot_move_anyone(recruiter_member):
    colleague = make_member(Role.RECRUITER)
    with pytest.raises(PermissionDenied):
        services.member_move(actor=recruiter_member.user, member=colleague, team=recruiter_member.team)


def test_promoting_a_recruiter_to_director_takes_them_out_of_the_group(admin_member):
    leader = make_member(Role.TEAM_LEADER)
    services.member_change_role(actor=admin_member.user, member=leader, role=Role.DIRECTOR)
    leader.refresh_from_db()
    assert leader.role == Role.DIRECTOR and leader.team is None
    assert not Team.objects.filter(leader=leader.user).exists()


def test_last_admin_cannot_give_up_the_role(admin_member):
    with pytest.raises(ValidationError) as error:
        services.member_change_role(actor=admin_member.user, member=admin_member, role=Role.DIRECTOR)
    assert error.value.code == "last_admin"
    admin_member.refresh_from_db()
    assert admin_member.role == Role.ADMIN


def test_last_admin_cannot_be_deactivated_even_by_a_superuser(admin_member):
    from tests.factories import UserFactory

    superuser = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError) as error:
        services.member_deactivate(actor=superuser, member=admin_member)
    assert error.value.code == "last_admin"


def test_deactivated_member_cannot_log_in_but_their_records_stay(client, admin_member):
    member = make_member(Role.TEAM_LEADER)
    services.member_deactivate(actor=admin_member.user, member=member)
    member.refresh_from_db(), member.team.refresh_from_db()
    assert not member.user.is_active
    assert member.team.leader is None
    assert Membership.objects.filter(pk=member.pk).exists()
    assert not client.login(username=member.user.username, password=TEST_PASSWORD)
    services.member_reactivate(actor=admin_member.user, member=member)
    assert client.login(username=member.user.username, password=TEST_PASSWORD)


def test_member_may_edit_own_contact_details_but_not_someone_elses(recruiter_member):
    services.member_update(
        actor=recruiter_member.user, member=recruiter_member, display_name="徐磊", phone="0514-87654321",
        wechat_id="xulei_gl", email="xulei@example.cn",
    )  # fmt: skip
    recruiter_member.refresh_from_db()
    assert (recruiter_member.display_name, recruiter_member.phone) == ("徐磊", "0514-87654321")
    other = make_member(Role.RECRUITER)
    with pytest.raises(PermissionDenied):
        services.member_update(
            actor=recruiter_member.user, member=other, display_name="x", phone="", wechat_id="", email=""
        )


@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin():
    require_service(connection.vendor == "postgresql", "row locks need PostgreSQL (SQLite serialises writers anyway)")
    first, second = make_member(Role.ADMIN), make_member(Role.ADMIN)
    barrier = threading.Barrier(2)
    outcomes = []

    def demote(actor, target):
        close_old_connections()
        barrier.wait()
        try:
            services.member_change_role(actor=actor.user, member=target, role=Role.DIRECTOR)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=pair) for pair in ((first, second), (second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Membership.objects.filter(role=Role.ADMIN).count() == 1
