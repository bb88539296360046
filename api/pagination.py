from rest_framework.pagination import CursorPagination, PageNumberPagination


class BoundedPageNumberPagination(PageNumberPagination):
    """25 rows a page by default, `?page_size=` up to 100: never an unbounded list."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class ContactLogCursorPagination(CursorPagination):
    """Newest first; a cursor stays stable while logs are added (no page drift), ≤ 100 a page."""

    ordering = ("-occurred_at", "-pk")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
