"""Every source of calendar items, by kind: the one list the form, the views, the feed and the page read.

A provider (see providers.py) is `(user, Window) -> list[CalendarItem]`, already scoped to what the user may see:
follow-ups from `activities`, trips, planned visits and receptions from `fieldwork` (fieldwork_providers.py)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from calendars import fieldwork_providers as fieldwork
from calendars.providers import FOLLOW_UP, Provider, follow_up_items

PROVIDERS: dict[str, Provider] = {
    FOLLOW_UP: follow_up_items,
    fieldwork.TRIP: fieldwork.trip_items,
    fieldwork.VISIT: fieldwork.visit_items,
    fieldwork.RECEPTION: fieldwork.reception_items,
}
KIND_LABELS: dict[str, str | Promise] = {
    FOLLOW_UP: _("Follow-ups"),
    fieldwork.TRIP: _("Trips"),
    fieldwork.VISIT: _("Planned visits"),
    fieldwork.RECEPTION: _("Receptions"),
}
