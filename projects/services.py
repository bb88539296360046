"""Writes of the projects app: one function per state change, each in one transaction. Stage moves and
decisions are recorded through projects/events.py; every field change also lands in the audit history
(django-simple-history)."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import date_bounds_error
from crm import selectors as crm_selectors
from crm import services as crm_services
from crm.models import Company, ConflictClaim
from projects import events, permissions, stays
from projects.models import ChainLink, IndustryChain, Project, ProjectEvent, ProjectIncrement, StageRequest
from projects.stages import Stage, is_skip, stage_index
from teams.models import Membership, Team
from teams.permissions import DIRECTOR_ROLES, role_of, team_id_of

# What the project form edits; stage, status and their dates change only through their own services.
EDITABLE_FIELDS = (
    "name", "product", "chain", "chain_link", "channel", "referrer", "planned_investment", "fixed_asset_investment",
    "contracted_amount", "funds_in_place", "expected_annual_output", "expected_annual_tax", "is_provincial_major",
    "is_high_tech", "floor_area_m2", "ceiling_height_m", "structure", "land_mu", "power_kva", "needs_water_transport",
    "premises_notes", "owner", "expected_signing_date", "planned_construction_date",
)  # fmt: skip


class StaleProjectEdit(ValidationError):
    """Somebody saved the project after this form was opened; `current` holds what is saved now."""

    def __init__(self, current: Project):
        self.current = current
        editor = current.history.select_related("history_user__membership").first()
        who = editor.history_user.membership.display_name if editor and editor.history_user_id else "?"
        super().__init__(
            _(
                "%(who)s saved this project at %(time)s, after you opened it. Your changes were not saved: "
                "the current values are shown, re-apply your changes and save again."
            )
            % {"who": who, "time": timezone.localtime(current.updated_at).strftime("%H:%M:%S")},
            code="stale",
        )


def _save(project: Project, actor: User) -> None:
    project.full_clean()
    project._history_user = actor  # the audit history's "who", also outside a request
    project.save()


def _check_owner(owner: User, team: Team) -> None:
    membership = Membership.objects.filter(user=owner, user__is_active=True).first()
    if membership is None or membership.team_id != team.pk:
        raise ValidationError({"owner": _("The owner must be an active member of %(team)s.") % {"team": team.name}})


PLAN_DATES = ("expected_signing_date", "planned_construction_date")


def _check_plan_dates(fields: dict) -> None:
    """Planned dates within the plausible window (core.dates): from 2000 to ten years ahead."""
    errors = {}
    for name in PLAN_DATES:
        try:
            value = Project._meta.get_field(name).to_python(fields.get(name))
        except ValidationError:
            continue  # full_clean() says what is wrong with it
        if value is not None and (error := date_bounds_error(value)):
            errors[name] = error
    if errors:
        raise ValidationError(errors)


def _check_collaborators(collaborators: Iterable[User]) -> None:
    if any(not user.is_active for user in collaborators):
        raise ValidationError({"collaborators": _("Inactive members cannot collaborate on a project.")})


@transaction.atomic
def project_create(
    *,
    actor: User,
    company: Company,
    owner_team: Team | None = None,
    owner: User | None = None,
    collaborators: Iterable[User] = (),
    source: str = "",
    **fields,
) -> Project:
    """Create a project at 线索 and register its investor for the owner group. Raises
    crm.services.RegistrationConflict when another group protects the investor. `source` goes into the
    creation's history entry (where the lead came from)."""
    if not permissions.can_create_project(actor):
        raise PermissionDenied(_("You cannot create projects."))
    if role_of(actor) not in DIRECTOR_ROLES:
        owner_team = Team.objects.get(pk=team_id_of(actor))
    elif owner_team is None:
        raise ValidationError({"owner_team": _("Choose the group that will own this project.")})
    owner = owner or (actor if team_id_of(actor) == owner_team.pk else owner_team.leader)
    if owner is None:
        raise ValidationError({"owner": _("Choose the owner of this project.")})
    _check_owner(owner, owner_team)
    _check_plan_dates(fields)
    collaborators = list(collaborators)
    _check_collaborators(collaborators)
    project = Project(
        company=company,
        owner_team=owner_team,
        owner=owner,
        created_by=actor,
        stage=Stage.LEAD,
        stage_entered_at=timezone.now(),
        **{key: value for key, value in fields.items() if key in EDITABLE_FIELDS and key != "owner"},
    )
    project.full_clean()
    crm_services.registration_create(actor=actor, company=company, team=owner_team)
    _save(project, actor)
    project.collaborators.set(collaborators)
    events.project_created(project, actor, source=source)
    return project


@transaction.atomic
def project_create_for_investor(
    *, actor: User, company_name: str, credit_code: str = "", change_reason: str = "", **fields
) -> Project:
    """Create a project for the investor with this name or credit code: the existing company when one
    matches (name variants included), otherwise a new one (with `change_reason` in its history). All or
    nothing: a registration conflict leaves no new company behind."""
    company = None
    if credit_code:
        company = crm_selectors.companies_matching(credit_code=credit_code).first()
    company = company or crm_selectors.companies_matching(name=company_name).first()
    if company is None:
        company = crm_services.company_create(
            actor=actor, name=company_name, credit_code=credit_code, change_reason=change_reason
        )
    return project_create(actor=actor, company=company, **fields)


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    version: int,
    collaborators: Iterable[User] | None = None,
    change_reason: str = "",
    **fields,
) -> Project:
    """Save edited fields unless somebody else saved since `version` was read (then StaleProjectEdit).
    `change_reason` is shown with the change in the field history (an import names its file and person)."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied(_("You cannot edit this project."))
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.version != version:
        raise StaleProjectEdit(current)
    # a date stored before the bounds existed does not block editing the other fields
    _check_plan_dates({name: value for name, value in fields.items() if getattr(current, name, None) != value})
    for key, value in fields.items():
        if key in EDITABLE_FIELDS:
            setattr(current, key, value)
    if "owner" in fields:
        _check_owner(current.owner, current.owner_team)
    current.version += 1
    current._change_reason = change_reason[:100] or None
    _save(current, actor)
    if collaborators is not None:
        collaborators = list(collaborators)
        _check_collaborators(collaborators)
        current.collaborators.set(collaborators)
    return current


def _local_today() -> date:
    return timezone.localdate()


def _apply_stage(project: Project, to_stage: str, actor: User) -> None:
    """Move the project and keep the dates the yearly rates need: the first time it reached 签约, 开工
    and 投产 (a later move back and forth does not count it again)."""
    today = _local_today()
    project.stage = to_stage
    project.stage_entered_at = timezone.now()
    reached = stage_index(to_stage)
    project.furthest_stage_index = max(project.furthest_stage_index, reached)
    if reached >= stage_index(Stage.SIGNED) and project.signed_on is None:
        project.signed_on = today
    if reached >= stage_index(Stage.CONSTRUCTION) and project.construction_started_on is None:
        project.construction_started_on = today
    if reached >= stage_index(Stage.PRODUCTION) and project.production_started_on is None:
        project.production_started_on = today
    project.version += 1
    _save(project, actor)


def _decide(request: StageRequest, actor: User, *, approve: bool, comment: str) -> StageRequest:
    project = Project.objects.select_for_update().get(pk=request.project_id)
    if project.stage != request.from_stage:
        raise ValidationError(_("The project is no longer in the stage this request started from."))
    request.status = StageRequest.Status.APPROVED if approve else StageRequest.Status.REJECTED
    request.decided_by, request.decided_at, request.decision_comment = actor, timezone.now(), comment.strip()
    if approve:
        request.stay_started_at = stays.stay_start_for(project, request)
    request.save()
    events.stage_decided(request)
    if approve:
        _apply_stage(project, request.to_stage, actor)
    request.project = project
    return request


@transaction.atomic
def project_request_stage(*, actor: User, project: Project, to_stage: str, comment: str) -> StageRequest:
    """Ask for a move with a comment. Moves that the requester may approve themselves (a director's, or a
    group leader's early move) apply at once and are recorded as requested and approved by them."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not permissions.can_request_stage_move(actor, project):
        raise PermissionDenied(_("Only members of the owner group or directors can move this project."))
    errors = {}
    if to_stage not in Stage.values:
        errors["to_stage"] = _("Choose a stage.")
    elif to_stage == project.stage:
        errors["to_stage"] = _("The project is already in this stage.")
    elif is_skip(project.stage, to_stage) and not permissions.can_skip_stages(actor):
        errors["to_stage"] = _("Only a director can skip a stage or move a project back; ask for the next stage.")
    if not comment.strip():
        errors["comment"] = _("Say why the project is ready for this move.")
    if errors:
        raise ValidationError(errors)
    if project.stage_requests.filter(status=StageRequest.Status.PENDING).exists():
        raise ValidationError(_("A stage move of this project is already waiting for sign-off."), code="pending")
    request = StageRequest.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        is_skip=is_skip(project.stage, to_stage),
        comment=comment.strip(),
        requested_by=actor,
        team_id=project.owner_team_id,
    )
    events.stage_requested(request)
    if permissions.can_approve_move_into(actor, project, to_stage):
        _decide(request, actor, approve=True, comment=comment)
    return request


@transaction.atomic
def stage_request_decide(*, actor: User, request: StageRequest, approve: bool, comment: str = "") -> StageRequest:
    """Approve (the move applies in this transaction) or reject (a comment is required). The row lock
    makes two simultaneous decisions on one request produce exactly one; the second gets an error."""
    # Lock the request row alone: related rows joined into a locking query can be read from before the
    # other decision committed; reading them afterwards (below) sees the committed state.
    request = StageRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != StageRequest.Status.PENDING:
        who = request.decided_by.membership.display_name if request.decided_by_id else "?"
        raise ValidationError(
            _("This request was already %(status)s by %(who)s.") % {"status": request.get_status_display(), "who": who},
            code="already_decided",
        )
    if not permissions.can_decide_stage_request(actor, request):
        raise PermissionDenied(_("You cannot decide this request."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why the move is rejected.")})
    return _decide(request, actor, approve=approve, comment=comment)


@transaction.atomic
def stage_request_withdraw(*, actor: User, request: StageRequest) -> StageRequest:
    request = StageRequest.objects.select_for_update().get(pk=request.pk)
    if not permissions.can_withdraw_stage_request(actor, request):
        raise PermissionDenied(_("Only the person who asked can withdraw a pending request."))
    request.status = StageRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    events.stage_withdrawn(request, actor)
    return request


@transaction.atomic
def project_set_status(*, actor: User, project: Project, status: str, reason: str = "") -> Project:
    """Pause, drop (both with a reason) or resume. A pending stage request is withdrawn on pause/drop."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not permissions.can_change_project_status(actor, project):
        raise PermissionDenied(_("You cannot change the status of this project."))
    if status not in Project.Status.values or status == project.status:
        raise ValidationError({"status": _("Choose another status.")})
    if status != Project.Status.ACTIVE and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for pausing or dropping the project.")})
    for pending in project.stage_requests.filter(status=StageRequest.Status.PENDING):
        pending.status = StageRequest.Status.CANCELLED
        pending.save(update_fields=["status"])
        events.stage_withdrawn(pending, actor)
    project.status = status
    project.status_reason = reason.strip() if status != Project.Status.ACTIVE else ""
    project.version += 1
    _save(project, actor)
    kind = {
        Project.Status.ACTIVE: ProjectEvent.Kind.RESUMED,
        Project.Status.PAUSED: ProjectEvent.Kind.PAUSED,
        Project.Status.DROPPED: ProjectEvent.Kind.DROPPED,
    }[status]
    events.status_changed(project, actor, kind, reason.strip())
    return project


@transaction.atomic
def project_record_increment(
    *, actor: User, project: Project, amount, signed_on: date, note: str = ""
) -> ProjectIncrement:
    """A capital increase of a signed project: recorded on it, never counted as a new project."""
    if not permissions.can_record_increment(actor, project):
        raise PermissionDenied(_("Capital increases are recorded on signed projects by their group."))
    increment = ProjectIncrement(project=project, amount=amount, signed_on=signed_on, note=note, created_by=actor)
    increment.full_clean()
    if error := date_bounds_error(increment.signed_on, latest=_local_today()):  # a capital increase that happened
        raise ValidationError({"signed_on": error})
    increment.save()
    events.increment_recorded(project, actor, f"+{amount} 万元 {note}".strip())
    return increment


@transaction.atomic
def conflict_claim_decide(*, actor: User, claim: ConflictClaim, decision: str, comment: str = "") -> ConflictClaim:
    """The director's 撞单 decision. On transfer, the holding group's open projects with this investor
    move to the claiming group (owner: the claimant), recorded in each project's history."""
    claim = crm_services.conflict_claim_decide(actor=actor, claim=claim, decision=decision, comment=comment)
    if decision == ConflictClaim.Decision.TRANSFER:
        projects = (
            Project.objects.select_for_update()
            .filter(company=claim.company, owner_team_id=claim.holder.team_id)
            .exclude(status=Project.Status.DROPPED)
        )
        for project in projects:
            old_team = project.owner_team.name
            project.owner_team, project.owner = claim.claimant_team, claim.claimed_by
            project.version += 1
            _save(project, actor)
            events.transferred(project, actor, f"{old_team} → {claim.claimant_team.name}: {comment}".strip(": "))
    return claim


@transaction.atomic
def chain_save(*, actor: User, chain: IndustryChain | None = None, name: str, position: int = 0, is_active=True):
    if not permissions.can_manage_chains(actor):
        raise PermissionDenied
    chain = chain or IndustryChain()
    chain.name, chain.position, chain.is_active = name.strip(), position, is_active
    chain.full_clean()
    chain.save()
    return chain


@transaction.atomic
def chain_link_save(
    *, actor: User, chain: IndustryChain, link: ChainLink | None = None, name: str, segment: str, is_active=True
) -> ChainLink:
    if not permissions.can_manage_chains(actor):
        raise PermissionDenied
    link = link or ChainLink(chain=chain)
    link.name, link.segment, link.is_active = name.strip(), segment, is_active
    link.full_clean()
    link.save()
    return link


def project_record_contact(*, project_id: int, occurred_at) -> None:
    """A contact was logged: move `last_contact_at` forward (never back; safe when many log at once)."""
    Project.objects.filter(pk=project_id).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=occurred_at)
    ).update(last_contact_at=occurred_at)


def project_set_last_contact(*, project_id: int, last_contact_at) -> None:
    """A log was changed, deleted or restored: the caller recomputed the latest contact; store it."""
    Project.objects.filter(pk=project_id).update(last_contact_at=last_contact_at)
