"""Policy for contact logs and follow-ups: visibility follows the project's (or, for a company-only
log, the company's holding groups)."""

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from activities.models import ContactLog, FollowUp
from crm.models import Company
from crm.permissions import can_view_company_contacts
from projects.models import Project
from projects.permissions import can_view_project
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_leadership, leads_team, role_of


def can_log_contact(user: User | AnonymousUser, *, project: Project | None, company: Company | None) -> bool:
    """Log a contact for a project one may see, or for a company one's group holds (or as leadership)."""
    if role_of(user) is None or role_of(user) == Membership.Role.ADMIN:
        return False
    if project is not None:
        return can_view_project(user, project)
    return company is not None and can_view_company_contacts(user, company)


def can_view_contact_log(user: User | AnonymousUser, log: ContactLog) -> bool:
    if role_of(user) is None:
        return False
    if is_leadership(user) or log.author_id == user.pk:
        return True
    if log.project_id is not None:
        return can_view_project(user, log.project)
    return can_view_company_contacts(user, log.company)


def can_edit_contact_log(user: User | AnonymousUser, log: ContactLog) -> bool:
    """The author for 24 hours after logging; after that only a director or deputy director."""
    if log.is_deleted:
        return False
    if role_of(user) in DIRECTOR_ROLES:
        return True
    return log.author_id == user.pk and timezone.now() < log.editable_until


def can_delete_contact_log(user: User | AnonymousUser, log: ContactLog) -> bool:
    return can_edit_contact_log(user, log)


def can_restore_contact_log(user: User | AnonymousUser, log: ContactLog) -> bool:
    return log.is_deleted and role_of(user) in DIRECTOR_ROLES


def can_view_follow_up(user: User | AnonymousUser, follow_up: FollowUp) -> bool:
    if role_of(user) is None:
        return False
    if is_leadership(user) or follow_up.owner_id == user.pk:
        return True
    if follow_up.project_id is not None:
        return can_view_project(user, follow_up.project)
    return follow_up.team_id is not None and leads_team(user, follow_up.team)


def can_change_follow_up(user: User | AnonymousUser, follow_up: FollowUp) -> bool:
    """Done, snooze, reschedule: its owner, the owner's group leader (covering), or a director."""
    if not follow_up.is_open:
        return False
    if follow_up.owner_id == user.pk or role_of(user) in DIRECTOR_ROLES:
        return True
    return follow_up.team is not None and leads_team(user, follow_up.team)
