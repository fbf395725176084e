"""Find procedures the way villagers type: no tones, typos, their own words.

The catalogue is a few hundred procedures, the same for every commune, so it is ranked in
memory (an index per process, rebuilt when the catalogue changes) and then cut down to what the
commune publishes. Scores are BM25 over weighted fields with a bonus for the procedure's name
matching the query's word pairs.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.core.text import fold_vietnamese

from .models import Procedure
from .synonyms import PHRASES

WORD = re.compile(r"[a-z0-9]+")
# Field weights: the name speaks loudest, then how people call it, then the rest.
WEIGHTS = {"name": 3.0, "keywords": 2.0, "field": 1.0, "body": 0.4}
K1, B = 1.2, 0.6
RELEVANCE_FLOOR = 0.3
# Words a synonym adds count for less than words the villager typed.
SYNONYM_WEIGHT = 0.9
# Telex typed without a Vietnamese keyboard: "ddawng kys" → "dang ky".
TELEX = [("dd", "d"), ("aa", "a"), ("aw", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u")]


# A folded Vietnamese syllable: onset, one to three vowels, final. A token of this shape is a real
# word the catalogue happens not to use ("nhau"), not a typo to be bent into one it uses ("nha").
SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
# "ký" and "kí", "lý" and "lí" are the same word spelt two ways.
FINAL_Y = re.compile(r"^([bcdghklmnprstvx]+)y$")


def words(text: str) -> list[str]:
    return [FINAL_Y.sub(r"\1i", w) for w in WORD.findall(fold_vietnamese(text))]


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance of a and b is at most ``limit`` (small words, small limits)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


_phrase_cache: list[tuple[str, list[str]]] = []


def _phrases() -> list[tuple[str, list[str]]]:
    """The synonym table, spelt the way ``words`` spells queries."""
    if not _phrase_cache:
        _phrase_cache.extend((" ".join(words(key)), words(value)) for key, value in PHRASES.items())
    return _phrase_cache


@dataclass
class Document:
    id: int
    fields: dict[str, list[str]]
    name_pairs: set[tuple[str, str]] = field(default_factory=set)
    name_words: set[str] = field(default_factory=set)


class SearchIndex:
    def __init__(self, procedures: Iterable[Procedure]):
        self.docs: list[Document] = []
        for p in procedures:
            body = [p.result, " ".join(d.get("name", "") for d in p.dossier), p.who_may_submit]
            fields = {
                "name": words(p.name),
                "keywords": words(" ; ".join(p.keywords)),
                "field": words(p.field.name),
                "body": words(" ".join(body)),
            }
            name = fields["name"]
            self.docs.append(Document(p.id, fields, set(itertools.pairwise(name)), set(name)))
        self.average = {
            f: (sum(len(d.fields[f]) for d in self.docs) / len(self.docs)) if self.docs else 1.0 for f in WEIGHTS
        }
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update({w for ws in d.fields.values() for w in ws})
        total = max(len(self.docs), 1)
        self.idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in df.items()}
        self.vocabulary = sorted(self.idf, key=lambda w: -df[w])
        self.counts = [{f: Counter(ws) for f, ws in d.fields.items()} for d in self.docs]
        # Only documents holding a query word are scored: the cost follows the matches, not the catalogue.
        self.postings: dict[str, list[int]] = {}
        for position, d in enumerate(self.docs):
            for w in {w for ws in d.fields.values() for w in ws}:
                self.postings.setdefault(w, []).append(position)

    def _correct(self, word: str) -> list[str]:
        """Known words a misspelt ``word`` most likely meant ([] when it is known or hopeless)."""
        if word in self.idf or len(word) < 3 or word.isdigit():
            return []
        if SYLLABLE.match(word):
            return []
        telex = word
        for typed, meant in TELEX:
            telex = telex.replace(typed, meant)
        telex = re.sub(r"(?<=[aeiouy])[sfrxj]$", "", telex)
        if telex in self.idf:
            return [telex]
        if SYLLABLE.match(telex):
            return []
        limit = 1 if len(word) <= 6 else 2
        close = [known for known in self.vocabulary if _edits_within(word, known, limit)]
        if close:
            return close[:2]
        for cut in range(2, len(word) - 1):  # "khaisinh" → "khai" + "sinh"
            if word[:cut] in self.idf and word[cut:] in self.idf:
                return [word[:cut], word[cut:]]
        return []

    def _expand(self, query: str) -> tuple[list[str], dict[str, float]]:
        tokens = words(query)
        weighted: dict[str, float] = {}
        corrected: list[str] = []
        for token in tokens:
            alternatives = self._correct(token)
            if alternatives:
                corrected.extend(alternatives)
                for alt in alternatives:
                    weighted[alt] = max(weighted.get(alt, 0), 0.8)
            else:
                corrected.append(token)
                weighted[token] = max(weighted.get(token, 0), 1.0)
        text = " " + " ".join(corrected) + " "
        for phrase, meaning in _phrases():
            if f" {phrase} " in text:
                for word in meaning:
                    weighted[word] = max(weighted.get(word, 0), SYNONYM_WEIGHT)
        return corrected, weighted

    def search(self, query: str, *, allowed: set[int] | None = None, limit: int = 20) -> list[tuple[int, float]]:
        sequence, weighted = self._expand(query)
        if not weighted:
            return []
        pairs = set(itertools.pairwise(sequence))
        candidates = sorted({i for word in weighted for i in self.postings.get(word, ())})
        results = []
        for position in candidates:
            doc, counts = self.docs[position], self.counts[position]
            if allowed is not None and doc.id not in allowed:
                continue
            score = 0.0
            for word, weight in weighted.items():
                idf = self.idf.get(word)
                if idf is None:
                    continue
                for f, field_weight in WEIGHTS.items():
                    tf = counts[f].get(word, 0)
                    if tf:
                        norm = 1 - B + B * len(doc.fields[f]) / (self.average[f] or 1)
                        score += weight * field_weight * idf * tf * (K1 + 1) / (tf + K1 * norm)
            if score <= 0:
                continue
            score += 1.5 * len(pairs & doc.name_pairs)
            # Prefer the procedure whose name the query covers best ("khai sinh" over "đăng ký lại khai sinh").
            covered = len(doc.name_words & set(weighted)) / max(len(doc.name_words), 1)
            score *= 1 + 0.5 * covered
            results.append((doc.id, score))
        results.sort(key=lambda r: -r[1])
        if results:
            # A long tail of one-word matches only buries the answer on a small screen.
            floor = results[0][1] * RELEVANCE_FLOOR
            results = [r for r in results if r[1] >= floor]
        return results[:limit]


_lock = threading.Lock()
_cache: dict[str, tuple[tuple, SearchIndex]] = {}


def catalogue_index() -> SearchIndex:
    """The index of current procedures, rebuilt only when the catalogue changed."""
    from django.db.models import Count, Max

    stamp = tuple(Procedure.objects.filter(is_current=True).aggregate(n=Count("id"), last=Max("id")).values())
    cached = _cache.get("index")
    if cached and cached[0] == stamp:
        return cached[1]
    with _lock:
        procedures = Procedure.objects.filter(is_current=True).select_related("field")
        index = SearchIndex(procedures)
        _cache["index"] = (stamp, index)
        return index


def search_procedures(query: str, *, allowed: set[int] | None = None, limit: int = 20) -> list[int]:
    """Ids of current procedures best matching ``query``, best first, among ``allowed`` if given."""
    return [pid for pid, _ in catalogue_index().search(query, allowed=allowed, limit=limit)]
