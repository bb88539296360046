"""The chain map on the dashboard (registered in ChainmapConfig.ready(), see dashboards/panels.py): each
active chain's gaps (and thin links), center-wide whatever the dashboard's scope — the map is the
center's — each linking to that chain's map. Two queries whatever the data (the chains are the
dashboard's, read once per request)."""

from django.contrib.auth.models import User
from django.urls import reverse

from chainmap import permissions, selectors
from dashboards.panels import Panel
from dashboards.scope import chains as dashboard_chains


def chain_gaps_panel(user: User, scope) -> Panel | None:
    if not permissions.can_view_chain_map(user):
        return None
    rows = [
        {"chain": item.chain, "gaps": item.gaps, "thin": item.thin, "strong": item.strong,
         "links": len(item.cells), "url": reverse("chainmap:chain_map", args=[item.chain.pk])}
        for item in selectors.chain_overview(user, detail=False, chains=dashboard_chains(scope))
    ]  # fmt: skip
    return Panel("chainmap/_dashboard_panel.html", {"rows": rows, "overview_url": reverse("chainmap:chain_overview")})
