import factory
from django.contrib.auth.models import User

from teams.models import Membership, Team

TEST_PASSWORD = "test-pass-1234"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(TEST_PASSWORD)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"招商{n}组")
    code = factory.Sequence(lambda n: f"T{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A recruiter in a new group unless told otherwise; pass role=... and team=None for center roles."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"成员{n}")
    role = Membership.Role.RECRUITER
    team = factory.SubFactory(TeamFactory)


def make_member(role: str = Membership.Role.RECRUITER, team: Team | None = None, **kwargs) -> Membership:
    """A member with a role; team roles get a group (a new one unless given), center roles none. A group
    leader is also recorded as the group's leader."""
    if role in Membership.TEAM_ROLES:
        membership = MembershipFactory(role=role, team=team or TeamFactory(), **kwargs)
        if role == Membership.Role.TEAM_LEADER:
            membership.team.leader = membership.user
            membership.team.save()
        return membership
    return MembershipFactory(role=role, team=None, **kwargs)
