"""Cards that apps above `dashboards` add to the director's and the group leader's dashboard, without
`dashboards` knowing them (fieldwork registers its figures in its AppConfig.ready()).

A panel is `(user, scope) -> Panel | None`: it reads its own figures for the dashboard's scope (the year,
the center or one group), already limited to what the user may see, in a fixed number of queries."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User


@dataclass
class Panel:
    template: str  # rendered with `panel` = this object
    data: dict = field(default_factory=dict)
    top: bool = False  # above the figures (a warning), else a card below them


PANELS: list[Callable] = []


def register(panel: Callable) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(user: User, scope) -> list[Panel]:
    return [panel for build in PANELS if (panel := build(user, scope)) is not None]
