"""SQLite: stored bitmaps of the index's common tokens (:mod:`search.engines.database.token_bitmaps`).

The table starts empty, and until ``manage.py reindex`` fills it every token is read from
FTS5: searches stay correct, only slower. The attachment-only tier tokens the ranking reads
are also written by the reindex. PostgreSQL has nothing to change.
"""

from django.db import migrations

from search.migration_operations import vendor_sql


class Migration(migrations.Migration):
    dependencies = [("search", "0004_ranking_windows")]

    operations = [
        vendor_sql(
            {
                "sqlite": [
                    "CREATE TABLE search_token_bitmap "
                    "(token TEXT NOT NULL PRIMARY KEY, bits BLOB NOT NULL) WITHOUT ROWID"
                ]
            },
            {"sqlite": ["DROP TABLE search_token_bitmap"]},
        )
    ]
