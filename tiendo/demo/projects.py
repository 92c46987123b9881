"""Seeded investment projects for the demo: sectors, industrial zones, projects with their schedule and reports.

Everything is fictional except the places: the sectors, Hải Dương's industrial zones and clusters and the
communes are real names; projects, investors, figures, numbers of decisions and dates come from
`random.Random` seeded with the demo seed, one stream per province, so that the same seed gives the same data
(on the same day: statuses, lateness and reports depend on today, `timezone.localdate()`).

Decisions:
- **Location.** Every project points to a commune of today (valid from 01/07/2025), also projects that ended
  before 2025: the commune is where the project lies, which users search by; the district of the time is
  `commune.formed_from`. Names of projects decided before 01/07/2025 use the district of the time.
- **Agencies of their time.** A project is created with the agency that decided or registered it on its
  decision date (Sở Kế hoạch và Đầu tư before 01/03/2025, then Sở Tài chính; a district People's Committee
  before 01/07/2025), so the 2025 reorganisation in generate.py moves the running ones through the merge service.
  District committees end without a successor: `hand_over_district_projects` gives their running projects to
  the commune People's Committee of the project's commune, with a history row naming NQ 1669/NQ-UBTVQH15.
- **History.** Records are bulk-created with one "created" history row each (the demo imports the registry
  as it stands today); each schedule adjustment is its own record carrying its decision and date.
- **Reports.** Quarterly reports cover the last quarters before today (the online reporting window), from
  the start of implementation to completion or termination, so a province holds about
  `reports_per_project` reports per project.
- **Scale.** Generated and inserted in chunks of CHUNK projects; nothing of a chunk is kept after it is written.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal
from itertools import accumulate

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.domain.money import format_vnd
from tiendo.domain.projects import CapitalSourceKind as Src
from tiendo.domain.projects import DepositStatus as Dep
from tiendo.domain.projects import ExtensionReason as Why
from tiendo.domain.projects import MilestoneKind as MK
from tiendo.domain.projects import ProjectGroup, ProjectKind, ProjectStatus
from tiendo.domain.text import clean
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import (
    RUNNING,
    CapitalSource,
    LegalDocument,
    Milestone,
    ProgressReport,
    Project,
    ScheduleAdjustment,
    Sector,
    Zone,
)

from . import catalogue

BATCH = 5000
CHUNK = 5000
TY = 1_000_000_000
TRIEU = 1_000_000
VN_TZ = dt_timezone(timedelta(hours=7))
REFORM = catalogue.DEPARTMENT_REFORM
TWO_TIER = catalogue.TWO_TIER
REFORM_TARGET = {source: target for sources, target in catalogue.DEPARTMENT_MERGES for source in sources}
DISTRICT_HANDOVER = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/06/2025 về sắp xếp đơn vị hành chính cấp xã"

# ---------------------------------------------------------------------------------------------------------------
# Vocabularies: sectors (with the public-investment band of Law 58/2024 Art. 8–10, LEGAL_RULES PI-01) and zones
# ---------------------------------------------------------------------------------------------------------------
# (code, Vietnamese, English, Chinese, band 1–4)
SECTORS = [
    ("GT", "Giao thông", "Transport", "交通", 2),
    ("TL", "Thủy lợi, đê điều", "Irrigation and dykes", "水利与堤防", 2),
    ("YT", "Y tế", "Health", "医疗卫生", 4),
    ("GD", "Giáo dục và đào tạo", "Education and training", "教育培训", 4),
    ("VH", "Văn hóa, thể thao", "Culture and sports", "文化体育", 4),
    ("CB", "Công nghiệp chế biến, chế tạo", "Manufacturing", "加工制造业", 3),
    ("DT", "Điện tử", "Electronics", "电子", 2),
    ("DM", "Dệt may, da giày", "Textiles, garments and footwear", "纺织服装鞋类", 3),
    ("VL", "Vật liệu xây dựng", "Building materials", "建筑材料", 2),
    ("LOG", "Logistics và kho bãi", "Logistics and warehousing", "物流仓储", 4),
    ("BDS", "Bất động sản, khu đô thị", "Real estate and urban areas", "房地产与城市区", 1),
    ("NN", "Nông nghiệp công nghệ cao", "High-tech agriculture", "高科技农业", 3),
    ("NL", "Năng lượng", "Energy", "能源", 1),
    ("DL", "Du lịch", "Tourism", "旅游", 4),
    ("TM", "Thương mại, dịch vụ", "Trade and services", "商业服务", 4),
    ("MT", "Cấp thoát nước và môi trường", "Water supply, drainage and environment", "供排水与环境", 2),
    ("KCN", "Hạ tầng khu, cụm công nghiệp", "Industrial zone and cluster infrastructure", "工业区基础设施", 3),
]
BANDS = {code: band for code, *_, band in SECTORS}

# Hải Dương's industrial zones and clusters: (key, kind, name, ascii name, Chinese name or "", commune, ha).
# Names are real; areas are rounded demo figures; the commune is the one of today that holds the zone.
HD_ZONES = [
    ("DAIAN", "kcn", "Đại An", "Dai An", "大安", "HP-TPHD-08", 174),
    ("DAIANMR", "kcn", "Đại An mở rộng", "Dai An Expansion", "大安扩建", "HP-CG-02", 396),
    ("NAMSACH", "kcn", "Nam Sách", "Nam Sach", "南策", "HP-TPHD-09", 63),
    ("PHUCDIEN", "kcn", "Phúc Điền", "Phuc Dien", "福田", "HP-CG-01", 87),
    ("TANTRUONG", "kcn", "Tân Trường", "Tan Truong", "", "HP-CG-03", 198),
    ("LAIVU", "kcn", "Lai Vu", "Lai Vu", "", "HP-KT-02", 274),
    ("CONGHOA", "kcn", "Cộng Hòa", "Cong Hoa", "共和", "HP-TPCL-05", 357),
    ("VIETHOAKENMARK", "kcn", "Việt Hòa - Kenmark", "Viet Hoa - Kenmark", "越和-Kenmark", "HP-TPHD-03", 46),
    ("CAMDIENLUONGDIEN", "kcn", "Cẩm Điền - Lương Điền", "Cam Dien - Luong Dien", "锦田-良田", "HP-CG-04", 197),
    ("PHUTHAI", "kcn", "Phú Thái", "Phu Thai", "富泰", "HP-KT-01", 61),
    ("KIMTHANH", "kcn", "Kim Thành", "Kim Thanh", "金城", "HP-KT-04", 164),
    ("GIALOC", "kcn", "Gia Lộc", "Gia Loc", "嘉禄", "HP-GL-01", 197),
    ("HOANGDIEU", "kcn", "Hoàng Diệu", "Hoang Dieu", "", "HP-GL-02", 103),
    ("ANPHAT1", "kcn", "An Phát 1", "An Phat 1", "安发一", "HP-TXKM-05", 150),
    ("NAMTHANHMIEN", "kcn", "Nam Thanh Miện", "Nam Thanh Mien", "南青沔", "HP-TM-05", 149),
    ("THANHHA", "kcn", "Thanh Hà", "Thanh Ha", "青河", "HP-TH-01", 150),
    ("KYSON", "kcn", "Kỳ Sơn", "Ky Son", "岐山", "HP-TK-03", 150),
    ("NGOCSON", "ccn", "Ngọc Sơn", "Ngoc Son", "玉山", "HP-TK-01", 50),
    ("NGHIAAN", "ccn", "Nghĩa An", "Nghia An", "义安", "HP-NG-01", 45),
    ("CAOAN", "ccn", "Cao An", "Cao An", "高安", "HP-CG-01", 50),
    ("KIMLUONG", "ccn", "Kim Lương", "Kim Luong", "", "HP-KT-03", 48),
    ("THAITAN", "ccn", "Thái Tân", "Thai Tan", "泰新", "HP-NS-02", 60),
    ("VANAN", "ccn", "Văn An", "Van An", "文安", "HP-TPCL-01", 40),
    ("HOANGTAN", "ccn", "Hoàng Tân", "Hoang Tan", "", "HP-TPCL-06", 50),
    ("DUYTAN", "ccn", "Duy Tân", "Duy Tan", "维新", "HP-TXKM-02", 45),
    ("GIAXUYEN", "ccn", "Gia Xuyên", "Gia Xuyen", "", "HP-GL-03", 50),
    ("DOANTUNG", "ccn", "Đoàn Tùng", "Doan Tung", "", "HP-TM-02", 50),
    ("LAICACH", "ccn", "Lai Cách", "Lai Cach", "", "HP-CG-02", 40),
    ("THUONGVU", "ccn", "Thượng Vũ", "Thuong Vu", "", "HP-KT-04", 75),
    ("HUNGDAO", "ccn", "Hưng Đạo", "Hung Dao", "兴道", "HP-TK-02", 50),
]
ZONE_WORDS = {"kcn": ("KCN", "Industrial Park", "工业区"), "ccn": ("CCN", "Industrial Cluster", "工业集群")}
ZONE_FULL = {"kcn": "khu công nghiệp", "ccn": "cụm công nghiệp"}
FOREIGN_DEVELOPED = {"VIETHOAKENMARK": "TW"}  # Kenmark is a Taiwanese group: its zone's developer is foreign
# Projects per old district of Hải Dương (industrial districts hold more); centre (lat, lon) for the map.
DISTRICT_WEIGHTS = {
    "TPHD": (16, 20.940, 106.330),
    "TPCL": (9, 21.130, 106.400),
    "TXKM": (8, 21.020, 106.510),
    "NS": (8, 21.000, 106.330),
    "KT": (9, 20.930, 106.500),
    "TH": (6, 20.880, 106.430),
    "CG": (11, 20.950, 106.220),
    "BG": (6, 20.870, 106.190),
    "GL": (7, 20.860, 106.290),
    "TK": (7, 20.820, 106.400),
    "NG": (6, 20.730, 106.390),
    "TM": (7, 20.780, 106.230),
}

# ---------------------------------------------------------------------------------------------------------------
# Name templates
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class T:
    """A kind of project: its name (vi, en, zh), size in billions of đồng, land in m², and who owns or where."""

    vi: str
    low: float
    high: float
    land: tuple[int, int] | None = None
    where: str = "any"  # public: board | dept | local; private: zone | out | any
    en: str = ""
    zh: str = ""
    band: int = 0  # overrides the sector's band
    end: MK = MK.OPERATION
    weight: float = 1.0  # how often, among its sector's kinds


def _choose(rng: random.Random, templates: list[T]) -> T:
    return rng.choices(templates, [t.weight for t in templates])[0]


PUBLIC = {
    "GT": [
        T("Đường trục Bắc – Nam {district}", 60, 700, (40_000, 250_000), "board", end=MK.COMPLETION),
        T(
            "Cải tạo, nâng cấp đường tỉnh {dt} đoạn qua {district}",
            40,
            600,
            (20_000, 150_000),
            "dept",
            end=MK.COMPLETION,
        ),
        T(
            "Đường nối quốc lộ {ql} với đường tỉnh {dt} qua {place}",
            80,
            900,
            (50_000, 200_000),
            "board",
            end=MK.COMPLETION,
        ),
        T(
            "Xây dựng cầu {village_name} qua sông {river}",
            120,
            2_600,
            (10_000, 60_000),
            "board",
            band=1,
            end=MK.COMPLETION,
        ),
        T("Cải tạo, mở rộng đường giao thông liên xã {place}", 6, 60, (5_000, 30_000), "local", end=MK.COMPLETION),
        T("Đường trục trung tâm {place}", 15, 120, (10_000, 60_000), "local", end=MK.COMPLETION),
        T(
            "Đường trục kết nối {district} với đường cao tốc Hà Nội – Hải Phòng",
            900,
            4_800,
            (200_000, 600_000),
            "board",
            end=MK.COMPLETION,
            weight=0.15,
        ),
    ],
    "TL": [
        T("Nạo vét, kè bờ sông {small_river} đoạn qua {place}", 15, 220, (10_000, 80_000), "dept", end=MK.COMPLETION),
        T("Cải tạo, nâng cấp trạm bơm {village_name}, {place}", 5, 80, None, "dept", end=MK.COMPLETION),
        T("Nâng cấp, kiên cố hóa đê {dyke} đoạn qua {district}", 40, 450, (20_000, 120_000), "dept", end=MK.COMPLETION),
        T("Kiên cố hóa kênh mương nội đồng {place}", 3, 30, None, "local", end=MK.COMPLETION),
    ],
    "YT": [
        T(
            "Đầu tư xây dựng Bệnh viện Đa khoa {district} (giai đoạn 2)",
            90,
            650,
            (15_000, 50_000),
            "board",
            end=MK.COMPLETION,
        ),
        T("Cải tạo, nâng cấp Trung tâm Y tế {district}", 20, 130, None, "dept", end=MK.COMPLETION),
        T("Xây dựng Trạm Y tế {place}", 3, 12, (1_500, 4_000), "local", end=MK.COMPLETION),
    ],
    "GD": [
        T("Trường THCS {person}, {place}", 10, 65, (8_000, 20_000), "local", end=MK.COMPLETION),
        T("Trường Tiểu học {place_name} (khu trung tâm)", 8, 45, (6_000, 15_000), "local", end=MK.COMPLETION),
        T("Trường Mầm non {place_name}", 5, 30, (3_000, 10_000), "local", end=MK.COMPLETION),
        T("Nhà lớp học bộ môn 3 tầng Trường THPT {person}", 8, 28, None, "dept", end=MK.COMPLETION),
        T("Xây dựng Trường THPT {person} (cơ sở mới), {place}", 60, 220, (15_000, 40_000), "board", end=MK.COMPLETION),
    ],
    "VH": [
        T("Tu bổ, tôn tạo khu di tích {relic}", 30, 520, (20_000, 300_000), "board", end=MK.COMPLETION),
        T("Trung tâm Văn hóa – Thể thao {district}", 30, 160, (15_000, 60_000), "local", end=MK.COMPLETION),
        T("Nhà văn hóa trung tâm {place}", 3, 15, (2_000, 6_000), "local", end=MK.COMPLETION),
    ],
    "MT": [
        T("Nhà máy xử lý nước thải tập trung {district}", 80, 650, (20_000, 80_000), "board", end=MK.COMPLETION),
        T("Khu xử lý chất thải rắn sinh hoạt {district}", 50, 420, (30_000, 150_000), "dept", end=MK.COMPLETION),
        T("Hệ thống thoát nước và xử lý nước thải {place}", 20, 160, None, "local", end=MK.COMPLETION),
    ],
    "BDS": [
        T(
            "Hạ tầng kỹ thuật khu dân cư mới {village}, {place}",
            10,
            260,
            (20_000, 150_000),
            "local",
            band=3,
            end=MK.COMPLETION,
        ),
        T(
            "Hạ tầng kỹ thuật khu đất đấu giá quyền sử dụng đất {village}, {place}",
            5,
            80,
            (5_000, 40_000),
            "local",
            band=3,
            end=MK.COMPLETION,
        ),
    ],
    "NN": [
        T("Hạ tầng vùng sản xuất nông nghiệp tập trung {place}", 10, 90, (50_000, 300_000), "dept", end=MK.COMPLETION),
        T("Hạ tầng vùng sản xuất rau an toàn {place}", 5, 60, (30_000, 150_000), "local", end=MK.COMPLETION),
    ],
    "TM": [T("Chợ trung tâm {place}", 10, 65, (5_000, 20_000), "local", end=MK.COMPLETION)],
    "DL": [T("Hạ tầng du lịch khu di tích {relic}", 50, 420, (30_000, 200_000), "board", end=MK.COMPLETION)],
}
PRIVATE = {
    "CB": [
        T("Nhà máy sản xuất bao bì {brand}", 30, 500, (10_000, 60_000)),
        T("Nhà máy chế biến nông sản {place_name}", 20, 300, (10_000, 50_000), "out"),
        T("Nhà máy sản xuất thiết bị điện {brand}", 50, 800, (15_000, 80_000)),
        T("Nhà máy sản xuất kết cấu thép {brand}", 50, 650, (20_000, 100_000)),
        T("Nhà máy sản xuất thực phẩm, bánh kẹo {brand}", 30, 420, (10_000, 50_000)),
        T("Nhà máy sản xuất phụ tùng ô tô, xe máy {brand}", 80, 900, (20_000, 100_000), "zone"),
        T("Nhà máy chế biến thức ăn chăn nuôi {brand}", 100, 900, (20_000, 80_000)),
        T("Nhà máy sản xuất đồ gỗ nội thất {brand}", 30, 320, (10_000, 60_000)),
    ],
    "BDS": [
        T("Khu đô thị mới {urban}", 500, 6_500, (200_000, 1_500_000), "out", end=MK.COMPLETION),
        T("Khu dân cư mới {village}, {place}", 60, 650, (30_000, 200_000), "out", band=3, end=MK.COMPLETION),
        T("Khu nhà ở xã hội {place_name}", 200, 1_600, (20_000, 100_000), "out", end=MK.COMPLETION),
        T("Khu đô thị sinh thái {urban}", 800, 5_500, (300_000, 1_200_000), "out", end=MK.COMPLETION),
    ],
    "TM": [
        T("Cửa hàng xăng dầu {place_name}", 4, 25, (1_500, 5_000), "out"),
        T("Trung tâm thương mại {urban}", 100, 1_100, (5_000, 30_000), "out"),
        T("Siêu thị và văn phòng cho thuê {brand}", 50, 420, (3_000, 15_000), "out"),
        T("Khách sạn {brand}", 100, 850, (3_000, 12_000), "out"),
        T("Trung tâm trưng bày, bán và bảo dưỡng ô tô {brand}", 30, 160, (5_000, 15_000), "out"),
    ],
    "LOG": [
        T("Trung tâm logistics {place_name}", 200, 1_600, (50_000, 300_000)),
        T("Kho bãi và dịch vụ logistics {brand}", 50, 520, (20_000, 100_000)),
        T("Cảng thủy nội địa {place_name} trên sông {river}", 30, 320, (20_000, 80_000), "out"),
    ],
    "NN": [
        T("Trang trại chăn nuôi lợn công nghệ cao {place_name}", 30, 320, (30_000, 150_000), "out"),
        T("Khu nông nghiệp ứng dụng công nghệ cao {place_name}", 50, 520, (100_000, 500_000), "out"),
        T("Trồng và chế biến rau quả xuất khẩu {brand}", 20, 220, (30_000, 120_000), "out"),
    ],
    "NL": [
        T("Nhà máy điện sinh khối {brand}", 300, 2_100, (50_000, 150_000), "out"),
        T("Nhà máy xử lý chất thải rắn phát điện {place_name}", 800, 3_100, (60_000, 200_000), "out"),
        T("Điện mặt trời mái nhà {brand}", 10, 80, None),
    ],
    "DL": [
        T("Khu du lịch sinh thái {place_name}", 100, 2_100, (100_000, 1_000_000), "out"),
        T("Khu vui chơi giải trí và thể thao {urban}", 100, 850, (50_000, 300_000), "out"),
    ],
    "VL": [
        T("Nhà máy sản xuất gạch không nung {brand}", 30, 220, (10_000, 50_000)),
        T("Trạm trộn bê tông thương phẩm {brand}", 20, 160, (5_000, 30_000), "out"),
        T("Dây chuyền 2 Nhà máy xi măng {brand}", 1_000, 4_200, (100_000, 400_000), "out", band=1),
    ],
    "DM": [
        T("Nhà máy may xuất khẩu {brand}", 50, 420, (10_000, 60_000)),
        T("Nhà máy sản xuất giày dép {brand}", 100, 650, (20_000, 100_000)),
    ],
    "KCN": [
        T(
            "Đầu tư xây dựng và kinh doanh kết cấu hạ tầng cụm công nghiệp {place_name}",
            150,
            850,
            (300_000, 750_000),
            "out",
        )
    ],
    "DT": [T("Nhà máy sản xuất linh kiện điện tử {brand}", 50, 850, (10_000, 60_000), "zone")],
    "MT": [
        T("Nhà máy xử lý chất thải công nghiệp {brand}", 100, 850, (30_000, 100_000), "out"),
        T("Nhà máy nước sạch {place_name}", 50, 420, (10_000, 50_000), "out"),
    ],
}
# Foreign projects: sizes in millions of USD (converted at the year's rate), mostly in zones.
FDI = {
    "DT": [
        T(
            "Dự án nhà máy sản xuất linh kiện điện tử {brand}",
            5,
            420,
            (20_000, 150_000),
            "zone",
            "{brand} electronic components factory",
            "{brand}电子元件厂项目",
        ),
        T(
            "Dự án sản xuất bảng mạch in (PCB) {brand}",
            20,
            520,
            (30_000, 150_000),
            "zone",
            "{brand} printed circuit board plant",
            "{brand}印刷电路板工厂项目",
        ),
        T(
            "Dự án sản xuất cụm dây dẫn điện ô tô {brand}",
            10,
            220,
            (20_000, 100_000),
            "zone",
            "{brand} automotive wiring harness plant",
            "{brand}汽车线束工厂项目",
        ),
        T(
            "Dự án sản xuất mô-đun camera và linh kiện điện thoại {brand}",
            20,
            320,
            (20_000, 120_000),
            "zone",
            "{brand} camera module and phone parts factory",
            "{brand}摄像头模组及手机零件工厂项目",
        ),
    ],
    "CB": [
        T(
            "Dự án nhà máy sản xuất khuôn mẫu chính xác {brand}",
            3,
            120,
            (10_000, 50_000),
            "zone",
            "{brand} precision moulds factory",
            "{brand}精密模具厂项目",
        ),
        T(
            "Dự án sản xuất linh kiện nhựa kỹ thuật {brand}",
            3,
            160,
            (10_000, 60_000),
            "zone",
            "{brand} engineering plastic parts factory",
            "{brand}工程塑料零件厂项目",
        ),
        T(
            "Dự án sản xuất phụ tùng ô tô, xe máy {brand}",
            10,
            220,
            (20_000, 100_000),
            "zone",
            "{brand} automotive and motorcycle parts factory",
            "{brand}汽车及摩托车零部件厂项目",
        ),
        T(
            "Dự án sản xuất thiết bị cơ khí chính xác {brand}",
            5,
            160,
            (10_000, 60_000),
            "zone",
            "{brand} precision machinery factory",
            "{brand}精密机械厂项目",
        ),
        T(
            "Dự án nhà máy sản xuất bao bì giấy {brand}",
            5,
            110,
            (10_000, 50_000),
            "any",
            "{brand} paper packaging factory",
            "{brand}纸包装厂项目",
        ),
    ],
    "DM": [
        T(
            "Dự án nhà máy may mặc {brand}",
            5,
            110,
            (10_000, 60_000),
            "any",
            "{brand} garment factory",
            "{brand}服装厂项目",
        ),
        T(
            "Dự án sản xuất sợi và vải {brand}",
            20,
            320,
            (50_000, 200_000),
            "zone",
            "{brand} yarn and fabric mill",
            "{brand}纱线织布厂项目",
        ),
        T(
            "Dự án sản xuất giày thể thao {brand}",
            20,
            220,
            (30_000, 150_000),
            "zone",
            "{brand} sports footwear factory",
            "{brand}运动鞋厂项目",
        ),
    ],
    "LOG": [
        T(
            "Dự án trung tâm kho vận {brand}",
            10,
            110,
            (20_000, 100_000),
            "zone",
            "{brand} logistics centre",
            "{brand}物流中心项目",
        )
    ],
    "VL": [
        T(
            "Dự án sản xuất kính xây dựng {brand}",
            10,
            220,
            (30_000, 150_000),
            "zone",
            "{brand} construction glass factory",
            "{brand}建筑玻璃厂项目",
        )
    ],
    "NL": [
        T(
            "Dự án sản xuất tấm pin năng lượng mặt trời {brand}",
            20,
            320,
            (30_000, 150_000),
            "zone",
            "{brand} solar panel factory",
            "{brand}太阳能电池板工厂项目",
        )
    ],
    "TM": [
        T(
            "Dự án trung tâm thương mại {brand}",
            5,
            55,
            (5_000, 30_000),
            "out",
            "{brand} shopping centre",
            "{brand}购物中心项目",
        )
    ],
    "NN": [
        T(
            "Dự án chế biến thực phẩm xuất khẩu {brand}",
            5,
            35,
            (10_000, 50_000),
            "any",
            "{brand} export food processing plant",
            "{brand}出口食品加工厂项目",
        )
    ],
    "BDS": [
        T(
            "Dự án khu nhà ở chuyên gia {brand}",
            30,
            320,
            (20_000, 100_000),
            "out",
            "{brand} expert housing",
            "{brand}专家住宅区项目",
            end=MK.COMPLETION,
        )
    ],
}
KIND_SHARE = [(ProjectKind.PUBLIC, 30), (ProjectKind.PRIVATE, 50), (ProjectKind.FDI, 20)]
SECTOR_SHARE = {
    ProjectKind.PUBLIC: {"GT": 25, "TL": 12, "YT": 8, "GD": 20, "VH": 8, "MT": 8, "BDS": 12, "NN": 4, "TM": 3, "DL": 2},
    ProjectKind.PRIVATE: {
        "CB": 18,
        "BDS": 14,
        "TM": 18,
        "LOG": 8,
        "NN": 8,
        "NL": 5,
        "DL": 5,
        "VL": 8,
        "DM": 5,
        "KCN": 3,
        "DT": 4,
        "MT": 4,
    },
    ProjectKind.FDI: {"DT": 35, "CB": 30, "DM": 15, "LOG": 5, "VL": 4, "NL": 4, "TM": 3, "NN": 2, "BDS": 2},
}
YEAR_WEIGHTS = {2016: 5, 2017: 7, 2018: 9, 2019: 10, 2020: 9, 2021: 11, 2022: 12, 2023: 12, 2024: 13, 2025: 12}
USD_RATE = {
    2016: 22_300,
    2017: 22_700,
    2018: 23_000,
    2019: 23_200,
    2020: 23_200,
    2021: 23_100,
    2022: 23_600,
    2023: 24_200,
    2024: 25_000,
    2025: 25_900,
}
# How projects behave: on time, slow (late, catches up partly), stalled (stops at one milestone)
BEHAVIOUR = {
    ProjectKind.PUBLIC: (56, 32, 12),
    ProjectKind.PRIVATE: (54, 28, 18),
    ProjectKind.FDI: (74, 19, 7),
}

PERSONS = [
    "Nguyễn Trãi",
    "Chu Văn An",
    "Lê Quý Đôn",
    "Nguyễn Du",
    "Trần Phú",
    "Mạc Đĩnh Chi",
    "Tuệ Tĩnh",
    "Phạm Sư Mạnh",
    "Vũ Hựu",
    "Nguyễn Bỉnh Khiêm",
    "Hồng Quang",
    "Lê Thanh Nghị",
    "Nguyễn Lương Bằng",
    "Khúc Thừa Dụ",
    "Trần Hưng Đạo",
    "Đoàn Thượng",
    "Phạm Ngũ Lão",
    "Quang Trung",
]
VILLAGES = [
    "Đông",
    "Đoài",
    "Thượng",
    "Hạ",
    "Trung",
    "An Lạc",
    "Phú Lộc",
    "Hòa Bình",
    "Tiền Trung",
    "Văn Xá",
    "Quảng Xá",
    "Mạc Xá",
    "Lương Xá",
    "Cập Nhất",
    "Bình Lâu",
    "Kim Đôi",
    "Ngọc Lặc",
    "Vạn Tải",
    "Đông Cao",
]
RIVERS = ["Thái Bình", "Kinh Thầy", "Luộc", "Rạng", "Văn Úc", "Kinh Môn", "Gùa", "Lai Vu"]
SMALL_RIVERS = ["Sặt", "Cửu An", "Đình Đào", "Tứ Kỳ", "Cẩm Giàng", "Bắc Hưng Hải", "Hương", "Ghẽ"]
DYKES = [
    "tả sông Thái Bình",
    "hữu sông Thái Bình",
    "hữu sông Luộc",
    "tả sông Kinh Thầy",
    "hữu sông Rạng",
    "tả sông Văn Úc",
]
RELICS = [
    "Côn Sơn – Kiếp Bạc",
    "Văn miếu Mao Điền",
    "An Phụ – Kính Chủ – Nhẫm Dương",
    "đền thờ Chu Văn An",
    "chùa Thanh Mai",
    "đền Tranh",
    "làng cổ Mộ Trạch",
]
ROADS_DT = ["389", "390", "391", "392", "392B", "394", "395", "396", "396B", "398"]
ROADS_QL = ["5", "10", "17B", "18", "37", "38"]
URBAN = [
    "phía Nam {n}",
    "phía Bắc {n}",
    "phía Đông {n}",
    "{n} Central Park",
    "{n} Riverside",
    "{n} Green City",
    "trung tâm {n}",
    "sinh thái {n}",
]

# ---------------------------------------------------------------------------------------------------------------
# Problems investors and owners report (realistic sentences; {left} households, {area} m², {gap} tỷ đồng)
# ---------------------------------------------------------------------------------------------------------------
PROBLEMS = {
    MK.SITE_CLEARANCE: [
        "Còn {left} hộ dân chưa nhận tiền bồi thường, chưa bàn giao mặt bằng do chưa thống nhất đơn giá bồi thường.",
        "Vướng mắc giải phóng mặt bằng: còn {area} m² đất nông nghiệp chưa thu hồi được; đề nghị UBND xã tăng cường "
        "tuyên truyền, vận động.",
        "Một số hộ dân khiếu nại về nguồn gốc đất, đang chờ kết quả xác minh của cơ quan chuyên môn.",
        "Chưa bố trí được khu tái định cư cho {left} hộ phải di dời.",
        "Vướng di dời đường điện trung thế và mộ phần trong phạm vi dự án.",
    ],
    MK.LAND_HANDOVER: [
        "Đang chờ UBND tỉnh ban hành quyết định cho thuê đất và phê duyệt giá đất cụ thể.",
        "Thủ tục chuyển mục đích sử dụng đất trồng lúa kéo dài, chưa được bàn giao đất trên thực địa.",
        "Chưa xác định được tiền sử dụng đất phải nộp do đang chờ phê duyệt giá đất.",
        "Hồ sơ giao đất, cho thuê đất phải bổ sung theo Luật Đất đai 2024, đang chờ hướng dẫn.",
    ],
    MK.CONSTRUCTION_START: [
        "Đang hoàn thiện hồ sơ đề nghị cấp giấy phép xây dựng và thẩm định thiết kế cơ sở.",
        "Báo cáo đánh giá tác động môi trường chưa được phê duyệt.",
        "Điều chỉnh quy hoạch chi tiết tỷ lệ 1/500 chưa được phê duyệt.",
        "Thiếu đất đắp nền, nguồn cát san lấp khan hiếm, giá tăng cao.",
    ],
    MK.CAPITAL_CONTRIBUTION: [
        "Nhà đầu tư chưa góp đủ vốn chủ sở hữu theo tiến độ đăng ký; đang làm việc với ngân hàng để thu xếp vốn vay.",
        "Khó khăn về nguồn vốn do lãi suất vay tăng, doanh nghiệp đề nghị giãn tiến độ góp vốn.",
        "Công ty mẹ chậm chuyển vốn góp do điều chỉnh kế hoạch đầu tư.",
    ],
    MK.OPERATION: [
        "Chậm nhập khẩu máy móc, thiết bị do gián đoạn chuỗi cung ứng.",
        "Đang chờ nghiệm thu về phòng cháy, chữa cháy trước khi đưa công trình vào hoạt động.",
        "Nhà thầu thi công chậm, thiếu nhân lực và thiết bị.",
    ],
    MK.COMPLETION: [
        "Nhà thầu thi công chậm, thiếu nhân lực và thiết bị.",
        "Giá vật liệu xây dựng (thép, cát, đá) tăng cao làm chậm tiến độ thi công.",
        "Khối lượng phát sinh ngoài hợp đồng chưa được phê duyệt điều chỉnh.",
        "Kế hoạch vốn năm {year} mới được giao {share}% nhu cầu, còn thiếu khoảng {gap} tỷ đồng.",
    ],
}
COVID = "Ảnh hưởng của dịch Covid-19: tạm dừng thi công, chuyên gia nước ngoài chưa nhập cảnh được."
REASON_TEXT = {
    Why.FORCE_MAJEURE: "ảnh hưởng của dịch Covid-19 (sự kiện bất khả kháng)",
    Why.STATE_LAND_DELAY: "Nhà nước chậm bàn giao đất do vướng mắc bồi thường, giải phóng mặt bằng",
    Why.STATE_REQUEST: "theo yêu cầu của cơ quan nhà nước có thẩm quyền",
    Why.PLANNING_CHANGE: "điều chỉnh quy hoạch chung, quy hoạch phân khu",
    Why.OBJECTIVE_CHANGE: "điều chỉnh mục tiêu, quy mô dự án",
    Why.CAPITAL_INCREASE: "tăng vốn đầu tư, mở rộng quy mô",
    Why.OTHER: "khó khăn về tài chính của nhà đầu tư",
}
EXCEPTIONS = (Why.FORCE_MAJEURE, Why.STATE_LAND_DELAY, Why.STATE_REQUEST, Why.PLANNING_CHANGE)  # INV-02


# ---------------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def month_end(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])


def quarter_index(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def quarter_end(index: int) -> date:
    year, quarter = divmod(index, 4)
    return month_end(date(year, quarter * 3 + 3, 1))


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def project_group(total: int, band: int, decided: date, zone_infrastructure: bool = False) -> str:
    """Group of a public project by total investment: Law 58/2024 from 01/01/2025, else Law 39/2019 (PI-01/02)."""
    billions = total / TY
    if decided >= date(2025, 1, 1):
        national, a_from, b_from = 30_000, (4_600, 3_000, 2_000, 1_600), (240, 160, 120, 90)
    else:
        national, a_from, b_from = 10_000, (2_300, 1_500, 1_000, 700), (120, 80, 60, 45)
    if billions >= national:
        return ProjectGroup.NATIONAL.value
    if zone_infrastructure or billions >= a_from[band - 1]:
        return ProjectGroup.A.value
    return ProjectGroup.B.value if billions >= b_from[band - 1] else ProjectGroup.C.value


def deposit_for(total: int) -> int:
    """Ký quỹ on progressive bands: 3% up to 300 bn, 2% to 1,000 bn, 1% above (INV-07); rounded to a million."""
    amount = min(total, 300 * TY) * 3 // 100
    amount += max(0, min(total, 1_000 * TY) - 300 * TY) * 2 // 100
    amount += max(0, total - 1_000 * TY) // 100
    return amount // TRIEU * TRIEU


def _vnd(amount: float) -> int:
    return int(amount) // TRIEU * TRIEU


PERCENT = [Decimal(f"{i / 100:.2f}") for i in range(10_001)]


# ---------------------------------------------------------------------------------------------------------------
# The province being generated: places, agencies and investors, read once from the database
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Place:
    pk: int
    code: str
    name: str
    unit_type: str
    district: str  # "huyện Thanh Miện", or the province for other provinces
    district_en: str
    district_code: str  # HD district key, "" elsewhere
    centre: tuple[float, float] | None


@dataclass
class Context:
    prefix_before: str  # project code prefix before 01/07/2025 ("HD"), and after ("HP")
    prefix_after: str
    agency_prefix: str  # "HD" for the demo province (its agencies move to HP), "PHN" elsewhere
    places: list[Place]
    place_weights: list[float]
    zones: list[tuple[int, str, str, str, str, str, int]]  # (pk, key, kind, vi, en, zh, place index)
    zone_cum: list[float]
    agencies: dict[str, int]
    agency_names: dict[str, str]
    domestic: list[tuple[int, str]]  # (pk, brand)
    domestic_cum: list[float]
    foreign: list[tuple[int, str, str]]  # (pk, brand, country)
    foreign_cum: list[float]
    officers: dict[int, int]
    investor_enterprise: tuple[int, str, str] | None = None
    investor_user: int | None = None
    home: bool = True  # the demo province itself (real zones, boards, district committees)


@dataclass
class MilestonePlan:
    kind: MK
    first_due: date
    current_due: date
    done: date | None = None
    adjustments: list[tuple[str, date, date, date, str]] = field(default_factory=list)
    clearance: tuple | None = None  # (area, cleared, households, households cleared, planned, paid)
    record: Milestone | None = None


@dataclass
class Plan:
    project: Project
    milestones: list[MilestonePlan]
    sources: list[tuple[str, int]]
    documents: list[tuple[str, str, date, str, str]]
    behaviour: int  # 0 on time, 1 slow, 2 stalled
    start: date
    works_start: date | None
    works_end: date | None  # done or projected; None when stalled
    stall: date | None
    ended: date | None  # completion of a public project, or termination
    jobs: int = 0
    revenue: int = 0  # a year at full operation
    reporter: int | None = None


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


def _pick(rng: random.Random, items, cum):
    return items[bisect_left(cum, rng.random() * cum[-1])]


def _brand_domestic(name: str) -> str:
    from .people import DOMESTIC_WORDS

    bare = name.rstrip("0123456789 ")
    for word in DOMESTIC_WORDS:
        if bare.endswith(word):
            return word
    return bare.split()[-1]


def _brand_foreign(name_en: str) -> str:
    return name_en.split(" Vietnam")[0] if " Vietnam" in name_en else name_en.split()[0]


def _enterprises(rng: random.Random) -> tuple[list, list, list, list, tuple | None]:
    """Domestic and foreign investors with a skewed weight each: a few groups hold many projects."""
    rows = list(Enterprise.objects.order_by("pk").values_list("pk", "name", "name_en", "country"))
    demo_investor = User.objects.filter(username="nhadautu").values_list("enterprise_id", flat=True).first()
    investor = next(
        ((pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN" and pk == demo_investor),
        next(((pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN"), None),
    )
    domestic = [(pk, _brand_domestic(name)) for pk, name, _en, c in rows if c == "VN"]
    foreign = [(pk, _brand_foreign(en), c) for pk, _n, en, c in rows if c != "VN" and pk != (investor or (0,))[0]]
    domestic_w = _cumulative(min(rng.paretovariate(1.3), 40) for _ in domestic)
    foreign_w = _cumulative(min(rng.paretovariate(1.5), 30) for _ in foreign)
    return domestic, domestic_w, foreign, foreign_w, investor


def home_context(enterprises) -> Context:
    """Hải Dương: its communes of today (by old district), its real zones, its agencies and investors."""
    units = {u.code: u for u in AdminUnit.objects.filter(code__startswith="HP-", level="commune")}
    districts = {
        code: (unit_type, name, name_en) for code, unit_type, name, name_en, *_ in catalogue.HAI_DUONG_DISTRICTS
    }
    places, weights = [], []
    for code in sorted(units):
        unit = units[code]
        district_code = code.split("-")[1]
        unit_type, name, name_en = districts[district_code]
        weight, lat, lon = DISTRICT_WEIGHTS[district_code]
        siblings = sum(1 for c in units if c.split("-")[1] == district_code)
        places.append(
            Place(
                unit.pk,
                code,
                unit.name,
                unit.unit_type,
                f"{unit_type} {name}",
                name_en,
                district_code,
                (lat, lon),
            )
        )
        weights.append(weight / siblings)
    index = {p.code: i for i, p in enumerate(places)}
    zones = [
        (z.pk, z.code.split("-")[-1], z.kind, z.name, z.name_en, z.name_zh, index[z.commune.code])
        for z in Zone.objects.filter(code__startswith="HD-").select_related("commune").order_by("code")
    ]
    area = {key: ha for key, _k, _n, _a, _z, _c, ha in HD_ZONES}
    return Context(
        "HD",
        "HP",
        "HD",
        places,
        _cumulative(weights),
        zones,
        _cumulative(area[z[1]] for z in zones),
        *_agencies(),
        *enterprises[:4],
        _officers(),
        enterprises[4],
        _investor_user(),
        True,
    )


def other_context(code: str, enterprises) -> Context:
    """Another province of the nation (national scale): its generated communes and zones."""
    prefix = f"P{code}"
    province = AdminUnit.objects.get(code=prefix)
    text = f"{province.unit_type} {province.name}"
    places = [
        Place(u.pk, u.code, u.name, u.unit_type, text, province.name_en, "", None)
        for u in AdminUnit.objects.filter(parent=province, level="commune").order_by("code")
    ]
    index = {p.code: i for i, p in enumerate(places)}
    zones = [
        (z.pk, z.code.split("-")[-1], z.kind, z.name, z.name_en, z.name_zh, index[z.commune.code])
        for z in Zone.objects.filter(code__startswith=f"{prefix}-").select_related("commune").order_by("code")
    ]
    return Context(
        code,
        code,
        prefix,
        places,
        _cumulative([1.0] * len(places)),
        zones,
        _cumulative([1.0] * len(zones)),
        *_agencies(),
        *enterprises[:4],
        _officers(),
        None,
        None,
        False,
    )


def _agencies() -> tuple[dict[str, int], dict[str, str]]:
    rows = Agency.objects.values_list("code", "pk", "name")
    return {c: pk for c, pk, _n in rows}, {c: n for c, _pk, n in rows}


def _officers() -> dict[int, int]:
    found: dict[int, int] = {}
    for agency_id, pk in User.objects.filter(role="officer").order_by("pk").values_list("agency_id", "pk"):
        found.setdefault(agency_id, pk)
    return found


def _investor_user() -> int | None:
    return User.objects.filter(username="nhadautu").values_list("pk", flat=True).first()


# ---------------------------------------------------------------------------------------------------------------
# One project
# ---------------------------------------------------------------------------------------------------------------
class Generator:
    def __init__(self, ctx: Context, rng: random.Random, today: date, sectors: dict[str, int], certificates=None):
        self.ctx = ctx
        self.rng = rng
        self.today = today
        self.sectors = sectors
        self.serials: dict[tuple[str, int], int] = {}
        self.certificates: set[str] = set() if certificates is None else certificates  # unique in the nation
        self.years = list(YEAR_WEIGHTS)
        self.year_cum = _cumulative(YEAR_WEIGHTS.values())
        self.kinds = [k for k, _w in KIND_SHARE]
        self.kind_cum = _cumulative(w for _k, w in KIND_SHARE)
        self.sector_pick = {kind: (list(share), _cumulative(share.values())) for kind, share in SECTOR_SHARE.items()}

    # -- codes, numbers, agencies -------------------------------------------------------------------------------
    def code(self, decided: date) -> str:
        prefix = self.ctx.prefix_after if decided >= TWO_TIER else self.ctx.prefix_before
        key = (prefix, decided.year)
        self.serials[key] = self.serials.get(key, 0) + 1
        return f"{prefix}-{decided.year}-{self.serials[key]:04d}"

    def agency(self, key: str, day: date) -> str:
        """The agency code `key` (a department key, BQLDA, BQLKCN, UBND...) as it stood on `day`."""
        prefix = self.ctx.agency_prefix
        if self.ctx.home:
            if day >= REFORM:
                key = REFORM_TARGET.get(key, key)
            if day >= TWO_TIER:
                prefix = "HP"
                key = {"BQLKCN": "BQLKKT"}.get(key, key)
        else:
            key = REFORM_TARGET.get(key, key)
            key = {"BQLDA": "SXD", "BQLKCN": "STC", "SKHDT": "STC"}.get(key, key)
        return f"{prefix}-{key}"

    def decision_number(self, day: date, suffix: str, per_day: int = 11) -> str:
        number = (day.timetuple().tm_yday - 1) * per_day + self.rng.randint(1, per_day)
        return f"{number}/{suffix}"

    def resolution_number(self, day: date) -> str:
        return f"{max(1, day.timetuple().tm_yday // 12 + self.rng.randint(0, 3))}/NQ-HĐND"

    def certificate_number(self) -> str:
        while True:
            number = str(self.rng.randrange(1_000_000_000, 9_999_999_999))
            if number not in self.certificates:
                self.certificates.add(number)
                return number

    def decided_on(self) -> date:
        year = _pick(self.rng, self.years, self.year_cum)
        day = date(year, 1, 1) + timedelta(days=self.rng.randrange(365))
        return min(day, self.today - timedelta(days=60))

    def place_text(self, place: Place, decided: date) -> str:
        """ "xã Tứ Kỳ, huyện Tứ Kỳ" before 01/07/2025 (the district of the time), "xã Tứ Kỳ" from then."""
        modern = decided >= TWO_TIER or not self.ctx.home
        return f"{place.unit_type} {place.name}" + ("" if modern else f", {place.district}")

    def text(self, template: str, place: Place, decided: date, brand: str = "") -> str:
        rng = self.rng
        modern = decided >= TWO_TIER or not self.ctx.home
        values = {
            "place": self.place_text(place, decided),
            "place_name": place.name,
            "district": place.district if not modern else f"{place.unit_type} {place.name}",
            "brand": brand,
            "village": f"thôn {rng.choice(VILLAGES)}",
            "village_name": rng.choice(VILLAGES),
            "person": rng.choice(PERSONS),
            "river": rng.choice(RIVERS),
            "small_river": rng.choice(SMALL_RIVERS),
            "dyke": rng.choice(DYKES),
            "relic": rng.choice(RELICS) if self.ctx.home else f"{place.unit_type} {place.name}",
            "dt": rng.choice(ROADS_DT),
            "ql": rng.choice(ROADS_QL),
            "urban": rng.choice(URBAN).format(n=place.name),
        }
        return template.format(**values)

    # -- the project --------------------------------------------------------------------------------------------
    def project(
        self,
        kind: ProjectKind | None = None,
        *,
        investor=None,
        behaviour: int | None = None,
        decided: date | None = None,
        sector: str | None = None,
        zone_index: int | None = None,
    ) -> Plan:
        rng = self.rng
        ctx = self.ctx
        kind = kind or _pick(rng, self.kinds, self.kind_cum)
        sectors, cum = self.sector_pick[kind]
        sector = sector or _pick(rng, sectors, cum)
        template = _choose(
            rng, {ProjectKind.PUBLIC: PUBLIC, ProjectKind.PRIVATE: PRIVATE, ProjectKind.FDI: FDI}[kind][sector]
        )
        decided = decided or self.decided_on()
        if behaviour is None:
            behaviour = _pick(rng, (0, 1, 2), _cumulative(BEHAVIOUR[kind]))
            if sector in ("BDS", "KCN", "DL") and behaviour == 0 and rng.random() < 0.3:
                behaviour = 1  # land-hungry projects are the slow ones (site clearance)

        # where
        zone = None
        if kind != ProjectKind.PUBLIC and ctx.zones and template.where != "out":
            share = (
                {"zone": 0.92, "any": 0.55}[template.where]
                if kind == ProjectKind.FDI
                else ({"zone": 0.8, "any": 0.4}[template.where])
            )
            if zone_index is not None or rng.random() < share:
                zone = ctx.zones[zone_index] if zone_index is not None else _pick(rng, ctx.zones, ctx.zone_cum)
        place = ctx.places[zone[6]] if zone else _pick(rng, ctx.places, ctx.place_weights)

        # who
        agency_key = None
        if kind == ProjectKind.PUBLIC:
            investor_pk, brand, country = None, "", "VN"
            owner = template.where
            if owner == "local" and (decided >= TWO_TIER or ctx.home):
                agency_key = self._local_owner(place, decided)
            elif owner == "board":
                agency_key = self.agency("BQLDA", decided)
            else:
                agency_key = self.agency(_DEPARTMENT_OF[sector], decided)
        else:
            if investor is not None:
                investor_pk, brand, country = investor
            elif kind == ProjectKind.FDI:
                investor_pk, brand, country = _pick(rng, ctx.foreign, ctx.foreign_cum)
            else:
                (investor_pk, brand), country = _pick(rng, ctx.domestic, ctx.domestic_cum), "VN"
            agency_key = self.agency("BQLKCN" if zone else "SKHDT", decided)

        # how much
        band = template.band or BANDS[sector]
        if kind == ProjectKind.FDI:
            usd = math.exp(rng.uniform(math.log(template.low), math.log(template.high)))
            total = _vnd(usd * TRIEU * USD_RATE[decided.year])
        else:
            total = _vnd(math.exp(rng.uniform(math.log(template.low), math.log(template.high))) * TY)
        land = None
        if template.land and not (kind != ProjectKind.PUBLIC and rng.random() < 0.08):
            land = rng.randint(*template.land) // 10 * 10
        group = project_group(total, band, decided) if kind == ProjectKind.PUBLIC else ""

        name = self.text(template.vi, place, decided, brand)
        name_en = name_zh = ""
        if kind == ProjectKind.FDI:
            name_en = template.en.format(brand=brand)
            name_zh = template.zh.format(brand=brand)
        if kind != ProjectKind.PUBLIC and "{place" not in template.vi and "{urban" not in template.vi:
            if zone:
                name += f" tại {zone[3]}"
                name_en += f" in {zone[4]}" if name_en else ""
                name_zh = f"{zone[5]}{name_zh}" if name_zh and zone[5] else name_zh
            else:
                name += f" tại {self.place_text(place, decided)}"
                name_en += f", {place.district_en}" if name_en else ""
        if kind != ProjectKind.PUBLIC and rng.random() < 0.12:
            name, name_en = name + " (giai đoạn 2)", name_en + " (phase 2)" if name_en else ""
            name_zh = name_zh + "（二期）" if name_zh else ""
        return self._schedule(
            kind,
            sector,
            template,
            behaviour,
            decided,
            place,
            zone,
            agency_key,
            investor_pk,
            country,
            total,
            land,
            group,
            name,
            name_en,
            name_zh,
        )

    def reporter(self, project: Project, investor_pk: int | None) -> int | None:
        """Who submits the reports: an officer of a public project's owner; the demo investor for its projects."""
        if project.kind == ProjectKind.PUBLIC.value:
            return self.ctx.officers.get(project.agency_id)
        mine = self.ctx.investor_enterprise and investor_pk == self.ctx.investor_enterprise[0]
        return self.ctx.investor_user if mine else None

    def _local_owner(self, place: Place, decided: date) -> str:
        if decided >= TWO_TIER:
            head, rest = place.code.split("-", 1)
            return f"{head}-UB-{rest}"
        return f"HD-UB-{place.district_code}"

    # -- schedule, outcome, legal basis, money ------------------------------------------------------------------
    def _schedule(
        self,
        kind,
        sector,
        template,
        behaviour,
        decided,
        place,
        zone,
        agency_key,
        investor_pk,
        country,
        total,
        land,
        group,
        name,
        name_en,
        name_zh,
    ) -> Plan:
        rng = self.rng
        today = self.today
        public = kind == ProjectKind.PUBLIC
        outside = land is not None and zone is None
        end_kind = template.end
        kinds: list[MK] = []
        dues: dict[MK, date] = {}
        if public:
            approved = decided + _days(rng, 60, 300)
            base = approved
            if land:
                kinds.append(MK.SITE_CLEARANCE)
                dues[MK.SITE_CLEARANCE] = base = approved + _days(rng, 180, 450)
            kinds.append(MK.LAND_HANDOVER)
            dues[MK.LAND_HANDOVER] = base = base + _days(rng, 30, 150)
            kinds.append(MK.CONSTRUCTION_START)
            dues[MK.CONSTRUCTION_START] = base = base + _days(rng, 30, 120)
            span = {"C": (300, 720), "B": (540, 1260), "A": (900, 1800), "national": (1200, 2000)}[group]
            kinds.append(MK.COMPLETION)
            dues[MK.COMPLETION] = base + _days(rng, *span)
        else:
            approved = decided
            scale = min(1.0, math.log10(max(total / TY, 2)) / 3.5)  # 0.09 (small) .. 1 (3,000 bn and more)
            kinds.append(MK.CAPITAL_CONTRIBUTION)
            base = decided
            if outside:
                kinds.append(MK.SITE_CLEARANCE)
                dues[MK.SITE_CLEARANCE] = base = decided + _days(rng, 180, 540)
            if land:
                kinds.append(MK.LAND_HANDOVER)
                dues[MK.LAND_HANDOVER] = base = base + (_days(rng, 30, 180) if outside else _days(rng, 30, 240))
            kinds.append(MK.CONSTRUCTION_START)
            dues[MK.CONSTRUCTION_START] = base = base + _days(rng, 60, 270)
            kinds.append(end_kind)
            dues[end_kind] = base = base + timedelta(days=int(rng.randint(270, 540) * (0.6 + scale)))
            dues[MK.CAPITAL_CONTRIBUTION] = min(base, decided + _days(rng, 270, 1080))
        for kind_ in kinds:
            dues[kind_] = month_end(dues[kind_])  # schedules are registered by month ("tháng 6/2023")

        # what happened: slip accumulates along the chain; a stalled project stops at one milestone
        chain = [k for k in kinds if k != MK.CAPITAL_CONTRIBUTION]
        stall_at = rng.randrange(len(chain)) if behaviour == 2 else None
        actual: dict[MK, date | None] = {}
        slip, previous = 0, decided
        for i, kind_ in enumerate(chain):
            if stall_at is not None and i >= stall_at:
                actual[kind_] = None
                continue
            if behaviour == 0:
                slip = max(-90, min(slip + rng.randint(-50, 35), 60))
            else:
                step = rng.randint(45, 330) * (1.6 if kind_ == MK.SITE_CLEARANCE else 1.0)
                slip += int(step)
            done = max(dues[kind_] + timedelta(days=slip), previous + _days(rng, 15, 60))
            if done >= today or (i and actual[chain[i - 1]] is None):
                actual[kind_] = None
            else:
                actual[kind_] = previous = done
        if MK.CAPITAL_CONTRIBUTION in kinds:
            due = dues[MK.CAPITAL_CONTRIBUTION]
            done = {0: due - _days(rng, 0, 200), 1: due + _days(rng, 60, 700), 2: None}[behaviour]
            if done is not None and behaviour == 0:
                done = max(done, decided + _days(rng, 20, 90))
            actual[MK.CAPITAL_CONTRIBUTION] = done if done is not None and done < today else None

        milestones = [MilestonePlan(k, dues[k], dues[k], actual[k]) for k in kinds]
        documents: list[tuple[str, str, date, str, str]] = []
        by_kind = {m.kind: m for m in milestones}
        self._adjust(milestones, behaviour, decided, kind, documents, agency_key)

        # status
        end = by_kind[end_kind if not public else MK.COMPLETION]
        works = by_kind[MK.CONSTRUCTION_START]
        ended = None
        if end.done:
            status = ProjectStatus.COMPLETED if public or sector == "BDS" else ProjectStatus.OPERATING
            ended = end.done if status == ProjectStatus.COMPLETED else None
        elif works.done or (MK.LAND_HANDOVER in by_kind and by_kind[MK.LAND_HANDOVER].done):
            status = ProjectStatus.IMPLEMENTING
        else:
            status = ProjectStatus.PREPARING
        stall = None
        if behaviour == 2:
            stuck = chain[stall_at]
            stall = min(today, max(decided, by_kind[stuck].first_due - _days(rng, 30, 240)))
            if not public and decided < date(2022, 7, 1) and rng.random() < 0.3:
                terminated = by_kind[stuck].current_due + _days(rng, 365, 900)
                if terminated < today - timedelta(days=30):
                    status, ended = ProjectStatus.TERMINATED, terminated
            elif rng.random() < 0.12:
                status = ProjectStatus.SUSPENDED

        # site clearance figures
        if MK.SITE_CLEARANCE in by_kind:
            m = by_kind[MK.SITE_CLEARANCE]
            area = int(land * rng.uniform(0.85, 1.0))
            households = max(3, int(area / rng.uniform(250, 1500)))
            planned = _vnd(area * rng.uniform(150_000, 900_000) + households * rng.uniform(20, 150) * TRIEU)
            share = (
                1.0
                if m.done
                else rng.uniform(0.25, 0.95)
                if m.first_due - _days(rng, 0, 365) < today
                else (rng.uniform(0.0, 0.4))
            )
            m.clearance = (
                area,
                int(area * share),
                households,
                int(households * min(1.0, share * 1.05)),
                planned,
                _vnd(planned * share),
            )

        # legal basis
        ctx = self.ctx
        province_unit = self.agency("UBND", decided)
        policy_number = policy_date = certificate_number = certificate_date = None
        if public:
            policy_date = decided
            local = bool(agency_key) and "-UB-" in agency_key
            if local:
                council = "Hội đồng nhân dân " + (
                    place.district if decided < TWO_TIER and ctx.home else f"{place.unit_type} {place.name}"
                )
            else:
                council = ctx.agency_names[self.agency("HDND", decided)]
            policy_number = self.resolution_number(decided)
            documents.append(
                (
                    "policy",
                    policy_number,
                    decided,
                    council,
                    f"Quyết định chủ trương đầu tư dự án, nhóm {group}, tổng mức đầu tư {format_vnd(total)}.",
                )
            )
            approver = ctx.agency_names.get(agency_key, "") if local else ctx.agency_names[province_unit]
            documents.append(
                (
                    "other",
                    self.decision_number(approved, "QĐ-UBND"),
                    approved,
                    approver,
                    "Quyết định phê duyệt dự án đầu tư xây dựng.",
                )
            )
        else:
            registrar = ctx.agency_names[agency_key]
            needs_policy = outside or sector in ("KCN",) or total >= 2_000 * TY and not zone
            if needs_policy:
                policy_date = decided
                policy_number = self.decision_number(decided, "QĐ-UBND")
                documents.append(
                    (
                        "policy",
                        policy_number,
                        decided,
                        ctx.agency_names[province_unit],
                        "Chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư.",
                    )
                )
            if kind == ProjectKind.FDI or zone or rng.random() < 0.6:
                certificate_number = self.certificate_number()
                certificate_date = decided + (_days(rng, 7, 60) if needs_policy else timedelta())
                summary = f"Cấp Giấy chứng nhận đăng ký đầu tư lần đầu; tổng vốn đầu tư {format_vnd(total)}"
                if kind == ProjectKind.FDI:
                    usd = f"{total / USD_RATE[decided.year] / TRIEU:.1f}".replace(".", ",")
                    summary += f" (tương đương {usd} triệu USD)"
                documents.append(("certificate", certificate_number, certificate_date, registrar, summary + "."))
        land_decision = land_handover = None
        if land:
            handed = by_kind.get(MK.LAND_HANDOVER)
            cleared = by_kind.get(MK.SITE_CLEARANCE)
            if handed and handed.done:
                land_handover = handed.done
                if outside:
                    land_decision = max(
                        cleared.done if cleared and cleared.done else decided, handed.done - _days(rng, 5, 45)
                    )
            elif cleared and cleared.done and outside:
                day = cleared.done + _days(rng, 15, 120)
                land_decision = day if day < today else None
            if land_decision:
                documents.append(
                    (
                        "land",
                        self.decision_number(land_decision, "QĐ-UBND"),
                        land_decision,
                        ctx.agency_names[self.agency("UBND", land_decision)],
                        f"Quyết định {'giao đất' if public else 'cho thuê đất'} {land:,} m².".replace(",", "."),
                    )
                )
        if status == ProjectStatus.TERMINATED:
            documents.append(
                (
                    "other",
                    self.decision_number(ended, "QĐ-UBND"),
                    ended,
                    ctx.agency_names[self.agency("UBND", ended)],
                    "Quyết định chấm dứt hoạt động dự án đầu tư (Điều 48 khoản 2 Luật Đầu tư).",
                )
            )

        # capital increase for some running private projects (an amended certificate)
        if not public and certificate_number and status != ProjectStatus.TERMINATED and rng.random() < 0.1:
            day = decided + _days(rng, 200, 1500)
            if day < today:
                before = total
                total = _vnd(total * rng.uniform(1.2, 2.0))
                documents.append(
                    (
                        "adjustment",
                        certificate_number,
                        day,
                        ctx.agency_names[self.agency("BQLKCN" if zone else "SKHDT", day)],
                        f"Điều chỉnh tăng tổng vốn đầu tư từ {format_vnd(before)} lên {format_vnd(total)}.",
                    )
                )

        # deposit (ký quỹ): projects the State gives land to, outside zones (INV-06/07)
        deposit, deposit_status = 0, Dep.NOT_REQUIRED
        if not public and outside:
            deposit = deposit_for(total)
            if status == ProjectStatus.TERMINATED:
                deposit_status = Dep.FORFEITED if rng.random() < 0.6 else Dep.REQUIRED
            elif status in (ProjectStatus.OPERATING, ProjectStatus.COMPLETED) and rng.random() < 0.6:
                deposit_status = Dep.REFUNDED
            else:
                deposit_status = Dep.REQUIRED if rng.random() < (0.3 if behaviour else 0.06) else Dep.PAID

        # capital sources
        if public:
            if agency_key and "-UB-" in agency_key:
                central = rng.choice([0, 0, 0, 0.3, 0.5])
                sources = [(Src.CENTRAL_BUDGET, central), (Src.LOCAL_BUDGET, 1 - central)]
            elif group in ("A", "B") and rng.random() < 0.12:
                oda = rng.uniform(0.5, 0.8)
                sources = [(Src.ODA, oda), (Src.LOCAL_BUDGET, 1 - oda)]
            else:
                central = rng.choice([0, 0.3, 0.5, 0.7])
                sources = [(Src.CENTRAL_BUDGET, central), (Src.LOCAL_BUDGET, 1 - central)]
        else:
            equity = (
                rng.choice([1.0, 1.0, 0.5, 0.4, 0.3, 0.25, 0.2])
                if kind == ProjectKind.PRIVATE
                else (rng.choice([1.0, 1.0, 1.0, 0.6, 0.4, 0.3]))
            )
            sources = [(Src.EQUITY, equity), (Src.LOAN, 1 - equity)]
        amounts = [(s.value, _vnd(total * share)) for s, share in sources if share > 0]
        amounts[-1] = (amounts[-1][0], total - sum(a for _s, a in amounts[:-1]))

        if ctx.home:
            lat, lon = place.centre
            latitude = _coordinate(lat + rng.uniform(-0.03, 0.03))
            longitude = _coordinate(lon + rng.uniform(-0.03, 0.03))
        else:
            latitude = longitude = None
        code = self.code(decided)
        name = clean(name)
        project = Project(
            code=code,
            name=name,
            name_en=name_en,
            name_zh=name_zh,
            kind=kind.value,
            status=status.value,
            group=group,
            sector_id=self.sectors[sector],
            commune_id=place.pk,
            zone_id=zone[0] if zone else None,
            latitude=latitude,
            longitude=longitude,
            investor_id=investor_pk,
            agency_id=ctx.agencies.get(agency_key) if agency_key else None,
            total_investment=total,
            policy_decision_number=policy_number or "",
            policy_decision_date=policy_date,
            certificate_number=certificate_number or "",
            certificate_date=certificate_date,
            land_area_m2=Decimal(land) if land else None,
            land_decision_date=land_decision,
            land_handover_date=land_handover,
            deposit_amount=deposit,
            deposit_status=deposit_status.value,
            search_key=Project.make_search_key(code, name, name_en),
        )
        # progress curve: works from construction start to the end milestone (done, or projected when slow)
        works_start = works.done or (None if behaviour == 2 else works.current_due + timedelta(days=max(slip, 0)))
        if end.done:
            works_end = end.done
        elif behaviour == 2:
            works_end = None
        else:
            works_end = max(end.current_due, end.first_due + timedelta(days=max(slip, 0) + rng.randint(60, 400)))
        plan = Plan(
            project,
            milestones,
            amounts,
            documents,
            behaviour,
            decided,
            works_start,
            works_end,
            stall,
            ended,
            reporter=self.reporter(project, investor_pk),
        )
        if not public and end_kind == MK.OPERATION:
            per_job = {"DT": 0.4, "DM": 0.25, "CB": 1.5, "KCN": 20.0}.get(sector, 3.0) * TY  # investment per worker
            plan.jobs = max(10, int(total / per_job * rng.uniform(0.5, 1.5)))
            plan.revenue = _vnd(total * rng.uniform(0.3, 1.6))
        return plan

    def _adjust(self, milestones, behaviour, decided, kind, documents, agency_key) -> None:
        """Extensions granted to slow and stalled projects: 6–24 months, for every milestone still open."""
        rng, today = self.rng, self.today
        chance = (0.025, 0.30, 0.42)[behaviour]
        if rng.random() >= chance:
            return
        cumulative = 0
        last = decided + timedelta(days=60)
        for round_ in range(2 if rng.random() < 0.35 else 1):
            late = [
                m
                for m in milestones
                if (m.done is None or m.done > m.current_due + timedelta(days=30))
                and m.current_due - timedelta(days=90) <= today
                and (m.done is None or m.done > last)
            ]
            if not late:
                return
            first = min(late, key=lambda m: m.current_due)
            day = min(
                max(first.current_due + _days(rng, -75, 150), last + timedelta(days=90)), today - timedelta(days=7)
            )
            if day <= last:
                return
            months = rng.choice([6, 6, 9, 12, 12, 12, 18, 24]) if round_ == 0 else rng.choice([6, 6, 9, 12])
            cumulative += months
            covid = date(2020, 3, 1) <= day <= date(2022, 6, 30)
            if covid and rng.random() < 0.6:
                reason = Why.FORCE_MAJEURE
            elif cumulative > 24 and rng.random() < 0.8:
                reason = rng.choice(
                    [Why.STATE_LAND_DELAY, Why.STATE_LAND_DELAY, Why.PLANNING_CHANGE, Why.STATE_REQUEST]
                )
            else:
                reason = rng.choices(list(Why), [0, 30, 10, 10, 5, 5, 25])[0]
            if kind == ProjectKind.PUBLIC:
                number = self.resolution_number(day)
                issuer = self.ctx.agency_names.get(self.agency("HDND", day), "")
            else:
                number = self.decision_number(day, "QĐ-UBND")
                issuer = self.ctx.agency_names[self.agency("UBND", day)]
            touched = 0
            for m in milestones:
                if m.done is not None and m.done <= day:
                    continue
                new_due = month_end(add_months(m.current_due, months))
                m.adjustments.append((number, day, m.current_due, new_due, reason.value))
                m.current_due = new_due
                touched += 1
            if touched:
                documents.append(
                    (
                        "adjustment",
                        number,
                        day,
                        issuer,
                        f"Điều chỉnh tiến độ thực hiện dự án thêm {months} tháng; lý do: {REASON_TEXT[reason]}.",
                    )
                )
            last = day

    def batch(self, size: int, first: bool) -> list[Plan]:
        """`size` projects; the first batch of the demo province starts with its zones' developers and the demo
        investor's own projects, so that the investor login always has 2–4 projects to show."""
        plans: list[Plan] = []
        ctx = self.ctx
        if first and ctx.home:
            investor = ctx.investor_enterprise
            if investor:
                for behaviour, day in ((0, date(2018, 5, 14)), (1, date(2023, 3, 22)), (0, date(2025, 9, 8))):
                    plans.append(
                        self.project(ProjectKind.FDI, investor=investor, behaviour=behaviour, decided=day, sector="DT")
                    )
            for index, (_pk, key, *_r) in enumerate(ctx.zones):
                if len(plans) >= size:
                    break
                developer = None
                if key in FOREIGN_DEVELOPED:
                    developer = next((f for f in ctx.foreign if f[2] == FOREIGN_DEVELOPED[key]), None)
                plans.append(self._zone_developer(index, developer))
        while len(plans) < size:
            plans.append(self.project())
        return plans[:size]

    def _zone_developer(self, index: int, developer) -> Plan:
        """The infrastructure developer of a zone: a private (or foreign) project decided by the Prime Minister."""
        rng = self.rng
        _pk, key, kind, name, name_en, name_zh, place_index = self.ctx.zones[index]
        place = self.ctx.places[place_index]
        decided = date(rng.randint(2016, 2022), rng.randint(1, 12), rng.randint(1, 28))
        if developer is None:
            (investor_pk, _brand), country = _pick(rng, self.ctx.domestic, self.ctx.domestic_cum), "VN"
        else:
            investor_pk, _brand, country = developer
        ha = dict((k, h) for k, *_r, h in HD_ZONES)[key]
        total = _vnd(ha * rng.uniform(8, 18) * TY)
        full = ZONE_FULL[kind]
        template = T(f"Đầu tư xây dựng và kinh doanh kết cấu hạ tầng {full} {name.split(' ', 1)[1]}", 0, 0, None, "out")
        behaviour = _pick(rng, (0, 1, 2), _cumulative((45, 45, 10)))
        plan = self._schedule(
            ProjectKind.FDI if developer else ProjectKind.PRIVATE,
            "KCN",
            template,
            behaviour,
            decided,
            place,
            None,
            self.agency("SKHDT", decided),
            investor_pk,
            country,
            total,
            ha * 10_000,
            "",
            template.vi,
            f"{name_en} infrastructure development" if developer else "",
            f"{name_zh}基础设施开发项目" if developer else "",
        )
        plan.project.zone_id = self.ctx.zones[index][0]
        if kind == "kcn":  # industrial parks need the Prime Minister's policy decision (Law on Investment Art. 31)
            number = f"{rng.randint(100, 1999)}/QĐ-TTg"
            plan.project.policy_decision_number = number
            plan.documents = [
                ("policy", number, d[2], "Thủ tướng Chính phủ", d[4]) if d[0] == "policy" else d for d in plan.documents
            ]
        return plan

    # -- reports ------------------------------------------------------------------------------------------------
    def reports(self, plan: Plan, window: int) -> list[ProgressReport]:
        rng, today = self.rng, self.today
        last_q = quarter_index(today) - 1
        first_q = max(quarter_index(plan.start + timedelta(days=30)), last_q - window + 1)
        end_q = min(last_q, quarter_index(plan.ended)) if plan.ended else last_q
        if first_q > end_q:
            return []
        project = plan.project
        total = project.total_investment
        public = project.kind == ProjectKind.PUBLIC.value
        by_kind = {m.kind: m for m in plan.milestones}
        end = by_kind.get(MK.COMPLETION) or by_kind.get(MK.OPERATION)
        operation = by_kind.get(MK.OPERATION)
        works_start, works_end, stall = plan.works_start, plan.works_end, plan.stall
        prep_end = works_start or (stall or today) + timedelta(days=365)
        ratio = rng.uniform(0.85, 1.0)
        advance = rng.uniform(0.03, 0.12)  # design, land and compensation paid before the works
        reports, best, paid = [], 0, 0
        for q in range(first_q, end_q + 1):
            day = quarter_end(q)
            if stall and day > stall:
                point = stall
            else:
                point = day
            if works_start is None or point < works_start:
                span = max(1, (prep_end - plan.start).days)
                value = 5.0 * min(1.0, max(0.0, (point - plan.start).days / span))
            elif works_end is None or works_end <= works_start:
                value = 5.0 + 60.0 * min(1.0, (point - works_start).days / 720)
            else:
                value = 5.0 + 95.0 * min(1.0, (point - works_start).days / (works_end - works_start).days)
            if stall and day > stall:
                value += min(2.0, (day - stall).days / 365)  # stalled: hardly moves
            if end and (end.done is None or end.done > day):
                value = min(value, 98.5)
            elif end:
                value = 100.0
            hundredths = max(best, int(value * 100))
            best = hundredths
            share = hundredths / 10_000
            disbursed = _vnd(total * min(1.0, advance + (1 - advance) * share * ratio)) if share else 0
            disbursed = paid = max(paid, min(disbursed, total))
            jobs = revenue = taxes = None
            if operation and operation.done and operation.done <= day and plan.jobs:
                age = (day - operation.done).days / 365
                ramp = min(1.0, 0.35 + 0.65 * age)
                jobs = int(plan.jobs * ramp)
                revenue = _vnd(plan.revenue / 4 * ramp * rng.uniform(0.85, 1.15))
                taxes = _vnd(revenue * rng.uniform(0.02, 0.08))
            problems = self._problem(plan, by_kind, day, public) if plan.behaviour else ""
            submitted = min(today, day + _days(rng, 3, 9 if rng.random() < 0.8 else 40))
            reports.append(
                ProgressReport(
                    project_id=project.pk,
                    period_end=day,
                    physical_progress=PERCENT[hundredths],
                    disbursed_to_date=disbursed,
                    jobs=jobs,
                    revenue=revenue,
                    taxes_paid=taxes,
                    problems=problems,
                    submitted_by_id=plan.reporter,
                    submitted_at=datetime(
                        submitted.year, submitted.month, submitted.day, 9, rng.randrange(60), tzinfo=VN_TZ
                    ),
                )
            )
        return reports

    def _problem(self, plan: Plan, by_kind, day: date, public: bool) -> str:
        rng = self.rng
        behind = None
        for m in plan.milestones:
            due = m.first_due
            for _number, decided, _old, new, _reason in m.adjustments:
                if decided <= day:
                    due = new
            if due < day and (m.done is None or m.done > day):
                behind = m
                break
        if behind is None or rng.random() > 0.6:
            return ""
        if date(2020, 1, 1) <= day <= date(2021, 12, 31) and rng.random() < 0.4:
            return COVID
        choices = [p for p in PROBLEMS[behind.kind] if public or "Kế hoạch vốn" not in p]
        if plan.project.kind != ProjectKind.FDI.value:
            choices = [p for p in choices if "Công ty mẹ" not in p]
        text = rng.choice(choices)
        clearance = behind.clearance or (
            by_kind.get(MK.SITE_CLEARANCE).clearance if MK.SITE_CLEARANCE in by_kind else None
        )
        left = max(1, clearance[2] - clearance[3]) if clearance else rng.randint(2, 30)
        area = max(100, clearance[0] - clearance[1]) if clearance else rng.randint(500, 20_000)
        return text.format(
            left=left,
            area=f"{area:,}".replace(",", "."),
            year=day.year,
            share=rng.randint(30, 70),
            gap=rng.randint(5, 120),
        )


def _coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


_DEPARTMENT_OF = {
    "GT": "SGTVT",
    "TL": "SNNPTNT",
    "YT": "SYT",
    "GD": "SGDDT",
    "VH": "SVHTTDL",
    "DL": "SVHTTDL",
    "MT": "STNMT",
    "NN": "SNNPTNT",
    "TM": "SCT",
    "BDS": "SXD",
    "NL": "SCT",
    "KCN": "SCT",
}


# ---------------------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------------------
def create_sectors_and_zones(national: bool) -> dict[str, int]:
    """The sectors, Hải Dương's zones and clusters, and (national) three generated zones per other province."""
    Sector.objects.bulk_create([Sector(code=c, name=vi, name_en=en, name_zh=zh) for c, vi, en, zh, _b in SECTORS])
    units = dict(AdminUnit.objects.filter(level="commune").values_list("code", "pk"))
    zones = []
    for key, kind, name, ascii_name, zh, commune, ha in HD_ZONES:
        word, word_en, word_zh = ZONE_WORDS[kind]
        zones.append(
            Zone(
                code=f"HD-{kind.upper()}-{key}",
                name=f"{word} {name}",
                name_en=f"{ascii_name} {word_en}",
                name_zh=f"{zh or ascii_name}{word_zh}",
                kind=kind,
                commune_id=units[commune],
                area_ha=Decimal(ha),
            )
        )
    if national:
        for code, *_rest in catalogue.PROVINCES:
            if code == "HP":
                continue
            communes = list(AdminUnit.objects.filter(parent__code=f"P{code}", level="commune").order_by("code"))
            for index, unit in enumerate(communes[5:40:12], start=1):
                ascii_name = catalogue._ascii_name(unit.name)
                zones.append(
                    Zone(
                        code=f"P{code}-KCN-{index:02d}",
                        name=f"KCN {unit.name}",
                        name_en=f"{ascii_name} Industrial Park",
                        name_zh=f"{ascii_name}工业区",
                        kind="kcn",
                        commune_id=unit.pk,
                        area_ha=Decimal(150 + 50 * index),
                    )
                )
    bulk_create_with_history(zones, Zone, batch_size=BATCH)
    return dict(Sector.objects.values_list("code", "pk"))


def load(
    projects: int,
    reports_per_project: int,
    seed: int,
    *,
    national: bool = False,
    progress: Callable[[str], None] = print,
    today: date | None = None,
) -> dict[str, int]:
    """Create the sectors, zones and `projects` projects (the demo province's share first) with their records."""
    today = today or timezone.localdate()
    sectors = create_sectors_and_zones(national)
    progress(f"Ngành, lĩnh vực: {len(SECTORS)}; khu, cụm công nghiệp: {_n(Zone.objects.count())}")
    enterprises = _enterprises(random.Random(f"{seed}-investors"))
    provinces = [("HD", min(projects, PROVINCE_PROJECTS) if national else projects)]
    if national:
        others = [code for code, *_r in catalogue.PROVINCES if code != "HP"]
        rest = projects - provinces[0][1]
        provinces += [
            (code, rest // len(others) + (1 if i < rest % len(others) else 0)) for i, code in enumerate(others)
        ]
    window = max(1, round(reports_per_project * 1.35))
    counts = {"projects": 0, "milestones": 0, "schedule_adjustments": 0, "progress_reports": 0}
    certificates: set[str] = set()
    for code, count in provinces:
        generator = generator_for(code, seed, today, enterprises, sectors, certificates)
        made = 0
        first = True
        while made < count:
            size = min(CHUNK, count - made)
            plans = generator.batch(size, first)
            first = False
            _write(plans, generator, window, counts)
            made += size
            progress(f"Dự án đầu tư: {_n(counts['projects'])} / {_n(projects)}")
    progress(f"Mốc tiến độ: {_n(counts['milestones'])}; điều chỉnh tiến độ: {_n(counts['schedule_adjustments'])}")
    progress(f"Báo cáo tiến độ: {_n(counts['progress_reports'])}")
    return counts


PROVINCE_PROJECTS = 5_000


def generator_for(code: str, seed: int, today: date, enterprises=None, sectors=None, certificates=None) -> Generator:
    """The seeded generator of one province ("HD" for the demo province, else a code of catalogue.PROVINCES)."""
    enterprises = enterprises or _enterprises(random.Random(f"{seed}-investors"))
    sectors = sectors or dict(Sector.objects.values_list("code", "pk"))
    ctx = home_context(enterprises) if code == "HD" else other_context(code, enterprises)
    return Generator(ctx, random.Random(f"{seed}-projects-{code}"), today, sectors, certificates)


def preview(seed: int, count: int, today: date | None = None) -> list[Plan]:
    """The first `count` projects of the demo province exactly as `load` made them, without writing anything."""
    return generator_for("HD", seed, today or timezone.localdate()).batch(min(count, CHUNK), True)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _write(plans: list[Plan], generator: Generator, window: int, counts: dict[str, int]) -> None:
    bulk_create_with_history([p.project for p in plans], Project, batch_size=BATCH)
    milestones = []
    for plan in plans:
        for m in plan.milestones:
            c = m.clearance or (None,) * 6
            m.record = Milestone(
                project_id=plan.project.pk,
                kind=m.kind.value,
                first_due=m.first_due,
                current_due=m.current_due,
                done=m.done,
                clearance_area_m2=_dec(c[0]),
                cleared_area_m2=_dec(c[1]),
                households=c[2],
                households_cleared=c[3],
                compensation_planned=c[4],
                compensation_paid=c[5],
                note=f"Đã bồi thường {c[3]}/{c[2]} hộ" if c[2] else "",
            )
            milestones.append(m.record)
    bulk_create_with_history(milestones, Milestone, batch_size=BATCH)
    adjustments = [
        ScheduleAdjustment(
            milestone_id=m.record.pk, document_number=number, decided_on=day, old_due=old, new_due=new, reason=reason
        )
        for plan in plans
        for m in plan.milestones
        for number, day, old, new, reason in m.adjustments
    ]
    bulk_create_with_history(adjustments, ScheduleAdjustment, batch_size=BATCH)
    bulk_create_with_history(
        [CapitalSource(project_id=p.project.pk, source=s, amount=a) for p in plans for s, a in p.sources],
        CapitalSource,
        batch_size=BATCH,
    )
    bulk_create_with_history(
        [
            LegalDocument(project_id=p.project.pk, kind=k, number=n, date=d, issuer=i, summary=s)
            for p in plans
            for k, n, d, i, s in sorted(p.documents, key=lambda doc: doc[2])
        ],
        LegalDocument,
        batch_size=BATCH,
    )
    reports: list[ProgressReport] = []
    written = 0
    for plan in plans:
        reports += generator.reports(plan, window)
        if len(reports) >= BATCH:
            ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
            written += len(reports)
            reports = []
    ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
    counts["projects"] += len(plans)
    counts["milestones"] += len(milestones)
    counts["schedule_adjustments"] += len(adjustments)
    counts["progress_reports"] += written + len(reports)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def hand_over_district_projects(actor=None) -> int:
    """District People's Committees ended on 30/06/2025 without a successor: their running projects go to the
    People's Committee of the commune where each project lies (NQ 1669/NQ-UBTVQH15), with a history row."""
    committees = dict(Agency.objects.filter(code__contains="-UB-", valid_from=TWO_TIER).values_list("code", "pk"))
    moved = []
    for project in Project.objects.filter(status__in=RUNNING, agency__code__startswith="HD-UB-").select_related(
        "commune", "agency"
    ):
        head, rest = project.commune.code.split("-", 1)
        target = committees.get(f"{head}-UB-{rest}")
        if target:
            project._change_reason = f"Tiếp nhận dự án của {project.agency.name} theo {DISTRICT_HANDOVER}"
            project.agency_id = target
            moved.append(project)
    if moved:
        bulk_update_with_history(moved, Project, ["agency"], batch_size=BATCH, default_user=actor)
    return len(moved)
