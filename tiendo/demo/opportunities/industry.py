"""Industrial zones and clusters, factories for foreign investors, logistics and rooftop solar (data).

Real: the zones and clusters (KCN Phúc Điền, Kỳ Sơn, Cẩm Điền – Lương Điền, Gia Lộc, Đại An, Lai Vu, CCN Nghĩa
An), the communes of today that hold them, National Road 5, Lai Khê station on the Hà Nội – Hải Phòng railway, the
Hà Nội – Hải Phòng expressway, the laws named in the incentives. INVENTED: every project, its area, capital,
planning and land status, the points on the map (approximate, within the commune) and the dates."""

from __future__ import annotations

from datetime import date

from .specs import DRAFT, REVIEWED, Spec, Text

ZONE_INCENTIVES = Text(
    vi="Ưu đãi đầu tư đối với dự án đầu tư xây dựng và kinh doanh kết cấu hạ tầng khu công nghiệp theo pháp luật "
    "về đầu tư và thuế thu nhập doanh nghiệp; mức ưu đãi cụ thể do cơ quan thuế xác định theo địa bàn.",
    en="Investment incentives for building and operating industrial park infrastructure under the investment and "
    "corporate income tax laws; the tax office sets the exact incentive for the location.",
    zh="依照投资法律和企业所得税法律，享受工业区基础设施建设经营项目的投资优惠；具体优惠幅度由税务机关根据所在地区"
    "确定。",
)

SPECS = [
    Spec(
        code="KGDT-HD-01",
        listing="plan",
        sector="KCN",
        commune="HP-CG-01",
        zone="PHUCDIEN",
        point=("20.951200", "106.212400"),
        area_ha="120",
        capital_ty=4_200,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_I", "ENTERPRISE"),
        title=Text(
            vi="Đầu tư xây dựng và kinh doanh kết cấu hạ tầng Khu công nghiệp Phúc Điền mở rộng",
            en="Construction and operation of the infrastructure of the Phuc Dien Industrial Park expansion",
            zh="福田工业区扩建区基础设施建设与经营项目",
        ),
        summary=Text(
            vi="Mở rộng Khu công nghiệp Phúc Điền về phía Tây, sát Quốc lộ 5, thuận tiện đi Hà Nội và cảng Hải "
            "Phòng, để đón các dự án điện tử, cơ khí chính xác và công nghiệp hỗ trợ. Nhà đầu tư xây dựng đồng "
            "bộ đường nội bộ, cấp điện, cấp nước, trạm xử lý nước thải tập trung công suất 4.000 m³/ngày đêm và "
            "hệ thống phòng cháy chữa cháy, rồi cho thuê lại đất đã có hạ tầng.",
            en="Extends Phuc Dien Industrial Park westwards along National Road 5, with easy access to Ha Noi and "
            "the port of Hai Phong, to host electronics, precision engineering and supporting-industry "
            "projects. The investor builds the internal roads, power and water supply, a central wastewater "
            "plant of 4,000 m³ a day and the fire-fighting network, then sub-leases the serviced land.",
            zh="福田工业区向西扩建，紧邻5号国道，往返河内和海防港均十分便利，重点吸引电子、精密机械及配套产业项目。"
            "投资者负责同步建设区内道路、供电、供水、日处理能力4000立方米的集中污水处理厂及消防系统，并将已完善"
            "基础设施的土地转租给入驻企业。",
        ),
        planning=Text(
            vi="Phù hợp Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030 (Quyết định 1639/QĐ-TTg); quy hoạch phân khu "
            "xây dựng tỷ lệ 1/2000 đã được phê duyệt; nhà đầu tư lập quy hoạch chi tiết tỷ lệ 1/500.",
            en="Consistent with the Hai Duong provincial plan 2021–2030 (Decision 1639/QD-TTg); the 1/2000 zoning "
            "plan is approved; the investor prepares the 1/500 detailed plan.",
            zh="符合海阳省2021—2030年省级规划（第1639/QĐ-TTg号决定）；1/2000分区建设规划已获批准；由投资者编制1/500"
            "详细规划。",
        ),
        holder=Text(
            vi="Đất nông nghiệp của các hộ gia đình xã Cẩm Giang; Nhà nước thu hồi và bồi thường theo Luật Đất đai "
            "2024",
            en="Farmland of households in Cam Giang commune; the State recovers it with compensation under the "
            "Land Law 2024",
            zh="锦江社农户的农业用地，由国家依照2024年《土地法》征收并给予补偿",
        ),
        incentives=ZONE_INCENTIVES,
        published=date(2025, 8, 12),
        zh=REVIEWED,
    ),
    Spec(
        code="KGDT-HD-02",
        listing="hp2025",
        sector="KCN",
        commune="HP-TK-03",
        zone="KYSON",
        point=("20.835400", "106.415800"),
        area_ha="135",
        capital_ty=4_600,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_I", "ENTERPRISE"),
        title=Text(
            vi="Đầu tư xây dựng và kinh doanh kết cấu hạ tầng Khu công nghiệp Kỳ Sơn giai đoạn 2",
            en="Construction and operation of the infrastructure of Ky Son Industrial Park, phase 2",
            zh="岐山工业区二期基础设施建设与经营项目",
        ),
        summary=Text(
            vi="Giai đoạn 2 của Khu công nghiệp Kỳ Sơn ở phía Nam thành phố Hải Dương cũ, nối với trung tâm qua "
            "đường tỉnh 391, hướng tới dệt may kỹ thuật cao, chế biến nông sản và vật liệu mới. Nhà đầu tư xây "
            "dựng đồng bộ hạ tầng kỹ thuật, khu dịch vụ và nhà ở cho người lao động theo quy hoạch được duyệt.",
            en="Phase 2 of Ky Son Industrial Park, south of the former Hai Duong city and linked to it by "
            "provincial road 391, aimed at technical textiles, farm-produce processing and new materials. The "
            "investor builds the full technical infrastructure, a service area and workers' housing under the "
            "approved plan.",
            zh="岐山工业区二期位于原海阳市南部，经391号省道与市中心相连，重点发展高技术纺织、农产品加工和新材料产业"
            "。投资者按获批规划同步建设技术基础设施、服务区和职工住房。",
        ),
        planning=Text(
            vi="Thuộc danh mục khu công nghiệp dự kiến phát triển trong Quy hoạch tỉnh Hải Dương thời kỳ "
            "2021–2030; đang lập quy hoạch phân khu tỷ lệ 1/2000.",
            en="Among the industrial parks the Hai Duong provincial plan 2021–2030 plans to develop; the 1/2000 "
            "zoning plan is being prepared.",
            zh="列入海阳省2021—2030年省级规划拟发展的工业区名录；1/2000分区规划正在编制中。",
        ),
        holder=Text(
            vi="Đất trồng lúa và đất nuôi trồng thủy sản của hộ gia đình xã Đại Sơn; đất công ích do UBND xã Đại "
            "Sơn quản lý",
            en="Rice and fish-farming land of households in Dai Son commune; public-purpose land managed by the "
            "Dai Son commune People's Committee",
            zh="大山社农户的水稻田和水产养殖用地；大山社人民委员会管理的公益用地",
        ),
        incentives=ZONE_INCENTIVES,
        published=date(2025, 10, 6),
        zh=DRAFT,
    ),
    Spec(
        code="KGDT-HD-03",
        listing="hd2024",
        sector="KCN",
        commune="HP-NG-01",
        zone="NGHIAAN",
        point=("20.748300", "106.372100"),
        area_ha="45",
        capital_ty=720,
        form="investor_proposal",
        land="partly_cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Đầu tư xây dựng hạ tầng kỹ thuật Cụm công nghiệp Nghĩa An mở rộng",
            en="Technical infrastructure of the Nghia An Industrial Cluster expansion",
        ),
        summary=Text(
            vi="Mở rộng Cụm công nghiệp Nghĩa An thêm 45 ha để bố trí cơ sở sản xuất vừa và nhỏ và di dời các "
            "xưởng gây ô nhiễm ra khỏi khu dân cư của các xã phía Nam. Nhà đầu tư xây dựng đường, điện, cấp "
            "thoát nước, trạm xử lý nước thải và cho thuê đất đã có hạ tầng.",
            en="Adds 45 ha to Nghia An Industrial Cluster for small and medium factories, and to move polluting "
            "workshops out of the villages of the southern communes. The investor builds the roads, power, "
            "water supply and drainage and a wastewater plant, and leases the serviced land.",
        ),
        planning=Text(
            vi="Phù hợp phương án phát triển cụm công nghiệp trong Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; quy "
            "hoạch chi tiết tỷ lệ 1/500 đã được phê duyệt năm 2024.",
            en="Consistent with the industrial-cluster development scheme of the Hai Duong provincial plan "
            "2021–2030; the 1/500 detailed plan was approved in 2024.",
        ),
        holder=Text(
            vi="Đã thu hồi khoảng 20 ha; phần còn lại là đất nông nghiệp của hộ gia đình xã Ninh Giang",
            en="About 20 ha already recovered; the rest is farmland of households in Ninh Giang commune",
        ),
        incentives=Text(
            vi="Đầu tư xây dựng, kinh doanh hạ tầng kỹ thuật cụm công nghiệp là ngành, nghề ưu đãi đầu tư theo "
            "Nghị định 31/2021/NĐ-CP; thành phố hỗ trợ đầu tư hạ tầng cụm công nghiệp theo quy định.",
            en="Building and operating industrial-cluster infrastructure is an incentivised business line under "
            "Decree 31/2021/ND-CP; the city supports cluster infrastructure as regulated.",
        ),
        published=date(2025, 7, 22),
    ),
    Spec(
        code="KGDT-HD-04",
        listing="hd2024",
        sector="CB",
        commune="HP-CG-04",
        zone="CAMDIENLUONGDIEN",
        point=("20.922600", "106.178300"),
        area_ha="12",
        capital_ty=720,
        form="investor_proposal",
        land="cleared",
        steps=("IRC_IN_ZONE", "ENTERPRISE", "EIA_GROUP_II"),
        title=Text(
            vi="Khu nhà xưởng xây sẵn cho thuê phục vụ công nghiệp hỗ trợ ngành điện tử, KCN Cẩm Điền – Lương Điền",
            en="Ready-built factories for lease to electronics supporting industries, Cam Dien – Luong Dien "
            "Industrial Park",
            zh="锦田—良田工业区电子配套产业标准厂房出租项目",
        ),
        summary=Text(
            vi="Xây dựng khoảng 60.000 m² nhà xưởng và kho xây sẵn, mô-đun từ 1.500 m² đến 5.000 m², cho các doanh "
            "nghiệp vừa và nhỏ cung ứng linh kiện, khuôn mẫu và bao bì cho chuỗi sản xuất điện tử trong vùng. "
            "Lô đất đã có hạ tầng, thuê lại của chủ đầu tư hạ tầng khu công nghiệp.",
            en="About 60,000 m² of ready-built factories and warehouses, in modules of 1,500 to 5,000 m², for "
            "small and medium suppliers of components, moulds and packaging to the region's electronics "
            "producers. The serviced plot is sub-leased from the industrial park's infrastructure developer.",
            zh="建设约6万平方米的标准厂房和仓库，单元面积1500至5000平方米，面向为区域电子产业链供应零部件、模具和包"
            "装的中小企业。地块基础设施已完善，向工业区基础设施开发商转租。",
        ),
        planning=Text(
            vi="Lô đất công nghiệp trong quy hoạch chi tiết tỷ lệ 1/500 đã được phê duyệt của khu công nghiệp; mật "
            "độ xây dựng tối đa 60%.",
            en="An industrial plot in the park's approved 1/500 detailed plan; maximum building coverage 60%.",
            zh="该地块属于工业区已获批1/500详细规划中的工业用地；最大建筑密度为60%。",
        ),
        holder=Text(
            vi="Chủ đầu tư hạ tầng Khu công nghiệp Cẩm Điền – Lương Điền (đất đã giải phóng mặt bằng, có hạ tầng)",
            en="The infrastructure developer of Cam Dien – Luong Dien Industrial Park (land cleared and serviced)",
            zh="锦田—良田工业区基础设施开发商（土地已完成清场并配套基础设施）",
        ),
        incentives=Text(
            vi="Dự án sản xuất sản phẩm công nghiệp hỗ trợ ưu tiên phát triển được hưởng ưu đãi theo pháp luật về "
            "công nghiệp hỗ trợ và thuế thu nhập doanh nghiệp khi đáp ứng điều kiện; thủ tục đầu tư một cửa tại "
            "Ban Quản lý Khu kinh tế.",
            en="Projects making priority supporting-industry products qualify for incentives under the "
            "supporting-industry and corporate income tax rules when they meet the conditions; one-stop "
            "investment procedures at the Economic Zone Authority.",
            zh="生产优先发展配套工业产品的项目，符合条件的可依照配套工业和企业所得税相关规定享受优惠；由经济区管理"
            "委员会提供一站式投资手续服务。",
        ),
        published=date(2025, 9, 15),
        zh=REVIEWED,
    ),
    Spec(
        code="KGDT-HD-05",
        listing="hp2026",
        sector="DT",
        commune="HP-GL-01",
        zone="GIALOC",
        point=("20.869100", "106.287400"),
        area_ha="20",
        capital_ty=3_000,
        form="investor_proposal",
        land="cleared",
        steps=("IRC_IN_ZONE", "ENTERPRISE", "EIA_GROUP_II"),
        title=Text(
            vi="Nhà máy sản xuất linh kiện điện tử và đóng gói, kiểm thử chip bán dẫn tại KCN Gia Lộc",
            en="Electronic components and semiconductor assembly and test plant, Gia Loc Industrial Park",
            zh="嘉禄工业区电子元器件及半导体封装测试工厂",
        ),
        summary=Text(
            vi="Lô đất 20 ha đã có hạ tầng dành cho một nhà máy sản xuất linh kiện điện tử hoặc đóng gói, kiểm thử "
            "chip (OSAT), cấp điện từ trạm biến áp 110 kV của khu công nghiệp, nước thải xử lý tại trạm tập "
            "trung. Thành phố ưu tiên nhà đầu tư có công nghệ cao, đào tạo kỹ sư tại chỗ và liên kết với doanh "
            "nghiệp trong nước.",
            en="A 20 ha serviced plot for one plant making electronic components or doing chip assembly and test "
            "(OSAT), fed from the park's 110 kV substation, its wastewater treated at the park's central plant. "
            "The city favours investors who bring high technology, train engineers on site and work with "
            "Vietnamese suppliers.",
            zh="20公顷已配套基础设施的地块，拟用于建设一座电子元器件生产或芯片封装测试（OSAT）工厂，由工业区110千伏"
            "变电站供电，废水接入工业区集中污水处理厂处理。海防市优先考虑拥有高新技术、在当地培训工程师并与越南"
            "本土企业合作的投资者。",
        ),
        planning=Text(
            vi="Đất công nghiệp trong quy hoạch chi tiết tỷ lệ 1/500 của KCN Gia Lộc; ngành nghề phù hợp danh mục "
            "thu hút của khu công nghiệp.",
            en="Industrial land in the 1/500 detailed plan of Gia Loc Industrial Park; the trade fits the park's "
            "list of industries sought.",
            zh="属于嘉禄工业区1/500详细规划中的工业用地；行业符合工业区招商目录。",
        ),
        holder=Text(
            vi="Chủ đầu tư hạ tầng KCN Gia Lộc (đất sạch, sẵn sàng bàn giao)",
            en="The infrastructure developer of Gia Loc Industrial Park (cleared land, ready to hand over)",
            zh="嘉禄工业区基础设施开发商（净地，可随时交付）",
        ),
        incentives=Text(
            vi="Sản xuất sản phẩm công nghệ cao, linh kiện điện tử là ngành, nghề đặc biệt ưu đãi đầu tư: ưu đãi "
            "thuế thu nhập doanh nghiệp và miễn thuế nhập khẩu hàng hóa tạo tài sản cố định theo quy định; dự "
            "án bán dẫn đủ điều kiện có thể đề nghị hỗ trợ từ Quỹ Hỗ trợ đầu tư.",
            en="High-tech products and electronic components are specially encouraged lines: corporate income tax "
            "incentives and import-duty exemption on goods forming fixed assets as regulated; an eligible "
            "semiconductor project may apply for support from the Investment Support Fund.",
            zh="高科技产品和电子元器件属于特别鼓励投资的行业，可依法享受企业所得税优惠，并免征形成固定资产的进口货"
            "物关税；符合条件的半导体项目可申请投资支持基金的扶持。",
        ),
        published=date(2026, 4, 24),
        zh=REVIEWED,
    ),
    Spec(
        code="KGDT-HD-06",
        listing="plan",
        sector="LOG",
        commune="HP-KT-02",
        zone="",
        point=("20.962300", "106.470500"),
        area_ha="45",
        capital_ty=1_800,
        form="investor_proposal",
        land="partly_cleared",
        steps=("POLICY", "IRC_AFTER_POLICY", "ENTERPRISE", "EIA_GROUP_II"),
        title=Text(
            vi="Trung tâm logistics và cảng cạn (ICD) Lai Khê gắn Quốc lộ 5 và đường sắt Hà Nội – Hải Phòng",
            en="Lai Khe logistics centre and inland container depot by National Road 5 and the Ha Noi – Hai Phong "
            "railway",
            zh="莱溪物流中心及内陆集装箱港（ICD）项目（紧邻5号国道和河内—海防铁路）",
        ),
        summary=Text(
            vi="Trung tâm logistics tổng hợp gồm bãi container, kho ngoại quan, kho lạnh và khu dịch vụ hải quan, "
            "nằm giữa Quốc lộ 5 và ga Lai Khê, phục vụ hàng xuất nhập khẩu của các khu công nghiệp phía Đông đi "
            "cảng Hải Phòng và cảng Lạch Huyện bằng đường bộ và đường sắt.",
            en="A general logistics centre with a container yard, bonded and cold warehouses and a customs service "
            "area, between National Road 5 and Lai Khe station, serving the export and import cargo of the "
            "eastern industrial parks to the ports of Hai Phong and Lach Huyen by road and rail.",
            zh="综合物流中心，包括集装箱堆场、保税仓库、冷库及海关服务区，位于5号国道与莱溪火车站之间，通过公路和铁"
            "路为东部各工业区的进出口货物往返海防港和拉县港提供服务。",
        ),
        planning=Text(
            vi="Phù hợp định hướng phát triển trung tâm logistics của Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; "
            "khi lập dự án, vị trí cảng cạn phải phù hợp quy hoạch hệ thống cảng cạn quốc gia.",
            en="In line with the logistics-centre orientation of the Hai Duong provincial plan 2021–2030; the "
            "inland depot's site must fit the national inland-port system plan when the project is prepared.",
            zh="符合海阳省2021—2030年省级规划的物流中心发展方向；编制项目时，内陆港选址须符合国家内陆港系统规划。",
        ),
        holder=Text(
            vi="Đất nông nghiệp của hộ gia đình và đất công ích do UBND xã Lai Khê quản lý; đã thu hồi khoảng 15 "
            "ha dọc Quốc lộ 5",
            en="Farmland of households and public-purpose land managed by the Lai Khe commune People's Committee; "
            "about 15 ha along National Road 5 already recovered",
            zh="农户农业用地及莱溪社人民委员会管理的公益用地；沿5号国道约15公顷已完成征收",
        ),
        incentives=Text(
            vi="Đầu tư trung tâm logistics, cảng cạn là ngành, nghề ưu đãi đầu tư theo Nghị định 31/2021/NĐ-CP; ưu "
            "đãi về tiền thuê đất và thuế thu nhập doanh nghiệp theo quy định.",
            en="Logistics centres and inland depots are incentivised business lines under Decree 31/2021/ND-CP; "
            "land-rent and corporate income tax incentives as regulated.",
            zh="物流中心和内陆港属于第31/2021/NĐ-CP号议定规定的投资优惠行业；依法享受土地租金和企业所得税优惠。",
        ),
        published=date(2025, 11, 3),
        zh=REVIEWED,
    ),
    Spec(
        code="KGDT-HD-07",
        listing="hp2026",
        sector="LOG",
        commune="HP-GL-03",
        zone="",
        point=("20.835200", "106.262100"),
        area_ha="18",
        capital_ty=650,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "IRC_AFTER_POLICY", "ENTERPRISE", "EIA_GROUP_II"),
        title=Text(
            vi="Trung tâm phân phối và kho lạnh gần cao tốc Hà Nội – Hải Phòng, xã Gia Phúc",
            en="Distribution centre and cold store near the Ha Noi – Hai Phong expressway, Gia Phuc commune",
            zh="嘉福社河内—海防高速公路附近配送中心及冷库项目",
        ),
        summary=Text(
            vi="Kho lạnh 20.000 tấn và trung tâm phân phối nông sản, thực phẩm cho các tỉnh đồng bằng sông Hồng, "
            "gần nút giao của cao tốc Hà Nội – Hải Phòng; phục vụ vải thiều, rau màu xuất khẩu và hàng tiêu "
            "dùng đi Hà Nội, Hải Phòng.",
            en="A 20,000-tonne cold store and distribution centre for farm produce and food for the Red River "
            "Delta, near an interchange of the Ha Noi – Hai Phong expressway; for lychee and vegetables for "
            "export and consumer goods bound for Ha Noi and Hai Phong.",
            zh="建设2万吨冷库及农产品、食品配送中心，服务红河三角洲各省，靠近河内—海防高速公路互通立交；用于出口荔"
            "枝、蔬菜及运往河内、海防的消费品。",
        ),
        planning=Text(
            vi="Đang rà soát sự phù hợp với quy hoạch sử dụng đất; chưa có quy hoạch chi tiết.",
            en="Fit with the land-use plan under review; no detailed plan yet.",
            zh="正在审查与土地使用规划的符合性；尚无详细规划。",
        ),
        holder=Text(
            vi="Đất trồng lúa của hộ gia đình xã Gia Phúc",
            en="Rice land of households in Gia Phuc commune",
            zh="嘉福社农户的水稻田",
        ),
        incentives=Text(
            vi="Đang xác định; dự kiến hưởng ưu đãi đối với dự án kho lạnh bảo quản nông sản theo Nghị định "
            "31/2021/NĐ-CP.",
            en="Being determined; incentives for cold storage of farm produce under Decree 31/2021/ND-CP expected.",
            zh="正在确定；预计可依照第31/2021/NĐ-CP号议定享受农产品冷藏仓储项目优惠。",
        ),
        state="draft",
        en=DRAFT,
        zh=DRAFT,
    ),
    Spec(
        code="KGDT-HD-20",
        listing="pdp8",
        sector="NL",
        commune="HP-TPHD-08",
        zone="DAIAN",
        point=("20.925400", "106.283900"),
        area_ha="40",
        capital_ty=560,
        form="investor_proposal",
        land="cleared",
        steps=("IRC_IN_ZONE", "ENTERPRISE"),
        title=Text(
            vi="Điện mặt trời mái nhà tự sản xuất, tự tiêu thụ trên mái nhà xưởng KCN Đại An",
            en="Rooftop solar for self-consumption on the factory roofs of Dai An Industrial Park",
            zh="大安工业区厂房屋顶自发自用光伏发电项目",
        ),
        summary=Text(
            vi="Lắp đặt khoảng 40 MWp điện mặt trời trên khoảng 40 ha mái nhà xưởng trong Khu công nghiệp Đại An "
            "theo mô hình cho thuê hệ thống: doanh nghiệp chủ mái tự sản xuất, tự tiêu thụ, không phát điện lên "
            "lưới điện quốc gia; giúp các doanh nghiệp xuất khẩu giảm phát thải theo yêu cầu của khách hàng.",
            en="About 40 MWp of solar panels on some 40 ha of factory roofs in Dai An Industrial Park, leased to "
            "the roof-owning factories, which use the power themselves without feeding the national grid; it "
            "helps exporters cut emissions as their buyers require.",
            zh="在大安工业区约40公顷厂房屋顶上安装约40兆瓦峰值的光伏系统，以系统租赁方式交由屋顶所属企业自发自用，"
            "不向国家电网送电；帮助出口企业按客户要求减少排放。",
        ),
        planning=Text(
            vi="Phù hợp định hướng phát triển điện mặt trời mái nhà tự sản xuất, tự tiêu thụ của Quy hoạch điện "
            "VIII (Quyết định 500/QĐ-TTg); không phát sinh nhu cầu sử dụng đất.",
            en="In line with PDP8's rooftop solar for self-consumption (Decision 500/QD-TTg); no land needed.",
            zh="符合第八个电力规划（第500/QĐ-TTg号决定）关于屋顶光伏自发自用的发展方向；无需使用土地。",
        ),
        holder=Text(
            vi="Mái nhà xưởng của các doanh nghiệp thuê đất trong KCN Đại An; nhà đầu tư ký thỏa thuận sử dụng mái "
            "với từng doanh nghiệp",
            en="Factory roofs of the park's tenants; the investor signs a roof-use agreement with each",
            zh="大安工业区内承租企业的厂房屋顶；投资者与各企业分别签订屋顶使用协议",
        ),
        incentives=Text(
            vi="Thiết bị điện mặt trời nhập khẩu để tạo tài sản cố định được miễn thuế nhập khẩu theo quy định; "
            "sản xuất năng lượng tái tạo là ngành, nghề ưu đãi đầu tư.",
            en="Imported solar equipment forming fixed assets is exempt from import duty as regulated; "
            "renewable-energy generation is an incentivised business line.",
            zh="为形成固定资产而进口的光伏设备依法免征进口关税；可再生能源发电属于投资优惠行业。",
        ),
        published=date(2025, 9, 25),
        zh=REVIEWED,
    ),
    Spec(
        code="KGDT-HD-24",
        listing="hp2026",
        sector="CB",
        commune="HP-KT-02",
        zone="LAIVU",
        point=("20.979800", "106.445200"),
        area_ha="15",
        capital_ty=1_050,
        form="investor_proposal",
        land="cleared",
        steps=("IRC_IN_ZONE", "ENTERPRISE", "EIA_GROUP_II"),
        title=Text(
            vi="Nhà máy cơ khí chính xác và khuôn mẫu tại KCN Lai Vu",
            en="Precision engineering and mould-making plant, Lai Vu Industrial Park",
            zh="Lai Vu工业区精密机械及模具制造工厂",
        ),
        summary=Text(
            vi="Lô đất 15 ha đã có hạ tầng cho nhà máy gia công cơ khí chính xác, khuôn đúc và khuôn ép nhựa, cung "
            "ứng cho ngành ô tô, xe máy và điện tử trong vùng. Khu công nghiệp nằm cạnh Quốc lộ 5, thuận tiện "
            "đi cảng Hải Phòng.",
            en="A 15 ha serviced plot for a plant doing precision machining and making die-casting and injection "
            "moulds for the region's car, motorbike and electronics makers. The park lies on National Road 5, "
            "close to the port of Hai Phong.",
            zh="15公顷已配套基础设施的地块，拟建精密机械加工及压铸模、注塑模制造工厂，为区域汽车、摩托车和电子企业"
            "配套。工业区紧邻5号国道，往返海防港十分便利。",
        ),
        planning=Text(
            vi="Đất công nghiệp trong quy hoạch chi tiết tỷ lệ 1/500 của KCN Lai Vu.",
            en="Industrial land in the 1/500 detailed plan of Lai Vu Industrial Park.",
            zh="属于Lai Vu工业区1/500详细规划中的工业用地。",
        ),
        holder=Text(
            vi="Chủ đầu tư hạ tầng KCN Lai Vu (đất sạch)",
            en="The infrastructure developer of Lai Vu Industrial Park (cleared land)",
            zh="Lai Vu工业区基础设施开发商（净地）",
        ),
        incentives=Text(
            vi="Sản phẩm cơ khí chính xác, khuôn mẫu thuộc danh mục sản phẩm công nghiệp hỗ trợ ưu tiên phát "
            "triển: ưu đãi thuế thu nhập doanh nghiệp khi đáp ứng điều kiện; thủ tục một cửa tại Ban Quản lý "
            "Khu kinh tế.",
            en="Precision parts and moulds are on the list of priority supporting-industry products: corporate "
            "income tax incentives when the conditions are met; one-stop procedures at the Economic Zone "
            "Authority.",
            zh="精密机械零部件和模具列入优先发展配套工业产品目录：符合条件的可享受企业所得税优惠；由经济区管理委员"
            "会提供一站式手续服务。",
        ),
        published=date(2026, 7, 8),
        zh=REVIEWED,
    ),
]
