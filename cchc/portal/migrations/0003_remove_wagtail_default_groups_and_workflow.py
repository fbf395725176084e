from django.db import migrations


def remove_defaults(apps, schema_editor):
    """Wagtail's defaults do not fit many communes: its 'Moderators approval' workflow on the root
    waits for an empty 'Moderators' group, and 'Editors'/'Moderators' would span every commune.
    Each commune gets its own groups and workflow instead (cchc.communes.provisioning)."""
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Task = apps.get_model("wagtailcore.Task")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.filter(page=root).delete()
        root.title = "Tất cả các xã"
        root.draft_title = "Tất cả các xã"
        root.save(update_fields=["title", "draft_title"])
    default = Workflow.objects.filter(name="Moderators approval")
    Task.objects.filter(name="Moderators approval").delete()
    default.delete()
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    Collection.objects.filter(depth=1, name="Root").update(name="Tất cả các xã")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_remove_wagtail_welcome_page"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]
    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
