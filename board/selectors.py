"""Reads of the pipeline board (看板): the projects a user may see, filtered as the project list filters
them (`projects.selectors.project_filter`), in eight stage columns. Each column's count and planned total
come from one grouped query and its first cards from one windowed query, whatever the data; "more" pages
through one column."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from activities.selectors import stale_q
from board.flags import card_flag
from projects.models import Project, StageRequest
from projects.permissions import can_request_stage_move
from projects.selectors import ProjectFilters, project_filter, project_list_for_user
from projects.stages import STAGE_ORDER, STAGE_TABLE, Stage, StageRule
from reminders.models import ReminderPolicy
from supervision.models import SupervisionOrder
from supervision.urgency import urgency_expression, urgency_rank

PAGE_SIZE = 15  # cards a column shows before "more"
CARD_ORDER = ("-updated_at", "-pk")


@dataclass
class Column:
    stage: Stage
    rule: StageRule
    count: int = 0
    total: Decimal = Decimal(0)
    cards: list[Project] = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return self.count > len(self.cards)


def board_projects(user: User, filters: ProjectFilters, *, closed: bool = False) -> QuerySet[Project]:
    """The projects of the board: the list's filters, every stage, active ones only unless `closed` (then
    paused and dropped too, or the status the filters ask for)."""
    status = filters.status if closed else Project.Status.ACTIVE
    return project_filter(project_list_for_user(user), replace(filters, stage="", status=status))


def _with_card_facts(projects: QuerySet[Project]) -> QuerySet[Project]:
    pending = StageRequest.objects.filter(project=OuterRef("pk"), status=StageRequest.Status.PENDING)
    today = timezone.localdate()
    orders = SupervisionOrder.objects.filter(project=OuterRef("pk")).exclude(status=SupervisionOrder.Status.CLOSED)
    most_urgent = orders.annotate(colour=urgency_expression(today)).order_by(urgency_rank(today)).values("colour")
    return projects.annotate(
        pending_to_stage=Subquery(pending.values("to_stage")[:1]),
        is_stale=ExpressionWrapper(stale_q(), output_field=BooleanField()),
        order_colour=Subquery(most_urgent[:1]),
    )


def _decorate(user: User, cards: list[Project]) -> list[Project]:
    """Days in stage, colour and whether this user may drag the card (no queries: role and group are
    the user's, cached on the request's user)."""
    now = timezone.now()
    stuck_after_days = ReminderPolicy.current().stuck_after_days if cards else 0
    for project in cards:
        project.days_in_stage = (now - project.stage_entered_at).days
        project.flag = card_flag(project, days_in_stage=project.days_in_stage, stuck_after_days=stuck_after_days)
        project.movable = can_request_stage_move(user, project)
        project.pending_to_label = Stage(project.pending_to_stage).label if project.pending_to_stage else ""
    return cards


def board_columns(user: User, filters: ProjectFilters, *, closed: bool = False) -> list[Column]:
    projects = board_projects(user, filters, closed=closed)
    columns = {stage: Column(stage=stage, rule=STAGE_TABLE[stage]) for stage in STAGE_ORDER}
    totals = projects.order_by().values("stage").annotate(count=Count("pk"), total=Sum("planned_investment"))
    for row in totals:
        column = columns[Stage(row["stage"])]
        column.count, column.total = row["count"], row["total"] or Decimal(0)
    ranked = _with_card_facts(projects).annotate(
        position=Window(RowNumber(), partition_by=F("stage"), order_by=[F(name[1:]).desc() for name in CARD_ORDER])
    )
    cards = _decorate(user, list(ranked.filter(position__lte=PAGE_SIZE).order_by("stage", "position")))
    for project in cards:
        columns[Stage(project.stage)].cards.append(project)
    return list(columns.values())


def board_column_cards(
    user: User, filters: ProjectFilters, *, stage: str, offset: int, closed: bool = False
) -> tuple[list[Project], bool]:
    """The next PAGE_SIZE cards of one column after `offset`, and whether more follow."""
    projects = _with_card_facts(board_projects(user, filters, closed=closed).filter(stage=stage))
    rows = list(projects.order_by(*CARD_ORDER)[offset : offset + PAGE_SIZE + 1])
    return _decorate(user, rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE
