"""The generator's vocabulary: units and the reorganisation dates, the sectors (with the public-investment
band of Law 58/2024 Art. 8–10, docs/legal/public-investment.md PI-01), Hải Dương's zones, how projects spread over
kinds, sectors, years and districts, and the names of villages, rivers and roads that project names use (data)."""

from __future__ import annotations

from datetime import timedelta
from datetime import timezone as dt_timezone

from tiendo.domain.projects import ProjectKind

from .. import catalogue

CHUNK = 5000
TY = 1_000_000_000
TRIEU = 1_000_000
VN_TZ = dt_timezone(timedelta(hours=7))
REFORM = catalogue.DEPARTMENT_REFORM
TWO_TIER = catalogue.TWO_TIER
REFORM_TARGET = {source: target for sources, target in catalogue.DEPARTMENT_MERGES for source in sources}
DISTRICT_HANDOVER = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/06/2025 về sắp xếp đơn vị hành chính cấp xã"


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
# on time, slow, stalled: about a quarter of running projects behind schedule, as provinces report (README, "Demo")
BEHAVIOUR = {
    ProjectKind.PUBLIC: (68, 24, 8),
    ProjectKind.PRIVATE: (68, 21, 11),
    ProjectKind.FDI: (84, 13, 3),
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
