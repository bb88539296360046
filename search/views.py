"""The global search: the full page, or (asked by htmx from the search dialog) its grouped results alone."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.query import QueryForm, SearchField
from search.selectors import MIN_LENGTH, global_search
from teams.permissions import role_of

DIALOG_LIMIT, PAGE_LIMIT = 5, 10


class SearchQuery(QueryForm):
    q = SearchField()


@require_safe
def search(request: HttpRequest) -> TemplateResponse:
    if role_of(request.user) is None:
        raise PermissionDenied
    query = SearchQuery(request.GET).values["q"]
    in_dialog = request.headers.get("HX-Request") == "true"
    results = global_search(request.user, query, limit=DIALOG_LIMIT if in_dialog else PAGE_LIMIT)
    context = {"results": results, "query": query, "min_length": MIN_LENGTH}
    template = "search/_results.html" if in_dialog else "search/search.html"
    return TemplateResponse(request, template, context)
