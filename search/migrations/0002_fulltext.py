"""Full-text structures Django's models cannot describe, per database vendor.

SQLite: the FTS5 table ``search_fts`` (stems computed in Python; ``remove_diacritics 0`` keeps
å, ä and ö distinct). PostgreSQL: the narrow table ``search_pg_match`` (one row per document:
the weighted ``search_vector``, title and summary vectors for ranking tiers, the
``filter_vector``, each with a GIN index; kept apart from the wide text rows so an index scan
reads little heap), and pg_trgm with a trigram index on the lexicon for typo tolerance
(pg_trgm is a trusted extension: a database owner may create it). Migration 0004 changes
this layout (pairs and tier tokens, one GIN index on ``match_vector``).
"""

from django.db import migrations

from search.migration_operations import vendor_sql

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, attachment, filters, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE search_pg_match ("
    # No foreign key: Django's flush (transactional tests) truncates search_document without
    # CASCADE and fails on a referencing table; the engine deletes both rows itself.
    "id bigint PRIMARY KEY, "
    "published date NOT NULL, title_vector tsvector NOT NULL, summary_vector tsvector NOT NULL, "
    "search_vector tsvector NOT NULL, filter_vector tsvector NOT NULL)",
    "CREATE INDEX search_pg_match_vector ON search_pg_match USING gin (search_vector)",
    "CREATE INDEX search_pg_match_title ON search_pg_match USING gin (title_vector)",
    "CREATE INDEX search_pg_match_summary ON search_pg_match USING gin (summary_vector)",
    "CREATE INDEX search_pg_match_filters ON search_pg_match USING gin (filter_vector)",
    "CREATE INDEX search_lexicon_trigram ON search_lexicon USING gin (stem gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_lexicon_trigram",
    "DROP TABLE IF EXISTS search_pg_match",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        vendor_sql(
            {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD},
            {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD},
        )
    ]
