"""How long a project stayed in a stage. Each approved move keeps `stay_started_at`: when the stay in the
stage it left began — the project's previous approved move (by decision time) or, for the first, the
project's creation. The dashboard's median days per stage then reads one row per move of the year
instead of windowing every project's moves on each request.

`stay_start_for` gives it to a move being approved; `recompute_stays` writes it from the moves themselves
(the migration's backfill, and whatever writes moves or creation times in bulk: the demo, the benchmark)."""

from collections.abc import Iterable
from datetime import datetime

from django.db import connection
from django.db.models import Max

from projects.models import Project, StageRequest

RECOMPUTE_SQL = """
UPDATE projects_stagerequest SET stay_started_at = stays.started_at
FROM (
    SELECT r.id, COALESCE(
        LAG(r.decided_at) OVER (PARTITION BY r.project_id ORDER BY r.decided_at, r.id), p.created_at
    ) AS started_at
    FROM projects_stagerequest r JOIN projects_project p ON p.id = r.project_id
    WHERE r.status = 'approved' {project_clause}
) AS stays
WHERE projects_stagerequest.id = stays.id
"""
CHUNK = 5000


def stay_start_for(project: Project, request: StageRequest) -> datetime:
    """When the stay that this move (being approved now, so the latest) ends began."""
    previous = (
        project.stage_requests.filter(status=StageRequest.Status.APPROVED, decided_at__isnull=False)
        .exclude(pk=request.pk)
        .aggregate(last=Max("decided_at"))["last"]
    )
    return previous or project.created_at


def recompute_stays(project_ids: Iterable[int] | None = None) -> None:
    """Write `stay_started_at` of the approved moves of these projects (all projects when None)."""
    with connection.cursor() as cursor:
        if project_ids is None:
            cursor.execute(RECOMPUTE_SQL.format(project_clause=""))
            return
        ids = list(project_ids)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            # The SQL is this module's constant; the ids are parameters (bandit B608 is a false alarm).
            cursor.execute(RECOMPUTE_SQL.format(project_clause=f"AND r.project_id IN ({placeholders})"), chunk)  # nosec B608
