"""Writes of the crm app: companies, contacts, registrations (报备) and conflict claims (撞单)."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validators import normalize_phone
from crm import permissions, selectors
from crm.identity import normalize_credit_code
from crm.models import Company, ConflictClaim, Contact, Registration, RegistrationPolicy
from teams.models import Team
from teams.permissions import team_id_of

COMPANY_FIELDS = ("name", "credit_code", "province", "city", "industry", "size", "website", "notes")
CONTACT_FIELDS = ("name", "title", "phone", "wechat_id", "email", "notes")


class RegistrationConflict(ValidationError):
    """Another group holds this investor; `holders` are its protecting registrations."""

    def __init__(self, holders: list[Registration]):
        self.holders = holders
        first = holders[0]
        super().__init__(
            _("%(team)s has registered %(company)s, protected until %(date)s. You can file a conflict claim.")
            % {
                "team": first.team.name,
                "company": first.company.name,
                "date": timezone.localtime(first.expires_at).date().isoformat(),
            },
            code="registration_conflict",
        )


def _save(obj) -> None:
    obj.full_clean()
    obj.save()


def _mark_history(obj, actor: User, change_reason: str) -> None:
    """Who changed it and, when given, why (an import names its file) — for the audit history."""
    obj._history_user = actor
    obj._change_reason = change_reason[:100] or None


def _check_not_duplicate(company: Company) -> None:
    same = selectors.companies_matching(name=company.name, credit_code=company.credit_code or "")
    if company.pk:
        same = same.exclude(pk=company.pk)
    duplicate = same.first()
    if duplicate is not None:
        field = "credit_code" if company.credit_code and duplicate.credit_code == company.credit_code else "name"
        raise ValidationError(
            {field: _("This company already exists as “%(name)s”; choose it instead.") % {"name": duplicate.name}},
            code="duplicate_company",
        )


def _save_company(company: Company) -> None:
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError as error:  # two people saving the same code at once
        raise ValidationError({"credit_code": _("A company with this credit code already exists.")}) from error


def _validate_and_save(company: Company) -> None:
    company.credit_code = normalize_credit_code(company.credit_code or "") or None
    # Before full_clean(): its constraint check would report a known credit code as a form-wide error.
    _check_not_duplicate(company)
    company.full_clean()
    _save_company(company)


@transaction.atomic
def company_create(*, actor: User, change_reason: str = "", **fields) -> Company:
    permissions.check(permissions.can_create_company(actor))
    company = Company(created_by=actor, **{k: v for k, v in fields.items() if k in COMPANY_FIELDS})
    _mark_history(company, actor, change_reason)
    _validate_and_save(company)
    return company


@transaction.atomic
def company_update(*, actor: User, company: Company, change_reason: str = "", **fields) -> Company:
    permissions.check(permissions.can_edit_company(actor, company))
    company = Company.objects.select_for_update().get(pk=company.pk)
    _mark_history(company, actor, change_reason)
    for key, value in fields.items():
        if key in COMPANY_FIELDS:
            setattr(company, key, value)
    _validate_and_save(company)
    return company


@transaction.atomic
def contact_create(*, actor: User, company: Company, change_reason: str = "", **fields) -> Contact:
    permissions.check(permissions.can_view_company_contacts(actor, company))
    contact = Contact(company=company, **{k: v for k, v in fields.items() if k in CONTACT_FIELDS})
    contact.phone = normalize_phone(contact.phone)
    _mark_history(contact, actor, change_reason)
    _save(contact)
    return contact


@transaction.atomic
def contact_update(*, actor: User, contact: Contact, change_reason: str = "", **fields) -> Contact:
    permissions.check(permissions.can_view_company_contacts(actor, contact.company))
    for key, value in fields.items():
        if key in CONTACT_FIELDS:
            setattr(contact, key, value)
    contact.phone = normalize_phone(contact.phone)
    _mark_history(contact, actor, change_reason)
    _save(contact)
    return contact


@transaction.atomic
def registration_policy_update(*, actor: User, protection_days: int) -> RegistrationPolicy:
    permissions.check(permissions.can_manage_registration_policy(actor))
    policy = RegistrationPolicy.current()
    policy.protection_days = protection_days
    _save(policy)
    return policy


def _lock_company(company: Company) -> None:
    """Registrations of one company are decided one at a time (two groups registering at once)."""
    Company.objects.select_for_update().filter(pk=company.pk).first()


@transaction.atomic
def registration_create(
    *, actor: User, company: Company, team: Team | None = None, note: str = "", shared: bool = False
) -> Registration:
    """Register `company` for the actor's group (or `team`, when a decision gives it one). Renews the
    group's own active registration; raises RegistrationConflict if another group protects it."""
    team_id = team.pk if team is not None else team_id_of(actor)
    if team is None:
        permissions.check(permissions.can_register_company(actor))
    _lock_company(company)
    if not shared:
        holders = list(selectors.conflicts_for_team(team_id=team_id, company=company))
        if holders:
            raise RegistrationConflict(holders)
    policy = RegistrationPolicy.current()
    now = timezone.now()
    registration = Registration.objects.filter(
        company=company, team_id=team_id, status=Registration.Status.ACTIVE
    ).first()
    if registration is None:
        registration = Registration(company=company, team_id=team_id, registered_by=actor, registered_at=now)
    registration.expires_at = Registration.expiry_from(now, policy)
    registration.shared = registration.shared or shared
    registration.note = note or registration.note
    _save(registration)
    return registration


@transaction.atomic
def conflict_claim_file(*, actor: User, company: Company, reason: str) -> ConflictClaim:
    permissions.check(permissions.can_file_conflict_claim(actor))
    team_id = team_id_of(actor)
    holders = list(selectors.conflicts_for_team(team_id=team_id, company=company))
    if not holders:
        raise ValidationError(_("No other group holds this company; you can register it directly."))
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why your group should work on this investor.")})
    claim = ConflictClaim(company=company, holder=holders[0], claimant_team_id=team_id, claimed_by=actor, reason=reason)
    claim.full_clean()
    claim.save()
    return claim


@transaction.atomic
def conflict_claim_decide(*, actor: User, claim: ConflictClaim, decision: str, comment: str = "") -> ConflictClaim:
    """The director's decision on registrations: keep (claim refused), transfer (the holder's registration
    passes to the claiming group) or share (both groups hold it). Exactly one decision per claim; projects
    are moved by projects.services.conflict_claim_decide, which calls this."""
    # The role first: someone who may not decide learns nothing about the claim's state.
    permissions.check(permissions.can_decide_conflict_claim(actor))
    claim = ConflictClaim.objects.select_for_update().select_related("holder", "company").get(pk=claim.pk)
    if claim.status != ConflictClaim.Status.PENDING:
        raise ValidationError(_("This claim has already been decided."), code="already_decided")
    if decision not in ConflictClaim.Decision.values:
        raise ValidationError({"decision": _("Choose keep, transfer or share.")})
    if decision != ConflictClaim.Decision.KEEP:
        if decision == ConflictClaim.Decision.TRANSFER:
            Registration.objects.filter(company=claim.company, status=Registration.Status.ACTIVE).exclude(
                team=claim.claimant_team
            ).update(status=Registration.Status.TRANSFERRED)
        else:
            Registration.objects.filter(pk=claim.holder_id, status=Registration.Status.ACTIVE).update(shared=True)
        registration_create(
            actor=actor,
            company=claim.company,
            team=claim.claimant_team,
            shared=decision == ConflictClaim.Decision.SHARE,
            note=_("Conflict decision: %(decision)s") % {"decision": ConflictClaim.Decision(decision).label},
        )
    claim.status = ConflictClaim.Status.DECIDED
    claim.decision, claim.decided_by, claim.decided_at = decision, actor, timezone.now()
    claim.decision_comment = comment
    claim.save()
    return claim
