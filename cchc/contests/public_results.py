"""The public winners page of a round, ``/cuoc-thi/<slug>/dot-<number>/ket-qua/``.

Shown once the commune has published the round's results (``actions.PublishResults``); before that,
a page that says so. It lists the placings up to ``WINNERS_UP_TO_RANK`` (ties included) with names
as the contest's rules say (in full, or ``Nguyễn V. A.``), village, score and time: no phone or
citizen ID digits at all, not even the masked tail. Plain HTML that prints; anonymous visitors get
it from the page cache, which publishing refreshes (its audit record moves the commune's generation).
"""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import ranking, results
from .models import Contest, ContestRound

WINNERS_UP_TO_RANK = 10


@require_safe
def winners(request, slug: str, number: int):
    commune = getattr(request, "site_commune", None)
    if commune is None:
        raise Http404(_("Không có xã nào ở địa chỉ này"))
    contest = Contest.objects.filter(commune=commune, slug=slug[:80], is_published=True).first()
    if contest is None:
        raise Http404(_("Không có cuộc thi này"))
    round = ContestRound.objects.filter(commune=commune, contest=contest, number=number).first()
    if round is None:
        raise Http404(_("Không có đợt thi này"))
    round.contest = contest
    context = {"commune": commune, "contest": contest, "round": round, "published": False}
    if round.results_published_at is not None:
        report = results.round_winners(round, commune=commune, up_to_rank=WINNERS_UP_TO_RANK)
        context.update(
            published=True,
            entrants=report.entrants,
            winners=[
                {
                    "rank": row.rank,
                    "name": results.shown_name(row.full_name, contest.winner_names),
                    "village": row.village_name,
                    "score": row.score,
                    "total": row.total,
                    "time": row.time_text,
                }
                for row in report.rows
            ],
            up_to_rank=WINNERS_UP_TO_RANK,
            rules_lines=ranking.rules_text(round.ranking_rules),
        )
    return TemplateResponse(request, "contests/public/results.html", context)
