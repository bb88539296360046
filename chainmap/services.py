"""Writes of the industry-chain map: the target list (kept by the center's leadership) and turning a
target into a lead through the projects app's own service, with its registration (报备) and 撞单 check."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chainmap import permissions
from chainmap.models import NAME_MIN_LENGTH, NOTES_MAX_LENGTH, TargetCompany
from crm.identity import normalize_company_name
from projects import services as project_services
from projects.models import ChainLink, Project
from teams.models import Team

TARGET_FIELDS = ("name", "location", "is_chain_leader", "notes")


def _check_editor(actor: User) -> None:
    if not permissions.can_edit_targets(actor):
        raise PermissionDenied(_("Directors and administrators keep the list of target companies."))


def _duplicate_error(target: TargetCompany) -> ValidationError:
    return ValidationError(
        {"name": _("%(name)s is already a target of %(link)s.") % {"name": target.name, "link": target.link.name}},
        code="duplicate_target",
    )


def _validate_and_save(target: TargetCompany, actor: User) -> TargetCompany:
    target.name = target.name.strip()
    target.location = (target.location or "").strip()
    target.notes = (target.notes or "").strip()
    errors = {}
    if len(target.name) < NAME_MIN_LENGTH:
        errors["name"] = _("Give the company's name (at least %(n)s characters).") % {"n": NAME_MIN_LENGTH}
    if len(target.notes) > NOTES_MAX_LENGTH:
        errors["notes"] = _("Keep the notes under %(n)s characters.") % {"n": NOTES_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    target.normalized_name = normalize_company_name(target.name)
    same = TargetCompany.objects.filter(link_id=target.link_id, normalized_name=target.normalized_name)
    if same.exclude(pk=target.pk).exists():
        raise _duplicate_error(target)
    target.full_clean(exclude=["normalized_name"], validate_constraints=False)
    target._history_user = actor
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as race:  # the same name added to the link at the same moment
        raise _duplicate_error(target) from race
    return target


@transaction.atomic
def target_create(*, actor: User, link: ChainLink, **fields) -> TargetCompany:
    _check_editor(actor)
    if not link.is_active or not link.chain.is_active:
        raise ValidationError(_("This chain link is no longer in use."), code="inactive_link")
    target = TargetCompany(link=link, created_by=actor, **{k: v for k, v in fields.items() if k in TARGET_FIELDS})
    return _validate_and_save(target, actor)


@transaction.atomic
def target_update(*, actor: User, target: TargetCompany, **fields) -> TargetCompany:
    _check_editor(actor)
    target = TargetCompany.objects.select_for_update().select_related("link").get(pk=target.pk)
    for name in TARGET_FIELDS:
        if name in fields:
            setattr(target, name, fields[name])
    return _validate_and_save(target, actor)


@transaction.atomic
def target_delete(*, actor: User, target: TargetCompany) -> None:
    """Take a target off the list (a project made from it stays, as every project does)."""
    _check_editor(actor)
    target._history_user = actor
    target.delete()


def default_project_name(target: TargetCompany) -> str:
    return _("%(company)s project (%(link)s)") % {"company": target.name, "link": target.link.name}


@transaction.atomic
def target_turn_into_lead(
    *, actor: User, target: TargetCompany, name: str = "", owner_team: Team | None = None
) -> Project:
    """Make the target a project at 线索 in its chain and link, through projects.services (the investor is
    the existing company of that name, or a new one; registered for the owner group; another group's
    registration raises crm.services.RegistrationConflict and, this being one transaction, nothing is left
    behind). The target remembers its project; the project's history says it came from the map."""
    if not permissions.can_turn_targets_into_leads(actor):
        raise PermissionDenied(_("You cannot create projects."))
    target = TargetCompany.objects.select_for_update().select_related("link__chain").get(pk=target.pk)
    if target.project_id is not None:
        raise ValidationError(_("%(name)s is already a project.") % {"name": target.name}, code="already_converted")
    link = target.link
    project = project_services.project_create_for_investor(
        actor=actor, company_name=target.name, name=(name or "").strip() or default_project_name(target),
        chain=link.chain, chain_link=link, channel=Project.Channel.INDUSTRY_CHAIN,
        owner_team=owner_team,
        source=_("Source: industry-chain map (招商图谱) %(target)s") % {"target": f"{link} › {target.name}"},
    )  # fmt: skip
    target.project = project
    target._history_user = actor
    target.save(update_fields=["project", "updated_at"])
    return project
