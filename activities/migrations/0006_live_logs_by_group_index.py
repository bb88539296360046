"""A partial index on the live (not deleted) contact logs by group and time: a group's logs of a day (My day's
"logged today" for its leader) or of a week (the dashboard's contacts) are counted from the index alone, where
the (group, time) index had to read each row to leave out the deleted ones."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_contactlog_visits_index")]

    operations = [
        migrations.AddIndex(
            model_name="contactlog",
            index=models.Index(
                condition=models.Q(("is_deleted", False)),
                fields=["team", "occurred_at"],
                name="activities_log_live_by_team",
            ),
        ),
    ]
