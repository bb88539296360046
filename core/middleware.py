"""Request-level guards that turn an oversized POST into a form error instead of a bare 400."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest


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
