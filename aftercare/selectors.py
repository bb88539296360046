"""Reads of aftercare: landed companies, their requests, visits, capital increases and referrals; the
request list's filters (shared with the dashboard's figures, so a number and its list always agree)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from activities.models import ContactLog
from activities.selectors import contact_log_list_for_user
from aftercare.models import ServiceRequest
from aftercare.permissions import can_view_aftercare
from aftercare.workdays import nth_working_day_back
from crm.identity import normalize_company_name
from crm.models import Company
from projects.models import Project, ProjectIncrement
from projects.stages import LANDED_STAGES

Status = ServiceRequest.Status
OPEN_STATUSES = [Status.OPEN, Status.IN_PROGRESS]
SHOWN = 10  # rows of each section of the landed-company page
# Age of an open request in working days since it was opened: the dashboard's columns.
AGES = {"lt5": (None, 5), "5to10": (5, 11), "gt10": (11, None)}  # [from, to) working days


def _landed_q() -> Exists:
    landed = Project.objects.filter(company=OuterRef("pk"), stage__in=LANDED_STAGES).exclude(
        status=Project.Status.DROPPED
    )
    return Exists(landed)


def _count(queryset) -> Coalesce:
    return Coalesce(Subquery(queryset.order_by().values("company").annotate(n=Count("pk")).values("n")[:1]), 0)


def landed_company_list(user: User, *, query: str = "", with_open: bool = False) -> QuerySet[Company]:
    if not can_view_aftercare(user):
        return Company.objects.none()
    open_requests = ServiceRequest.objects.filter(company=OuterRef("pk"), status__in=OPEN_STATUSES)
    companies = Company.objects.filter(_landed_q()).annotate(
        open_requests=_count(open_requests),
        overdue_requests=_count(open_requests.filter(due_on__lt=timezone.localdate())),
        landed_projects=_count(
            Project.objects.filter(company=OuterRef("pk"), stage__in=LANDED_STAGES).exclude(
                status=Project.Status.DROPPED
            )
        ),
    )
    if query:
        condition = Q(name__icontains=query)
        normalized = normalize_company_name(query)
        if normalized:
            condition |= Q(normalized_name__icontains=normalized)
        companies = companies.filter(condition)
    if with_open:
        companies = companies.filter(open_requests__gt=0)
    return companies.order_by("-overdue_requests", "-open_requests", "name", "pk")


def is_landed(company: Company) -> bool:
    return Company.objects.filter(pk=company.pk).filter(_landed_q()).exists()


def landed_company_get(user: User, pk: int) -> Company:
    if not can_view_aftercare(user):
        raise Http404
    return get_object_or_404(Company.objects.filter(_landed_q()), pk=pk)


def company_landed_projects(company: Company) -> list[Project]:
    return list(
        Project.objects.filter(company=company, stage__in=LANDED_STAGES)
        .exclude(status=Project.Status.DROPPED)
        .select_related("owner_team", "owner__membership")
        .order_by("signed_on", "pk")[:SHOWN]
    )


def _requests() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.select_related("company", "project", "responsible__membership")


def request_get(user: User, pk: int) -> ServiceRequest:
    if not can_view_aftercare(user):
        raise Http404
    return get_object_or_404(_requests(), pk=pk)


@dataclass
class CompanyRequests:
    open: list[ServiceRequest]
    open_count: int
    recent: list[ServiceRequest]  # resolved, newest first
    resolved_count: int


def company_requests(company: Company) -> CompanyRequests:
    requests = _requests().filter(company=company)
    counts = requests.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)), resolved=Count("pk", filter=Q(status=Status.RESOLVED))
    )
    return CompanyRequests(
        open=list(requests.filter(status__in=OPEN_STATUSES).order_by("due_on", "pk")[:SHOWN]),
        open_count=counts["open"],
        recent=list(requests.filter(status=Status.RESOLVED).order_by("-resolved_at", "-pk")[:5]),
        resolved_count=counts["resolved"],
    )


def company_visits(user: User, company: Company) -> list[ContactLog]:
    """The latest contact logs with the company (aftercare visits among them) that this user may see."""
    return list(contact_log_list_for_user(user).filter(company=company)[:SHOWN])


def company_increments(company: Company) -> list[ProjectIncrement]:
    return list(
        ProjectIncrement.objects.filter(project__company=company)
        .select_related("project")
        .order_by("-signed_on", "-pk")[:SHOWN]
    )


# --- the request list ----------------------------------------------------------------------------------


def age_bounds(key: str, today: date) -> Q:
    """Open requests aged [from, to) working days since they were opened."""
    low, high = AGES[key]
    condition = Q()
    if high is not None:
        condition &= Q(opened_on__gte=nth_working_day_back(today, high))
    if low is not None:
        condition &= Q(opened_on__lt=nth_working_day_back(today, low))
    return condition


def request_filter(requests: QuerySet[ServiceRequest], filters: dict, *, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    if filters.get("status") == "open_any":
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif filters.get("status"):
        requests = requests.filter(status=filters["status"])
    if filters.get("kind"):
        requests = requests.filter(kind=filters["kind"])
    if filters.get("overdue"):
        requests = requests.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    if filters.get("responsible") is not None:
        requests = requests.filter(responsible=filters["responsible"])
    if filters.get("team"):
        requests = requests.filter(responsible__membership__team_id=filters["team"])
    if filters.get("company"):
        requests = requests.filter(company_id=filters["company"])
    if filters.get("age") in AGES:
        requests = requests.filter(age_bounds(filters["age"], today), status__in=OPEN_STATUSES)
    if filters.get("resolved_year"):
        requests = requests.filter(status=Status.RESOLVED, resolved_on__year=filters["resolved_year"])
    if filters.get("within_sla"):
        requests = requests.filter(status=Status.RESOLVED, resolved_on__lte=F("due_on"))
    return requests


def request_list(user: User, filters: dict) -> QuerySet[ServiceRequest]:
    if not can_view_aftercare(user):
        return ServiceRequest.objects.none()
    requests = request_filter(_requests(), filters)
    if filters.get("status") == Status.RESOLVED or filters.get("resolved_year"):
        return requests.order_by("-resolved_on", "-pk")
    return requests.order_by("due_on", "pk")


def request_history(request: ServiceRequest, *, limit: int = 30) -> list:
    return list(request.history.select_related("history_user__membership").order_by("-history_date", "-pk")[:limit])
