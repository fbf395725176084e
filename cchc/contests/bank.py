"""The question bank a round draws from: the active national questions and the commune's own, per topic.

A question may carry several topics, so it can sit in several topics' pools; each entrant still gets
it at most once. ``shortfalls`` therefore checks each topic alone and then the round as a whole (can
every topic get its count from questions no other topic took? a bipartite matching answers exactly).
"""

from __future__ import annotations

import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .models import ContestRound, NationalQuestion, Question, QuestionBase, Topic


def draw_pool(round: ContestRound, *, commune: Commune) -> dict[str, list[QuestionBase]]:
    """``{topic slug: active questions of that topic}`` for the round's topics, national ones first."""
    if round.commune_id != commune.pk:
        raise PermissionDenied(_("Đợt thi này thuộc xã khác."))
    slugs = [slug for slug in (round.draw or {}) if isinstance(slug, str)]
    pool: dict[str, list[QuestionBase]] = {slug: [] for slug in slugs}
    national = NationalQuestion.objects.filter(is_active=True, topics__slug__in=slugs).prefetch_related("topics")
    with commune_scope(commune):
        own = list(
            Question.objects.filter(commune=commune, is_active=True, topics__slug__in=slugs).prefetch_related("topics")
        )
    seen: set[tuple[type, int]] = set()
    for question in [*national, *own]:
        if (type(question), question.pk) in seen:  # the join returns a question once per matching topic
            continue
        seen.add((type(question), question.pk))
        for topic in question.topics.all():
            if topic.slug in pool:
                pool[topic.slug].append(question)
    return pool


def _assign(pool: dict[str, list[str]], wanted: dict[str, int]) -> dict[str, tuple[str, int]]:
    """Give as many wanted slots as possible distinct questions (Kuhn's augmenting paths).

    ``pool`` holds question references (``question_ref``) per topic. Returns ``{reference: (topic,
    slot)}``; pools are tried in their given order, so a shuffled pool gives a random assignment.
    """
    owner: dict[str, tuple[str, int]] = {}  # question -> (topic, slot) holding it

    def place(slot: tuple[str, int], visited: set) -> bool:
        for key in pool[slot[0]]:
            if key in visited:
                continue
            visited.add(key)
            if key not in owner or place(owner[key], visited):
                owner[key] = slot
                return True
        return False

    for slug, count in wanted.items():
        for n in range(count):
            place((slug, n), set())
    return owner


def _matched(pool: dict[str, list[QuestionBase]], wanted: dict[str, int]) -> int:
    """How many of the wanted questions can be given distinct questions."""
    return len(_assign({slug: [question_ref(q) for q in questions] for slug, questions in pool.items()}, wanted))


def _pool_refs(round: ContestRound, *, commune: Commune) -> dict[str, list[str]]:
    """``{topic slug: references of its active questions}``: two narrow queries, no question text read,
    so that handing out a paper in a rush does not load the whole bank."""
    slugs = [slug for slug in (round.draw or {}) if isinstance(slug, str)]
    pool: dict[str, list[str]] = {slug: [] for slug in slugs}
    national = NationalQuestion.objects.filter(is_active=True, topics__slug__in=slugs)
    with commune_scope(commune):
        own = list(
            Question.objects.filter(commune=commune, is_active=True, topics__slug__in=slugs).values_list(
                "pk", "topics__slug"
            )
        )
    for prefix, rows in (("n", national.values_list("pk", "topics__slug")), ("c", own)):
        for pk, slug in rows:
            if slug in pool:  # a question of several topics comes once per topic
                pool[slug].append(f"{prefix}{pk}")
    return pool


def question_ref(question: QuestionBase) -> str:
    """How a paper names a question: ``n12`` (national bank) or ``c5`` (the commune's own)."""
    return ("n" if isinstance(question, NationalQuestion) else "c") + str(question.pk)


def draw_paper(round: ContestRound, *, commune: Commune, rng: random.Random | None = None) -> list[QuestionBase]:
    """One entrant's questions: the round's count per topic, drawn at random, each question at most
    once, in a random order. ``ValidationError`` (the shortfalls) when the bank cannot supply them.

    The draw runs on references only; the chosen questions alone are then read."""
    if round.commune_id != commune.pk:
        raise PermissionDenied(_("Đợt thi này thuộc xã khác."))
    rng = rng or random.SystemRandom()
    wanted = {slug: count for slug, count in (round.draw or {}).items() if isinstance(count, int) and count > 0}
    pool = _pool_refs(round, commune=commune)
    for refs in pool.values():
        rng.shuffle(refs)
    chosen = list(_assign(pool, wanted))
    if len(chosen) < sum(wanted.values()):
        raise ValidationError(shortfalls(round, commune=commune) or [_("Ngân hàng câu hỏi không đủ câu.")])
    rng.shuffle(chosen)
    national = NationalQuestion.objects.in_bulk([int(ref[1:]) for ref in chosen if ref[0] == "n"])
    with commune_scope(commune):
        own = Question.objects.filter(commune=commune).in_bulk([int(ref[1:]) for ref in chosen if ref[0] == "c"])
    return [(national if ref[0] == "n" else own)[int(ref[1:])] for ref in chosen]


def shortfalls(round: ContestRound, *, commune: Commune) -> list[str]:
    """Vietnamese lines naming each topic whose questions do not cover the round's draw, and by how many."""
    wanted = {slug: count for slug, count in (round.draw or {}).items() if isinstance(count, int) and count > 0}
    pool = draw_pool(round, commune=commune)
    names = dict(Topic.objects.filter(slug__in=list(wanted)).values_list("slug", "name"))
    problems = []
    for slug, count in wanted.items():
        held = len(pool.get(slug, []))
        if held < count:
            problems.append(
                _(
                    "Chủ đề «%(topic)s»: mỗi người dự thi cần %(wanted)d câu nhưng ngân hàng chỉ có %(held)d câu "
                    "đang dùng, còn thiếu %(missing)d câu."
                )
                % {"topic": names.get(slug, slug), "wanted": count, "held": held, "missing": count - held}
            )
    if problems:
        return problems
    total = sum(wanted.values())
    matched = _matched(pool, wanted)
    if matched < total:
        problems.append(
            _(
                "Các chủ đề %(topics)s dùng chung một số câu hỏi: mỗi người dự thi cần %(wanted)d câu khác nhau "
                "nhưng ngân hàng chỉ đủ %(held)d câu, còn thiếu %(missing)d câu."
            )
            % {
                "topics": ", ".join(f"«{names.get(slug, slug)}»" for slug in wanted),
                "wanted": total,
                "held": matched,
                "missing": total - matched,
            }
        )
    return problems


def check_bank(round: ContestRound, *, commune: Commune) -> None:
    """``ValidationError`` listing every shortfall when the bank cannot supply the round's draw."""
    problems = shortfalls(round, commune=commune)
    if problems:
        raise ValidationError(problems, code="bank_shortfall")
