"""Trigram (pg_trgm) GIN indexes for the project list search (project name, product), on PostgreSQL only;
the company name it also searches is indexed by crm 0003, which creates the extension. See there for why
the indexes are on `UPPER(col)` and why SQLite gets none."""

from django.db import migrations

TABLE = "projects_project"
SEARCHED = {"projects_project_name_trgm": "name", "projects_project_product_trgm": "product"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, column in SEARCHED.items():
        # The expression must be the one the lookup writes: UPPER("col"::text), i.e. upper((col)::text).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(TABLE)} USING gin (UPPER({quote(column)}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_last_contact"), ("crm", "0003_search_trigram_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
