"""督办 on the dashboard (registered in SupervisionConfig.ready(), see dashboards/panels.py): open orders by
group (the project's owner group) and colour, each count linking to the filtered list, and the share of the
year's closed orders that were closed on time. For the dashboard's scope: the center, or one group. One
query."""

from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from dashboards.panels import Panel
from dashboards.scope import teams as dashboard_teams
from supervision.models import SupervisionOrder
from supervision.selectors import OPEN
from supervision.urgency import BADGE, COLOURS, LABELS, urgency_q
from teams.permissions import role_of


def _url(**params) -> str:
    return reverse("supervision:order_list") + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def supervision_panel(user: User, scope) -> Panel | None:
    if role_of(user) is None:
        return None
    today = timezone.localdate()
    orders = SupervisionOrder.objects.all()
    if scope.team is not None:
        orders = orders.filter(project__owner_team=scope.team)
    closed_in_year = Q(status=SupervisionOrder.Status.CLOSED, closed_at__year=scope.year)
    counts = {
        row["project__owner_team"]: row
        for row in orders.order_by().values("project__owner_team").annotate(
            **{colour: Count("pk", filter=urgency_q(colour, today)) for colour in COLOURS},
            closed=Count("pk", filter=closed_in_year),
            on_time=Count("pk", filter=closed_in_year & Q(closed_on_time=True)),
        )
    }  # fmt: skip
    teams = [scope.team] if scope.team is not None else dashboard_teams(scope)  # every group, by code
    rows = []
    for team in teams:
        found = counts.get(team.pk, {})
        cells = [(found.get(colour, 0), _url(colour=colour, team=team.pk)) for colour in COLOURS]
        rows.append({"team": team, "cells": cells, "total": sum(cell[0] for cell in cells)})
    # the year's closed orders of every group counted (one whose group is not listed too)
    closed = {key: sum(row[key] for row in counts.values()) for key in ("closed", "on_time")}
    data = {
        "rows": rows, "colours": [(colour, LABELS[colour], BADGE[colour]) for colour in COLOURS], "year": scope.year,
        "closed": closed["closed"], "on_time": closed["on_time"],
        "on_time_percent": round(100 * closed["on_time"] / closed["closed"]) if closed["closed"] else None,
        "list_url": _url(status=OPEN, team=scope.team.pk if scope.team else None),
    }  # fmt: skip
    return Panel("supervision/_dashboard_panel.html", data)
