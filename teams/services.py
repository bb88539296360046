"""Writes of the teams app. Each service checks the policy, validates, and changes state in one
transaction, recording a MemberEvent. Business-rule failures raise ValidationError with a message for the
user; a missing right raises PermissionDenied."""

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.validators import MOBILE_RE, normalize_phone
from teams import permissions
from teams.models import MemberEvent, Membership, Team

Role = Membership.Role


def _lock_admins() -> None:
    """Serialise changes that could remove the last administrator (two admins demoting each other)."""
    list(Membership.objects.select_for_update(of=("self",)).filter(role=Role.ADMIN).values_list("pk", flat=True))


def _lock_members() -> None:
    """Serialise adding, editing and reactivating members, so that two administrators saving the same
    mobile number at once cannot both pass the check: the administrators' rows (there is always one) are
    the lock, as for the last-administrator rule."""
    _lock_admins()


def _save(obj) -> None:
    obj.full_clean()
    obj.save()


def check_mobile_is_free(phone: str, *, member: Membership | None = None) -> None:
    """One mobile number, one active person: refuse a mobile number (already normalised) that another
    active member of the center has, naming them. Landlines may be shared (an office number)."""
    if not MOBILE_RE.match(phone):
        return
    others = Membership.objects.filter(phone=phone, user__is_active=True).select_related("team")
    holder = (others.exclude(pk=member.pk) if member else others).first()
    if holder is not None:
        raise ValidationError(
            {
                "phone": ValidationError(
                    _("%(phone)s is already the mobile number of %(name)s (%(team)s).")
                    % {"phone": phone, "name": holder.display_name, "team": holder.team or _("the center")},
                    code="phone_taken",
                )
            }
        )


def check_name_is_confirmed(display_name: str, *, confirmed: bool, member: Membership | None = None) -> None:
    """Two people may share a name, but not by accident: unless the administrator confirmed it, refuse a
    display name another member (active or not) already has, naming who."""
    if confirmed:
        return
    others = Membership.objects.filter(display_name=display_name).select_related("team")
    namesake = (others.exclude(pk=member.pk) if member else others).first()
    if namesake is not None:
        raise ValidationError(
            {
                "display_name": ValidationError(
                    _(
                        "%(team)s already has a member called %(name)s. If this is another person, tick "
                        "“This is another person with the same name” and save again."
                    )
                    % {"name": display_name, "team": namesake.team or _("the center")},
                    code="same_name",
                )
            }
        )


@transaction.atomic
def team_create(*, actor: User, name: str, code: str) -> Team:
    permissions.check_can_manage_teams(actor)
    team = Team(name=name.strip(), code=code.strip().upper())
    _save(team)
    MemberEvent.record(kind=MemberEvent.Kind.TEAM_CREATED, actor=actor, team=team, new_value=team.name)
    return team


@transaction.atomic
def team_update(*, actor: User, team: Team, name: str, code: str, is_active: bool) -> Team:
    permissions.check_can_manage_teams(actor)
    team = Team.objects.select_for_update().get(pk=team.pk)
    old_name = team.name
    if not is_active and team.is_active:
        active_members = team.memberships.filter(user__is_active=True).count()
        if active_members:
            raise ValidationError(
                _("%(team)s still has %(count)d active members; move them to another group first.")
                % {"team": team.name, "count": active_members},
                code="team_not_empty",
            )
    team.name, team.code, team.is_active = name.strip(), code.strip().upper(), is_active
    _save(team)
    MemberEvent.record(
        kind=MemberEvent.Kind.TEAM_UPDATED, actor=actor, team=team, old_value=old_name, new_value=team.name
    )
    return team


@transaction.atomic
def team_set_leader(*, actor: User, team: Team, leader: User | None) -> Team:
    """Make `leader` (a member of the group) its leader: they get the group-leader role and the previous
    leader becomes a recruiter of the group. `None` leaves the group without a leader."""
    permissions.check_can_manage_teams(actor)
    team = Team.objects.select_for_update().get(pk=team.pk)
    new_membership = None
    if leader is not None:
        new_membership = Membership.objects.select_for_update(of=("self",)).select_related("user").get(user=leader)
        if new_membership.team_id != team.pk:
            raise ValidationError(
                _("%(name)s is not a member of %(team)s; move them into the group first.")
                % {"name": new_membership.display_name, "team": team.name},
                code="leader_not_in_team",
            )
        if not leader.is_active:
            raise ValidationError(_("An inactive member cannot lead a group."), code="leader_inactive")
        if new_membership.role not in Membership.TEAM_ROLES:
            raise ValidationError(
                _("%(name)s is %(role)s; only recruiters can lead a group.")
                % {"name": new_membership.display_name, "role": new_membership.get_role_display()},
                code="leader_role",
            )
    old_leader_id = team.leader_id
    if old_leader_id == (leader.pk if leader else None):
        return team
    old_name = ""
    if old_leader_id is not None:
        old = Membership.objects.select_for_update().get(user_id=old_leader_id)
        old_name = old.display_name
        if old.role == Role.TEAM_LEADER:
            old.role = Role.RECRUITER
            _save(old)
    team.leader = leader
    _save(team)
    if new_membership is not None:
        new_membership.role = Role.TEAM_LEADER
        _save(new_membership)
    MemberEvent.record(
        kind=MemberEvent.Kind.LEADER_SET,
        actor=actor,
        team=team,
        member=new_membership,
        old_value=old_name,
        new_value=new_membership.display_name if new_membership else "",
    )
    return team


@transaction.atomic
def member_create(
    *,
    actor: User,
    username: str,
    display_name: str,
    password: str,
    role: str,
    team: Team | None,
    phone: str = "",
    wechat_id: str = "",
    email: str = "",
    confirm_same_name: bool = False,
) -> Membership:
    """Add a person. Their mobile number must not be another active member's; a name another member has
    needs `confirm_same_name`."""
    permissions.check_can_manage_teams(actor)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("The login name %(username)s is taken.") % {"username": username}})
    _lock_members()
    check_mobile_is_free(normalize_phone(phone))
    check_name_is_confirmed(display_name.strip(), confirmed=confirm_same_name)
    if team is not None and not team.is_active:
        raise ValidationError({"team": _("%(team)s is inactive.") % {"team": team.name}})
    user = User(username=username, email=email.strip(), first_name=display_name.strip()[:150])
    validate_password(password, user)
    user.set_password(password)
    _save(user)
    membership = Membership(
        user=user,
        display_name=display_name.strip(),
        role=role,
        team=team,
        phone=normalize_phone(phone),
        wechat_id=wechat_id.strip(),
    )
    if role == Role.TEAM_LEADER:
        # A leader is set through the group so that each group has at most one.
        membership.role = Role.RECRUITER
    _save(membership)
    MemberEvent.record(kind=MemberEvent.Kind.CREATED, actor=actor, member=membership, team=team)
    if role == Role.TEAM_LEADER:
        team_set_leader(actor=actor, team=team, leader=user)
        membership.refresh_from_db()
    return membership


@transaction.atomic
def member_update(
    *,
    actor: User,
    member: Membership,
    display_name: str,
    phone: str,
    wechat_id: str,
    email: str,
    confirm_same_name: bool = False,
) -> Membership:
    """Contact details; the group, role and active flag have services of their own. A new mobile number
    must not be another active member's; a new name another member has needs `confirm_same_name`."""
    if actor.pk != member.user_id:
        permissions.check_can_manage_teams(actor)
    _lock_members()
    member = Membership.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    display_name, phone = display_name.strip(), normalize_phone(phone)
    if phone != member.phone:
        check_mobile_is_free(phone, member=member)
    if display_name != member.display_name:
        check_name_is_confirmed(display_name, confirmed=confirm_same_name, member=member)
    member.display_name, member.phone = display_name, phone
    member.wechat_id = wechat_id.strip()
    member.user.email = email.strip()
    member.user.first_name = member.display_name[:150]
    _save(member)
    _save(member.user)
    MemberEvent.record(kind=MemberEvent.Kind.UPDATED, actor=actor, member=member, team=member.team)
    return member


@transaction.atomic
def member_move(*, actor: User, member: Membership, team: Team) -> Membership:
    """Move a member to another group. A group leader who moves stops leading the old group and joins
    the new one as a recruiter."""
    permissions.check_can_manage_teams(actor)
    member = Membership.objects.select_for_update(of=("self",)).select_related("user", "team").get(pk=member.pk)
    if member.role not in Membership.TEAM_ROLES:
        raise ValidationError(
            {"team": _("Directors, deputy directors and administrators work for the whole center, not in a group.")}
        )
    if member.team_id == team.pk:
        raise ValidationError(
            {"team": _("%(name)s is already in %(team)s.") % {"name": member.display_name, "team": team.name}}
        )
    if not team.is_active:
        raise ValidationError({"team": _("%(team)s is inactive.") % {"team": team.name}})
    old_team = member.team
    if old_team is not None and old_team.leader_id == member.user_id:
        Team.objects.filter(pk=old_team.pk).update(leader=None)
    if member.role == Role.TEAM_LEADER:
        member.role = Role.RECRUITER
    member.team = team
    _save(member)
    MemberEvent.record(
        kind=MemberEvent.Kind.MOVED,
        actor=actor,
        member=member,
        team=team,
        old_value=old_team.name if old_team else "",
        new_value=team.name,
    )
    return member


@transaction.atomic
def member_change_role(*, actor: User, member: Membership, role: str, team: Team | None = None) -> Membership:
    """Change a member's role. Group leader is given through `team_set_leader` (one per group); the
    center-wide roles (director, deputy director, administrator) leave the group."""
    permissions.check_can_manage_teams(actor)
    _lock_admins()
    member = Membership.objects.select_for_update(of=("self",)).select_related("user", "team").get(pk=member.pk)
    permissions.check_can_change_role(actor, member, role)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if member.role == role:
        return member
    old_role = member.role
    if role == Role.TEAM_LEADER:
        if member.role not in Membership.TEAM_ROLES:
            raise ValidationError({"role": _("Put the member into a group as a recruiter first.")})
        team_set_leader(actor=actor, team=member.team, leader=member.user)
        member.refresh_from_db()
    else:
        if member.team is not None and member.team.leader_id == member.user_id:
            Team.objects.filter(pk=member.team_id).update(leader=None)
        if role == Role.RECRUITER:
            member.team = team or member.team
            if member.team is None:
                raise ValidationError({"team": _("Choose the group this recruiter joins.")})
        else:
            member.team = None
        member.role = role
        _save(member)
    MemberEvent.record(
        kind=MemberEvent.Kind.ROLE_CHANGED,
        actor=actor,
        member=member,
        team=member.team,
        old_value=old_role,
        new_value=member.role,
    )
    return member


@transaction.atomic
def member_deactivate(*, actor: User, member: Membership) -> Membership:
    """The member can no longer log in; everything they recorded stays. A leader leaves the lead."""
    permissions.check_can_manage_teams(actor)
    _lock_admins()
    member = Membership.objects.select_for_update(of=("self",)).select_related("user", "team").get(pk=member.pk)
    permissions.check_can_deactivate_member(actor, member)
    if member.team is not None and member.team.leader_id == member.user_id:
        Team.objects.filter(pk=member.team_id).update(leader=None)
        member.role = Role.RECRUITER
        _save(member)
    member.user.is_active = False
    member.user.save(update_fields=["is_active"])
    MemberEvent.record(kind=MemberEvent.Kind.DEACTIVATED, actor=actor, member=member, team=member.team)
    return member


@transaction.atomic
def member_reactivate(*, actor: User, member: Membership) -> Membership:
    permissions.check_can_manage_teams(actor)
    member = Membership.objects.select_for_update(of=("self",)).select_related("user", "team").get(pk=member.pk)
    if member.user.is_active:
        raise ValidationError(_("%(name)s is already active.") % {"name": member.display_name})
    if member.team is not None and not member.team.is_active:
        raise ValidationError(_("Their group %(team)s is inactive; move them first.") % {"team": member.team.name})
    _lock_members()
    check_mobile_is_free(member.phone, member=member)
    member.user.is_active = True
    member.user.save(update_fields=["is_active"])
    MemberEvent.record(kind=MemberEvent.Kind.REACTIVATED, actor=actor, member=member, team=member.team)
    return member


@transaction.atomic
def member_set_password(*, actor: User, member: Membership, password: str) -> None:
    """An administrator sets a new password for a member who forgot theirs."""
    permissions.check_can_manage_teams(actor)
    validate_password(password, member.user)
    member.user.set_password(password)
    member.user.save(update_fields=["password"])
    MemberEvent.record(kind=MemberEvent.Kind.UPDATED, actor=actor, member=member, team=member.team, new_value="***")
