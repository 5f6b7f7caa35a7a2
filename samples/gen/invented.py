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


def _class_rows(by_class: dict[str, int], fmt, present_only: bool = False) -> list[tuple[str, str]]:
    """Function 类 rows of a summary table: (numbered label, amount text); all 类 or those with data."""
    return [(label, fmt(by_class.get(code, 0))) for code, label in FUNCTION_CLASSES
            if by_class.get(code) or not present_only]


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
        spend = _class_rows(self.by_class(), f, present_only=True)
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


# ------------------------------------------------------- 江海市规划和自然资源局 2024 决算 (Chromium)

class PlanningFinal:
    """A 部门决算 in 万元: per 项 code appropriation (basic/project), other income and carry-over."""

    YEAR = 2024
    DEPT = "江海市规划和自然资源局"
    DUTIES = {
        "本部门": "一、主要职能：履行全民所有土地、矿产、森林、湿地、水等自然资源资产所有者职责和所有国土空间用途管制职责；负责自然资源调查监测评价、统一确权登记、国土空间规划和测绘地理信息管理等工作。",
        "本单位": "一、主要职能：负责本市不动产统一登记、登记资料管理和登记信息查询服务，承担不动产权籍调查和测绘成果审核等工作。",
    }
    BASIC = ["2200101", "2200103", "2200150", "2080501", "2080502", "2080505", "2080506", "2080599",
             "2101101", "2101102", "2101103", "2101199", "2210201", "2210202", "2210203"]
    PROJECT = ["2200102", "2200104", "2200106", "2200107", "2200108", "2200109", "2200112", "2200113",
               "2200114", "2200128", "2200129", "2200199", "2120201"]
    PERSONNEL = ["30101", "30102", "30103", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
                 "30199", "30302", "30305", "30307", "30309"]
    PUBLIC = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30215", "30216",
              "30217", "30226", "30228", "30229", "30231", "30239", "30299", "31002", "31007"]

    def __init__(self, name: str = DEPT, kind: str = "department_final_account", seed: int = 2024,
                 unit_label: str = "编制部门：", font: str = "WenQuanYi Zen Hei", zero: str = ""):
        self.name, self.kind, self.unit_label, self.font = name, kind, unit_label, font
        self.who = "本部门" if kind.startswith("department") else "本单位"
        r = rng(seed)
        self.fmt = Amounts("万元", zero=zero).fmt
        # code → [appropriation basic, appropriation project, other basic, other project, carry], where
        # carry > 0 is spent from the opening balance and carry < 0 is left for next year
        self.leaf: dict[str, list[int]] = {}
        for code in self.BASIC:
            big = code.startswith("220")
            self.leaf[code] = [draw(r, 300, 2500) if big else draw(r, 8, 160), 0,
                               draw(r, 5, 80) if code == "2200150" else 0, 0, 0]
        for code in self.PROJECT:
            other = draw(r, 10, 90) if code in ("2200109", "2200129") else 0
            self.leaf[code] = [0, draw(r, 20, 1800), 0, other, 0]
        for code in ("2200104", "2200112", "2200129"):
            self.leaf[code][4] = draw(r, 5, 60)  # spent from the opening balance
        self.leaf["2200109"][4] = -min(draw(r, 5, 40), self.leaf["2200109"][1] // 2)  # left over for next year
        basic_total = sum(v[0] for v in self.leaf.values())
        personnel = basic_total * 85 // 100
        self.economic = dict(zip(self.PERSONNEL, split(r, personnel, len(self.PERSONNEL))))
        self.economic.update(zip(self.PUBLIC, split(r, basic_total - personnel, len(self.PUBLIC))))
        self.three_budget = {"abroad": 0, "buy": 0, "run": draw(r, 8, 12), "reception": draw(r, 1, 3)}
        self.three_final = {"abroad": 0, "buy": 0, "run": self.three_budget["run"] - draw(r, 0, 2),
                            "reception": self.three_budget["reception"] - draw(r, 0, 0.5)}

    def expenditure(self) -> dict[str, list[int]]:
        """code → [total, basic, project] actually spent; carry-over moves project spending."""
        out = {}
        for c, v in self.leaf.items():
            basic, project = v[0] + v[2], v[1] + v[3] + v[4]
            out[c] = [basic + project, basic, project]
        return out

    def revenue(self) -> dict[str, list[int]]:
        """code → [total, appropriation, business income, other income] received this year."""
        out = {}
        for c, v in self.leaf.items():
            own = v[2] + v[3]
            business = own * 7 // 10
            out[c] = [v[0] + v[1] + own, v[0] + v[1], business, own - business]
        return out

    def appropriation(self) -> dict[str, list[int]]:
        return {c: [v[0] + v[1], v[0], v[1]] for c, v in self.leaf.items()}

    def carry(self) -> tuple[int, int]:
        """(年初结转和结余, 年末结转和结余)."""
        return (sum(v[4] for v in self.leaf.values() if v[4] > 0), -sum(v[4] for v in self.leaf.values() if v[4] < 0))

    def _t(self, kind, title, header, body, ncols, **kw) -> Table:
        return Table(kind, title, header, body, ncols, self.name, "万元", unit_label=self.unit_label, **kw)

    def _coded(self, leaves, width):
        f = self.fmt
        rows = [[C("合计", 2)] + [f(v) for v in total(leaves, width)]]
        rows += [[code, _name(code)] + [f(v) for v in values] for code, values in hierarchy(leaves, width)]
        return rows

    def final_summary(self) -> Table:
        f = self.fmt
        rev, exp = total(self.revenue(), 4), total(self.expenditure(), 3)
        opening, closing = self.carry()
        left = [("一、一般公共预算财政拨款收入", rev[1]), ("二、政府性基金预算财政拨款收入", 0),
                ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", rev[2]),
                ("六、经营收入", 0), ("七、附属单位上缴收入", 0), ("八、其他收入", rev[3])]
        by_class = defaultdict(int)
        for code, v in self.expenditure().items():
            by_class[code[:3]] += v[0]
        right = _class_rows(by_class, f)
        body = []
        for i in range(max(len(left), len(right))):
            a = [left[i][0], f(left[i][1])] if i < len(left) else ["", ""]
            body.append(a + (list(right[i]) if i < len(right) else ["", ""]))
        body += [["本年收入合计", f(rev[0]), "本年支出合计", f(exp[0])],
                 ["年初结转和结余", f(opening), "年末结转和结余", f(closing)],
                 ["总计", f(rev[0] + opening), "总计", f(exp[0] + closing)]]
        header = [[C("收入", 2), C("支出", 2)], ["项目", "决算数", "项目", "决算数"]]
        return self._t("final_summary", "收入支出决算总表", header, body, 4, widths=[3, 1.2, 3, 1.2])

    def final_revenue(self) -> Table:
        labels = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        header = [[C("项目", 2)] + [C(x, 1, 2) for x in labels],
                  ["科目编码", "科目名称"],
                  [C("栏次", 2)] + [str(i) for i in range(1, 8)]]
        leaves = {c: [v[0], v[1], 0, v[2], 0, 0, v[3]] for c, v in self.revenue().items()}
        return self._t("final_revenue", "收入决算表", header, self._coded(leaves, 7), 9,
                       widths=[1, 3.2, 1.1, 1.1, 1, 1, 1, 1.1, 1], landscape=True)

    def final_expenditure(self) -> Table:
        header = [[C("项目", 2)] + [C(x, 1, 2) for x in ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                                                             "对附属单位补助支出")],
                  ["科目编码", "科目名称"],
                  [C("栏次", 2)] + [str(i) for i in range(1, 7)]]
        leaves = {c: v + [0, 0, 0] for c, v in self.expenditure().items()}
        return self._t("final_expenditure", "支出决算表", header, self._coded(leaves, 6), 8, repeat_header=False,
                       widths=[1, 3.4, 1.1, 1.1, 1.1, 1, 1, 1.1])

    def final_appropriation_summary(self) -> Table:
        f = self.fmt
        app = total(self.appropriation(), 3)
        by_class = defaultdict(int)
        for code, v in self.appropriation().items():
            by_class[code[:3]] += v[0]
        classes = [(label, by_class[code]) for code, label in FUNCTION_CLASSES if by_class.get(code)]
        left = [("一、一般公共预算财政拨款", app[0]), ("二、政府性基金预算财政拨款", 0), ("三、国有资本经营预算财政拨款", 0)]
        body = []
        for i in range(max(len(left), len(classes))):
            a = [left[i][0], f(left[i][1])] if i < len(left) else ["", ""]
            b = [classes[i][0], f(classes[i][1]), f(classes[i][1]), "", ""] if i < len(classes) else ["", "", "", "", ""]
            body.append(a + b)
        body += [["本年收入合计", f(app[0]), "本年支出合计", f(app[0]), f(app[0]), "", ""],
                 ["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", "", "", ""],
                 ["总计", f(app[0]), "总计", f(app[0]), f(app[0]), "", ""]]
        header = [[C("收入", 2), C("支出", 5)],
                  ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]]
        return self._t("final_appropriation_summary", "财政拨款收入支出决算总表", header, body, 7,
                       widths=[3, 1.2, 3, 1.2, 1.4, 1.4, 1.4], landscape=True)

    def final_general(self) -> Table:
        header = [[C("项目", 2), C("本年支出", 3)], ["科目编码", "科目名称", "小计", "基本支出", "项目支出"]]
        return self._t("final_general_budget_expenditure", "一般公共预算财政拨款支出决算表", header,
                       self._coded(self.appropriation(), 3), 5, widths=[1, 3.6, 1.2, 1.2, 1.2])

    def final_basic_two_panel(self) -> Table:
        f = self.fmt

        def panel(codes):
            sums = defaultdict(int)
            for code in codes:
                sums[code[:3]] += self.economic[code]
                sums[code] += self.economic[code]
            return [(code, _name(code), f(v)) for code, v in sorted(sums.items())]

        left, right = panel(self.PERSONNEL), panel(self.PUBLIC)
        body = []
        for i in range(max(len(left), len(right))):
            a = list(left[i]) if i < len(left) else ["", "", ""]
            b = list(right[i]) if i < len(right) else ["", "", ""]
            body.append(a + b)
        p = sum(self.economic[c] for c in self.PERSONNEL)
        q = sum(self.economic[c] for c in self.PUBLIC)
        body.append([C("人员经费合计", 2), f(p), C("公用经费合计", 2), f(q)])
        header = [[C("人员经费", 3), C("公用经费", 3)], ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
        return self._t("final_basic_expenditure_by_economic", "一般公共预算财政拨款基本支出决算表", header, body, 6,
                       widths=[0.9, 2.6, 1.1, 0.9, 2.6, 1.1])

    def final_three_public(self) -> Table:
        f = self.fmt

        def cells(d):
            car = d["buy"] + d["run"]
            return [f(d["abroad"] + car + d["reception"]), f(d["abroad"]), f(car), f(d["buy"]), f(d["run"]), f(d["reception"])]

        sub = [C("合计", 1, 2), C("因公出国（境）费", 1, 2), C("公务用车购置及运行费", 3), C("公务接待费", 1, 2)]
        header = [[C("预算数", 6), C("决算数", 6)], sub + sub,
                  ["小计", "公务用车购置费", "公务用车运行费", "小计", "公务用车购置费", "公务用车运行费"],
                  [str(i) for i in range(1, 13)]]
        body = [cells(self.three_budget) + cells(self.three_final)]
        return self._t("final_three_public_expenses", "一般公共预算财政拨款“三公”经费支出决算表", header, body, 12,
                       landscape=True)

    def final_gov_fund(self) -> Table:
        header = [[C("项目", 2), C("年初结转和结余", 1, 2), C("本年收入", 1, 2), C("本年支出", 3), C("年末结转和结余", 1, 2)],
                  ["科目编码", "科目名称", "小计", "基本支出", "项目支出"]]
        body = [[C("合计", 2), "", "", "", "", "", ""]]
        note = f"注：{self.who}{self.YEAR}年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。"
        return self._t("final_gov_fund", "政府性基金预算财政拨款收入支出决算表", header, body, 8, note=note, no_data=True,
                       widths=[1, 2.6, 1.2, 1, 1, 1, 1, 1.2])

    def final_state_capital(self) -> Table:
        header = [[C("项目", 2), C("本年支出", 3)], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        body = [[C("合计", 2), "", "", ""]]
        note = f"注：{self.who}{self.YEAR}年度没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。"
        return self._t("final_state_capital", "国有资本经营预算财政拨款支出决算表", header, body, 5, note=note, no_data=True,
                       page_break_before=False, widths=[1, 3, 1.2, 1.2, 1.2])

    def document(self, stem: str) -> Document:
        y = self.YEAR
        f = self.fmt
        exp = total(self.expenditure(), 3)
        rev = total(self.revenue(), 4)
        blocks = [
            Cover([self.name, f"{y}年度{self.who[1:]}决算"]),
            PageBreak(),
            Heading(f"第一部分 {self.who[1:]}概况", 1),
            Para(self.DUTIES[self.who]),
            Para(f"二、机构设置：{self.who}决算包括{self.name}及所属预算单位的收支。"),
            PageBreak(),
            Heading(f"第二部分 {y}年度{self.who[1:]}决算表", 1),
            self.final_summary(), self.final_revenue(), self.final_expenditure(), self.final_appropriation_summary(),
            self.final_general(), self.final_basic_two_panel(), self.final_three_public(), self.final_gov_fund(),
            self.final_state_capital(),
            PageBreak(),
            Heading(f"第三部分 {y}年度{self.who[1:]}决算情况说明", 1),
            Para(f"一、收入支出决算总体情况说明：{y}年度收入总计{f(rev[0] + self.carry()[0])}万元，支出总计{f(exp[0] + self.carry()[1])}万元。"),
            Para(f"二、支出决算情况说明：{y}年度本年支出合计{f(exp[0])}万元，其中基本支出{f(exp[1])}万元，项目支出{f(exp[2])}万元。"),
            Para(f"三、“三公”经费支出情况说明：{self.who}无因公出国（境）费和公务用车购置费支出。"),
            Heading("第四部分 名词解释", 1),
            Para("一、财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。"),
            Para("二、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
        ]
        return Document(stem, self.name, y, self.kind, blocks, font=self.font)


PLAN.append(
    (lambda: PlanningFinal().document("jianghai_2024_dept_final_planning_chromium"), "chromium",
     [("imageonly", "image")]),
)
PLAN.append(
    (lambda: PlanningFinal("江海市不动产登记中心", "unit_final_account", 2124, "单位名称：", "Noto Serif CJK SC", zero="-")
     .document("jianghai_2024_unit_final_registry_calc"), "calc", [("gs", "gs")]),
)


# ------------------------------------------------------------ 江海市交通技师学院 2026 (Writer)

class SchoolBudget:
    """A 单位预算 in 元 with 合计 at the bottom; tuition (财政专户管理资金) and 单位资金 sources."""

    YEAR = 2026
    UNIT = "江海市交通技师学院"
    # code → {source: (basic, project)} in yuan
    PLAN = {
        "2050303": {GENERAL: (True, True), SPECIAL: (False, True), UNIT_FUNDS: (True, False)},
        "2050803": {GENERAL: (False, True), UNIT_FUNDS: (False, True)},
        "2080505": {GENERAL: (True, False)},
        "2080506": {GENERAL: (True, False)},
        "2101102": {GENERAL: (True, False)},
        "2210201": {GENERAL: (True, False)},
    }
    PROJECTS = [("2050303", GENERAL, "实训基地设备更新"), ("2050303", GENERAL, "技能大赛集训"),
                ("2050303", SPECIAL, "学生实习实训耗材"), ("2050803", GENERAL, "交通运输行业从业人员培训"),
                ("2050803", UNIT_FUNDS, "社会化职业技能培训")]
    PERSONNEL = ["30101", "30102", "30107", "30108", "30109", "30110", "30112", "30113", "30302", "30309"]
    PUBLIC = ["30201", "30205", "30206", "30207", "30209", "30211", "30213", "30216", "30228", "30229", "30231", "30299"]

    def __init__(self):
        r = rng(2026)
        self.fmt = Amounts("元", zero="0.00").fmt
        self.entries = []  # (code, source, project name or None, cents)
        for code, sources in self.PLAN.items():
            for source, (basic, _) in sources.items():
                if basic:
                    big = code.startswith("205")
                    self.entries.append((code, source, None, draw(r, 8e6, 2e7) if big and source == GENERAL
                                         else draw(r, 2e5, 1.5e6)))
        for code, source, name in self.PROJECTS:
            self.entries.append((code, source, name, draw(r, 3e5, 4e6)))
        basic_general = sum(e[3] for e in self.entries if e[2] is None and e[1] == GENERAL)
        personnel = basic_general * 88 // 100
        self.economic = dict(zip(self.PERSONNEL, split(r, personnel, len(self.PERSONNEL))))
        self.economic.update(zip(self.PUBLIC, split(r, basic_general - personnel, len(self.PUBLIC))))
        self.three = {"abroad": 0, "reception": draw(r, 5e3, 2e4), "buy": 0, "run": draw(r, 3e4, 8e4)}

    def leaves(self, sources=None) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for code, source, project, cents in self.entries:
            if sources is None or source in sources:
                out[code][0] += cents
                out[code][1 if project is None else 2] += cents
        return dict(out)

    def by_source(self, code_prefix: str = "") -> dict[str, int]:
        out = defaultdict(int)
        for code, source, _, cents in self.entries:
            if code.startswith(code_prefix):
                out[source] += cents
        return out

    def _t(self, kind, title, header, body, ncols, **kw) -> Table:
        return Table(kind, f"{self.UNIT}{self.YEAR}年{title}", header, body, ncols, self.UNIT, "元",
                     unit_label="编制单位：", amount_label="金额单位：", **kw)

    def _coded_bottom(self, leaves, width, names=None) -> list[list]:
        f = self.fmt
        rows = [[code, (names or NAMES)[code]] + [f(v) for v in values] for code, values in hierarchy(leaves, width)]
        return rows + [[C("合计", 2)] + [f(v) for v in total(leaves, width)]]

    def budget_summary(self) -> Table:
        f = self.fmt
        src = self.by_source()
        left = [("一、一般公共预算拨款收入", src[GENERAL]), ("二、政府性基金预算拨款收入", 0), ("三、国有资本经营预算拨款收入", 0),
                ("四、财政专户管理资金收入", src[SPECIAL]), ("五、单位资金收入", src[UNIT_FUNDS])]
        by_class = defaultdict(int)
        for code, v in self.leaves().items():
            by_class[code[:3]] += v[0]
        right = _class_rows(by_class, f, present_only=True)
        body = []
        for i in range(max(len(left), len(right))):
            a = [left[i][0], f(left[i][1])] if i < len(left) else ["", ""]
            body.append(a + (list(right[i]) if i < len(right) else ["", ""]))
        t = f(sum(src.values()))
        body += [["本年收入合计", t, "本年支出合计", t], ["上年结转", "0.00", "年终结转", "0.00"], ["收入总计", t, "支出总计", t]]
        header = [[C("收入", 2), C("支出", 2)], ["项目", "预算数", "项目", "预算数"]]
        return self._t("budget_summary", "收支预算总表", header, body, 4, widths=[3, 1.5, 3, 1.5])

    def revenue_summary(self) -> Table:
        leaves = {}
        for code in self.leaves():
            s = self.by_source(code)
            leaves[code] = [sum(s.values()), s[GENERAL], 0, 0, s[SPECIAL], s[UNIT_FUNDS]]
        header = [[C("科目编码", 1, 2), C("科目名称", 1, 2), C("合计", 1, 2), C("财政拨款", 3), C("财政专户管理资金", 1, 2),
                   C("单位资金", 1, 2)],
                  ["一般公共预算", "政府性基金预算", "国有资本经营预算"]]
        return self._t("revenue_summary", "收入预算总表", header, self._coded_bottom(leaves, 6), 8,
                       widths=[1.1, 3, 1.4, 1.4, 1.1, 1.1, 1.3, 1.3], landscape=True)

    def expenditure_summary(self) -> Table:
        header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        return self._t("expenditure_summary", "支出预算总表", header, self._coded_bottom(self.leaves(), 3), 5,
                       widths=[1.1, 3.4, 1.5, 1.5, 1.5])

    def appropriation_summary(self) -> Table:
        f = self.fmt
        g = self.by_source()[GENERAL]
        by_class = defaultdict(int)
        for code, v in self.leaves({GENERAL}).items():
            by_class[code[:3]] += v[0]
        right = [(label, by_class[code]) for code, label in FUNCTION_CLASSES if by_class.get(code)]
        left = [("一、一般公共预算拨款", g), ("二、政府性基金预算拨款", 0), ("三、国有资本经营预算拨款", 0)]
        body = []
        for i in range(max(len(left), len(right))):
            a = [left[i][0], f(left[i][1])] if i < len(left) else ["", ""]
            b = [right[i][0], f(right[i][1]), f(right[i][1]), "0.00", "0.00"] if i < len(right) else ["", "", "", "", ""]
            body.append(a + b)
        body += [["本年收入合计", f(g), "本年支出合计", f(g), f(g), "0.00", "0.00"],
                 ["收入总计", f(g), "支出总计", f(g), f(g), "0.00", "0.00"]]
        header = [[C("收入", 2), C("支出", 5)],
                  [C("项目", 1, 2), C("预算数", 1, 2), C("项目", 1, 2), C("预算数", 4)],
                  ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
        return self._t("appropriation_summary", "财政拨款收支预算总表", header, body, 7,
                       widths=[2.6, 1.4, 2.6, 1.4, 1.4, 1.3, 1.3], landscape=True)

    def general_budget(self) -> Table:
        header = [[C("科目编码", 1, 2), C("科目名称", 1, 2), C(f"{self.YEAR}年预算数", 3)], ["合计", "基本支出", "项目支出"]]
        return self._t("general_budget_expenditure", "一般公共预算支出预算表", header,
                       self._coded_bottom(self.leaves({GENERAL}), 3), 5, widths=[1.1, 3.4, 1.5, 1.5, 1.5])

    def basic_economic(self) -> Table:
        f = self.fmt
        rows = defaultdict(lambda: [0, 0, 0])
        for code, v in self.economic.items():
            values = [v, v if code[:3] in ("301", "303") else 0, v if code[:3] == "302" else 0]
            for key in (code[:3], code):
                rows[key] = [a + b for a, b in zip(rows[key], values)]
        body = [[code, _name(code)] + [f(v) for v in rows[code]] for code in sorted(rows)]
        tot = [sum(rows[c][i] for c in rows if len(c) == 3) for i in range(3)]
        body.append([C("合计", 2)] + [f(v) for v in tot])
        header = [["经济科目编码", "经济科目名称", "合计", "人员经费", "公用经费"]]
        return self._t("basic_expenditure_by_economic", "一般公共预算基本支出预算表", header, body, 5,
                       widths=[1.2, 3.3, 1.5, 1.5, 1.5])

    def gov_fund(self) -> Table:
        header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        return self._t("gov_fund_expenditure", "政府性基金预算支出表", header, [[C("合计", 2), "", "", ""]], 5,
                       note="注：本单位无政府性基金预算支出，本表无数据。", no_data=True, widths=[1.1, 3.4, 1.5, 1.5, 1.5])

    def state_capital(self) -> Table:
        header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        return self._t("state_capital_budget", "国有资本经营预算支出表", header, [[C("合计", 2), "", "", ""]], 5,
                       note="注：本单位无国有资本经营预算支出，本表无数据。", no_data=True, page_break_before=False,
                       widths=[1.1, 3.4, 1.5, 1.5, 1.5])

    def three_public(self) -> Table:
        f = self.fmt
        th = self.three
        car = th["buy"] + th["run"]
        items = [("合计", th["abroad"] + car + th["reception"]), ("因公出国（境）费", th["abroad"]), ("公务接待费", th["reception"]),
                 ("公务用车购置及运行费", car), ("其中：公务用车购置费", th["buy"]), ("公务用车运行维护费", th["run"])]
        body = [[name, f(v), f(v), "0.00", "0.00"] for name, v in items]
        header = [[C("项目", 1, 2), C(f"{self.YEAR}年预算数", 4)], ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
        return self._t("three_public_expenses", "“三公”经费支出预算表", header, body, 5, page_break_before=False,
                       widths=[3, 1.5, 1.5, 1.5, 1.5])

    def projects(self) -> Table:
        f = self.fmt
        body = []
        sums = [0] * 6
        for code, source, name, cents in self.entries:
            if name is None:
                continue
            values = [cents] + [cents if source == s else 0 for s in SOURCES]
            sums = [a + b for a, b in zip(sums, values)]
            body.append([name] + [f(v) for v in values])
        body.append(["合计"] + [f(v) for v in sums])
        header = [["项目名称", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"]]
        return self._t("project_expenditure", "项目支出预算表", header, body, 7,
                       widths=[3.2, 1.4, 1.4, 1.2, 1.2, 1.3, 1.3], landscape=True)

    def document(self, stem: str) -> Document:
        y = self.YEAR
        blocks = [
            Cover([self.UNIT, f"{y}年单位预算"]),
            PageBreak(),
            Heading("一、单位基本情况", 1),
            Para("江海市交通技师学院是市交通运输局所属公益二类事业单位，主要承担交通运输类技工教育、职业技能培训和技能鉴定等工作。"),
            Heading(f"二、{y}年单位预算表", 1),
            self.budget_summary(), self.revenue_summary(), self.expenditure_summary(), self.appropriation_summary(),
            self.general_budget(), self.basic_economic(), self.gov_fund(), self.state_capital(), self.three_public(),
            self.projects(),
        ]
        return Document(stem, self.UNIT, y, "unit_budget", blocks, font="Noto Sans CJK SC")


PLAN.append(
    (lambda: SchoolBudget().document("jianghai_2026_unit_budget_school_writer"), "writer",
     [("aes256", "aes256")]),
)
