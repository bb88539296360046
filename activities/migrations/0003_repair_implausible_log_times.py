"""Contact logs dated before 2000 were accepted until the forms and services refused them; one dated in
year 1 is stored by PostgreSQL in year 0 BC (Asia/Shanghai's local mean time), which Python cannot read,
so every page showing it failed. Such a log takes the time it was written down instead (SQL only: the
rows are never loaded)."""

from datetime import UTC, datetime

from django.db import migrations
from django.db.models import F

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def repair(apps, schema_editor):
    ContactLog = apps.get_model("activities", "ContactLog")
    ContactLog.objects.filter(occurred_at__lt=EARLIEST).update(occurred_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_backfill_project_last_contact")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
