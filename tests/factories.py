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


# --- crm ------------------------------------------------------------------------------------------------

from datetime import timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from crm.identity import CREDIT_CODE_ALPHABET, credit_code_check_character, normalize_company_name  # noqa: E402
from crm.models import Company, Contact, Registration  # noqa: E402


def valid_credit_code(n: int) -> str:
    """The n-th valid unified social credit code (GB 32100-2015) of an imaginary series: 9132xxxx MA…"""
    body = f"91321000MA{n:07d}"
    assert all(char in CREDIT_CODE_ALPHABET for char in body)
    return body + credit_code_check_character(body)


class CompanyFactory(factory.django.DjangoModelFactory):
    """A company saved directly (no duplicate check); `normalized_name` follows `name`."""

    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"测试{n}号科技有限公司")
    normalized_name = factory.LazyAttribute(lambda company: normalize_company_name(company.name))
    credit_code = factory.Sequence(valid_credit_code)
    province = "江苏省"
    city = "扬州市"
    industry = "汽车零部件"
    created_by = factory.SubFactory(UserFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"刘{n}")
    title = "总经理"
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An active registration by a member of `team`, protected for 180 days unless `expires_at` is given."""

    class Meta:
        model = Registration

    company = factory.SubFactory(CompanyFactory)
    team = factory.SubFactory(TeamFactory)
    registered_by = factory.LazyAttribute(lambda registration: MembershipFactory(team=registration.team).user)
    registered_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda registration: registration.registered_at + timedelta(days=180))
    status = Registration.Status.ACTIVE
