"""Vietnamese text normalisation for speech: what a speech engine would misread, written out as words.

espeak-ng's Vietnamese voice reads plain Vietnamese syllables well and everything else badly: it spells
acronyms in English letter names, reads ``1.234`` as two numbers, ``05/01/2022`` as a fraction, and skips
or spells symbols. ``to_spoken`` rewrites a bulletin so the engine receives words only.

The rules run one pass each, in this order; each later rule relies on the earlier ones having run:

1. ``_layout``       line breaks, bullets and list numbering (needs the lines, so it runs first)
2. ``_web``          web addresses and e-mails (before anything reads their dots and slashes)
3. ``_phones``       phone numbers, digit by digit (before they look like thousands or ranges)
4. ``_symbols``      document symbols ``05/KH-UBND`` (before dates read ``/`` and terms expand ``KH``)
5. ``_terms``        the commune's terms, then the built-in abbreviations (``speech_terms.py``)
6. ``_ranges``       ``2021-2025``, ``7h30 - 11h30``: the dash becomes "đến" (before dates and times)
7. ``_slashes``      ``thứ 3/63``, ``tăng 1/3``, ``10/12 thôn``: a rank, share or count, not a date (before dates)
8. ``_dates``        ``05/01/2022``, ``15/12``, ``3/2022``, ``ngày 5``, ``tháng 4``
9. ``_romans``       ``Quý IV``, ``khóa XV``, only after the words that take them
10. ``_times``       ``7h30``, ``07:30``, ``7 giờ 30``
11. ``_ordinals``    ``thứ 2`` → "thứ hai", ``thứ 4`` → "thứ tư"
12. ``_units``       units, percent and money after a number (``85%``, ``2.000đ``, ``100m²``), "per" slashes
13. ``_signs``       ``&``, ``+``, ``/``, ``=``, ``@`` between words
14. ``_numbers``     every number left: thousands ``.``, decimals ``,``, leading zeros
15. ``_spelling``    acronyms nobody listed, spelled with Vietnamese letter names
16. ``_finish``      punctuation to pauses, lower case, one line, nothing the engine would spell

Reading choices (the ones a listener notices):

- Numbers: "lẻ" for an empty tens place (105 → "một trăm lẻ năm"); "không trăm" inside a group
  (2022 → "hai nghìn không trăm hai mươi hai"); "mốt" (21), "lăm" (15, 25); 4 is "bốn" in numbers
  (24 → "hai mươi bốn"), "tư" only in "tháng tư", "thứ tư" and "một phần tư". Years are read in full.
- Decimals: after "phẩy", one or two digits without a leading zero are read as a number
  (85,5 → "tám mươi lăm phẩy năm", 0,25 → "không phẩy hai mươi lăm"), anything else digit by digit
  (3,05 → "ba phẩy không năm", 1,125 → "một phẩy một hai năm").
- Dates: "mùng" for days 1 to 10, "tháng một" (not "giêng"), "tháng tư"; a date without "ngày"
  before it gets one.
- A slash between two numbers (``N/M``), decided by the words around it, first rule that applies:
  after "thứ" or "hạng" a rank (``xếp thứ 3/63`` → "thứ ba trên sáu mươi ba"); N below M, M up to 10 or 100,
  after a word of change or part ("tăng", "giảm", "chiếm", "hơn", "tỷ lệ") a share with "phần"
  (``tăng 1/3`` → "một phần ba", 1/4 → "một phần tư"; "khoảng" and "còn" only with the whole after them);
  after a date word ("ngày", "hôm", "sáng nay", "hôm qua", "từ", "đến", "trước", "vào", "dịp", "chào mừng",
  "bắt đầu", "dự kiến khoảng", a weekday, a holiday's name) a date; N below M before the whole ("số",
  "tổng", "diện tích", "kinh phí") a share (``2/3 số hồ sơ``), "trên" if M is not a usual share
  (``3/12 số hộ``); N not above M before what is counted (``10/12 thôn``) "trên", but when N/M can be a
  date only with a word that counts before it (``đạt 9/10 tiêu chí``, ``có``, ``hoàn thành``, a colon) or a
  result after (``10/12 thôn đạt``, ``3/5 hộ chưa nộp``); ``24/7`` "trên"; otherwise a date when it can be
  one (``15/12``, ``2/9 xã tổ chức``), else "trên" (``85/100``, ``24/24``).
- "Per": a slash after a unit, a price or a counted word is "một", as often as it comes
  (``500.000đ/người/tháng`` → "… đồng một người một tháng", ``2 lần/tuần`` → "hai lần một tuần"); before
  a word that is not a time or a measure only with a number before it (``10 kg gạo/hộ``); between two
  time words with no number before it is not read (``ngày/tháng/năm sinh``); between two other words it is
  "hoặc" (``Nam/Nữ``, ``cấp xã/thôn``, ``giáo viên/học sinh``).
- Document symbols: number, year, then each part expanded: ``30/2020/NĐ-CP`` →
  "số ba mươi năm hai nghìn không trăm hai mươi nghị định chính phủ".
- Phone numbers: digit by digit, groups as written, no pauses between groups.
- Pauses: ``.``, ``?``, ``!``, ``…`` and line ends become ``.``; ``,``, ``;``, ``:``, brackets and a dash
  between spaces become ``,``. Nothing else but letters and spaces reaches the engine.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from num2words import num2words

from .speech_terms import ABBREVIATIONS, DOCUMENT_KINDS, LETTER_NAMES, WEB_WORDS

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")

# Letters, in regular expressions: a Unicode word character that is not a digit or underscore.
L = r"[^\W\d_]"
NOT_BEFORE = r"(?<![\w])"
NOT_AFTER = r"(?![\w])"
VIETNAMESE_LETTERS = "a-zđăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


# Numbers -------------------------------------------------------------------------------------------


def _below_thousand(n: int) -> str:
    return num2words(n, lang="vi")


def _group_inside(n: int) -> str:
    """A group of three digits after a higher one: 2.022 → "… không trăm hai mươi hai", 1.005 → "… không trăm lẻ năm".

    num2words says "hai nghìn lẻ hai mươi hai", which no Vietnamese reader says.
    """
    if n >= 100:
        return _below_thousand(n)
    if n >= 10:
        return "không trăm " + _below_thousand(n)
    return "không trăm lẻ " + DIGITS[n]


@lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    """A whole number in words."""
    if n < 1000:
        return _below_thousand(n)
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if len(groups) > len(SCALES):
        return digits(str(sum(g * 1000**i for i, g in enumerate(groups))))
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if not group:
            continue
        words.append(_below_thousand(group) if index == top else _group_inside(group))
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def digits(text: str) -> str:
    """Digit by digit: phone numbers, and decimals too long to read as a number."""
    return " ".join(DIGITS[int(d)] for d in text if d in "0123456789")


def decimal_part(text: str) -> str:
    """After "phẩy": "5" → "năm", "25" → "hai mươi lăm", "05" → "không năm", "125" → "một hai năm"."""
    if len(text) <= 2 and not text.startswith("0"):
        return cardinal(int(text))
    return digits(text)


def number(text: str) -> str:
    """A written number: ``1.234.567``, ``85,5``, ``05`` (leading zeros are not read), ``2.5`` (a decimal point)."""
    if "," in text:
        whole, _, fraction = text.partition(",")
        return f"{cardinal(int(whole.replace('.', '')))} phẩy {decimal_part(fraction)}"
    if "." in text and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        whole, _, fraction = text.partition(".")
        return f"{cardinal(int(whole))} phẩy {decimal_part(fraction.replace('.', ''))}"
    return cardinal(int(text.replace(".", "")))


def ordinal(n: int) -> str:
    """After "thứ": 1 → "nhất", 4 → "tư", otherwise the number."""
    return {1: "nhất", 4: "tư"}.get(n) or cardinal(n)


def month_name(n: int) -> str:
    """Month 4 is "tháng tư"; month 1 is "tháng một" (not "giêng", which is for the lunar calendar)."""
    return "tư" if n == 4 else cardinal(n)


def day_name(n: int) -> str:
    """Days 1 to 10 of a month take "mùng": "ngày mùng năm"."""
    return f"mùng {cardinal(n)}" if 1 <= n <= 10 else cardinal(n)


def spell(word: str) -> str:
    """Letter by letter with Vietnamese letter names; digits as digits."""
    out = []
    for char in word.lower():
        if char in "0123456789":
            out.append(DIGITS[int(char)])
        elif char in LETTER_NAMES:
            out.append(LETTER_NAMES[char])
    return " ".join(out)


# 1. Layout -----------------------------------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:(?:[-–—•*●○▪►✓]|\+(?=\s))\s*)+")
LIST_NUMBER = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,2})*)|([a-zđ])|([IVX]{1,5}))[.)]\s+(?=\S)")
LINE_END = re.compile(r"[.,;:!?…]\s*$")


def _layout(text: str) -> str:
    """Bullets are dropped and list numbers read as numbers ("1." → "một,", "b)" → "bê,", "II." → "hai,").

    Each line break is a pause: a line that does not end with punctuation gets a full stop, so headings
    and list items are not run together. The text's own end gets none (the engine stops there anyway).
    """
    lines = []
    for line in text.splitlines():
        line = BULLET.sub("", line)
        line = LIST_NUMBER.sub(_list_number, line)
        if not line.strip():
            continue
        lines.append(line.rstrip())
    ended = [line if LINE_END.search(line) else line + "." for line in lines[:-1]]
    return " ".join(ended + lines[-1:])


def _list_number(match: re.Match) -> str:
    arabic, letter, roman = match.groups()
    if arabic:  # "1.2." → "một chấm hai,"
        return " chấm ".join(cardinal(int(part)) for part in arabic.split(".")) + ", "
    if letter:
        return LETTER_NAMES.get(letter, letter) + ", "
    value = roman_value(roman)
    return (cardinal(value) + ", ") if value else match.group(0)


# 2. Web addresses and e-mails ----------------------------------------------------------------------

DOMAIN = r"(?:[A-Za-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info|io)\b"
EMAIL = re.compile(rf"{NOT_BEFORE}[A-Za-z0-9._+-]+@{DOMAIN}")
URL = re.compile(rf"(?:https?://)?{NOT_BEFORE}(?:www\.)?{DOMAIN}(?:/[A-Za-z0-9._~%/?=&#-]*[A-Za-z0-9/])?", re.I)
WEB_SEPARATORS = {".": "chấm", "/": "gạch chéo", "-": "gạch ngang", "_": "gạch dưới", "@": "a còng"}
WEB_PART = re.compile(r"[A-Za-z]+|\d+|[./_@-]")


def _web_word(word: str) -> str:
    lower = word.lower()
    if lower in WEB_WORDS:
        return WEB_WORDS[lower]
    if word.upper() in ABBREVIATIONS:  # ubnd@…: the body's name, not its letters
        return ABBREVIATIONS[word.upper()]
    if word.isdigit():
        return digits(word)
    if len(word) == 1 or not (set(lower) & VOWELS):
        return spell(word)
    return lower


def _read_address(match: re.Match) -> str:
    """Web addresses are read part by part: "dichvucong.gov.vn" → "dịch vụ công chấm gov chấm vê en".

    The scheme (``https://``) is not read; a known part has its usual reading, a single letter or a part
    without a vowel is spelled, and any other part is left for the engine to read as a syllable.
    """
    address = re.sub(r"^https?://", "", match.group(0), flags=re.I).rstrip("/")
    words = [WEB_SEPARATORS.get(part) or _web_word(part) for part in WEB_PART.findall(address)]
    return " " + " ".join(words) + " "


def _web(text: str) -> str:
    """Web addresses and e-mails first, while their dots, slashes and dashes still belong to them."""
    return URL.sub(_read_address, EMAIL.sub(_read_address, text))


# 3. Phone numbers ----------------------------------------------------------------------------------

PHONE = re.compile(r"(?<![\d.,])(?:\+84\s?|0|1[89]00)\d{0,4}(?:[ .-]?\d{1,4}){1,4}(?![\d])")
PHONE_AFTER_WORD = re.compile(
    r"(?<!\w)((?i:đường dây nóng|hotline|tổng đài|số điện thoại|điện thoại|SĐT|ĐT|zalo)\s*:?\s*)"
    r"(\d{3,5}(?:[ .]\d{3,4}){0,2})(?!\d|[.,]\d)"
    # After "gọi", only a service number (113 police, 114 fire, 115 ambulance, 10xx): "kêu gọi 500 hộ" counts.
    r"|(?<!\w)(?<!kêu )((?i:gọi)\s+(?:số\s+)?)(11[1-9]|10\d\d)(?!\d|[.,]\d)"
)


def _phone(match: re.Match) -> str:
    """A mobile or landline number (0 then 9 or 10 digits) or a 1800/1900 line (8 to 10 digits), grouped by
    spaces, dots or dashes."""
    written = match.group(0)
    plain = re.sub(r"\D", "", written.replace("+84", "0"))
    if len(plain) not in ((8, 9, 10) if plain[0] == "1" else (10, 11)):
        return written
    return " " + digits(plain) + " "


def _phones(text: str) -> str:
    """Phone numbers are read digit by digit, as people dial them; so are hotlines after their word ("gọi 113")."""
    text = PHONE.sub(_phone, text)

    def read(m: re.Match) -> str:
        word, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return word + digits(number) + " "

    return PHONE_AFTER_WORD.sub(read, text)


# 4. Document symbols -------------------------------------------------------------------------------

SYMBOL_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
SYMBOL = re.compile(
    rf"((?i:số)\s*:?\s*)?{NOT_BEFORE}(\d{{1,5}})(?:/(\d{{4}}))?/({SYMBOL_PART}(?:[-.]{SYMBOL_PART})*){NOT_AFTER}"
)
# "Nghị định 30/2020", "TT số 39/2020": a number and a year after the kind of document, without the rest.
SHORT_SYMBOL = re.compile(
    r"(?<!\w)((?i:nghị định|thông tư|quyết định|nghị quyết|chỉ thị|luật|kế hoạch|công văn|thông báo)"
    r"|NĐ|TT|QĐ|NQ|CT|KH|CV|TB)(\s+(?i:số))?\s*:?\s*(\d{1,5})/(\d{4})(?![\d/])"
)
TRAILING_DIGITS = re.compile(r"^(.*?[A-Za-zĐđ])(\d+)$")


def _symbol_part(part: str, terms: dict[str, str], first: bool) -> str:
    if part in terms:
        return terms[part]
    if first and part in DOCUMENT_KINDS:
        return DOCUMENT_KINDS[part]
    if part in ABBREVIATIONS:
        return ABBREVIATIONS[part]
    if part in DOCUMENT_KINDS:
        return DOCUMENT_KINDS[part]
    split = TRAILING_DIGITS.match(part)
    if split:  # QH13: the thirteenth National Assembly
        return f"{_symbol_part(split.group(1), terms, first)} {cardinal(int(split.group(2)))}"
    return spell(part)


def _symbols(text: str, terms: dict[str, str]) -> str:
    """``05/KH-UBND`` → "số năm kế hoạch ủy ban nhân dân": the number, the year, then each part expanded.

    Officials say a symbol this way on air; reading the slashes and dashes ("trên", "gạch") is noise.
    A number and year after the kind of document (``Nghị định 30/2020``) are a symbol too, not a month.
    The first part is the kind of document, so ``CT`` there is "chỉ thị" (elsewhere "chủ tịch").
    """

    def read(match: re.Match) -> str:
        _, written_number, year, body = match.groups()
        words = ["số", cardinal(int(written_number))]
        if year:
            words += ["năm", cardinal(int(year))]
        parts = re.split(r"[-.]", body)
        words += [_symbol_part(part, terms, index == 0) for index, part in enumerate(parts)]
        return " ".join(words)

    def read_short(match: re.Match) -> str:
        kind, _, written_number, year = match.groups()
        return f"{kind} số {cardinal(int(written_number))} năm {cardinal(int(year))}"

    return SHORT_SYMBOL.sub(read_short, SYMBOL.sub(read, text))


# 5. Terms ------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _terms_pattern(keys: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))
    return re.compile(rf"{NOT_BEFORE}(?:{alternatives}){NOT_AFTER}")


BUILT_IN_TERMS = _terms_pattern(tuple(ABBREVIATIONS))


def _terms(text: str, terms: dict[str, str]) -> str:
    """Abbreviations become words, whole tokens only and case-sensitively (``CT`` yes, ``ct`` no).

    The commune's own terms run first, so they win over the built-in readings and may hold digits
    ("QL1A") that the number rules would otherwise read.
    """
    if terms:
        text = _terms_pattern(tuple(terms)).sub(lambda m: f" {terms[m.group(0)]} ", text)
    return BUILT_IN_TERMS.sub(lambda m: f" {ABBREVIATIONS[m.group(0)]} ", text)


# 6. Ranges -----------------------------------------------------------------------------------------

DASHED_DATE = re.compile(r"(?<![\d/-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])")
RANGE = re.compile(r"(\d(?:[hg]\d{0,2}|%|đ|k|\s?đồng)?)\s*[-–—]\s*(?=(?:[Tt]hứ\s+|[Nn]gày\s+)?\d)")


def _ranges(text: str) -> str:
    """A dash between two numbers is "đến": ``2021-2025``, ``7h30 - 11h30``, ``thứ 2 - thứ 6``,
    ``500.000đ - 1.000.000đ``.

    ``05-01-2022`` is a date, not a range: it is rewritten ``05/01/2022`` first.
    """
    text = DASHED_DATE.sub(r"\1/\2/\3", text)
    return RANGE.sub(r"\1 đến ", text)


# 7. Slashes between two numbers that are not dates ------------------------------------------------

# "xếp thứ 3/63 tỉnh", "hạng 12/63": a rank out of a total, never a weekday or a date.
RANK = re.compile(r"(?<!\w)((?i:thứ|hạng))\s*(\d{1,3})/(\d{1,3})(?![\d/]|[.,]\d)")
NUMBER_SLASH = re.compile(r"(?<![\d/.,])(\d{1,3})/(\d{1,3})(?![\d/]|[.,]\d)")
# A date is what follows these words ("ngày 1/3", "từ 2/3 đến 5/3", "sáng 15/12", "thứ Hai 3/12", "sáng nay
# 3/12", "chào mừng 2/9", "dự kiến khoảng 10/12"), a filler word or two ("vào", "khoảng", "là") between ...
DATE_BEFORE = re.compile(
    r"(?<!\w)(?i:ngày|mùng|mồng|hôm|sáng|trưa|chiều|tối|đêm|từ|đến|tới|trước|sau|hết|vào|dịp|lễ|tết|hạn"
    r"|nhân|kỷ niệm|kỉ niệm|chủ nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|nay|mai|qua|kia|lúc|mừng"
    r"|bắt đầu|dự kiến|khai mạc|diễn ra"
    # the end of a holiday's name: "Quốc khánh 2/9 xã …", "Thiếu nhi 1/6 …"
    r"|quốc khánh|thiếu nhi|liệt sĩ|cao tuổi|thành lập|độc lập)(?:\s+(?i:vào|khoảng|là|lúc|ngày))*\s+$"
)
# ... a share is what a change or a part is said of ("tăng 1/3", "giảm còn 1/2", "chiếm hơn 2/3"). "khoảng" and
# "còn" alone say as much of a day ("khoảng 10/12 sẽ khai mạc", "còn 1/5 là hạn"): they make a share only
# with the whole named after it.
SHARE_WORD = r"tăng|giảm|chiếm|khoảng|gần|hơn|trên|dưới|bằng|còn|thêm|quá|tỷ lệ|tỉ lệ|xấp xỉ"
SHARE_BEFORE = re.compile(
    rf"(?<!\w)(?i:{SHARE_WORD})(?:\s+(?i:{SHARE_WORD}|lên|xuống|được|chừng|mức))*(?:\s+(?i:đến|tới))?\s+$"
)
WEAK_SHARE_WORDS = {"khoảng", "còn", "chừng", "lên", "xuống", "được", "mức", "đến", "tới"}
# ... or of a whole named after it ("1/2 số hộ", "2/3 diện tích", "1/3 kinh phí").
SHARE_AFTER = re.compile(
    r"\s+(?i:số|tổng|dân số|diện tích|kinh phí|chi phí|lệ phí|học phí|mức|giá trị|ngân sách|sản lượng|khối lượng"
    r"|thời gian|quãng đường|còn lại|trở lên|trở xuống)(?!\w)"
)
# A count out of a total names what is counted: "10/12 thôn", "đạt 9/10 tiêu chí", "3/5 hộ".
COUNT_AFTER = re.compile(
    r"\s+(?i:thôn|xóm|bản|tổ|khu|xã|phường|thị trấn|huyện|tỉnh|hộ|người|hồ sơ|thủ tục|trường hợp|tiêu chí"
    r"|chỉ tiêu|nhiệm vụ|trường|lớp|học sinh|em|cháu|điểm|phiếu|ý kiến|đại biểu|đơn vị|cơ quan|công trình"
    r"|dự án|mô hình|câu|lượt|cuộc|buổi|đợt|chi hội|chi bộ|gia đình)(?!\w)"
)
# Those words often just follow a date ("Sáng nay 3/12 xã tổ chức …"), so a count that could be a date also
# needs a word that counts before it ("đạt", "có", "hoàn thành", a colon) or a result after what is counted
# ("10/12 thôn đạt chuẩn", "3/5 hộ chưa nộp", "9/10 xã trên tổng số …").
COUNT_BEFORE = re.compile(r"(?:(?<!\w)(?i:đạt|có|được|hoàn thành|gồm)\s+|:\s*)$")
COUNT_RESULT = re.compile(r"(?:\s+\w+){0,2}?\s+(?i:đạt|hoàn thành|chưa|đều|vượt|trên tổng|trong tổng|trong số)(?!\w)")


def _slashes(text: str) -> str:
    """A slash between two numbers that is not a date: a rank, a share or a count out of a total.

    The first of these that applies decides:

    - After "thứ" or "hạng" it is a rank: ``xếp thứ 3/63 tỉnh`` → "thứ ba trên sáu mươi ba".
    - A smaller number over a bigger one after a word of change or part (``tăng``, ``giảm``, ``chiếm``,
      ``hơn``, ``tỷ lệ`` …, also ``tăng lên đến``) is a share if the bigger is up to 10, or 100:
      ``tăng 1/3`` → "một phần ba". ``khoảng`` and ``còn`` alone also come before a day (``còn 1/5 là hạn``),
      so after them it is a share only with the whole named after it (``còn 1/3 số hộ``).
    - After a date word (``ngày``, ``mùng``, ``hôm``, ``sáng``/``chiều``/``tối``, ``nay``/``mai``/``qua``,
      ``từ``, ``đến``, ``trước``, ``sau``, ``vào``, ``dịp``, ``lễ``, ``mừng``, ``bắt đầu``, ``dự kiến``, a
      weekday, a holiday's name …, perhaps then ``vào``/``khoảng``) it is a date, whatever follows.
    - A smaller number over a bigger one before the whole it is a part of (``số``, ``tổng``, ``diện tích``,
      ``kinh phí`` …) is a share: ``2/3 số hồ sơ`` → "hai phần ba"; "trên" if the bigger is not a usual
      share (``3/12 số hộ`` → "ba trên mười hai").
    - A count out of a total: a number not above the other, before what is counted (``15/20 hộ``) →
      "mười lăm trên hai mươi". When it could be a date (``3/12 xã`` is often "on 3 December, the commune …")
      it also needs a word that counts before (``đạt``, ``có``, ``hoàn thành``, a colon) or a result after
      what is counted (``10/12 thôn đạt``, ``3/5 hộ chưa nộp``).
    - ``24/7`` (round the clock) is "hai mươi bốn trên bảy".
    Anything else is left to the date rule (``15/12``, ``có 1/3`` → a date) or, if it cannot be a date,
    to the signs rule ("trên").
    """

    def rank(m: re.Match) -> str:
        word, place, total = m.group(1), int(m.group(2)), int(m.group(3))
        spoken = ordinal(place) if word.lower() == "thứ" else cardinal(place)
        return f"{word} {spoken} trên {cardinal(total)}"

    def read(m: re.Match) -> str:
        top, bottom = int(m.group(1)), int(m.group(2))
        before = m.string[max(0, m.start() - 40) : m.start()]
        after = m.string[m.end() : m.end() + 30]
        share = f"{cardinal(top)} phần {'tư' if bottom == 4 else cardinal(bottom)}"
        count = f"{cardinal(top)} trên {cardinal(bottom)}"
        usual = bottom <= 10 or bottom == 100  # the shares a listener hears with "phần"
        whole = top < bottom and bool(SHARE_AFTER.match(after))
        change = SHARE_BEFORE.search(before) if top < bottom else None
        if change:  # "tăng đến 1/3": "đến" here is not a date's
            strong = any(word not in WEAK_SHARE_WORDS for word in change.group(0).lower().split())
            if whole or (strong and usual):
                return share
        if DATE_BEFORE.search(before):
            return m.group(0)
        if whole:
            return share if usual else count
        if top <= bottom and COUNT_AFTER.match(after):
            counted = COUNT_BEFORE.search(before) or COUNT_RESULT.match(after, COUNT_AFTER.match(after).end())
            if counted or not _is_date(top, bottom):
                return count
        if (top, bottom) == (24, 7):
            return count
        return m.group(0)

    return NUMBER_SLASH.sub(read, RANK.sub(rank, text))


# 8. Dates ------------------------------------------------------------------------------------------

FULL_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/])")
DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
MONTH_YEAR = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/])")
# "ngày 5" is a day of the month, but "ngày 2 lần" (twice a day) counts something.
DAY_ALONE = re.compile(
    r"(?<=(?i:ngày) )(\d{1,2})(?!\d|[,.:/]\d|h\d"
    r"|\s+(?:lần|người|hộ|buổi|giờ|tiếng|phút|ca|bữa|viên|liều|suất|chuyến|đợt|cuộc|lượt)\b)"
)
MONTH_ALONE = re.compile(r"(?<=(?i:tháng) )(\d{1,2})(?!\d|[,.]\d)")
# A date adds its own "ngày"/"tháng"; the one written before it is not read twice.
STREET = re.compile(r"(?i:đường|phố)\s+$")
NEW = "\x01"  # marks the "ngày"/"tháng" a date adds, until the written one before it is dropped
WORD_TWICE = re.compile(rf"(?i:ngày)\s+{NEW}(?=ngày)|(?i:tháng)\s+{NEW}(?=tháng)|{NEW}")


def _is_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _dates(text: str) -> str:
    """``05/01/2022`` → "ngày mùng năm tháng một năm hai nghìn không trăm hai mươi hai".

    Also ``15/12`` (a day and a month), ``tháng 3/2022``, ``ngày 5`` ("mùng") and ``tháng 4`` ("tư").
    A day/month that cannot be a date (``45/12``) is left to the number rules.
    """

    def full(m: re.Match) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _is_date(day, month):
            return m.group(0)
        return f"{NEW}ngày {day_name(day)} tháng {month_name(month)} năm {cardinal(year)}"

    def day_month(m: re.Match) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if not _is_date(day, month):
            return m.group(0)
        if STREET.search(m.string, max(0, m.start() - 6), m.start()):  # "đường 3/2": a street named for a day
            return f"{cardinal(day)} tháng {month_name(month)}"
        return f"{NEW}ngày {day_name(day)} tháng {month_name(month)}"

    def month_year(m: re.Match) -> str:
        month, year = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return m.group(0)
        return f"{NEW}tháng {month_name(month)} năm {cardinal(year)}"

    def day_alone(m: re.Match) -> str:
        day = int(m.group(1))
        return day_name(day) if 1 <= day <= 31 else m.group(0)

    def month_alone(m: re.Match) -> str:
        month = int(m.group(1))
        return month_name(month) if 1 <= month <= 12 else m.group(0)

    text = FULL_DATE.sub(full, text)
    text = MONTH_YEAR.sub(month_year, text)
    text = DAY_MONTH.sub(day_month, text)
    text = DAY_ALONE.sub(day_alone, text)
    text = MONTH_ALONE.sub(month_alone, text)
    return WORD_TWICE.sub("", text)


# 8. Roman numerals ---------------------------------------------------------------------------------

ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_TOKEN = re.compile(rf"{NOT_BEFORE}([IVXLCDM]+)(?:/(\d{{4}}))?{NOT_AFTER}")
ROMAN_WORD = re.compile(
    r"(?i:quý|khóa|khoá|phần|chương|mục|đại hội|giai đoạn|kỳ|kì|đợt|thế kỷ|thế kỉ|tập|hội nghị|phụ lục|hạng|loại"
    r"|cấp|bậc|khu vực|vùng|(thứ))\s+$"
)


def roman_value(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""], strict=True):
        value = ROMAN_VALUES[char]
        total += -value if following and ROMAN_VALUES[following] > value else value
    return total


def _romans(text: str) -> str:
    """``Quý IV`` → "quý bốn", ``khóa XV`` → "khóa mười lăm", ``lần thứ II`` → "lần thứ hai".

    Only after the words that take a Roman numeral: a capital I or V elsewhere (a name, "Nguyễn Văn V")
    is a letter, not a number. ``Quý IV/2024`` reads the year too.
    """

    def read(m: re.Match) -> str:
        roman, year = m.groups()
        word = ROMAN_WORD.search(m.string, max(0, m.start() - 16), m.start())
        if word is None or not re.fullmatch(ROMAN, roman):
            return m.group(0)
        value = roman_value(roman)
        spoken = ordinal(value) if word.group(1) else cardinal(value)
        return spoken + (f" năm {cardinal(int(year))}" if year else "")

    return ROMAN_TOKEN.sub(read, text)


# 9. Times ------------------------------------------------------------------------------------------

TIME_H = re.compile(rf"{NOT_BEFORE}(\d{{1,2}})[hg](\d{{2}})?(?:['’]|p{NOT_AFTER}|\s*phút{NOT_AFTER})?(?!{L}|\d)")
TIME_COLON = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])")
TIME_WORDS = re.compile(rf"{NOT_BEFORE}(\d{{1,2}})\s*giờ\s+(\d{{1,2}})(?!\d)(?:\s*phút{NOT_AFTER})?")


def _clock(hour: int, minute: int) -> str | None:
    if hour > 24 or minute > 59:
        return None
    return f"{cardinal(hour)} giờ" + (f" {cardinal(minute)} phút" if minute else "")


def _times(text: str) -> str:
    """``7h30``, ``07:30``, ``7 giờ 30`` → "bảy giờ ba mươi phút"; ``7h``, ``7h00`` → "bảy giờ"."""

    def read(m: re.Match) -> str:
        spoken = _clock(int(m.group(1)), int(m.group(2) or 0))
        return f" {spoken} " if spoken else m.group(0)

    text = TIME_WORDS.sub(read, text)
    text = TIME_H.sub(read, text)
    return TIME_COLON.sub(read, text)


# 10. Ordinals --------------------------------------------------------------------------------------

ORDINAL = re.compile(rf"{NOT_BEFORE}((?i:thứ)\s*)(\d{{1,3}})(?![\d.,]\d)")


def _ordinals(text: str) -> str:
    """``thứ 2`` → "thứ hai", ``lần thứ 1`` → "lần thứ nhất", ``thứ 4`` → "thứ tư"."""
    return ORDINAL.sub(lambda m: f"{m.group(1).rstrip()} {ordinal(int(m.group(2)))}", text)


# 11. Units, percent, money -------------------------------------------------------------------------

UNITS = {
    "km/h": "ki lô mét một giờ",
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "m3": "mét khối",
    "km": "ki lô mét",
    "cm": "xăng ti mét",
    "mm": "mi li mét",
    "m": "mét",
    "ha": "héc ta",
    "kg": "ki lô gam",
    "g": "gam",
    "ml": "mi li lít",
    "l": "lít",
    "kWh": "ki lô oát giờ",
    "°C": "độ xê",
    "ºC": "độ xê",
    "oC": "độ xê",
    "°": "độ",
    "₫": "đồng",
    "%": "phần trăm",
    "‰": "phần nghìn",
    "đ": "đồng",
    "Đ": "đồng",
    "đồng": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
    "vnđ": "đồng",
    "k": "nghìn",
    "tr": "triệu",
    "USD": "đô la mỹ",
}
UNIT = re.compile(r"(\d)\s*(" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + rf")(?!{L}|\d)")
# What a quantity is counted per: "2 lần/tuần", "500.000đ/người/tháng", "10 kg/hộ", "3 buổi/quý".
PER_WORDS = (
    "người|hộ|nhân khẩu|khẩu|tháng|năm|ngày|tuần|quý|giờ|phút|lần|lượt|buổi|ca|con|suất|bộ|trang|bản|cây|mũi"
    "|liều|viên|gói|chiếc|cái|thôn|xã|lớp|học sinh|em|cháu|trường hợp|vụ|kỳ|đợt|tấn|kg|m2|m²|m3|m³|ha|sào|km|lít|l|m"
)
TIME_UNITS = {"ngày", "tháng", "năm", "tuần", "quý", "giờ", "phút"}
# Per a time or a measure is always "một" ("lúa/kg", "họp/tháng"); per anything else ("hộ", "người", "lượt",
# "thôn") only when a number is counted before the slash ("10 kg gạo/hộ", "2 suất/người"): "cấp xã/thôn",
# "giáo viên/học sinh", "loa/bản tin" list alternatives ("hoặc").
MEASURES = TIME_UNITS | {"tấn", "kg", "m2", "m²", "m3", "m³", "ha", "sào", "km", "lít", "l", "m"}
PER = re.compile(rf"({L}+)\s*/\s*({PER_WORDS}){NOT_AFTER}")
# After a price, a "/" is always "per", whatever follows: "8.000 đồng/hồ sơ", "50.000đ/bộ hồ sơ".
PRICE_PER = re.compile(r"(đồng|nghìn|triệu|tỷ)\s*/\s*(?=\w)")
NUMBER_BEFORE = re.compile(rf"\d\s*(?:{L}+\s*){{1,4}}$")


def _units(text: str) -> str:
    """A unit after a number is read as a word: ``85%`` → "… phần trăm", ``2.000đ`` → "… đồng".

    Units are read only after a number: "m" or "ha" elsewhere are letters or words. A "/" after a unit or a
    price ("8.000 đồng/người", "2 lần/tuần") is "một" (per), however many follow: "500.000đ/người/tháng" →
    "… đồng một người một tháng". Before a word that is not a time or a measure it is "per" only with a
    number before it (``10 kg gạo/hộ``); ``cấp xã/thôn`` is left to the signs rule ("hoặc"). Between two
    time words with no number before (``ngày/tháng/năm sinh``) the slash lists them and is not read.
    """

    def per(m: re.Match) -> str:
        before, after = m.group(1), m.group(2)
        counted = NUMBER_BEFORE.search(m.string, max(0, m.start() - 30), m.end(1))
        if before.lower() in TIME_UNITS and after in TIME_UNITS and not counted:
            return f"{before} {after}"
        if after not in MEASURES and not counted:
            return m.group(0)  # the signs rule reads it: "xã/thôn" → "xã hoặc thôn"
        return f"{before} một {UNITS.get(after, after)}"

    text = UNIT.sub(lambda m: f"{m.group(1)} {UNITS[m.group(2)]} ", text)
    for _ in range(4):  # each pass reads one "/" of a chain ("người/tháng" after "đồng/người")
        text, count = PER.subn(per, text)
        text, priced = PRICE_PER.subn(lambda m: f"{m.group(1)} một ", text)
        if not count + priced:
            break
    return text


# 12. Signs between words ---------------------------------------------------------------------------

SIGN = re.compile(r"\s[-–—]+\s|[–—]+|[&+=/@-]")
SIGN_WORDS = {"&": " và ", "+": " cộng ", "=": " bằng ", "@": " a còng "}


def _signs(text: str) -> str:
    """``&`` → "và", ``+`` → "cộng", ``=`` → "bằng", ``/`` between words → "hoặc" ("Nam/Nữ"), between
    numbers → "trên" ("24/24 giờ").

    A dash with spaces around it is a pause (a comma); a hyphen inside a word joins two words; a hyphen
    before a number with nothing before it is a minus ("-5°C" → "âm năm độ xê").
    """

    def read(m: re.Match) -> str:
        sign = m.group(0)
        if sign in SIGN_WORDS:
            return SIGN_WORDS[sign]
        before = m.string[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
        after = m.string[m.end() : m.end() + 3].lstrip()[:1]
        if sign == "/":
            if before.isdigit():  # 24/24h, 1/3
                return " trên "
            return " hoặc " if before.isalpha() and after.isalpha() else " "
        if sign == "-":
            touching = m.string[m.start() - 1 : m.start()]
            if after.isdigit() and not touching.isalnum():
                return " âm "  # "-5°C": nothing before the dash but a space
            return " "
        return ", "

    return SIGN.sub(read, text)


# 13. Numbers ---------------------------------------------------------------------------------------

NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d.]\d)(?:,\d+)?|\d+[.,]\d+|\d+")


def _numbers(text: str) -> str:
    """Every number left: ``1.234.567`` (dots group thousands), ``85,5`` (comma is the decimal mark), ``05``."""
    return NUMBER.sub(lambda m: f" {number(m.group(0))} ", text)


# 14. Spelling --------------------------------------------------------------------------------------

CONSONANTS_ONLY = re.compile(rf"{NOT_BEFORE}[bcdđfghjklmnpqrstvwxzBCDĐFGHJKLMNPQRSTVWXZ]+{NOT_AFTER}")
CAPITALS_ONLY = re.compile(rf"{NOT_BEFORE}[A-Z]{{2,}}{NOT_AFTER}")
# One Vietnamese syllable written without tone marks: onset, vowels, final. "HOA", "TIN" are syllables;
# "HIV", "USB", "ATM" are not.
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt]|[iouy])?"
)


def _spelling(text: str) -> str:
    """What is not a Vietnamese syllable is spelled with Vietnamese letter names: a token without a vowel
    (``VP`` → "vê pê", a lone ``B`` → "bê") and capitals that no syllable is written as (``HIV`` →
    "hát i vê"). Capitals that are syllables, and capitals with Vietnamese marks (headings), are words.
    """
    text = CONSONANTS_ONLY.sub(lambda m: spell(m.group(0)), text)
    return CAPITALS_ONLY.sub(
        lambda m: m.group(0) if SYLLABLE.fullmatch(m.group(0).lower()) else spell(m.group(0)), text
    )


# 15. Finish ----------------------------------------------------------------------------------------

FINISH = (
    (re.compile(r"\.{2,}|…|[?!]"), "."),
    (re.compile(r"[;:()\[\]{}]"), ","),
    (re.compile(rf"[^{VIETNAMESE_LETTERS}\s.,]"), " "),
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+(?=[.,])"), ""),
    (re.compile(r"([.,])[.,\s]*"), lambda m: ("." if "." in m.group(0) else ",") + " "),
    (re.compile(r"^[\s.,]+"), ""),
)


def _finish(text: str) -> str:
    """Punctuation becomes pauses the engine makes: ``.`` (``?``, ``!``, ``…``) ends a sentence, ``,``
    (``;``, ``:``, brackets) is a short pause. Everything else not a letter is dropped, so the engine never
    spells a symbol; the result is lower case on one line.
    """
    text = text.lower()
    for pattern, spoken in FINISH:
        text = pattern.sub(spoken, text)
    return text.strip()


def to_spoken(text: str, *, terms: dict[str, str] | None = None) -> str:
    """The spoken form of ``text``: lower case, one line. ``terms`` are the commune's own readings
    (``SpeechTerm``), which win over the built-in dictionary."""
    terms = {unicodedata.normalize("NFC", k): v for k, v in (terms or {}).items() if k and v}
    text = unicodedata.normalize("NFC", text)
    text = _layout(text)
    text = _web(text)
    text = _phones(text)
    text = _symbols(text, terms)
    text = _terms(text, terms)
    text = _ranges(text)
    text = _slashes(text)
    text = _dates(text)
    text = _romans(text)
    text = _times(text)
    text = _ordinals(text)
    text = _units(text)
    text = _signs(text)
    text = _numbers(text)
    text = _spelling(text)
    return _finish(text)


def commune_terms(commune) -> dict[str, str]:
    """The commune's reading dictionary, written form → spoken form."""
    from cchc.communes.scoping import commune_scope

    from .models import SpeechTerm

    with commune_scope(commune):
        return dict(SpeechTerm.objects.filter(commune=commune).values_list("written", "spoken"))
