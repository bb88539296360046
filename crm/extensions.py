"""Links that apps above `crm` add to a company's page, without `crm` knowing them (aftercare registers
its landed-company page in its AppConfig.ready()). Each link is shown only when `allowed(user, company)`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class CompanyLink:
    label: str | Promise
    url_name: str  # reversed with the company's pk
    allowed: Callable  # (user, company) -> bool
    element_id: str


COMPANY_PAGE_LINKS: list[CompanyLink] = []


def register_company_link(link: CompanyLink) -> None:
    if link not in COMPANY_PAGE_LINKS:
        COMPANY_PAGE_LINKS.append(link)
