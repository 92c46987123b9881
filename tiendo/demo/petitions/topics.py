"""What the demo's enterprises ask: the difficulties industrial-zone investors in Hải Dương (from 01/07/2025 Hải
Phòng) raise at the petition desk and at dialogue conferences, each with the agency that answers it, the answer's
legal basis and, for foreign-invested enterprises, the English and Chinese translations a translator gave.

The subjects are the real ones of the province's dialogue conferences (land and site clearance, power to a
factory, wastewater connection, construction permits, fire-safety design approval, VAT refunds, work permits for
foreign experts, adjusting an investment certificate); the texts, numbers and documents are invented."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    key: str
    topic: str  # tiendo.domain.petitions.states.Topic value
    agency: str  # the Hải Dương agency that answered it before the 2025 reorganisation (its successor after)
    in_zone_agency: str  # the agency when the project is in an industrial zone ("" = the same)
    kind: str  # Decree 20's kind the desk gives it
    title: str
    text: str
    answer: str
    legal_basis: str
    document: str  # the answering document's number pattern, {n} a serial
    title_en: str = ""
    text_en: str = ""
    text_zh: str = ""
    answer_en: str = ""
    answer_zh: str = ""


ZONE_BOARD = "HD-BQLKCN"

SUBJECTS: tuple[Subject, ...] = (
    Subject(
        key="land_lease",
        topic="land",
        agency="HD-STNMT",
        in_zone_agency="",
        kind="within_competence",
        title="Chậm ký hợp đồng thuê đất và cấp giấy chứng nhận quyền sử dụng đất tại {zone}",
        text=(
            "{enterprise} đã nộp đủ hồ sơ thuê đất cho dự án {project} tại {zone} từ hơn hai tháng nhưng chưa được "
            "ký hợp đồng thuê đất và cấp giấy chứng nhận quyền sử dụng đất, làm chậm việc thế chấp vay vốn xây "
            "dựng nhà xưởng. Đề nghị cơ quan có thẩm quyền giải quyết dứt điểm."
        ),
        answer=(
            "Hồ sơ đã được thẩm định; hợp đồng thuê đất được ký và giấy chứng nhận quyền sử dụng đất được trả qua "
            "Trung tâm Phục vụ hành chính công. Doanh nghiệp liên hệ bộ phận một cửa để nhận kết quả."
        ),
        legal_basis="Luật Đất đai 2024, Điều 120 và Điều 136; Nghị định 102/2024/NĐ-CP",
        document="{n}/STNMT-QLĐĐ",
        text_en=(
            "{enterprise} filed a complete land-lease application for {project} in {zone} more than two months ago "
            "but has neither a lease contract nor a land-use certificate, which delays the factory loan. We ask "
            "the competent agency to settle it."
        ),
        text_zh="{enterprise}两个多月前已为{zone}的{project}提交完整的土地租赁材料，但至今未签订租地合同、未颁发土地使用权证，影响厂房建设贷款。请主管部门尽快解决。",
        answer_en=(
            "The file has been appraised; the lease contract is signed and the certificate"
            " can be collected at the public administration service centre."
        ),
        answer_zh="材料已审核完毕，租地合同已签订，土地使用权证可在公共行政服务中心领取。",
    ),
    Subject(
        key="site_clearance",
        topic="site_clearance",
        agency="HD-STNMT",
        in_zone_agency="",
        kind="official_conduct",
        title="Vướng mặc bằng phần diện tích còn lại của dự án tại {zone}",
        text=(
            "Còn khoảng 1,2 ha trong ranh giới dự án {project} chưa được bồi thường, giải phóng mặt bằng do một số "
            "hộ chưa nhận tiền, nên {enterprise} chưa thể san lấp và thi công đồng bộ. Đề nghị địa phương đẩy "
            "nhanh công tác giải phóng mặt bằng và bàn giao đất."
        ),
        answer=(
            "Ủy ban nhân dân cấp xã đã tổ chức đối thoại với các hộ còn lại, phê duyệt phương án bồi thường bổ sung "
            "và bàn giao phần mặt bằng cho doanh nghiệp theo biên bản bàn giao."
        ),
        legal_basis="Luật Đất đai 2024, Điều 87 và Điều 91; Nghị định 88/2024/NĐ-CP",
        document="{n}/STNMT-GPMB",
        text_en=(
            "About 1.2 ha inside {project} has not been compensated and cleared because some households have not "
            "accepted the payment, so {enterprise} cannot level and build. We ask the locality to speed it up."
        ),
        text_zh="{project}范围内约1.2公顷土地因部分农户未领取补偿款尚未完成征地清场，{enterprise}无法平整场地施工。请地方加快征地清场。",
    ),
    Subject(
        key="power_supply",
        topic="power_water",
        agency="HD-SCT",
        in_zone_agency="",
        kind="within_competence",
        title="Đề nghị bảo đảm cấp điện 22 kV cho nhà máy tại {zone}",
        text=(
            "Nhà máy của {enterprise} tại {zone} thường xuyên bị mất điện, sụt áp trong giờ cao điểm mùa hè, gây "
            "hỏng sản phẩm trên dây chuyền. Đề nghị ngành điện bố trí thêm xuất tuyến 22 kV và thông báo lịch cắt "
            "điện trước ít nhất 5 ngày."
        ),
        answer=(
            "Sở Công Thương đã làm việc với Công ty Điện lực: xuất tuyến 22 kV mới được đóng điện, lịch cắt điện "
            "được gửi cho doanh nghiệp trong khu công nghiệp trước 5 ngày qua thư điện tử."
        ),
        legal_basis="Luật Điện lực 2024, Điều 44; Thông tư 25/2016/TT-BCT",
        document="{n}/SCT-QLNL",
        text_en=(
            "The factory of {enterprise} in {zone} often loses power or voltage at summer peak hours, which damages "
            "products on the line. We ask for an extra 22 kV feeder and outage notices at least 5 days ahead."
        ),
        text_zh="{enterprise}位于{zone}的工厂在夏季用电高峰经常停电、电压下降，造成产品损坏。请电力部门增设22千伏线路，并至少提前5天通知停电计划。",
        answer_en=(
            "A new 22 kV feeder has been energised; outage schedules are e-mailed to zone enterprises 5 days ahead."
        ),
        answer_zh="新的22千伏线路已通电，停电计划将提前5天通过电子邮件通知园区企业。",
    ),
    Subject(
        key="wastewater",
        topic="environment",
        agency="HD-STNMT",
        in_zone_agency=ZONE_BOARD,
        kind="within_competence",
        title="Đấu nối nước thải của nhà máy vào trạm xử lý tập trung của {zone}",
        text=(
            "{enterprise} đề nghị được hướng dẫn thủ tục đấu nối nước thải sau xử lý sơ bộ vào hệ thống xử lý "
            "nước thải tập trung của {zone} và xác nhận giới hạn tiếp nhận, vì chủ đầu tư hạ tầng yêu cầu thêm "
            "thông số không có trong giấy phép môi trường."
        ),
        answer=(
            "Giới hạn tiếp nhận nước thải theo giấy phép môi trường của khu công nghiệp; chủ đầu tư hạ tầng không "
            "được yêu cầu thêm thông số ngoài giấy phép. Ban Quản lý đã có văn bản đề nghị chủ đầu tư hạ tầng ký "
            "thỏa thuận đấu nối."
        ),
        legal_basis="Luật Bảo vệ môi trường 2020, Điều 51; Nghị định 08/2022/NĐ-CP",
        document="{n}/BQL-MT",
        text_en=(
            "{enterprise} asks for guidance on connecting its pre-treated wastewater to the central treatment plant "
            "of {zone}, as the zone developer asks for parameters that are not in the environmental permit."
        ),
        text_zh="{enterprise}请求指导将预处理后的废水接入{zone}集中污水处理站的手续，因为园区开发商要求环境许可证以外的指标。",
        answer_en=(
            "The zone's environmental permit sets the intake limits; the developer may"
            " not add parameters. The board asked it to sign the connection agreement."
        ),
        answer_zh="接纳限值以园区环境许可证为准，开发商不得另加指标。管委会已要求开发商签署接驳协议。",
    ),
    Subject(
        key="construction_permit",
        topic="construction_permit",
        agency="HD-SXD",
        in_zone_agency=ZONE_BOARD,
        kind="official_conduct",
        title="Chậm cấp giấy phép xây dựng nhà xưởng giai đoạn 2 tại {zone}",
        text=(
            "Hồ sơ đề nghị cấp giấy phép xây dựng nhà xưởng giai đoạn 2 của dự án {project} đã nộp đủ nhưng quá "
            "thời hạn 20 ngày vẫn chưa có kết quả, cũng không có văn bản yêu cầu bổ sung. Đề nghị xem xét, cấp "
            "phép để {enterprise} kịp lắp đặt máy móc."
        ),
        answer=(
            "Giấy phép xây dựng đã được cấp. Việc chậm trả kết quả do hồ sơ chuyển nhầm bộ phận; đơn vị đã rút "
            "kinh nghiệm và xin lỗi doanh nghiệp."
        ),
        legal_basis="Luật Xây dựng 2014 (sửa đổi 2020), Điều 102; Nghị định 175/2024/NĐ-CP",
        document="{n}/SXD-QLXD",
        text_en=(
            "The complete application for the phase-2 factory's construction permit of {project} is past its "
            "20-day limit with neither a result nor a request for more documents. Please issue it so that "
            "{enterprise} can install its machines on time."
        ),
        text_zh="{project}二期厂房建设许可申请材料齐全，已超过20天期限仍无结果，也未要求补充材料。请尽快发证，以便{enterprise}按期安装设备。",
        answer_en=(
            "The permit has been issued. The delay came from the file being routed to the wrong office; we apologise."
        ),
        answer_zh="建设许可证已颁发。延误原因是材料转错部门，我们已吸取教训并向企业致歉。",
    ),
    Subject(
        key="fire_safety",
        topic="construction_permit",
        agency="HD-CA",
        in_zone_agency="",
        kind="outside_competence",
        title="Thẩm duyệt thiết kế phòng cháy, chữa cháy nhà kho mở rộng tại {zone}",
        text=(
            "{enterprise} nộp hồ sơ thẩm duyệt thiết kế phòng cháy, chữa cháy cho nhà kho mở rộng của dự án "
            "{project} nhưng được trả lời hạng mục không thuộc diện thẩm duyệt, trong khi ngân hàng yêu cầu văn bản "
            "chấp thuận. Đề nghị hướng dẫn cụ thể."
        ),
        answer=(
            "Nhà kho có khối tích dưới ngưỡng phải thẩm duyệt; cơ quan Cảnh sát phòng cháy, chữa cháy cấp văn bản "
            "xác nhận không thuộc diện thẩm duyệt để doanh nghiệp nộp ngân hàng."
        ),
        legal_basis="Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024; Nghị định 105/2025/NĐ-CP, Phụ lục V",
        document="{n}/PC07-PCCC",
        text_en=(
            "{enterprise} applied for fire-safety design approval of the extended warehouse of {project} and was "
            "told it needs none, but the bank asks for a written approval. We ask for guidance."
        ),
        text_zh="{enterprise}为{project}扩建仓库申请消防设计审核，被告知不属于审核范围，但银行要求书面批准文件。请给予具体指导。",
    ),
    Subject(
        key="vat_refund",
        topic="tax",
        agency="HD-CT",
        in_zone_agency="",
        kind="outside_competence",
        title="Chậm hoàn thuế giá trị gia tăng hàng xuất khẩu",
        text=(
            "{enterprise} nộp hồ sơ hoàn thuế giá trị gia tăng đối với hàng hóa xuất khẩu quý trước, thuộc diện "
            "hoàn trước kiểm tra sau, nhưng sau 6 ngày làm việc vẫn chưa có quyết định hoàn thuế. Việc chậm hoàn "
            "ảnh hưởng dòng tiền trả lương công nhân."
        ),
        answer=(
            "Cơ quan thuế đã ban hành quyết định hoàn thuế; số tiền được chuyển qua Kho bạc Nhà nước. Hồ sơ chậm do "
            "phải xác minh hóa đơn của một nhà cung cấp có rủi ro."
        ),
        legal_basis="Luật Quản lý thuế 2019, Điều 75; Thông tư 80/2021/TT-BTC",
        document="{n}/TB-THP",
        text_en=(
            "{enterprise} applied for the VAT refund on last quarter's exports (refund first, audit later) but has "
            "no refund decision after 6 working days, which strains the payroll."
        ),
        text_zh="{enterprise}已就上季度出口货物申请增值税退税（先退后审），6个工作日后仍未收到退税决定，影响工人工资发放。",
        answer_en=(
            "The tax office has issued the refund decision; the delay came from verifying one supplier's invoices."
        ),
        answer_zh="税务机关已作出退税决定，延误原因是需核查一家风险供应商的发票。",
    ),
    Subject(
        key="work_permit",
        topic="labour",
        agency="HD-SLDTBXH",
        in_zone_agency=ZONE_BOARD,
        kind="within_competence",
        title="Cấp giấy phép lao động cho chuyên gia nước ngoài sang lắp đặt dây chuyền",
        text=(
            "{enterprise} cần đưa 6 chuyên gia sang lắp đặt, chạy thử dây chuyền của dự án {project} trong 3 "
            "tháng. Đề nghị hướng dẫn trường hợp nào được miễn giấy phép lao động và rút ngắn thời gian giải quyết "
            "hồ sơ cấp giấy phép."
        ),
        answer=(
            "Chuyên gia vào Việt Nam dưới 3 tháng để xử lý sự cố kỹ thuật, lắp đặt dây chuyền thuộc diện không "
            "phải cấp giấy phép lao động, chỉ cần văn bản xác nhận; hồ sơ xác nhận được giải quyết trong 3 ngày làm "
            "việc."
        ),
        legal_basis="Bộ luật Lao động 2019, Điều 154; Nghị định 152/2020/NĐ-CP sửa đổi bởi Nghị định 70/2023/NĐ-CP",
        document="{n}/SLĐTBXH-VL",
        text_en=(
            "{enterprise} needs 6 foreign experts for 3 months to install and commission the line of {project}. "
            "Please tell us which cases are exempt from work permits and shorten the processing time."
        ),
        text_zh="{enterprise}需引进6名外国专家，在3个月内为{project}安装调试生产线。请说明哪些情况可免办工作许可，并缩短办理时间。",
        answer_en=(
            "Experts staying under 3 months to install a line need no work"
            " permit, only a confirmation, issued within 3 working days."
        ),
        answer_zh="专家入境不满3个月从事生产线安装的，无需工作许可，只需确认函，3个工作日内办结。",
    ),
    Subject(
        key="certificate_adjustment",
        topic="investment_procedure",
        agency="HD-SKHDT",
        in_zone_agency=ZONE_BOARD,
        kind="within_competence",
        title="Điều chỉnh giấy chứng nhận đăng ký đầu tư: tăng vốn và bổ sung mục tiêu",
        text=(
            "{enterprise} đề nghị điều chỉnh giấy chứng nhận đăng ký đầu tư của dự án {project}: tăng vốn đầu tư, "
            "bổ sung mục tiêu sản xuất linh kiện và giãn tiến độ góp vốn. Hồ sơ đã nộp nhưng được yêu cầu bổ sung "
            "nhiều lần với nội dung khác nhau."
        ),
        answer=(
            "Giấy chứng nhận đăng ký đầu tư điều chỉnh đã được cấp. Từ nay mọi yêu cầu bổ sung hồ sơ được gửi một "
            "lần, bằng văn bản, nêu đủ các nội dung cần bổ sung."
        ),
        legal_basis="Luật Đầu tư 2020, Điều 41; Nghị định 31/2021/NĐ-CP, Điều 47",
        document="{n}/BQL-ĐT",
        text_en=(
            "{enterprise} asks to amend the investment registration certificate of {project}: more capital, a new "
            "component-making objective and a later capital schedule. We were asked several times for different "
            "additional documents."
        ),
        text_zh="{enterprise}申请调整{project}的投资登记证：增加投资额、增加零部件生产目标并延长出资进度。已提交材料但多次被要求补充不同内容。",
        answer_en=(
            "The amended certificate has been issued. Any request for more"
            " documents will now come once, in writing, listing everything."
        ),
        answer_zh="调整后的投资登记证已颁发。今后补充材料要求将一次性书面告知全部内容。",
    ),
    Subject(
        key="access_road",
        topic="infrastructure",
        agency="HD-SGTVT",
        in_zone_agency="",
        kind="outside_competence",
        title="Đường gom vào {zone} xuống cấp, xe container đi lại khó khăn",
        text=(
            "Tuyến đường gom dẫn vào {zone} bị lún, ngập khi mưa lớn, xe container của {enterprise} và các doanh "
            "nghiệp khác phải đi vòng xa. Đề nghị sớm sửa chữa, nâng cấp tuyến đường."
        ),
        answer=(
            "Tuyến đường đã được đưa vào kế hoạch duy tu năm nay; trước mắt đơn vị quản lý đường đã vá các đoạn lún "
            "và khơi thông cống thoát nước."
        ),
        legal_basis="Luật Đường bộ 2024, Điều 39; Nghị định 165/2024/NĐ-CP",
        document="{n}/SXD-KCHT",
    ),
    Subject(
        key="customs_clearance",
        topic="customs",
        agency="HD-HQ",
        in_zone_agency="",
        kind="outside_competence",
        title="Thủ tục hải quan đối với nguyên liệu nhập khẩu để gia công",
        text=(
            "{enterprise} đề nghị hướng dẫn việc kiểm tra cơ sở gia công, sản xuất xuất khẩu và thời hạn thông báo "
            "định mức, vì lô nguyên liệu nhập khẩu bị giữ lại cảng chờ kiểm tra."
        ),
        answer=(
            "Cơ quan hải quan đã kiểm tra cơ sở sản xuất và thông quan lô hàng; doanh nghiệp thông báo định mức "
            "trước khi xuất khẩu sản phẩm theo hướng dẫn kèm theo."
        ),
        legal_basis="Luật Hải quan 2014, Điều 59; Thông tư 38/2015/TT-BTC sửa đổi bởi Thông tư 39/2018/TT-BTC",
        document="{n}/HQHP-GSQL",
        text_en=(
            "{enterprise} asks about the inspection of its processing facility and the deadline for declaring "
            "norms, as a shipment of imported materials is held at the port."
        ),
        text_zh="{enterprise}请求指导加工生产设施检查和定额申报期限，因为一批进口原料被扣在港口等待检查。",
    ),
)

# Sentences the desk writes when a petition is a complaint or not accepted, telling where to go instead
COMPLAINT_TEXTS = (
    (
        "Khiếu nại quyết định xử phạt vi phạm hành chính về môi trường",
        "{enterprise} khiếu nại quyết định xử phạt vi phạm hành chính về bảo vệ môi trường đối với nhà máy tại "
        "{zone}, cho rằng kết quả quan trắc không đúng thực tế, đề nghị hủy quyết định.",
        "Nội dung là khiếu nại quyết định hành chính, không thuộc phạm vi phản ánh, kiến nghị theo Nghị định "
        "20/2008/NĐ-CP. Doanh nghiệp gửi đơn khiếu nại đến người đã ban hành quyết định xử phạt theo Luật Khiếu "
        "nại 2011 (thời hiệu 90 ngày).",
    ),
    (
        "Tố cáo cán bộ gây nhũng nhiễu khi kiểm tra phòng cháy",
        "{enterprise} tố cáo một cán bộ đoàn kiểm tra có hành vi gây khó khăn, gợi ý doanh nghiệp thuê đơn vị tư "
        "vấn quen biết khi kiểm tra phòng cháy, chữa cháy tại {zone}.",
        "Nội dung là tố cáo hành vi của cán bộ, được giải quyết theo Luật Tố cáo 2018: doanh nghiệp gửi đơn tố cáo "
        "đến thủ trưởng cơ quan quản lý trực tiếp người bị tố cáo hoặc Thanh tra thành phố.",
    ),
)
NOT_ACCEPTED_TEXTS = (
    (
        "Đề nghị hỗ trợ tìm đối tác phân phối sản phẩm",
        "{enterprise} đề nghị cơ quan nhà nước giới thiệu đối tác phân phối sản phẩm tại thị trường nội địa.",
        "Nội dung không phải phản ánh, kiến nghị về quy định hành chính. Doanh nghiệp liên hệ Trung tâm Xúc tiến "
        "đầu tư, thương mại và du lịch thành phố để được hỗ trợ kết nối.",
    ),
)
