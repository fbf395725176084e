"""Generate the blind evaluation cases for the SIPAS survey index.

Run from anywhere with the project's venv (openpyxl needed):

    .venv/bin/python cchc/surveys/tests/evaluation/make_cases.py          # write cases + expected
    .venv/bin/python cchc/surveys/tests/evaluation/make_cases.py --check  # re-read files, re-derive

Expected values are derived here with exact fractions, independently of the code under test.
`--check` re-reads every written file from disk with a separate parser and recomputes the
index by a second route (counting per criterion, then summing), comparing with the JSON.
The random generator is seeded, so re-running reproduces the same files byte for byte
(except xlsx timestamps inside the zip).
"""

import csv
import io
import json
import math
import random
import re
import sys
import zipfile
from fractions import Fraction
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

ELEMENTS = {"1": 4, "2": 5, "3": 6, "4": 3, "5": 4}
CODES = [f"{e}.{i}" for e, n in ELEMENTS.items() for i in range(1, n + 1)]
assert len(CODES) == 22


# --------------------------------------------------------------------------------------
# Exact computation (the spec's default formula)
# --------------------------------------------------------------------------------------


def half_up(value):
    """Two decimals, half up, on an exact Fraction; returned as a float for JSON."""
    if value is None:
        return None
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return float(Fraction(hundredths, 100)) if hundredths % 100 else float(hundredths // 100)


def compute(answers):
    """answers: list of dicts code -> int 1..5 (only answered criteria present), one per response."""
    crit = {}
    for code in CODES:
        valid = [a[code] for a in answers if code in a]
        crit[code] = Fraction(100 * sum(1 for v in valid if v >= 4), len(valid)) if valid else None
    elem = {}
    for e in ELEMENTS:
        vals = [crit[c] for c in CODES if c.split(".")[0] == e and crit[c] is not None]
        elem[e] = sum(vals, Fraction(0)) / len(vals) if vals else None
    present = [v for v in elem.values() if v is not None]
    overall = sum(present, Fraction(0)) / len(present) if present else None
    return overall, elem, crit


def expected_json(answers):
    overall, elem, crit = compute(answers)
    return {
        "overall": half_up(overall),
        "elements": {e: half_up(v) for e, v in elem.items()},
        "criteria": {c: half_up(v) for c, v in crit.items()},
        "responses": len(answers),
    }


# --------------------------------------------------------------------------------------
# Row helpers
# --------------------------------------------------------------------------------------


def pat(text):
    """'5544 43455 554433 444 5432' -> dict code -> int; '.' = blank."""
    digits = text.replace(" ", "")
    assert len(digits) == 22, text
    return {c: int(d) for c, d in zip(CODES, digits, strict=True) if d != "."}


def from_k(n, kspec, blanks=None):
    """n rows; for criterion c, kspec[c] of its valid answers are 4/5, the rest 1..3.

    blanks: code -> set of row indexes left blank. Criteria missing from kspec are blank.
    """
    blanks = blanks or {}
    rows = [{} for _ in range(n)]
    for idx, code in enumerate(CODES):
        if code not in kspec:
            continue
        k = kspec[code]
        slots = [i for i in range(n) if i not in blanks.get(code, set())]
        highs = [5 if j % 2 else 4 for j in range(k)]
        lows = [1 + (j % 3) for j in range(len(slots) - k)]
        values = highs + lows
        shift = idx % len(slots)
        values = values[shift:] + values[:shift]
        for i, v in zip(slots, values, strict=True):
            rows[i][code] = v
    return rows


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------


def write_csv(path, header, rows, delimiter=",", bom=False, newline="\r\n"):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = buf.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def write_xlsx(path, header, rows, title="Phiếu khảo sát"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    floats = set()
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            if v is not None:
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, float):
                    floats.add(cell.coordinate)
    wb.save(path)
    # openpyxl stores 4.0 as <v>4</v>, which readers give back as int 4. Write <v>4.0</v> so
    # that readers (openpyxl included) return a float, as files saved by other tools do.
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r'<c r="([A-Z]+[0-9]+)" t="n"><v>(-?[0-9]+)</v>',
                    lambda m: (
                        m.group(0).replace(f"<v>{m.group(2)}</v>", f"<v>{m.group(2)}.0</v>")
                        if m.group(1) in floats
                        else m.group(0)
                    ),
                    text,
                )
                data = text.encode("utf-8")
            zout.writestr(info, data)


def table(header, responses, extras=None, cell=None, blank_rows_before=()):
    """Lay responses out under header. extras: list of dicts for non-criterion columns.

    cell(code, value, row_index) -> the cell value to write (int, float or str).
    blank_rows_before: indexes of responses before which a fully blank row is inserted.
    Returns the rows (lists) to write.
    """
    cell = cell or (lambda code, v, i: v)
    out = []
    for i, resp in enumerate(responses):
        if i in blank_rows_before:
            out.append([None] * len(header))
        ext = extras[i] if extras else {}
        row = []
        for h in header:
            if h in CODES:
                row.append(cell(h, resp[h], i) if h in resp else None)
            else:
                row.append(ext.get(h))
        out.append(row)
    return out


# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Văn Hải",
    "Bùi Thị Hoa",
    "Đỗ Văn Khánh",
    "Ngô Thị Lan",
]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Bảo trợ xã hội", "Xây dựng"]
COMMENTS = [
    "Cán bộ nhiệt tình, hướng dẫn rõ ràng",
    "Phải chờ lâu, đề nghị bố trí thêm ghế",
    "",
    "Rất hài lòng",
    "Thủ tục còn rườm rà; cần công khai phí",
]

HAND = {}  # name -> (responses) for README arithmetic
WRITTEN = {}


def save(name, ext, header, rows, responses, *, writer_kwargs=None, expected=None):
    path = CASES / f"{name}.{ext}"
    if ext == "csv":
        write_csv(path, header, rows, **(writer_kwargs or {}))
    else:
        write_xlsx(path, header, rows, **(writer_kwargs or {}))
    exp = expected if expected is not None else expected_json(responses)
    (CASES / f"{name}.expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    WRITTEN[name] = (path, exp)


def case_c01():
    resp = [
        pat("5544 43455 554433 444 5432"),
        pat("4433 22345 445544 534 4455"),
        pat("3322 4.543 333445 2.3 5544"),
        pat("5555 55555 555555 555 5555"),
        pat("1234 51234 512345 123 1234"),
    ]
    HAND["c01_basic_small"] = resp
    header = ["STT", *CODES]
    rows = table(header, resp, extras=[{"STT": i + 1} for i in range(5)])
    save("c01_basic_small", "csv", header, rows, resp)


def case_c02():
    resp = [
        pat("4455 .4433 455443 343 5555"),
        pat("5.43 45554 3..455 455 4444"),
        pat("2345 34521 543213 213 3.21"),
        pat("4444 44444 444444 444 4444"),
        pat("1133 33.15 225.15 51. 1245"),
        pat("5524 25525 345553 4.4 2354"),
    ]
    HAND["c02_shuffled_extra_columns"] = resp
    rng = random.Random(2)
    codes = CODES[:]
    rng.shuffle(codes)
    header = ["stt", "họ tên", "ngày", "lĩnh vực", *codes[:11], "ghi chú", *codes[11:]]
    extras = [
        {
            "stt": i + 1,
            "họ tên": NAMES[i],
            "ngày": f"0{i + 1}/11/2026",
            "lĩnh vực": FIELDS[i % 5],
            "ghi chú": "phiếu viết tay" if i == 2 else None,
        }
        for i in range(6)
    ]
    rows = table(header, resp, extras=extras)
    # a respondent who filled in name and field but answered no criterion: not a response
    ghost = {"stt": 7, "họ tên": NAMES[6], "ngày": "07/11/2026", "lĩnh vực": "Hộ tịch"}
    rows.insert(3, [ghost.get(h) for h in header])
    save("c02_shuffled_extra_columns", "csv", header, rows, resp)


def case_c03():
    resp = [
        pat("5544 44433 333222 111 5454"),
        pat("4545 45454 545454 545 4545"),
        pat("3.33 32123 .11223 3.3 ...."),
        pat("2222 22222 222222 222 2222"),
        pat("5432 1.... 5.4.3. 5.4 5.4."),
        pat("4444 5555. 4444.. 44. 44.."),
        pat("1425 31425 314253 142 5314"),
    ]
    HAND["c03_semicolon_bom_blank_rows"] = resp
    header = ["STT", "Lĩnh vực", *CODES, "Ý kiến"]
    extras = [{"STT": i + 1, "Lĩnh vực": FIELDS[i % 5], "Ý kiến": COMMENTS[i % 5] or None} for i in range(7)]
    rows = table(header, resp, extras=extras, blank_rows_before={2, 5})
    save(
        "c03_semicolon_bom_blank_rows",
        "csv",
        header,
        rows,
        resp,
        writer_kwargs={"delimiter": ";", "bom": True},
    )


def case_c04():
    resp = [
        pat("5445 54455 445544 554 4554"),
        pat("3322 23322 332233 223 3223"),
        pat("4.51 2.4.5 1..4.5 .2. 4.5."),
        pat("5555 44444 333333 222 1111"),
        pat("1234 51234 512345 123 4512"),
        pat("4444 45.45 454545 545 4545"),
    ]
    HAND["c04_xlsx_floats_text"] = resp

    def cell(code, v, i):
        # mix of int, float (4.0) and text ("5") cells as in real spreadsheets
        kind = (CODES.index(code) + i) % 3
        return v if kind == 0 else float(v) if kind == 1 else str(v)

    header = ["STT", "Họ tên", "procedure", *CODES, "comment"]
    extras = [
        {"STT": i + 1, "Họ tên": NAMES[i], "procedure": FIELDS[i % 5], "comment": COMMENTS[i % 5]} for i in range(6)
    ]
    rows = table(header, resp, extras=extras, cell=cell, blank_rows_before={4})
    save("c04_xlsx_floats_text", "xlsx", header, rows, resp)


def case_c05():
    resp = [
        pat("5432 54.21 543215 ... 543."),
        pat("4444 33.33 444444 ... 444."),
        pat("2.5. 5.... 1..1.1 ... 1.5."),
        pat("5555 1.... 2.2.2. ... 32.."),
        pat("1111 11.11 555555 ... 54.."),
    ]
    HAND["c05_missing_element_and_criterion"] = resp
    # element 4 has no column at all; 5.4 has no column; 2.3 has a column nobody answered
    header = ["STT"] + [c for c in CODES if not c.startswith("4.") and c != "5.4"]
    assert "2.3" in header
    rows = table(header, resp, extras=[{"STT": i + 1} for i in range(5)])
    save("c05_missing_element_and_criterion", "csv", header, rows, resp)


def case_c06():
    kspec = {"1.1": 1, "1.2": 0, "1.3": 0, "1.4": 0}
    kspec.update({"2.1": 1, "2.2": 1, "2.3": 1, "2.4": 1, "2.5": 0})
    kspec.update({f"3.{i}": 2 for i in range(1, 7)})
    kspec.update({f"4.{i}": 2 for i in range(1, 4)})
    kspec.update({f"5.{i}": 0 for i in range(1, 5)})
    resp = from_k(8, kspec)
    HAND["c06_rounding_ties"] = resp
    header = ["STT", *CODES]
    rows = table(header, resp, extras=[{"STT": i + 1} for i in range(8)])
    save("c06_rounding_ties", "csv", header, rows, resp)


def case_c07():
    kspec = {"1.1": 0, "1.2": 0, "1.3": 1, "1.4": 1}
    kspec.update({"2.1": 2, "2.2": 1, "2.3": 3, "2.4": 1, "2.5": 4})
    kspec.update({"3.1": 1, "3.2": 5, "3.3": 2, "3.4": 6, "3.5": 3, "3.6": 0})
    kspec.update({"4.1": 0, "4.2": 1, "4.3": 1})
    kspec.update({"5.1": 7, "5.2": 6, "5.3": 2, "5.4": 1})
    blanks = {
        "2.1": {0, 4, 6},  # 4 valid
        "2.2": {1, 5, 2, 3},  # 3 valid
        "2.3": {2},  # 6 valid
        "3.2": {3},  # 6 valid
        "3.4": {6},  # 6 valid
        "5.3": {0, 1, 2, 3},  # 3 valid
    }
    resp = from_k(7, kspec, blanks)
    HAND["c07_sevenths_double_rounding"] = resp
    header = ["STT", *CODES]
    rows = table(header, resp, extras=[{"STT": i + 1} for i in range(7)])
    save("c07_sevenths_double_rounding", "xlsx", header, rows, resp)


def case_c08():
    # exact ties that a naive float mean lands just below (21.874999999999996, 28.124999999999996)
    kspec = {"1.1": 1, "1.2": 2, "1.3": 4, "1.4": 1}
    kspec.update({"2.1": 6, "2.2": 9, "2.3": 3, "2.4": 12, "2.5": 8})
    kspec.update({"3.1": 10, "3.2": 11, "3.3": 7, "3.4": 6, "3.5": 9, "3.6": 12})
    kspec.update({"4.1": 5, "4.2": 7, "4.3": 4})
    kspec.update({"5.1": 3, "5.2": 2, "5.3": 4, "5.4": 1})
    blanks = {
        "1.1": {0, 3, 6, 9},  # 8 valid
        "1.2": {1, 5, 10},  # 9 valid
        "1.3": {2, 7, 11},  # 9 valid
        "5.1": {1, 4, 7, 10},  # 8 valid
        "5.2": {0, 6, 11},  # 9 valid
        "5.3": {3, 8, 9},  # 9 valid
    }
    resp = from_k(12, kspec, blanks)
    HAND["c08_float_trap_ties"] = resp
    header = ["STT", "Thủ tục", *CODES, "Ý kiến"]
    extras = [{"STT": i + 1, "Thủ tục": "Chứng thực bản sao", "Ý kiến": COMMENTS[i % 5] or None} for i in range(12)]
    rows = table(header, resp, extras=extras)
    save("c08_float_trap_ties", "csv", header, rows, resp)


def random_responses(rng, n, *, blank_rate, skew, missing=(), sparse=None):
    out = []
    for _ in range(n):
        resp = {}
        for code in CODES:
            if code in missing:
                continue
            if sparse and code.split(".")[0] in sparse and rng.random() < sparse[code[0]]:
                continue
            if rng.random() < blank_rate:
                continue
            resp[code] = rng.choices([1, 2, 3, 4, 5], weights=skew)[0]
        out.append(resp)
    return out


def case_l01():
    rng = random.Random(20261101)
    resp = random_responses(rng, 240, blank_rate=0.08, skew=[3, 6, 15, 40, 36])
    # respondents who answered nothing are blank rows, scattered
    header = ["STT", "Họ tên", "Ngày", "Lĩnh vực", *CODES, "Ghi chú"]
    blank_before = set(rng.sample(range(1, 240), 6))
    extras = [
        {
            "STT": i + 1,
            "Họ tên": rng.choice(NAMES),
            "Ngày": f"{1 + i % 28:02d}/10/2026",
            "Lĩnh vực": rng.choice(FIELDS),
            "Ghi chú": rng.choice(COMMENTS) or None,
        }
        for i in range(240)
    ]
    rows = table(header, resp, extras=extras, blank_rows_before=blank_before)
    save("l01_large_240_csv", "csv", header, rows, resp, writer_kwargs={"newline": "\n"})


def case_l02():
    rng = random.Random(7311)
    # 3.6 is on nobody's form (column absent); element 5 answered by few respondents
    resp = random_responses(
        rng,
        150,
        blank_rate=0.05,
        skew=[8, 10, 20, 35, 27],
        missing={"3.6"},
        sparse={"5": 0.85},
    )
    codes = [c for c in CODES if c != "3.6"]
    rng.shuffle(codes)
    header = ["stt", "thủ tục", *codes[:7], "ý kiến", *codes[7:]]
    extras = [{"stt": i + 1, "thủ tục": rng.choice(FIELDS), "ý kiến": rng.choice(COMMENTS) or None} for i in range(150)]

    def cell(code, v, i):
        r = (i * 7 + CODES.index(code)) % 5
        return float(v) if r < 2 else str(v) if r == 2 else v

    rows = table(header, resp, extras=extras, cell=cell, blank_rows_before={40, 41, 99})
    save("l02_large_150_xlsx_shuffled", "xlsx", header, rows, resp)


def case_l03():
    rng = random.Random(300)
    resp = random_responses(rng, 300, blank_rate=0.12, skew=[5, 5, 10, 50, 30], missing={"4.2"})
    # one respondent in ten answered only element 1 (they left the survey early)
    for i in range(0, 300, 10):
        resp[i] = {c: v for c, v in resp[i].items() if c.startswith("1.")} or {"1.1": 4}
    codes = [c for c in CODES if c != "4.2"]
    header = ["STT", "Lĩnh vực", "Thủ tục", *codes, "Ý kiến"]
    extras = [
        {
            "STT": i + 1,
            "Lĩnh vực": rng.choice(FIELDS),
            "Thủ tục": "Đăng ký khai sinh",
            "Ý kiến": rng.choice(COMMENTS) or None,
        }
        for i in range(300)
    ]
    rows = table(header, resp, extras=extras, blank_rows_before={150, 151, 152, 299})
    save(
        "l03_large_300_semicolon_bom",
        "csv",
        header,
        rows,
        resp,
        writer_kwargs={"delimiter": ";", "bom": True},
    )


def err(row, column):
    return {"error": True, "row": row, "column": column}


def case_errors():
    base = [
        pat("5544 43455 554433 444 5432"),
        pat("4433 22345 445544 534 4455"),
        pat("3322 4.543 333445 2.3 5544"),
        pat("5555 55555 555555 555 5555"),
        pat("1234 51234 512345 123 1234"),
        pat("4444 44444 444444 444 4444"),
    ]
    header = ["STT", *CODES]
    extras = [{"STT": i + 1} for i in range(6)]

    # e01: value 6 in 3.2; a blank row (row 3) comes before it, so the bad cell is on row 5
    rows = table(header, base, extras=extras, blank_rows_before={1})
    col = header.index("3.2")
    assert rows[3][0] == 3  # spreadsheet row 5 = header + blank row + respondents 1..3
    rows[3][col] = 6
    save("e01_value_6", "csv", header, rows, None, expected=err(5, "3.2"))

    # e02: 0 in 5.1 on the 5th respondent (row 6) in an xlsx
    rows = table(header, base, extras=extras)
    rows[4][header.index("5.1")] = 0
    save("e02_value_0_xlsx", "xlsx", header, rows, None, expected=err(6, "5.1"))

    # e03: text "3.5" in 2.4 on the 2nd respondent (row 3); semicolon csv
    rows = table(header, base, extras=extras)
    rows[1][header.index("2.4")] = "3.5"
    save(
        "e03_value_3_5",
        "csv",
        header,
        rows,
        None,
        writer_kwargs={"delimiter": ";"},
        expected=err(3, "2.4"),
    )

    # e04: Vietnamese word "tốt" in 1.3 on the 4th respondent (row 5), xlsx, shuffled columns
    codes = CODES[::-1]
    h2 = ["Họ tên", *codes, "Ghi chú"]
    ex2 = [{"Họ tên": NAMES[i], "Ghi chú": "tốt" if i == 0 else None} for i in range(6)]
    rows = table(h2, base, extras=ex2)
    rows[3][h2.index("1.3")] = "tốt"
    save("e04_text_tot_xlsx", "xlsx", h2, rows, None, expected=err(5, "1.3"))

    # e05: a column headed 6.1 (not in the questionnaire); every value is valid
    h3 = ["STT", *CODES, "6.1"]
    ex3 = [{"STT": i + 1, "6.1": 4} for i in range(6)]
    rows = table(h3, base, extras=ex3)
    save("e05_unknown_column_6_1", "csv", h3, rows, None, expected=err(1, "6.1"))


# --------------------------------------------------------------------------------------
# Independent re-check from the files on disk
# --------------------------------------------------------------------------------------


def read_table(path):
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        return [list(r) for r in wb.active.iter_rows(values_only=True)]
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    first = text.splitlines()[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delim))


def recheck(path):
    """Second route: parse the file, validate, count highs/valids per criterion."""
    grid = read_table(path)
    header = [str(h).strip() if h is not None else "" for h in grid[0]]
    for h in header:
        parts = h.split(".")
        if len(parts) == 2 and all(p.isdigit() for p in parts) and h not in CODES:
            return err(1, h)
    cols = {h: j for j, h in enumerate(header) if h in CODES}
    highs = dict.fromkeys(CODES, 0)
    valids = dict.fromkeys(CODES, 0)
    n = 0
    for rownum, row in enumerate(grid[1:], start=2):
        seen = False
        for code, j in cols.items():
            v = row[j] if j < len(row) else None
            if v is None or (isinstance(v, str) and v.strip() == ""):
                continue
            if isinstance(v, str):
                ok = v.strip() in {"1", "2", "3", "4", "5"}
                num = int(v) if ok else None
            else:
                ok = float(v) in {1.0, 2.0, 3.0, 4.0, 5.0}
                num = int(v) if ok else None
            if not ok:
                return err(rownum, code)
            seen = True
            valids[code] += 1
            highs[code] += num >= 4
        n += seen
    crit = {c: (Fraction(100 * highs[c], valids[c]) if valids[c] else None) for c in CODES}
    elements = {}
    for e, size in ELEMENTS.items():
        got = [crit[f"{e}.{i}"] for i in range(1, size + 1) if crit[f"{e}.{i}"] is not None]
        elements[e] = Fraction(sum(got), len(got)) if got else None
    got = [v for v in elements.values() if v is not None]
    overall = Fraction(sum(got), len(got)) if got else None
    return {
        "overall": half_up(overall),
        "elements": {e: half_up(v) for e, v in elements.items()},
        "criteria": {c: half_up(v) for c, v in crit.items()},
        "responses": n,
    }


def check():
    bad = 0
    for exp_path in sorted(CASES.glob("*.expected.json")):
        name = exp_path.name.removesuffix(".expected.json")
        data = next(p for p in CASES.glob(name + ".*") if not p.name.endswith(".json"))
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        again = recheck(data)
        status = "ok" if again == expected else "MISMATCH"
        bad += status != "ok"
        print(f"{status:8} {data.name}: {expected.get('overall', expected)}")
    return bad


def frac(x):
    return "null" if x is None else str(x)


def explain():
    """Markdown: per hand case, k/n per criterion, element and overall as exact fractions."""
    main()
    lines = []
    for name, resp in HAND.items():
        overall, elem, crit = compute(resp)
        lines.append(f"### {name} ({len(resp)} responses)\n")
        for e, size in ELEMENTS.items():
            parts = []
            for i in range(1, size + 1):
                c = f"{e}.{i}"
                valid = [r[c] for r in resp if c in r]
                k = sum(v >= 4 for v in valid)
                parts.append(
                    f"{c}: {k}/{len(valid)} = {frac(crit[c])} → {half_up(crit[c])}" if valid else f"{c}: 0 valid → null"
                )
            lines.append(f"- element {e}: " + "; ".join(parts))
            lines.append(f"  - **E{e} = {frac(elem[e])} → {frac(half_up(elem[e]))}**")
        lines.append(f"- **overall = {frac(overall)} → {half_up(overall)}**\n")
    print("\n".join(lines))


def main():
    CASES.mkdir(exist_ok=True)
    for fn in (case_c01, case_c02, case_c03, case_c04, case_c05, case_c06, case_c07, case_c08):
        fn()
    for fn in (case_l01, case_l02, case_l03, case_errors):
        fn()


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(1 if check() else 0)
    if "--explain" in sys.argv:
        explain()
        sys.exit(0)
    main()
