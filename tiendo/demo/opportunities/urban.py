"""Urban areas, housing land, commercial centres, a market, a waste-to-energy plant and a water plant (data).

Real: the communes of today, the Thái Bình and Luộc rivers, the Hàn bridge, National Roads 18 and 38, the relics
of Chí Linh, the forms of selection each trade takes (docs/legal/opportunities.md OPP-04 to OPP-06). INVENTED:
every project, its area, capital, planning and land status, the People's Council's resolution on the plots for
bidding, the auction and its decision, the points on the map (approximate, within the commune) and the dates."""

from __future__ import annotations

from datetime import date

from .specs import DRAFT, MISSING, STALE, Spec, Text

HOUSING_INCENTIVES = Text(
    vi="Dự án nhà ở thương mại không thuộc diện ưu đãi đầu tư; phần quỹ đất nhà ở xã hội được hưởng chính sách "
    "theo pháp luật về nhà ở.",
    en="Commercial housing earns no investment incentives; the land set aside for social housing benefits from the "
    "housing law's policies.",
)
NO_INCENTIVES = Text(
    vi="Không thuộc ngành, nghề ưu đãi đầu tư; giá khởi điểm do UBND thành phố phê duyệt khi tổ chức đấu giá.",
    en="Not an incentivised business line; the starting price is the one the city People's Committee approves for "
    "the auction.",
)
LAND_FUND = Text(
    vi="Trung tâm Phát triển quỹ đất thành phố quản lý (đất đã thu hồi, bồi thường xong)",
    en="Managed by the city's Land Fund Development Centre (recovered, compensation paid)",
)

SPECS = [
    Spec(
        code="KGDT-HD-08",
        listing="hd2024",
        sector="BDS",
        commune="HP-TPHD-06",
        zone="",
        point=("20.905100", "106.318600"),
        area_ha="62",
        capital_ty=4_300,
        form="investor_bidding",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Khu đô thị mới phía Nam thành phố Hải Dương cũ, phường Tân Hưng",
            en="New urban area south of the former Hai Duong city, Tan Hung ward",
        ),
        summary=Text(
            vi="Khu đô thị khoảng 62 ha gồm nhà ở thấp tầng, chung cư, trường học, công viên và khu thương mại cho "
            "khoảng 12.000 dân, đón người lao động của các khu công nghiệp phía Nam. Nhà đầu tư được lựa chọn "
            "qua đấu thầu, đầu tư đồng bộ hạ tầng kỹ thuật, hạ tầng xã hội và dành quỹ đất nhà ở xã hội theo "
            "quy định.",
            en="An urban area of about 62 ha with low-rise houses, apartments, schools, a park and a commercial "
            "area for some 12,000 residents, housing the workforce of the southern industrial parks. The "
            "investor, chosen by bidding, builds the full technical and social infrastructure and sets aside "
            "land for social housing as the law requires.",
        ),
        planning=Text(
            vi="Quy hoạch phân khu tỷ lệ 1/2000 đã được phê duyệt; khu đất thuộc danh mục khu đất đấu thầu lựa "
            "chọn nhà đầu tư do Hội đồng nhân dân quyết định.",
            en="The 1/2000 zoning plan is approved; the site is on the People's Council's list of land plots for "
            "investor bidding.",
        ),
        holder=Text(
            vi="Đất nông nghiệp của hộ gia đình phường Tân Hưng; Nhà nước thu hồi theo Điều 79 Luật Đất đai 2024",
            en="Farmland of households in Tan Hung ward; the State recovers it under Article 79 of the Land Law 2024",
        ),
        incentives=HOUSING_INCENTIVES,
        published=date(2025, 7, 28),
    ),
    Spec(
        code="KGDT-HD-09",
        listing="hp2025",
        sector="BDS",
        commune="HP-NS-01",
        zone="",
        point=("21.002300", "106.345100"),
        area_ha="85",
        capital_ty=5_100,
        form="investor_bidding",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Khu đô thị sinh thái ven sông Thái Bình, xã Nam Sách",
            en="Eco-urban area on the Thai Binh river, Nam Sach commune",
        ),
        summary_before=Text(
            vi="Khu đô thị sinh thái khoảng 85 ha bên bờ sông Thái Bình, gồm nhà ở thấp tầng, công viên ven sông, "
            "trường học và trung tâm dịch vụ, nối với thành phố Hải Dương cũ qua cầu Hàn. Nhà đầu tư được lựa "
            "chọn qua đấu thầu, đầu tư đồng bộ hạ tầng và kè bờ sông.",
            en="An eco-urban area of about 85 ha on the bank of the Thai Binh river, with low-rise houses, a "
            "riverside park, schools and a service centre, linked to the former Hai Duong city by the Han "
            "bridge. The investor, chosen by bidding, builds the full infrastructure and the river embankment.",
        ),
        # the edit after review: the People's Council put the site on its list of plots for bidding (INVENTED)
        summary=Text(
            vi="Khu đô thị sinh thái khoảng 85 ha bên bờ sông Thái Bình, gồm nhà ở thấp tầng, công viên ven sông, "
            "trường học và trung tâm dịch vụ, nối với thành phố Hải Dương cũ qua cầu Hàn. Nhà đầu tư được lựa "
            "chọn qua đấu thầu, đầu tư đồng bộ hạ tầng và kè bờ sông. Ngày 08/04/2026, Hội đồng nhân dân thành "
            "phố đã đưa khu đất vào danh mục khu đất đấu thầu lựa chọn nhà đầu tư; hồ sơ mời thầu dự kiến phát "
            "hành trong quý III/2026.",
        ),
        edited_on=date(2026, 4, 10),
        planning=Text(
            vi="Quy hoạch phân khu tỷ lệ 1/2000 đô thị Nam Sách đã được phê duyệt; mật độ xây dựng gộp tối đa 30%.",
            en="The 1/2000 zoning plan of Nam Sach town is approved; gross building coverage at most 30%.",
        ),
        holder=Text(
            vi="Đất nông nghiệp của hộ gia đình và đất bãi ven sông do UBND xã Nam Sách quản lý",
            en="Farmland of households and riverside land managed by the Nam Sach commune People's Committee",
        ),
        incentives=HOUSING_INCENTIVES,
        published=date(2025, 10, 14),
        en=STALE,
    ),
    Spec(
        code="KGDT-HD-10",
        listing="hd2024",
        sector="BDS",
        commune="HP-BG-01",
        zone="",
        point=("20.876400", "106.181200"),
        area_ha="14",
        capital_ty=560,
        form="land_auction",
        land="cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Khu dân cư mới thị trấn Kẻ Sặt cũ, xã Kẻ Sặt",
            en="New residential area in the former Ke Sat township, Ke Sat commune",
        ),
        summary=Text(
            vi="Khu đất 14 ha đã giải phóng mặt bằng, có đường nối Quốc lộ 38, được đấu giá quyền sử dụng đất để "
            "thực hiện dự án nhà ở thương mại thấp tầng cùng chợ dân sinh và nhà văn hóa khu dân cư.",
            en="A cleared 14 ha site with road access to National Road 38, whose land-use rights are auctioned for "
            "a low-rise commercial housing project with a local market and a community hall.",
        ),
        planning=Text(
            vi="Quy hoạch chi tiết tỷ lệ 1/500 đã được phê duyệt; khu đất thuộc kế hoạch sử dụng đất năm 2025 để "
            "đấu giá quyền sử dụng đất.",
            en="The 1/500 detailed plan is approved; the site is in the 2025 land-use plan for auction.",
        ),
        holder=LAND_FUND,
        incentives=HOUSING_INCENTIVES,
        published=date(2025, 8, 25),
    ),
    Spec(
        code="KGDT-HD-11",
        listing="hp2025",
        sector="TM",
        commune="HP-TH-01",
        zone="",
        point=("20.890200", "106.430600"),
        area_ha="2.6",
        capital_ty=390,
        form="land_auction",
        land="cleared",
        steps=("ENTERPRISE", "PERMIT"),
        title=Text(
            vi="Trung tâm thương mại – siêu thị tổng hợp xã Thanh Hà",
            en="Shopping centre and hypermarket, Thanh Ha commune",
        ),
        summary=Text(
            vi="Khu đất 2,6 ha ở trung tâm xã Thanh Hà, mặt tiền đường tỉnh 390, đấu giá quyền sử dụng đất (thuê "
            "đất trả tiền một lần) để xây dựng trung tâm thương mại, siêu thị và bãi đỗ xe phục vụ người dân "
            "các xã vùng vải thiều.",
            en="A 2.6 ha plot in the centre of Thanh Ha commune, fronting provincial road 390, whose land-use "
            "rights are auctioned (lease paid once) for a shopping centre, a hypermarket and a car park serving "
            "the lychee-growing communes.",
        ),
        planning=Text(
            vi="Đất thương mại, dịch vụ trong quy hoạch chung đô thị Thanh Hà; quy hoạch chi tiết tỷ lệ 1/500 đã "
            "được phê duyệt.",
            en="Commercial and service land in the Thanh Ha general plan; the 1/500 detailed plan is approved.",
        ),
        holder=LAND_FUND,
        incentives=NO_INCENTIVES,
        published=date(2025, 10, 20),
        state="closed",
        closed=date(2026, 8, 31),
        closed_trade="Thương mại",
        closed_reason="Đã lựa chọn được nhà đầu tư: phiên đấu giá quyền sử dụng đất ngày 14/08/2026 có kết quả; "
        "UBND thành phố công nhận {investor} trúng đấu giá tại Quyết định 2415/QĐ-UBND ngày "
        "28/08/2026.",
    ),
    Spec(
        code="KGDT-HD-12",
        listing="hp2026",
        sector="TM",
        commune="HP-TPCL-02",
        zone="",
        point=("21.130400", "106.395300"),
        area_ha="3.4",
        capital_ty=520,
        form="land_auction",
        land="cleared",
        steps=("ENTERPRISE", "PERMIT"),
        title=Text(
            vi="Trung tâm thương mại, dịch vụ và khách sạn phường Chí Linh",
            en="Shopping, services and hotel centre, Chi Linh ward",
        ),
        summary=Text(
            vi="Khu đất 3,4 ha trên Quốc lộ 18 qua phường Chí Linh, đấu giá quyền sử dụng đất để xây dựng trung "
            "tâm thương mại, khách sạn và dịch vụ cho khách về Khu di tích Côn Sơn – Kiếp Bạc và đền thờ Chu "
            "Văn An.",
            en="A 3.4 ha plot on National Road 18 in Chi Linh ward, whose land-use rights are auctioned for a "
            "shopping centre, a hotel and services for visitors to the Con Son – Kiep Bac relics and the Chu "
            "Van An temple.",
        ),
        planning=Text(
            vi="Đất thương mại, dịch vụ trong quy hoạch phân khu tỷ lệ 1/2000; đang lập quy hoạch chi tiết tỷ lệ "
            "1/500.",
            en="Commercial and service land in the 1/2000 zoning plan; the 1/500 detailed plan is being prepared.",
        ),
        holder=LAND_FUND,
        incentives=NO_INCENTIVES,
        published=date(2026, 5, 11),
        en=DRAFT,
    ),
    Spec(
        code="KGDT-HD-21",
        listing="plan",
        sector="MT",
        commune="HP-TXKM-07",
        zone="",
        point=("21.020500", "106.540200"),
        area_ha="12",
        capital_ty=2_600,
        form="investor_bidding",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_I", "ENTERPRISE"),
        title=Text(
            vi="Nhà máy xử lý chất thải rắn sinh hoạt phát điện công suất 500 tấn/ngày, xã Nam An Phụ",
            en="Waste-to-energy plant for 500 tonnes of household waste a day, Nam An Phu commune",
        ),
        summary=Text(
            vi="Nhà máy đốt chất thải rắn sinh hoạt thu hồi năng lượng, xử lý khoảng 500 tấn rác mỗi ngày của các "
            "xã, phường phía Bắc và phát khoảng 10 MW điện lên lưới, thay thế các bãi chôn lấp. Nhà đầu tư được "
            "lựa chọn qua đấu thầu theo pháp luật về bảo vệ môi trường và đấu thầu; thành phố trả phí xử lý "
            "theo đơn giá được duyệt.",
            en="A plant burning household waste with energy recovery, treating about 500 tonnes a day from the "
            "northern communes and wards and sending some 10 MW to the grid, in place of landfills. The "
            "investor is chosen by bidding under the environmental and bidding laws; the city pays a treatment "
            "fee at the approved unit price.",
        ),
        planning=Text(
            vi="Phù hợp phương án khu xử lý chất thải rắn tập trung trong Quy hoạch tỉnh Hải Dương thời kỳ "
            "2021–2030; bảo đảm khoảng cách an toàn môi trường đến khu dân cư theo quy chuẩn.",
            en="Consistent with the central solid-waste treatment scheme of the Hai Duong provincial plan "
            "2021–2030; the environmental safety distance to homes meets the standard.",
        ),
        holder=Text(
            vi="Đất trồng cây hằng năm và đất đồi do UBND xã Nam An Phụ quản lý; chưa giải phóng mặt bằng",
            en="Annual-crop and hill land managed by the Nam An Phu commune People's Committee; not yet cleared",
        ),
        incentives=Text(
            vi="Xử lý chất thải là lĩnh vực đặc biệt ưu đãi đầu tư: ưu đãi thuế thu nhập doanh nghiệp, miễn, giảm "
            "tiền thuê đất theo quy định; điện phát từ chất thải rắn được mua theo cơ chế giá do Nhà nước quy "
            "định.",
            en="Waste treatment is a specially encouraged field: corporate income tax incentives and land-rent "
            "exemption or reduction as regulated; power from solid waste is bought at the price the State sets.",
        ),
        published=date(2026, 1, 14),
    ),
    Spec(
        code="KGDT-HD-22",
        listing="plan",
        sector="MT",
        commune="HP-NG-04",
        zone="",
        point=("20.705300", "106.380400"),
        area_ha="6",
        capital_ty=780,
        form="ppp",
        land="not_cleared",
        steps=("EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Nhà máy nước mặt sông Luộc công suất 60.000 m³/ngày đêm theo phương thức PPP",
            en="Luoc river surface-water plant, 60,000 m³ a day, as a public-private partnership",
        ),
        summary=Text(
            vi="Nhà máy xử lý nước mặt lấy nước sông Luộc cùng mạng truyền tải cấp nước sạch cho các xã phía Nam "
            "(vùng Ninh Giang, Thanh Miện, Tứ Kỳ cũ), thay các trạm cấp nước nhỏ đang quá tải. Đầu tư theo "
            "phương thức đối tác công tư (hợp đồng BOO); tổng mức đầu tư vượt ngưỡng tối thiểu 200 tỷ đồng của "
            "lĩnh vực cấp nước.",
            en="A surface-water treatment plant drawing on the Luoc river, with the mains supplying clean water to "
            "the southern communes (the former Ninh Giang, Thanh Mien and Tu Ky districts), replacing small "
            "overloaded stations. A public-private partnership (BOO contract); the total investment exceeds the "
            "200 billion dong floor for water supply.",
        ),
        planning=Text(
            vi="Phù hợp phương án cấp nước trong Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; đang lập báo cáo "
            "nghiên cứu tiền khả thi.",
            en="Consistent with the water-supply scheme of the Hai Duong provincial plan 2021–2030; the "
            "pre-feasibility study is being prepared.",
        ),
        holder=Text(
            vi="Đất nông nghiệp của hộ gia đình xã Tân An và đất bãi sông do UBND xã quản lý",
            en="Farmland of households in Tan An commune and riverbank land managed by the commune",
        ),
        incentives=Text(
            vi="Cấp nước sạch là ngành, nghề ưu đãi đầu tư; dự án PPP được hưởng ưu đãi và bảo đảm đầu tư theo "
            "Luật Đầu tư theo phương thức đối tác công tư.",
            en="Clean water supply is an incentivised business line; a PPP project enjoys the incentives and "
            "guarantees of the Law on Public-Private Partnership Investment.",
        ),
        published=date(2026, 2, 9),
    ),
    Spec(
        code="KGDT-HD-23",
        listing="hd2024",
        sector="TM",
        commune="HP-TH-03",
        zone="",
        point=("20.925300", "106.445100"),
        area_ha="5",
        capital_ty=240,
        form="investor_bidding",
        land="partly_cleared",
        steps=("POLICY", "ENTERPRISE", "PERMIT"),
        title=Text(
            vi="Chợ đầu mối nông sản, vải thiều Thanh Hà, xã Hà Bắc",
            en="Thanh Ha wholesale market for farm produce and lychee, Ha Bac commune",
        ),
        summary=Text(
            vi="Chợ đầu mối hạng I cho vải thiều, rau quả và thủy sản của vùng, có khu sơ chế, kho mát và bãi xe "
            "tải, là nơi giao dịch của thương lái trong nước và xuất khẩu trong mùa vải. Nhà đầu tư được lựa "
            "chọn qua đấu thầu theo pháp luật về chợ.",
            en="A first-class wholesale market for the region's lychee, fruit, vegetables and fish, with packing "
            "halls, cool rooms and truck parks, where domestic and export traders deal in the lychee season. "
            "The investor is chosen by bidding under the law on markets.",
        ),
        planning=Text(
            vi="Thuộc mạng lưới chợ đầu mối trong Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; chưa có quy hoạch "
            "chi tiết.",
            en="Part of the wholesale-market network of the Hai Duong provincial plan 2021–2030; no detailed plan yet.",
        ),
        holder=Text(
            vi="Một phần do UBND xã Hà Bắc quản lý (chợ cũ), phần còn lại là vườn vải của hộ gia đình",
            en="Partly managed by the Ha Bac commune People's Committee (the old market), the rest lychee orchards "
            "of households",
        ),
        incentives=Text(
            vi="Đầu tư xây dựng chợ ở địa bàn nông thôn là ngành, nghề ưu đãi đầu tư theo Nghị định 31/2021/NĐ-CP.",
            en="Building a market in a rural area is an incentivised business line under Decree 31/2021/ND-CP.",
        ),
        state="draft",
        en=DRAFT,
        zh=MISSING,
    ),
]
