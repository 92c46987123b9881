"""The demo province as data: Hải Dương from 2020, its 2025 mergers, and the 34 provinces of the nation.

Agencies and places carry real names; people, enterprises and figures are generated (see generate.py).
No Django import: the generator turns these specs into records through the same services users call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiendo.domain.organisation import AgencyKind, UnitLevel

DEPARTMENT_REFORM = date(2025, 3, 1)  # NĐ 45/2025/NĐ-CP; NQ 176/2025/QH15 for ministries (LEGAL_RULES ORG-01, ORG-02)
TWO_TIER = date(2025, 7, 1)  # NQ 202/2025/QH15, NQ 1669/NQ-UBTVQH15 (ORG-03, ORG-04)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    unit_type: str
    level: UnitLevel
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    formed_from: tuple[str, ...] = ()
    name_en: str = ""
    name_zh: str = ""


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    kind: AgencyKind
    short_name: str = ""
    name_en: str = ""
    name_zh: str = ""
    parent: str | None = None
    unit: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None  # for agencies that end without a successor (district committees)


@dataclass(frozen=True)
class MergeSpec:
    effective: date
    decision: str
    sources: tuple[str, ...]
    target: str
    subject: str = "agency"  # or "unit"


@dataclass
class Catalogue:
    units: list[UnitSpec] = field(default_factory=list)
    agencies: list[AgencySpec] = field(default_factory=list)
    merges: list[MergeSpec] = field(default_factory=list)
    home_province: str = ""
    home_agency: str = ""


# (key, name, short name, English, Chinese); "reform" departments end on 01/03/2025 into the key given.
DEPARTMENTS = [
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Department of Planning and Investment", "计划投资厅"),
    ("STC", "Sở Tài chính", "Sở TC", "Department of Finance", "财政厅"),
    ("SXD", "Sở Xây dựng", "Sở XD", "Department of Construction", "建设厅"),
    ("SGTVT", "Sở Giao thông vận tải", "Sở GTVT", "Department of Transport", "交通运输厅"),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "Sở TN&MT",
        "Department of Natural Resources and Environment",
        "资源环境厅",
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở NN&PTNT",
        "Department of Agriculture and Rural Development",
        "农业农村发展厅",
    ),
    ("SCT", "Sở Công Thương", "Sở CT", "Department of Industry and Trade", "工贸厅"),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH",
        "Department of Labour, Invalids and Social Affairs",
        "劳动荣军社会厅",
    ),
    ("SNV", "Sở Nội vụ", "Sở NV", "Department of Home Affairs", "内务厅"),
    ("STP", "Sở Tư pháp", "Sở TP", "Department of Justice", "司法厅"),
    ("SYT", "Sở Y tế", "Sở YT", "Department of Health", "卫生厅"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Department of Education and Training", "教育培训厅"),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VH-TT&DL",
        "Department of Culture, Sports and Tourism",
        "文化体育旅游厅",
    ),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", "Department of Science and Technology", "科技厅"),
    (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "Sở TT&TT",
        "Department of Information and Communications",
        "信息传媒厅",
    ),
    ("VPUB", "Văn phòng Ủy ban nhân dân", "VP UBND", "Office of the People's Committee", "人民委员会办公厅"),
    ("TTRA", "Thanh tra", "Thanh tra", "Inspectorate", "监察厅"),
]
NEW_DEPARTMENTS = [
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Sở NN&MT",
        "Department of Agriculture and Environment",
        "农业环境厅",
    ),
]
# 01/03/2025: which departments end, and which department takes their work
DEPARTMENT_MERGES = [
    (("SKHDT",), "STC"),
    (("SGTVT",), "SXD"),
    (("STNMT", "SNNPTNT"), "SNNMT"),
    (("SLDTBXH",), "SNV"),
    (("STTTT",), "SKHCN"),
]
ENDED_IN_REFORM = {code for sources, _ in DEPARTMENT_MERGES for code in sources}

MINISTRIES = [
    ("CP", "Chính phủ", "CP", "The Government", "政府"),
    ("VPCP", "Văn phòng Chính phủ", "VPCP", "Office of the Government", "政府办公厅"),
    ("BKHDT", "Bộ Kế hoạch và Đầu tư", "Bộ KH&ĐT", "Ministry of Planning and Investment", "计划投资部"),
    ("BTC", "Bộ Tài chính", "Bộ TC", "Ministry of Finance", "财政部"),
    ("BXD", "Bộ Xây dựng", "Bộ XD", "Ministry of Construction", "建设部"),
    ("BGTVT", "Bộ Giao thông vận tải", "Bộ GTVT", "Ministry of Transport", "交通运输部"),
    (
        "BTNMT",
        "Bộ Tài nguyên và Môi trường",
        "Bộ TN&MT",
        "Ministry of Natural Resources and Environment",
        "资源环境部",
    ),
    (
        "BNNPTNT",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ NN&PTNT",
        "Ministry of Agriculture and Rural Development",
        "农业农村发展部",
    ),
    ("BCT", "Bộ Công Thương", "Bộ CT", "Ministry of Industry and Trade", "工贸部"),
    (
        "BLDTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        "Bộ LĐ-TB&XH",
        "Ministry of Labour, Invalids and Social Affairs",
        "劳动荣军社会部",
    ),
    ("BNV", "Bộ Nội vụ", "Bộ NV", "Ministry of Home Affairs", "内务部"),
    (
        "BTTTT",
        "Bộ Thông tin và Truyền thông",
        "Bộ TT&TT",
        "Ministry of Information and Communications",
        "信息传媒部",
    ),
    ("BKHCN", "Bộ Khoa học và Công nghệ", "Bộ KH&CN", "Ministry of Science and Technology", "科技部"),
    ("BTP", "Bộ Tư pháp", "Bộ TP", "Ministry of Justice", "司法部"),
    ("BYT", "Bộ Y tế", "Bộ YT", "Ministry of Health", "卫生部"),
    ("BGDDT", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "Ministry of Education and Training", "教育培训部"),
    (
        "BVHTTDL",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ VH-TT&DL",
        "Ministry of Culture, Sports and Tourism",
        "文化体育旅游部",
    ),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", "NHNN", "State Bank of Vietnam", "越南国家银行"),
    ("KBNN", "Kho bạc Nhà nước", "KBNN", "State Treasury", "国库"),
    ("KTNN", "Kiểm toán Nhà nước", "KTNN", "State Audit Office", "国家审计署"),
]
NEW_MINISTRIES = [
    (
        "BNNMT",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ NN&MT",
        "Ministry of Agriculture and Environment",
        "农业环境部",
    )
]
MINISTRY_MERGES = [
    (("BKHDT",), "BTC"),
    (("BGTVT",), "BXD"),
    (("BTNMT", "BNNPTNT"), "BNNMT"),
    (("BLDTBXH",), "BNV"),
    (("BTTTT",), "BKHCN"),
]

# Hải Dương's districts until 30/06/2025 and the communes and wards that replaced them from 01/07/2025
# (NQ 1669/NQ-UBTVQH15). (code, type, name, English, Chinese, [(type, new commune name), ...])
HAI_DUONG_DISTRICTS = [
    (
        "TPHD",
        "thành phố",
        "Hải Dương",
        "Hai Duong City",
        "海阳市",
        [
            ("phường", "Hải Dương"),
            ("phường", "Lê Thanh Nghị"),
            ("phường", "Việt Hòa"),
            ("phường", "Thành Đông"),
            ("phường", "Nam Đồng"),
            ("phường", "Tân Hưng"),
            ("phường", "Thạch Khôi"),
            ("phường", "Tứ Minh"),
            ("phường", "Ái Quốc"),
        ],
    ),
    (
        "TPCL",
        "thành phố",
        "Chí Linh",
        "Chi Linh City",
        "至灵市",
        [
            ("phường", "Chu Văn An"),
            ("phường", "Chí Linh"),
            ("phường", "Trần Hưng Đạo"),
            ("phường", "Nguyễn Trãi"),
            ("phường", "Trần Nhân Tông"),
            ("phường", "Lê Đại Hành"),
        ],
    ),
    (
        "TXKM",
        "thị xã",
        "Kinh Môn",
        "Kinh Mon Town",
        "荆门市社",
        [
            ("phường", "Kinh Môn"),
            ("phường", "Nguyễn Đại Năng"),
            ("phường", "Trần Liễu"),
            ("phường", "Bắc An Phụ"),
            ("phường", "Phạm Sư Mạnh"),
            ("phường", "Nhị Chiểu"),
            ("xã", "Nam An Phụ"),
        ],
    ),
    (
        "NS",
        "huyện",
        "Nam Sách",
        "Nam Sach District",
        "南策县",
        [
            ("xã", "Nam Sách"),
            ("xã", "Thái Tân"),
            ("xã", "Hợp Tiến"),
            ("xã", "Trần Phú"),
            ("xã", "An Phú"),
        ],
    ),
    (
        "KT",
        "huyện",
        "Kim Thành",
        "Kim Thanh District",
        "金城县",
        [
            ("xã", "Phú Thái"),
            ("xã", "Lai Khê"),
            ("xã", "An Thành"),
            ("xã", "Kim Thành"),
        ],
    ),
    (
        "TH",
        "huyện",
        "Thanh Hà",
        "Thanh Ha District",
        "青河县",
        [
            ("xã", "Thanh Hà"),
            ("xã", "Hà Tây"),
            ("xã", "Hà Bắc"),
            ("xã", "Hà Nam"),
            ("xã", "Hà Đông"),
        ],
    ),
    (
        "CG",
        "huyện",
        "Cẩm Giàng",
        "Cam Giang District",
        "锦江县",
        [
            ("xã", "Cẩm Giang"),
            ("xã", "Cẩm Giàng"),
            ("xã", "Tuệ Tĩnh"),
            ("xã", "Mao Điền"),
        ],
    ),
    (
        "BG",
        "huyện",
        "Bình Giang",
        "Binh Giang District",
        "平江县",
        [
            ("xã", "Kẻ Sặt"),
            ("xã", "Bình Giang"),
            ("xã", "Đường An"),
            ("xã", "Thượng Hồng"),
        ],
    ),
    (
        "GL",
        "huyện",
        "Gia Lộc",
        "Gia Loc District",
        "嘉禄县",
        [
            ("xã", "Gia Lộc"),
            ("xã", "Yết Kiêu"),
            ("xã", "Gia Phúc"),
            ("xã", "Trường Tân"),
        ],
    ),
    (
        "TK",
        "huyện",
        "Tứ Kỳ",
        "Tu Ky District",
        "四岐县",
        [
            ("xã", "Tứ Kỳ"),
            ("xã", "Tân Kỳ"),
            ("xã", "Đại Sơn"),
            ("xã", "Chí Minh"),
            ("xã", "Lạc Phượng"),
            ("xã", "Nguyên Giáp"),
        ],
    ),
    (
        "NG",
        "huyện",
        "Ninh Giang",
        "Ninh Giang District",
        "宁江县",
        [
            ("xã", "Ninh Giang"),
            ("xã", "Vĩnh Lại"),
            ("xã", "Khúc Thừa Dụ"),
            ("xã", "Tân An"),
            ("xã", "Hồng Châu"),
        ],
    ),
    (
        "TM",
        "huyện",
        "Thanh Miện",
        "Thanh Mien District",
        "青沔县",
        [
            ("xã", "Thanh Miện"),
            ("xã", "Bắc Thanh Miện"),
            ("xã", "Hải Hưng"),
            ("xã", "Nguyễn Lương Bằng"),
            ("xã", "Nam Thanh Miện"),
        ],
    ),
]

# The 34 provinces from 01/07/2025 (NQ 202/2025/QH15): (code, type, name, English, Chinese).
PROVINCES = [
    ("HN", "thành phố", "Hà Nội", "Ha Noi", "河内市"),
    ("HUE", "thành phố", "Huế", "Hue", "顺化市"),
    ("LCH", "tỉnh", "Lai Châu", "Lai Chau", "莱州省"),
    ("DB", "tỉnh", "Điện Biên", "Dien Bien", "奠边省"),
    ("SL", "tỉnh", "Sơn La", "Son La", "山罗省"),
    ("LS", "tỉnh", "Lạng Sơn", "Lang Son", "谅山省"),
    ("QN", "tỉnh", "Quảng Ninh", "Quang Ninh", "广宁省"),
    ("TH", "tỉnh", "Thanh Hóa", "Thanh Hoa", "清化省"),
    ("NA", "tỉnh", "Nghệ An", "Nghe An", "义安省"),
    ("HT", "tỉnh", "Hà Tĩnh", "Ha Tinh", "河静省"),
    ("CB", "tỉnh", "Cao Bằng", "Cao Bang", "高平省"),
    ("TQ", "tỉnh", "Tuyên Quang", "Tuyen Quang", "宣光省"),
    ("LC", "tỉnh", "Lào Cai", "Lao Cai", "老街省"),
    ("TN", "tỉnh", "Thái Nguyên", "Thai Nguyen", "太原省"),
    ("PT", "tỉnh", "Phú Thọ", "Phu Tho", "富寿省"),
    ("BN", "tỉnh", "Bắc Ninh", "Bac Ninh", "北宁省"),
    ("HY", "tỉnh", "Hưng Yên", "Hung Yen", "兴安省"),
    ("HP", "thành phố", "Hải Phòng", "Hai Phong", "海防市"),
    ("NB", "tỉnh", "Ninh Bình", "Ninh Binh", "宁平省"),
    ("QT", "tỉnh", "Quảng Trị", "Quang Tri", "广治省"),
    ("DN", "thành phố", "Đà Nẵng", "Da Nang", "岘港市"),
    ("QNG", "tỉnh", "Quảng Ngãi", "Quang Ngai", "广义省"),
    ("GL", "tỉnh", "Gia Lai", "Gia Lai", "嘉莱省"),
    ("KH", "tỉnh", "Khánh Hòa", "Khanh Hoa", "庆和省"),
    ("LD", "tỉnh", "Lâm Đồng", "Lam Dong", "林同省"),
    ("DL", "tỉnh", "Đắk Lắk", "Dak Lak", "多乐省"),
    ("HCM", "thành phố", "Hồ Chí Minh", "Ho Chi Minh City", "胡志明市"),
    ("DNA", "tỉnh", "Đồng Nai", "Dong Nai", "同奈省"),
    ("TNI", "tỉnh", "Tây Ninh", "Tay Ninh", "西宁省"),
    ("CT", "thành phố", "Cần Thơ", "Can Tho", "芹苴市"),
    ("VL", "tỉnh", "Vĩnh Long", "Vinh Long", "永隆省"),
    ("DT", "tỉnh", "Đồng Tháp", "Dong Thap", "同塔省"),
    ("CM", "tỉnh", "Cà Mau", "Ca Mau", "金瓯省"),
    ("AG", "tỉnh", "An Giang", "An Giang", "安江省"),
]

# Syllables for the communes of other provinces at national scale (the real lists are long; names are generated).
COMMUNE_SYLLABLES = (
    "An Bình Hòa Phú Lợi Thịnh Hưng Long Tân Thành Đông Tây Nam Bắc Trung Hải Sơn Lâm Phúc Lộc Thọ Quang Minh "
    "Đức Nghĩa Tiến Thắng Lập Hợp Hồng Thái Vĩnh Yên Khánh Xuân Mỹ Đại Kim Ngọc Hoàng Thanh Cẩm Gia Định"
).split()


def _agency_names(
    prefix: str, key: str, name: str, short: str, en: str, zh: str, place: str, place_en: str, place_zh: str
) -> dict:
    return {
        "code": f"{prefix}-{key}",
        "name": f"{name} {place}",
        "short_name": short,
        "name_en": f"{en}, {place_en}" if en else "",
        "name_zh": f"{place_zh}{zh}" if zh else "",
    }


def _province_agencies(
    prefix: str,
    unit_type: str,
    name: str,
    name_en: str,
    name_zh: str,
    *,
    with_old: bool,
    valid_to: date | None = None,
) -> list[AgencySpec]:
    """The party committee, council, committee and departments of one province."""
    place = f"{unit_type} {name}"
    place_en = (
        name_en if name_en.endswith("City") else f"{name_en} {'City' if unit_type == 'thành phố' else 'Province'}"
    )
    party = "Thành ủy" if unit_type == "thành phố" else "Tỉnh ủy"
    agencies = [
        AgencySpec(
            code=f"{prefix}-TU",
            name=f"{party} {name}",
            kind=AgencyKind.PARTY_COMMITTEE,
            short_name=party,
            name_en=f"{place_en} Party Committee",
            name_zh=f"{name_zh}委",
            unit=prefix,
            valid_to=valid_to,
        ),
        AgencySpec(
            code=f"{prefix}-HDND",
            name=f"Hội đồng nhân dân {place}",
            kind=AgencyKind.PEOPLES_COUNCIL,
            short_name=f"HĐND {'thành phố' if unit_type == 'thành phố' else 'tỉnh'}",
            name_en=f"People's Council of {place_en}",
            name_zh=f"{name_zh}人民议会",
            unit=prefix,
            valid_to=valid_to,
        ),
        AgencySpec(
            code=f"{prefix}-UBND",
            name=f"Ủy ban nhân dân {place}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            short_name=f"UBND {'thành phố' if unit_type == 'thành phố' else 'tỉnh'}",
            name_en=f"People's Committee of {place_en}",
            name_zh=f"{name_zh}人民委员会",
            unit=prefix,
            valid_to=valid_to,
        ),
    ]
    departments = [d for d in DEPARTMENTS if with_old or d[0] not in ENDED_IN_REFORM]
    for key, dept, short, en, zh in departments:
        agencies.append(
            AgencySpec(
                kind=AgencyKind.DEPARTMENT,
                parent=f"{prefix}-UBND",
                unit=prefix,
                valid_to=valid_to,
                **_agency_names(prefix, key, dept, short, en, zh, place, place_en, name_zh),
            )
        )
    for key, dept, short, en, zh in NEW_DEPARTMENTS:
        agencies.append(
            AgencySpec(
                kind=AgencyKind.DEPARTMENT,
                parent=f"{prefix}-UBND",
                unit=prefix,
                valid_from=DEPARTMENT_REFORM if with_old else None,
                valid_to=valid_to,
                **_agency_names(prefix, key, dept, short, en, zh, place, place_en, name_zh),
            )
        )
    return agencies


def province_catalogue() -> Catalogue:
    """Hải Dương 2020 → its departments merged (01/03/2025) → the province merged into Hải Phòng (01/07/2025)."""
    cat = Catalogue(home_province="HD", home_agency="HD-SKHDT")
    end_hd = date(2025, 6, 30)
    cat.units += [
        UnitSpec("HD", "Hải Dương", "tỉnh", UnitLevel.PROVINCE, name_en="Hai Duong Province", name_zh="海阳省"),
        UnitSpec("HP", "Hải Phòng", "thành phố", UnitLevel.PROVINCE, name_en="Hai Phong City", name_zh="海防市"),
    ]
    for code, unit_type, name, name_en, name_zh, communes in HAI_DUONG_DISTRICTS:
        cat.units.append(
            UnitSpec(
                f"HD-{code}",
                name,
                unit_type,
                UnitLevel.DISTRICT,
                parent="HD",
                valid_to=end_hd,
                name_en=name_en,
                name_zh=name_zh,
            )
        )
        for index, (commune_type, commune) in enumerate(communes, start=1):
            cat.units.append(
                UnitSpec(
                    f"HP-{code}-{index:02d}",
                    commune,
                    commune_type,
                    UnitLevel.COMMUNE,
                    parent="HP",
                    valid_from=TWO_TIER,
                    formed_from=(f"HD-{code}",),
                )
            )
    # the agencies of both cities, with their pre-2025 departments
    cat.agencies += _province_agencies("HD", "tỉnh", "Hải Dương", "Hai Duong", "海阳省", with_old=True)
    cat.agencies += _province_agencies("HP", "thành phố", "Hải Phòng", "Hai Phong", "海防市", with_old=True)
    cat.agencies += [
        AgencySpec(
            "HD-BQLKCN",
            "Ban Quản lý các khu công nghiệp tỉnh Hải Dương",
            AgencyKind.BOARD,
            "BQL các KCN",
            "Hai Duong Industrial Zones Authority",
            "海阳省工业区管理委员会",
            "HD-UBND",
            "HD",
        ),
        AgencySpec(
            "HD-BQLDA",
            "Ban Quản lý dự án đầu tư xây dựng tỉnh Hải Dương",
            AgencyKind.BOARD,
            "BQLDA ĐTXD tỉnh",
            "Hai Duong Construction Investment Project Management Board",
            "海阳省建设投资项目管理委员会",
            "HD-UBND",
            "HD",
        ),
        AgencySpec(
            "HP-BQLKKT",
            "Ban Quản lý Khu kinh tế Hải Phòng",
            AgencyKind.BOARD,
            "BQL KKT",
            "Hai Phong Economic Zone Authority",
            "海防经济区管理委员会",
            "HP-UBND",
            "HP",
        ),
        AgencySpec(
            "HP-BQLDA",
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông thành phố Hải Phòng",
            AgencyKind.BOARD,
            "BQLDA giao thông",
            "Hai Phong Transport Works Project Management Board",
            "海防市交通工程项目管理委员会",
            "HP-UBND",
            "HP",
        ),
    ]
    for code, unit_type, name, name_en, name_zh, communes in HAI_DUONG_DISTRICTS:
        cat.agencies.append(
            AgencySpec(
                f"HD-UB-{code}",
                f"Ủy ban nhân dân {unit_type} {name}",
                AgencyKind.PEOPLES_COMMITTEE,
                f"UBND {unit_type} {name}",
                f"People's Committee of {name_en}",
                f"{name_zh}人民委员会",
                "HD-UBND",
                f"HD-{code}",
                valid_to=end_hd,
            )
        )
        for index, (commune_type, commune) in enumerate(communes, start=1):
            cat.agencies.append(
                AgencySpec(
                    f"HP-UB-{code}-{index:02d}",
                    f"Ủy ban nhân dân {commune_type} {commune}",
                    AgencyKind.COMMUNE,
                    f"UBND {commune_type} {commune}",
                    f"People's Committee of {_ascii_name(commune)} {'Ward' if commune_type == 'phường' else 'Commune'}",
                    f"{_ascii_name(commune)}{'坊' if commune_type == 'phường' else '社'}人民委员会",
                    "HP-UBND",
                    f"HP-{code}-{index:02d}",
                    valid_from=TWO_TIER,
                )
            )
    for key, name, short, en, zh in [*MINISTRIES, *NEW_MINISTRIES]:
        cat.agencies.append(
            AgencySpec(
                f"TW-{key}",
                name,
                AgencyKind.CENTRAL,
                short,
                en,
                zh,
                valid_from=DEPARTMENT_REFORM if (key, name, short, en, zh) in NEW_MINISTRIES else None,
            )
        )

    cat.merges += [
        MergeSpec(
            DEPARTMENT_REFORM,
            "Nghị quyết 176/2025/QH15 ngày 18/02/2025",
            tuple(f"TW-{s}" for s in sources),
            f"TW-{target}",
        )
        for sources, target in MINISTRY_MERGES
    ]
    for prefix, decision in (
        ("HD", "Nghị định 45/2025/NĐ-CP; Quyết định 512/QĐ-UBND tỉnh Hải Dương"),
        ("HP", "Nghị định 45/2025/NĐ-CP; Quyết định 634/QĐ-UBND thành phố Hải Phòng"),
    ):
        cat.merges += [
            MergeSpec(DEPARTMENT_REFORM, decision, tuple(f"{prefix}-{s}" for s in sources), f"{prefix}-{target}")
            for sources, target in DEPARTMENT_MERGES
        ]
    province_merge = "Nghị quyết 202/2025/QH15 ngày 12/06/2025"
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD",), "HP", subject="unit"))
    surviving = [key for key, *_ in [*DEPARTMENTS, *NEW_DEPARTMENTS] if key not in ENDED_IN_REFORM]
    for key in ["TU", "HDND", "UBND", *surviving]:
        cat.merges.append(MergeSpec(TWO_TIER, province_merge, (f"HD-{key}",), f"HP-{key}"))
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD-BQLKCN",), "HP-BQLKKT"))
    cat.merges.append(MergeSpec(TWO_TIER, province_merge, ("HD-BQLDA",), "HP-BQLDA"))
    return cat


def _ascii_name(text: str) -> str:
    from tiendo.domain.text import search_key

    return " ".join(word.capitalize() for word in search_key(text).split())


def national_catalogue(communes_per_province: int = 98) -> Catalogue:
    """The demo province plus the 33 other provinces of today, each with departments and generated communes."""
    cat = province_catalogue()
    for code, unit_type, name, name_en, name_zh in PROVINCES:
        if code == "HP":
            continue
        prefix = f"P{code}"
        cat.units.append(UnitSpec(prefix, name, unit_type, UnitLevel.PROVINCE, name_en=f"{name_en}", name_zh=name_zh))
        cat.agencies += _province_agencies(prefix, unit_type, name, name_en, name_zh, with_old=False)
        for index in range(1, communes_per_province + 1):
            first = COMMUNE_SYLLABLES[(index * 7 + len(name)) % len(COMMUNE_SYLLABLES)]
            second = COMMUNE_SYLLABLES[(index * 13 + len(code) * 3) % len(COMMUNE_SYLLABLES)]
            commune_type = "phường" if index % 4 == 0 else "xã"
            commune = f"{first} {second}" if first != second else f"{first} {index}"
            if index > len(COMMUNE_SYLLABLES):
                commune = f"{commune} {index // len(COMMUNE_SYLLABLES) + 1}"
            unit_code = f"{prefix}-{index:03d}"
            cat.units.append(
                UnitSpec(unit_code, commune, commune_type, UnitLevel.COMMUNE, parent=prefix, valid_from=TWO_TIER)
            )
            cat.agencies.append(
                AgencySpec(
                    f"{prefix}-UB-{index:03d}",
                    f"Ủy ban nhân dân {commune_type} {commune}",
                    AgencyKind.COMMUNE,
                    f"UBND {commune_type} {commune}",
                    f"People's Committee of {_ascii_name(commune)}, {name_en}",
                    f"{name_zh}{_ascii_name(commune)}人民委员会",
                    f"{prefix}-UBND",
                    unit_code,
                    valid_from=TWO_TIER,
                )
            )
    return cat
