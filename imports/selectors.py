"""Reads of the imports app: the runs a person may see, a run's rows by result, its column mapping."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from imports.columns import map_headers
from imports.kinds import KINDS
from imports.models import ImportRow, ImportRun
from teams.permissions import DIRECTOR_ROLES, role_of


def import_runs_for_user(user: User) -> QuerySet[ImportRun]:
    runs = ImportRun.objects.select_related("user__membership")
    if role_of(user) in DIRECTOR_ROLES:
        return runs
    return runs.filter(user=user)


def run_rows(run: ImportRun, action: str = "") -> QuerySet[ImportRow]:
    rows = run.rows.all()
    return rows.filter(action=action) if action else rows


def column_mapping(run: ImportRun, headers: list[str]) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """([(file header, template header, converted from 亿元)], [ignored headers]) of a run's file."""
    headers = [str(header) for header in headers] if isinstance(headers, list) else []  # a stored odd value
    columns = {column.field: column for column in KINDS[run.kind].columns}
    found = map_headers(headers, tuple(columns.values()))
    used = {index: field for field, (index, _factor) in found.items()}
    mapped = [(headers[index], columns[field].label, found[field][1] != 1) for index, field in sorted(used.items())]
    ignored = [header for index, header in enumerate(headers) if index not in used and header]
    return mapped, ignored
