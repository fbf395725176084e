"""Which communication channels a piece of plan text names, by folded keywords."""

from __future__ import annotations

import re

from cchc.core.text import fold_vietnamese

from .structure import Channel

_KEYWORDS: tuple[tuple[Channel, tuple[str, ...]], ...] = (
    (Channel.BANNER, ("bang ron", "bang zon", "bang-ron", "bang-zon", "khau hieu")),
    (Channel.PANEL, ("pano", "pa no", "pa-no", "ap phich")),
    (Channel.LEAFLET, ("to roi", "to gap")),
    (Channel.MOBILE, ("luu dong",)),
    (Channel.STAGED, ("san khau hoa",)),
    (Channel.RADIO, ("truyen thanh", "phat thanh", "loa")),
    (
        Channel.PORTAL,
        ("cong thong tin", "trang thong tin dien tu", "tin bai", "tin, bai", "mang xa hoi", "zalo", "fanpage"),
    ),
    (Channel.BULLETIN, ("ban tin",)),
    (Channel.CONFERENCE, ("hoi nghi", "hoi thao", "tap huan")),
    (Channel.VILLAGE_MEETING, ("hop thon", "hop xom", "cuoc hop cua xom", "hop ban", "sinh hoat")),
    (Channel.LEGAL_SESSION, ("pho bien phap luat", "pbgdpl", "giao duc phap luat")),
    (Channel.CONTEST, ("cuoc thi", "hoi thi")),
    (Channel.POSTING, ("niem yet",)),
    (Channel.SURVEY, ("khao sat", "hai long")),
    (Channel.DIALOGUE, ("doi thoai", "tiep xuc")),
    (Channel.EVALUATION, ("so ket", "tong ket", "danh gia")),
    (Channel.BUDGET, ("kinh phi", "ngan sach")),
)


def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, keyword.split())) for keyword in keywords)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


_PATTERNS = [(channel, _pattern(keywords)) for channel, keywords in _KEYWORDS]


def detect_channels(text: str) -> list[Channel]:
    """Channels named in ``text`` in order of first mention, each once; [] when none is named."""
    folded = fold_vietnamese(text)
    found = []
    for order, (channel, pattern) in enumerate(_PATTERNS):
        match = pattern.search(folded)
        if match:
            found.append((match.start(), order, channel))
    return [channel for _, _, channel in sorted(found)]
