"""Handing a paper in rewrites its row in place.

The index on status is gone (``entry_unique_attempt`` already starts with commune and round), so no
index covers what handing in writes; on PostgreSQL each page of papers keeps a third free, so the
handed-in version fits beside the drawn one and the update touches no index at all ("HOT"). Other
databases have no such setting and need none.
"""

from django.db import migrations

FILL_FACTOR = 70


def _fill_factor(value):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            table = schema_editor.quote_name(apps.get_model("contests", "Entry")._meta.db_table)
            schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {int(value)})")

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0003_entries"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="entry",
            name="contests_en_commune_f55d5c_idx",
        ),
        migrations.RunPython(_fill_factor(FILL_FACTOR), _fill_factor(100)),
    ]
