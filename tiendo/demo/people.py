"""Seeded generators of fictional people and enterprises: the same seed gives the same province."""

from __future__ import annotations

import random

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lương",
    "Mạc",
    "Tạ",
    "Trịnh",
    "Cao",
]
SURNAME_WEIGHTS = [38, 11, 9, 7, 5, 4, 4, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
MIDDLE = [
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Thanh",
    "Quang",
    "Hữu",
    "Ngọc",
    "Thu",
    "Hoài",
    "Xuân",
    "Kim",
    "Mạnh",
    "Hồng",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Huyền",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Trang",
    "Trung",
    "Tuấn",
    "Việt",
    "Yến",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Văn thư",
    "Cán bộ đầu mối",
]

DOMESTIC_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Tập đoàn"]
DOMESTIC_WORDS = [
    "Thành Đông",
    "Hải Hưng",
    "Phú Thái",
    "Sao Đỏ",
    "Hòa Phát",
    "Minh Khai",
    "An Phát",
    "Việt Hưng",
    "Nam Sách",
    "Tân Trường",
    "Đại An",
    "Lai Vu",
    "Cẩm Điền",
    "Phúc Điền",
    "Kim Thành",
    "Thanh Hà",
    "Hồng Phát",
    "Bảo Long",
    "Trường Thịnh",
    "Thiên Ân",
]
DOMESTIC_TRADES = [
    "Xây dựng",
    "Đầu tư và Phát triển",
    "Thương mại",
    "Sản xuất",
    "Cơ khí",
    "Nông sản",
    "Du lịch",
    "May mặc",
    "Logistics",
    "Năng lượng",
    "Bất động sản",
    "Vật liệu xây dựng",
]
# The sectors (tiendo/demo/projects/vocabulary.py SECTORS) an enterprise of each trade invests in: a garment company
# builds garment factories, not vegetable farms. Manufacturing (CB) is split by what the factory makes.
TRADE_SECTORS = {
    "Xây dựng": frozenset({"BDS", "VL", "KCN", "MT"}),
    "Đầu tư và Phát triển": frozenset({"BDS", "KCN", "DL", "TM", "NL", "LOG", "MT"}),
    "Thương mại": frozenset({"TM", "LOG"}),
    "Sản xuất": frozenset({"CB", "VL", "DM", "DT"}),
    "Cơ khí": frozenset({"CB"}),
    "Nông sản": frozenset({"NN", "CB"}),
    "Du lịch": frozenset({"DL", "TM"}),
    "May mặc": frozenset({"DM"}),
    "Logistics": frozenset({"LOG"}),
    "Năng lượng": frozenset({"NL", "MT"}),
    "Bất động sản": frozenset({"BDS", "DL", "KCN"}),
    "Vật liệu xây dựng": frozenset({"VL"}),
}
# Manufacturing (CB) by trade: the words of the factories a mechanical or farm-produce company builds.
CB_WORDS = {
    "Cơ khí": ("thiết bị điện", "kết cấu thép", "phụ tùng"),
    "Nông sản": ("nông sản", "thực phẩm", "thức ăn chăn nuôi"),
}


def trade_of(name: str) -> str:
    """The trade a domestic enterprise's name carries ("Công ty Cổ phần May mặc Sao Đỏ": May mặc), or ""."""
    return next((trade for trade in DOMESTIC_TRADES if f" {trade} " in f" {name} "), "")


def trade_fits(trade: str, sector: str, project_name: str = "") -> bool:
    """Whether an enterprise of `trade` (domestic or foreign) plausibly invests in a project of `sector` named
    `project_name`."""
    if trade in FOREIGN_TRADE_SECTORS:
        return sector in FOREIGN_TRADE_SECTORS[trade]
    if sector not in TRADE_SECTORS.get(trade, frozenset()):
        return False
    words = CB_WORDS.get(trade)
    return sector != "CB" or words is None or any(word in project_name.lower() for word in words)


# Foreign investors' trades, written in their names as such companies write them ("Công ty TNHH Kotobuki
# Electronics Việt Nam"): (word, weight, the sectors of the foreign projects they invest in).
FOREIGN_TRADES = [
    ("Electronics", 30, frozenset({"DT"})),
    ("Precision", 20, frozenset({"CB", "DT"})),
    ("Industrial", 20, frozenset({"CB", "VL", "NL"})),
    ("Textile", 14, frozenset({"DM"})),
    ("Logistics", 5, frozenset({"LOG"})),
    ("Solar", 4, frozenset({"NL"})),
    ("Foods", 3, frozenset({"NN"})),
    ("Development", 4, frozenset({"TM", "BDS", "LOG", "KCN"})),
]
FOREIGN_TRADE_SECTORS = {word: sectors for word, _w, sectors in FOREIGN_TRADES}


def foreign_trade_of(name_en: str) -> str:
    """The trade word of a foreign enterprise's English name ("Kotobuki Electronics Vietnam Co., Ltd."), or ""."""
    words = name_en.split(" Vietnam")[0].split() if " Vietnam" in name_en else []
    return words[-1] if words and words[-1] in FOREIGN_TRADE_SECTORS else ""


FOREIGN = {
    "JP": (["Kotobuki", "Sanei", "Hoshino", "Miyako", "Tsubasa", "Yamabe"], "Co., Ltd."),
    "KR": (["Daesung", "Hanwoo", "Seojin", "Mirae", "Donghae", "Sungkwang"], "Co., Ltd."),
    "CN": (["Jinlong", "Huaxin", "Tianrui", "Hengtai", "Xinghe", "Baoli"], "Co., Ltd."),
    "TW": (["Formosa Star", "Kaiyuan", "Hsinchu Tech", "Tainan"], "Co., Ltd."),
    "SG": (["Lionbridge", "Straits", "Marina Bay"], "Pte. Ltd."),
    "US": (["Evergreen", "Redwood", "Lakeside"], "LLC"),
    "DE": (["Rheinwerk", "Nordlicht"], "GmbH"),
}
FOREIGN_WEIGHTS = {"JP": 5, "KR": 5, "CN": 4, "TW": 2, "SG": 1, "US": 1, "DE": 1}


def person_name(rng: random.Random) -> str:
    surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
    return f"{surname} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def position(rng: random.Random) -> str:
    return rng.choice(POSITIONS)


def phone(rng: random.Random) -> str:
    return f"0{rng.choice([9, 8, 3, 7])}{rng.randint(10_000_000, 99_999_999)}"


def enterprise(rng: random.Random, index: int, foreign_share: float = 0.25) -> dict:
    """A fictional enterprise; the index keeps tax codes unique (the caller keeps names unique)."""
    tax_code = f"08{index:08d}"
    if rng.random() < foreign_share:
        country = rng.choices(list(FOREIGN_WEIGHTS), list(FOREIGN_WEIGHTS.values()))[0]
        brands, suffix = FOREIGN[country]
        brand = rng.choice(brands)
        trade = rng.choices([w for w, _n, _s in FOREIGN_TRADES], [n for _w, n, _s in FOREIGN_TRADES])[0]
        return {
            "name": f"Công ty TNHH {brand} {trade} Việt Nam",
            "name_en": f"{brand} {trade} Vietnam {suffix}",
            "country": country,
            "tax_code": tax_code,
            "representative": brand.split()[0] + " " + rng.choice(["Tanaka", "Kim", "Wang", "Lin", "Smith", "Müller"]),
        }
    trade = rng.choice(DOMESTIC_TRADES)
    word = rng.choice(DOMESTIC_WORDS)
    return {
        "name": f"{rng.choice(DOMESTIC_FORMS)} {trade} {word}",
        "name_en": "",
        "country": "VN",
        "tax_code": tax_code,
        "representative": person_name(rng),
    }
