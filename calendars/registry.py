"""Every source of calendar items, by kind: the one list the form, the views, the feed and the page read.

A provider (see providers.py) is `(user, Window) -> list[CalendarItem]`, already scoped to what the user may see.

Next step: `fieldwork` (trips, planned visits, receptions) is being written at the same time; its providers are
in calendars/fieldwork_providers.py and join PROVIDERS and KIND_LABELS here once fieldwork is committed."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from calendars.providers import FOLLOW_UP, Provider, follow_up_items

PROVIDERS: dict[str, Provider] = {FOLLOW_UP: follow_up_items}
KIND_LABELS: dict[str, str | Promise] = {FOLLOW_UP: _("Follow-ups")}
