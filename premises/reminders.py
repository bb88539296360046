"""The premises' reminder (registered in PremisesConfig.ready(), see reminders/registry.py): a reservation
ending within NOTICE_DAYS is announced once to whoever reserved it and the project's owner."""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from premises.models import Reservation
from reminders.models import Kind
from reminders.services import Reminder

NOTICE_DAYS = 3


def sweep_reservations(now: datetime) -> list[tuple[Reminder, list[User]]]:
    today = timezone.localtime(now).date()
    ending = Reservation.objects.filter(
        status=Reservation.Status.ACTIVE, expires_on__gte=today, expires_on__lte=today + timedelta(days=NOTICE_DAYS)
    ).select_related("building", "project__owner", "reserved_by")
    pairs = []
    for reservation in ending:
        values = {"building": reservation.building.name, "date": date_format(reservation.expires_on)}
        reminder = Reminder(
            Kind.RESERVATION_ENDING, "reservation", reservation.pk, f"until-{reservation.expires_on.isoformat()}",
            _("Reservation of %(building)s ends %(date)s") % values, reservation.project.name,
            reverse("premises:project_matching", args=[reservation.project_id]),
        )  # fmt: skip
        pairs.append((reminder, [reservation.reserved_by, reservation.project.owner]))
    return pairs
