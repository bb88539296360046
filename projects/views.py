from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.autocomplete import MAX_OPTIONS, Option, autocomplete_query, autocomplete_response, is_pk
from core.forms import add_service_error
from core.redirects import redirect_back
from crm import selectors as crm_selectors
from crm.models import ConflictClaim
from crm.services import RegistrationConflict
from projects import permissions, selectors, services
from projects.forms import (
    ChainForm,
    ChainLinkForm,
    ConflictDecisionForm,
    DecisionForm,
    IncrementForm,
    ProjectCreateForm,
    ProjectEditForm,
    ProjectFilterForm,
    StageRequestForm,
    StatusForm,
    display_value,
)
from projects.models import IndustryChain, Project, StageRequest
from projects.stages import STAGE_ORDER, STAGE_TABLE
from teams.permissions import DIRECTOR_ROLES, role_of, team_id_of


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def project_list(request: HttpRequest) -> TemplateResponse:
    form = ProjectFilterForm(request.GET or None)
    filters = selectors.ProjectFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ProjectFilters(
            query=data["q"].strip(),
            stage=data["stage"],
            status=data["status"],
            chain=data["chain"].pk if data["chain"] else None,
            team=data["team"].pk if data["team"] else None,
            owner=data["owner"].pk if data["owner"] else None,
            channel=data["channel"],
            min_investment_yi=int(data["size"]) if data["size"] else None,
            provincial_major=data["provincial_major"],
            high_tech=data["high_tech"],
            company=data["company"],
            referrer=data["referrer"].pk if data["referrer"] else None,
            signed_year=data["signed_year"],
            reached=data["reached"],
            on_schedule=data["on_schedule"],
            created_year=data["created_year"],
            stage_days=data["stage_days"],
            reached_stage=data["reached_stage"],
            chain_link=data["chain_link"],
            sort=data["sort"] or "-updated_at",
        )
    projects = selectors.project_filter(selectors.project_list_for_user(request.user), filters)
    page = selectors.IdsFirstPaginator(projects, 25).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": permissions.can_create_project(request.user),
        "compact": request.GET.get("compact") == "1",
    }
    template = "projects/project_list.html#results" if _is_htmx(request) else "projects/project_list.html"
    return TemplateResponse(request, template, context)


def project_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    choose_team = role_of(request.user) in DIRECTOR_ROLES
    team_id = None if choose_team else team_id_of(request.user)
    initial = {"owner": request.user.pk if team_id else None}
    if is_pk(request.GET.get("company", "")):
        company = crm_selectors.company_get_for_user(request.user, int(request.GET["company"]))
        initial |= {"company_name": company.name, "company_credit_code": company.credit_code or ""}
    form = ProjectCreateForm(request.POST or None, initial=initial, choose_team=choose_team, team=None)
    if not choose_team:
        form.fields["owner"].queryset = form.fields["owner"].queryset.filter(membership__team_id=team_id)
    conflict = pending_claim = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = services.project_create_for_investor(
                actor=request.user,
                company_name=data.pop("company_name"),
                credit_code=data.pop("company_credit_code"),
                **data,
            )
        except RegistrationConflict as error:
            conflict = error.holders
            pending_claim = crm_selectors.conflict_claim_pending_for_team(
                user=request.user, company_id=conflict[0].company_id, team_id=team_id_of(request.user)
            )
            form.add_error(None, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project %(name)s created.") % {"name": project.name})
            return redirect(project)
    return TemplateResponse(
        request,
        "projects/project_form.html",
        {"form": form, "project": None, "conflict": conflict, "pending_claim": pending_claim},
    )


def _detail_context(request: HttpRequest, project: Project, **forms) -> dict:
    user = request.user
    pending = selectors.pending_request(project)
    may_request = permissions.can_request_stage_move(user, project) and pending is None
    stage_form = forms.get("stage_form")
    if stage_form is None and may_request:
        stage_form = StageRequestForm(project=project, may_skip=permissions.can_skip_stages(user))
    return {
        "project": project,
        "stages": [{"stage": stage, "rule": STAGE_TABLE[stage], "index": i} for i, stage in enumerate(STAGE_ORDER)],
        "pending": pending,
        "can_decide": pending is not None and permissions.can_decide_stage_request(user, pending),
        "can_withdraw": pending is not None and permissions.can_withdraw_stage_request(user, pending),
        "stage_form": stage_form if may_request else None,
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "can_edit": permissions.can_edit_project(user, project),
        "can_change_status": permissions.can_change_project_status(user, project),
        "status_form": forms.get("status_form") or StatusForm(project=project),
        "can_record_increment": permissions.can_record_increment(user, project),
        "increment_form": forms.get("increment_form") or IncrementForm(),
        "increments": project.increments.select_related("created_by__membership"),
        "field_history": selectors.project_field_history(project),
    }


def project_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    project = selectors.project_get_for_user(request.user, pk)
    return TemplateResponse(request, "projects/project_detail.html", _detail_context(request, project))


def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    initial = {"version": project.version}
    form = ProjectEditForm(request.POST or None, instance=project, initial=initial, team=project.owner_team)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = services.project_update(
                actor=request.user,
                project=project,
                version=data.pop("version"),
                collaborators=data.pop("collaborators"),
                **data,
            )
        except services.StaleProjectEdit as error:
            mine = {name: form.cleaned_data[name] for name in form.edited_fields()}
            current = error.current
            form = ProjectEditForm(instance=current, initial={"version": current.version}, team=current.owner_team)
            stale = {"message": error.message, "fields": _stale_fields(form, current, mine)}
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project saved."))
            return redirect(project)
    return TemplateResponse(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "stale": stale},
        status=409 if stale else 200,
    )


def _stale_fields(form: ProjectEditForm, current: Project, mine: dict) -> list[dict]:
    """The fields the refused editor changed: their value beside the one saved now."""
    rows = []
    for name, value in mine.items():
        field = form.fields[name]
        saved = current.collaborators.all() if name == "collaborators" else getattr(current, name)
        rows.append({"label": field.label, "mine": display_value(field, value), "current": display_value(field, saved)})
    return rows


@require_POST
def project_request_stage(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if not permissions.can_request_stage_move(request.user, project):
        raise PermissionDenied
    form = StageRequestForm(request.POST, project=project, may_skip=permissions.can_skip_stages(request.user))
    if form.is_valid():
        try:
            stage_request = services.project_request_stage(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if stage_request.status == StageRequest.Status.APPROVED:
                messages.success(request, _("Moved to %(stage)s.") % {"stage": stage_request.get_to_stage_display()})
            else:
                messages.success(
                    request, _("Move to %(stage)s sent for sign-off.") % {"stage": stage_request.get_to_stage_display()}
                )
            return redirect(project)
    project.refresh_from_db()
    return TemplateResponse(
        request, "projects/project_detail.html", _detail_context(request, project, stage_form=form), status=400
    )


@require_POST
def stage_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    stage_request = get_object_or_404(StageRequest, pk=pk)
    project = selectors.project_get_for_user(request.user, stage_request.project_id)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():
        try:
            services.stage_request_decide(
                actor=request.user, request=stage_request, approve=approve, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = (
                _("Approved: %(project)s is now in %(stage)s.")
                if approve
                else _("Rejected: %(project)s stays in %(stage)s.")
            )
            project.refresh_from_db()
            messages.success(request, text % {"project": project.name, "stage": project.get_stage_display()})
    return redirect_back(request, project)


@require_POST
def stage_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    stage_request = get_object_or_404(StageRequest, pk=pk)
    project = selectors.project_get_for_user(request.user, stage_request.project_id)
    services.stage_request_withdraw(actor=request.user, request=stage_request)
    messages.success(request, _("Request withdrawn."))
    return redirect(project)


@require_POST
def project_set_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if not permissions.can_change_project_status(request.user, project):
        raise PermissionDenied
    form = StatusForm(request.POST, project=project)
    if form.is_valid():
        try:
            project = services.project_set_status(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Status: %(status)s.") % {"status": project.get_status_display()})
            return redirect(project)
    return TemplateResponse(
        request, "projects/project_detail.html", _detail_context(request, project, status_form=form), status=400
    )


@require_POST
def project_record_increment(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for_user(request.user, pk)
    if not permissions.can_record_increment(request.user, project):
        raise PermissionDenied
    form = IncrementForm(request.POST)
    if form.is_valid():
        try:
            services.project_record_increment(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Capital increase recorded."))
            return redirect(project)
    return TemplateResponse(
        request, "projects/project_detail.html", _detail_context(request, project, increment_form=form), status=400
    )


def signoff_inbox(request: HttpRequest) -> TemplateResponse:
    page = Paginator(selectors.signoff_inbox_for_user(request.user), 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "projects/signoff_inbox.html",
        {"page": page, "requests": page.object_list, "decision_form": DecisionForm()},
    )


def conflict_queue(request: HttpRequest) -> TemplateResponse:
    if role_of(request.user) not in DIRECTOR_ROLES:
        raise PermissionDenied
    claims = crm_selectors.conflict_claims_pending().order_by("created_at", "pk")
    page = Paginator(claims, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "projects/conflict_queue.html",
        {
            "page": page,
            "claims": page.object_list,
            "form": ConflictDecisionForm(),
            "decided": crm_selectors.conflict_claims_for_user(request.user).filter(status=ConflictClaim.Status.DECIDED)[
                :20
            ],
        },
    )


@require_POST
def conflict_claim_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if role_of(request.user) not in DIRECTOR_ROLES:
        raise PermissionDenied
    claim = get_object_or_404(ConflictClaim, pk=pk)
    form = ConflictDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_claim_decide(actor=request.user, claim=claim, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded for %(company)s.") % {"company": claim.company.name})
    else:
        messages.error(request, _("Choose keep, transfer or share."))
    return redirect("projects:conflict_queue")


def chain_list(request: HttpRequest) -> TemplateResponse:
    if not permissions.can_manage_chains(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "projects/chain_list.html",
        {"chains": selectors.chains_with_links(), "chain_form": ChainForm(), "link_form": ChainLinkForm()},
    )


@require_POST
def chain_save(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_manage_chains(request.user):
        raise PermissionDenied
    chain = get_object_or_404(IndustryChain, pk=pk) if pk else None
    form = ChainForm(request.POST, instance=chain)
    if form.is_valid():
        try:
            services.chain_save(actor=request.user, chain=chain, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Industry chain saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:chain_list")


@require_POST
def chain_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_manage_chains(request.user):
        raise PermissionDenied
    chain = get_object_or_404(IndustryChain, pk=pk)
    form = ChainLinkForm(request.POST)
    if form.is_valid():
        try:
            services.chain_link_save(actor=request.user, chain=chain, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Chain link saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:chain_list")


def project_autocomplete(request: HttpRequest) -> TemplateResponse:
    """Projects one may see matching what was typed (project or company name), recently updated first:
    the search box of the filters that pick one project."""
    query = autocomplete_query(request)
    projects = selectors.project_list_for_user(request.user)
    if query:
        projects = projects.filter(Q(name__icontains=query) | Q(company__name__icontains=query))
    options = [
        Option(project.pk, project.name, f"{project.company.name} · {project.get_stage_display()}")
        for project in projects.order_by("-updated_at", "-pk")[:MAX_OPTIONS]
    ]
    return autocomplete_response(request, options)
