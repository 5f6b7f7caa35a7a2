"""Invented disclosures that differ from the seed the way real files differ.

- 江海市交通运输局 2025 部门预算 (three units, 元 with thousands separators, codes split over
  类|款|项, title and unit lines inside the ruled area, landscape, print-title header rows,
  rows per unit, a long project table over several pages) → LibreOffice Calc.
- 江海市规划和自然资源局 2024 部门决算 (万元, the 决算 table set with a two-panel basic
  expenditure table, budget-vs-final 三公 table, a long table WITHOUT repeated header) → Chromium.
- 江海市交通技师学院 2026 单位预算 (金额单位：元, 编制单位：, codes in one column, 合计 at the
  bottom, several tables on one page) → LibreOffice Writer.

All amounts come from numbers.py (seeded, integer cents), so every identity holds exactly.
"""

from __future__ import annotations

from collections import defaultdict

from .model import C, Cover, Document, Heading, PageBreak, Para, Table
from .numbers import FUNCTION_CLASSES, NAMES, Amounts, draw, hierarchy, rng, split, total

GENERAL, FUND, SPECIAL, UNIT_FUNDS = "general", "fund", "special", "unit_funds"
SOURCES = [GENERAL, FUND, "state_capital", SPECIAL, UNIT_FUNDS]


def _name(code: str) -> str:
    return NAMES[code]


def _split_code(code: str) -> list[str]:
    """类|款|项 columns, each child repeating its parents' parts."""
    return [code[:3], code[3:5], code[5:7]]


def _class_rows(by_class: dict[str, int], fmt, numbered: bool = True, present_only: bool = False):
    """Function 类 rows of a summary table: (label, amount text)."""
    out = []
    for code, label in FUNCTION_CLASSES:
        if present_only and not by_class.get(code):
            continue
        out.append((label if numbered else NAMES.get(code, label.split("、")[1]), fmt(by_class.get(code, 0))))
    return out


# ---------------------------------------------------------------- 江海市交通运输局 2025 (Calc)

class TransportBudget:
    """Entries (unit, code, source, basic?, project name, cents) → all the department's tables."""

    YEAR = 2025
    DEPT = "江海市交通运输局"
    UNITS = [
        ("101001", "江海市交通运输局（本级）"),
        ("101002", "江海市公路事业发展中心"),
        ("101003", "江海市交通运输综合行政执法支队"),
    ]
    BASIC = {
        "101001": ["2140101", "2080505", "2080506", "2101101", "2210201"],
        "101002": ["2140106", "2080505", "2080506", "2101102", "2210201"],
        "101003": ["2140110", "2080505", "2101101", "2210201"],
    }
    PROJECTS = {
        "101001": [
            ("2140102", GENERAL, ["交通运输行业统计调查", "交通规划前期研究", "道路运输行业监管信息系统运维", "交通运输安全生产检查",
                                  "行业诚信体系建设", "交通运输应急物资储备", "城乡客运一体化补贴", "政务服务窗口运行保障"]),
            ("2140112", GENERAL, ["公路运输管理专项", "出租汽车行业监管", "网约车平台监管系统", "驾培行业监管"]),
            ("2120803", FUND, ["城市道路综合改造配套", "公交场站建设配套"]),
        ],
        "101002": [
            ("2140104", GENERAL, ["国省干线公路改造工程", "农村公路提档升级", "危桥改造工程", "公路安全生命防护工程",
                                  "干线公路服务区建设", "公路桥梁检测评定"]),
            ("2140106", GENERAL, ["干线公路日常养护", "公路绿化养护", "路面预防性养护", "桥梁日常养护", "隧道机电设施维护",
                                  "公路灾毁抢修", "冬季除雪保通"]),
            ("2140106", UNIT_FUNDS, ["路政许可技术服务", "养护机械设备更新"]),
            ("2140199", GENERAL, ["公路信息化平台运维", "公路超限检测站运行"]),
        ],
        "101003": [
            ("2140110", GENERAL, ["执法装备购置", "执法车辆运行维护", "治超非现场执法系统建设", "执法人员培训",
                                  "执法记录仪更新", "水路执法船艇维护"]),
        ],
    }
    ECONOMIC_PERSONNEL = ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
                          "30199", "30302", "30305", "30307", "30309"]
    ECONOMIC_PUBLIC = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216",
                       "30217", "30226", "30227", "30228", "30229", "30231", "30239", "30299", "31002", "31007"]

    def __init__(self):
        r = rng(2025)
        self.fmt = Amounts("元", zero="").fmt
        self.entries = []  # (unit, code, source, project name or None, cents)
        for unit, codes in self.BASIC.items():
            for code in codes:
                low, high = (3e6, 9e6) if code.startswith("214") else (2e5, 9e5)
                self.entries.append((unit, code, GENERAL, None, draw(r, low, high)))
        for unit, groups in self.PROJECTS.items():
            for code, source, names in groups:
                for name in names:
                    self.entries.append((unit, code, source, name, draw(r, 5e4, 3e6)))
        basic_total = sum(e[4] for e in self.entries if e[3] is None)
        personnel = basic_total * 82 // 100
        self.economic = dict(zip(self.ECONOMIC_PERSONNEL, split(r, personnel, len(self.ECONOMIC_PERSONNEL))))
        self.economic.update(zip(self.ECONOMIC_PUBLIC, split(r, basic_total - personnel, len(self.ECONOMIC_PUBLIC))))
        self.three = {"abroad": 0, "reception": draw(r, 2e4, 6e4), "buy": draw(r, 2e5, 3e5), "run": draw(r, 3e5, 6e5)}

    # aggregations --------------------------------------------------------
    def leaves(self, sources=None) -> dict[str, list[int]]:
        """code → [total, basic, project] over the given funding sources."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for _, code, source, project, cents in self.entries:
            if sources and source not in sources:
                continue
            row = out[code]
            row[0] += cents
            row[1 if project is None else 2] += cents
        return dict(out)

    def by_source(self, unit=None) -> dict[str, int]:
        out = defaultdict(int)
        for u, _, source, _, cents in self.entries:
            if unit is None or u == unit:
                out[source] += cents
        return out

    def by_class(self, sources=None) -> dict[str, int]:
        out = defaultdict(int)
        for code, (t, _, _) in self.leaves(sources).items():
            out[code[:3]] += t
        return out

    # tables ---------------------------------------------------------------
    def _t(self, kind, title, header, body, ncols, **kw) -> Table:
        kw.setdefault("landscape", True)
        return Table(kind, f"{self.YEAR}年{title}", header, body, ncols, self.DEPT, "元",
                     unit_label="编制单位：", title_in_grid=True, **kw)

    def budget_summary(self) -> Table:
        src = self.by_source()
        f = self.fmt
        revenue = [("一、一般公共预算拨款收入", src[GENERAL]), ("二、政府性基金预算拨款收入", src[FUND]),
                   ("三、国有资本经营预算拨款收入", 0), ("四、财政专户管理资金收入", 0), ("五、单位资金收入", src[UNIT_FUNDS])]
        spend = [(label, amount) for label, amount in _class_rows(self.by_class(), f, present_only=True)]
        n = max(len(revenue), len(spend))
        body = []
        for i in range(n):
            left = [revenue[i][0], f(revenue[i][1])] if i < len(revenue) else ["", ""]
            right = list(spend[i]) if i < len(spend) else ["", ""]
            body.append(left + right)
        grand = f(sum(src.values()))
        body += [["本年收入合计", grand, "本年支出合计", grand], ["上年结转", "", "年终结转", ""],
                 ["收入总计", grand, "支出总计", grand]]
        header = [[C("收入", 2), C("支出", 2)], ["项目", "预算数", "项目", "预算数"]]
        return self._t("budget_summary", "部门财务收支预算总表", header, body, 4, widths=[3, 1.4, 3, 1.4])

    def revenue_summary(self) -> Table:
        f = self.fmt
        header = [
            [C("单位编码", 1, 2), C("单位名称", 1, 2), C("本年收入", 6), C("上年结转", 1, 2)],
            ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"],
        ]

        def row(src):
            return [f(sum(src.values()))] + [f(src.get(s, 0)) for s in SOURCES] + [""]

        body = [[C("合计", 2)] + row(self.by_source())]
        body += [[code, name] + row(self.by_source(code)) for code, name in self.UNITS]
        return self._t("revenue_summary", "部门收入预算总表", header, body, 9,
                       widths=[1, 3, 1.3, 1.3, 1.2, 1.2, 1.2, 1.2, 1])

    def _split_coded(self, kind, title, leaves) -> Table:
        f = self.fmt
        header = [
            [C("功能分类科目编码", 3), C("功能分类科目名称", 1, 2), C("合计", 1, 2), C("基本支出", 1, 2), C("项目支出", 1, 2)],
            ["类", "款", "项"],
        ]
        body = [[C("合计", 4)] + [f(v) for v in total(leaves, 3)]]
        for code, values in hierarchy(leaves, 3):
            parts = _split_code(code) if len(code) == 7 else (_split_code(code)[:2] + [""] if len(code) == 5 else [code, "", ""])
            body.append(parts + [_name(code)] + [f(v) for v in values])
        return self._t(kind, title, header, body, 7, widths=[0.7, 0.7, 0.7, 4, 1.6, 1.6, 1.6])

    def expenditure_summary(self) -> Table:
        return self._split_coded("expenditure_summary", "部门支出预算总表", self.leaves())

    def general_budget(self) -> Table:
        return self._split_coded("general_budget_expenditure", "一般公共预算支出功能分类预算表", self.leaves({GENERAL}))

    def appropriation_summary(self) -> Table:
        f = self.fmt
        src = self.by_source()
        approp = {GENERAL, FUND}
        gen, fund = self.by_class({GENERAL}), self.by_class({FUND})
        revenue = [("一、一般公共预算拨款", src[GENERAL]), ("二、政府性基金预算拨款", src[FUND]), ("三、国有资本经营预算拨款", 0)]
        classes = [(code, label) for code, label in FUNCTION_CLASSES if gen.get(code) or fund.get(code)]
        body = []
        for i in range(max(len(revenue), len(classes))):
            left = [revenue[i][0], f(revenue[i][1])] if i < len(revenue) else ["", ""]
            if i < len(classes):
                code, label = classes[i]
                g, d = gen.get(code, 0), fund.get(code, 0)
                right = [label, f(g + d), f(g), f(d), ""]
            else:
                right = ["", "", "", "", ""]
            body.append(left + right)
        t = sum(src[s] for s in approp)
        body += [
            ["本年收入合计", f(t), "本年支出合计", f(t), f(src[GENERAL]), f(src[FUND]), ""],
            ["上年结转", "", "年终结转", "", "", "", ""],
            ["收入总计", f(t), "支出总计", f(t), f(src[GENERAL]), f(src[FUND]), ""],
        ]
        header = [
            [C("收入", 2), C("支出", 5)],
            [C("项目", 1, 2), C("预算数", 1, 2), C("项目", 1, 2), C("预算数", 4)],
            ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        ]
        return self._t("appropriation_summary", "财政拨款收支预算总表", header, body, 7,
                       widths=[2.6, 1.4, 2.8, 1.4, 1.4, 1.4, 1.2])

    def basic_economic(self) -> Table:
        f = self.fmt
        leaves = {code: [v, v if code[:3] in ("301", "303") else 0, v if code[:3] in ("302", "310") else 0]
                  for code, v in self.economic.items()}
        header = [[C("经济分类科目编码", 1, 2), C("经济分类科目名称", 1, 2), C("一般公共预算基本支出", 3)],
                  ["合计", "人员经费", "公用经费"]]
        body = [[C("合计", 2)] + [f(v) for v in total(leaves, 3)]]
        rows = defaultdict(lambda: [0, 0, 0])
        for code, values in leaves.items():
            for key in (code[:3], code):
                rows[key] = [a + b for a, b in zip(rows[key], values)]
        for code in sorted(rows):
            body.append([code, _name(code)] + [f(v) for v in rows[code]])
        return self._t("basic_expenditure_by_economic", "一般公共预算基本支出部门预算经济分类预算表", header, body, 5,
                       widths=[1.4, 4, 1.6, 1.6, 1.6])

    def gov_fund(self) -> Table:
        leaves = self.leaves({FUND})
        return self._split_coded("gov_fund_expenditure", "政府性基金预算支出表", leaves)

    def state_capital(self) -> Table:
        header = [
            [C("功能分类科目编码", 3), C("功能分类科目名称", 1, 2), C("合计", 1, 2), C("基本支出", 1, 2), C("项目支出", 1, 2)],
            ["类", "款", "项"],
        ]
        body = [[C("合计", 4), "", "", ""]]
        return self._t("state_capital_budget", "国有资本经营预算支出表", header, body, 7, note="注：本部门无国有资本经营预算支出，本表无数据。",
                       no_data=True, page_break_before=False, widths=[0.7, 0.7, 0.7, 4, 1.6, 1.6, 1.6])

    def three_public(self) -> Table:
        f = self.fmt
        th = self.three
        car = th["buy"] + th["run"]
        header = [
            [C("“三公”经费合计", 1, 2), C("因公出国（境）费", 1, 2), C("公务用车购置及运行费", 3), C("公务接待费", 1, 2)],
            ["小计", "公务用车购置费", "公务用车运行费"],
        ]
        body = [[f(th["abroad"] + car + th["reception"]), f(th["abroad"]), f(car), f(th["buy"]), f(th["run"]), f(th["reception"])]]
        return self._t("three_public_expenses", "一般公共预算“三公”经费支出预算表", header, body, 6,
                       widths=[1.5, 1.5, 1.5, 1.5, 1.5, 1.5])

    def projects(self) -> Table:
        f = self.fmt
        header = [[C("单位名称", 1, 2), C("项目名称", 1, 2), C("合计", 1, 2), C("财政拨款", 3), C("财政专户管理资金", 1, 2),
                   C("单位资金", 1, 2)],
                  ["一般公共预算", "政府性基金预算", "国有资本经营预算"]]

        def amounts(entries):
            by = defaultdict(int)
            for e in entries:
                by[e[2]] += e[4]
            return [f(sum(by.values()))] + [f(by.get(s, 0)) for s in SOURCES]

        projects = [e for e in self.entries if e[3] is not None]
        body = [[C("合计", 2)] + amounts(projects)]
        for code, name in self.UNITS:
            mine = [e for e in projects if e[0] == code]
            for i, e in enumerate(mine):
                first = [C(name, 1, len(mine))] if i == 0 else []
                body.append(first + [e[3]] + amounts([e]))
        return self._t("project_expenditure", "项目支出预算表", header, body, 8,
                       widths=[2.6, 3.2, 1.4, 1.4, 1.3, 1.3, 1.3, 1.2])

    def document(self, stem: str) -> Document:
        y = self.YEAR
        blocks = [
            Cover([self.DEPT, f"{y}年部门预算"]),
            PageBreak(),
            Heading("第一部分 部门概况", 1),
            Para("一、主要职能：贯彻执行国家和省、市关于交通运输工作的方针政策和法律法规，拟订全市公路、水路交通运输发展规划并组织实施；负责公路、水路交通运输行业管理和安全监管；承担交通运输综合行政执法工作。"),
            Para("二、部门预算单位构成：本部门预算包括局本级及所属江海市公路事业发展中心、江海市交通运输综合行政执法支队共3个预算单位。"),
            Para(f"三、收支预算总体情况：{y}年部门收入预算与支出预算平衡，详见下列各表（金额单位：元）。"),
            self.budget_summary(), self.revenue_summary(), self.expenditure_summary(), self.appropriation_summary(),
            self.general_budget(), self.basic_economic(), self.gov_fund(), self.state_capital(), self.three_public(),
            self.projects(),
        ]
        return Document(stem, self.DEPT, y, "department_budget", blocks, landscape=True)


PLAN = [
    (lambda: TransportBudget().document("jianghai_2025_dept_budget_transport_calc"), "calc",
     [("gs", "gs"), ("aes256", "aes256")]),
]
