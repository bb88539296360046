"""How long projects stay in each stage: the dashboard's median days per stage, read from the approved
moves' `stay_started_at` (projects/stays.py) through the partial indexes of projects 0008."""

import statistics
from datetime import datetime

from django.db import connection
from django.utils import timezone

from dashboards.scope import Scope
from projects.stages import STAGE_ORDER

STAYS_DAYS = "date_part('epoch', r.decided_at - r.stay_started_at) / 86400.0"  # float8: no numeric arithmetic
MEDIANS_SQL = """
SELECT s.stage, (
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY {days})
    FROM projects_stagerequest r
    WHERE r.status = 'approved' {team_clause} AND r.from_stage = s.stage
        AND r.decided_at >= %s AND r.decided_at < %s AND r.stay_started_at IS NOT NULL
)
FROM unnest(%s::varchar[]) AS s(stage)
"""
# Stage by stage, the stays that ended in the year: each stage's approved moves of the year (of one group:
# the project's group when the move was asked for) are one range of a partial index that carries when each
# stay began (projects 0008, projects/stays.py), so nothing reads the table or sorts the year's moves.
STAYS_SQL = """
SELECT r.from_stage, {days}
FROM projects_stagerequest r
WHERE r.status = 'approved' {team_clause} AND r.decided_at >= %s AND r.decided_at < %s
    AND r.stay_started_at IS NOT NULL
"""  # the same stays one row each (SQLite, which has no percentile function: the stays of a year are few)


def _team_clause(scope: Scope) -> tuple[str, list]:
    return ("AND r.team_id = %s", [scope.team.pk]) if scope.team else ("", [])


def _year_bounds(scope: Scope) -> list[datetime]:
    return [timezone.make_aware(datetime(scope.year, 1, 1)), timezone.make_aware(datetime(scope.year + 1, 1, 1))]


def _stays(scope: Scope, days: str) -> tuple[str, list]:
    team_clause, team_params = _team_clause(scope)
    return STAYS_SQL.format(days=days, team_clause=team_clause), [*team_params, *_year_bounds(scope)]


def median_days_in_stage(scope: Scope) -> dict[str, float]:
    """Median days a project spent in each stage, over the stays that ended (an approved move out) in
    the year: from the move into the stage (or the project's creation, for 线索) to the move out."""
    with connection.cursor() as cursor:
        # The SQL is this module's constants; every value is a parameter (bandit B608 is a false alarm).
        if connection.vendor == "postgresql":
            team_clause, team_params = _team_clause(scope)
            stages = [stage.value for stage in STAGE_ORDER]
            sql = MEDIANS_SQL.format(days=STAYS_DAYS, team_clause=team_clause)
            cursor.execute(sql, [*team_params, *_year_bounds(scope), stages])  # nosec B608
            return {stage: round(float(days), 1) for stage, days in cursor.fetchall() if days is not None}
        cursor.execute(*_stays(scope, "julianday(r.decided_at) - julianday(r.stay_started_at)"))  # nosec B608
        durations: dict[str, list[float]] = {}
        for stage, days in cursor.fetchall():
            durations.setdefault(stage, []).append(days)
    return {stage: round(statistics.median(values), 1) for stage, values in durations.items()}
