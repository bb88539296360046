"""Who may use the calendar, and whose items it shows them. Built on teams' roles: the calendar shows what
people work on with investors, so administrators (who manage the system, not investors) have none."""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User

from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, role_of

Role = Membership.Role


class Scope(StrEnum):
    NONE = "none"
    OWN = "own"  # a recruiter: their own items
    GROUP = "group"  # a group leader: the group's items (and their own)
    CENTER = "center"  # directors and deputy directors: everyone's


def calendar_scope(user: User | AnonymousUser) -> Scope:
    role = role_of(user)  # None for an inactive user
    if role == Role.RECRUITER:
        return Scope.OWN
    if role == Role.TEAM_LEADER:
        return Scope.GROUP
    if role in DIRECTOR_ROLES:
        return Scope.CENTER
    return Scope.NONE


def can_use_calendar(user: User | AnonymousUser) -> bool:
    """The calendar page, its events and a personal feed: people who work with investors."""
    return calendar_scope(user) != Scope.NONE


def can_filter_by_group(user: User | AnonymousUser) -> bool:
    return calendar_scope(user) == Scope.CENTER
