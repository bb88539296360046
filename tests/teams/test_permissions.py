"""The policy module, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from teams import permissions
from teams.models import Membership
from tests.factories import UserFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db

ALL_ROLES = [Role.RECRUITER, Role.TEAM_LEADER, Role.DEPUTY_DIRECTOR, Role.DIRECTOR, Role.ADMIN]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_admins_manage_teams(role):
    member = make_member(role)
    assert permissions.can_manage_teams(member.user) is (role == Role.ADMIN)
    assert permissions.can_view_system_status(member.user) is (role == Role.ADMIN)
    assert permissions.can_view_inactive_members(member.user) is (role == Role.ADMIN)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_active_member_sees_the_center_directory(role):
    assert permissions.can_view_center(make_member(role).user)


@pytest.mark.parametrize(
    ("role", "leadership"),
    [
        (Role.RECRUITER, False),
        (Role.TEAM_LEADER, False),
        (Role.DEPUTY_DIRECTOR, True),
        (Role.DIRECTOR, True),
        (Role.ADMIN, True),
    ],
)
def test_leadership_roles_see_the_whole_center(role, leadership):
    assert permissions.is_leadership(make_member(role).user) is leadership


def test_anonymous_inactive_and_profileless_users_have_no_rights():
    inactive = make_member(Role.ADMIN)
    inactive.user.is_active = False
    inactive.user.save()
    for user in (AnonymousUser(), inactive.user, UserFactory()):
        assert permissions.role_of(user) is None
        assert not permissions.can_view_center(user)
        assert not permissions.can_manage_teams(user)


def test_superuser_without_profile_counts_as_admin():
    user = UserFactory(is_superuser=True)
    assert permissions.role_of(user) == Role.ADMIN
    assert permissions.can_manage_teams(user)


def test_recruiter_cannot_deactivate_or_re_role_anyone():
    recruiter = make_member(Role.RECRUITER)
    colleague = make_member(Role.RECRUITER, team=recruiter.team)
    assert not permissions.can_deactivate_member(recruiter.user, colleague)
    assert not permissions.can_change_role(recruiter.user, colleague, Role.TEAM_LEADER)


def test_group_leader_leads_only_their_own_group():
    leader = make_member(Role.TEAM_LEADER)
    other = make_member(Role.TEAM_LEADER)
    assert permissions.leads_team(leader.user, leader.team)
    assert not permissions.leads_team(leader.user, other.team)
    assert not permissions.can_manage_teams(leader.user)


def test_admin_cannot_deactivate_the_last_admin():
    admin = make_member(Role.ADMIN)
    other_admin = make_member(Role.ADMIN)
    assert permissions.can_deactivate_member(admin.user, other_admin)
    other_admin.user.is_active = False
    other_admin.user.save()
    # A superuser-less center with one active admin left: nobody may remove that admin.
    director = make_member(Role.DIRECTOR)
    assert not permissions.can_deactivate_member(admin.user, admin)  # self, and last
    assert not permissions.can_deactivate_member(director.user, admin)
    assert permissions.is_last_active_admin(admin)


def test_admin_cannot_deactivate_themselves_even_with_other_admins():
    admin = make_member(Role.ADMIN)
    make_member(Role.ADMIN)
    assert not permissions.can_deactivate_member(admin.user, admin)


def test_last_admin_cannot_lose_the_admin_role_but_may_keep_it():
    admin = make_member(Role.ADMIN)
    assert not permissions.can_change_role(admin.user, admin, Role.DIRECTOR)
    assert permissions.can_change_role(admin.user, admin, Role.ADMIN)
    make_member(Role.ADMIN)
    assert permissions.can_change_role(admin.user, admin, Role.DIRECTOR)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.TEAM_LEADER, Role.RECRUITER])
def test_non_admins_cannot_deactivate_anyone(role):
    actor = make_member(role)
    target = make_member(Role.RECRUITER)
    assert not permissions.can_deactivate_member(actor.user, target)
