"""Fill projects.Project.last_contact_at from the contact logs written before the column existed."""

from django.db import migrations
from django.db.models import Max, OuterRef, Subquery


def backfill(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    ContactLog = apps.get_model("activities", "ContactLog")
    latest = (
        ContactLog.objects.filter(project=OuterRef("pk"), is_deleted=False)
        .order_by()
        .values("project")
        .annotate(m=Max("occurred_at"))
        .values("m")[:1]
    )
    Project.objects.update(last_contact_at=Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial"), ("projects", "0004_last_contact")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
