"""The demo's indicator catalogue, the level-1 sectors under the four GRDP components, the two terms and their
targets, each with its deciding document and its source (a key of `sources.SOURCES`, or INVENTED). Plain data.

Agencies are keys of the departments of today (`HP-<key>`, tiendo/demo/catalogue/agencies.py): the demo catalogue
has no tax or statistics office among its agencies (they are branches of the Ministry of Finance), so the
Department of Finance answers for the figures they publish, and the release names its issuer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .sources import INVENTED


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    name_en: str
    name_zh: str
    unit: str  # tiendo.targets.models.Indicator.Unit
    agency: str  # department key: HP-<key>
    direction: str = "higher"
    accumulates: bool = False
    description: str = ""


INDICATORS = [
    IndicatorSpec(
        "grdp_growth",
        "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)",
        "GRDP growth",
        "地区生产总值增长率",
        "percent",
        "STC",
        description="Theo giá so sánh, so với cùng kỳ năm trước; số liệu do cơ quan thống kê công bố.",
    ),
    IndicatorSpec("grdp_per_capita", "GRDP bình quân đầu người", "GRDP per capita", "人均地区生产总值", "usd", "STC"),
    IndicatorSpec(
        "budget_revenue",
        "Tổng thu ngân sách nhà nước trên địa bàn",
        "State budget revenue in the area",
        "辖区国家财政收入",
        "billion_vnd",
        "STC",
        accumulates=True,
    ),
    IndicatorSpec(
        "social_investment",
        "Tổng vốn đầu tư phát triển toàn xã hội",
        "Total social investment",
        "全社会发展投资总额",
        "billion_vnd",
        "STC",
        accumulates=True,
    ),
    IndicatorSpec(
        "export_turnover", "Kim ngạch xuất khẩu", "Export turnover", "出口额", "million_usd", "SCT", accumulates=True
    ),
    IndicatorSpec(
        "fdi_attracted",
        "Vốn đầu tư trực tiếp nước ngoài thu hút (cấp mới và điều chỉnh)",
        "FDI attracted",
        "吸引外商直接投资",
        "million_usd",
        "STC",
        accumulates=True,
    ),
    IndicatorSpec(
        "domestic_investment",
        "Vốn đầu tư trong nước thu hút (đăng ký)",
        "Domestic investment attracted",
        "吸引国内投资",
        "billion_vnd",
        "STC",
        accumulates=True,
    ),
    IndicatorSpec(
        "public_disbursement",
        "Tỷ lệ giải ngân vốn đầu tư công",
        "Public-investment disbursement rate",
        "公共投资拨付率",
        "percent",
        "STC",
        description="Lũy kế từ đầu năm so với kế hoạch vốn được giao.",
    ),
    IndicatorSpec(
        "new_enterprises",
        "Số doanh nghiệp thành lập mới",
        "New enterprises",
        "新成立企业数",
        "count",
        "STC",
        accumulates=True,
    ),
    IndicatorSpec(
        "poverty_rate",
        "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều)",
        "Poverty rate (multidimensional)",
        "贫困户比例（多维贫困标准）",
        "percent",
        "SNV",
        direction="lower",
    ),
    IndicatorSpec("urbanisation_rate", "Tỷ lệ đô thị hóa", "Urbanisation rate", "城镇化率", "percent", "SXD"),
    IndicatorSpec(
        "tourist_arrivals",
        "Số lượt khách du lịch",
        "Tourist arrivals",
        "游客人次",
        "count",
        "SVHTTDL",
        accumulates=True,
    ),
]

# Level-1 sectors of the economy (VSIC 2018 sections) under the four components, each with its department
SECTORS = [
    (
        "A",
        "agriculture",
        "Nông nghiệp, lâm nghiệp và thủy sản",
        "Agriculture, forestry and fishing",
        "农林渔业",
        "SNNMT",
    ),
    ("B", "industry_construction", "Khai khoáng", "Mining and quarrying", "采矿业", "SNNMT"),
    ("C", "industry_construction", "Công nghiệp chế biến, chế tạo", "Manufacturing", "制造业", "SCT"),
    (
        "D",
        "industry_construction",
        "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
        "Electricity, gas, steam and air conditioning supply",
        "电力、燃气、蒸汽和空调供应",
        "SCT",
    ),
    (
        "E",
        "industry_construction",
        "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
        "Water supply; sewerage and waste management",
        "供水、污水和废物管理",
        "SXD",
    ),
    ("F", "industry_construction", "Xây dựng", "Construction", "建筑业", "SXD"),
    (
        "G",
        "services",
        "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy",
        "Wholesale and retail trade; repair of motor vehicles",
        "批发和零售业；汽车摩托车修理",
        "SCT",
    ),
    ("H", "services", "Vận tải, kho bãi", "Transportation and storage", "运输和仓储业", "SXD"),
    (
        "I",
        "services",
        "Dịch vụ lưu trú và ăn uống",
        "Accommodation and food service activities",
        "住宿和餐饮业",
        "SVHTTDL",
    ),
    ("J", "services", "Thông tin và truyền thông", "Information and communication", "信息和通信业", "SKHCN"),
    (
        "K",
        "services",
        "Hoạt động tài chính, ngân hàng và bảo hiểm",
        "Financial and insurance activities",
        "金融和保险业",
        "STC",
    ),
    ("L", "services", "Hoạt động kinh doanh bất động sản", "Real estate activities", "房地产业", "SXD"),
]


@dataclass(frozen=True)
class TermSpec:
    first_year: int
    last_year: int
    document: str


TERMS = [
    TermSpec(
        2021,
        2025,
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Hải Dương lần thứ XVII (27/10/2020) và Kế hoạch phát triển "
        "kinh tế - xã hội 5 năm 2021-2025 tỉnh Hải Dương",
    ),
    TermSpec(
        2026,
        2030,
        "Nghị quyết Đại hội đại biểu Đảng bộ thành phố Hải Phòng lần thứ I (27/09/2025); Nghị quyết HĐND thành "
        "phố về Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030 (kỳ họp thứ 32, 11/12/2025)",
    ),
]


@dataclass(frozen=True)
class Revision:
    low: str
    high: str | None
    document: str
    decided_on: date
    reason: str
    source: str


@dataclass(frozen=True)
class TargetSpec:
    indicator: str
    kind: str  # term / term_year / year
    year: int | None  # a term target: None (the term is `term`)
    term: int  # the term's first year
    low: str
    document: str
    decided_on: date | None
    source: str
    high: str | None = None
    note: str = ""
    revisions: tuple[Revision, ...] = field(default=())


HD_PLAN = "Nghị quyết của HĐND tỉnh Hải Dương về kế hoạch phát triển kinh tế - xã hội năm {year}"
HP_2026 = "Nghị quyết của HĐND thành phố Hải Phòng về kế hoạch phát triển kinh tế - xã hội năm 2026 (kỳ họp thứ 32)"

TARGETS = [
    # the terms' own targets
    TargetSpec(
        "grdp_growth",
        "term",
        None,
        2021,
        "9",
        TERMS[0].document,
        date(2020, 10, 27),
        "hd-congress-17",
        note="Bình quân giai đoạn 2021-2025, từ 9 %/năm trở lên.",
    ),
    TargetSpec(
        "grdp_growth",
        "term",
        None,
        2026,
        "13",
        TERMS[1].document,
        date(2025, 12, 11),
        "hp-2026-2030",
        high="14",
        note="Bình quân giai đoạn 2026-2030.",
    ),
    TargetSpec(
        "grdp_per_capita",
        "term",
        None,
        2026,
        "11247",
        TERMS[1].document,
        date(2025, 12, 11),
        "hp-2026-2030",
        note="Đến năm 2030.",
    ),
    TargetSpec(
        "new_enterprises",
        "term",
        None,
        2026,
        "9200",
        TERMS[1].document,
        date(2025, 12, 11),
        "hp-2026-2030",
        note="Mỗi năm thành lập mới trên 9.200 doanh nghiệp.",
    ),
    TargetSpec(
        "poverty_rate",
        "term",
        None,
        2021,
        "1",
        TERMS[0].document,
        date(2020, 10, 27),
        INVENTED,
        note="Đến năm 2025 (số liệu minh họa).",
    ),
    TargetSpec(
        "urbanisation_rate",
        "term",
        None,
        2026,
        "60",
        TERMS[1].document,
        date(2025, 12, 11),
        INVENTED,
        note="Đến năm 2030 (số liệu minh họa).",
    ),
    # the term plans' breakdown by year: the term's average growth, each year (the plans give no other split)
    *(
        TargetSpec(
            "grdp_growth",
            "term_year",
            year,
            2021,
            "9",
            TERMS[0].document,
            date(2020, 10, 27),
            "hd-congress-17",
            note="Mức bình quân của nhiệm kỳ.",
        )
        for year in range(2021, 2026)
    ),
    TargetSpec(
        "grdp_growth",
        "term_year",
        2026,
        2026,
        "13",
        TERMS[1].document,
        date(2025, 12, 11),
        "hp-2026-2030",
        high="14",
        note="Mức bình quân của kế hoạch 5 năm.",
    ),
    # the year targets of the People's Councils
    TargetSpec("grdp_growth", "year", 2021, 2021, "8.5", HD_PLAN.format(year=2021), date(2020, 12, 11), INVENTED),
    TargetSpec(
        "grdp_growth", "year", 2022, 2021, "10", HD_PLAN.format(year=2022), date(2021, 12, 10), "hd-2022-estimate"
    ),
    TargetSpec(
        "grdp_growth",
        "year",
        2023,
        2021,
        "9",
        HD_PLAN.format(year=2023),
        date(2022, 12, 9),
        "hd-2023-party",
        note="Tăng trên 9 %.",
    ),
    TargetSpec(
        "grdp_growth",
        "year",
        2024,
        2021,
        "9",
        HD_PLAN.format(year=2024),
        date(2023, 12, 8),
        "hd-2024-plan",
        note="Tăng từ 9 % trở lên.",
    ),
    TargetSpec(
        "grdp_growth",
        "year",
        2025,
        2021,
        "12.5",
        "Nghị quyết 25/NQ-CP ngày 05/02/2025 của Chính phủ (thành phố Hải Phòng)",
        date(2025, 2, 5),
        "hp-2025-q1",
        revisions=(
            Revision(
                "12.35",
                None,
                "Nghị quyết 42/NQ-HĐND ngày 25/07/2025 của HĐND thành phố Hải Phòng",
                date(2025, 7, 25),
                "Thành phố Hải Phòng sau sắp xếp (hợp nhất với tỉnh Hải Dương từ 01/07/2025) đặt lại kế hoạch năm.",
                "hp-2025-statistics",
            ),
        ),
    ),
    TargetSpec(
        "grdp_growth",
        "year",
        2026,
        2026,
        "13",
        HP_2026,
        date(2025, 12, 11),
        "hp-2026-plan",
        revisions=(
            Revision(
                "13",
                "13.5",
                "Nghị quyết 01/NQ-CP ngày 08/01/2026 của Chính phủ, Phụ lục II",
                date(2026, 1, 8),
                "Chính phủ giao chỉ tiêu tăng trưởng GRDP 13-13,5 % cho thành phố.",
                "nq-01-2026",
            ),
        ),
    ),
    TargetSpec("grdp_per_capita", "year", 2024, 2021, "4400", HD_PLAN.format(year=2024), date(2023, 12, 8), INVENTED),
    TargetSpec(
        "budget_revenue",
        "year",
        2024,
        2021,
        "19640",
        HD_PLAN.format(year=2024),
        date(2023, 12, 8),
        "hd-2024-council",
        note="Dự toán: 28.813 tỷ đồng ước thực hiện bằng 146,7 % dự toán.",
    ),
    TargetSpec(
        "budget_revenue",
        "year",
        2026,
        2026,
        "165000",
        HP_2026,
        date(2025, 12, 11),
        INVENTED,
        note="Dự toán (số liệu minh họa).",
    ),
    TargetSpec("social_investment", "year", 2026, 2026, "360000", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec("export_turnover", "year", 2026, 2026, "52000", HP_2026, date(2025, 12, 11), "hp-2026-exports"),
    TargetSpec("fdi_attracted", "year", 2026, 2026, "5000", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec("domestic_investment", "year", 2026, 2026, "120000", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec(
        "public_disbursement",
        "year",
        2025,
        2021,
        "100",
        "Mục tiêu của UBND thành phố Hải Phòng: giải ngân 100 % kế hoạch vốn đầu tư công năm 2025",
        None,
        "hp-2025-review",
    ),
    TargetSpec("public_disbursement", "year", 2026, 2026, "100", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec("new_enterprises", "year", 2024, 2021, "1900", HD_PLAN.format(year=2024), date(2023, 12, 8), INVENTED),
    TargetSpec(
        "new_enterprises", "term_year", 2026, 2026, "9200", TERMS[1].document, date(2025, 12, 11), "hp-2026-2030"
    ),
    TargetSpec("poverty_rate", "year", 2026, 2026, "0.6", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec("urbanisation_rate", "year", 2026, 2026, "52", HP_2026, date(2025, 12, 11), INVENTED),
    TargetSpec("tourist_arrivals", "year", 2026, 2026, "16000000", HP_2026, date(2025, 12, 11), "hp-2026-plan"),
]
