"""Find each table in the rendered PDF and check the truth against the printed text.

The truth's page numbers are MEASURED here (never guessed), and every non-empty truth cell must
be found, in reading order, in `pdftotext -raw` of the pages the table claims.  Anything that
does not match raises `Mismatch`, so the generator fails loudly instead of writing wrong truth.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

WS = re.compile(r"\s+")
# Cells a wrap would corrupt (a reader cannot know whether to join the pieces with a space).
UNBROKEN = re.compile(r"^[-0-9A-Za-z,.%]+$")


class Mismatch(Exception):
    pass


def _strip(text: str) -> str:
    return WS.sub("", text)


@dataclass
class PdfText:
    raw: list[str]  # per page, whitespace removed
    plain: list[str]  # per page, as extracted
    lines: list[set[str]]  # per page, -layout lines with whitespace removed
    offsets: list[int]  # start of each page in the joined raw stream
    stream: str

    @classmethod
    def load(cls, pdf: str) -> "PdfText":
        raw = _pages(pdf, "-raw")
        lay = _pages(pdf, "-layout")
        stripped = [_strip(p) for p in raw]
        offsets, pos = [], 0
        for p in stripped:
            offsets.append(pos)
            pos += len(p)
        lines = [{_strip(line) for line in p.splitlines()} for p in lay]
        return cls(stripped, raw, lines, offsets, "".join(stripped))

    def page_of(self, offset: int) -> int:
        page = 0
        for i, start in enumerate(self.offsets):
            if start <= offset:
                page = i
        return page


def _pages(pdf: str, mode: str) -> list[str]:
    out = subprocess.run(["pdftotext", mode, "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True, text=True)
    pages = out.stdout.split("\f")
    return pages[:-1] if pages and pages[-1].strip() == "" else pages


def locate(pdf: str, tables: list[dict], by_line: bool = True) -> None:
    """Fill `pages` of each truth table (in document order) from the PDF, verifying every cell.

    A title must be a line of its own (`by_line`), which skips the table of contents; on rotated
    pages `-layout` no longer yields lines, so there the raw text of the page is searched.
    Producers draw cells in different orders (Calc draws wrapped cells last), so rows are placed
    page by page rather than cell by cell: a row lies on the first page, not before the previous
    row's, that still holds an unused occurrence of every one of its non-empty cells.
    """
    text = PdfText.load(pdf)
    used = [dict() for _ in text.raw]
    page = 0
    previous = None
    for t in tables:
        if t["title"] == previous:
            page += 1  # the same title again (绩效目标 forms): the next occurrence
        previous = t["title"]
        title = _strip(t["title"])
        context = [_strip(x) for x in (t.get("unit_name"), t.get("amount_unit")) if x]
        first = next(
            (p for p in range(page, len(text.raw)) if title in (text.lines[p] if by_line else text.raw[p]) and all(x in text.raw[p] for x in context)),
            None,
        )
        if first is None:
            raise Mismatch(f"{pdf}: title {t['title']!r} not found as a line from page {page + 1}")
        row_page = first
        pages = []
        for r, row in enumerate(t["header_rows"] + t["body_rows"]):
            cells = [_strip(c) for c in row if c]
            if not cells:
                pages.append(row_page + 1)
                continue
            found = next((p for p in range(row_page, len(text.raw)) if _fits(text.raw[p], used[p], cells)), None)
            if found is None:
                missing = [c for c in cells if c not in text.stream[text.offsets[row_page]:]]
                raise Mismatch(f"{pdf}: {t['title']} row {r} {row} not found from page {row_page + 1} (missing {missing})")
            for c in cells:
                used[found][c] = used[found].get(c, 0) + 1
                if UNBROKEN.match(c) and c not in text.plain[found]:
                    raise Mismatch(f"{pdf}: {t['title']} row {r}: {c!r} is broken over lines (widen its column)")
            row_page = found
            pages.append(row_page + 1)
        for line in t["context_lines"]:
            if _strip(line) not in text.raw[first]:
                raise Mismatch(f"{pdf}: {t['title']}: context line {line!r} not on page {first + 1}")
        for note in t["notes"]:
            if not any(_strip(note) in text.raw[p] for p in (row_page, row_page + 1) if p < len(text.raw)):
                raise Mismatch(f"{pdf}: {t['title']}: note {note!r} not found after the table")
        if t["no_data"] != any("本表无数据" in n or "本表为空" in n for n in t["notes"]):
            raise Mismatch(f"{pdf}: {t['title']}: no_data disagrees with the notes")
        t["pages"] = [first + 1, row_page + 1]
        t["body_row_pages"] = pages[len(t["header_rows"]) :]
        page = first


def _fits(page_text: str, used: dict[str, int], cells: list[str]) -> bool:
    need: dict[str, int] = {}
    for c in cells:
        need[c] = need.get(c, 0) + 1
    return all(page_text.count(c) >= used.get(c, 0) + n for c, n in need.items())


def check_same(pdf: str, tables: list[dict], by_line: bool = True) -> None:
    """A derived copy must show the same tables on the same pages."""
    expected = [(list(t["pages"]), t["body_row_pages"]) for t in tables]
    copy = [dict(t, pages=None) for t in tables]
    locate(pdf, copy, by_line)
    found = [(t["pages"], t["body_row_pages"]) for t in copy]
    if found != expected:
        raise Mismatch(f"{pdf}: pages {found} differ from the source's {expected}")


def page_count(pdf: str) -> int:
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def producer(pdf: str) -> str:
    out = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    m = re.search(r"^Producer:\s+(.*)$", out, re.M)
    return m.group(1).strip() if m else ""


def has_text(pdf: str) -> bool:
    return any(p for p in _pages(pdf, "-raw") if _strip(p))
