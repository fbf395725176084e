"""Writes on the commune's procedures that carry a rule: publishing the catalogue, the posting register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cchc.communes.actions import CommuneAction, CreateRecord, DeleteRecord, EditRecord, require_permission
from cchc.communes.models import Commune

from .models import OneStopDesk, Posting, PostingPlace, Procedure, PublishedProcedure
from .postings import record_posting, take_down_superseded
from .printed_sets import request_rebuild
from .publishing import publish_all


class PublishCatalogue(CommuneAction):
    """Publish every current procedure of the national catalogue the commune does not publish yet."""

    log_action = "cchc.publish"

    def __init__(self, *, commune: Commune, user=None, desk: OneStopDesk | None = None):
        super().__init__(commune=commune, user=user)
        self.desk = desk

    def check(self) -> None:
        require_permission(
            self.user, "procedures.add_publishedprocedure", _("Vai trò của bạn không được công khai thủ tục.")
        )
        if self.desk is not None and self.desk.commune_id != self.commune.pk:
            raise PermissionDenied(_("Bộ phận một cửa này thuộc xã khác."))

    def perform(self) -> int:
        count = publish_all(commune=self.commune, desk=self.desk)
        if count:
            request_rebuild(commune=self.commune)
        return count

    def audit_data(self, result: int) -> dict:
        return {"published": result}


class RecordPosting(CommuneAction):
    """Post the current sheets of procedures at a place; the earlier sheets of them there come down."""

    log_action = "cchc.posting"

    def __init__(
        self,
        *,
        commune: Commune,
        user=None,
        place: PostingPlace,
        procedures: Iterable[Procedure],
        posted_on: dt.date,
        checked_by: str = "",
    ):
        super().__init__(commune=commune, user=user)
        self.place, self.procedures = place, list(procedures)
        self.posted_on, self.checked_by = posted_on, checked_by

    def check(self) -> None:
        require_permission(self.user, "procedures.add_posting", _("Vai trò của bạn không được ghi sổ niêm yết."))
        if self.place.commune_id != self.commune.pk:
            raise PermissionDenied(_("Nơi niêm yết này thuộc xã khác."))

    def perform(self) -> list[Posting]:
        return record_posting(
            commune=self.commune, place=self.place, procedures=self.procedures,
            posted_on=self.posted_on, checked_by=self.checked_by,
        )  # fmt: skip

    def audit_instance(self, result: list[Posting]) -> PostingPlace:
        return self.place

    def audit_data(self, result: list[Posting]) -> dict:
        return {"sheets": len(result), "posted_on": self.posted_on.isoformat(), "checked_by": self.checked_by}


class AddPosting(CreateRecord):
    """One sheet entered on the register's own form: the earlier sheet of that procedure there comes down."""

    def _save_instance(self):
        posting = self.instance
        take_down_superseded(place=posting.place, codes=[posting.procedure.code], on=posting.posted_on)
        super()._save_instance()


class _RebuildsPrintedSets:
    """A change to what the posting sheets and leaflets show: the commune's printed sets are built again."""

    def _save_instance(self):
        super()._save_instance()
        request_rebuild(commune=self.commune)

    def _delete(self):
        result = super()._delete()
        request_rebuild(commune=self.commune)
        return result


class CreatePrintedRecord(_RebuildsPrintedSets, CreateRecord):
    """Publish one procedure, or add a desk (behind the admin "add" screens)."""


class EditPrintedRecord(_RebuildsPrintedSets, EditRecord):
    """Change a published procedure's local details (fee, desk, hours, unpublish) or a desk."""


class DeletePrintedRecord(_RebuildsPrintedSets, DeleteRecord):
    """Stop publishing a procedure, or remove a desk."""


PRINTED_ACTIONS = [CreatePrintedRecord, EditPrintedRecord, DeletePrintedRecord]

PROCEDURE_ACTIONS = {Posting: [AddPosting], PublishedProcedure: PRINTED_ACTIONS, OneStopDesk: PRINTED_ACTIONS}
