"""Request-level guards: an oversized POST becomes a form error instead of a bare 400; sessions end after
inactivity and after a maximum age; signed-in pages are not cached."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest
from django.utils.translation import gettext as _


class OversizedBodyMiddleware:
    """Parse a POST's form data once, before the CSRF check reads it: if its text fields exceed
    DATA_UPLOAD_MAX_MEMORY_SIZE (files do not count) or it has too many fields, the request goes on with
    empty data and `request.body_too_large = True`, so the view can answer with its translated form error
    (htmx requests carry their CSRF token in a header, so the check still passes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.body_too_large = False
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (parses the body)
            except (RequestDataTooBig, TooManyFieldsSent):
                request.body_too_large = True
        return self.get_response(request)


SIGNED_IN_AT, SEEN_AT = "juneng_signed_in_at", "juneng_seen_at"


def start_session_clock(sender, request, user, **kwargs) -> None:
    """On sign-in (Django's user_logged_in signal): both clocks start now."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_TIMEOUT seconds without a request (8 hours by default) and,
    whatever they do, SESSION_ABSOLUTE_TIMEOUT seconds after signing in. The last-seen time is written
    at most once a minute, so a busy page does not rewrite the session on every request."""

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SIGNED_IN_AT, now)  # sessions from before this check
            seen = session.get(SEEN_AT, now)
            if now - seen > settings.SESSION_IDLE_TIMEOUT or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were signed out after a time without activity. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - seen >= self.TOUCH_EVERY or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages for a signed-in person (contact details, the pipeline) are never stored by a browser or a proxy:
    `Cache-Control: no-store, private`. Static files are served before this runs (WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response
