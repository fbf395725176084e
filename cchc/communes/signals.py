"""Keep every commune's role groups in step with ROLE_MODEL_PERMISSIONS after migrations."""

from django.apps import apps
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver


@receiver(post_migrate)
def refresh_role_groups(sender, app_config, **kwargs):
    # Permissions of every app exist only once the last app has had its post_migrate.
    if app_config is not list(apps.get_app_configs())[-1]:
        return
    from .models import Commune
    from .provisioning import ensure_role_groups, ensure_standing_sections

    for commune in Commune.objects.select_related("root_page"):
        ensure_role_groups(commune)
        ensure_standing_sections(commune)


@receiver(post_save, sender="communes.Commune")
def rename_role_groups(sender, instance, created, raw=False, **kwargs):
    # Groups are found by commune and role code; their names are labels that follow a rename.
    if created or raw:
        return
    from .provisioning import refresh_group_names

    refresh_group_names(instance)


# The host map of the middleware forgets sites and communes when they change, in every process
# (commands and task workers too): its signal receivers live in access.py.
from . import access  # noqa: E402, F401
