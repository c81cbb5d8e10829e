"""SQLite: the FTS5 table loses its ``filters`` column, which no search read any more (filters
are matched over the facet bitmaps, :mod:`search.engines.database.bitmaps`).

The rows are copied into the new table as they are, so the index stays searchable without a
reindex; the stored bitmaps of the filter tokens (``_ff…``) go with the column. PostgreSQL has
nothing to change.
"""

from django.db import migrations

from search.migration_operations import vendor_sql

TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\""
KEPT = "title, summary, body, attachment, pairs, tiers"

SQLITE_FORWARD = [
    "ALTER TABLE search_fts RENAME TO search_fts_old",
    f"CREATE VIRTUAL TABLE search_fts USING fts5({KEPT}, {TOKENIZE})",
    f"INSERT INTO search_fts (rowid, {KEPT}) SELECT rowid, {KEPT} FROM search_fts_old",
    "DROP TABLE search_fts_old",
    "DELETE FROM search_token_bitmap WHERE substr(token, 1, 3) = '_ff'",
]
# Back: the column returns empty (nothing reads it); ``manage.py reindex`` fills it.
SQLITE_BACKWARD = [
    "ALTER TABLE search_fts RENAME TO search_fts_old",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    f"title, summary, body, attachment, filters, pairs, tiers, {TOKENIZE})",
    f"INSERT INTO search_fts (rowid, {KEPT}, filters) SELECT rowid, {KEPT}, '' FROM search_fts_old",
    "DROP TABLE search_fts_old",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_change_log")]

    operations = [
        vendor_sql({"sqlite": SQLITE_FORWARD}, {"sqlite": SQLITE_BACKWARD}),
    ]
