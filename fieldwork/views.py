"""Pages of trips (外出招商), their visits and reports, the week's plan and the field-work policy. Thin views:
a scoped fetch (selectors), the form for input shape, one service call."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities import selectors as activity_selectors
from activities.forms import ContactLogForm
from activities.models import Channel
from core.forms import add_service_error
from crm.services import RegistrationConflict
from fieldwork import permissions, selectors, services, visit_services
from fieldwork.forms import (
    DecisionForm,
    NewLeadForm,
    PolicyForm,
    ReasonForm,
    TripForm,
    TripListQuery,
    TripReportForm,
    VisitForm,
)
from fieldwork.models import FieldworkPolicy, PlannedVisit, Trip
from fieldwork.week import parse_week, week_plan
from projects import selectors as project_selectors
from projects.models import Project

TRIPS_PER_PAGE = 30


def _visible_projects(request: HttpRequest):
    return project_selectors.project_list_for_user(request.user).exclude(status=Project.Status.DROPPED)


def trip_list(request: HttpRequest) -> TemplateResponse:
    query = TripListQuery(request.GET)
    params = query.values
    filters = selectors.TripListFilters(status=params["status"], team=params["team"], mine=params["mine"])
    trips = selectors.trip_filter(request.user, selectors.trip_list_for_user(request.user), filters)
    page = Paginator(trips, TRIPS_PER_PAGE).get_page(request.GET.get("page"))
    due_days, today = FieldworkPolicy.current().report_due_days, timezone.localdate()
    for trip in page.object_list:
        trip.report_overdue = trip.is_report_overdue(due_days, today)
    return TemplateResponse(
        request,
        "fieldwork/trip_list.html",
        {"form": query, "page": page, "can_create": permissions.can_create_trip(request.user)},
    )


def trip_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_trip(request.user):
        raise PermissionDenied
    form = TripForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trip = services.trip_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Trip planned. Add the visits, then submit it for approval."))
            return redirect(trip)
    return TemplateResponse(
        request, "fieldwork/trip_form.html", {"form": form, "trip": None}, status=400 if form.errors else 200
    )


def trip_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trip = selectors.trip_get_for_user(request.user, pk)
    if not permissions.can_edit_trip(request.user, trip):
        raise PermissionDenied
    initial = {name: getattr(trip, name) for name in services.TRIP_FIELDS}
    initial |= {"lead": trip.lead_id, "members": [member.pk for member in trip.members.all()]}
    form = TripForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            trip = services.trip_update(actor=request.user, trip=trip, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Trip saved."))
            return redirect(trip)
    return TemplateResponse(
        request, "fieldwork/trip_form.html", {"form": form, "trip": trip}, status=400 if form.errors else 200
    )


def trip_detail(request: HttpRequest, pk: int, visit_form: VisitForm | None = None) -> TemplateResponse:
    """The trip on a phone: the day's visits first, each with its one-tap log button."""
    trip = selectors.trip_get_for_user(request.user, pk)
    user, today = request.user, timezone.localdate()
    visits = list(selectors.trip_visits(trip))
    for visit in visits:
        visit.may_log = permissions.can_log_visit(user, visit) and visit.date <= today  # the day has come
        visit.may_remove = permissions.can_remove_visit(user, visit)
    may_add = permissions.can_add_visit(user, trip)
    if may_add and visit_form is None:
        start = min(max(today, trip.start_date), trip.end_date)
        visit_form = VisitForm(trip=trip, projects=_visible_projects(request), initial={"date": start})
    due_days = FieldworkPolicy.current().report_due_days
    context = {
        "trip": trip, "visits": visits, "events": selectors.trip_events(trip)[:50], "today": today,
        "visit_form": visit_form if may_add else None, "due_on": trip.report_due_on(due_days),
        "report_overdue": trip.is_report_overdue(due_days, today),
        "can_edit": permissions.can_edit_trip(user, trip), "can_submit": permissions.can_submit_trip(user, trip),
        "can_decide": permissions.can_approve_trip(user, trip), "can_cancel": permissions.can_cancel_trip(user, trip),
        "can_report": permissions.can_file_trip_report(user, trip) or hasattr(trip, "report"),
        "decision_form": DecisionForm(), "cancel_form": ReasonForm(),
        "on_trip": permissions.is_on_trip(user, trip), "can_add_lead": permissions.can_add_lead(user, trip),
    }  # fmt: skip
    return TemplateResponse(request, "fieldwork/trip_detail.html", context, status=400 if visit_form and
                            visit_form.errors else 200)  # fmt: skip


@require_POST
def trip_submit(request: HttpRequest, pk: int) -> HttpResponse:
    trip = selectors.trip_get_for_user(request.user, pk)
    services.trip_submit(actor=request.user, trip=trip)
    messages.success(request, _("Trip submitted for approval."))
    return redirect(trip)


@require_POST
def trip_decide(request: HttpRequest, pk: int) -> HttpResponse:
    trip = selectors.trip_get_for_user(request.user, pk)
    if not permissions.can_approve_trip(request.user, trip):
        raise PermissionDenied  # who may decide is settled before the input is read
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or send back."))
        return redirect(trip)
    data = form.cleaned_data
    try:
        if data["decision"] == "approve":
            services.trip_approve(actor=request.user, trip=trip, comment=data["comment"])
            messages.success(request, _("Trip approved."))
        else:
            services.trip_reject(actor=request.user, trip=trip, comment=data["comment"])
            messages.success(request, _("Trip sent back for changes."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(trip)


@require_POST
def trip_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    trip = selectors.trip_get_for_user(request.user, pk)
    if not permissions.can_cancel_trip(request.user, trip):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for cancelling."))
        return redirect(trip)
    services.trip_cancel(actor=request.user, trip=trip, reason=form.cleaned_data["reason"])
    messages.success(request, _("Trip cancelled."))
    return redirect(trip)


@require_POST
def trip_visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a visit to the plan; `unplanned=1` (on the road) goes straight on to logging it."""
    trip = selectors.trip_get_for_user(request.user, pk)
    if not permissions.can_add_visit(request.user, trip):
        raise PermissionDenied
    form = VisitForm(request.POST, trip=trip, projects=_visible_projects(request))
    unplanned = request.POST.get("unplanned") == "1"
    if form.is_valid():
        try:
            visit = visit_services.planned_visit_add(
                actor=request.user, trip=trip, is_unplanned=unplanned, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Visit added."))
            if unplanned and permissions.can_log_visit(request.user, visit):
                return redirect("fieldwork:trip_visit_log", pk=visit.pk)
            return redirect(visit.get_absolute_url())
    return trip_detail(request, pk, visit_form=form)


def trip_new_lead(request: HttpRequest, pk: int) -> HttpResponse:
    """A new lead met on the road: its project is created (registration and 撞单 as usual) and the meeting
    becomes a visit of the trip, which the next page logs."""
    trip = selectors.trip_get_for_user(request.user, pk)
    if not permissions.can_add_lead(request.user, trip):
        raise PermissionDenied
    today = timezone.localdate()
    form = NewLeadForm(request.POST or None, initial={"date": min(today, trip.end_date)})
    if request.method == "POST" and form.is_valid():
        try:
            visit = visit_services.trip_new_lead(actor=request.user, trip=trip, **form.cleaned_data)
        except RegistrationConflict as error:
            form.add_error(None, error)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project %(name)s created.") % {"name": visit.project.name})
            if permissions.can_log_visit(request.user, visit):
                return redirect("fieldwork:trip_visit_log", pk=visit.pk)
            return redirect(visit.get_absolute_url())
    context = {"trip": trip, "form": form}
    return TemplateResponse(request, "fieldwork/trip_new_lead.html", context, status=400 if form.errors else 200)


@require_POST
def trip_visit_remove(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.planned_visit_get_for_user(request.user, pk)
    if not permissions.can_remove_visit(request.user, visit):
        raise PermissionDenied
    try:
        visit_services.planned_visit_remove(actor=request.user, visit=visit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Visit removed."))
    return redirect(visit.trip)


def _visit_log_form(request: HttpRequest, visit: PlannedVisit, data=None, files=None) -> ContactLogForm:
    initial = {"channel": Channel.VISIT, "participants": [person.pk for person in visit.people.all()]}
    if visit.date < timezone.localdate():  # logged afterwards: it happened on the visit's day
        initial["occurred_at"] = visit.starts_at or timezone.make_aware(datetime.combine(visit.date, time(10)))
    return ContactLogForm(
        data, files, initial=initial, project=visit.project, company=None if visit.project else visit.company,
        projects=None,
    )  # fmt: skip


def trip_visit_log(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap from the trip page: the 记一笔 form with the visit's project (or company) and channel 外出拜访
    preset; saving logs the contact and links it to the visit in the same transaction."""
    visit = selectors.planned_visit_get_for_user(request.user, pk)
    if not permissions.can_log_visit(request.user, visit):
        raise PermissionDenied
    form = _visit_log_form(request, visit, request.POST or None, request.FILES or None)
    if request.method == "POST":
        if request.body_too_large:
            form.add_error(None, _("What you sent is too large: shorten the text (attachments do not count)."))
        elif form.is_valid():
            data = dict(form.cleaned_data)
            data.setdefault("contacts", [])
            try:
                log = visit_services.planned_visit_log(actor=request.user, visit=visit, **data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                log = activity_selectors.contact_log_list_for_user(request.user).get(pk=log.pk)
                messages.success(
                    request,
                    _("Visit logged (No. %(n)s contact with this project this month).") % {"n": log.month_ordinal}
                    if log.month_ordinal else _("Visit logged."),
                )  # fmt: skip
                return redirect(visit.get_absolute_url())
    context = {"form": form, "visit": visit, "trip": visit.trip, "project": visit.project, "mode": "visit",
               "company": visit.company}  # fmt: skip
    return TemplateResponse(request, "fieldwork/visit_log.html", context, status=400 if form.errors else 200)


def trip_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report draft, prefilled from the visits' logs; the lead edits the summary and files it. Once
    filed, the report itself (print-friendly)."""
    trip = selectors.trip_get_for_user(request.user, pk)
    report = getattr(trip, "report", None) if trip.status == Trip.Status.DONE else None
    may_file = permissions.can_file_trip_report(request.user, trip)
    if request.method == "POST" and not may_file:
        raise PermissionDenied
    draft = selectors.trip_report_draft(trip)
    form = TripReportForm(request.POST or None, initial={"summary": draft.summary}) if may_file else None
    if request.method == "POST" and form.is_valid():
        try:
            services.trip_report_file(actor=request.user, trip=trip, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Trip report filed: the trip is completed."))
            return redirect("fieldwork:trip_report", pk=trip.pk)
    due_days = FieldworkPolicy.current().report_due_days
    context = {
        "trip": trip, "report": report, "draft": draft, "form": form, "due_on": trip.report_due_on(due_days),
        "report_overdue": trip.is_report_overdue(due_days), "too_early": timezone.localdate() < trip.end_date,
    }  # fmt: skip
    return TemplateResponse(request, "fieldwork/trip_report.html", context, status=400 if form and form.errors else 200)


def week(request: HttpRequest) -> TemplateResponse:
    """The week's plan: ?week=2026-W10 (this week without it)."""
    if not permissions.can_view_week_plan(request.user):
        raise PermissionDenied
    plan = week_plan(request.user, parse_week(request.GET.get("week")))
    return TemplateResponse(request, "fieldwork/week.html", {"plan": plan})


def policy_edit(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_fieldwork_policy(request.user):
        raise PermissionDenied
    form = PolicyForm(request.POST or None, instance=FieldworkPolicy.current())
    if request.method == "POST" and form.is_valid():
        try:
            services.fieldwork_policy_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Field-work policy saved."))
            return redirect("fieldwork:policy_edit")
    return TemplateResponse(request, "fieldwork/policy_form.html", {"form": form}, status=400 if form.errors else 200)
