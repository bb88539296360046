"""The global search: one query string over projects, companies, contacts and contact-log summaries, each
kind through its own app's selector or policy, so a person finds only what the pages would show them
(contact details only where crm's policy shows them; company basics to everyone in the center).

On PostgreSQL the `icontains` lookups are served by pg_trgm GIN indexes (crm 0003, projects 0005 and this
app's 0001 for contacts and logs), Chinese substrings included; SQLite falls back to LIKE."""

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Q

from activities import selectors as activity_selectors
from crm import selectors as crm_selectors
from crm.models import Contact
from crm.permissions import visible_contacts_q
from projects import selectors as project_selectors
from teams.permissions import role_of

MIN_LENGTH = 2  # one Chinese character matches half the center


@dataclass
class Group:
    kind: str
    items: list = field(default_factory=list)
    more: bool = False  # there are more than the items shown


@dataclass
class SearchResults:
    query: str
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.groups)


def _group(kind: str, queryset, limit: int) -> Group:
    items = list(queryset[: limit + 1])
    return Group(kind=kind, items=items[:limit], more=len(items) > limit)


def _contacts(user: User, query: str):
    condition = Q(name__icontains=query) | Q(wechat_id__icontains=query)
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= 4:  # 139-0571-0001 finds 13905710001
        condition |= Q(phone__contains=digits)
    return (
        Contact.objects.filter(visible_contacts_q(user))
        .filter(condition)
        .select_related("company")
        .order_by("name", "pk")
    )


def global_search(user: User, query: str, *, limit: int = 5) -> SearchResults:
    """Up to `limit` of each kind (and whether there are more), in a fixed number of queries."""
    query = query.strip()
    results = SearchResults(query=query)
    if len(query) < MIN_LENGTH or role_of(user) is None:
        return results
    projects = project_selectors.project_filter(
        project_selectors.project_list_for_user(user), project_selectors.ProjectFilters(query=query)
    )
    results.groups = [
        _group("projects", projects, limit),
        _group("companies", crm_selectors.company_search_for_user(user, query=query), limit),
        _group("contacts", _contacts(user, query), limit),
        _group("logs", activity_selectors.contact_log_search(user, query), limit),
    ]
    return results
