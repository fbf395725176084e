"""The rounds papers are being handed in to, remembered by each process for a few seconds.

In a round's last hour every request hands in one paper, and each needs the paper's round and
contest (its address, whether it is published, whether a guess is asked, the time limit). Reading
them with every paper would join three tables per request for rows that change a few times a
round; instead each process keeps what it read for ``SECONDS`` and forgets it at once when this
process saves or deletes a round or a contest. A change made in another process is seen within
``SECONDS``; what counts for each paper (its deadline, its answer key) is on the paper itself.
"""

from __future__ import annotations

import copy
import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cchc.communes.models import Commune

from .models import Contest, ContestRound

SECONDS = 5.0

_lock = threading.Lock()
_held: dict[int, tuple[float, ContestRound]] = {}


def round_of(commune: Commune, round_id: int) -> ContestRound:
    """``round_id``'s round with its contest, in the active scope of ``commune``; a copy per caller,
    so that nothing one request sets on it reaches another. ``ContestRound.DoesNotExist`` when the
    commune has no such round."""
    now = time.monotonic()
    with _lock:
        found = _held.get(round_id)
    if found is None or now - found[0] >= SECONDS or found[1].commune_id != commune.pk:
        round = ContestRound.objects.select_related("contest").get(commune=commune, pk=round_id)
        with _lock:
            _held[round_id] = (now, round)
        found = (now, round)
    held = found[1]
    round = copy.copy(held)
    round.contest = copy.copy(held.contest)
    return round


def forget() -> None:
    with _lock:
        _held.clear()


@receiver(post_save, sender=ContestRound, dispatch_uid="cchc_contests_round_saved")
@receiver(post_delete, sender=ContestRound, dispatch_uid="cchc_contests_round_deleted")
@receiver(post_save, sender=Contest, dispatch_uid="cchc_contests_contest_saved")
@receiver(post_delete, sender=Contest, dispatch_uid="cchc_contests_contest_deleted")
def _changed(sender, **kwargs):
    forget()
