"""`reverse()` for the URLs of one object, without the resolver's work on every call: a page lists dozens
of rows, each with its links (~45 µs a `reverse()`, ~75 µs a `{% url %}`). The URL of a route is reversed
once per process (and script prefix and URLconf) with a placeholder key; each row then only puts its key
in. Only for routes whose single argument is an integer primary key; `reverse_plain` and `list_url` for routes
without arguments (a layout's links, a dashboard's two hundred links to filtered lists)."""

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = 987654321987


@lru_cache(maxsize=512)
def _pattern(name: str, prefix: str, urlconf: str) -> tuple[str, str]:
    url = reverse(name, args=[PLACEHOLDER], urlconf=urlconf)
    head, found, tail = url.partition(str(PLACEHOLDER))
    assert found and str(PLACEHOLDER) not in tail, f"{name} does not take one integer key"
    return head, tail


def reverse_pk(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a route taking one `<int:…>` argument."""
    head, tail = _pattern(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=512)
def _plain(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


def reverse_plain(name: str) -> str:
    """`reverse(name)` for a route without arguments, reversed once per process (and script prefix)."""
    return _plain(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=4096)
def _with_query(path: str, params: tuple) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def list_url(name: str, **params) -> str:
    """The URL of a list (a route without arguments) with these filters as its query string, in their order:
    `list_url("projects:project_list", stage="signed", team=3)`. The values must be hashable (numbers,
    strings): a page that links to the same filtered list again, or on the next visit, reuses its URL."""
    return _with_query(reverse_plain(name), tuple(params.items()))
