"""Reading a spreadsheet (.xlsx) of contest questions: one question per row.

Columns (header row, in any order, names as written here, accents optional): ``Câu hỏi``,
``Phương án A`` … ``Phương án F`` (at least A and B), ``Đáp án đúng`` (``B`` or ``A, C``),
``Căn cứ pháp lý`` (optional), ``Chủ đề`` (topic names or slugs, comma-separated; names that hold a
comma themselves, «Phòng, chống tham nhũng», are recognised whole). One correct letter makes a
single-answer question, several a multiple-answer one.

Every row is checked before anything is stored, with the same rules as a question typed in
(``models.choice_errors`` and the fields' own limits); errors name the row as the spreadsheet numbers
it (header = row 1) and the column. Storing is ``actions.ImportQuestions``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.core.text import fold_vietnamese, format_number

from .models import CHOICE_LETTERS, MIN_CHOICES, NationalQuestion, Question, QuestionKind, Topic

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000  # questions per file
MAX_COLUMNS = 40

TEXT, ANSWER, SOURCE, TOPICS = "text", "answer", "source", "topics"
HEADERS = {"cau hoi": TEXT, "dap an dung": ANSWER, "dap an": ANSWER, "can cu phap ly": SOURCE, "chu de": TOPICS}
CHOICE_HEADER = re.compile(r"phuong an ([a-f])")
REQUIRED = {TEXT: "Câu hỏi", ANSWER: "Đáp án đúng", TOPICS: "Chủ đề"}
ANSWER_SEPARATORS = re.compile(r"[\s,;/+&]+|\bva\b")


class ImportFailed(Exception):
    """The file cannot be imported; ``errors`` are Vietnamese lines naming row and column."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ParsedQuestion:
    row: int
    text: str
    kind: str
    choices: list[dict]
    legal_source: str
    topics: list[Topic] = field(default_factory=list)


def read_question_file(name: str, content: bytes) -> list[list[Any]]:
    """The rows (header first) of an uploaded question file, refusing files too big or not .xlsx."""
    if Path(name or "").suffix.lower() != ".xlsx":
        raise ImportFailed([_("Chỉ nhận tệp Excel (.xlsx).")])
    if len(content) > MAX_BYTES:
        raise ImportFailed(
            [
                _("Tệp nặng %(size)s MB, vượt quá giới hạn %(max)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
                % {"size": f"{len(content) / 1024 / 1024:.1f}".replace(".", ","), "max": MAX_BYTES // 1024 // 1024}
            ]
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFailed(
            [_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không phải bảng tính. Hãy mở và lưu lại rồi thử lại.")]
        ) from error
    # Bounded: one row past the limit, so that the caller can say the file is too long.
    rows = [
        list(row) for row in book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)
    ]
    book.close()
    return rows


def cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def text_key(text: str) -> str:
    return fold_vietnamese(" ".join(text.split())).strip().lower()


def topic_table() -> dict[str, Topic]:
    table: dict[str, Topic] = {}
    for topic in Topic.objects.all():
        table[text_key(topic.name)] = topic
        table[topic.slug] = topic
    return table


def split_topics(cell: str, table: dict[str, Topic]) -> tuple[list[Topic], list[str]]:
    """(topics found, parts not recognised), joining comma-separated parts into the longest known name."""
    parts = [part.strip() for part in re.split(r"[,;\n]", cell)]
    found: list[Topic] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        if not parts[i]:
            i += 1
            continue
        for j in range(len(parts), i, -1):
            topic = table.get(text_key(", ".join(parts[i:j])))
            if topic is not None:
                if topic not in found:
                    found.append(topic)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return found, unknown


def _columns(headers: list[str]) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """(named columns, choice columns by letter, errors of the header row)."""
    named: dict[str, int] = {}
    choices: dict[str, int] = {}
    errors = []
    for index, header in enumerate(headers):
        folded = text_key(header)
        letter = CHOICE_HEADER.fullmatch(folded)
        target = HEADERS.get(folded)
        if letter:
            key, table = letter.group(1).upper(), choices
        elif target:
            key, table = target, named
        else:
            continue  # other columns (STT, ghi chú…) are ignored
        if key in table:
            errors.append(_("Dòng 1, cột %(column)s: cột bị lặp lại.") % {"column": header})
        else:
            table[key] = index
    for key, label in REQUIRED.items():
        if key not in named:
            errors.append(_("Dòng 1: thiếu cột “%(column)s”.") % {"column": label})
    for letter in CHOICE_LETTERS[:MIN_CHOICES]:
        if letter not in choices:
            errors.append(_("Dòng 1: thiếu cột “Phương án %(letter)s”.") % {"letter": letter})
    return named, choices, errors


def _reason(message: str) -> str:
    message = message.strip()
    return message[:1].lower() + message[1:] if message else message


def parse_questions(rows: list[list[Any]], *, commune) -> tuple[list[ParsedQuestion], int]:
    """(the file's questions, blank rows skipped); ``ImportFailed`` listing every wrong cell otherwise."""
    if not rows:
        raise ImportFailed([_("Tệp không có dòng tiêu đề.")])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFailed(
            [_("Tệp có hơn %(max)s dòng câu hỏi: hãy chia thành nhiều tệp nhỏ hơn.") % {"max": format_number(MAX_ROWS)}]
        )
    headers = [cell_text(cell) for cell in rows[0]]
    named, choice_columns, errors = _columns(headers)
    if errors:
        raise ImportFailed(errors)
    letters = [letter for letter in CHOICE_LETTERS if letter in choice_columns]
    answer_header = headers[named[ANSWER]]
    topics = topic_table()
    parsed: list[ParsedQuestion] = []
    first_row_of: dict[str, int] = {}
    skipped = 0

    def error(number: int, column: str, reason: str) -> None:
        errors.append(
            _("Dòng %(row)d, cột %(column)s: %(reason)s")
            % {"row": number, "column": column, "reason": _reason(reason).rstrip(".") + "."}
        )

    for number, row in enumerate(rows[1:], start=2):
        row = list(row) + [None] * (len(headers) - len(row))
        cells = {key: cell_text(row[index]) for key, index in named.items()}
        options = {letter: cell_text(row[choice_columns[letter]]) for letter in letters}
        if not any(cells.values()) and not any(options.values()):
            skipped += 1
            continue
        before = len(errors)

        filled = [letter for letter in letters if options[letter]]
        last = filled[-1] if filled else None
        for letter in letters:
            if last and letter < last and not options[letter]:
                error(
                    number,
                    headers[choice_columns[letter]],
                    _("phương án %(letter)s để trống trong khi phương án %(last)s có nội dung")
                    % {"letter": letter, "last": last},
                )

        tokens = [t for t in ANSWER_SEPARATORS.split(fold_vietnamese(cells[ANSWER]).lower()) if t]
        correct: set[str] = set()
        if not tokens:
            error(number, answer_header, _("chưa ghi đáp án đúng (ví dụ B, hoặc A, C)"))
        for token in tokens:
            letter = token.upper()
            if letter not in CHOICE_LETTERS:
                error(
                    number,
                    answer_header,
                    _("“%(value)s” không phải chữ cái của phương án (A đến F)") % {"value": token},
                )
            elif not options.get(letter):
                error(
                    number,
                    answer_header,
                    _("đáp án %(letter)s chỉ vào phương án để trống") % {"letter": letter},
                )
            else:
                correct.add(letter)

        found, unknown = split_topics(cells[TOPICS], topics)
        topic_header = headers[named[TOPICS]]
        for part in unknown:
            error(
                number,
                topic_header,
                _("không có chủ đề “%(topic)s”; các chủ đề: %(known)s")
                % {"topic": part, "known": ", ".join(t.name for t in Topic.objects.all())},
            )
        if not found and not unknown:
            error(number, topic_header, _("hãy ghi ít nhất một chủ đề"))

        text = cells[TEXT]
        choices = [{"text": options[letter], "correct": letter in correct} for letter in filled]
        kind = QuestionKind.MULTIPLE if len(correct) > 1 else QuestionKind.SINGLE
        candidate = Question(commune=commune, text=text, kind=kind, choices=choices, legal_source=cells.get(SOURCE, ""))
        try:
            candidate.full_clean(exclude=["commune"])
        except ValidationError as invalid:
            for name, messages in invalid.error_dict.items():
                for item in messages:
                    if name == "choices" and item.code == "correct":
                        if len(errors) == before:  # the letters' own errors already say why
                            error(number, answer_header, " ".join(item.messages))
                        continue
                    column = {
                        "text": headers[named[TEXT]],
                        "legal_source": headers[named[SOURCE]] if SOURCE in named else "Căn cứ pháp lý",
                        "kind": answer_header,
                    }.get(name, _("Phương án"))
                    error(number, column, " ".join(item.messages))
        if text:
            key = text_key(text)
            if key in first_row_of:
                error(
                    number,
                    headers[named[TEXT]],
                    _("trùng câu hỏi ở dòng %(row)d") % {"row": first_row_of[key]},
                )
            else:
                first_row_of[key] = number
        if len(errors) == before:
            parsed.append(
                ParsedQuestion(
                    row=number,
                    text=text,
                    kind=kind,
                    choices=choices,
                    legal_source=candidate.legal_source,
                    topics=found,
                )
            )
    if errors:
        raise ImportFailed(errors)
    if not parsed:
        raise ImportFailed([_("Tệp không có câu hỏi nào.")])
    return parsed, skipped


def held_texts(commune) -> set[str]:
    """Questions already in the bank the commune draws from (its own and the national ones), by folded text."""
    texts = set(NationalQuestion.objects.values_list("text", flat=True))
    texts |= set(Question.objects.filter(commune=commune).values_list("text", flat=True))
    return {text_key(text) for text in texts}
