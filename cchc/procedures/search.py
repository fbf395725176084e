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
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.core.text import ASKING_WORDS, fold_vietnamese

from .models import Procedure
from .understanding import BREAKS, FAMILY_WORDS, NEGATIONS, concepts_in, phrase_in, purpose_start

WORD = re.compile(r"[a-z0-9]+")
# Field weights: the name speaks loudest, then how people call it, then the rest.
WEIGHTS = {"name": 3.0, "keywords": 2.0, "field": 1.0, "body": 0.4}
K1, B = 1.2, 0.6
RELEVANCE_FLOOR = 0.3
COMMON_SHARE = 0.25  # a word in more than this share of the procedures (and COMMON_MIN of them) is common
COMMON_MIN = 100
MAX_REMEMBERED = 20_000


def _words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words a concept or an equivalence adds count for a little less than words the villager typed.
SYNONYM_WEIGHT = 0.9
# Words of asking and of any errand («tôi muốn hỏi làm giấy … ở xã thì cần gì») count for little: «đi» is
# also the «di» of «di chúc», «xã» that of «xã hội». A word a concept has read («mất» in «bố tôi vừa mất»)
# counts for little as itself: it said a death, not a loss.
FILLER = ASKING_WORDS | _words_of(
    "can giay xa uy di tui minh bi vua moi da dang se giup the ne mo rang chi lai nguoi nha het ngoai noi "
    "ton lau cai viet tren"
)
FILLER_WEIGHT = 0.3
MEANING_WORDS = 4
ONE_WORD_FACTOR = 0.75
# What follows «cần», «xin», «làm», «muốn» is what the villager asks for; what comes before is often only their
# situation («đang hưởng trợ cấp hằng tháng vừa mất, xin hỗ trợ chôn cất»).
ASKED_AFTER = frozenset({"can", "xin", "lam", "muon", "cap", "dang", "ki", "de", "giay"})
ASKED_FACTOR = 1.25
ASKING, ASKED_REACH = frozenset({"muon", "can", "xin"}), 5
# «chưa khai sinh» is the need, not its denial; «không tranh chấp» is a denial.
TYPED_NEGATIONS = frozenset({"khong", "chang"})
# «cán bộ», «căn cước», «căn nhà», «căn hộ» are no «cần».
NOT_ASKING_BEFORE = frozenset({"bo", "cuoc", "nha", "ho", "phong", "cu"})
# A procedure that is a variant of another («Đăng ký lại khai tử», «Cấp lại giấy…», «Chấm dứt giám hộ») is the
# answer only when the query says the variant («lại», «chấm dứt»), typed or meant.
VARIANTS = {("ki", "lai"): "lai", ("cap", "lai"): "lai", ("cham", "dut"): "dut"}
VARIANT_FACTOR = 0.85
READ_WEIGHT = 0.3
DONE_WEIGHT = 0.05
POSSESSIVE = frozenset({"cua"})
MORE = {"hon": "tren"}
TAKES, HOW_MUCH = {"mat": "ton"}, frozenset({"bao", "thoi", "phi", "tien"})
SPANS = frozenset({"ngay", "hom", "tieng", "gio", "buoi", "tuan"})  # «mất mấy ngày», not «mất mấy năm rồi»
# What a query asks for «để …» after its need is the purpose («giấy độc thân để đi xuất khẩu lao động»): it tells
# little about the paper wanted.
PURPOSE_FACTOR = 0.5
# An age said in the query («ông tôi 76 rồi», «bà ngoài 80 tuổi»): from 75 the social pension is what is meant.
SOCIAL_PENSION_AGE, AGE_WORDS = 75, frozenset({"tuoi", "roi", "t"})
YEAR_WORDS = frozenset({"nam", "doi", "khoa", "so", "lop", "thang", "ngay"})
UNITS = frozenset(
    [
        "trang",
        "to",
        "ban",
        "m",
        "m2",
        "met",
        "hecta",
        "ha",
        "sao",
        "trieu",
        "nghin",
        "ngan",
        "tram",
        "dong",
        "k",
        "cuon",
        "nguoi",
        "con",
        "nam",
        "thang",
        "ngay",
        "lan",
        "cai",
    ]
)
OLD_AGE_MEANS = "tro cap huu tri xa hoi"
# Telex typed without a Vietnamese keyboard: "ddawng kys" → "dang ky".
TELEX = [("dd", "d"), ("aa", "a"), ("aw", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u")]


# A folded Vietnamese syllable: onset, one to three vowels, final. A token of this shape is a real
# word the catalogue happens not to use ("nhau"), not a typo to be bent into one it uses ("nha").
SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
# Spelling rules a typo breaks: «ngh», «gh», «k» only before e, ê, i, y; «ng», «c» never before them, «g» never
# before e, ê, y. «ngèo» is «nghèo» mistyped, not a word the catalogue happens not to use.
DOUBLED = re.compile(r"aa|ee|oo")
SOFT_ONSETS, HARD_ONSETS = {"ngh": "eiy", "gh": "eiy", "k": "eiy"}, {"ng": "eiy", "c": "eiy", "g": "ey"}
# What villagers abbreviate when they type on a phone, spelt out before anything else reads the query.
ABBREVIATIONS = {
    short: tuple(long.split())
    for shorts, long in (
        ("ko k kg kh khg hok kô", "khong"),
        ("dc đc", "duoc"),
        ("j", "gi"),
        ("bn", "bao nhieu"),
        ("ntn", "nhu the nao"),
        ("vk", "vo"),
        ("ck", "chong"),
        ("gd gđ", "gia dinh"),
        ("dk đk dki dky", "dang ki"),
        ("ng", "nguoi"),
        ("trc", "truoc"),
        ("r", "roi"),
        ("z", "vay"),
        ("ms", "moi"),
        ("cx", "cung"),
        ("nx", "nua"),
        ("lm", "lam"),
        ("mk", "minh"),
        ("tg", "thoi gian"),
        ("hđ", "hop dong"),
        ("gpxd", "giay phep xay dung"),
        ("qsdd", "quyen su dung dat"),
        ("xkld", "xuat khau lao dong"),
        ("cty", "cong ty"),
    )
    for short in fold_vietnamese(shorts).split()
}
# Two words that make one whose parts would mislead: «quê quán» is no shop («quán»), «nhà nước» (the State) no
# country abroad («nước»), «biên bản» (minutes) no sale («bán»).
COMPOUNDS = {("que", "quan"): "quequan", ("nha", "nuoc"): "nhanuoc", ("bien", "ban"): "bienban"}
COMPOUND_WORDS = frozenset(COMPOUNDS.values())
# "ký" and "kí", "lý" and "lí" are the same word spelt two ways.
FINAL_Y = re.compile(r"^([bcdghklmnprstvx]+)y$")


WORD_OR_BREAK = re.compile(r"[a-z0-9]+|[,.;:!?]")


def is_syllable(word: str) -> bool:
    """``word`` (folded) is spelt as a Vietnamese syllable can be: a doubled «aa», «ee», «oo» is Telex for a hat
    («coong» is «công»), not a vowel of its own."""
    match = SYLLABLE.match(word)
    if not match or DOUBLED.search(word):
        return False
    onset = match.group(1) or ""
    vowel = word[len(onset)]
    if onset in SOFT_ONSETS:
        return vowel in SOFT_ONSETS[onset]
    return vowel not in HARD_ONSETS.get(onset, "")


def untelex(word: str) -> str:
    """``word`` without what a Telex keyboard left in it («tachs» → «tach», «ddaats» → «dat»), when that makes
    it a Vietnamese syllable and it was not one; otherwise ``word``."""
    if len(word) < 3 or is_syllable(word):
        return word
    plain = word
    for typed, meant in TELEX:
        plain = plain.replace(typed, meant)
    plain = re.sub(r"(?<=[a-z])[sfrxj]$", "", plain)
    return plain if is_syllable(plain) else word


def words(text: str, *, breaks: bool = False) -> list[str]:
    """The words of ``text`` folded, abbreviations spelt out, «ký» spelt «ki», Telex leftovers taken off; with
    ``breaks``, the commas and stops between them too."""
    spelt: list[str] = []
    for word in (WORD_OR_BREAK if breaks else WORD).findall(fold_vietnamese(text)):
        if word in ABBREVIATIONS:
            spelt.extend(ABBREVIATIONS[word])
        else:
            word = FINAL_Y.sub(r"\1i", untelex(word))
            if spelt and (spelt[-1], word) in COMPOUNDS:
                spelt[-1] = COMPOUNDS[spelt[-1], word]
            else:
                spelt.append(word)
    return spelt


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


@dataclass(frozen=True)
class Equivalence:
    """An official's «when villagers say this, they mean that», spelt as ``words`` spells queries."""

    says: tuple[str, ...]
    means: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """A query as the search reads it: the words in order (corrected), each word's weight, and the share of the
    words, those of asking aside, that the search knows (the catalogue's, corrected to one, or read by a concept
    or an official's equivalence): under half means weak results."""

    sequence: list[str]
    weighted: dict[str, float]
    understood: float
    tokens: list[str] = field(default_factory=list)  # the corrected words with the commas and stops between them


@dataclass
class Document:
    id: int
    fields: dict[str, list[str]]
    name_pairs: set[tuple[str, str]] = field(default_factory=set)
    name_words: set[str] = field(default_factory=set)
    variant_words: set[str] = field(default_factory=set)


def _how_much(following: list[str]) -> bool:
    """``following`` a «mất» asks what it takes («bao lâu», «bao nhiêu», «thời gian», «mấy ngày»)."""
    return bool(following) and (
        following[0] in HOW_MUCH or (following[0] == "may" and len(following) > 1 and following[1] in SPANS)
    )


def _age_in(tokens: list[str]) -> int | None:
    """An age the query says («76 rồi», «80 tuổi», «trên 75»), not a year («năm 90 rồi») or an amount («hơn 100
    trang»)."""
    for i, token in enumerate(tokens):
        if token.isdigit() and len(token) <= 3:
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            before = tokens[i - 1] if i else ""
            if before in YEAR_WORDS or after in UNITS:
                continue
            if after in AGE_WORDS or before in {"tren", "ngoai", "hon"}:
                return int(token)
    return None


class SearchIndex:
    def __init__(self, procedures: Iterable[Procedure]):
        self.docs: list[Document] = []
        procedures_seen = list(procedures)
        # The procedures themselves, by id, fields loaded: a search's results are shown from these, so the
        # database is asked only which of them the commune publishes.
        self.procedures: dict[int, Procedure] = {p.id: p for p in procedures_seen}
        for p in procedures_seen:
            body = [p.result, " ".join(d.get("name", "") for d in p.dossier), p.who_may_submit]
            fields = {
                "name": words(p.name),
                "keywords": words(" ; ".join(p.keywords)),
                "field": words(p.field.name),
                "body": words(" ".join(body)),
            }
            name = fields["name"]
            pairs = set(itertools.pairwise(name))
            variant = {word for pair, word in VARIANTS.items() if pair in pairs}
            self.docs.append(Document(p.id, fields, pairs, set(name), variant))
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
        self._corrections: dict[str, list[str]] = {}
        # The catalogue's words as written, tones kept, lower case: «Hoa» the name is not «hóa» the word.
        self.toned = frozenset(
            w.lower()
            for p in procedures_seen
            for w in re.findall(r"\w+", unicodedata.normalize("NFC", " ".join([p.name, *p.keywords, p.field.name])))
        )
        # Each word's BM25 weight in each document holding it, over the weighted fields, computed once: a search
        # adds up a few of these instead of going through every field of every candidate.
        self.impacts: dict[str, dict[int, float]] = {}
        for position, (d, counts) in enumerate(zip(self.docs, self.counts, strict=True)):
            for f, field_weight in WEIGHTS.items():
                norm = 1 - B + B * len(d.fields[f]) / (self.average[f] or 1)
                for word, tf in counts[f].items():
                    impact = field_weight * self.idf[word] * tf * (K1 + 1) / (tf + K1 * norm)
                    row = self.impacts.setdefault(word, {})
                    row[position] = row.get(position, 0.0) + impact
        # Only documents holding a query word are scored: the cost follows the matches, not the catalogue.
        self.postings: dict[str, list[int]] = {}
        for position, d in enumerate(self.docs):
            for w in {w for ws in d.fields.values() for w in ws}:
                self.postings.setdefault(w, []).append(position)

    def _correct(self, word: str) -> list[str]:
        """Known words a misspelt ``word`` most likely meant ([] when it is known or hopeless); the same typos
        come back, so each is worked out once per index (up to ``MAX_REMEMBERED``)."""
        found = self._corrections.get(word)
        if found is None:
            found = self._work_out(word)
            if len(self._corrections) < MAX_REMEMBERED:
                self._corrections[word] = found
        return found

    def _work_out(self, word: str) -> list[str]:
        if word in self.idf or len(word) < 3 or word.isdigit() or word in COMPOUND_WORDS:
            return []
        if is_syllable(word):
            return []
        telex = word
        for typed, meant in TELEX:
            telex = telex.replace(typed, meant)
        telex = re.sub(r"(?<=[aeiouy])[sfrxj]$", "", telex)
        if telex in self.idf:
            return [telex]
        if is_syllable(telex):
            return []
        limit = 1 if len(word) <= 6 else 2
        close = [known for known in self.vocabulary if _edits_within(word, known, limit)]
        if close:
            return close[:2]
        for cut in range(2, len(word) - 1):  # "khaisinh" → "khai" + "sinh"
            if word[:cut] in self.idf and word[cut:] in self.idf:
                return [word[:cut], word[cut:]]
        return []

    def read(self, query: str, *, understand: bool = True, equivalences: Iterable[Equivalence] = ()) -> Reading:
        """``query`` as the search reads it, once: corrected, concepts and equivalences weighed, and how much of
        it was understood."""
        weighted: dict[str, float] = {}
        corrected: list[str] = []
        read: list[str] = []  # the corrected words with the commas and stops between them, for concepts
        mattering = known = 0
        typed = words(query, breaks=True)
        for position, token in enumerate(typed):
            if token in BREAKS:
                read.append(token)
                continue
            if token in TAKES and _how_much(typed[position + 1 : position + 3]):
                token = TAKES[token]  # «mất bao lâu», «mất mấy ngày»: it takes, nothing is lost
            if token in MORE and position + 1 < len(typed) and typed[position + 1].isdigit():
                token = MORE[token]  # «hơn 100 trang» is more than, no «kết hôn»
            if token in POSSESSIVE and read and read[-1] in FAMILY_WORDS:
                continue  # «vợ của liệt sĩ» is «vợ liệt sĩ»
            alternatives = self._correct(token)
            read.extend(alternatives or [token])
            if token not in FILLER:
                mattering += 1
                known += bool(alternatives) or token in self.idf or token in COMPOUND_WORDS
            if alternatives:
                corrected.extend(alternatives)
                for alt in alternatives:
                    weighted[alt] = max(weighted.get(alt, 0), 0.8)
            else:
                corrected.append(token)
                weighted[token] = max(weighted.get(token, 0), FILLER_WEIGHT if token in FILLER else 1.0)
        if not understand:
            return Reading(corrected, weighted, known / mattering if mattering else 1.0, read)
        found = concepts_in(read)
        purpose = purpose_start(read)
        in_purpose = set(range(purpose[0], purpose[1])) if purpose else set()
        # A concept read from one word in company («mua» near «đất») is less sure than one said in a phrase
        # («độc thân»): it weighs less. One said after «không», «chưa» is denied («không tranh chấp»): its words
        # are read, meaning nothing.
        meant = []
        for s in found:
            if s.start and read[s.start - 1] in NEGATIONS:
                continue
            sure = 1.0 if s.end - s.start > 1 else ONE_WORD_FACTOR
            if any(t in ASKED_AFTER for t in read[max(0, s.start - 2) : s.start]):
                sure *= ASKED_FACTOR
            if s.start in in_purpose:
                sure *= PURPOSE_FACTOR
            meant.append((s.concept.means.split(), sure))
        age = _age_in(read)
        if age is not None and age >= SOCIAL_PENSION_AGE:
            meant.append((OLD_AGE_MEANS.split(), 1.0))
        taught = [e for e in equivalences if phrase_in(corrected, list(e.says))]
        meant += [(list(e.means), 1.0) for e in taught]
        # Words a concept or an equivalence read are understood even when the catalogue does not use them.
        understood = {read[i] for s in found for i in range(s.start, s.end)} | {w for e in taught for w in e.says}
        unknown = {t for t in corrected if t not in FILLER and t not in self.idf}
        known += sum(1 for t in corrected if t in unknown and t in understood)
        meaning = {word for means, _sure in meant for word in means}
        # A concept's words are read: they weigh little as themselves.
        for token in (read[i] for s in found for i in range(s.start, s.end)):
            if token in weighted and token not in meaning:
                weighted[token] = min(weighted[token], READ_WEIGHT)
        # Typed words denied («không tranh chấp với ai», «không nghèo») are not asked for either.
        for i, token in enumerate(read):
            if token in TYPED_NEGATIONS:
                for word in itertools.takewhile(lambda w: w not in FILLER and w not in BREAKS, read[i + 1 : i + 3]):
                    if word in weighted and word not in meaning:
                        weighted[word] = min(weighted[word], READ_WEIGHT)
        # The procedure's own words typed after «muốn», «cần», «xin» («muốn làm người giám hộ») are what is asked,
        # whatever the story before them called up.
        for i, token in enumerate(read):
            if token in ASKING and (i + 1 >= len(read) or read[i + 1] not in NOT_ASKING_BEFORE):
                after = itertools.takewhile(lambda w: w not in BREAKS, read[i + 1 : i + 1 + ASKED_REACH])
                for word in after:
                    if weighted.get(word) == 1.0 and word in self.idf and word not in FILLER:
                        weighted[word] = ASKED_FACTOR
        main = {t for i, t in enumerate(read) if i not in in_purpose}
        for token in {read[i] for i in in_purpose} - main:
            if token in weighted:
                weighted[token] *= PURPOSE_FACTOR
        for means, sure in meant:
            # A meaning of many words («đăng ký đất đai, … cấp giấy chứng nhận … lần đầu») weighs about as much
            # as the few the villager said, not as much as a dozen typed words.
            weight = sure * SYNONYM_WEIGHT * min(1.0, math.sqrt(MEANING_WORDS / max(len(means), 1)))
            for word in means:
                weighted[word] = max(weighted.get(word, 0), weight)
        # The step a concept says is done («hòa giải không thành»: the mediation) is not what is asked, whoever
        # else means it.
        for s in found:
            for word in set(s.concept.done.split()) - set(s.concept.means.split()):
                if word in weighted:
                    weighted[word] = min(weighted[word], DONE_WEIGHT)
        return Reading(corrected, weighted, min(1.0, known / mattering) if mattering else 1.0, read)

    def search(
        self,
        query: str | Reading,
        *,
        allowed: set[int] | None = None,
        limit: int = 20,
        understand: bool = True,
        equivalences: Iterable[Equivalence] = (),
    ) -> list[tuple[int, float]]:
        """Procedures matching ``query`` (or its ``read``) with their scores, best first. ``understand=False``
        searches the villager's words alone (the baseline the benchmark compares with); ``equivalences`` are
        officials'."""
        reading = query
        if not isinstance(reading, Reading):
            reading = self.read(query, understand=understand, equivalences=equivalences)
        sequence, weighted = reading.sequence, reading.weighted
        if not weighted:
            return []
        pairs = set(itertools.pairwise(sequence))
        scores: dict[int, float] = {}
        # Words most procedures hold («đăng ký», «cấp», «xã») only add to documents a rarer word found, unless no
        # rarer word found any: a large catalogue is then scored on tens of documents, not all of them.
        common = max(COMMON_SHARE * len(self.docs), COMMON_MIN)
        rare = [(w, v) for w, v in weighted.items() if len(self.impacts.get(w, ())) <= common]
        for word, weight in rare:
            for position, impact in self.impacts.get(word, {}).items():
                scores[position] = scores.get(position, 0.0) + weight * impact
        for word, weight in weighted.items():
            if len(self.impacts.get(word, ())) <= common:
                continue
            row = self.impacts[word]
            if scores:
                for position in scores:
                    if position in row:
                        scores[position] += weight * row[position]
            else:
                for position, impact in row.items():
                    scores[position] = scores.get(position, 0.0) + weight * impact
        if allowed is not None:
            scores = {p: v for p, v in scores.items() if self.docs[p].id in allowed}
        if not scores:
            return []
        results = []
        # What the name covers is counted on the words asked, not on those only read or of asking («lại» aside:
        # a variant is asked for by that word, however it weighs).
        asked = {w for w, v in weighted.items() if v > READ_WEIGHT}
        # The name bonuses below at most add 1.5 a pair and multiply by 1.5: a document that could not reach the
        # relevance floor even with them is not worth computing them for (most of a large catalogue, for «đăng ký»).
        best_plain = max(scores.values())
        bonus_cap = 1.5 * len(pairs)
        for position, score in scores.items():
            if (score + bonus_cap) * 1.5 < RELEVANCE_FLOOR * best_plain:
                continue
            doc = self.docs[position]
            if score <= 0:
                continue
            score += 1.5 * len(pairs & doc.name_pairs)
            # Prefer the procedure whose name the query covers best ("khai sinh" over "đăng ký lại khai sinh").
            covered = len(doc.name_words & asked) / max(len(doc.name_words), 1)
            score *= 1 + 0.5 * covered
            if any(word not in weighted for word in doc.variant_words):
                score *= VARIANT_FACTOR
            results.append((doc.id, score))
        results.sort(key=lambda r: (-r[1], r[0]))
        if results:
            # A long tail of one-word matches only buries the answer on a small screen.
            floor = results[0][1] * RELEVANCE_FLOOR
            results = [r for r in results if r[1] >= floor]
        return results[:limit]


_lock = threading.Lock()
_cache: dict[str, tuple[tuple, SearchIndex, float]] = {}


def catalogue_index() -> SearchIndex:
    """The index of current procedures, rebuilt only when the catalogue changed."""
    from django.conf import settings
    from django.db.models import Count, Max

    now = time.monotonic()
    cached = _cache.get("index")
    if cached and now - cached[2] < settings.SEARCH_INDEX_RECHECK_SECONDS:
        return cached[1]
    stamp = tuple(Procedure.objects.filter(is_current=True).aggregate(n=Count("id"), last=Max("id")).values())
    if cached and cached[0] == stamp:
        _cache["index"] = (stamp, cached[1], now)
        return cached[1]
    with _lock:
        procedures = Procedure.objects.filter(is_current=True).select_related("field")
        index = SearchIndex(procedures)
        _cache["index"] = (stamp, index, now)
        return index


def forget_index(**kwargs) -> None:
    """A procedure was saved or deleted: this process rebuilds the index at its next search."""
    _cache.pop("index", None)


def search_procedures(
    query: str, *, allowed: set[int] | None = None, limit: int = 20, equivalences: Iterable[Equivalence] = ()
) -> list[int]:
    """Ids of current procedures best matching ``query``, best first, among ``allowed`` if given."""
    found = catalogue_index().search(query, allowed=allowed, limit=limit, equivalences=equivalences)
    return [pid for pid, _ in found]
