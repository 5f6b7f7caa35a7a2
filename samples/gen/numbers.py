"""Internally consistent invented amounts: integer cents of the printed unit, formatted at the end.

Leaves are drawn from a seeded `random.Random`; every parent, subtotal and total is a sum of
integers, so the printed tables agree exactly (no rounding differences, unlike the seed).
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

# 政府收支分类 names as seen in published disclosures (the team's reference list
# codes_seen_in_corpus.csv, derived from 40 real PDFs).
NAMES = {
    "201": "一般公共服务支出",
    "205": "教育支出", "20503": "职业教育", "2050303": "技校教育", "20508": "进修及培训", "2050803": "培训支出",
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080501": "行政单位离退休",
    "2080502": "事业单位离退休", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出", "2080599": "其他行政事业单位养老支出",
    "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助", "2101199": "其他行政事业单位医疗支出",
    "212": "城乡社区支出", "21202": "城乡社区规划与管理", "2120201": "城乡社区规划与管理",
    "21208": "国有土地使用权出让收入安排的支出", "2120803": "城市建设支出",
    "214": "交通运输支出", "21401": "公路水路运输", "2140101": "行政运行", "2140102": "一般行政管理事务",
    "2140104": "公路建设", "2140106": "公路养护", "2140110": "公路和运输安全", "2140112": "公路运输管理",
    "2140199": "其他公路水路运输支出",
    "220": "自然资源海洋气象等支出", "22001": "自然资源事务", "2200101": "行政运行", "2200102": "一般行政管理事务",
    "2200103": "机关服务", "2200104": "自然资源规划及管理", "2200106": "自然资源利用与保护",
    "2200107": "自然资源社会公益服务", "2200108": "自然资源行业业务管理", "2200109": "自然资源调查与确权登记",
    "2200112": "土地资源储备支出", "2200113": "地质矿产资源与环境调查", "2200114": "地质勘查与矿产资源管理",
    "2200128": "海洋战略规划与预警监测", "2200129": "基础测绘与地理信息监管", "2200150": "事业运行",
    "2200199": "其他自然资源事务支出",
    "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金", "2210202": "提租补贴", "2210203": "购房补贴",
    # 部门预算支出经济分类
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出",
    "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30205": "水费", "30206": "电费", "30207": "邮电费",
    "30209": "物业管理费", "30211": "差旅费", "30213": "维修（护）费", "30215": "会议费", "30216": "培训费",
    "30217": "公务接待费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
    "30231": "公务用车运行维护费", "30239": "其他交通费用", "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30302": "退休费", "30305": "生活补助", "30307": "医疗费补助", "30309": "奖励金",
    "30399": "其他对个人和家庭的补助",
    "310": "资本性支出", "31002": "办公设备购置", "31007": "信息网络及软件购置更新",
}

# The 类 of the function classification, in the order and with the numbering of the summary tables.
FUNCTION_CLASSES = [
    ("201", "一、一般公共服务支出"), ("202", "二、外交支出"), ("203", "三、国防支出"), ("204", "四、公共安全支出"),
    ("205", "五、教育支出"), ("206", "六、科学技术支出"), ("207", "七、文化旅游体育与传媒支出"),
    ("208", "八、社会保障和就业支出"), ("209", "九、社会保险基金支出"), ("210", "十、卫生健康支出"),
    ("211", "十一、节能环保支出"), ("212", "十二、城乡社区支出"), ("213", "十三、农林水支出"),
    ("214", "十四、交通运输支出"), ("215", "十五、资源勘探工业信息等支出"), ("216", "十六、商业服务业等支出"),
    ("217", "十七、金融支出"), ("219", "十八、援助其他地区支出"), ("220", "十九、自然资源海洋气象等支出"),
    ("221", "二十、住房保障支出"), ("222", "二十一、粮油物资储备支出"), ("223", "二十二、国有资本经营预算支出"),
    ("224", "二十三、灾害防治及应急管理支出"), ("227", "二十四、预备费"), ("229", "二十五、其他支出"),
    ("230", "二十六、转移性支出"), ("231", "二十七、债务还本支出"), ("232", "二十八、债务付息支出"),
    ("233", "二十九、债务发行费用支出"),
]


class Amounts:
    """Integer cents keyed by anything; formatting per document style."""

    def __init__(self, unit: str, zero: str = ""):
        self.unit = unit  # "元" (thousands separators) or "万元"
        self.zero = zero

    def fmt(self, cents: int) -> str:
        if cents == 0:
            return self.zero
        value = Decimal(cents) / 100
        return f"{value:,.2f}" if self.unit == "元" else f"{value:.2f}"


def rng(seed: int) -> random.Random:
    return random.Random(seed)


def draw(r: random.Random, low: float, high: float) -> int:
    """A random amount in cents between low and high (in the printed unit)."""
    return r.randint(int(low * 100), int(high * 100))


def split(r: random.Random, total: int, n: int) -> list[int]:
    """Split `total` cents into n positive random parts that sum exactly."""
    weights = [r.uniform(0.3, 1.0) for _ in range(n)]
    s = sum(weights)
    parts = [int(total * w / s) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def hierarchy(leaves: dict[str, list[int]], width: int) -> list[tuple[str, list[int]]]:
    """Leaf 项 (7-digit) or 款 (5-digit economic) codes → rows for 类, 款, 项 with summed columns."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    for code, values in leaves.items():
        for prefix in {code[:3], code[:5], code}:
            sums[prefix] = [a + b for a, b in zip(sums[prefix], values)]
    return sorted(sums.items())


def total(leaves: dict[str, list[int]], width: int) -> list[int]:
    out = [0] * width
    for values in leaves.values():
        out = [a + b for a, b in zip(out, values)]
    return out
