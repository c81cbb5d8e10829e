"""PostgreSQL: stored bitmaps of the index's common tokens, in chunks of 8,192 documents
(:mod:`search.engines.database.token_chunks`).

Half of each page is left free (``fillfactor``), so that a write's new version of a row fits
in the same page: a heap-only update, which writes no index entry.
https://www.postgresql.org/docs/15/storage-hot.html

The table starts empty, and until ``manage.py reindex`` fills it every token is read from the
GIN index: searches stay correct, only slower. SQLite has its own table of that name (0005).
"""

from django.db import migrations

from search.migration_operations import vendor_sql


class Migration(migrations.Migration):
    dependencies = [("search", "0009_token_bitmaps_with_rowid")]

    operations = [
        vendor_sql(
            {
                "postgresql": [
                    "CREATE TABLE search_token_bitmap (token text NOT NULL, "
                    "chunk integer NOT NULL, bits bytea NOT NULL, PRIMARY KEY (token, chunk)) "
                    "WITH (fillfactor = 50)"
                ]
            },
            {"postgresql": ["DROP TABLE search_token_bitmap"]},
        )
    ]
