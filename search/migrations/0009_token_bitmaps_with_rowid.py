"""SQLite: the stored token bitmaps move to a table with rowids.

A write sets or clears a bit of a few hundred stored bitmaps. In a WITHOUT ROWID table each
meant reading and writing the whole bitmap (N/8 bytes: 12.5 KB at 100,000 documents); a rowid
table allows SQLite's incremental blob I/O, which changes the one byte that holds the bit
(:func:`search.engines.database.token_bitmaps.apply`). The rows are copied as they are.
"""

from django.db import migrations

from search.migration_operations import vendor_sql


def _recreate(schema: str) -> list[str]:
    return [
        f"CREATE TABLE search_token_bitmap_copy (token TEXT NOT NULL PRIMARY KEY, "
        f"bits BLOB NOT NULL){schema}",
        "INSERT INTO search_token_bitmap_copy (token, bits) "
        "SELECT token, bits FROM search_token_bitmap",
        "DROP TABLE search_token_bitmap",
        "ALTER TABLE search_token_bitmap_copy RENAME TO search_token_bitmap",
    ]


class Migration(migrations.Migration):
    dependencies = [("search", "0008_saved_search")]

    operations = [
        vendor_sql({"sqlite": _recreate("")}, {"sqlite": _recreate(" WITHOUT ROWID")}),
    ]
