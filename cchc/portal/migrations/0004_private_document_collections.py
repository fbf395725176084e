from django.db import migrations


def give_every_commune_a_private_collection(apps, schema_editor):
    """Each existing commune gets «Tài liệu nội bộ (chỉ cán bộ xã xem)», served to its officials only.

    This calls the live ``ensure_private_collection``: Wagtail keeps sibling collections in name
    order, which only treebeard's real model knows how to do (historical models have no tree
    methods). Only the commune columns that function reads are loaded, so later columns added
    to ``Commune`` do not break this migration on an older database.
    """
    from cchc.communes.models import Commune
    from cchc.communes.wagtail_files import ensure_private_collection

    for commune in Commune.objects.only("id", "name", "code", "collection_id"):
        ensure_private_collection(commune)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_remove_wagtail_default_groups_and_workflow"),
        ("communes", "0003_link_existing_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(give_every_commune_a_private_collection, migrations.RunPython.noop)]
