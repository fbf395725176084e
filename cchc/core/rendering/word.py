"""DOCX output with python-docx, laid out per Decree 30/2020/NĐ-CP.

The plan importer reads these files back, so the header and closing tables keep a fixed shape: the
header's left cell holds exactly (parent, issuing body, "Số: …") and its right cell exactly
(Quốc hiệu, Tiêu ngữ, place and date); the closing table's left cell holds "Nơi nhận:" and the
recipients, its right cell the signing capacity, signer title and name. Rules and spacers are
empty paragraphs, which the importer skips.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from cchc.core.official_document import BlockKind, OfficialDocument
from cchc.core.rendering import layout, metrics
from cchc.core.rendering.layout import Sheet, SheetBlock

FONT = "Times New Roman"  # fontconfig maps it to Liberation Serif on Linux
LANGUAGE = "vi-VN"
BODY_LINE_SPACING = 1.15
SPACE_AFTER_PT = 6
RULE_THICKNESS_EIGHTHS = 6  # 0.75 pt

# Children of w:pPr / w:tblPr / w:rPr that must follow the element we insert (the schema fixes the order).
_AFTER_PBDR = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct"),
    *("w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind"),
    *("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
_AFTER_PPR_RPR = ("w:sectPr", "w:pPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def render_docx(document: OfficialDocument) -> bytes:
    """The document as a Word file a commune clerk can still edit before signing."""
    sheet = layout.prepare(document)
    doc = new_document()
    _add_page_numbers(doc.sections[0])

    _add_header(doc, sheet)
    _add_type_and_title(doc, sheet)
    for text in sheet.basis:
        _body_paragraph(doc, text, italic=True)
    for block in sheet.blocks:
        _add_block(doc, block)
    for text in sheet.closing:
        _body_paragraph(doc, text)
    _keep_last_paragraph_with_signature(doc)
    _add_signature(doc, sheet)
    if sheet.draft_mark:
        _add_draft_mark(doc.sections[0], sheet.draft_mark)
    return docx_bytes(doc, title=sheet.meta_title)


def new_document() -> DocxDocument:
    """An empty A4 Word document with Decree 30 margins and Times New Roman in Vietnamese throughout."""
    doc = Document()
    set_up_styles(doc)
    set_up_page(doc.sections[0])
    return doc


def docx_bytes(doc: DocxDocument, *, title: str) -> bytes:
    """The finished document as bytes, titled and marked Vietnamese for spell-checkers and screen readers."""
    doc.core_properties.title = title
    doc.core_properties.language = LANGUAGE
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- page and styles ---------------------------------------------------------------------------


def set_up_page(section: Section) -> None:
    """A4 portrait with the margins of Decree 30/2020 (layout.MARGIN_*)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _set_fonts(rpr) -> None:
    """Name the font for every script slot and drop theme fonts, which would otherwise win in Word."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def set_up_styles(doc: DocxDocument) -> None:
    """Times New Roman at body size, black, Vietnamese, in the defaults and the Normal style alike."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_fonts(default_rpr)
    _set_language(default_rpr)
    for size in ("w:sz", "w:szCs"):
        element = default_rpr.find(qn(size))
        if element is not None:
            element.set(qn("w:val"), str(layout.BODY_PT * 2))

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(layout.BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal_rpr = normal.element.get_or_add_rPr()
    _set_fonts(normal_rpr)
    _set_language(normal_rpr)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(layout.BODY_PT * 2))
    normal_rpr.find(qn("w:sz")).addnext(size_cs)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(SPACE_AFTER_PT)
    paragraph_format.line_spacing = BODY_LINE_SPACING
    paragraph_format.widow_control = True


def _add_draft_mark(section: Section, mark: str) -> None:
    """ "DỰ THẢO" in a box at the top right of the first page, in the first-page header.

    In the header, not the body: it takes no room from the text, and the plan importer, which reads
    the body, sees the same document as for the issued plan.
    """
    paragraph = section.first_page_header.paragraphs[0]
    format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, line_spacing=1.0)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        for name, value in (("w:val", "single"), ("w:sz", str(RULE_THICKNESS_EIGHTHS)), ("w:space", "2")):
            element.set(qn(name), value)
        element.set(qn("w:color"), "000000")
        borders.append(element)
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    # The border spans the paragraph's width: a left indent shrinks the box to the mark.
    width = metrics.text_width(mark, size=layout.DRAFT_MARK_PT, bold=True) + 12
    paragraph.paragraph_format.left_indent = Pt(max(layout.TEXT_WIDTH_PT - width, 0))
    write(paragraph, mark, size=layout.DRAFT_MARK_PT, bold=True)


def _keep_last_paragraph_with_signature(doc: DocxDocument) -> None:
    """No signature alone on a page: the body's last paragraph, whole, goes with it.

    When the body ends with a table (and the spacer after it), the table's last row goes along too.
    """
    paragraphs = doc.paragraphs
    if not paragraphs:
        return
    last = paragraphs[-1]
    last.paragraph_format.keep_with_next = True
    last.paragraph_format.keep_together = True
    previous = last._p.getprevious()
    if previous is not None and previous.tag == qn("w:tbl") and doc.tables:
        for cell in doc.tables[-1].rows[-1].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _add_page_numbers(section: Section) -> None:
    """Decree 30: page numbers centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    format_paragraph(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, line_spacing=1.0)
    run = paragraph.add_run()
    run.font.size = Pt(layout.PAGE_NUMBER_PT)
    for element in _field("PAGE", placeholder="2"):
        run._r.append(element)


def _field(instruction: str, *, placeholder: str) -> list:
    """A complex field (begin, instruction, separate, cached result, end); Word and LibreOffice update it."""
    begin, separate, end = (OxmlElement("w:fldChar") for _ in range(3))
    for element, kind in ((begin, "begin"), (separate, "separate"), (end, "end")):
        element.set(qn("w:fldCharType"), kind)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = placeholder
    return [begin, code, separate, result, end]


# --- paragraph helpers --------------------------------------------------------------------------


def format_paragraph(
    paragraph: Paragraph,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line_indent: float | None = None,
    space_before: float | None = None,
    space_after: float | None = None,
    line_spacing: float | None = None,
    at_least_pt: float | None = None,
    keep_with_next: bool = False,
) -> None:
    """Set only what is given: alignment, first-line indent (cm), spacing (pt) and line spacing."""
    paragraph_format = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if first_line_indent is not None:
        paragraph_format.first_line_indent = Cm(first_line_indent)
    if space_before is not None:
        paragraph_format.space_before = Pt(space_before)
    if space_after is not None:
        paragraph_format.space_after = Pt(space_after)
    if line_spacing is not None:
        paragraph_format.line_spacing = line_spacing
    if at_least_pt is not None:
        paragraph_format.line_spacing = Pt(at_least_pt)
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if keep_with_next:
        paragraph_format.keep_with_next = True


def write(paragraph: Paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
    """Add ``text`` as a run of ``size`` points; the paragraph mark takes the same size."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold or None  # None inherits: no noise like <w:b w:val="0"/> in every run
    run.font.italic = italic or None
    _set_mark_size(paragraph, size)


def add_text(
    container, text: str, *, size: float, bold: bool = False, italic: bool = False, **paragraph_format
) -> Paragraph:
    """A new paragraph of ``text`` in ``container`` (document or cell), laid out by ``format_paragraph``."""
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, **paragraph_format)
    write(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _set_mark_size(paragraph: Paragraph, size: float) -> None:
    """The paragraph mark has its own size; left at 14 pt it would make short lines taller than their text."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, *_AFTER_PPR_RPR)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(round(size * 2)))


def _centre_box(paragraph: Paragraph, *, box_pt: float, available_pt: float) -> None:
    """Narrow a centred paragraph to ``box_pt`` so it wraps where layout.prepare measured it would."""
    side = max((available_pt - box_pt) / 2, 0)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)


def add_rule(container, *, width_pt: float, available_pt: float, space_after: float = 0) -> Paragraph:
    """A centred horizontal line: an empty paragraph with a bottom border, narrowed by its indents."""
    paragraph = container.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", str(RULE_THICKNESS_EIGHTHS)), ("w:space", "1")):
        bottom.set(qn(name), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    format_paragraph(
        paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, first_line_indent=0, space_before=0, space_after=space_after
    )
    paragraph.paragraph_format.line_spacing = Pt(2)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _centre_box(paragraph, box_pt=width_pt, available_pt=available_pt)
    _set_mark_size(paragraph, 1)
    return paragraph


def _add_spacer(container, *, size: float, at_least_pt: float | None = None, line_spacing: float = 1.0) -> None:
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, space_before=0, space_after=0, line_spacing=line_spacing, at_least_pt=at_least_pt)
    _set_mark_size(paragraph, size)


def _body_paragraph(doc: DocxDocument, text: str, *, italic: bool = False, bold: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    format_paragraph(
        paragraph,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line_indent=layout.FIRST_LINE_INDENT_CM,
        space_after=SPACE_AFTER_PT,
        keep_with_next=bold,
    )
    write(paragraph, text, size=layout.BODY_PT, bold=bold, italic=italic)
    return paragraph


# --- tables -------------------------------------------------------------------------------------


def _borderless_table(doc: DocxDocument, *, shares: tuple[float, float]) -> Table:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    table_width = tbl_pr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(round(layout.TEXT_WIDTH_PT * 20)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)
    # No cell padding, so the columns span exactly the text width and the measured wrapping holds.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *_AFTER_TBLCELLMAR)
    _set_column_widths(table, [layout.TEXT_WIDTH_PT * share for share in shares])
    _keep_rows_whole(table)
    return table


def _set_column_widths(table: Table, widths_pt: list[float]) -> None:
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_pt, strict=True):
            cell.width = Pt(width)


def _keep_rows_whole(table: Table, *, header_rows: int = 0) -> None:
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page


class _CellWriter:
    """Adds paragraphs to a cell and drops the empty one every new cell starts with."""

    def __init__(self, cell: _Cell) -> None:
        self.cell = cell
        self._initial = cell.paragraphs[0]._p

    def add_paragraph(self) -> Paragraph:
        return self.cell.add_paragraph()

    def text(self, text: str, *, size: float, bold: bool = False, italic: bool = False, **fmt) -> Paragraph:
        centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "space_before": 0, "space_after": 0}
        return add_text(self.cell, text, size=size, bold=bold, italic=italic, **(centred | fmt))

    def close(self) -> None:
        if len(self.cell.paragraphs) > 1:
            self._initial.getparent().remove(self._initial)


# --- parts of the document ----------------------------------------------------------------------


def _add_header(doc: DocxDocument, sheet: Sheet) -> None:
    table = _borderless_table(doc, shares=(layout.LEFT_COLUMN_SHARE, 1 - layout.LEFT_COLUMN_SHARE))
    left, right = (_CellWriter(cell) for cell in table.rows[0].cells)
    line = {"at_least_pt": layout.HEADER_LINE_PT}

    if sheet.issuing_parent:
        left.text(sheet.issuing_parent, size=layout.PARENT_PT, **line)
    issuer = left.text(sheet.issuing_body, size=layout.ISSUER_PT, bold=True, **line)
    _centre_box(issuer, box_pt=sheet.issuer_box_pt, available_pt=layout.LEFT_COLUMN_PT)
    if sheet.issuing_body:
        add_rule(left, width_pt=sheet.issuer_rule_pt, available_pt=layout.LEFT_COLUMN_PT)

    right.text(sheet.motto, size=layout.MOTTO_PT, bold=True, **line)
    right.text(sheet.slogan, size=layout.SLOGAN_PT, bold=True, **line)
    add_rule(right, width_pt=sheet.slogan_rule_pt, available_pt=layout.RIGHT_COLUMN_PT)

    # Decree 30 puts "Số" and the place-date line on one level; pad whichever side has fewer lines above.
    for writer, missing in (
        (left, sheet.right_header_lines - sheet.left_header_lines),
        (right, sheet.left_header_lines - sheet.right_header_lines),
    ):
        for _ in range(max(missing, 0)):
            _add_spacer(writer, size=layout.SLOGAN_PT, at_least_pt=layout.HEADER_LINE_PT)

    left.text(sheet.number_line, size=layout.NUMBER_PT, space_before=6, line_spacing=1.0)
    right.text(sheet.place_date, size=layout.PLACE_DATE_PT, italic=True, space_before=6, line_spacing=1.0)
    left.close()
    right.close()


def _add_type_and_title(doc: DocxDocument, sheet: Sheet) -> None:
    doc_type = doc.add_paragraph()
    format_paragraph(doc_type, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=18, space_after=0, keep_with_next=True)
    write(doc_type, sheet.doc_type, size=layout.BODY_PT, bold=True)
    if not sheet.title:
        return
    title = doc.add_paragraph()
    format_paragraph(title, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, keep_with_next=True)
    _centre_box(title, box_pt=sheet.title_box_pt, available_pt=layout.TEXT_WIDTH_PT)
    write(title, sheet.title, size=layout.BODY_PT, bold=True)
    add_rule(doc, width_pt=sheet.title_rule_pt, available_pt=layout.TEXT_WIDTH_PT, space_after=12)


def _add_block(doc: DocxDocument, block: SheetBlock) -> None:
    if block.kind == BlockKind.TABLE:
        _add_grid(doc, block)
    else:
        _body_paragraph(doc, block.text, bold=block.kind == BlockKind.HEADING)


def _add_grid(doc: DocxDocument, block: SheetBlock) -> None:
    table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_column_widths(table, [layout.TEXT_WIDTH_PT * share for share in block.column_shares])
    _keep_rows_whole(table, header_rows=1)
    for row_index, (row, texts) in enumerate(zip(table.rows, block.rows, strict=True)):
        for cell, text in zip(row.cells, texts, strict=True):
            paragraph = cell.paragraphs[0]
            is_header = row_index == 0
            format_paragraph(
                paragraph,
                align=WD_ALIGN_PARAGRAPH.CENTER if is_header else WD_ALIGN_PARAGRAPH.LEFT,
                first_line_indent=0,
                space_before=2,
                space_after=2,
                line_spacing=1.0,
            )
            write(paragraph, text, size=layout.TABLE_PT, bold=is_header)
    spacer = doc.add_paragraph()  # Word glues two adjacent tables into one; also gives air below
    format_paragraph(spacer, space_after=0, line_spacing=1.0)
    _set_mark_size(spacer, 6)


def _add_signature(doc: DocxDocument, sheet: Sheet) -> None:
    table = _borderless_table(doc, shares=(layout.LEFT_COLUMN_SHARE, 1 - layout.LEFT_COLUMN_SHARE))
    left, right = (_CellWriter(cell) for cell in table.rows[0].cells)
    flush_left = {"align": WD_ALIGN_PARAGRAPH.LEFT, "line_spacing": 1.0}

    left.text(
        sheet.recipients_label, size=layout.RECIPIENTS_LABEL_PT, bold=True, italic=True, space_before=12, **flush_left
    )
    for line in sheet.recipient_lines:
        left.text(line, size=layout.RECIPIENT_PT, **flush_left)

    centred = {"line_spacing": 1.0}
    first = {"space_before": 12}  # level with "Nơi nhận:"
    for text in (sheet.signing_capacity, sheet.signer_title):
        if text:
            right.text(text, size=layout.BODY_PT, bold=True, **centred, **first)
            first = {}
    for _ in range(layout.SIGNATURE_BLANK_LINES):
        _add_spacer(right, size=layout.BODY_PT, line_spacing=1.5)
    if sheet.signer_name:
        right.text(sheet.signer_name, size=layout.BODY_PT, bold=True, **centred)
    left.close()
    right.close()
