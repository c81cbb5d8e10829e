"""Migration operations shared by the search app's migrations."""

from django.db import migrations


def vendor_sql(forward: dict[str, list[str]], backward: dict[str, list[str]]):
    """Raw statements per database vendor (full-text structures Django cannot describe)."""

    def runner(statements_by_vendor):
        def run(apps, schema_editor):
            for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward))
