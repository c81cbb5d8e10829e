"""Full-text layout for searches whose cost does not grow with the index.

See :mod:`search.engines.database.sqlite`, :mod:`.postgresql` and :mod:`.terms`. SQLite: the
FTS5 table gains ``pairs`` and ``tiers`` columns (``_`` is a token character, for the pair and
tier tokens) and its rowid becomes the publication day << 32 | document id. PostgreSQL: one
GIN index on ``match_vector`` (lexemes, pairs, tier and filter tokens) replaces the four on
the other vectors, and ``toast_tuple_target`` keeps the vectors out of the heap rows a search
reads. The new tokens are computed from the documents' text in Python, so the index is
emptied here: run ``manage.py reindex`` after migrating (``make run`` does).
"""

from django.db import migrations

from search.migration_operations import vendor_sql

EMPTY_INDEX = [
    "DELETE FROM search_document",
    "DELETE FROM search_lexicon",
    "UPDATE search_state SET generation = generation + 1",
]
SQLITE_FORWARD = [
    "DROP TABLE search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, attachment, filters, pairs, tiers, "
    "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
    *EMPTY_INDEX,
]
SQLITE_BACKWARD = [
    "DROP TABLE search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, attachment, filters, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    *EMPTY_INDEX,
]

POSTGRESQL_FORWARD = [
    "TRUNCATE search_pg_match",
    *EMPTY_INDEX,
    "DROP INDEX search_pg_match_vector",
    "DROP INDEX search_pg_match_title",
    "DROP INDEX search_pg_match_summary",
    "DROP INDEX search_pg_match_filters",
    "ALTER TABLE search_pg_match DROP COLUMN filter_vector",
    "ALTER TABLE search_pg_match ADD COLUMN match_vector tsvector NOT NULL",
    "CREATE INDEX search_pg_match_match ON search_pg_match USING gin (match_vector)",
    "ALTER TABLE search_pg_match SET (toast_tuple_target = 128)",
]
POSTGRESQL_BACKWARD = [
    "TRUNCATE search_pg_match",
    *EMPTY_INDEX,
    "ALTER TABLE search_pg_match RESET (toast_tuple_target)",
    "DROP INDEX search_pg_match_match",
    "ALTER TABLE search_pg_match DROP COLUMN match_vector",
    "ALTER TABLE search_pg_match ADD COLUMN filter_vector tsvector NOT NULL",
    "CREATE INDEX search_pg_match_vector ON search_pg_match USING gin (search_vector)",
    "CREATE INDEX search_pg_match_title ON search_pg_match USING gin (title_vector)",
    "CREATE INDEX search_pg_match_summary ON search_pg_match USING gin (summary_vector)",
    "CREATE INDEX search_pg_match_filters ON search_pg_match USING gin (filter_vector)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0003_default_synonyms")]

    operations = [
        vendor_sql(
            {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD},
            {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD},
        )
    ]
