"""One import run over a ledger's rows: every row through the owning app's service, in a savepoint.

The dry run is the same run rolled back, so the preview is what the commit would do, rules included
(报备/撞单, permissions, validation). A commit keeps every row or none unless `valid_only` is chosen.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class RowResult:
    number: int
    action: str
    label: str = ""
    reason: str = ""
    object_id: int | None = None


@dataclass
class RunResult:
    rows: list[RowResult] = field(default_factory=list)
    committed: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.action == Action.ERROR]


class _RollBack(Exception):
    """Raised inside the run's transaction to undo it (a dry run, or errors without `valid_only`)."""


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return " ".join(str(message) for messages in error.message_dict.values() for message in messages)
        return " ".join(str(message) for message in error.messages)
    return str(error)


def run(
    rows: Iterable[tuple[int, list[str]]],
    apply_row: Callable[[list[str]], RowResult],
    *,
    commit: bool,
    valid_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """`apply_row(cells)` writes one row through the services and says what it did (its `number` is
    filled in here); a ValidationError or PermissionDenied it raises becomes that row's error, labelled by
    `apply_row.label(cells)` when the writer has one (the row's name, so the preview says which record)."""
    result = RunResult()
    label_of = getattr(apply_row, "label", None)
    try:
        with transaction.atomic():
            for done, (number, cells) in enumerate(rows, start=1):
                try:
                    with transaction.atomic():
                        row = apply_row(cells)
                except (ValidationError, PermissionDenied) as error:
                    label = label_of(cells) if label_of else ""
                    row = RowResult(number=number, action=Action.ERROR, label=label, reason=error_text(error))
                row.number = number
                result.rows.append(row)
                if progress is not None:
                    progress(done)
            if not commit or (result.errors and not valid_only):
                raise _RollBack
            result.committed = True
    except _RollBack:
        pass
    return result
