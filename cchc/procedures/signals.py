"""A commune's name, address, phone and hours are printed on its sheets and leaflets: a change to them
(made on whatever screen or command edits the commune) queues a rebuild of its printed sets. A change to the
catalogue makes the search index be rebuilt."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


@receiver(post_save, sender="communes.Commune")
def rebuild_printed_sets_of_changed_commune(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    from .printed_sets import request_rebuild

    request_rebuild(commune=instance)


@receiver(post_save, sender="procedures.Procedure", dispatch_uid="cchc_search_index_saved")
@receiver(post_delete, sender="procedures.Procedure", dispatch_uid="cchc_search_index_deleted")
def forget_the_search_index(sender, **kwargs):
    """The search index of this process is rebuilt at its next search (other processes check every 2 s)."""
    from .search import forget_index

    forget_index()
