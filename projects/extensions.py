"""Links that apps above `projects` add to a project's page, without `projects` knowing them (premises
registers its matching list in its AppConfig.ready()). Each link is shown only when `allowed(user, project)`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class ProjectLink:
    label: str | Promise
    url_name: str  # reversed with the project's pk
    allowed: Callable  # (user, project) -> bool
    element_id: str


PROJECT_PAGE_LINKS: list[ProjectLink] = []


def register_project_link(link: ProjectLink) -> None:
    if link not in PROJECT_PAGE_LINKS:
        PROJECT_PAGE_LINKS.append(link)
