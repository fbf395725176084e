"""The national legal-education topics every commune's contests draw from (the list: ``contests/topics.py``)."""

from django.db import migrations

from cchc.contests.topics import ensure_national_topics


def seed(apps, schema_editor):
    ensure_national_topics(apps.get_model("contests", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("contests", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
