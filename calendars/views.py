"""The calendar page, its events (JSON for FullCalendar), the personal iCal feed and the page managing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from calendars import ical, permissions, selectors, services
from calendars.forms import EventsQueryForm
from calendars.providers import CalendarItem
from calendars.registry import KIND_LABELS


def _check_calendar_user(request: HttpRequest) -> None:
    if not permissions.can_use_calendar(request.user):
        raise PermissionDenied  # administrators manage the system; they have no investors' calendar


@require_GET
def calendar(request: HttpRequest) -> TemplateResponse:
    _check_calendar_user(request)
    config = {
        "eventsUrl": reverse("calendars:calendar_events"),
        "now": timezone.localtime().replace(tzinfo=None, microsecond=0).isoformat(),
        "texts": {
            "failed": _("The calendar could not be loaded. Try again."),
            "truncated": _("Only the first %(count)s items are shown: narrow the calendar by group or kind."),
        },
    }
    return TemplateResponse(
        request,
        "calendars/calendar.html",
        {
            "config": config,
            "groups": selectors.calendar_groups(request.user),
            "kinds": list(KIND_LABELS.items()),
            "scope": permissions.calendar_scope(request.user),
        },
    )


def _as_event(item: CalendarItem, viewer_id: int) -> dict:
    """One item as a FullCalendar event. Times are the center's wall-clock time without an offset, so they
    read the same whatever the browser's time zone."""
    title = f"{item.title} · {item.detail}" if item.detail else item.title
    if item.owner_id is not None and item.owner_id != viewer_id:
        title = f"{item.owner_name}：{title}"
    iso = (lambda value: value.isoformat()) if item.all_day else (lambda value: value.replace(tzinfo=None).isoformat())
    return {
        "id": item.uid,
        "title": title,
        "start": iso(item.start),
        "end": iso(item.end),
        "allDay": item.all_day,
        "url": item.url,
        "classNames": [f"cal-kind-{item.kind}", f"cal-status-{item.status}"],
        "extendedProps": {"kind": item.kind, "status": item.status, "statusLabel": item.status_label,
                          "group": item.group_name, "cancelled": item.cancelled},
    }  # fmt: skip


@require_GET
def calendar_events(request: HttpRequest) -> JsonResponse:
    """?start=&end= (end excluded, at most ~3 months) [&group=][&kind=]: the items as FullCalendar events.
    Bad input answers 400 with the form's errors."""
    _check_calendar_user(request)
    form = EventsQueryForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    page = selectors.calendar_items_for_user(
        request.user, first=form.first_day, last=form.last_day, group_id=form.cleaned_data["group"], kinds=form.kinds
    )
    return JsonResponse(
        {"events": [_as_event(item, request.user.pk) for item in page.items], "truncated": page.truncated,
         "limit": selectors.EVENTS_LIMIT},
    )  # fmt: skip


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("calendars:feed", args=[token]))


@require_GET
def feed_settings(request: HttpRequest) -> TemplateResponse:
    _check_calendar_user(request)
    return TemplateResponse(request, "calendars/feed_settings.html", {"feed": selectors.feed_of_user(request.user)})


@require_POST
def feed_create(request: HttpRequest) -> TemplateResponse:
    """Create (or regenerate) the feed URL and show it, this once: only its hash is kept."""
    _check_calendar_user(request)
    token = services.feed_create(actor=request.user)
    feed_url = _feed_url(request, token)
    return TemplateResponse(
        request,
        "calendars/feed_settings.html",
        {"feed": selectors.feed_of_user(request.user), "feed_url": feed_url,
         "webcal_url": "webcal://" + feed_url.split("://", 1)[1]},
    )  # fmt: skip


@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    _check_calendar_user(request)
    if services.feed_revoke(actor=request.user):
        messages.success(request, _("Your calendar link no longer works. Calendars subscribed to it stop updating."))
    return redirect("calendars:feed_settings")


@login_not_required  # the token in the URL is the credential: calendar apps have no session
@require_safe  # GET, and HEAD for calendar apps that check first
def feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = selectors.feed_get_by_token(token)  # 404 for an unknown, revoked or deactivated person's token
    services.feed_record_fetch(feed=feed)
    user = feed.user
    membership = getattr(user, "membership", None)
    name = _("Juneng · %(name)s") % {"name": membership.display_name if membership else user.get_username()}
    body = ical.feed_calendar(selectors.feed_items_for_user(user), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="juneng.ics"'
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response
