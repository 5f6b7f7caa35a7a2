"""XLSX for LibreOffice Calc (`soffice --convert-to pdf`): one sheet per table (tables with
`page_break_before=False` share the previous sheet), A4 fitted to the page width, header rows
repeated on every printed page through print titles, optional Excel-style ruled title rows."""

from __future__ import annotations


from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .model import Cover, Document, Form, Heading, PageBreak, Para, Table, is_amount

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Total column width (characters) a sheet is laid out in; Calc then scales it to the page width.
CHARS = {True: 105, False: 72}


def render(doc: Document, path: str) -> None:
    font = doc.font
    wb = Workbook()
    wb.remove(wb.active)
    sheet, row, prose = None, 1, None
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            prose = None
            continue
        if isinstance(block, Cover):
            _cover(wb.create_sheet("封面"), block, doc.landscape, doc.font)
        elif isinstance(block, (Heading, Para)):
            if prose is None:
                prose = wb.create_sheet(f"说明{len(wb.sheetnames)}")
                _page(prose, doc.landscape)
                prose.column_dimensions["A"].width = CHARS[doc.landscape]
                prow = 1
            cell = prose.cell(prow, 1, block.text)
            big = isinstance(block, Heading)
            cell.font = Font(name=font, size=16 if big else 11, bold=big)
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if big else "left")
            prose.row_dimensions[prow].height = 16 * (1 + len(block.text) // 70) + (10 if big else 4)
            prow += 1
        else:
            table = block.table() if isinstance(block, Form) else block
            if sheet is None or table.page_break_before:
                sheet = wb.create_sheet(f"表{len(wb.sheetnames)}")
                _page(sheet, table.landscape)
                row = 1
                first = True
            else:
                row += 2
                first = False
            row = _table(sheet, table, row, first, doc.font)
    wb.save(path)


def _page(ws, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _cover(ws, cover: Cover, landscape: bool, font: str) -> None:
    _page(ws, landscape)
    ws.column_dimensions["A"].width = CHARS[landscape]
    for i in range(1, 12):
        ws.row_dimensions[i].height = 24
    for i, line in enumerate(cover.lines):
        c = ws.cell(12 + 2 * i, 1, line)
        c.font = Font(name=font, size=26, bold=True)
        c.alignment = Alignment(horizontal="center")
        ws.row_dimensions[12 + 2 * i].height = 40


def _table(ws, t: Table, top: int, first: bool, font: str) -> int:
    """Write `t` from row `top`; return the last row used."""
    n = t.ncols
    widths = t.widths or [1.0] * n
    if first:
        for c, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(c + 1)].width = CHARS[t.landscape] * w / sum(widths)
    row = top
    if t.label:
        ws.cell(row, 1, t.label).font = Font(name=font, size=10)
        row += 1
    ruled = t.title_in_grid
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    cell = ws.cell(row, 1, t.title)
    cell.font = Font(name=font, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = 30
    _box(ws, row, row, n, ruled)
    row += 1
    if t.subtitle:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
        cell = ws.cell(row, 1, t.subtitle)
        cell.font = Font(name=font, size=11)
        cell.alignment = Alignment(horizontal="center")
        _box(ws, row, row, n, ruled)
        row += 1
    left, right = t.context_left(), t.context_right()
    if left or right:
        split = max(1, n - 2)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=split)
        ws.merge_cells(start_row=row, start_column=split + 1, end_row=row, end_column=n)
        a = ws.cell(row, 1, left or "")
        b = ws.cell(row, split + 1, right or "")
        a.font = b.font = Font(name=font, size=10)
        a.alignment = Alignment(horizontal="left", vertical="center")
        b.alignment = Alignment(horizontal="right", vertical="center")
        _box(ws, row, row, n, ruled)
        row += 1
    g = t.grid()
    grid_top = row
    for r, values in enumerate(g.rows):
        header = r < t.header_count
        for c, text in enumerate(values):
            cell = ws.cell(grid_top + r, c + 1, text or None)
            cell.border = BOX
            cell.font = Font(name=font, size=t.font_pt + 1, bold=header or (r, c) in g.bold)
            numeric = not header and is_amount(text)
            cell.alignment = Alignment(
                horizontal="right" if numeric else ("center" if header else "left"), vertical="center", wrap_text=True
            )
    for r, c, rs, cs in g.merges:
        ws.merge_cells(start_row=grid_top + r, start_column=c + 1, end_row=grid_top + r + rs - 1, end_column=c + cs)
        if rs > 1 and r >= t.header_count:
            # Calc prints a centred merged cell wherever its middle falls, possibly a later page;
            # top alignment keeps the text on the page of its first row, where the grid puts it.
            cell = ws.cell(grid_top + r, c + 1)
            cell.alignment = Alignment(horizontal=cell.alignment.horizontal, vertical="top", wrap_text=True)
    col_chars = [CHARS[t.landscape] * w / sum(widths) for w in widths]
    for r, lines in enumerate(_lines_per_row(g, col_chars)):
        ws.row_dimensions[grid_top + r].height = 4 + lines * (t.font_pt + 5)
    if first and t.repeat_header and t.header_count:
        ws.print_title_rows = f"{grid_top}:{grid_top + t.header_count - 1}"
    row = grid_top + len(g.rows)
    if t.note:
        ws.cell(row, 1, t.note).font = Font(name=font, size=10)
        row += 1
    return row - 1


def _lines_per_row(g, col_chars: list[float]) -> list[int]:
    """Printed lines each grid row needs (Calc does not grow rows of an imported sheet by itself)."""
    spans = {(r, c): (rs, cs) for r, c, rs, cs in g.merges}
    need = [1] * len(g.rows)
    for r, row in enumerate(g.rows):
        for c, text in enumerate(row):
            if not text:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            width = sum(col_chars[c : c + cs]) - 1
            chars = sum(1.5 if ord(ch) > 0x2E80 else 0.8 for ch in text)
            lines = -(-int(chars) // max(1, int(width)))
            per_row = -(-lines // rs)
            for dr in range(rs):
                need[r + dr] = max(need[r + dr], per_row)
    return need


def _box(ws, r0: int, r1: int, n: int, ruled: bool) -> None:
    if not ruled:
        return
    for r in range(r0, r1 + 1):
        for c in range(1, n + 1):
            ws.cell(r, c).border = BOX
