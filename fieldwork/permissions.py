"""Policy for trips, their visits and reports, and receptions — the one place that answers "may this user
do X" for field work (builds on teams.permissions; the same visibility model as projects).

- See a trip: its lead and members, the people of its group, and the center's leadership (directors, the
  deputy director; administrators read everything but change nothing).
- Plan (edit) a trip while it is a draft, submit it, add visits: anyone on the trip, the group's leader,
  a director or deputy director.
- Approve or send back a submitted trip: a director or deputy director, any trip; the leader of the trip's
  group, trips of at most LEADER_APPROVES_UP_TO_DAYS days they are not on themselves.
- Cancel an open trip (with a reason): its lead, the group's leader, a director or deputy director.
- Log a visit: the people on the trip. File the report: the lead (or a director/deputy for them).
- Receptions: seen by their hosts, their receiving group and the leadership; changed by their hosts, the
  person who entered them, the group's leader and directors.
"""

from django.contrib.auth.models import AnonymousUser, User

from fieldwork.models import PlannedVisit, Reception, Trip
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_admin, is_leadership, leads_team, role_of, team_id_of

LEADER_APPROVES_UP_TO_DAYS = 2
AnyUser = User | AnonymousUser


def _member_ids(trip: Trip) -> set[int]:
    """The members' ids, from the prefetch when there is one."""
    cache = getattr(trip, "_prefetched_objects_cache", {})
    if "members" in cache:
        return {member.pk for member in cache["members"]}
    return set(trip.members.values_list("pk", flat=True))


def is_on_trip(user: AnyUser, trip: Trip) -> bool:
    return user.is_authenticated and (trip.lead_id == user.pk or user.pk in _member_ids(trip))


def _in_group(user: AnyUser, team_id: int | None) -> bool:
    return team_id is not None and role_of(user) in Membership.TEAM_ROLES and team_id_of(user) == team_id


def _leads(user: AnyUser, team) -> bool:
    return team is not None and leads_team(user, team)


def _works(user: AnyUser) -> bool:
    """Talks to investors: everyone with a role except administrators."""
    return role_of(user) not in {None, Membership.Role.ADMIN}


# --- trips ------------------------------------------------------------------------------------------------


def can_view_trip(user: AnyUser, trip: Trip) -> bool:
    if role_of(user) is None:
        return False
    return is_leadership(user) or _in_group(user, trip.team_id) or is_on_trip(user, trip)


def can_create_trip(user: AnyUser) -> bool:
    return role_of(user) in {*Membership.TEAM_ROLES, *DIRECTOR_ROLES}


def can_lead_trip(user: User) -> bool:
    """Who may be a trip's lead or member: active people who talk to investors."""
    return user.is_active and _works(user)


def _plans(user: AnyUser, trip: Trip) -> bool:
    return _works(user) and (is_on_trip(user, trip) or _leads(user, trip.team) or role_of(user) in DIRECTOR_ROLES)


def can_edit_trip(user: AnyUser, trip: Trip) -> bool:
    """Where, when, who and why change while the trip is a draft (a submitted one goes back by rejection)."""
    return trip.status == Trip.Status.DRAFT and _plans(user, trip)


def can_submit_trip(user: AnyUser, trip: Trip) -> bool:
    return trip.status == Trip.Status.DRAFT and _plans(user, trip)


def can_approve_trip(user: AnyUser, trip: Trip) -> bool:
    if trip.status != Trip.Status.SUBMITTED:
        return False
    if role_of(user) in DIRECTOR_ROLES:
        return True
    return _leads(user, trip.team) and trip.days <= LEADER_APPROVES_UP_TO_DAYS and not is_on_trip(user, trip)


def can_reject_trip(user: AnyUser, trip: Trip) -> bool:
    return can_approve_trip(user, trip)


def can_cancel_trip(user: AnyUser, trip: Trip) -> bool:
    if not trip.is_open or not _works(user):
        return False
    return trip.lead_id == user.pk or _leads(user, trip.team) or role_of(user) in DIRECTOR_ROLES


def can_add_visit(user: AnyUser, trip: Trip) -> bool:
    return trip.is_open and _plans(user, trip)


def can_add_lead(user: AnyUser, trip: Trip) -> bool:
    """The people on an approved trip record the new leads they meet on it (the project rules apply too)."""
    return trip.status == Trip.Status.APPROVED and _works(user) and is_on_trip(user, trip)


def can_remove_visit(user: AnyUser, visit: PlannedVisit) -> bool:
    """A visit not yet logged comes off an open trip by whoever plans it; a logged one is the record."""
    return not visit.is_logged and can_add_visit(user, visit.trip)


def can_log_visit(user: AnyUser, visit: PlannedVisit) -> bool:
    """The people on an approved trip log its visits (each visit once)."""
    trip = visit.trip
    return trip.status == Trip.Status.APPROVED and not visit.is_logged and _works(user) and is_on_trip(user, trip)


def can_file_trip_report(user: AnyUser, trip: Trip) -> bool:
    """The lead files it (a director or deputy director may, for them); the date rule is the service's."""
    if trip.status != Trip.Status.APPROVED:
        return False
    return (trip.lead_id == user.pk and _works(user)) or role_of(user) in DIRECTOR_ROLES


# --- receptions --------------------------------------------------------------------------------------------


def _host_ids(reception: Reception) -> set[int]:
    cache = getattr(reception, "_prefetched_objects_cache", {})
    if "hosts" in cache:
        return {host.pk for host in cache["hosts"]}
    return set(reception.hosts.values_list("pk", flat=True))


def is_host(user: AnyUser, reception: Reception) -> bool:
    return user.is_authenticated and user.pk in _host_ids(reception)


def can_view_reception(user: AnyUser, reception: Reception) -> bool:
    if role_of(user) is None:
        return False
    return (
        is_leadership(user)
        or _in_group(user, reception.team_id)
        or reception.created_by_id == user.pk
        or is_host(user, reception)
    )


def can_create_reception(user: AnyUser) -> bool:
    return can_create_trip(user)


def can_edit_reception(user: AnyUser, reception: Reception) -> bool:
    """Change, confirm, record as held or cancel a reception that is still planned or confirmed."""
    if not reception.is_open or not _works(user):
        return False
    return (
        is_host(user, reception)
        or reception.created_by_id == user.pk
        or _leads(user, reception.team)
        or role_of(user) in DIRECTOR_ROLES
    )


# --- the week and the policy ----------------------------------------------------------------------------


def can_view_week_plan(user: AnyUser) -> bool:
    """Who is out where is known to the whole center (like the directory); details stay behind the links."""
    return role_of(user) is not None


def sees_groups_out_warning(user: AnyUser) -> bool:
    return role_of(user) in DIRECTOR_ROLES


def can_manage_fieldwork_policy(user: AnyUser) -> bool:
    return is_admin(user)
