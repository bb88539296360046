"""Counting rows without a statement per count: a list's first rows with the size of the whole list, and
several unrelated counts in one statement (a dashboard card's figures)."""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Func, QuerySet, Subquery


def count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset`, as an expression to annotate another statement's rows with: an
    uncorrelated subquery, which PostgreSQL and SQLite run once per statement. Unlike `Window(Count("pk"))`
    on the listed rows it counts the rows alone, not every row joined to what the listed ones show (on My day
    a group's thousand logs of the day, each joined to its project, company and author, to show ten)."""
    return Subquery(queryset.order_by().values(n=Func("pk", function="COUNT")))


def first_rows_and_count(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows of the (ordered) `queryset` and how many rows it has, in one statement."""
    rows = list(queryset.annotate(listed_total=count_of(queryset))[:limit])
    return rows, rows[0].listed_total if rows else 0


def counts(**querysets: QuerySet) -> dict[str, int]:
    """How many rows each queryset has, as `queryset.count()` would say, in one statement
    (`SELECT (SELECT COUNT(*) FROM …) AS a, (SELECT COUNT(*) FROM …) AS b`) instead of one per count.
    A queryset of distinct values counts its distinct rows."""
    found = dict.fromkeys(querysets, 0)
    parts, names, params = [], [], []
    for name, queryset in querysets.items():
        queryset = queryset.order_by()
        if not queryset.query.distinct:  # only the rows matter, not their columns
            queryset = queryset.values("pk")
        try:
            sql, query_params = queryset.query.sql_with_params()
        except EmptyResultSet:  # `.none()`, or a filter that can match nothing (`pk__in=[]`)
            continue
        names.append(name)
        # the querysets' own compiled SQL (values stay parameters) and a keyword of the caller's code, quoted
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted) AS {connection.ops.quote_name(name)}")  # nosec B608
        params.extend(query_params)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)  # nosec B608
            found.update(zip(names, cursor.fetchone(), strict=True))
    return found
