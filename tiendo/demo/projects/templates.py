"""Name templates: each kind of public, private and foreign-invested project, with its size, land and the
milestones its schedule has (data)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tiendo.domain.projects import MilestoneKind as MK


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
