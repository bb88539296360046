"""An index on contact logs by author and creation time: the log dialog preselects the channel of the
author's latest log (`selectors.last_channel_of`), which otherwise sorts all of that author's logs. Raw
SQL that PostgreSQL and SQLite both accept, outside the model state (like projects 0005's indexes)."""

from django.db import migrations

NAME = "activities_contactlog_author_created"


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_repair_implausible_log_times")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "activities_contactlog" ("author_id", "created_at")',
            f'DROP INDEX IF EXISTS "{NAME}"',
            elidable=False,
        )
    ]
