"""The demo's published figures: GRDP growth by year (what each release gave, and which release revised what),
the other indicators' values by period, and the scenario versions; each real figure with its source key, the
invented ones marked INVENTED (see sources.py and the README's table). Plain data.

Shares, seasonal patterns and levels at comparable prices are invented (plausible: Hải Dương about 136,000 bn đồng
at 2010 prices in 2024, old Hải Phòng about 2.3 times that; sector shares as the releases' contributions imply)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .sources import INVENTED

HD_STATISTICS = "Cục Thống kê tỉnh Hải Dương"
HP_STATISTICS = "Thống kê thành phố Hải Phòng"


def _four(value: float) -> tuple[float, float, float, float]:
    return (value, value, value, value)


# 2024 anchors: total (billion đồng, 2010 prices), component shares, seasonal shares of each component (INVENTED)
HD_2024 = 135_600.0
HD_SHARES = {"agriculture": 0.095, "industry_construction": 0.55, "services": 0.265, "product_taxes": 0.09}
HD_SEASONS = {
    "agriculture": (0.21, 0.27, 0.20, 0.32),
    "industry_construction": (0.2295, 0.2461, 0.2411, 0.2833),
    "services": (0.2295, 0.2461, 0.2411, 0.2833),
    "product_taxes": (0.2295, 0.2461, 0.2411, 0.2833),
}
OLD_HP_2024 = 318_000.0
OLD_HP_SHARES = {"agriculture": 0.035, "industry_construction": 0.55, "services": 0.36, "product_taxes": 0.055}
OLD_HP_SEASONS = {
    "agriculture": (0.22, 0.27, 0.21, 0.30),
    "industry_construction": (0.23, 0.245, 0.25, 0.275),
    "services": (0.23, 0.245, 0.25, 0.275),
    "product_taxes": (0.23, 0.245, 0.25, 0.275),
}


@dataclass(frozen=True)
class Published:
    """A growth figure a release gave (a fraction), and its source."""

    value: float
    source: str


@dataclass(frozen=True)
class YearSpec:
    """A year's GRDP growth as published (in force): component pattern (the year's component growth where the
    release gives it), the quarters and cumulative figures it gave, and the first estimates later revised."""

    year: int
    pattern: dict[str, tuple[float, float, float, float]]
    pattern_source: str
    quarters: dict[int, Published]
    cumulative: dict[int, Published]  # months (3, 6, 9, 12) → growth over the same months of the previous year
    # quarter → the cumulative growth (of months 3q) the first estimate gave, before a later release revised it
    first_estimates: dict[int, Published] = field(default_factory=dict)
    # INVENTED: how each component's first estimate stood apart from its revised figure (fractions; the whole
    # quarter's first estimate stays as published): a revision moves the components unevenly, as real ones do
    first_tilt: dict[str, float] = field(default_factory=dict)


def _pattern(agriculture: float, industry: float, services: float, taxes: float) -> dict:
    return {
        "agriculture": _four(agriculture),
        "industry_construction": _four(industry),
        "services": _four(services),
        "product_taxes": _four(taxes),
    }


YEARS = [
    YearSpec(
        2021,
        _pattern(0.029, 0.108, 0.052, 0.06),
        INVENTED,
        quarters={1: Published(0.032, INVENTED), 2: Published(0.112, INVENTED), 3: Published(0.098, INVENTED)},
        cumulative={12: Published(0.086, "hd-2022-estimate")},
    ),
    YearSpec(
        2022,
        _pattern(0.034, 0.118, 0.077, 0.031),  # the 2022 release's component growth (industry with construction)
        "hd-2022-statistics",
        quarters={
            1: Published(0.141, "hd-2022-statistics"),
            2: Published(0.092, "hd-2022-6m"),
            4: Published(0.058, "hd-2023-q1"),
        },
        cumulative={12: Published(0.0912, "hd-2023-statistics")},
        first_estimates={4: Published(0.090, "hd-2022-statistics")},  # the year first estimated at 9.0 %
        first_tilt={"agriculture": 0.006, "industry_construction": -0.004, "services": 0.003, "product_taxes": 0.0},
    ),
    YearSpec(
        2023,
        _pattern(0.0408, 0.0906, 0.0739, 0.0953),
        "hd-2023-statistics",
        quarters={
            1: Published(0.0835, "hd-2023-q1"),
            2: Published(0.069, INVENTED),
            4: Published(0.1088, "hd-2023-statistics"),
        },
        cumulative={12: Published(0.0816, "hd-2023-statistics")},
    ),
    YearSpec(
        2024,
        _pattern(0.021, 0.131, 0.075, 0.095),  # from the release's contributions and the shares above
        "hd-2024-statistics",
        quarters={
            1: Published(0.1019, "hd-2024-quarters"),
            2: Published(0.0966, "hd-2024-quarters"),
            3: Published(0.0907, "hd-2024-quarters"),
        },
        cumulative={12: Published(0.102, "hd-2024-statistics")},  # Q4 follows (published: 11.66 %)
    ),
    YearSpec(
        2025,
        _pattern(0.0433, 0.1361, 0.1021, 0.0963),
        "hp-2025-statistics",
        quarters={1: Published(0.110, INVENTED)},  # the merged city's first quarter: not published as such
        cumulative={
            6: Published(0.112, "hp-2025-6m"),
            9: Published(0.1159, "hp-2025-9m"),
            12: Published(0.1181, "hp-2025-statistics"),
        },
    ),
    YearSpec(
        2026,
        {
            "agriculture": (0.034, 0.036, 0.040, 0.04),
            "industry_construction": (0.136, 0.139, 0.128, 0.14),  # Q3: a slower quarter for industry
            "services": (0.103, 0.105, 0.118, 0.11),
            "product_taxes": (0.096, 0.099, 0.100, 0.10),
        },
        INVENTED,
        quarters={1: Published(0.116, INVENTED), 2: Published(0.120, INVENTED), 3: Published(0.124, INVENTED)},
        cumulative={},
        first_estimates={2: Published(0.1190, INVENTED)},  # 6 months first estimated at 11.9 %, Q2 revised in Q3
        first_tilt={"agriculture": -0.002, "industry_construction": -0.005, "services": 0.004, "product_taxes": 0.003},
    ),
]


@dataclass(frozen=True)
class Release:
    """A statistics office's release of GRDP: the quarters it gives (year, quarter) and whether it is the
    official figure; `first` are quarters given as their first estimate (later revised)."""

    published_on: date
    issuer: str
    title: str
    source: str
    quarters: tuple[tuple[int, int], ...]
    months: tuple[tuple[int, int], ...]  # (year, months) of the cumulative growth it states
    status: str = "preliminary"
    first: tuple[tuple[int, int], ...] = ()


def _hd(day: date, title: str, source: str, quarters, months, **extra) -> Release:
    return Release(day, HD_STATISTICS, title, source, quarters, months, **extra)


def _hp(day: date, title: str, source: str, quarters, months, **extra) -> Release:
    return Release(day, HP_STATISTICS, title, source, quarters, months, **extra)


KTXH = "Báo cáo tình hình kinh tế - xã hội {period}"
RELEASES = [
    _hd(date(2021, 3, 29), KTXH.format(period="quý I năm 2021"), INVENTED, ((2021, 1),), ((2021, 3),)),
    _hd(date(2021, 6, 29), KTXH.format(period="6 tháng năm 2021"), INVENTED, ((2021, 2),), ((2021, 6),)),
    _hd(date(2021, 9, 29), KTXH.format(period="9 tháng năm 2021"), INVENTED, ((2021, 3),), ((2021, 9),)),
    _hd(date(2021, 12, 29), KTXH.format(period="năm 2021"), "hd-2022-estimate", ((2021, 4),), ((2021, 12),)),
    _hd(date(2022, 3, 29), KTXH.format(period="quý I năm 2022"), "hd-2022-statistics", ((2022, 1),), ((2022, 3),)),
    _hd(date(2022, 6, 29), KTXH.format(period="6 tháng năm 2022"), "hd-2022-6m", ((2022, 2),), ((2022, 6),)),
    _hd(date(2022, 9, 29), KTXH.format(period="9 tháng năm 2022"), INVENTED, ((2022, 3),), ((2022, 9),)),
    _hd(
        date(2022, 12, 29),
        KTXH.format(period="năm 2022"),
        "hd-2022-statistics",
        ((2022, 4),),
        ((2022, 12),),
        first=((2022, 4),),
    ),
    # the Q1 2023 report gives Q4 2022 as 5.8 %; the year 2022, official, is 9.12 %
    _hd(
        date(2023, 3, 29),
        "Số liệu chính thức GRDP năm 2022",
        "hd-2023-statistics",
        ((2022, 4),),
        ((2022, 12),),
        status="official",
    ),
    _hd(date(2023, 3, 29), KTXH.format(period="quý I năm 2023"), "hd-2023-q1", ((2023, 1),), ((2023, 3),)),
    _hd(date(2023, 6, 29), KTXH.format(period="6 tháng năm 2023"), INVENTED, ((2023, 2),), ((2023, 6),)),
    _hd(date(2023, 9, 29), KTXH.format(period="9 tháng năm 2023"), INVENTED, ((2023, 3),), ((2023, 9),)),
    _hd(date(2023, 12, 29), KTXH.format(period="năm 2023"), "hd-2023-statistics", ((2023, 4),), ((2023, 12),)),
    _hd(date(2024, 3, 29), KTXH.format(period="quý I năm 2024"), "hd-2024-quarters", ((2024, 1),), ((2024, 3),)),
    _hd(date(2024, 6, 29), KTXH.format(period="6 tháng năm 2024"), "hd-2024-quarters", ((2024, 2),), ((2024, 6),)),
    _hd(date(2024, 9, 29), KTXH.format(period="9 tháng năm 2024"), "hd-2024-quarters", ((2024, 3),), ((2024, 9),)),
    _hd(date(2025, 1, 2), KTXH.format(period="năm 2024"), "hd-2024-statistics", ((2024, 4),), ((2024, 12),)),
    # the merged city's first half (its first quarter was published for each of the two before the merger)
    _hp(
        date(2025, 7, 6),
        KTXH.format(period="6 tháng năm 2025 thành phố Hải Phòng (sau hợp nhất)"),
        "hp-2025-6m",
        ((2025, 1), (2025, 2)),
        ((2025, 6),),
    ),
    _hp(date(2025, 10, 6), KTXH.format(period="9 tháng năm 2025"), "hp-2025-9m", ((2025, 3),), ((2025, 9),)),
    _hp(date(2026, 1, 6), KTXH.format(period="năm 2025"), "hp-2025-statistics", ((2025, 4),), ((2025, 12),)),
    _hp(date(2026, 4, 6), KTXH.format(period="quý I năm 2026"), INVENTED, ((2026, 1),), ((2026, 3),)),
    _hp(
        date(2026, 7, 6),
        KTXH.format(period="6 tháng năm 2026"),
        INVENTED,
        ((2026, 2),),
        ((2026, 6),),
        first=((2026, 2),),
    ),
    _hp(
        date(2026, 10, 6),
        "Số liệu chính thức GRDP quý II năm 2026",
        INVENTED,
        ((2026, 2),),
        ((2026, 6),),
        status="official",
    ),
    _hp(date(2026, 10, 6), KTXH.format(period="9 tháng năm 2026"), INVENTED, ((2026, 3),), ((2026, 9),)),
]


@dataclass(frozen=True)
class Report:
    """Other indicators' values in one publication: (indicator, year, months, value, note)."""

    published_on: date
    issuer: str
    title: str
    source: str
    kind: str  # statistics / department
    values: tuple[tuple[str, int, int, str, str], ...]
    status: str = "preliminary"


HD_PARTY = "Ban Thường vụ Tỉnh ủy Hải Dương"
HD_COMMITTEE = "Ủy ban nhân dân tỉnh Hải Dương"
HP_COMMITTEE = "Ủy ban nhân dân thành phố Hải Phòng"
HP_FINANCE = "Sở Tài chính thành phố Hải Phòng"

REPORTS = [
    Report(
        date(2022, 6, 29),
        HD_STATISTICS,
        KTXH.format(period="6 tháng năm 2022"),
        "hd-2022-6m",
        "statistics",
        (("export_turnover", 2022, 6, "5130", ""),),
    ),
    Report(
        date(2022, 12, 1),
        HD_PARTY,
        "Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2022",
        "hd-2022-estimate",
        "department",
        (("social_investment", 2022, 12, "53100", "Ước cả năm"), ("export_turnover", 2022, 12, "11450", "Ước")),
    ),
    Report(
        date(2022, 12, 29),
        HD_STATISTICS,
        KTXH.format(period="năm 2022"),
        "hd-2022-statistics",
        "statistics",
        (("grdp_per_capita", 2022, 12, "3746", "86,9 triệu đồng"),),
    ),
    Report(
        date(2023, 11, 30),
        HD_PARTY,
        "Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2023",
        "hd-2023-party",
        "department",
        (("fdi_attracted", 2023, 12, "1136", "Ước cả năm"), ("new_enterprises", 2023, 12, "1805", "")),
    ),
    Report(
        date(2024, 12, 9),
        HD_COMMITTEE,
        "Báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024 (kỳ họp thứ 28 HĐND tỉnh)",
        "hd-2024-council",
        "department",
        (
            ("budget_revenue", 2024, 12, "28813", "Ước cả năm"),
            ("social_investment", 2024, 12, "64360", "Ước"),
            ("fdi_attracted", 2024, 12, "718.1", "Ước"),
            ("domestic_investment", 2024, 12, "11489", "Ước"),
            ("new_enterprises", 2024, 12, "2000", "Ước"),
        ),
    ),
    Report(
        date(2025, 1, 2),
        HD_STATISTICS,
        KTXH.format(period="năm 2024"),
        "hd-2024-statistics",
        "statistics",
        (
            ("grdp_per_capita", 2024, 12, "4456", "107,4 triệu đồng"),
            ("budget_revenue", 2024, 12, "31000", "Gần 31.000 tỷ đồng"),
            ("social_investment", 2024, 12, "64600", "Hơn 64.600 tỷ đồng"),
            ("fdi_attracted", 2024, 12, "747.2", "Tính đến 25/12/2024"),
        ),
    ),
    Report(
        date(2025, 7, 10),
        HP_FINANCE,
        "Thu ngân sách 6 tháng năm 2025 (Hải Phòng cũ và Hải Dương)",
        "hp-2025-6m-revenue",
        "department",
        (("budget_revenue", 2025, 6, "96819", "77.319 tỷ đồng (Hải Phòng cũ) + 19.500 tỷ đồng (Hải Dương)"),),
    ),
    Report(
        date(2025, 10, 7),
        HP_COMMITTEE,
        "Báo cáo tình hình kinh tế - xã hội 9 tháng năm 2025",
        "hp-2025-9m",
        "department",
        (
            ("budget_revenue", 2025, 9, "145601", ""),
            ("export_turnover", 2025, 9, "36000", ""),
            ("social_investment", 2025, 9, "225177", ""),
        ),
    ),
    Report(
        date(2025, 12, 9),
        HP_COMMITTEE,
        "Kết quả thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025",
        "hp-2025-review",
        "department",
        (
            ("social_investment", 2025, 12, "321000", "Ước"),
            ("export_turnover", 2025, 12, "50140", "Ước"),
            ("new_enterprises", 2025, 12, "7200", "Ước"),
            ("tourist_arrivals", 2025, 12, "14430000", "Ước"),
        ),
    ),
    Report(
        date(2025, 12, 11),
        HP_COMMITTEE,
        "Báo cáo tại kỳ họp thứ 32 HĐND thành phố",
        "hp-2025-council",
        "department",
        (("budget_revenue", 2025, 12, "187000", "Ước cả năm"),),
    ),
    Report(
        date(2026, 1, 12),
        HP_COMMITTEE,
        "Tổng kết kế hoạch phát triển kinh tế - xã hội năm 2025",
        "hp-2025-final",
        "department",
        (("budget_revenue", 2025, 12, "190379", ""),),
    ),
    # 2026 and the rates the demo has no page for: invented
    Report(
        date(2026, 1, 15),
        HP_COMMITTEE,
        "Tổng kết kế hoạch phát triển kinh tế - xã hội năm 2025",
        INVENTED,
        "department",
        (
            ("poverty_rate", 2025, 12, "0.78", ""),
            ("urbanisation_rate", 2025, 12, "49.5", ""),
            ("public_disbursement", 2025, 12, "95.2", "Đến 31/01/2026 theo Kho bạc"),
        ),
    ),
    Report(
        date(2026, 7, 10),
        HP_FINANCE,
        "Báo cáo tình hình kinh tế - xã hội 6 tháng năm 2026",
        INVENTED,
        "department",
        (
            ("budget_revenue", 2026, 6, "92000", ""),
            ("export_turnover", 2026, 6, "24800", ""),
            ("fdi_attracted", 2026, 6, "2150", ""),
            ("social_investment", 2026, 6, "158000", ""),
            ("new_enterprises", 2026, 6, "4350", ""),
            ("public_disbursement", 2026, 6, "38.5", ""),
        ),
    ),
    Report(
        date(2026, 10, 10),
        HP_FINANCE,
        "Báo cáo tình hình kinh tế - xã hội 9 tháng năm 2026",
        INVENTED,
        "department",
        (
            ("budget_revenue", 2026, 9, "138500", ""),
            ("export_turnover", 2026, 9, "37900", ""),
            ("fdi_attracted", 2026, 9, "3050", ""),
            ("social_investment", 2026, 9, "247000", ""),
            ("domestic_investment", 2026, 9, "84000", ""),
            ("new_enterprises", 2026, 9, "6600", ""),
            ("public_disbursement", 2026, 9, "61.2", ""),
            ("tourist_arrivals", 2026, 9, "12600000", ""),
        ),
    ),
]


@dataclass(frozen=True)
class ScenarioSpec:
    """A scenario version: planned growth by component and quarter before the shift that meets the target; a
    revision keeps the quarters published on its day (as they stood then) and re-plans the others."""

    year: int
    name: str
    target: float
    document: str
    adopted_on: date
    pattern: dict[str, tuple[float, float, float, float]]
    revises: str | None = None  # the name of the version it revises
    note: str = ""


SCENARIOS = [
    ScenarioSpec(
        2025,
        "Kịch bản tăng trưởng năm 2025 (gửi tháng 02/2025)",
        0.125,
        "Thực hiện Nghị quyết 25/NQ-CP ngày 05/02/2025; gửi Bộ Kế hoạch và Đầu tư",
        date(2025, 2, 25),
        {
            "agriculture": (0.03, 0.032, 0.034, 0.036),
            "industry_construction": (0.14, 0.145, 0.15, 0.155),
            "services": (0.10, 0.105, 0.11, 0.115),
            "product_taxes": (0.09, 0.095, 0.10, 0.10),
        },
    ),
    ScenarioSpec(
        2025,
        "Kịch bản điều chỉnh sau hợp nhất (07/2025)",
        0.1235,
        "Theo Nghị quyết 42/NQ-HĐND ngày 25/07/2025 của HĐND thành phố",
        date(2025, 7, 28),
        {
            "agriculture": (0.03, 0.032, 0.045, 0.046),
            "industry_construction": (0.14, 0.145, 0.15, 0.15),
            "services": (0.10, 0.105, 0.105, 0.11),
            "product_taxes": (0.09, 0.095, 0.10, 0.10),
        },
        revises="Kịch bản tăng trưởng năm 2025 (gửi tháng 02/2025)",
    ),
    ScenarioSpec(
        2026,
        "Kịch bản tăng trưởng năm 2026 (gửi tháng 02/2026)",
        0.13,
        "Thực hiện Nghị quyết 01/NQ-CP ngày 08/01/2026; gửi Bộ Tài chính",
        date(2026, 2, 10),
        {
            "agriculture": (0.035, 0.036, 0.038, 0.04),
            "industry_construction": (0.145, 0.15, 0.154, 0.158),
            "services": (0.106, 0.109, 0.111, 0.113),
            "product_taxes": (0.10, 0.102, 0.104, 0.106),
        },
    ),
    ScenarioSpec(
        2026,
        "Kịch bản điều chỉnh 6 tháng cuối năm 2026 (07/2026)",
        0.13,
        "Báo cáo của UBND thành phố sau số liệu 6 tháng",
        date(2026, 7, 20),
        {
            "agriculture": (0.035, 0.036, 0.038, 0.04),
            "industry_construction": (0.145, 0.15, 0.156, 0.16),
            "services": (0.106, 0.109, 0.11, 0.112),
            "product_taxes": (0.10, 0.102, 0.104, 0.106),
        },
        revises="Kịch bản tăng trưởng năm 2026 (gửi tháng 02/2026)",
    ),
]
