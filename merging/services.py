"""Merging duplicates: every row that points at the merged company (or contact) moves to the survivor in
one transaction, the survivor's empty fields take the merged one's values, and a MergeRecord keeps what
moved and from where; then the merged record is deleted.

Relations are found from the model, not listed by hand (`_meta.related_objects`), so a table an app adds
later moves too; only the rows a unique rule would refuse are decided here: two active registrations of
one group keep the later protection (the other is released, saying so), and two pending conflict claims of
one group refuse the merge until one is decided."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from crm.models import Company, ConflictClaim, Contact, Registration
from merging.models import MergeRecord
from merging.permissions import check_can_merge

COMPANY_FILLED = ("credit_code", "province", "city", "industry", "size", "website")
CONTACT_FILLED = ("title", "phone", "wechat_id", "email")


HISTORY_REASON_MAX = 100  # django-simple-history's change-reason column


def _history_line(template: str, name: str) -> str:
    """The history's change reason naming a record, the name shortened to fit the column."""
    room = HISTORY_REASON_MAX - len(template % {"name": ""})
    return template % {"name": name if len(name) <= room else name[: max(room - 1, 0)] + "…"}


def _delete_merged(merged, actor: User, reason: str) -> None:
    """Delete the merged record; its history's last entry (the deletion) says where it went."""
    merged._history_user = actor
    merged._change_reason = reason
    merged.delete()


def _locked(model, first, second):
    """Both rows, locked in primary-key order (two merges of the same pair the other way round wait)."""
    rows = {row.pk: row for row in model.objects.select_for_update().filter(pk__in=[first.pk, second.pk])}
    if len(rows) != 2:
        raise ValidationError(_("One of the two records no longer exists."))
    return rows[first.pk], rows[second.pk]


def _details(instance, fields) -> dict:
    return {name: str(getattr(instance, name) or "") for name in fields}


def _fill_blanks(survivor, merged, fields) -> list[str]:
    filled = []
    for name in fields:
        if not getattr(survivor, name) and getattr(merged, name):
            setattr(survivor, name, getattr(merged, name))
            filled.append(name)
    if merged.notes and merged.notes not in (survivor.notes or ""):
        limit = survivor._meta.get_field("notes").max_length
        joined = "\n".join(part for part in (survivor.notes, merged.notes) if part)
        survivor.notes = joined[:limit] if limit else joined
    return filled


def _settle_registrations(survivor: Company, merged: Company) -> int:
    """Two active registrations of one group: the later protection stays, the other is released."""
    released = 0
    active = Registration.objects.filter(status=Registration.Status.ACTIVE)
    kept_by_team = {registration.team_id: registration for registration in active.filter(company=survivor)}
    for registration in active.filter(company=merged):
        kept = kept_by_team.get(registration.team_id)
        if kept is None:
            continue
        loser, winner = (registration, kept) if registration.expires_at <= kept.expires_at else (kept, registration)
        loser.status = Registration.Status.RELEASED
        loser.note = (_("Released when %(merged)s was merged into %(survivor)s") % {
            "merged": merged.name, "survivor": survivor.name})[:300]  # fmt: skip
        loser.save(update_fields=["status", "note"])
        kept_by_team[registration.team_id] = winner
        released += 1
    return released


def _check_claims(survivor: Company, merged: Company) -> None:
    pending = ConflictClaim.objects.filter(status=ConflictClaim.Status.PENDING)
    teams = set(pending.filter(company=survivor).values_list("claimant_team_id", flat=True))
    clash = pending.filter(company=merged, claimant_team_id__in=teams).select_related("claimant_team").first()
    if clash:
        raise ValidationError(
            _("%(team)s has a pending conflict claim on both companies: decide one of them first.")
            % {"team": clash.claimant_team.name}
        )


def _move_foreign_keys(model, survivor, merged) -> dict[str, int]:
    moved = {}
    for relation in model._meta.related_objects:
        if isinstance(relation, models.ManyToOneRel) and not isinstance(relation, models.OneToOneRel):
            count = relation.related_model._base_manager.filter(**{relation.field.name: merged}).update(
                **{relation.field.name: survivor}
            )
            if count:
                moved[f"{relation.related_model._meta.label}.{relation.field.name}"] = count
        elif isinstance(relation, models.ManyToManyRel):
            through = relation.through
            source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
            already = through.objects.filter(**{target: survivor}).values(source)
            rows = through.objects.filter(**{target: merged})
            count = rows.exclude(**{f"{source}__in": already}).update(**{target: survivor})
            rows.delete()  # those already linked to the survivor
            if count:
                moved[f"{relation.related_model._meta.label}.{relation.field.name}"] = count
    return moved


@transaction.atomic
def company_merge(*, actor: User, survivor: Company, merged: Company) -> MergeRecord:
    """Merge `merged` into `survivor`; every project, contact, log, registration, claim, follow-up, visit,
    reception and service request moves."""
    check_can_merge(actor)
    if survivor.pk == merged.pk:
        raise ValidationError(_("Choose two different companies."))
    survivor, merged = _locked(Company, survivor, merged)
    _check_claims(survivor, merged)
    details = _details(merged, ("name", "credit_code", *COMPANY_FILLED[1:], "notes"))
    released = _settle_registrations(survivor, merged)
    moved = _move_foreign_keys(Company, survivor, merged)
    Company.objects.filter(pk=merged.pk).update(credit_code=None)  # unique: free it for the survivor
    _fill_blanks(survivor, merged, COMPANY_FILLED)
    survivor._history_user = actor
    survivor._change_reason = _history_line(_("merged %(name)s into this company"), merged.name)
    survivor.full_clean()
    survivor.save()
    if released:
        moved["released registrations"] = released  # named by MergeRecord.moved_rows
    record = MergeRecord.objects.create(
        kind=MergeRecord.Kind.COMPANY, survivor_company=survivor, survivor_label=survivor.name[:200],
        merged_label=merged.name[:200], merged_pk=merged.pk, merged_details=details, moved=moved, merged_by=actor,
    )  # fmt: skip
    _delete_merged(merged, actor, _history_line(_("merged into %(name)s"), survivor.name))
    return record


@transaction.atomic
def contact_merge(*, actor: User, survivor: Contact, merged: Contact) -> MergeRecord:
    """Merge two contact people of one company: the logs naming the merged one name the survivor."""
    check_can_merge(actor)
    if survivor.pk == merged.pk:
        raise ValidationError(_("Choose two different contacts."))
    survivor, merged = _locked(Contact, survivor, merged)
    if survivor.company_id != merged.company_id:
        raise ValidationError(_("Only two contacts of the same company can be merged."))
    details = _details(merged, ("name", *CONTACT_FILLED, "notes"))
    moved = _move_foreign_keys(Contact, survivor, merged)
    _fill_blanks(survivor, merged, CONTACT_FILLED)
    survivor._history_user = actor
    survivor._change_reason = _history_line(_("merged %(name)s into this contact"), merged.name)
    survivor.full_clean()
    survivor.save()
    record = MergeRecord.objects.create(
        kind=MergeRecord.Kind.CONTACT, survivor_contact=survivor, survivor_company_id=survivor.company_id,
        survivor_label=survivor.name[:200], merged_label=merged.name[:200], merged_pk=merged.pk,
        merged_details=details, moved=moved, merged_by=actor,
    )  # fmt: skip
    _delete_merged(merged, actor, _history_line(_("merged into %(name)s"), survivor.name))
    return record
