"""Ship the official questionnaire templates (QĐ 2640/QĐ-BNV, QĐ 1001/QĐ-BNV) as platform data."""

from django.db import migrations


def load(apps, schema_editor):
    from cchc.surveys.official import load_official_templates

    load_official_templates(apps)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
