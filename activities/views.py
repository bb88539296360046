from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities import permissions, rows, selectors, services
from activities.forms import ActivityFilterForm, ContactLogEditForm, ContactLogForm, FollowUpForm, RescheduleForm
from activities.models import FollowUp
from core.autocomplete import autocomplete_query, is_pk
from core.forms import add_service_error
from core.query import IdField, QueryForm
from core.redirects import redirect_back
from crm import selectors as crm_selectors
from projects import selectors as project_selectors
from projects.models import Project
from teams import permissions as team_permissions


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _loggable_projects(request: HttpRequest):
    """Projects one may log on: visible and not dropped (a paused project still gets calls)."""
    return project_selectors.project_list_for_user(request.user).exclude(status=Project.Status.DROPPED)


def my_day(request: HttpRequest) -> TemplateResponse:
    """The landing page: my follow-ups, today's logs and projects going cold (my group's, for a leader)."""
    membership = team_permissions.membership_of(request.user)
    return TemplateResponse(
        request,
        "activities/my_day.html",
        {
            "day": selectors.my_day(request.user),
            "membership": membership,
            "scope_query": _my_day_scope_query(request.user, membership),
        },
    )


def _my_day_scope_query(user, membership) -> str:
    """The filter that turns each list of My day into its full list: the group's for a leader, else mine."""
    if membership and membership.role == membership.Role.TEAM_LEADER and membership.team_id:
        return f"team={membership.team_id}"
    return f"owner={user.pk}"


def _log_form_context(request: HttpRequest, form: ContactLogForm, project: Project | None, mode: str, **extra):
    return {"form": form, "project": project, "mode": mode, **extra}


def contact_log_create(request: HttpRequest) -> HttpResponse:
    """GET: the form (inline on a project page, in the global 记一笔 dialog, or as a page of its own).
    POST: one submit logs the contact and, if filled in, its follow-up; htmx gets a fresh form plus the
    new timeline entry. `project` (or, for a contact with no project yet, `company`) comes as a parameter."""
    if team_permissions.is_admin(request.user):
        raise PermissionDenied  # administrators manage the system; they do not talk to investors
    params = request.POST if request.method == "POST" else request.GET
    mode = "modal" if params.get("mode") == "modal" else "inline"
    project = company = None
    if is_pk(params.get("project", "")):
        project = project_selectors.project_get_for_user(request.user, int(params["project"]))
    elif is_pk(params.get("company", "")):
        company = crm_selectors.company_get_for_user(request.user, int(params["company"]))
        if not permissions.can_log_contact(request.user, project=None, company=company):
            raise PermissionDenied
    form_args = {"project": project, "company": company, "projects": _loggable_projects(request)}
    if request.method != "POST":
        form = ContactLogForm(initial={"channel": selectors.last_channel_of(request.user)}, **form_args)
        template = (
            "activities/contact_log_form.html#log_form" if _is_htmx(request) else "activities/contact_log_page.html"
        )
        return TemplateResponse(request, template, _log_form_context(request, form, project, mode, company=company))
    form = ContactLogForm(request.POST, request.FILES, **form_args)
    log = None
    if request.body_too_large:
        form.add_error(None, _("What you sent is too large: shorten the text (attachments do not count)."))
    elif form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("contacts", [])
        try:
            log = services.contact_log_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_error(form, error)
    if log is None:
        context = _log_form_context(request, form, project, mode, company=company)
        if not _is_htmx(request):
            return TemplateResponse(request, "activities/contact_log_page.html", context, status=400)
        return TemplateResponse(request, "activities/contact_log_form.html#log_form", context)
    if not _is_htmx(request):
        messages.success(request, _("Contact logged."))
        return redirect(project or company or "activities:activity_list")
    log = selectors.contact_log_list_for_user(request.user).get(pk=log.pk)  # with its ordinals
    fresh = ContactLogForm(initial={"channel": log.channel}, **form_args)
    return TemplateResponse(
        request,
        "activities/contact_log_created.html",
        _log_form_context(
            request, fresh, project, mode, company=company, created=log, entry={"kind": "log", "item": log}
        ),
    )


def project_autocomplete(request: HttpRequest) -> TemplateResponse:
    """Projects matching what was typed, for the global 记一笔 dialog."""
    query = autocomplete_query(request)
    projects = _loggable_projects(request)
    if query:
        projects = projects.filter(Q(name__icontains=query) | Q(company__name__icontains=query))
    return TemplateResponse(
        request, "activities/contact_log_form.html#project_choices", {"choices": projects.order_by("-updated_at")[:8]}
    )


def project_activity(request: HttpRequest, pk: int) -> TemplateResponse:
    """The project page's panel: the inline log form and the timeline (logs, stage moves, sign-offs)."""
    project = project_selectors.project_get_for_user(request.user, pk, collaborators=False)
    may_log = (
        permissions.can_log_contact(request.user, project=project, company=None)
        and project.status != Project.Status.DROPPED
    )
    form = None
    if may_log:
        form = ContactLogForm(
            initial={"channel": selectors.last_channel_of(request.user)}, project=project, projects=None
        )
    return TemplateResponse(
        request,
        "activities/project_activity.html",
        {
            "project": project,
            "form": form,
            "mode": "inline",
            "timeline": selectors.project_timeline(request.user, project),
        },
    )


def contact_log_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    log = selectors.contact_log_get_for_user(request.user, pk)
    return TemplateResponse(
        request,
        "activities/contact_log_detail.html",
        {
            "log": log,
            "can_edit": permissions.can_edit_contact_log(request.user, log),
            "can_restore": permissions.can_restore_contact_log(request.user, log),
            "history": log.history.select_related("history_user__membership").order_by("-history_date")[:20],
        },
    )


def contact_log_edit(request: HttpRequest, pk: int) -> HttpResponse:
    log = selectors.contact_log_get_for_user(request.user, pk)
    if not permissions.can_edit_contact_log(request.user, log):
        raise PermissionDenied
    form = ContactLogEditForm(request.POST or None, instance=log)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log_update(actor=request.user, log=log, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Log saved."))
            return redirect(log)
    return TemplateResponse(request, "activities/contact_log_edit.html", {"form": form, "log": log})


@require_POST
def contact_log_delete(request: HttpRequest, pk: int) -> HttpResponse:
    log = selectors.contact_log_get_for_user(request.user, pk)
    services.contact_log_delete(actor=request.user, log=log)
    messages.success(request, _("Log deleted. A director can restore it."))
    return redirect(log.project or "activities:activity_list")


@require_POST
def contact_log_restore(request: HttpRequest, pk: int) -> HttpResponse:
    log = selectors.contact_log_get_for_user(request.user, pk)
    services.contact_log_restore(actor=request.user, log=log)
    messages.success(request, _("Log restored."))
    return redirect(log)


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Attachments leave the server only through here, after the same check as their log."""
    attachment = selectors.attachment_get_for_user(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
        content_type=attachment.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


def activity_list(request: HttpRequest) -> TemplateResponse:
    projects = project_selectors.project_list_for_user(request.user)
    form = ActivityFilterForm(request.GET or None, projects=projects)
    filters = form.filters()
    logs = selectors.activity_filter(selectors.contact_log_list_for_user(request.user), filters)
    page = selectors.CappedPaginator(logs, 30).get_page(request.GET.get("page"))
    template = "activities/activity_list.html#results" if _is_htmx(request) else "activities/activity_list.html"
    return TemplateResponse(request, template, {"form": form, "page": page})


def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up on its own, from the project page."""
    project = project_selectors.project_get_for_user(request.user, pk)
    if not permissions.can_log_contact(request.user, project=project, company=None):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Follow-up added."))
            return redirect(project)
    return TemplateResponse(request, "activities/follow_up_form.html", {"form": form, "project": project})


def _follow_up_action(request: HttpRequest, pk: int, action) -> HttpResponse:
    follow_up = selectors.follow_up_list_for_user(request.user).filter(pk=pk).first()
    if follow_up is None or not permissions.can_view_follow_up(request.user, follow_up):
        raise Http404
    if not permissions.can_change_follow_up(request.user, follow_up):
        raise PermissionDenied  # before looking at the input: who may act is decided first
    error = None
    try:
        follow_up = action(follow_up)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if _is_htmx(request):
        follow_up.refresh_from_db()
        return HttpResponse(rows.follow_up_row(follow_up, request.user, error=error))
    if error:
        messages.error(request, error)
    return redirect_back(request, "activities:my_day")


@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up_action(request, pk, lambda f: services.follow_up_complete(actor=request.user, follow_up=f))


@require_POST
def follow_up_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up_action(request, pk, lambda f: services.follow_up_snooze(actor=request.user, follow_up=f))


@require_POST
def follow_up_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    form = RescheduleForm(request.POST)

    def reschedule(follow_up: FollowUp) -> FollowUp:
        if not form.is_valid():
            raise ValidationError(_("Choose the new date."))
        return services.follow_up_reschedule(actor=request.user, follow_up=follow_up, **form.cleaned_data)

    return _follow_up_action(request, pk, reschedule)


@require_POST
def follow_up_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up_action(request, pk, lambda f: services.follow_up_cancel(actor=request.user, follow_up=f))


def follow_up_list(request: HttpRequest) -> TemplateResponse:
    """Follow-ups one may see, filtered by group, owner and overdue (the dashboard links here)."""
    follow_ups = selectors.follow_up_filter(selectors.follow_up_list_for_user(request.user), request.GET)
    page = Paginator(follow_ups, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "activities/follow_up_list.html", {"page": page})


class StaleProjectListQuery(QueryForm):
    team = IdField()
    owner = IdField()


def stale_project_list(request: HttpRequest) -> TemplateResponse:
    """Active projects one may see with no contact for two weeks, longest silence first (the dashboard
    and My day link here)."""
    projects = project_selectors.project_list_for_user(request.user).filter(status=Project.Status.ACTIVE)
    params = StaleProjectListQuery(request.GET).values
    if params["team"]:
        projects = projects.filter(owner_team_id=params["team"])
    if params["owner"]:
        projects = projects.filter(owner_id=params["owner"])
    stale = selectors.stale_projects(projects).order_by(F("last_contact_at").asc(nulls_first=True), "pk")
    page = Paginator(stale, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "activities/stale_project_list.html", {"page": page})
