"""DOCX for LibreOffice Writer (`soffice --convert-to pdf`)."""

from __future__ import annotations


from docx import Document as Docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .model import Cover, Document, Form, Heading, PageBreak, Para, Table, is_amount

A4 = (Mm(210), Mm(297))
MARGIN = Mm(18)


def render(doc: Document, path: str) -> None:
    d = Docx()
    _fonts(d, doc.font)
    sec = d.sections[0]
    _orient(sec, doc.landscape)
    landscape = doc.landscape
    pending_break = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        table = block.table() if isinstance(block, Form) else block if isinstance(block, Table) else None
        if table is not None and table.landscape != landscape:
            landscape = table.landscape
            _orient(d.add_section(WD_SECTION.NEW_PAGE), landscape)
            pending_break = False
        elif table is not None and table.page_break_before:
            pending_break = True
        elif table is None and landscape != doc.landscape:
            landscape = doc.landscape
            _orient(d.add_section(WD_SECTION.NEW_PAGE), landscape)
            pending_break = False
        first = _block(d, block, table, landscape)
        if pending_break and first is not None:
            first.paragraph_format.page_break_before = True
        pending_break = False
    d.save(path)


def _fonts(d, font: str) -> None:
    for name in ("Normal", "Heading 1", "Heading 2"):
        st = d.styles[name]
        st.font.name = font
        st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        st.font.color.rgb = None
    d.styles["Heading 1"].font.size = Pt(16)
    d.styles["Heading 2"].font.size = Pt(13)


def _orient(sec, landscape: bool) -> None:
    w, h = A4
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (h, w) if landscape else (w, h)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, MARGIN)


def _para(d, text: str, size: float = 11, bold: bool = False, align=None):
    p = d.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if align is not None:
        p.alignment = align
    return p


def _block(d, block, table: Table | None, landscape: bool):
    """Render one block; return its first paragraph (for page breaks)."""
    if isinstance(block, Cover):
        first = None
        for _ in range(8):
            p = d.add_paragraph()
            first = first or p
        for line in block.lines:
            _para(d, line, 24, True, WD_ALIGN_PARAGRAPH.CENTER)
        return first
    if isinstance(block, Heading):
        return d.add_heading(block.text, block.level)
    if isinstance(block, Para):
        p = _para(d, block.text, block.size, block.bold)
        p.paragraph_format.first_line_indent = Pt(22)
        return p
    return _table(d, table, landscape)


def _table(d, t: Table, landscape: bool):
    first = _para(d, t.label, 10) if t.label else None
    title = _para(d, t.title, 15, True, WD_ALIGN_PARAGRAPH.CENTER)
    first = first or title
    if t.subtitle:
        _para(d, t.subtitle, 11, False, WD_ALIGN_PARAGRAPH.CENTER)
    text_width = (A4[1] if landscape else A4[0]) - 2 * MARGIN
    left, right = t.context_left(), t.context_right()
    if left or right:
        p = _para(d, f"{left or ''}\t{right or ''}", 10)
        p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    g = t.grid()
    tbl = d.add_table(rows=len(g.rows), cols=t.ncols)
    tbl.style = "Table Grid"
    widths = t.widths or [1.0] * t.ncols
    total = sum(widths)
    tbl.autofit = False
    for c, col in enumerate(tbl.columns):
        col.width = int(text_width * widths[c] / total)
    for r, row in enumerate(g.rows):
        for c in range(t.ncols):
            tbl.cell(r, c).width = int(text_width * widths[c] / total)
    for r, c, rs, cs in g.merges:
        tbl.cell(r, c).merge(tbl.cell(r + rs - 1, c + cs - 1))
    for r, row in enumerate(g.rows):
        header = r < t.header_count
        if header and t.repeat_header:
            tr_pr = tbl.rows[r]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
        for c, text in enumerate(row):
            if not text:
                continue
            cell = tbl.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.space_before = Pt(0)
            run = p.add_run(text)
            run.font.size = Pt(t.font_pt)
            run.bold = (r, c) in g.bold
            if header:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif is_amount(text):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if t.note:
        _para(d, t.note, 10)
    return first
