"""A partial index on the approved stage moves by decision time, for the dashboard's median days in stage
(`dashboards.selectors.STAYS_SQL`: the moves of a year, and those before it). Raw SQL that PostgreSQL and
SQLite both accept, outside the model state (like 0005's search indexes)."""

from django.db import migrations

INDEXES = {
    "projects_stagerequest_approved_decided": '"decided_at"',
}


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_search_trigram_indexes")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "projects_stagerequest" ({columns}) WHERE "status" = \'approved\'',
            f'DROP INDEX IF EXISTS "{name}"',
            elidable=False,
        )
        for name, columns in INDEXES.items()
    ]
