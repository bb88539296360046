"""Writes of the premises inventory and its reservations. A reservation and its building's status change in
one transaction, with the building's row locked; the database's one-active-reservation constraint settles a
race on any backend (the loser is told who holds the building)."""

from datetime import date, timedelta

from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities import uploads
from activities.models import Channel, ContactLog
from activities.services import contact_log_create
from premises import permissions
from premises.models import Building, BuildingFile, LandPlot, Reservation, Showing
from projects.models import Project
from projects.stages import STAGE_ORDER, Stage

MAX_RESERVATION_DAYS = 180
BUILDING_FIELDS = (
    "name", "address", "owner", "floor_area_m2", "floors", "ceiling_height_m", "structure", "floor_load_t_m2",
    "crane_t", "power_kva", "water_transport_km", "price_note", "available_from", "status", "notes",
)  # fmt: skip
MOVE_IN_STAGES = STAGE_ORDER[STAGE_ORDER.index(Stage.CONSTRUCTION) :]


def _check_editor(actor: User) -> None:
    if not permissions.can_edit_premises(actor):
        raise PermissionDenied(_("Administrators, and those they allow, keep the premises inventory."))


@transaction.atomic
def building_save(*, actor: User, building: Building | None = None, change_reason: str = "", **fields) -> Building:
    """Create or change a building. Its status is not set here while a reservation holds it. `change_reason`
    goes into its history (an import names its file and person there)."""
    _check_editor(actor)
    if building is None:
        building = Building(created_by=actor)
    else:
        building = Building.objects.select_for_update().get(pk=building.pk)
        held = building.reservations.filter(status=Reservation.Status.ACTIVE).exists()
        if held and fields.get("status", building.status) != Building.Status.RESERVED:
            raise ValidationError({"status": _("A reservation holds this building: release it first.")})
    for name in BUILDING_FIELDS:
        if name in fields:
            setattr(building, name, fields[name])
    building._history_user = actor
    building._change_reason = change_reason[:100] or None
    building.full_clean()
    building.save()
    return building


@transaction.atomic
def land_plot_save(*, actor: User, plot: LandPlot | None = None, **fields) -> LandPlot:
    _check_editor(actor)
    plot = plot or LandPlot(created_by=actor)
    for name, value in fields.items():
        setattr(plot, name, value)
    plot._history_user = actor
    plot.full_clean()
    plot.save()
    return plot


def _holder_error(reservation: Reservation) -> ValidationError:
    return ValidationError(
        _("%(project)s holds this building until %(date)s.")
        % {"project": reservation.project.name, "date": date_format(reservation.expires_on)},
        code="held",
    )


def reserve(*, actor: User, building: Building, project: Project, expires_on: date, note: str = "") -> Reservation:
    """Hold the building for the project until `expires_on` (today … MAX_RESERVATION_DAYS ahead)."""
    if not permissions.can_reserve_for(actor, project):
        raise PermissionDenied(_("You cannot reserve premises for this project."))
    today = timezone.localdate()
    if not today <= expires_on <= today + timedelta(days=MAX_RESERVATION_DAYS):
        raise ValidationError(
            {"expires_on": _("Reserve until a day from today to %(date)s.")
             % {"date": date_format(today + timedelta(days=MAX_RESERVATION_DAYS))}}
        )  # fmt: skip
    try:
        with transaction.atomic():
            building = Building.objects.select_for_update().get(pk=building.pk)
            current = building.reservations.filter(status=Reservation.Status.ACTIVE).select_related("project").first()
            if current is not None:
                raise _holder_error(current)
            if building.status in (Building.Status.OCCUPIED, Building.Status.BUILDING):
                raise ValidationError(_("This building is %(status)s.") % {"status": building.get_status_display()})
            reservation = Reservation.objects.create(
                building=building, project=project, expires_on=expires_on, reserved_by=actor, note=note.strip()[:300]
            )
            building.status = Building.Status.RESERVED
            building._history_user = actor
            building.save(update_fields=["status", "updated_at"])
    except IntegrityError as race:  # another reservation won the race between our check and our insert
        current = Reservation.objects.filter(building=building, status=Reservation.Status.ACTIVE).first()
        if current is None:
            raise ValidationError(_("Someone else is reserving it; try again.")) from race
        raise _holder_error(current) from race
    return reservation


def _end(reservation: Reservation, status: str, actor: User | None, building_status: str) -> None:
    Reservation.objects.filter(pk=reservation.pk).update(status=status, ended_at=timezone.now(), ended_by=actor)
    building = Building.objects.select_for_update().get(pk=reservation.building_id)
    building.status = building_status
    building._history_user = actor
    building.save(update_fields=["status", "updated_at"])


@transaction.atomic
def release(*, actor: User, reservation: Reservation) -> None:
    reservation = Reservation.objects.select_for_update().select_related("project").get(pk=reservation.pk)
    if not permissions.can_release(actor, reservation):
        raise PermissionDenied(_("You cannot release this reservation."))
    _end(reservation, Reservation.Status.RELEASED, actor, Building.Status.VACANT)


@transaction.atomic
def reservations_settle(*, today: date | None = None) -> tuple[int, int]:
    """Expire what is past its date and move in what reached 开工. Returns (expired, moved in); run by beat."""
    today = today or timezone.localdate()
    active = Reservation.objects.select_for_update().filter(status=Reservation.Status.ACTIVE)
    moved = list(active.filter(project__stage__in=MOVE_IN_STAGES))
    for reservation in moved:
        _end(reservation, Reservation.Status.OCCUPIED, None, Building.Status.OCCUPIED)
    expired = list(active.filter(expires_on__lt=today).exclude(pk__in=[r.pk for r in moved]))
    for reservation in expired:
        _end(reservation, Reservation.Status.EXPIRED, None, Building.Status.VACANT)
    return len(expired), len(moved)


# --- photos and floor plans -------------------------------------------------------------------------------

FILE_KINDS_TYPES = {
    BuildingFile.Kind.PHOTO: {"image/jpeg", "image/png"},
    BuildingFile.Kind.PLAN: {"image/jpeg", "image/png", "application/pdf"},
}
MAX_FILES_PER_BUILDING = 30


@transaction.atomic
def building_file_add(*, actor: User, building: Building, kind: str, upload: UploadedFile) -> BuildingFile:
    """Keep a photo (JPG, PNG) or a floor plan (PDF, JPG, PNG) with the building, checked by its content."""
    _check_editor(actor)
    building = Building.objects.select_for_update().get(pk=building.pk)
    if kind not in FILE_KINDS_TYPES:
        raise ValidationError({"kind": _("Choose photo or floor plan.")})
    if building.files.count() >= MAX_FILES_PER_BUILDING:
        raise ValidationError(
            {
                "file": _("A building keeps at most %(limit)d files: remove one first.")
                % {"limit": MAX_FILES_PER_BUILDING}
            }
        )
    try:
        content_type = uploads.check_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if content_type not in FILE_KINDS_TYPES[kind]:
        message = (
            _("A photo is a JPG or PNG file.")
            if kind == BuildingFile.Kind.PHOTO
            else _("A floor plan is a PDF, JPG or PNG file.")
        )
        raise ValidationError({"file": message})
    return BuildingFile.objects.create(
        building=building, kind=kind, file=upload, original_name=uploads.shortened_name(upload.name),
        content_type=content_type, size=upload.size, uploaded_by=actor,
    )  # fmt: skip


@transaction.atomic
def building_file_remove(*, actor: User, building_file: BuildingFile) -> None:
    _check_editor(actor)
    stored = building_file.file
    building_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# --- who keeps the inventory --------------------------------------------------------------------------------


def _edit_permission() -> Permission:
    app_label, codename = permissions.EDIT_PERMISSION.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def editor_grant(*, actor: User, user: User) -> None:
    """Let a member of the center keep the premises inventory (administrators always may)."""
    if not permissions.can_grant_editing(actor):
        raise PermissionDenied(_("Only administrators decide who keeps the premises inventory."))
    if not permissions.can_be_granted_editing(user):
        raise ValidationError({"user": _("Choose an active member of the center.")})
    user.user_permissions.add(_edit_permission())


def editor_revoke(*, actor: User, user: User) -> None:
    if not permissions.can_grant_editing(actor):
        raise PermissionDenied(_("Only administrators decide who keeps the premises inventory."))
    user.user_permissions.remove(_edit_permission())


# --- buildings shown at a site visit ------------------------------------------------------------------------

MAX_SHOWN = 10


@transaction.atomic
def site_visit_log(
    *, actor: User, project: Project, buildings: list[Building], summary: str, outcome: str = "", occurred_at=None
) -> ContactLog:
    """Log a 实地考察 (site visit) of the project's investor as a contact log naming the buildings shown."""
    if not buildings:
        raise ValidationError({"buildings": _("Tick the buildings you showed.")})
    if len(buildings) > MAX_SHOWN:
        raise ValidationError({"buildings": _("Name at most %(limit)d buildings.") % {"limit": MAX_SHOWN}})
    log = contact_log_create(
        actor=actor, project=project, channel=Channel.SITE_VISIT, summary=summary, outcome=outcome,
        occurred_at=occurred_at,
    )  # fmt: skip
    Showing.objects.bulk_create([Showing(log=log, building=building) for building in buildings])
    return log
