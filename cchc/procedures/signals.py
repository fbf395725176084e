"""A commune's name, address, phone and hours are printed on its sheets and leaflets: a change to them
(made on whatever screen or command edits the commune) queues a rebuild of its printed sets."""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="communes.Commune")
def rebuild_printed_sets_of_changed_commune(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from .printed_sets import request_rebuild

    request_rebuild(commune=instance)
