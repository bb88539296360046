"""Field work: trips out to investors (外出招商 / 出差), their planned visits and reports, and visiting
delegations received at home (客商接待).

This app sits above `activities` (teams ← crm ← projects ← activities ← fieldwork): a visit or a reception
points at the contact log that records it (`contact_log`), never the other way round, so `activities` knows
nothing of trips.

For readers of these models (the calendar, the dashboard):

- `Trip.status` stores draft / submitted / approved / done / cancelled. "In progress" (进行中) is never
  stored: an approved trip is in progress from its start date until its report is filed (which makes it
  done); `Trip.current_status` derives it. Dates are local calendar days, `end_date` inclusive.
- A trip's people are `lead` plus `members` (the lead is not repeated in `members`); `Trip.team` is the
  lead's group when the trip was created (the row of the week's plan).
- `PlannedVisit.date` (+ optional `time`, Asia/Shanghai) lies inside its trip's dates; `people` are who go.
- `Reception.starts_at`/`ends_at` are aware datetimes; without `ends_at` a reception counts as
  RECEPTION_DEFAULT_HOURS long. `Reception.team` is the receiving group (the project's owner group, else
  the creator's).
- Cancelled trips and receptions keep their rows with `cancelled_at` and `cancel_reason`."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from activities.models import ContactLog
from crm.models import Company
from projects.models import Project
from teams.models import Team

RECEPTION_DEFAULT_HOURS = 2
MAX_TRIP_DAYS = 60  # a longer "trip" is a typing error


class FieldworkPolicy(models.Model):
    """The center's field-work rules; one row, edited by administrators at /fieldwork/policy/."""

    report_due_days = models.PositiveSmallIntegerField(
        _("trip report due within (days)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Days after the return date by which the trip's lead files the trip report."),
    )  # fmt: skip
    min_groups_out = models.PositiveSmallIntegerField(
        _("groups out each week (at least)"), default=3, validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Directors see a warning on the week's plan when fewer groups have an approved trip."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("field-work policy")
        verbose_name_plural = _("field-work policy")

    def __str__(self) -> str:
        return str(_("Field-work policy"))

    @classmethod
    def current(cls) -> "FieldworkPolicy":
        """The saved policy, or the defaults (unsaved) until an administrator saves one: reading it from a
        page never writes."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Trip(models.Model):
    """A trip out to visit investors (外出招商): where, when, who, why, and the visits planned on it."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("trip status", "Planning")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", pgettext_lazy("trip status", "Approved")
        IN_PROGRESS = "in_progress", _("In progress")  # derived (current_status), never stored
        DONE = "done", pgettext_lazy("trip status", "Completed")
        CANCELLED = "cancelled", pgettext_lazy("trip status", "Cancelled")

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED)
    # Trips that count as a group being out (the week's plan and its warning).
    OUT_STATUSES = (Status.APPROVED, Status.DONE)

    destinations = models.CharField(_("destinations"), max_length=200, help_text=_("Cities, e.g. 丽水, 衢州"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), help_text=_("The return date (inclusive)."))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trip lead"), on_delete=models.PROTECT, related_name="trips_led"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("travelling with"), blank=True, related_name="trips_joined"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("group"), on_delete=models.PROTECT, null=True, blank=True, related_name="trips",
        help_text=_("The lead's group when the trip was planned."),
    )  # fmt: skip
    purpose = models.TextField(_("purpose"))
    transport_notes = models.TextField(_("transport"), blank=True)
    budget_notes = models.TextField(_("budget"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        indexes = [
            models.Index(fields=["team", "start_date"]),
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["start_date", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="trip_ends_after_start"),
            models.CheckConstraint(condition=~Q(status="in_progress"), name="trip_in_progress_not_stored"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="trip_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.destinations} {self.start_date:%m-%d}–{self.end_date:%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:trip_detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def current_status(self) -> str:
        """The stored status, except that an approved trip is in progress from its start date."""
        if self.status == self.Status.APPROVED and self.start_date <= timezone.localdate():
            return self.Status.IN_PROGRESS
        return self.status

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status).label)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def report_due_on(self, due_days: int) -> date:
        return self.end_date + timedelta(days=due_days)

    def is_report_overdue(self, due_days: int, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.APPROVED and self.report_due_on(due_days) < today


class PlannedVisit(models.Model):
    """A visit on a trip: to a company (and its project), on a day inside the trip, by some of its people;
    `contact_log` is the log that records it once it has happened."""

    trip = models.ForeignKey(Trip, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="visits")
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="planned_visits"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="planned_visits",
    )  # fmt: skip
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who goes"), blank=True, related_name="planned_visits"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_unplanned = models.BooleanField(_("added on the road"), default=False)
    is_new_lead = models.BooleanField(
        _("new lead met on the road"), default=False, help_text=_("Its project was created on this trip.")
    )
    contact_log = models.OneToOneField(
        ContactLog, verbose_name=_("contact log"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="planned_visit",
    )  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "time", "pk"]
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.date:%m-%d} {self.project or self.company}"

    def get_absolute_url(self) -> str:
        return f"{self.trip.get_absolute_url()}#visit-{self.pk}"

    @property
    def starts_at(self) -> datetime | None:
        """The visit's local time as an aware datetime (None without a time)."""
        if self.time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.time))

    @property
    def is_logged(self) -> bool:
        return self.contact_log_id is not None


class TripEvent(models.Model):
    """Append-only history of a trip: created, submitted, approved, rejected, cancelled, visits added and
    logged, report filed. Written only by fieldwork/events.py; never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Trip planned")
        UPDATED = "updated", _("Trip changed")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Trip approved")
        REJECTED = "rejected", _("Sent back for changes")
        CANCELLED = "cancelled", _("Trip cancelled")
        VISIT_ADDED = "visit_added", _("Visit added")
        VISIT_LOGGED = "visit_logged", _("Visit logged")
        VISIT_REMOVED = "visit_removed", _("Visit removed")
        REPORT_FILED = "report_filed", _("Trip report filed")

    trip = models.ForeignKey(Trip, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    visit = models.ForeignKey(PlannedVisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("trip event")
        verbose_name_plural = _("trip events")

    def __str__(self) -> str:
        return f"{self.trip}: {self.get_kind_display()}"


class TripReport(models.Model):
    """The trip report (出差报告), filed by the lead after the return; filing completes the trip."""

    trip = models.OneToOneField(Trip, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("summary"))
    due_on = models.DateField(_("due on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)

    class Meta:
        verbose_name = _("trip report")
        verbose_name_plural = _("trip reports")
        constraints = [models.CheckConstraint(condition=~Q(summary=""), name="trip_report_summary_not_empty")]

    def __str__(self) -> str:
        return str(self.trip)

    @property
    def was_on_time(self) -> bool:
        return timezone.localtime(self.filed_at).date() <= self.due_on


class Reception(models.Model):
    """A visiting delegation received at home (客商接待): who comes, when, who hosts, the itinerary."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("reception status", "Planned")
        CONFIRMED = "confirmed", pgettext_lazy("reception status", "Confirmed")
        DONE = "done", pgettext_lazy("reception status", "Held")
        CANCELLED = "cancelled", pgettext_lazy("reception status", "Cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.CONFIRMED)

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="receptions")
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="receptions"
    )
    visitors = models.TextField(_("visitors"), help_text=_("One per line: name, title (e.g. 刘振宇, 总经理)."))
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    hosts = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("hosts"), related_name="receptions_hosted")
    team = models.ForeignKey(
        Team, verbose_name=_("receiving group"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="receptions",
    )  # fmt: skip
    itinerary = models.TextField(
        _("itinerary"), blank=True,
        help_text=_("One item per line: time, what, where (e.g. 10:30 看厂房 园区三号厂房)."),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    contact_log = models.OneToOneField(
        ContactLog, verbose_name=_("contact log"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="reception",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["team", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")), name="reception_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="reception_headcount_positive"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="reception_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project or self.company} {timezone.localtime(self.starts_at):%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("fieldwork:reception_detail", args=[self.pk])

    @property
    def effective_end(self) -> datetime:
        return self.ends_at or self.starts_at + timedelta(hours=RECEPTION_DEFAULT_HOURS)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def visitor_lines(self) -> list[str]:
        return [line.strip() for line in self.visitors.splitlines() if line.strip()]

    @property
    def itinerary_items(self) -> list[tuple[str, str]]:
        """(time, what and where) per line: a leading HH:MM is split off."""
        items = []
        for line in self.itinerary.splitlines():
            line = line.strip()
            if not line:
                continue
            head, _sep, rest = line.partition(" ")
            if _is_clock(head):
                items.append((head, rest.strip()))
            else:
                items.append(("", line))
        return items


def _is_clock(text: str) -> bool:
    try:
        time.fromisoformat(text if len(text) == 5 else f"0{text}")
    except ValueError:
        return False
    return True
