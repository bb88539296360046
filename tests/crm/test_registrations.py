"""Registrations (报备) keep other groups off an investor; conflicts (撞单) go to the director."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crm import permissions, services
from crm.models import ConflictClaim, Registration, RegistrationPolicy
from teams.models import Membership
from tests.factories import CompanyFactory, RegistrationFactory, TeamFactory, make_member

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def group_one():
    return make_member(Role.RECRUITER, team=TeamFactory(name="招商一组"))


@pytest.fixture
def group_two():
    return make_member(Role.RECRUITER, team=TeamFactory(name="招商二组"))


@pytest.fixture
def company():
    return CompanyFactory(name="扬州恒盛智谷科技有限公司")


def _register(member: Membership, company) -> Registration:
    return services.registration_create(actor=member.user, company=company)


def _active(company) -> list[tuple[str, bool]]:
    return sorted((r.team.name, r.shared) for r in company.registrations.filter(status=Registration.Status.ACTIVE))


def test_a_registration_protects_the_investor_for_the_policy_period(group_one, company):
    RegistrationPolicy.objects.update_or_create(pk=1, defaults={"protection_days": 90})
    before = timezone.now()
    registration = _register(group_one, company)
    assert registration.team == group_one.team and registration.registered_by == group_one.user
    assert registration.is_protecting
    assert before + timedelta(days=90) <= registration.expires_at <= timezone.now() + timedelta(days=90)
    assert permissions.team_holds_company(group_one.team_id, company)


def test_registering_an_investor_another_group_protects_raises_a_conflict_naming_the_holder(
    group_one, group_two, company
):
    # given 招商一组 holds the investor
    holder = _register(group_one, company)
    # when 招商二组 registers it too
    with pytest.raises(services.RegistrationConflict) as conflict:
        _register(group_two, company)
    # then the conflict names the holding group, and 招商二组 holds nothing
    assert conflict.value.holders == [holder]
    assert conflict.value.code == "registration_conflict"
    assert "招商一组" in conflict.value.messages[0] and "扬州恒盛智谷科技有限公司" in conflict.value.messages[0]
    assert _active(company) == [("招商一组", False)]


def test_after_the_protection_expires_another_group_may_register(group_one, group_two, company):
    RegistrationFactory(company=company, team=group_one.team, expires_at=timezone.now() - timedelta(days=1))
    registration = _register(group_two, company)
    assert registration.team == group_two.team and registration.is_protecting


def test_registering_again_renews_the_groups_own_registration_instead_of_duplicating_it(group_one, company):
    old = RegistrationFactory(
        company=company,
        team=group_one.team,
        registered_at=timezone.now() - timedelta(days=170),
        expires_at=timezone.now() + timedelta(days=10),
    )
    teammate = make_member(Role.TEAM_LEADER, team=group_one.team)
    renewed = _register(teammate, company)
    assert renewed.pk == old.pk
    assert renewed.expires_at > timezone.now() + timedelta(days=170)
    assert company.registrations.count() == 1


def test_leadership_does_not_register_investors_for_a_group(director_member, company):
    with pytest.raises(PermissionDenied):
        _register(director_member, company)


def test_a_group_files_a_conflict_claim_against_the_holder(group_one, group_two, company):
    holder = _register(group_one, company)
    claim = services.conflict_claim_file(actor=group_two.user, company=company, reason="刘总先联系的我们")
    assert claim.holder == holder and claim.claimant_team == group_two.team
    assert claim.status == ConflictClaim.Status.PENDING


def test_a_claim_needs_a_reason_and_a_holder_and_only_one_may_be_pending(group_one, group_two, company):
    with pytest.raises(ValidationError):  # nobody holds it: register instead
        services.conflict_claim_file(actor=group_two.user, company=company, reason="理由")
    _register(group_one, company)
    with pytest.raises(ValidationError) as refused:
        services.conflict_claim_file(actor=group_two.user, company=company, reason="  ")
    assert "reason" in refused.value.message_dict
    services.conflict_claim_file(actor=group_two.user, company=company, reason="理由")
    with pytest.raises(ValidationError):
        services.conflict_claim_file(actor=group_two.user, company=company, reason="再来一次")
    assert ConflictClaim.objects.count() == 1


@pytest.fixture
def claim(group_one, group_two, company) -> ConflictClaim:
    _register(group_one, company)
    return services.conflict_claim_file(actor=group_two.user, company=company, reason="刘总先联系的我们")


def _decide(director_member, claim, decision: str) -> ConflictClaim:
    return services.conflict_claim_decide(actor=director_member.user, claim=claim, decision=decision, comment="已核实")


def test_keep_leaves_the_investor_with_the_holding_group(director_member, claim, company):
    decided = _decide(director_member, claim, ConflictClaim.Decision.KEEP)
    assert decided.status == ConflictClaim.Status.DECIDED and decided.decided_by == director_member.user
    assert _active(company) == [("招商一组", False)]


def test_transfer_passes_the_investor_to_the_claiming_group(director_member, claim, company, group_one):
    _decide(director_member, claim, ConflictClaim.Decision.TRANSFER)
    assert _active(company) == [("招商二组", False)]
    assert company.registrations.get(team=group_one.team).status == Registration.Status.TRANSFERRED
    # and the former holder is now the one kept off
    with pytest.raises(services.RegistrationConflict):
        _register(group_one, company)


def test_share_lets_both_groups_hold_the_investor(director_member, claim, company, group_one, group_two):
    _decide(director_member, claim, ConflictClaim.Decision.SHARE)
    assert _active(company) == [("招商一组", True), ("招商二组", True)]
    assert permissions.can_view_company_contacts(group_one.user, company)
    assert permissions.can_view_company_contacts(group_two.user, company)


def test_a_second_decision_on_the_same_claim_is_refused(director_member, claim, company):
    _decide(director_member, claim, ConflictClaim.Decision.KEEP)
    deputy = make_member(Role.DEPUTY_DIRECTOR)
    with pytest.raises(ValidationError) as refused:
        _decide(deputy, claim, ConflictClaim.Decision.TRANSFER)
    assert refused.value.code == "already_decided"
    claim.refresh_from_db()
    assert claim.decision == ConflictClaim.Decision.KEEP and claim.decided_by == director_member.user
    assert _active(company) == [("招商一组", False)]


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.TEAM_LEADER, Role.ADMIN])
def test_only_a_director_or_deputy_director_may_decide(claim, company, role):
    with pytest.raises(PermissionDenied):
        _decide(make_member(role), claim, ConflictClaim.Decision.TRANSFER)
    claim.refresh_from_db()
    assert claim.status == ConflictClaim.Status.PENDING
    assert _active(company) == [("招商一组", False)]


def test_an_unknown_decision_is_refused(director_member, claim):
    with pytest.raises(ValidationError) as refused:
        _decide(director_member, claim, "split")
    assert "decision" in refused.value.message_dict


def test_only_administrators_change_the_protection_period(admin_member, director_member):
    policy = services.registration_policy_update(actor=admin_member.user, protection_days=365)
    assert policy.protection_days == 365 == RegistrationPolicy.current().protection_days
    with pytest.raises(ValidationError):
        services.registration_policy_update(actor=admin_member.user, protection_days=0)
    with pytest.raises(PermissionDenied):
        services.registration_policy_update(actor=director_member.user, protection_days=30)
