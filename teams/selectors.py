"""Reads of the teams app, scoped to what the user may see."""

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from teams import permissions
from teams.models import MemberEvent, Membership, Team


def team_list_for_user(user: User) -> QuerySet[Team]:
    if not permissions.can_view_center(user):
        return Team.objects.none()
    teams = Team.objects.select_related("leader__membership").annotate(
        active_member_count=Count("memberships", filter=Q(memberships__user__is_active=True))
    )
    if not permissions.can_manage_teams(user):
        teams = teams.filter(is_active=True)
    return teams.order_by("-is_active", "code")


def team_get_for_user(user: User, pk: int) -> Team:
    return get_object_or_404(team_list_for_user(user), pk=pk)


def member_list_for_user(
    user: User,
    *,
    team: Team | None = None,
    role: str = "",
    query: str = "",
    include_inactive: bool = False,
) -> QuerySet[Membership]:
    if not permissions.can_view_center(user):
        return Membership.objects.none()
    members = Membership.objects.select_related("user", "team", "team__leader")
    if not (include_inactive and permissions.can_view_inactive_members(user)):
        members = members.filter(user__is_active=True)
    if team is not None:
        members = members.filter(team=team)
    if role:
        members = members.filter(role=role)
    if query:
        members = members.filter(
            Q(display_name__icontains=query) | Q(user__username__icontains=query) | Q(phone__icontains=query)
        )
    return members.order_by("team__code", "role", "display_name")


def member_get_for_user(user: User, pk: int) -> Membership:
    members = member_list_for_user(user, include_inactive=True)
    member = get_object_or_404(members, pk=pk)
    if not member.user.is_active and not permissions.can_view_inactive_members(user):
        raise Http404
    return member


def member_events(member: Membership) -> QuerySet[MemberEvent]:
    return member.events.select_related("actor__membership", "team")


def team_events(team: Team) -> QuerySet[MemberEvent]:
    return team.events.select_related("actor__membership", "member")
