"""HTML for headless Chromium (`--print-to-pdf`, Skia PDF backend)."""

from __future__ import annotations

import html

from .model import Cover, Document, Form, Heading, PageBreak, Para, Table, is_amount


CSS = """
@page { size: A4; margin: 16mm 14mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm; }
body { font-family: "FONT", serif; font-size: 11pt; }
.wide { page: wide; }
.brk { break-before: page; }
.cover { text-align: center; padding-top: 70mm; }
.cover p { font-size: 24pt; font-weight: bold; margin: 12mm 0; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; }
p { text-indent: 2em; line-height: 1.6; margin: 2pt 0; }
.label { text-indent: 0; font-size: 10pt; }
.title { text-indent: 0; text-align: center; font-size: 15pt; font-weight: bold; margin: 6pt 0; }
.subtitle { text-indent: 0; text-align: center; font-size: 11pt; }
.ctx { display: flex; justify-content: space-between; font-size: 10pt; margin: 4pt 0; }
.note { text-indent: 0; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; text-align: center; }
td.n { text-align: right; }
td.l { text-align: left; }
tr { break-inside: avoid; }
"""


def render(doc: Document) -> str:
    """The whole document as one HTML page; tables with `landscape` go on `@page wide`."""
    out = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>{CSS.replace('FONT', doc.font)}</style></head><body>"]
    pending_break = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        brk = " brk" if pending_break else ""
        pending_break = False
        if isinstance(block, Cover):
            out.append(f"<div class='cover{brk}'>" + "".join(f"<p>{_e(x)}</p>" for x in block.lines) + "</div>")
        elif isinstance(block, Heading):
            out.append(f"<h{block.level} class='{brk.strip()}'>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p class='{brk.strip()}'>{_e(block.text)}</p>")
        elif isinstance(block, Form):
            out.append(_table(block.table(), force_break=bool(brk)))
        elif isinstance(block, Table):
            out.append(_table(block, force_break=bool(brk)))
    out.append("</body></html>")
    return "\n".join(out)


def _e(text: str) -> str:
    return html.escape(text)


def _table(t: Table, force_break: bool = False) -> str:
    classes = []
    if t.landscape:
        classes.append("wide")
    if t.page_break_before or force_break:
        classes.append("brk")
    parts = [f"<div class='{' '.join(classes)}'>"]
    if t.label:
        parts.append(f"<p class='label'>{_e(t.label)}</p>")
    parts.append(f"<p class='title'>{_e(t.title)}</p>")
    if t.subtitle:
        parts.append(f"<p class='subtitle'>{_e(t.subtitle)}</p>")
    left, right = t.context_left(), t.context_right()
    if left or right:
        parts.append(f"<div class='ctx'><span>{_e(left or '')}</span><span>{_e(right or '')}</span></div>")
    parts.append(_grid_html(t))
    if t.note:
        parts.append(f"<p class='note'>{_e(t.note)}</p>")
    parts.append("</div>")
    return "".join(parts)


def _grid_html(t: Table) -> str:
    g = t.grid()
    covered = set()
    starts = {}
    for r, c, rs, cs in g.merges:
        starts[(r, c)] = (rs, cs)
        for dr in range(rs):
            for dc in range(cs):
                if dr or dc:
                    covered.add((r + dr, c + dc))
    widths = t.widths or [1.0] * t.ncols
    total = sum(widths)
    cols = "".join(f"<col style='width:{100 * w / total:.2f}%'>" for w in widths)
    rows_html = []
    for r, row in enumerate(g.rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = starts.get((r, c), (1, 1))
            span = (f" rowspan='{rs}'" if rs > 1 else "") + (f" colspan='{cs}'" if cs > 1 else "")
            header = r < t.header_count
            cls = "" if header else ("n" if is_amount(text) else "l")
            inner = f"<b>{_e(text)}</b>" if (r, c) in g.bold else _e(text)
            cells.append(f"<td class='{cls}'{span}>{inner}</td>")
        rows_html.append("<tr>" + "".join(cells) + "</tr>")
    h = t.header_count if t.repeat_header else 0
    head = f"<thead>{''.join(rows_html[:h])}</thead>" if h else ""
    return (
        f"<table style='font-size:{t.font_pt}pt'><colgroup>{cols}</colgroup>{head}"
        f"<tbody>{''.join(rows_html[h:])}</tbody></table>"
    )

