"""The synonym groups the portal starts with; editors change them in the admin."""

from django.db import migrations

GROUPS = [
    "USK, undersköterska",
    "YH, yrkeshögskola",
    "Komvux, kommunal vuxenutbildning",
    "SFI, svenska för invandrare",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(add, remove)]
