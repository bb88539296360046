"""Reads of the industry-chain map, in a fixed number of queries whatever the number of projects, companies
and targets (grouped counts per link, never a query per link).

THE RULE, in this one place (README "Industry-chain map"): for each active link of a chain,
- a *landed company* is a company with a project in the link at a stage whose kind in the stage table is
  not "open" (projects.stages.LANDED_STAGES: 签约 and later), the project not dropped;
- an *active project* is a project of the link with status 进行中 (any stage);
- STRONG: at least STRONG_AT_LEAST (2) landed companies;
- THIN: one landed company, or none but at least one active project (the link is being worked on);
- GAP: no landed company and no active project (补链: nobody there, nobody on the way).
The classification is the center's (every group's projects). The per-stage project counts are those of
the projects the reader may see, so that each cell equals the project list it links to."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from chainmap.models import TargetCompany
from core.reversing import list_url
from projects import selectors as project_selectors
from projects.models import ChainLink, IndustryChain, Project
from projects.stages import LANDED_STAGES, STAGE_ORDER, Stage

STRONG_AT_LEAST = 2


class Strength:
    STRONG = "strong"
    THIN = "thin"
    GAP = "gap"
    LABELS = {STRONG: _("Strong"), THIN: _("Thin"), GAP: _("Gap")}


def classify(*, landed: int, active: int) -> str:
    """Strong, thin or gap for a link with `landed` landed companies and `active` active projects."""
    if landed >= STRONG_AT_LEAST:
        return Strength.STRONG
    if landed == 1 or active > 0:
        return Strength.THIN
    return Strength.GAP


def _project_list_url(**params) -> str:
    return list_url("projects:project_list", **params)


@dataclass
class StageCell:
    stage: Stage
    count: int
    url: str


@dataclass
class LinkCell:
    link: ChainLink
    stages: list[StageCell] = field(default_factory=list)  # active projects the reader may see, per stage
    active_visible: int = 0
    active_total: int = 0  # every group's (the classification's)
    landed: int = 0
    targets: int = 0
    leaders: int = 0  # targets flagged 链主/龙头
    open_targets: int = 0  # not turned into a project yet
    strength: str = Strength.GAP

    @property
    def strength_label(self):
        return Strength.LABELS[self.strength]

    @property
    def projects_url(self) -> str:
        return _project_list_url(chain=self.link.chain_id, chain_link=self.link.pk, status=Project.Status.ACTIVE)

    @property
    def landed_url(self) -> str:
        return list_url("chainmap:landed_list", link=self.link.pk)

    @property
    def targets_url(self) -> str:
        return list_url("chainmap:target_list", link=self.link.pk)


def landed_q() -> Q:
    """Projects that make their company a landed company of their link (the rule above)."""
    return Q(stage__in=LANDED_STAGES, chain_link__isnull=False) & ~Q(status=Project.Status.DROPPED)


def landed_projects() -> QuerySet[Project]:
    return Project.objects.filter(landed_q())


def _figures(user: User, links: list[ChainLink], *, detail: bool = True) -> list[LinkCell]:
    """Each link's cell: three grouped queries for any number of links; one without `detail` (only each
    link's strength: no stage counts of what the user sees, no target companies)."""
    cells = {link.pk: LinkCell(link=link) for link in links}
    ids = list(cells)
    per_link = Project.objects.filter(chain_link_id__in=ids).order_by().values_list("chain_link_id").annotate(
        active=Count("pk", filter=Q(status=Project.Status.ACTIVE)),
        landed=Count("company_id", distinct=True, filter=landed_q()),
    )  # fmt: skip
    for link_id, active, landed in per_link:
        cells[link_id].active_total, cells[link_id].landed = active, landed
    for cell in cells.values():
        cell.strength = classify(landed=cell.landed, active=cell.active_total)
    if not detail:
        return list(cells.values())
    visible = defaultdict(int)
    rows = project_selectors.project_list_for_user(user).filter(chain_link_id__in=ids, status=Project.Status.ACTIVE)
    for link_id, stage, count in rows.order_by().values_list("chain_link_id", "stage").annotate(n=Count("pk")):
        visible[(link_id, stage)] = count
    targets = TargetCompany.objects.filter(link_id__in=ids).order_by().values_list("link_id").annotate(
        n=Count("pk"), leaders=Count("pk", filter=Q(is_chain_leader=True)),
        open=Count("pk", filter=Q(project__isnull=True)),
    )  # fmt: skip
    for link_id, count, leaders, open_count in targets:
        cell = cells[link_id]
        cell.targets, cell.leaders, cell.open_targets = count, leaders, open_count
    for cell in cells.values():
        link = cell.link
        for stage in STAGE_ORDER:
            count = visible[(link.pk, stage.value)]
            url = _project_list_url(chain=link.chain_id, chain_link=link.pk, stage=stage.value,
                                    status=Project.Status.ACTIVE)  # fmt: skip
            cell.stages.append(StageCell(stage=stage, count=count, url=url))
        cell.active_visible = sum(item.count for item in cell.stages)
    return list(cells.values())


@dataclass
class Segment:
    value: str
    label: str
    cells: list[LinkCell]


@dataclass
class ChainMap:
    chain: IndustryChain
    segments: list[Segment]

    @property
    def cells(self) -> list[LinkCell]:
        return [cell for segment in self.segments for cell in segment.cells]

    def count(self, strength: str) -> int:
        return sum(1 for cell in self.cells if cell.strength == strength)

    @property
    def gaps(self) -> int:
        return self.count(Strength.GAP)

    @property
    def thin(self) -> int:
        return self.count(Strength.THIN)

    @property
    def strong(self) -> int:
        return self.count(Strength.STRONG)


def chain_get(pk: int) -> IndustryChain:
    return get_object_or_404(IndustryChain, pk=pk)


def _active_links(chains: list[IndustryChain]) -> QuerySet[ChainLink]:
    return ChainLink.objects.filter(chain__in=chains, is_active=True).order_by("name", "pk")


def _maps(user: User, chains: list[IndustryChain], *, detail: bool = True) -> list[ChainMap]:
    links = list(_active_links(chains))
    by_chain: dict[int, list[LinkCell]] = defaultdict(list)
    for cell in _figures(user, links, detail=detail):
        by_chain[cell.link.chain_id].append(cell)
    maps = []
    for chain in chains:
        segments = [
            Segment(value, label, [cell for cell in by_chain[chain.pk] if cell.link.segment == value])
            for value, label in ChainLink.Segment.choices
        ]
        maps.append(ChainMap(chain=chain, segments=segments))
    return maps


def chain_map(user: User, chain: IndustryChain) -> ChainMap:
    """One chain's links by segment (上游/中游/下游), each with its figures."""
    return _maps(user, [chain])[0]


def chain_overview(user: User, *, detail: bool = True, chains: list[IndustryChain] | None = None) -> list[ChainMap]:
    """Every active chain with its links' figures (the overview page), or only each link's strength (the
    dashboard card: its gaps, thin and strong links). `chains`: every chain in the chains' order, when the
    caller has them already (the dashboard)."""
    if chains is None:
        chains = list(IndustryChain.objects.filter(is_active=True).order_by("position", "name"))
    return _maps(user, [chain for chain in chains if chain.is_active], detail=detail)


# --- the drill-down lists ---------------------------------------------------------------------------------


def target_list(filters: dict) -> QuerySet[TargetCompany]:
    targets = TargetCompany.objects.select_related("link__chain", "project", "created_by__membership")
    if filters.get("link"):
        targets = targets.filter(link=filters["link"])
    elif filters.get("chain"):
        targets = targets.filter(link__chain=filters["chain"])
    if filters.get("leader"):
        targets = targets.filter(is_chain_leader=True)
    if filters.get("status") == "open":
        targets = targets.filter(project__isnull=True)
    elif filters.get("status") == "converted":
        targets = targets.filter(project__isnull=False)
    return targets.order_by("link__chain__position", "link__name", "-is_chain_leader", "name", "pk")


def target_get(pk: int) -> TargetCompany:
    return get_object_or_404(TargetCompany.objects.select_related("link__chain", "project"), pk=pk)


def landed_list(filters: dict) -> QuerySet:
    """One row per landed company and link: the company, the link, its first signing and how many of its
    projects there have landed."""
    rows = landed_projects()
    if filters.get("link"):
        rows = rows.filter(chain_link=filters["link"])
    elif filters.get("chain"):
        rows = rows.filter(chain_link__chain=filters["chain"])
    return (
        rows.order_by()
        .values("company_id", "company__name", "company__city", "chain_link_id", "chain_link__name",
                "chain_link__chain__name")
        .annotate(first_signed=Min("signed_on"), projects=Count("pk"))
        .order_by("chain_link__chain__position", "chain_link__name", "company__name", "company_id")
    )  # fmt: skip
