"""The colour of a card: the one place the board asks how urgent a project is.

An open 督办 on the project comes first, in its own colour (supervision.urgency: red overdue, yellow due
soon); then the rules the reminders apply: red when the project has been in its stage longer than the
reminder policy's `stuck_after_days` (the "stuck in a stage" reminder), amber when nobody logged a contact
for STALE_AFTER_DAYS (My day's quiet projects, `activities.selectors.stale_q`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from supervision.urgency import RED, YELLOW


class Flag(models.TextChoices):
    NONE = "", _("On track")
    STALE = "stale", _("No recent contact")
    STUCK = "stuck", _("Stuck in this stage")
    ORDER_RED = "order_red", _("Supervision order overdue")
    ORDER_YELLOW = "order_yellow", _("Supervision order due soon")


def card_flag(project: Project, *, days_in_stage: int, stuck_after_days: int) -> Flag:
    """`project.is_stale` and `project.order_colour` (its most urgent open 督办) are annotated by the board's
    selector."""
    if not project.is_active:
        return Flag.NONE
    order_colour = getattr(project, "order_colour", None)
    if order_colour == RED:
        return Flag.ORDER_RED
    if days_in_stage >= stuck_after_days:
        return Flag.STUCK
    if order_colour == YELLOW:
        return Flag.ORDER_YELLOW
    if getattr(project, "is_stale", False):
        return Flag.STALE
    return Flag.NONE
