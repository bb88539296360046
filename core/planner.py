"""Hints to PostgreSQL's planner for the few statements whose best plan is obvious but costly to find.

A list page fetches its 25 rows by id joined to their related rows (company, group, owner and their
membership, chain, link, referrer: eight tables). Left to itself, PostgreSQL searches the join orders of
all eight before running a statement that then takes a fraction of that time: at 10,000 projects the
project list's row fetch spent ~2.5 ms planning and ~0.5 ms running. Planned in the order Django writes
the joins (from the projects, by their ids), it plans in ~0.5 ms and runs the same.

Not a setting for the whole connection: the dashboard's grouped statements need the planner's reordering
(its SQL took 1.6× as long with the joins kept in written order).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction


@contextmanager
def joins_as_written(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Inside, PostgreSQL joins tables in the order the statement writes them (`join_collapse_limit = 1`,
    set for the current transaction only). Elsewhere (SQLite) it does nothing.

    Opens a transaction when none is open, so the setting ends with the block; inside a caller's
    transaction it lasts until that one ends (no savepoint: a savepoint would not undo a SET LOCAL).
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
        yield
