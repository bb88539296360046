"""Reads of 督办, scoped: an order is visible to whoever sees its project, and to its person responsible."""

from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count, F, Q, QuerySet, Window
from django.shortcuts import get_object_or_404
from django.utils import timezone

from projects import selectors as project_selectors
from supervision.models import SupervisionOrder
from supervision.urgency import COLOURS, urgency, urgency_expression, urgency_q, urgency_rank
from teams.permissions import is_leadership, role_of

MY_DAY_ROWS = 5
MY_DAY_FIELDS = ("required", "due_on", "status", "first_report_on", "reported_at", "project__name")
OPEN = "open"


def order_list_for_user(user: User) -> QuerySet[SupervisionOrder]:
    if role_of(user) is None:
        return SupervisionOrder.objects.none()
    orders = SupervisionOrder.objects.select_related(
        "project__owner_team", "responsible__membership", "issued_by__membership"
    )
    if is_leadership(user):
        return orders
    return orders.filter(project_selectors.visible_projects_q(user, through="project") | Q(responsible=user))


def order_get_for_user(user: User, pk: int) -> SupervisionOrder:
    """The order, or 404 for anyone who may not see it."""
    return get_object_or_404(order_list_for_user(user), pk=pk)


def order_filter(orders: QuerySet[SupervisionOrder], values: dict, *, today: date | None = None):
    """Filter by colour, status ("open": not closed), group, person responsible and project; red first."""
    today = today or timezone.localdate()
    if values.get("colour") in COLOURS:
        orders = orders.filter(urgency_q(values["colour"], today))
    status = values.get("status")
    if status == OPEN:
        orders = orders.exclude(status=SupervisionOrder.Status.CLOSED)
    elif status in SupervisionOrder.Status.values:
        orders = orders.filter(status=status)
    if values.get("team"):
        orders = orders.filter(project__owner_team_id=values["team"])
    if values.get("responsible"):
        orders = orders.filter(responsible_id=values["responsible"])
    if values.get("project"):
        orders = orders.filter(project_id=values["project"])
    return orders.annotate(colour=urgency_expression(today)).order_by(urgency_rank(today), "due_on", "pk")


def my_open_orders(user: User, *, today: date | None = None, limit: int = MY_DAY_ROWS) -> list[SupervisionOrder]:
    """The person's open orders (they are responsible), red first, at most `limit`, each with `total` (the
    count of all of them, by a window): one query."""
    today = today or timezone.localdate()
    orders = SupervisionOrder.objects.filter(responsible=user).exclude(status=SupervisionOrder.Status.CLOSED)
    # only what My day shows and the colour needs: this statement runs on every visit of the landing page,
    # mostly finding nothing, and building it (the project's ~40 columns, the colour as a second CASE) took
    # three times as long as running it; the colour of the few rows comes from the same rule in Python
    orders = orders.select_related("project").only(*MY_DAY_FIELDS).annotate(total=Window(Count("pk")))
    listed = list(orders.order_by(urgency_rank(today), F("due_on").asc(), "pk")[:limit])
    for order in listed:
        order.colour = urgency(order, today)
    return listed


def order_notes(order: SupervisionOrder):
    return order.notes.select_related("author__membership").order_by("created_at", "pk")
