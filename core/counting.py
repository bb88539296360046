"""A list's first rows and the size of the whole list in one statement."""

from django.db.models import Func, QuerySet, Subquery


def count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset`, as an expression to annotate another statement's rows with: an
    uncorrelated subquery, which PostgreSQL and SQLite run once per statement. Unlike `Window(Count("pk"))`
    on the listed rows it counts the rows alone, not every row joined to what the listed ones show (on My day
    a group's thousand logs of the day, each joined to its project, company and author, to show ten)."""
    return Subquery(queryset.order_by().values(n=Func("pk", function="COUNT")))
