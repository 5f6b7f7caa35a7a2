"""The one data model every sample is rendered from.

A document is a list of blocks (headings, paragraphs, tables, forms, page breaks).  Tables are
written like HTML tables (cells with colspan/rowspan); `Grid` expands them into the printed grid
of the truth convention (merged text top-left, "" in every covered position) and keeps the merge
list the renderers need.  The truth JSON is emitted from the same objects, so the PDF and the
truth cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class C:
    """A cell spec: text plus spans (a plain str means a 1x1 cell)."""

    text: str
    cs: int = 1
    rs: int = 1
    bold: bool = False


@dataclass
class Grid:
    """Expanded grid: `rows[r][c]` as printed; `merges` = (row, col, rowspan, colspan)."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]]
    bold: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def build_grid(spec: list[list[C | str]], ncols: int) -> Grid:
    """Place cells the way an HTML table does: left to right, skipping covered positions."""
    rows: list[list[str | None]] = []
    merges = []
    bold = set()

    def ensure(r: int) -> None:
        while len(rows) <= r:
            rows.append([None] * ncols)

    for r, row in enumerate(spec):
        ensure(r)
        c = 0
        for cell in row:
            if isinstance(cell, str):
                cell = C(cell)
            while c < ncols and rows[r][c] is not None:
                c += 1
            if c + cell.cs > ncols:
                raise ValueError(f"row {r} overflows {ncols} columns: {row}")
            for dr in range(cell.rs):
                ensure(r + dr)
                for dc in range(cell.cs):
                    if rows[r + dr][c + dc] is not None:
                        raise ValueError(f"overlapping cells at {r + dr},{c + dc}")
                    rows[r + dr][c + dc] = ""
            rows[r][c] = cell.text
            if cell.cs > 1 or cell.rs > 1:
                merges.append((r, c, cell.rs, cell.cs))
            if cell.bold:
                bold.add((r, c))
            c += cell.cs
    for r, row in enumerate(rows):
        if any(v is None for v in row):
            raise ValueError(f"row {r} not filled: {row}")
    return Grid([[v for v in row] for row in rows], merges, bold)


AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")


def is_amount(text: str) -> bool:
    """Printed like an amount (`1,234.56`, `866.53`, `0`, `-` for zero), not like a code (`2013150`)."""
    return text == "-" or bool(AMOUNT.match(text)) and ("." in text or "," in text or text == "0")


def printed(text: str) -> str:
    """The truth convention for a cell: whitespace removed between CJK, collapsed elsewhere."""
    text = re.sub(r"\s+", " ", text).strip()
    cjk = r"[\u3000-\u9fff\uff00-\uffef（）“”：，、]"
    return re.sub(rf"(?<={cjk}) (?={cjk})", "", text)


@dataclass
class Table:
    """One disclosure table as laid out on the page."""

    kind: str
    title: str
    header: list[list[C | str]]
    body: list[list[C | str]]
    ncols: int
    unit_name: str | None
    amount_unit: str | None
    unit_label: str = "单位名称："  # or 编制单位： / 部门：
    amount_label: str = "单位："  # or 金额单位：
    label: str | None = None  # e.g. 预算公开表1, printed above the title
    subtitle: str | None = None  # e.g. (2023年度), printed below the title
    note: str | None = None  # e.g. 注：本表无数据
    no_data: bool = False
    landscape: bool = False
    repeat_header: bool = True
    widths: list[float] | None = None  # relative column widths
    page_break_before: bool = True
    font_pt: float = 9
    title_in_grid: bool = False  # Excel style: title and unit lines are merged, ruled rows above the header

    def grid(self) -> Grid:
        return build_grid(self.header + self.body, self.ncols)

    @property
    def header_count(self) -> int:
        return len(self.header)

    def context_left(self) -> str | None:
        return f"{self.unit_label}{self.unit_name}" if self.unit_name else None

    def context_right(self) -> str | None:
        return f"{self.amount_label}{self.amount_unit}" if self.amount_unit else None

    def context_lines(self) -> list[str]:
        """The lines printed around the title that belong to the table, in reading order."""
        lines = [self.label, self.subtitle, self.context_left(), self.context_right()]
        return [printed(x) for x in lines if x]

    def truth(self) -> dict:
        g = self.grid()
        rows = [[printed(v) for v in row] for row in g.rows]
        return {
            "kind": self.kind,
            "title": printed(self.title),
            "pages": None,
            "body_row_pages": None,
            "amount_unit": self.amount_unit,
            "unit_name": self.unit_name,
            "no_data": self.no_data,
            "context_lines": self.context_lines(),
            "notes": [printed(self.note)] if self.note else [],
            "header_rows": rows[: self.header_count],
            "body_rows": rows[self.header_count :],
        }


@dataclass
class Indicator:
    l1: str
    l2: str
    l3: str
    value: str


@dataclass
class Form:
    """A 项目支出绩效目标申报表: header fields, funds block, goals and indicator rows."""

    title: str
    subtitle: str
    project: str
    department: str
    implementing_unit: str
    attribute: str
    period: str
    funds: list[tuple[str, str, str, str]]  # (label, amount, annual label, annual amount)
    texts: list[tuple[str, str]]  # 项目概况, 立项依据, ...
    goal_period: str
    goal_annual: str
    indicators: list[Indicator]
    annual: list[Indicator]  # same l1/l2 structure, 年度 texts
    footer: list[str]  # 负责人:, name, 经办人:, ...
    landscape: bool = False

    def table(self) -> Table:
        """The form as the 8-column ruled grid it is printed as."""
        body: list[list[C | str]] = [
            [C("项目名称", 2), C(self.project, 6)],
            [C("主管部门及代码", 2), C(self.department, 2), "实施单位", C(self.implementing_unit, 3)],
            [C("项目属性", 2), C(self.attribute, 2), "项目期", C(self.period, 3)],
        ]
        for i, (a, b, c, d) in enumerate(self.funds):
            row: list[C | str] = [C("项目资金(元)", 2, len(self.funds))] if i == 0 else []
            body.append(row + [a, b, C(c, 2), C(d, 2)])
        for label, text in self.texts:
            body.append([C(label, 2), C(text, 6)])
        body.append([C("总体目标", 2, 2), C("实施期目标", 3), C("年度目标", 3)])
        body.append([C(self.goal_period, 3), C(self.goal_annual, 3)])
        n = len(self.indicators)
        body.append(
            [C("绩效指标", 1, n + 1), "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
        )
        for i, (ind, ann) in enumerate(zip(self.indicators, self.annual)):
            row = []
            if i == 0 or self.indicators[i - 1].l1 != ind.l1:
                row.append(C(ind.l1, 1, _run(self.indicators, i, lambda x: x.l1)))
            same_l2 = i > 0 and self.indicators[i - 1].l1 == ind.l1 and self.indicators[i - 1].l2 == ind.l2
            span = _run(self.indicators, i, lambda x: (x.l1, x.l2))
            if not same_l2:
                row.append(C(ind.l2, 1, span))
            row += [ind.l3, ind.value]
            if not same_l2:
                row.append(C(ann.l2, 1, span))
            row += [ann.l3, ann.value]
            body.append(row)
        body.append(self.footer)
        return Table(
            kind="performance_targets",
            title=self.title,
            subtitle=self.subtitle,
            header=[],
            body=body,
            ncols=8,
            unit_name=None,
            amount_unit=None,
            landscape=self.landscape,
            widths=[0.9, 1.2, 1.4, 2.0, 1.5, 1.8, 1.9, 2.2],
            font_pt=8,
        )

    def funds_total(self) -> str:
        return f"{Decimal(self.funds[0][1].replace(',', '')):.2f}"

    def truth(self) -> dict:
        return {
            "title": printed(self.title),
            "pages": None,
            "project": printed(self.project),
            "department": printed(self.department),
            "implementing_unit": printed(self.implementing_unit),
            "funds_total": self.funds_total(),
            "indicators": [[printed(x) for x in (i.l1, i.l2, i.l3, i.value)] for i in self.indicators],
            "annual_indicators": [[printed(x) for x in (i.l1, i.l2, i.l3, i.value)] for i in self.annual],
        }


def _run(items, i, key) -> int:
    """How many consecutive items from i share key(items[i])."""
    n = 1
    while i + n < len(items) and key(items[i + n]) == key(items[i]):
        n += 1
    return n


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    bold: bool = False
    size: float = 11


@dataclass
class PageBreak:
    pass


@dataclass
class Cover:
    lines: list[str]


Block = Heading | Para | PageBreak | Cover | Table | Form


@dataclass
class Document:
    stem: str
    unit: str
    year: int
    document_kind: str
    blocks: list[Block]
    landscape: bool = False  # default orientation
    font: str = "Noto Serif CJK SC"

    def tables(self) -> list[Table]:
        out = []
        for b in self.blocks:
            if isinstance(b, Table):
                out.append(b)
            elif isinstance(b, Form):
                out.append(b.table())
        return out

    def forms(self) -> list[Form]:
        return [b for b in self.blocks if isinstance(b, Form)]
