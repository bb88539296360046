"""A partial index on the outbound visits (外出拜访) among the contact logs, by time and group: the dashboard's
monthly attendance counts a year of them per group (fieldwork/figures.py), which otherwise reads every log of
the year. Raw SQL that PostgreSQL and SQLite both accept, outside the model state (like 0004)."""

from django.db import migrations

NAME = "activities_contactlog_visits"


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_contactlog_author_created_index")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "activities_contactlog" ("occurred_at", "team_id") '
            "WHERE \"channel\" = 'visit' AND NOT \"is_deleted\"",
            f'DROP INDEX IF EXISTS "{NAME}"',
            elidable=False,
        )
    ]
