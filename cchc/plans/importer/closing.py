"""The foot of the document: "Nơi nhận:" with its recipients, and the signature block.

Pasted as text, the two columns interleave ("- UBND huyện;      CHỦ TỊCH"), so every part of every
line is classified on its own.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold_vietnamese

from .lines import Line, collapse, is_caps, is_rule
from .parsed import ParsedPlan, Unplaced

REASON_UNKNOWN = _("Không xác định được dòng này thuộc phần nào của kế hoạch")
REASON_AFTER_SIGNER = _("Dòng này nằm sau tên người ký, không thuộc phần nào của kế hoạch")

_CAPACITY = re.compile(r"^(?:(?:TM|KT|Q|TL|TUQ)\.|T/M|K/T)\s*\S")
_SIGNER_TITLE = re.compile(
    r"^(?:pho )?(?:chu tich|giam doc|truong ban|truong phong|bi thu|chanh van phong|truong|thu truong)\b"
)
_BULLET = re.compile(r"^[-–—−•●▪+*]\s*")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")
_TAIL_WINDOW = 12  # a bare "CHỦ TỊCH" opens the foot only near the end


def _parts(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s{2,}|\t", text.strip()) if part.strip()]


def _opens_recipients(part: str) -> bool:
    return bool(re.match(r"^noi nhan\s*(?::|$)", fold_vietnamese(part)))


def _is_capacity(part: str) -> bool:
    return bool(_CAPACITY.match(part))


def _is_signer_title(part: str) -> bool:
    return is_caps(part) and bool(_SIGNER_TITLE.match(fold_vietnamese(collapse(part))))


def find_foot(lines: list[Line]) -> int:
    """Index of the first line of the foot (recipients or signature), or ``len(lines)``."""
    for index, line in enumerate(lines):
        if line.rows is None and any(_opens_recipients(p) or _is_capacity(p) for p in _parts(line.text)):
            return index
    for index in range(max(0, len(lines) - _TAIL_WINDOW), len(lines)):
        line = lines[index]
        if line.rows is None and any(_is_signer_title(p) for p in _parts(line.text)):
            return index
    return len(lines)


def _recipient_name(part: str) -> str:
    return _BULLET.sub("", part).rstrip(" ;.,/").strip()


def _looks_like_name(part: str) -> bool:
    """ "Ma Thịnh Giáp": two to six words, letters only, each capitalised."""
    words = part.split()
    return 2 <= len(words) <= 6 and all(_NAME_WORD.match(word) and word[0].isupper() for word in words)


class _Foot:
    def __init__(self, plan: ParsedPlan) -> None:
        self.plan = plan
        self.in_recipients = False
        self.open_recipient = False  # last recipient did not end with ";" or "."
        # Pieces joined once at the end: appending to a string per line would cost n² on a long foot.
        self.recipients: list[list[str]] = [[name] for name in plan.recipients]
        self.capacity: list[str] = [plan.signing_capacity] if plan.signing_capacity else []

    @property
    def signature_started(self) -> bool:
        return bool(self.capacity or self.plan.signer_title)

    def add_recipient(self, part: str) -> None:
        name = _recipient_name(part)
        if name:
            self.recipients.append([name])
        self.open_recipient = not part.rstrip().endswith((";", ".", ","))

    def finish(self) -> None:
        self.plan.recipients = [" ".join(pieces) for pieces in self.recipients]
        self.plan.signing_capacity = " ".join(self.capacity)

    def take(self, part: str, line_no: int) -> None:
        plan = self.plan
        if is_rule(part):
            return
        if _opens_recipients(part):
            self.in_recipients = True
            rest = part.split(":", 1)[1].strip() if ":" in part else ""
            if rest:
                self.add_recipient(rest)
            return
        if _is_capacity(part):
            self.capacity.append(collapse(part))
            return
        if _BULLET.match(part):
            self.add_recipient(part)
            return
        if is_caps(part) and not plan.signer_name:
            self._take_caps(part, line_no)
            return
        if self.in_recipients and self.open_recipient and part[:1].islower() and self.recipients:
            self.recipients[-1].append(_recipient_name(part))
            self.open_recipient = not part.rstrip().endswith((";", "."))
            return
        if self.signature_started and not plan.signer_name and _looks_like_name(part):
            plan.signer_name = collapse(part)
            return
        if self.in_recipients and not self.signature_started and not plan.signer_name:
            self.add_recipient(part)  # "Như trên;" without its dash
            return
        reason = str(REASON_AFTER_SIGNER if plan.signer_name else REASON_UNKNOWN)
        plan.unplaced.append(Unplaced(line=line_no, text=collapse(part), reason=reason))

    def _take_caps(self, part: str, line_no: int) -> None:
        plan = self.plan
        text = collapse(part)
        if _is_signer_title(part) and not plan.signer_title:
            plan.signer_title = text
        elif self.capacity and not plan.signer_title:
            self.capacity.append(text)  # "TM. ỦY BAN NHÂN DÂN" / "XÃ ĐỊNH BIÊN"
        elif plan.signer_title and _looks_like_name(part.title()):
            plan.signer_name = text  # a name typed in capitals
        elif not self.signature_started:
            plan.signer_title = text
        else:
            plan.unplaced.append(Unplaced(line=line_no, text=text, reason=str(REASON_UNKNOWN)))


def parse_foot(lines: list[Line], plan: ParsedPlan) -> None:
    """Recipients and signature fields from the foot; anything else is reported with its line."""
    foot = _Foot(plan)
    for line in lines:
        if line.rows is not None:
            plan.unplaced.append(Unplaced(line=line.no, text=collapse(line.text), reason=str(REASON_UNKNOWN)))
            continue
        for part in _parts(line.text):
            foot.take(part, line.no)
    foot.finish()
