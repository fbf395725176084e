from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    """Wagtail's first migration makes a 'Welcome' page and site; communes bring their own."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    welcome = Page.objects.filter(depth=2, slug="home", content_type=page_type).first()
    if welcome is None:
        return
    Site.objects.filter(root_page=welcome).delete()
    welcome.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("wagtailcore", "0002_initial_data")]
    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
