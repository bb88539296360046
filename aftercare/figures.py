"""Aftercare on the dashboard (registered in AftercareConfig.ready(), see dashboards/panels.py): open
requests by type and age (working days since opened: < 5, 5–10, > 10), the share of the year's resolved
requests that were resolved by their due date, and the business referrals (以商引商) that landed (first
signed) in the year. Each number links to the list it counts, built from the same filters
(aftercare/selectors.py, the project list's). For the dashboard's scope: the center, or one group (the
requests its members are responsible for, the projects it owns). Two queries."""

from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from aftercare import permissions
from aftercare.models import RequestKind, ServiceRequest
from aftercare.selectors import AGES, OPEN_STATUSES, age_bounds, request_filter
from core.counting import counts
from dashboards.panels import Panel
from projects.models import Project


def _url(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def aftercare_panel(user: User, scope) -> Panel | None:
    if not permissions.can_view_aftercare(user):
        return None
    today = timezone.localdate()
    team = scope.team.pk if scope.team is not None else None
    requests = request_filter(ServiceRequest.objects.all(), {"team": team})
    by_kind = {
        row["kind"]: row
        for row in requests.filter(status__in=OPEN_STATUSES).order_by().values("kind").annotate(
            **{f"age_{key}": Count("pk", filter=age_bounds(key, today)) for key in AGES}, total=Count("pk")
        )
    }  # fmt: skip
    rows = []
    for kind in RequestKind:
        found = by_kind.get(kind.value, {})
        cells = [
            (found.get(f"age_{key}", 0),
             _url("aftercare:request_list", status="open_any", kind=kind.value, age=key, team=team))
            for key in AGES
        ]  # fmt: skip
        total = (found.get("total", 0), _url("aftercare:request_list", status="open_any", kind=kind.value, team=team))
        rows.append({"kind": kind.value, "label": kind.label, "cells": cells, "total": total})
    resolved = requests.filter(status=ServiceRequest.Status.RESOLVED, resolved_on__year=scope.year)
    referrals = Project.objects.filter(channel=Project.Channel.REFERRAL, signed_on__year=scope.year)
    if team:
        referrals = referrals.filter(owner_team_id=team)
    figures = counts(
        resolved=resolved, within=resolved.filter(resolved_on__lte=F("due_on")), referrals=referrals,
        overdue=requests.filter(status__in=OPEN_STATUSES, due_on__lt=today),
    )  # fmt: skip
    data = {
        "rows": rows, "year": scope.year,
        "open_total": (sum(row["total"][0] for row in rows),
                       _url("aftercare:request_list", status="open_any", team=team)),
        "overdue": (figures["overdue"], _url("aftercare:request_list", overdue=1, team=team)),
        "resolved": (figures["resolved"], _url("aftercare:request_list", resolved_year=scope.year, team=team)),
        "within": (figures["within"],
                   _url("aftercare:request_list", resolved_year=scope.year, within_sla=1, team=team)),
        "within_percent": round(100 * figures["within"] / figures["resolved"]) if figures["resolved"] else None,
        "referrals": (figures["referrals"], _url("projects:project_list", channel=Project.Channel.REFERRAL,
                                                 signed_year=scope.year, team=team)),
        "companies_url": reverse("aftercare:company_list"),
    }  # fmt: skip
    return Panel("aftercare/_dashboard_panel.html", data)
