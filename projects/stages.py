"""The stage table: the ordered stages of a project, what kind each is, and whose sign-off a move into
it needs. Read by services, permissions, selectors and templates; nothing else decides these rules."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACT = "contact", _("First contact")
    NEGOTIATION = "negotiation", _("Negotiation")
    SITE_VISIT = "site_visit", _("Site visit")
    INTENTION = "intention", _("Intention")
    SIGNED = "signed", _("Signed")
    CONSTRUCTION = "construction", _("Construction started")
    PRODUCTION = "production", _("In production")


class StageKind(models.TextChoices):
    OPEN = "open", _("In the pipeline")
    WON = "won", _("Signed")
    POST_SIGNING = "post_signing", _("After signing")


class Approver(models.TextChoices):
    GROUP_LEADER = "group_leader", _("the group leader or a director")
    DIRECTOR = "director", _("a director or deputy director")


@dataclass(frozen=True)
class StageRule:
    stage: Stage
    kind: StageKind
    approver: Approver

    @property
    def order(self) -> int:
        return STAGE_ORDER.index(self.stage)


STAGE_ORDER: list[Stage] = list(Stage)

# Moves into 意向, 签约 and 开工 commit the zone: a director or deputy director signs them off.
STAGE_TABLE: dict[Stage, StageRule] = {
    Stage.LEAD: StageRule(Stage.LEAD, StageKind.OPEN, Approver.GROUP_LEADER),
    Stage.CONTACT: StageRule(Stage.CONTACT, StageKind.OPEN, Approver.GROUP_LEADER),
    Stage.NEGOTIATION: StageRule(Stage.NEGOTIATION, StageKind.OPEN, Approver.GROUP_LEADER),
    Stage.SITE_VISIT: StageRule(Stage.SITE_VISIT, StageKind.OPEN, Approver.GROUP_LEADER),
    Stage.INTENTION: StageRule(Stage.INTENTION, StageKind.OPEN, Approver.DIRECTOR),
    Stage.SIGNED: StageRule(Stage.SIGNED, StageKind.WON, Approver.DIRECTOR),
    Stage.CONSTRUCTION: StageRule(Stage.CONSTRUCTION, StageKind.POST_SIGNING, Approver.DIRECTOR),
    Stage.PRODUCTION: StageRule(Stage.PRODUCTION, StageKind.POST_SIGNING, Approver.GROUP_LEADER),
}

# Stages at or after signing: the project has "landed" (counted once, at its first signing).
LANDED_STAGES = [stage for stage in STAGE_ORDER if STAGE_TABLE[stage].kind != StageKind.OPEN]


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(Stage(stage))


def next_stage(stage: str) -> Stage | None:
    index = stage_index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def is_skip(from_stage: str, to_stage: str) -> bool:
    """Anything but the next stage: jumping ahead, or going back."""
    return next_stage(from_stage) != Stage(to_stage)


def rule(stage: str) -> StageRule:
    return STAGE_TABLE[Stage(stage)]
