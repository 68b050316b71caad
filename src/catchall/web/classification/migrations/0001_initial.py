"""The search-index state and the full-text table of control entries (per database vendor)."""

from django.db import migrations, models

SQLITE_CREATE = """
CREATE VIRTUAL TABLE classification_controlsearch USING fts5(
    entry UNINDEXED, list UNINDEXED, version UNINDEXED, regime UNINDEXED,
    mtcr_item UNINDEXED, ord UNINDEXED,
    title, body, context, notes,
    tokenize = 'porter unicode61 remove_diacritics 2'
)"""
POSTGRES_CREATE = [
    """CREATE TABLE classification_controlsearch (
        id serial PRIMARY KEY,
        entry varchar(80) NOT NULL, list varchar(80) NOT NULL, version varchar(40) NOT NULL,
        regime varchar(10) NOT NULL, mtcr_item varchar(40) NOT NULL, ord integer NOT NULL,
        title text NOT NULL, body text NOT NULL, context text NOT NULL, notes text NOT NULL,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX classification_controlsearch_document ON classification_controlsearch USING GIN (document)",
    "CREATE INDEX classification_controlsearch_entry ON classification_controlsearch (entry)",
]


def create_index_table(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_CREATE], "postgresql": POSTGRES_CREATE}.get(vendor)
    if statements is None:
        raise RuntimeError(f"control-list search supports SQLite and PostgreSQL, not {vendor}")
    for sql in statements:
        schema_editor.execute(sql)


def drop_index_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS classification_controlsearch")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40, unique=True)),
                ("content_hash", models.CharField(max_length=64)),
                ("documents", models.PositiveIntegerField(default=0)),
                ("built_at", models.DateTimeField()),
            ],
        ),
        migrations.RunPython(create_index_table, drop_index_table),
    ]
