"""The catalogue `tiendo setup` draws a province from: today's 34 provinces and cities and their 3,321 communes,
wards and special zones (01/07/2025) with their official codes, from the maintained `vietnam-provinces` package
rather than a hand-kept list; and the agencies every province has after the 2025 reorganisation (data).

Codes follow the demo's catalogue (`HP-UBND`, `HP-STC`...), so a workbook exported from another installation of
the same province names the same agencies; a commune's unit code is its official code ("11311"), and its
People's Committee is `<prefix>-UB-<official code>`. Plain Python: no Django.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from tiendo.domain.organisation import AgencyKind, UnitLevel, chinese_name
from tiendo.domain.text import clean, search_key

TWO_TIER = date(2025, 7, 1)  # communes, wards and special zones of today (docs/legal/reorganisation.md, ORG-04)

# Official code -> (the code prefix the demo's catalogue uses, English name, Chinese name)
PROVINCES: dict[int, tuple[str, str, str]] = {
    1: ("HN", "Ha Noi", "河内市"),
    4: ("CB", "Cao Bang", "高平省"),
    8: ("TQ", "Tuyen Quang", "宣光省"),
    11: ("DB", "Dien Bien", "奠边省"),
    12: ("LCH", "Lai Chau", "莱州省"),
    14: ("SL", "Son La", "山罗省"),
    15: ("LC", "Lao Cai", "老街省"),
    19: ("TN", "Thai Nguyen", "太原省"),
    20: ("LS", "Lang Son", "谅山省"),
    22: ("QN", "Quang Ninh", "广宁省"),
    24: ("BN", "Bac Ninh", "北宁省"),
    25: ("PT", "Phu Tho", "富寿省"),
    31: ("HP", "Hai Phong", "海防市"),
    33: ("HY", "Hung Yen", "兴安省"),
    37: ("NB", "Ninh Binh", "宁平省"),
    38: ("TH", "Thanh Hoa", "清化省"),
    40: ("NA", "Nghe An", "义安省"),
    42: ("HT", "Ha Tinh", "河静省"),
    44: ("QT", "Quang Tri", "广治省"),
    46: ("HUE", "Hue", "顺化市"),
    48: ("DN", "Da Nang", "岘港市"),
    51: ("QNG", "Quang Ngai", "广义省"),
    52: ("GL", "Gia Lai", "嘉莱省"),
    56: ("KH", "Khanh Hoa", "庆和省"),
    66: ("DL", "Dak Lak", "多乐省"),
    68: ("LD", "Lam Dong", "林同省"),
    75: ("DNA", "Dong Nai", "同奈省"),
    79: ("HCM", "Ho Chi Minh", "胡志明市"),
    80: ("TNI", "Tay Ninh", "西宁省"),
    82: ("DT", "Dong Thap", "同塔省"),
    86: ("VL", "Vinh Long", "永隆省"),
    91: ("AG", "An Giang", "安江省"),
    92: ("CT", "Can Tho", "芹苴市"),
    96: ("CM", "Ca Mau", "金瓯省"),
}

# Names a province had until recently, still typed: Thừa Thiên Huế became Thành phố Huế (NQ 175/2024/QH15)
FORMER_NAMES = {"Thừa Thiên Huế": 46}

# The 29 provinces merged into another on 01/07/2025 (NQ 202/2025/QH15; docs/legal/reorganisation.md, ORG-03):
# named, they are refused with the province of today that took them in
MERGED_INTO = {
    "Hà Giang": 8, "Yên Bái": 15, "Bắc Kạn": 19, "Vĩnh Phúc": 25, "Hòa Bình": 25, "Bắc Giang": 24,
    "Thái Bình": 33, "Hải Dương": 31, "Hà Nam": 37, "Nam Định": 37, "Quảng Bình": 44, "Quảng Nam": 48,
    "Kon Tum": 51, "Bình Định": 52, "Ninh Thuận": 56, "Đắk Nông": 68, "Bình Thuận": 68, "Phú Yên": 66,
    "Bình Dương": 79, "Bà Rịa - Vũng Tàu": 79, "Bình Phước": 75, "Long An": 80, "Sóc Trăng": 92, "Hậu Giang": 92,
    "Bến Tre": 86, "Trà Vinh": 86, "Tiền Giang": 82, "Bạc Liêu": 96, "Kiên Giang": 91,
}  # fmt: skip

# The twelve specialised agencies every province organises (Decree 45/2025/NĐ-CP, kept by Decree 150/2025/NĐ-CP,
# docs/legal/reorganisation.md, ORG-06): (key, Vietnamese, short, English, Chinese)
DEPARTMENTS = [
    ("SNV", "Sở Nội vụ", "Sở NV", "Department of Home Affairs", "内务厅"),
    ("STP", "Sở Tư pháp", "Sở TP", "Department of Justice", "司法厅"),
    ("STC", "Sở Tài chính", "Sở TC", "Department of Finance", "财政厅"),
    ("SCT", "Sở Công Thương", "Sở CT", "Department of Industry and Trade", "工贸厅"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "Department of Agriculture and Environment", "农业环境厅"),
    ("SXD", "Sở Xây dựng", "Sở XD", "Department of Construction", "建设厅"),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", "Department of Science and Technology", "科技厅"),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VH-TT&DL",
        "Department of Culture, Sports and Tourism",
        "文化体育旅游厅",
    ),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Department of Education and Training", "教育培训厅"),
    ("SYT", "Sở Y tế", "Sở YT", "Department of Health", "卫生厅"),
    ("TTRA", "Thanh tra", "Thanh tra", "Inspectorate", "监察厅"),
    ("VPUB", "Văn phòng Ủy ban nhân dân", "VP UBND", "Office of the People's Committee", "人民委员会办公厅"),
]
# Departments the decree names for particular provinces only (by official code)
SPECIAL_DEPARTMENTS = {
    code: [
        ("SQHKT", "Sở Quy hoạch - Kiến trúc", "Sở QH-KT", "Department of Planning and Architecture", "规划建筑厅"),
    ]
    for code in (1, 79)
}
# Boards under the People's Committee (outside the decree; each province's own decisions): the ones known here,
# by official code, with the demo's codes. Other boards are added with `tiendo agencies`.
BOARDS = {
    31: [
        (
            "BQLKKT",
            "Ban Quản lý Khu kinh tế Hải Phòng",
            "BQL KKT",
            "Hai Phong Economic Zone Authority",
            "海防经济区管理委员会",
        ),
        (
            "BQLDA",
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông thành phố Hải Phòng",
            "BQLDA giao thông",
            "Hai Phong Transport Works Project Management Board",
            "海防市交通工程项目管理委员会",
        ),
    ]
}
OPERATOR = "STC"  # the installation is run by the Department of Finance (planning and investment since 03/2025)

# A commune's kind: (English word, Chinese word)
COMMUNE_WORDS = {
    VietNamDivisionType.XA: ("Commune", "社"),
    VietNamDivisionType.PHUONG: ("Ward", "坊"),
    VietNamDivisionType.DAC_KHU: ("Special Zone", "特区"),
}


@dataclass(frozen=True)
class UnitEntry:
    code: str
    name: str
    unit_type: str
    level: str
    name_en: str
    name_zh: str
    valid_from: date | None = None


@dataclass(frozen=True)
class AgencyEntry:
    code: str
    name: str
    kind: str
    short_name: str
    name_en: str
    name_zh: str
    unit: str  # the unit's code
    parent: str | None = None
    valid_from: date | None = None


@dataclass(frozen=True)
class ProvinceEntry:
    """One of the 34, with what `tiendo setup` writes for it."""

    official_code: int
    prefix: str
    unit_type: str  # "thành phố" or "tỉnh"
    name: str  # without its type: "Hải Phòng"
    name_en: str  # "Hai Phong City"
    name_zh: str
    units: list[UnitEntry] = field(default_factory=list)
    agencies: list[AgencyEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.unit_type} {self.name}"

    @property
    def operator_code(self) -> str:
        return f"{self.prefix}-{OPERATOR}"


class UnknownProvince(ValueError):
    """A name or code that is none of the 34, or more than one of them; the message lists close matches."""


def latin(text: str) -> str:
    """A Vietnamese name in Latin letters without diacritics, as English writes it ("Thủy Nguyên" -> "Thuy
    Nguyen")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def commune_names(name: str, kind: VietNamDivisionType) -> tuple[str, str, str, str]:
    """(unit type, English, Chinese, Chinese of its People's Committee): Chinese keeps the Vietnamese name with
    its diacritics ("Cẩm Giàng 社"), as two communes may differ only by them (Cẩm Giang, Cẩm Giàng)."""
    english, chinese = COMMUNE_WORDS[kind]
    committee = chinese_name(name, f"{chinese}人民委员会")
    return kind.value, f"{latin(name)} {english}", chinese_name(name, chinese), committee


def _bare(province: Province) -> tuple[str, str]:
    """("thành phố", "Hải Phòng") from "Thành phố Hải Phòng"; ("tỉnh", "Cao Bằng") from "Cao Bằng"."""
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        return "thành phố", clean(province.name.removeprefix("Thành phố "))
    return "tỉnh", clean(province.name)


def _ward_name(ward: Ward) -> str:
    for prefix in ("Xã ", "Phường ", "Đặc khu "):
        if ward.name.startswith(prefix):
            return clean(ward.name.removeprefix(prefix))
    return clean(ward.name)


def all_provinces() -> list[Province]:
    return list(Province.iter_all())


def find_province(text: str) -> Province:
    """The province named (with or without diacritics, with or without "tỉnh"/"thành phố"/"TP."), or by its
    official code ("31") or the demo's prefix ("HP"); refused with the close matches otherwise."""
    wanted = " ".join(re.sub(r"[^\w]+", " ", search_key(text)).split())
    if wanted.isdigit():  # "31", "031": the official code
        wanted = str(int(wanted))
    for kind in ("thanh pho ", "tp ", "tinh "):  # "TP. Hải Phòng", "tỉnh Cao Bằng"
        wanted = wanted.removeprefix(kind)
    if not wanted:
        raise UnknownProvince('Hãy ghi tên hoặc mã tỉnh, thành phố (ví dụ: --province "Hải Phòng" hoặc 31).')
    keys: dict[str, Province] = {}
    for province in all_provinces():
        official = province.code.value
        for key in (_bare(province)[1], str(official), PROVINCES[official][0]):
            keys[search_key(key)] = province
    for former, official in FORMER_NAMES.items():
        keys[search_key(former)] = Province.from_code(ProvinceCode(official))
    if wanted in keys:
        return keys[wanted]
    merged = {
        " ".join(re.sub(r"[^\w]+", " ", search_key(name)).split()): (name, code) for name, code in MERGED_INTO.items()
    }
    if wanted in merged:
        name, official = merged[wanted]
        today = Province.from_code(ProvinceCode(official))
        raise UnknownProvince(
            f"{name} đã hợp nhất vào {_bare(today)[0]} {_bare(today)[1]} từ 01/07/2025 (Nghị quyết 202/2025/QH15): "
            f'dùng --province "{_bare(today)[1]}" (mã {official:02d}).'
        )
    names = {search_key(_bare(p)[1]): _bare(p)[1] for p in all_provinces()}
    words = [names[key] for key in names if f" {wanted}" in f" {key}"]  # a word of the name begins so
    close = words or [names[key] for key in difflib.get_close_matches(wanted, list(names), n=4, cutoff=0.6)]
    if len(words) > 1:
        raise UnknownProvince(f"'{text}' trùng với nhiều tỉnh, thành phố: {', '.join(words)}. Hãy ghi đủ tên hoặc mã.")
    hint = f" Có phải: {', '.join(close)}?" if close else " Xem danh sách: tiendo setup --list."
    raise UnknownProvince(f"Không có tỉnh, thành phố nào tên hoặc mã '{text}' trong 34 tỉnh, thành phố.{hint}")


def province_entry(province: Province) -> ProvinceEntry:
    """What `tiendo setup` writes for a province: the province and its communes, its party committee, People's
    Council and People's Committee, its departments and known boards, and each commune's People's Committee."""
    official = province.code.value
    prefix, english, chinese = PROVINCES[official]
    unit_type, name = _bare(province)
    place_en = f"{english} {'City' if unit_type == 'thành phố' else 'Province'}"
    entry = ProvinceEntry(official, prefix, unit_type, name, place_en, chinese)
    entry.units.append(UnitEntry(prefix, name, unit_type, UnitLevel.PROVINCE, place_en, chinese))
    place = entry.title
    committee = f"{prefix}-UBND"
    short_place = "thành phố" if unit_type == "thành phố" else "tỉnh"
    party = "Thành ủy" if unit_type == "thành phố" else "Tỉnh ủy"
    entry.agencies.extend([
        AgencyEntry(f"{prefix}-TU", f"{party} {name}", AgencyKind.PARTY_COMMITTEE, party,
                    f"{place_en} Party Committee", f"{chinese}委", prefix),
        AgencyEntry(f"{prefix}-HDND", f"Hội đồng nhân dân {place}", AgencyKind.PEOPLES_COUNCIL,
                    f"HĐND {short_place}", f"People's Council of {place_en}", f"{chinese}人民议会", prefix),
        AgencyEntry(committee, f"Ủy ban nhân dân {place}", AgencyKind.PEOPLES_COMMITTEE,
                    f"UBND {short_place}", f"People's Committee of {place_en}", f"{chinese}人民委员会", prefix),
    ])  # fmt: skip
    for key, vietnamese, short, en, zh in [*DEPARTMENTS, *SPECIAL_DEPARTMENTS.get(official, [])]:
        entry.agencies.append(
            AgencyEntry(f"{prefix}-{key}", f"{vietnamese} {place}", AgencyKind.DEPARTMENT, short,
                        f"{en}, {place_en}", f"{chinese}{zh}", prefix, committee)
        )  # fmt: skip
    for key, vietnamese, short, en, zh in BOARDS.get(official, []):
        entry.agencies.append(
            AgencyEntry(f"{prefix}-{key}", vietnamese, AgencyKind.BOARD, short, en, zh, prefix, committee)
        )
    for ward in sorted(Ward.iter_by_province(province.code), key=lambda w: w.code.value):
        commune = _ward_name(ward)
        kind, commune_en, commune_zh, committee_zh = commune_names(commune, ward.division_type)
        code = f"{ward.code.value:05d}"
        entry.units.append(UnitEntry(code, commune, kind, UnitLevel.COMMUNE, commune_en, commune_zh, TWO_TIER))
        entry.agencies.append(
            AgencyEntry(f"{prefix}-UB-{code}", f"Ủy ban nhân dân {kind} {commune}", AgencyKind.COMMUNE,
                        f"UBND {kind} {commune}", f"People's Committee of {commune_en}", committee_zh, code,
                        committee, TWO_TIER)
        )  # fmt: skip
    return entry
