"""A hospital, schools, eco-tourism at Côn Sơn – Kiếp Bạc and high-tech farming in Thanh Hà, Tứ Kỳ and Ninh Giang
(data).

Real: the communes of today, the Côn Sơn – Kiếp Bạc special national relic site and its spring and autumn
festivals, Thanh Hà's lychee and its export markets, the industrial zones named, the forms of selection a hospital
or a school takes (never an auction: docs/legal/opportunities.md OPP-05, OPP-07). INVENTED: every project, its
area, capital, planning and land status, the investor approval that closes one, the points on the map
(approximate, within the commune) and the dates."""

from __future__ import annotations

from datetime import date

from .specs import DRAFT, MISSING, Spec, Text

SOCIALISATION = Text(
    vi="Chính sách khuyến khích xã hội hóa: ưu đãi thuế suất thu nhập doanh nghiệp đối với thu nhập từ hoạt động "
    "xã hội hóa, miễn hoặc giảm tiền thuê đất theo quy định về xã hội hóa.",
    en="The socialisation policy: a preferential corporate income tax rate on income from socialised services, and "
    "land-rent exemption or reduction under the socialisation rules.",
    zh="社会化鼓励政策：社会化服务收入享受企业所得税优惠税率，并依照社会化相关规定免征或减征土地租金。",
)
FARMING = Text(
    vi="Chính sách khuyến khích doanh nghiệp đầu tư vào nông nghiệp, nông thôn: hỗ trợ và miễn, giảm tiền thuê đất "
    "theo quy định; ưu đãi dành cho doanh nghiệp nông nghiệp ứng dụng công nghệ cao khi được công nhận.",
    en="The policy encouraging enterprises to invest in farming and rural areas: support and land-rent exemption "
    "or reduction as regulated; incentives for recognised high-tech agricultural enterprises.",
    zh="鼓励企业投资农业农村的政策：依法给予扶持并免征或减征土地租金；获认定的高科技农业企业可享受相应优惠。",
)

SPECS = [
    Spec(
        code="KGDT-HD-13",
        listing="plan",
        sector="YT",
        commune="HP-TPHD-07",
        zone="",
        point=("20.915300", "106.290200"),
        area_ha="3.5",
        capital_ty=850,
        form="investor_proposal",
        land="cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Bệnh viện đa khoa quy mô 300 giường theo hình thức xã hội hóa, phường Thạch Khôi",
            en="300-bed general hospital under the socialisation policy, Thach Khoi ward",
        ),
        summary=Text(
            vi="Bệnh viện đa khoa tư nhân 300 giường với các chuyên khoa tim mạch, ung bướu, sản nhi và phục hồi "
            "chức năng, phục vụ người dân và người lao động các khu công nghiệp phía Tây và phía Nam; khuyến "
            "khích liên kết chuyên môn với bệnh viện tuyến trung ương. Đất không đấu giá: nhà đầu tư đề xuất dự "
            "án để được chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư; nếu có từ hai nhà đầu tư "
            "quan tâm trở lên thì tổ chức đấu thầu.",
            en="A 300-bed private general hospital with cardiology, oncology, obstetrics and paediatrics and "
            "rehabilitation, for residents and the workers of the western and southern industrial parks; links "
            "with central hospitals are encouraged. The land is not auctioned: the investor proposes the "
            "project and its policy and the investor are approved together; if two or more investors are "
            "interested, a bidding is held.",
        ),
        planning=Text(
            vi="Đất y tế trong quy hoạch phân khu tỷ lệ 1/2000 của phường; phù hợp mạng lưới cơ sở y tế trong Quy "
            "hoạch tỉnh Hải Dương thời kỳ 2021–2030.",
            en="Health-care land in the ward's 1/2000 zoning plan; consistent with the health-facility network of "
            "the Hai Duong provincial plan 2021–2030.",
        ),
        holder=Text(
            vi="Đất công do UBND phường Thạch Khôi quản lý, đã giải phóng mặt bằng",
            en="Public land managed by the Thach Khoi ward People's Committee, already cleared",
        ),
        incentives=SOCIALISATION,
        published=date(2025, 9, 2),
    ),
    Spec(
        code="KGDT-HD-14",
        listing="hp2025",
        sector="GD",
        commune="HP-TPHD-08",
        zone="",
        point=("20.928400", "106.300600"),
        area_ha="2.8",
        capital_ty=180,
        form="investor_bidding",
        land="cleared",
        steps=("POLICY", "ENTERPRISE", "PERMIT"),
        title=Text(
            vi="Trường phổ thông liên cấp chất lượng cao, phường Tứ Minh",
            en="High-quality all-through school, primary to upper secondary, Tu Minh ward",
            zh="四明坊优质一贯制学校（小学至高中）",
        ),
        summary=Text(
            vi="Trường liên cấp từ tiểu học đến trung học phổ thông cho khoảng 2.000 học sinh, chương trình song "
            "ngữ, có ký túc xá và nhà thi đấu, đáp ứng nhu cầu học tập của con em chuyên gia và người lao động "
            "các khu công nghiệp Đại An, Tân Trường. Đã có hai nhà đầu tư đăng ký quan tâm nên nhà đầu tư được "
            "lựa chọn qua đấu thầu theo pháp luật về xã hội hóa giáo dục.",
            en="An all-through school from primary to upper secondary for about 2,000 pupils, with a bilingual "
            "curriculum, boarding and a sports hall, for the children of experts and workers of the Dai An and "
            "Tan Truong industrial parks. Two investors have registered interest, so the investor is chosen by "
            "bidding under the socialisation rules for education.",
            zh="一贯制学校涵盖小学至高中，可容纳约2000名学生，实行双语教学，设有寄宿楼和体育馆，满足大安、新长工业"
            "区专家和职工子女的就学需求。已有两家投资者登记意向，因此依照教育社会化相关规定通过招标选择投资者。",
        ),
        planning=Text(
            vi="Đất giáo dục trong quy hoạch phân khu tỷ lệ 1/2000; chỉ tiêu sử dụng đất theo quy chuẩn trường học.",
            en="Education land in the 1/2000 zoning plan; land-use standards of the school regulations.",
            zh="属于1/2000分区规划中的教育用地；用地指标符合学校建设规范。",
        ),
        holder=Text(
            vi="Trung tâm Phát triển quỹ đất thành phố quản lý (đất sạch)",
            en="Managed by the city's Land Fund Development Centre (cleared land)",
            zh="由市土地储备开发中心管理（净地）",
        ),
        incentives=SOCIALISATION,
        published=date(2025, 11, 18),
        zh=DRAFT,
    ),
    Spec(
        code="KGDT-HD-15",
        listing="hd2024",
        sector="GD",
        commune="HP-KT-04",
        zone="",
        point=("20.955100", "106.505300"),
        area_ha="1.2",
        capital_ty=65,
        form="investor_proposal",
        land="partly_cleared",
        steps=("POLICY", "ENTERPRISE", "PERMIT"),
        title=Text(vi="Trường mầm non và tiểu học tư thục cho con em công nhân, xã Kim Thành"),
        summary=Text(
            vi="Trường mầm non 400 trẻ và tiểu học 600 học sinh cho con em công nhân các khu công nghiệp Kim "
            "Thành, Phú Thái, có xe đưa đón theo ca làm việc của cha mẹ.",
        ),
        planning=Text(vi="Đang điều chỉnh quy hoạch chung xã để bổ sung đất giáo dục."),
        holder=Text(vi="Đất công ích do UBND xã Kim Thành quản lý và một phần đất của hộ gia đình"),
        incentives=Text(vi=SOCIALISATION.vi),
        state="draft",
        en=MISSING,
    ),
    Spec(
        code="KGDT-HD-16",
        listing="plan",
        sector="DL",
        commune="HP-TPCL-03",
        zone="",
        point=("21.146100", "106.386200"),
        area_ha="68",
        capital_ty=1_450,
        form="investor_proposal",
        land="partly_cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(
            vi="Khu du lịch sinh thái, nghỉ dưỡng và văn hóa tâm linh gắn Khu di tích quốc gia đặc biệt Côn Sơn – "
            "Kiếp Bạc",
            en="Eco-tourism, resort and heritage area by the Con Son – Kiep Bac special national relic site",
            zh="昆山—劫泊特别国家级遗迹区生态旅游、度假及文化旅游区",
        ),
        summary=Text(
            vi="Khu du lịch sinh thái trên vùng đồi rừng thông, ngoài khu vực bảo vệ I của di tích, gồm khu nghỉ "
            "dưỡng, làng nghề trải nghiệm, trung tâm đón khách và đường mòn đi bộ nối Côn Sơn với Kiếp Bạc, gắn "
            "với lễ hội mùa xuân và mùa thu. Dự án nằm trong khu vực bảo vệ II của di tích nên phải được chấp "
            "thuận chủ trương đầu tư và thẩm định thiết kế theo pháp luật về di sản văn hóa.",
            en="An eco-tourism area in the pine-clad hills, outside protection zone I of the relics: a resort, a "
            "crafts village for visitors, a welcome centre and a walking trail linking Con Son and Kiep Bac, "
            "built around the spring and autumn festivals. Being in protection zone II, the project needs "
            "investment policy approval and a design review under the cultural heritage law.",
            zh="生态旅游区位于松林丘陵地带、遗迹一级保护区以外，包括度假区、手工艺体验村、游客接待中心以及连接昆山"
            "与劫泊的徒步步道，并结合春秋两季庙会。项目位于遗迹二级保护区内，须依照文化遗产法律获得投资主张批准"
            "并通过设计审查。",
        ),
        planning=Text(
            vi="Phù hợp Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030 và quy hoạch bảo quản, tu bổ, phục hồi Khu di "
            "tích; quy hoạch chi tiết tỷ lệ 1/500 do nhà đầu tư lập.",
            en="Consistent with the Hai Duong provincial plan 2021–2030 and the relics' conservation and "
            "restoration plan; the investor prepares the 1/500 detailed plan.",
            zh="符合海阳省2021—2030年省级规划及遗迹区保护、修缮、修复规划；由投资者编制1/500详细规划。",
        ),
        holder=Text(
            vi="Rừng sản xuất do Ban Quản lý di tích và các hộ nhận khoán quản lý; một phần đất nông nghiệp của hộ "
            "gia đình",
            en="Production forest managed by the relics' management board and contracted households; some farmland "
            "of households",
            zh="由遗迹管理委员会及承包农户管理的生产林；部分为农户的农业用地",
        ),
        incentives=Text(
            vi="Ưu đãi đầu tư theo ngành, nghề nếu dự án đáp ứng danh mục ưu đãi; thành phố hỗ trợ xúc tiến, quảng "
            "bá du lịch gắn với Khu di tích.",
            en="Sector incentives where the project meets the incentive list; the city's support in promoting "
            "tourism to the relics.",
            zh="项目符合优惠目录的，可享受相应行业投资优惠；海防市为遗迹区旅游推广提供支持。",
        ),
        published=date(2025, 8, 5),
        zh=DRAFT,
    ),
    Spec(
        code="KGDT-HD-17",
        listing="plan",
        sector="NN",
        commune="HP-TH-02",
        zone="",
        point=("20.900300", "106.400100"),
        area_ha="55",
        capital_ty=330,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "ENTERPRISE"),
        title=Text(
            vi="Vùng trồng vải thiều ứng dụng công nghệ cao gắn sơ chế, kho lạnh xuất khẩu, xã Hà Tây",
            en="High-tech lychee growing area with packing and cold storage for export, Ha Tay commune",
            zh="河西社高科技荔枝种植区及出口预处理、冷库项目",
        ),
        summary=Text(
            vi="Cải tạo khoảng 50 ha vườn vải thiều theo tiêu chuẩn GlobalGAP với tưới tiết kiệm, truy xuất nguồn "
            "gốc và mã số vùng trồng, kèm xưởng sơ chế, đóng gói và kho lạnh 3.000 tấn để xuất khẩu sang Nhật "
            "Bản, Mỹ, châu Âu và Trung Quốc. Nhà đầu tư thuê đất hoặc liên kết với hộ trồng vải, Nhà nước không "
            "phải thu hồi đất.",
            en="Upgrades about 50 ha of lychee orchards to GlobalGAP with water-saving irrigation, traceability "
            "and growing-area codes, with a packing house and a 3,000-tonne cold store for export to Japan, the "
            "United States, Europe and China. The investor rents the land from, or partners with, the growers: "
            "the State recovers no land.",
            zh="按照GlobalGAP标准改造约50公顷荔枝园，配套节水灌溉、溯源系统和种植区编码，并建设预处理、包装车间及30"
            "00吨冷库，产品出口日本、美国、欧洲和中国。投资者向果农租地或与其合作经营，国家无需征收土地。",
        ),
        planning=Text(
            vi="Phù hợp vùng sản xuất nông nghiệp ứng dụng công nghệ cao trong Quy hoạch tỉnh Hải Dương thời kỳ "
            "2021–2030; phần xưởng và kho lạnh (khoảng 5 ha) cần chuyển mục đích sử dụng đất.",
            en="Within the high-tech farming area of the Hai Duong provincial plan 2021–2030; the packing house "
            "and cold store (about 5 ha) need a change of land use.",
            zh="位于海阳省2021—2030年省级规划确定的高科技农业生产区内；车间和冷库部分（约5公顷）需办理土地用途变更。",
        ),
        holder=Text(
            vi="Vườn vải của các hộ gia đình xã Hà Tây, cho nhà đầu tư thuê hoặc góp quyền sử dụng đất",
            en="Lychee orchards of households in Ha Tay commune, rented to the investor or contributed as capital",
            zh="河西社农户的荔枝园，可出租给投资者或以土地使用权入股",
        ),
        incentives=FARMING,
        published=date(2025, 7, 30),
        zh=DRAFT,
    ),
    Spec(
        code="KGDT-HD-18",
        listing="hp2025",
        sector="NN",
        commune="HP-TK-01",
        zone="",
        point=("20.818200", "106.408300"),
        area_ha="40",
        capital_ty=260,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "ENTERPRISE"),
        title=Text(
            vi="Khu sản xuất rau, hoa nhà kính công nghệ cao, xã Tứ Kỳ",
            en="High-tech greenhouse vegetables and flowers, Tu Ky commune",
        ),
        summary=Text(
            vi="Khu nhà kính, nhà màng khoảng 40 ha trồng rau an toàn, dưa lưới và hoa bằng công nghệ thủy canh, "
            "tưới nhỏ giọt tự động, cung ứng cho hệ thống siêu thị Hà Nội, Hải Phòng và bếp ăn các khu công "
            "nghiệp.",
            en="About 40 ha of glass and film greenhouses growing safe vegetables, melons and flowers by "
            "hydroponics with automatic drip irrigation, supplying supermarkets in Ha Noi and Hai Phong and the "
            "industrial parks' canteens.",
        ),
        planning=Text(
            vi="Phù hợp vùng nông nghiệp ứng dụng công nghệ cao của Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; "
            "giữ mục đích đất nông nghiệp.",
            en="Within the high-tech farming area of the Hai Duong provincial plan 2021–2030; the land stays "
            "agricultural.",
        ),
        holder=Text(
            vi="Đất trồng lúa kém hiệu quả của hộ gia đình xã Tứ Kỳ, dồn điền và cho thuê",
            en="Low-yield rice land of households in Tu Ky commune, consolidated and rented out",
        ),
        incentives=FARMING,
        published=date(2025, 12, 1),
        state="closed",
        closed=date(2026, 7, 6),
        closed_trade="Nông sản",
        closed_reason="Đã lựa chọn được nhà đầu tư: Chủ tịch UBND thành phố chấp thuận chủ trương đầu tư đồng thời "
        "chấp thuận nhà đầu tư {investor} tại Quyết định 1872/QĐ-UBND ngày 03/07/2026.",
    ),
    Spec(
        code="KGDT-HD-19",
        listing="hp2026",
        sector="NN",
        commune="HP-NG-03",
        zone="",
        point=("20.720200", "106.410400"),
        area_ha="30",
        capital_ty=420,
        form="investor_proposal",
        land="not_cleared",
        steps=("POLICY", "EIA_GROUP_II", "ENTERPRISE"),
        title=Text(vi="Trang trại bò sữa công nghệ cao và nhà máy chế biến sữa, xã Khúc Thừa Dụ"),
        summary=Text(
            vi="Trang trại 2.000 bò sữa chăn nuôi khép kín, xử lý chất thải bằng biogas và phân hữu cơ, cùng nhà "
            "máy chế biến sữa tươi thanh trùng và sữa chua công suất 50 tấn/ngày cho thị trường Hải Phòng, Hà "
            "Nội.",
        ),
        planning=Text(
            vi="Phù hợp vùng chăn nuôi tập trung xa khu dân cư trong Quy hoạch tỉnh Hải Dương thời kỳ 2021–2030; "
            "đang lập quy hoạch chi tiết tỷ lệ 1/500.",
        ),
        holder=Text(vi="Đất bãi bồi và đất trồng lúa một vụ của hộ gia đình xã Khúc Thừa Dụ"),
        incentives=Text(
            vi="Chăn nuôi gia súc tập trung và chế biến sữa là ngành, nghề ưu đãi đầu tư; hỗ trợ theo chính sách "
            "khuyến khích doanh nghiệp đầu tư vào nông nghiệp, nông thôn.",
        ),
        published=date(2026, 6, 15),
        en=MISSING,
    ),
]
