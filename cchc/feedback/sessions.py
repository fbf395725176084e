"""Dialogue conferences with citizens (hội nghị đối thoại): outreach activities of the plan whose form is
«Đối thoại, tiếp xúc». The questions raised there are typed in as messages of the channel «Tại hội nghị
đối thoại», tied to their conference, and handled like any other; they are the conference's evidence on
the plan's dashboard (``plans.progress.with_dialogue_evidence``)."""

from __future__ import annotations

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.plans.models import OutreachActivity
from cchc.plans.structure import Channel as PlanChannel


def dialogue_sessions(*, commune: Commune):
    """The commune's dialogue conferences, the latest first."""
    with commune_scope(commune):
        return OutreachActivity.objects.filter(commune=commune, channel=PlanChannel.DIALOGUE).order_by(
            "-held_on", "-pk"
        )


def is_dialogue_session(activity, *, commune: Commune) -> bool:
    return activity is not None and activity.commune_id == commune.pk and activity.channel == PlanChannel.DIALOGUE
