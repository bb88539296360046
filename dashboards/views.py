from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Channel
from core.query import EARLIEST_YEAR, LATEST_YEAR, IdField, QueryForm, YearField
from dashboards import export, panels, selectors, services, stage_times
from dashboards.forms import FIGURES, TargetForm
from dashboards.models import Target
from projects.stages import STAGE_ORDER
from teams.models import Membership, Team
from teams.permissions import is_leadership, role_of


class DashboardQuery(QueryForm):
    """The dashboard's and its export's parameters; a bad one is ignored (this year, the whole center)."""

    year = YearField()
    team = IdField()


def _scope(request: HttpRequest) -> selectors.Scope:
    params = DashboardQuery(request.GET).values
    return selectors.dashboard_scope_for_user(request.user, year=params["year"], team_id=params["team"])


def dashboard(request: HttpRequest) -> TemplateResponse:
    """Where the center (or one group) stands against the year's targets, and the pipeline behind it;
    for a recruiter, their own figures."""
    if role_of(request.user) == Membership.Role.RECRUITER:
        return TemplateResponse(request, "dashboards/personal.html", {"stats": selectors.personal_stats(request.user)})
    scope = _scope(request)
    funnel = selectors.funnel(scope)
    return TemplateResponse(
        request,
        "dashboards/dashboard.html",
        {
            "scope": scope,
            "progress": selectors.target_progress(scope),
            "funnel": funnel,
            "chart_data": {
                "funnel": {"labels": [str(r["stage"].label) for r in funnel], "counts": [r["count"] for r in funnel]},
            },
            "waiting": selectors.waiting_decisions(scope),
            "matrix": selectors.chain_matrix(scope),
            "groups": selectors.groups_compared(scope),
            "channels": selectors.channel_mix(scope),
            "rates": selectors.post_signing_rates(scope),
            "attention": selectors.needing_attention(scope),
            "conversion": selectors.conversion(scope),
            "median_days": stage_times.median_days_in_stage(scope),
            "stages": STAGE_ORDER,
            "contact_channels": Channel.choices,
            "teams": selectors.active_teams(scope) if is_leadership(request.user) else [],
            "can_edit_targets": services.can_edit_targets(request.user),
            "panels": panels.panels_for(request.user, scope),
        },
    )


def target_edit(request: HttpRequest, year: int) -> HttpResponse:
    """The year's targets: one row for the center and one per group."""
    if not services.can_edit_targets(request.user):
        raise PermissionDenied
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise Http404  # no center plans for year 1 or 99999
    rows = [None, *Team.objects.filter(is_active=True).order_by("code")]
    existing = {t.team_id: t for t in Target.objects.filter(year=year)}
    forms = [
        (team, TargetForm(request.POST or None, prefix=f"t{team.pk if team else 0}",
                          instance=existing.get(team.pk if team else None) or Target(year=year, team=team)))
        for team in rows
    ]  # fmt: skip
    if request.method == "POST" and all(form.is_valid() for _team, form in forms):
        for team, form in forms:
            services.target_save(
                actor=request.user, year=year, team=team, **{name: form.cleaned_data[name] for name in FIGURES}
            )
        messages.success(request, _("Targets for %(year)d saved.") % {"year": year})
        return redirect(f"{request.path}")
    return TemplateResponse(
        request, "dashboards/target_form.html", {"forms": forms, "year": year, "this_year": timezone.localdate().year}
    )


def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard's tables as an .xlsx file, with the same scope and numbers as the page."""
    scope = _scope(request)
    name = f"juneng-dashboard-{scope.year}{'-' + scope.team.code if scope.team else ''}.xlsx"
    response = HttpResponse(
        export.dashboard_workbook(scope),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
