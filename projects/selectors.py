"""Reads of the projects app, always scoped to what the user may see."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.counting import count_of
from core.planner import joins_as_written
from crm import selectors as crm_selectors
from crm.models import Company
from projects.models import YI, ChainLink, IndustryChain, Project, ProjectEvent, StageRequest
from projects.stages import LANDED_STAGES, STAGE_ORDER, Approver, Stage, rule
from teams.models import Membership
from teams.permissions import DIRECTOR_ROLES, is_leadership, role_of, team_id_of


def project_list_for_user(user: User) -> QuerySet[Project]:
    role = role_of(user)
    if role is None:
        return Project.objects.none()
    projects = Project.objects.select_related(
        "company", "owner_team", "owner__membership", "chain", "chain_link", "referrer"
    )
    if is_leadership(user):
        return projects
    return projects.filter(visible_projects_q(user))


class _InIds(Func):
    """`column IN (ids)`, written `column = ANY(ARRAY(ids))` on PostgreSQL: the array is computed once and the
    comparison can use the column's index, also inside an OR (a `BitmapOr`), where `IN (subquery)` cannot."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, ids: QuerySet):
        super().__init__(column, Subquery(ids), output_field=BooleanField())

    def _parts(self, compiler, connection):
        column, column_params = compiler.compile(self.source_expressions[0])
        ids, ids_params = compiler.compile(self.source_expressions[1])
        return column, ids, (*column_params, *ids_params)

    def as_sql(self, compiler, connection, **extra_context):
        column, ids, params = self._parts(compiler, connection)
        return f"{column} IN {ids}", params

    def as_postgresql(self, compiler, connection, **extra_context):
        column, ids, params = self._parts(compiler, connection)
        return f"{column} = ANY(ARRAY{ids})", params


def visible_projects_q(user: User, *, through: str = "") -> Q:
    """What a recruiter or group leader may see: their group's projects and those they work on, as a filter
    of projects or, with `through="project"`, of rows pointing to a project (logs, follow-ups). Leadership
    sees every project (callers do not filter for them). Written so that PostgreSQL answers each branch from
    an index (the owner group; the few collaborations as an array) rather than reading every project, which
    an `owner_team = … OR id IN (subquery)` makes it do."""
    collaborating = Project.collaborators.through.objects.filter(user_id=user.pk).values("project_id")
    visible = Q(_InIds(F(through or "pk"), collaborating))
    team_id = team_id_of(user)
    if team_id is not None:  # without a group: no project has a null owner group
        visible |= Q(**{f"{through}__owner_team_id" if through else "owner_team_id": team_id})
    return visible


def project_get_for_user(user: User, pk: int, *, collaborators: bool = True) -> Project:
    """The project, or 404 for anyone who may not see it (never a hint that it exists); with its
    collaborators fetched, unless the page does not show them."""
    projects = project_list_for_user(user)
    if collaborators:
        projects = projects.prefetch_related("collaborators__membership")
    return get_object_or_404(projects, pk=pk)


@dataclass
class ProjectFilters:
    query: str = ""
    stage: str = ""
    status: str = ""
    chain: int | None = None
    team: int | None = None
    owner: int | None = None
    channel: str = ""
    min_investment_yi: int | None = None  # 1 → ≥1亿, 10 → ≥10亿
    provincial_major: bool = False
    high_tech: bool = False
    company: int | None = None
    referrer: int | None = None  # introduced by this company (以商引商)
    signed_year: int | None = None  # landed (first signed) in this year
    reached: str = ""  # "construction" / "production": has started construction / production
    on_schedule: bool = False  # construction started no later than planned
    created_year: int | None = None
    stage_days: int | None = None  # in the current stage for more than this many days
    reached_stage: str = ""  # got at least this far, even if it moved back since
    chain_link: int | None = None
    sort: str = "-updated_at"


SORTS = {
    "-updated_at": ["-updated_at", "-pk"],
    "name": ["name", "pk"],
    "-planned_investment": ["-planned_investment", "-pk"],
    "stage": ["stage_order", "-updated_at"],
    "-stage": ["-stage_order", "-updated_at"],
    "expected_signing_date": ["expected_signing_date", "pk"],
}


SEARCH_IDS_AT_MOST = 1000  # more matches than this (a one- or two-character search): filter by subquery


def _search(query: str) -> QuerySet:
    """Ids of the projects whose name, product or company name contains `query` (case-insensitive). One
    branch per column, united, rather than one OR across the join: each branch can use its trigram index
    on PostgreSQL (projects 0005, crm 0003) instead of reading every project with its company."""
    by_name = Project.objects.filter(name__icontains=query).values_list("pk", flat=True).order_by()
    by_product = Project.objects.filter(product__icontains=query).values_list("pk", flat=True).order_by()
    by_company = Project.objects.filter(company__name__icontains=query).values_list("pk", flat=True).order_by()
    return by_name.union(by_product, by_company).order_by()


def project_filter(projects: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    if filters.query:
        # The matching ids first (index-driven), then the page by id: joined to the list's related rows
        # in one statement, PostgreSQL would otherwise join every project before keeping the matches.
        matching = _search(filters.query)
        ids = list(matching[: SEARCH_IDS_AT_MOST + 1])
        projects = projects.filter(pk__in=ids if len(ids) <= SEARCH_IDS_AT_MOST else matching)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.chain:
        projects = projects.filter(chain_id=filters.chain)
    if filters.chain_link:
        projects = projects.filter(chain_link_id=filters.chain_link)
    if filters.team:
        projects = projects.filter(owner_team_id=filters.team)
    if filters.owner:
        projects = projects.filter(owner_id=filters.owner)
    if filters.channel:
        projects = projects.filter(channel=filters.channel)
    if filters.min_investment_yi:
        projects = projects.filter(planned_investment__gte=filters.min_investment_yi * YI)
    if filters.provincial_major:
        projects = projects.filter(is_provincial_major=True)
    if filters.high_tech:
        projects = projects.filter(is_high_tech=True)
    if filters.company:
        projects = projects.filter(company_id=filters.company)
    if filters.referrer:
        projects = projects.filter(referrer_id=filters.referrer)
    if filters.signed_year:
        projects = projects.filter(signed_on__year=filters.signed_year)
    if filters.reached == "construction":
        projects = projects.filter(construction_started_on__isnull=False)
    elif filters.reached == "production":
        projects = projects.filter(production_started_on__isnull=False)
    if filters.stage_days:
        projects = projects.filter(stage_entered_at__lt=timezone.now() - timedelta(days=filters.stage_days))
    if filters.created_year:
        projects = projects.filter(created_at__year=filters.created_year)
    if filters.reached_stage in Stage.values:
        projects = projects.filter(furthest_stage_index__gte=STAGE_ORDER.index(filters.reached_stage))
    if filters.on_schedule:
        projects = projects.filter(
            construction_started_on__isnull=False,
            planned_construction_date__isnull=False,
            construction_started_on__lte=F("planned_construction_date"),
        )
    order = SORTS.get(filters.sort, SORTS["-updated_at"])
    if any("stage_order" in key for key in order):
        position = Case(
            *[When(stage=stage, then=Value(index)) for index, stage in enumerate(Stage)], output_field=IntegerField()
        )
        projects = projects.annotate(stage_order=position)
    return projects.order_by(*order)


MAX_PAGE_GUESS = 100_000  # beyond any list's last page: such a number goes through the count first


class IdsFirstPaginator(Paginator):
    """Pages a list of projects in two steps: the page's ids (the filters and the order, no joins) with the
    whole list's count in the same statement (`count_of`), then those rows with their related rows by id. In
    one statement PostgreSQL spends far longer planning the list's eight joined tables, filtered and ordered,
    than running it. A page past the end (or a list with nothing) counts apart, as Django's paginator does,
    to fall back on the last page."""

    _listed: tuple[int, list[int]] | None = None

    def get_page(self, number):
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1  # as Django's get_page reads a missing or bad number
        self._listed = self._ids_and_count(wanted)
        return super().get_page(number)

    def page(self, number):
        if self._listed is None and "count" not in self.__dict__:
            self._listed = self._ids_and_count(number)
        page = super().page(number)  # validates the number against the count
        if self._listed is not None and self._listed[0] == page.number:
            ids = self._listed[1]
        else:
            ids = list(page.object_list.values_list("pk", flat=True))
        rows = {}
        if ids:
            with joins_as_written():  # 25 rows by id: planning the eight tables' join order cost more than running it
                rows = {project.pk: project for project in self.object_list.order_by().filter(pk__in=ids)}
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        return page

    def _ids_and_count(self, number) -> tuple[int, list[int]] | None:
        """(page number, its ids) for a page within the list, the list's count kept for the paginator's checks."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None
        if not 1 <= number <= MAX_PAGE_GUESS or self.orphans:
            return None  # Django's own checks decide (a page of 10**25 would overflow the statement's OFFSET)
        bottom = (number - 1) * self.per_page
        listed = self.object_list.annotate(listed_total=count_of(self.object_list)).values_list("pk", "listed_total")
        listed = list(listed[bottom : bottom + self.per_page])
        if not listed:
            return None
        self.__dict__["count"] = listed[0][1]  # Paginator.count is a cached property
        return number, [pk for pk, _total in listed]


def project_events(project: Project) -> QuerySet[ProjectEvent]:
    return project.events.select_related("actor__membership", "request")


def project_field_history(project: Project, limit: int = 50) -> list[dict]:
    """Field changes from the audit history, newest first: who changed what from what to what, with
    choices shown by their labels and related rows by their names (one query per related model)."""
    records = list(project.history.select_related("history_user__membership").order_by("-history_date")[: limit + 1])
    changes = []
    related_ids: dict = defaultdict(set)
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older)
        fields = []
        for change in delta.changes:
            field = Project._meta.get_field(change.field)
            if field.is_relation:
                related_ids[field.related_model].update(v for v in (change.old, change.new) if v is not None)
            fields.append({"field": field, "old": change.old, "new": change.new})
        if fields:
            changes.append(
                {"when": newer.history_date, "user": newer.history_user, "fields": fields,
                 "reason": newer.history_change_reason or ""}
            )  # fmt: skip
    names = {
        (model, obj.pk): (str(getattr(obj, "membership", None) or "—") if model is User else str(obj))
        for model, ids in related_ids.items()
        for obj in (model.objects.select_related("membership") if model is User else model.objects).filter(pk__in=ids)
    }

    def show(field, value) -> str:
        if value is None or value == "":
            return ""
        if field.is_relation:
            return names.get((field.related_model, value), "?")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        return str(value)

    for change in changes:
        change["fields"] = [
            {"label": item["field"].verbose_name, "old": show(item["field"], item["old"]),
             "new": show(item["field"], item["new"])}
            for item in change["fields"]
        ]  # fmt: skip
    return changes


def pending_request(project: Project) -> StageRequest | None:
    return (
        project.stage_requests.filter(status=StageRequest.Status.PENDING)
        .select_related("requested_by__membership")
        .first()
    )


def signoff_inbox_for_user(user: User) -> QuerySet[StageRequest]:
    """Pending requests this user may decide: directors all; a group leader the early moves of their group."""
    role = role_of(user)
    requests = StageRequest.objects.filter(status=StageRequest.Status.PENDING).exclude(requested_by=user)
    requests = requests.select_related(
        "project", "project__company", "project__owner_team", "requested_by__membership"
    ).order_by("requested_at")
    if role in DIRECTOR_ROLES:
        return requests
    if role == Membership.Role.TEAM_LEADER:
        leader_stages = [stage for stage in Stage if rule(stage).approver == Approver.GROUP_LEADER]
        return requests.filter(project__owner_team__leader=user, to_stage__in=leader_stages)
    return requests.none()


def chains_with_links() -> QuerySet[IndustryChain]:
    return IndustryChain.objects.prefetch_related(
        Prefetch("links", queryset=ChainLink.objects.order_by("segment", "name"))
    ).order_by("position", "name")


# --- business referrals (以商引商) ------------------------------------------------------------------------

REFERRALS_SHOWN = 10


def referrer_candidates(user: User, *, query: str = "") -> QuerySet[Company]:
    """Companies to pick as a project's referrer: those matching what was typed, the ones already in the
    park (a project at 签约 or later, not dropped) first, each with `in_park`. Nothing typed: only
    those in the park."""
    in_park = Project.objects.filter(company=OuterRef("pk"), stage__in=LANDED_STAGES).exclude(
        status=Project.Status.DROPPED
    )
    companies = crm_selectors.company_search_for_user(user, query=query).annotate(in_park=Exists(in_park))
    if not query:
        companies = companies.filter(in_park=True)
    return companies.order_by("-in_park", "name", "pk")


@dataclass
class CompanyReferrals:
    introduced: list[Project]  # projects this company introduced, landed first (at most REFERRALS_SHOWN)
    introduced_count: int
    referred_by: list[Project]  # this company's projects that another company introduced

    @property
    def is_empty(self) -> bool:
        return not self.introduced and not self.referred_by


def company_referrals(user: User, company: Company) -> CompanyReferrals:
    """Whom the company introduced and who introduced it, among the projects this user may see (two
    or three queries, whatever the numbers)."""
    visible = project_list_for_user(user)
    introduced = visible.filter(referrer=company).order_by(F("signed_on").desc(nulls_last=True), "-updated_at", "-pk")
    referred_by = visible.filter(company=company, referrer__isnull=False).order_by("-updated_at", "-pk")
    shown = list(introduced[:REFERRALS_SHOWN])
    return CompanyReferrals(
        introduced=shown,
        introduced_count=len(shown) if len(shown) < REFERRALS_SHOWN else introduced.count(),
        referred_by=list(referred_by[:REFERRALS_SHOWN]),
    )
