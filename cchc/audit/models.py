"""The audit trail: Wagtail's own log, kept per commune.

Wagtail logs every create, edit, delete, publish and workflow step through ``wagtail.log_actions.log``
and shows it in each object's history. Its default log table has no commune, so another commune's
entries could not be told apart; this model is registered (in ``wagtail_hooks.py``) as the log table
of every commune-owned model, of communes themselves and of images and documents. Our own actions
write here through the same ``log()`` call, so there is one audit trail, never two.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from cchc.communes.models import CommuneOwned
from cchc.communes.scoping import commune_scoped_manager
from cchc.core.statements import insert_row

from .context import current_ip


def commune_of(instance):
    """The commune an object belongs to: its own field, itself, or the owner of its file collection."""
    from cchc.communes.models import Commune

    if isinstance(instance, Commune):
        return instance
    commune_id = getattr(instance, "commune_id", None)
    if commune_id is not None:
        return commune_id
    collection = getattr(instance, "collection", None)
    if collection is not None:
        return Commune.objects.filter(collection__in=collection.get_ancestors(inclusive=True)).first()
    return None


class CommuneLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        commune = commune_of(instance)
        if commune is None:
            return None  # a file outside every commune's collection: platform data, not audited per commune
        kwargs.setdefault("ip_address", current_ip())
        kwargs.update(object_id=str(instance.pk))
        kwargs["commune_id" if isinstance(commune, int) else "commune"] = commune
        return super().log_action(instance, action, **kwargs)

    def create(self, **kwargs):
        """A new record (Wagtail's ``log_action`` ends here, once per audited write): its fields checked,
        then inserted by a statement built once (``cchc.core.statements``), not compiled per record —
        a contest's last hour writes one record per paper handed in."""
        entry = self.model(**kwargs)
        entry.check_fields()
        insert_row(entry, using=self.db)
        return entry

    def for_instance(self, instance):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        # Scoped: only the request's commune. Read rights are the commune's roles, not model permissions.
        return self.all()


class CommuneLogEntry(CommuneOwned, BaseLogEntry):
    """Who did what to which object of which commune, when, and from which address."""

    # Wagtail indexes these fields for one site-wide log. Ours is read per commune, newest first
    # (``audit_commune_time``), or per object (``audit_object``), and each index more slows every
    # audited write: a contest's last hour writes one record per paper handed in.
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("xã"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    action = models.CharField(max_length=255, blank=True)
    timestamp = models.DateTimeField(verbose_name=_("thời điểm (UTC)"))
    content_changed = models.BooleanField(default=False)
    object_id = models.CharField(max_length=255)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = commune_scoped_manager(CommuneLogEntryManager)

    class Meta(CommuneOwned.Meta, BaseLogEntry.Meta):
        verbose_name = _("nhật ký hoạt động")
        verbose_name_plural = _("nhật ký hoạt động")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["commune", "-timestamp"], name="audit_commune_time"),
            models.Index(fields=["object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%d/%m/%Y %H:%M} {self.user_display_name}: {self.action} {self.label}"

    def save(self, *args, **kwargs):
        """Wagtail's ``save`` runs ``full_clean``, whose foreign-key checks read the content type and the
        commune again: two queries per record, a third of a contest submission's time in a burst. The
        references come from our own code and the database's foreign keys hold them; the fields and the
        registered action are still checked."""
        self.check_fields()
        return super(BaseLogEntry, self).save(*args, **kwargs)

    def check_fields(self) -> None:
        relations = [f.name for f in self._meta.concrete_fields if f.is_relation]
        self.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
