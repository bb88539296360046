"""Trigram (pg_trgm) GIN indexes for the company search, on PostgreSQL only.

The searches use `icontains`, which Django writes as `UPPER("col"::text) LIKE UPPER('%…%')`; a GIN index
with `gin_trgm_ops` on the same expression `UPPER(col)` serves it (Chinese text too: trigrams are taken
of any letters of the database's UTF-8 locale). A search shorter than three characters has no trigram
and still reads every row. SQLite, the embedded default, gets nothing: the indexes are not part of the
model state, so SQLite's table rebuilds never try to recreate them. Plain SQL rather than
`GinIndex(OpClass(Upper(col), "gin_trgm_ops"))`: OpClass renders correctly only with django.contrib.postgres
installed, which Juneng does not need otherwise. pg_trgm is a trusted extension (PostgreSQL 13+): the
database owner may create it; `CREATE EXTENSION IF NOT EXISTS` leaves an existing one alone.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

TABLE = "crm_company"
SEARCHED = {"crm_company_name_trgm": "name", "crm_company_normname_trgm": "normalized_name",
            "crm_company_industry_trgm": "industry", "crm_company_city_trgm": "city"}  # fmt: skip


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
    dependencies = [("crm", "0002_claim_status_label")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm; nothing on other databases
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
