from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.autocomplete import MAX_OPTIONS, Option, autocomplete_query, autocomplete_response
from core.forms import add_service_error
from core.query import IdField, QueryForm, SearchField
from teams import lockouts, permissions, selectors, services
from teams.forms import (
    MemberCreateForm,
    MemberMoveForm,
    MemberPasswordForm,
    MemberRoleForm,
    MemberUpdateForm,
    TeamForm,
    TeamLeaderForm,
)
from teams.models import Membership


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_teams(request.user):
        raise PermissionDenied


def team_list(request: HttpRequest) -> TemplateResponse:
    teams = selectors.team_list_for_user(request.user)
    center_members = selectors.member_list_for_user(request.user).filter(team__isnull=True)
    return TemplateResponse(
        request,
        "teams/team_list.html",
        {"teams": teams, "center_members": center_members, "can_manage": permissions.can_manage_teams(request.user)},
    )


def team_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    team = selectors.team_get_for_user(request.user, pk)
    can_manage = permissions.can_manage_teams(request.user)
    return TemplateResponse(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "members": selectors.member_list_for_user(request.user, team=team, include_inactive=can_manage),
            "can_manage": can_manage,
            "leader_form": TeamLeaderForm(team=team, initial={"leader": team.leader_id}) if can_manage else None,
            "events": selectors.team_events(team)[:20] if can_manage else [],
        },
    )


def team_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                actor=request.user, name=form.cleaned_data["name"], code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Group %(team)s created.") % {"team": team.name})
            return redirect(team)
    return TemplateResponse(request, "teams/team_form.html", {"form": form, "team": None})


def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    team = selectors.team_get_for_user(request.user, pk)
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_update(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Group %(team)s saved.") % {"team": team.name})
            return redirect(team)
    return TemplateResponse(request, "teams/team_form.html", {"form": form, "team": team})


@require_POST
def team_set_leader(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    team = selectors.team_get_for_user(request.user, pk)
    form = TeamLeaderForm(request.POST, team=team)
    if form.is_valid():
        try:
            services.team_set_leader(actor=request.user, team=team, leader=form.cleaned_data["leader"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Leader of %(team)s saved.") % {"team": team.name})
    else:
        messages.error(request, _("Choose a member of this group as its leader."))
    return redirect(team)


class MemberListQuery(QueryForm):
    """The directory's filters; a bad one is ignored."""

    team = IdField()
    role = forms.ChoiceField(required=False, choices=[("", ""), *Membership.Role.choices])
    q = SearchField()
    inactive = forms.ChoiceField(required=False, choices=[("", ""), ("1", "1")])


def member_list(request: HttpRequest) -> TemplateResponse:
    can_manage = permissions.can_manage_teams(request.user)
    params = MemberListQuery(request.GET).values
    team = None
    if params["team"]:
        team = selectors.team_list_for_user(request.user).filter(pk=params["team"]).first()
    members = selectors.member_list_for_user(
        request.user,
        team=team,
        role=params["role"],
        query=params["q"],
        include_inactive=can_manage and params["inactive"] == "1",
    )
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "teams/member_list.html",
        {
            "page": page,
            "teams": selectors.team_list_for_user(request.user),
            "roles": Membership.Role.choices,
            "filters": request.GET,
            "can_manage": can_manage,
        },
    )


def member_detail(request: HttpRequest, pk: int, forms: dict | None = None) -> TemplateResponse:
    member = selectors.member_get_for_user(request.user, pk)
    can_manage = permissions.can_manage_teams(request.user)
    context = {"member": member, "can_manage": can_manage, "is_self": member.user_id == request.user.pk}
    if can_manage:
        context |= {
            "move_form": MemberMoveForm(),
            "role_form": MemberRoleForm(initial={"role": member.role, "team": member.team_id}),
            "can_deactivate": permissions.can_deactivate_member(request.user, member),
            "events": selectors.member_events(member)[:50],
        }
        context |= forms or {}
    return TemplateResponse(request, "teams/member_detail.html", context, status=400 if forms else 200)


def member_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = MemberCreateForm(request.POST or None, initial={"team": request.GET.get("team")})
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            form.offer_same_name_confirmation(error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": member.display_name})
            return redirect(member)
    return TemplateResponse(request, "teams/member_form.html", {"form": form, "member": None})


def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_get_for_user(request.user, pk)
    if not (permissions.can_manage_teams(request.user) or member.user_id == request.user.pk):
        raise PermissionDenied
    initial = {
        "display_name": member.display_name,
        "phone": member.phone,
        "wechat_id": member.wechat_id,
        "email": member.user.email,
    }
    form = MemberUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_update(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            form.offer_same_name_confirmation(error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": member.display_name})
            return redirect(member)
    return TemplateResponse(request, "teams/member_form.html", {"form": form, "member": member})


@require_POST
def member_move(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    member = selectors.member_get_for_user(request.user, pk)
    form = MemberMoveForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_move(actor=request.user, member=member, team=form.cleaned_data["team"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(name)s moved to %(team)s.") % {"name": member.display_name, "team": member.team.name}
            )
            return redirect(member)
    return member_detail(request, pk, forms={"move_form": form})


@require_POST
def member_change_role(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    member = selectors.member_get_for_user(request.user, pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_change_role(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.") % {"name": member.display_name, "role": member.get_role_display()},
            )
            return redirect(member)
    return member_detail(request, pk, forms={"role_form": form})


@require_POST
def member_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    member = selectors.member_get_for_user(request.user, pk)
    try:
        services.member_deactivate(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s can no longer log in; their records stay.") % {"name": member.display_name}
        )
    return redirect(member)


@require_POST
def member_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    member = selectors.member_get_for_user(request.user, pk)
    try:
        services.member_reactivate(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s can log in again.") % {"name": member.display_name})
    return redirect(member)


def member_set_password(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    member = selectors.member_get_for_user(request.user, pk)
    form = MemberPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_set_password(actor=request.user, member=member, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(request, _("New password for %(name)s saved.") % {"name": member.display_name})
            return redirect(member)
    return TemplateResponse(request, "teams/member_password.html", {"form": form, "member": member})


def member_autocomplete(request: HttpRequest) -> TemplateResponse:
    """Active people of the center matching what was typed (name, login, phone), for the search boxes that
    pick a person; `?owners=1` keeps those who may own projects (members of a group), `?colleagues=1` those
    who talk to investors (everyone but administrators). The value is the person's user id."""
    members = selectors.member_list_for_user(request.user, query=autocomplete_query(request))
    if request.GET.get("owners"):
        members = members.filter(role__in=Membership.TEAM_ROLES, team__isnull=False)
    elif request.GET.get("colleagues"):
        members = members.exclude(role=Membership.Role.ADMIN)
    options = [
        Option(member.user_id, member.display_name, member.team.name if member.team else member.get_role_display())
        for member in members[:MAX_OPTIONS]
    ]
    return autocomplete_response(request, options)


# --- login locks ----------------------------------------------------------------------------------------


class LockLiftForm(forms.Form):
    username = forms.CharField(required=False, max_length=255)
    ip_address = forms.GenericIPAddressField(required=False)


def lockout_list(request: HttpRequest) -> TemplateResponse:
    """Administrators: accounts and addresses locked after failed logins, and the failure log."""
    if not permissions.can_manage_lockouts(request.user):
        raise PermissionDenied
    page = Paginator(lockouts.login_failure_list(), 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    members = lockouts.login_failure_members(page.object_list)
    for failure in page.object_list:
        failure.member = members.get(failure.username)
    return TemplateResponse(
        request,
        "teams/lockout_list.html",
        {
            **lockouts.login_lock_list(),
            "page": page,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
def lockout_lift(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_lockouts(request.user):
        raise PermissionDenied
    form = LockLiftForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("teams:lockout_list")
    target = form.cleaned_data["username"] or form.cleaned_data["ip_address"]
    try:
        lockouts.login_lock_lift(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The lock on %(target)s is lifted.") % {"target": target})
    return redirect("teams:lockout_list")
