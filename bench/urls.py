"""The project's URLs plus hello-world views: the floor every page benchmark is measured against.

Used only by the benchmarks (`bench/page_benchmark.py` sets it as ROOT_URLCONF in-process, and
`bench/wsgi.py` serves it under gunicorn); never by the application.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


@login_not_required
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


def hello_logged_in(request: HttpRequest) -> HttpResponse:
    """The same behind the login check: what loading the session and the user adds (two queries)."""
    return HttpResponse(f"hello {request.user.pk}")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/hello-logged-in/", hello_logged_in),
    *project_urlpatterns,
]
