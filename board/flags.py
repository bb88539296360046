"""The colour of a card: the one place the board asks how urgent a project is.

督查督办 (supervision: late projects flagged yellow, then red, chased by leaders) does not exist yet. Until it
does, the board uses the rules the reminders already apply: red when the project has been in its stage
longer than the reminder policy's `stuck_after_days` (the "stuck in a stage" reminder), amber when nobody
logged a contact for STALE_AFTER_DAYS (My day's quiet projects, `activities.selectors.stale_q`). When 督办
exists, its flag is read here (`card_flag`), and the cards, the legend and the tests follow."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class Flag(models.TextChoices):
    NONE = "", _("On track")
    STALE = "stale", _("No recent contact")
    STUCK = "stuck", _("Stuck in this stage")


def card_flag(project: Project, *, days_in_stage: int, stuck_after_days: int) -> Flag:
    """`project.is_stale` is annotated by the board's selector (activities.selectors.stale_q)."""
    if not project.is_active:
        return Flag.NONE
    if days_in_stage >= stuck_after_days:
        return Flag.STUCK
    if getattr(project, "is_stale", False):
        return Flag.STALE
    return Flag.NONE
