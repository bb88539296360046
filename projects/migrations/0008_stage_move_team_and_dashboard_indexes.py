"""What the dashboard and My day read instead of the tables.

- Each stage move keeps the project's owner group when it was asked for (`StageRequest.team`, backfilled
  from the projects' groups today), as a contact log keeps its author's group.
- Partial indexes (raw SQL, outside the model state, like 0005 and 0006; SQLite's without NULLS FIRST):
  the approved moves by stage and decision time with when each stay began — the center's median days per
  stage reads each stage's moves of the year as one index-only range, already grouped, instead of sorting
  the year's moves (`dashboards.stage_times`) — and the same by group first, for a group's medians; the
  active projects by the time they entered their stage, with their group — "stuck in a stage" lists its
  first ten by walking the index and counts them (the center or one group) without reading the rows; and
  the active projects by group and last contact (never first) — a group leader's My day lists the group's
  quietest ten from the index and counts them from it, instead of reading and sorting every quiet one."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "projects_stagerequest_approved_stays": (
        "projects_stagerequest",
        '"from_stage", "decided_at", "stay_started_at"',
        "\"status\" = 'approved'",
    ),
    "projects_stagerequest_approved_team_stays": (
        "projects_stagerequest",
        '"team_id", "from_stage", "decided_at", "stay_started_at"',
        "\"status\" = 'approved'",
    ),
    "projects_project_active_in_stage_since": (
        "projects_project",
        '"stage_entered_at", "id", "owner_team_id"',
        "\"status\" = 'active'",
    ),
    "projects_project_active_quiet_by_group": (
        "projects_project",
        '"owner_team_id", "last_contact_at" NULLS FIRST, "created_at"',
        "\"status\" = 'active'",
    ),
}
BACKFILL_SQL = """
UPDATE projects_stagerequest SET team_id = (
    SELECT p.owner_team_id FROM projects_project p WHERE p.id = projects_stagerequest.project_id
)
"""


def create_indexes(apps, schema_editor):
    for name, (table, columns, condition) in INDEXES.items():
        if schema_editor.connection.vendor != "postgresql":  # SQLite's indexes know no NULLS FIRST
            columns = columns.replace(" NULLS FIRST", "")
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns}) WHERE {condition}')


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_stage_request_stay_started"),
        ("teams", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="stagerequest",
            name="team",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="teams.team",
                verbose_name="group",
            ),
        ),
        migrations.RunSQL(BACKFILL_SQL, migrations.RunSQL.noop, elidable=False),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
