"""Full-text structures Django's models cannot describe, per database vendor.

SQLite: the FTS5 table ``search_fts`` (stems computed in Python; ``remove_diacritics 0`` keeps
å, ä and ö distinct). PostgreSQL: the weighted ``search_vector`` and the ``filter_vector`` on
``search_document`` with GIN indexes, and pg_trgm with a trigram index on the lexicon for typo
tolerance (pg_trgm is a trusted extension: a database owner may create it).
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, attachment, filters, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_document ADD COLUMN search_vector tsvector, "
    "ADD COLUMN filter_vector tsvector",
    "CREATE INDEX search_document_vector ON search_document USING gin (search_vector)",
    "CREATE INDEX search_document_filters ON search_document USING gin (filter_vector)",
    "CREATE INDEX search_lexicon_trigram ON search_lexicon USING gin (stem gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_lexicon_trigram",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector, "
    "DROP COLUMN IF EXISTS filter_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
