"""Policy for 督办 (builds on teams.permissions and projects.permissions).

- issue and close: the director and the deputy director;
- acknowledge and report progress: the person responsible, while the order is open;
- view: whoever sees its project, and the person responsible."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from projects.models import Project
from projects.permissions import can_view_project
from supervision.models import SupervisionOrder
from teams.permissions import DIRECTOR_ROLES, role_of

Status = SupervisionOrder.Status


def can_view_supervision(user: User | AnonymousUser) -> bool:
    """The 督办 list: everyone with a role (it shows only the orders they may see)."""
    return role_of(user) is not None


def can_issue_order(user: User | AnonymousUser, project: Project | None = None) -> bool:
    return role_of(user) in DIRECTOR_ROLES and (project is None or project.status != Project.Status.DROPPED)


def can_view_order(user: User | AnonymousUser, order: SupervisionOrder) -> bool:
    if role_of(user) is None:
        return False
    return order.responsible_id == user.pk or can_view_project(user, order.project)


def check_can_issue_order(user: User | AnonymousUser, project: Project) -> None:
    if role_of(user) not in DIRECTOR_ROLES:
        raise PermissionDenied(_("Only the director and deputy directors issue supervision orders."))
    if project.status == Project.Status.DROPPED:
        raise ValidationError(_("This project is dropped; it takes no supervision orders."))


def check_can_acknowledge(user: User | AnonymousUser, order: SupervisionOrder) -> None:
    if order.responsible_id != user.pk or role_of(user) is None:
        raise PermissionDenied(_("Only the person responsible acknowledges a supervision order."))
    if order.status != Status.ISSUED:
        raise ValidationError(_("This supervision order is already acknowledged or closed."), code="status")


def check_can_report(user: User | AnonymousUser, order: SupervisionOrder) -> None:
    if order.responsible_id != user.pk or role_of(user) is None:
        raise PermissionDenied(_("Only the person responsible reports progress."))
    if order.status == Status.CLOSED:
        raise ValidationError(_("This supervision order is closed."), code="status")
    if order.status == Status.ISSUED:
        raise ValidationError(_("Acknowledge the supervision order first."), code="status")


def check_can_close(user: User | AnonymousUser, order: SupervisionOrder) -> None:
    if role_of(user) not in DIRECTOR_ROLES:
        raise PermissionDenied(_("Only the director and deputy directors close supervision orders."))
    if order.status == Status.CLOSED:
        raise ValidationError(_("This supervision order is already closed."), code="status")


def _allowed(check, *args) -> bool:
    try:
        check(*args)
    except (PermissionDenied, ValidationError):
        return False
    return True


def can_acknowledge(user: User | AnonymousUser, order: SupervisionOrder) -> bool:
    return _allowed(check_can_acknowledge, user, order)


def can_report(user: User | AnonymousUser, order: SupervisionOrder) -> bool:
    return _allowed(check_can_report, user, order)


def can_close(user: User | AnonymousUser, order: SupervisionOrder) -> bool:
    return _allowed(check_can_close, user, order)
