"""Trigram (pg_trgm) GIN indexes for the global search on the columns it reads that the lists do not
already index: contact names and WeChat IDs, contact phone numbers, contact-log summaries. PostgreSQL only;
see crm 0003 for why the indexes are on `UPPER(col)` and why SQLite gets none. They live here, with the
search that needs them; crm 0003 created the extension."""

from django.db import migrations

SEARCHED = {
    "search_contact_name_trgm": ("crm_contact", "name", True),
    "search_contact_wechat_trgm": ("crm_contact", "wechat_id", True),
    "search_contact_phone_trgm": ("crm_contact", "phone", False),  # `contains`: LIKE without UPPER
    "search_contactlog_summary_trgm": ("activities_contactlog", "summary", True),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, (table, column, upper) in SEARCHED.items():
        expression = f"UPPER({quote(column)}::text)" if upper else quote(column)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({expression} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0003_search_trigram_indexes"),
        ("activities", "0005_contactlog_visits_index"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
