"""Where a form goes after its POST: back to the page it came from (`next`), never to another site."""

import unicodedata

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request: HttpRequest, fallback, *args, **kwargs) -> HttpResponseRedirect:
    """Redirect to the POSTed (or queried) `next` if it is a path of this site, else to `fallback`
    (a URL, a URL name with `args`/`kwargs`, or a model with `get_absolute_url`)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if _is_local_path(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # not redirect(): it would take "abc" for a URL name and fail with NoReverseMatch (a 500)
        return HttpResponseRedirect(target)
    return redirect(fallback, *args, **kwargs)


def _is_local_path(target: str) -> bool:
    """An absolute path of this site, without the control characters no header may carry."""
    return (
        target.startswith("/")
        and len(target) <= 2000
        and not any(unicodedata.category(char).startswith("C") for char in target)
    )
