"""Meeting topics, part one (data): public-investment disbursement, enterprises, site clearance, investment
promotion, digital government, administrative reform, the budget."""

from __future__ import annotations

from .vocabulary import OT, PR, D, Job, P, R, Topic

TOPICS = [
    Topic(
        "disbursement",
        14,
        "về tình hình giải ngân vốn đầu tư công năm {year}",
        "về đẩy mạnh giải ngân vốn đầu tư công năm {year}",
        "tỷ lệ giải ngân vốn đầu tư công còn thấp so với kế hoạch; một số chủ đầu tư chưa quyết liệt, còn tâm lý "
        "dồn việc vào cuối năm",
        "SKHDT",
        (
            Job(
                "SKHDT",
                "tổng hợp tình hình giải ngân vốn đầu tư công năm {year} của từng chủ đầu tư; đề xuất điều chuyển vốn "
                "từ các dự án giải ngân chậm sang dự án có khả năng giải ngân nhanh",
                R,
                "báo cáo UBND {level}, kèm phương án điều chuyển vốn",
                (15, 30),
                coop=("STC",),
            ),
            Job(
                "SKHDT",
                "tham mưu dự thảo Quyết định điều chỉnh, bổ sung kế hoạch đầu tư công năm {year}",
                D,
                "dự thảo Quyết định của UBND {level}",
                (20, 45),
                coop=("STC",),
            ),
            Job(
                "BQLDA",
                "tập trung thi công, nghiệm thu khối lượng hoàn thành và làm thủ tục thanh toán ngay khi có khối "
                "lượng; lập kế hoạch giải ngân chi tiết từng tháng",
                R,
                "bảng cam kết tiến độ giải ngân theo tháng",
                (7, 20),
            ),
            Job(
                "COMMUNES",
                "tập trung hoàn thành giải phóng mặt bằng các dự án đầu tư công trên địa bàn, không để vướng mặt bằng "
                "làm chậm giải ngân",
                R,
                "báo cáo kết quả giải phóng mặt bằng",
                (30, 60),
            ),
            Job(
                "STC",
                "thẩm tra, phê duyệt quyết toán các dự án hoàn thành; đôn đốc các chủ đầu tư chậm nộp hồ sơ quyết toán",
                R,
                "báo cáo tình hình quyết toán dự án hoàn thành",
                (30, 90),
                coop_text="Kho bạc Nhà nước",
            ),
            Job(
                "SXD",
                "kịp thời công bố giá vật liệu xây dựng, hướng dẫn điều chỉnh giá hợp đồng khi giá vật liệu biến động",
                OT,
                "văn bản công bố giá vật liệu xây dựng",
                (15, 30),
            ),
            Job(
                "SKHDT",
                "báo cáo {ministry} xem xét điều chỉnh kế hoạch vốn ngân sách trung ương năm {year} của {level}",
                PR,
                "văn bản của UBND {level} gửi {ministry}",
                (10, 20),
                waits_on="BKHDT",
            ),
        ),
    ),
    Topic(
        "enterprises",
        10,
        "gặp mặt, đối thoại, tháo gỡ khó khăn, vướng mắc cho doanh nghiệp {quarter}",
        "về giải quyết kiến nghị của doanh nghiệp tại hội nghị đối thoại {quarter}",
        "nhiều kiến nghị của doanh nghiệp về đất đai, thủ tục đầu tư, xây dựng chậm được giải quyết",
        "SKHDT",
        (
            Job(
                "SKHDT",
                "tổng hợp các kiến nghị của doanh nghiệp tại hội nghị; phân loại, chuyển cơ quan có thẩm quyền trả "
                "lời và theo dõi kết quả giải quyết",
                R,
                "báo cáo tổng hợp kết quả trả lời kiến nghị",
                (15, 30),
            ),
            Job(
                "STNMT",
                "giải quyết dứt điểm hồ sơ giao đất, cho thuê đất, cấp giấy chứng nhận quyền sử dụng đất còn tồn đọng "
                "của các doanh nghiệp",
                R,
                "báo cáo kết quả giải quyết từng hồ sơ",
                (30, 60),
            ),
            Job(
                "SCT",
                "hỗ trợ doanh nghiệp xúc tiến thương mại, tìm kiếm thị trường xuất khẩu; hướng dẫn tận dụng ưu đãi của "
                "các hiệp định thương mại tự do",
                P,
                "kế hoạch hỗ trợ xúc tiến thương mại",
                (30, 60),
            ),
            Job(
                "SXD",
                "rút ngắn thời gian thẩm định thiết kế, cấp giấy phép xây dựng cho doanh nghiệp; công khai quy trình, "
                "thời hạn giải quyết",
                OT,
                "quy trình nội bộ được công khai trên Cổng thông tin điện tử",
                (20, 45),
            ),
            Job(
                "BQLKCN",
                "làm việc với các doanh nghiệp trong khu công nghiệp về vướng mắc trong thủ tục môi trường, phòng cháy "
                "chữa cháy; hướng dẫn hoàn thiện hồ sơ",
                R,
                "báo cáo kết quả làm việc",
                (20, 40),
                coop_text="Công an {level}",
            ),
            Job(
                "STC",
                "hướng dẫn doanh nghiệp thủ tục gia hạn nộp thuế, tiền thuê đất theo chính sách hiện hành",
                R,
                "báo cáo số doanh nghiệp được gia hạn",
                (15, 30),
                coop_text="cơ quan thuế",
            ),
            Job(
                "SLDTBXH",
                "hỗ trợ doanh nghiệp tuyển dụng lao động, kết nối cung - cầu lao động qua sàn giao dịch việc làm",
                R,
                "báo cáo kết quả kết nối lao động",
                (30, 60),
            ),
        ),
    ),
    Topic(
        "clearance",
        12,
        "về tiến độ giải phóng mặt bằng dự án {project}",
        "về đẩy nhanh tiến độ giải phóng mặt bằng dự án {project}",
        "công tác giải phóng mặt bằng còn chậm, một số hộ chưa đồng thuận với phương án bồi thường, hỗ trợ",
        "BQLDA",
        (
            Job(
                "COMMUNE",
                "hoàn thành kiểm đếm, lập và niêm yết công khai phương án bồi thường, hỗ trợ, tái định cư dự án "
                "{project}",
                OT,
                "phương án bồi thường, hỗ trợ, tái định cư được phê duyệt",
                (20, 45),
                coop=("STNMT",),
            ),
            Job(
                "COMMUNE",
                "tổ chức đối thoại, vận động các hộ chưa đồng thuận nhận tiền bồi thường, bàn giao mặt bằng dự án "
                "{project}; trường hợp cố tình không chấp hành thì lập hồ sơ cưỡng chế thu hồi đất theo quy định",
                R,
                "báo cáo kết quả bàn giao mặt bằng",
                (30, 60),
            ),
            Job(
                "STNMT",
                "hướng dẫn, thẩm định giá đất cụ thể làm căn cứ tính tiền bồi thường dự án {project}",
                D,
                "dự thảo Quyết định phê duyệt giá đất cụ thể",
                (15, 30),
            ),
            Job(
                "STC",
                "bố trí đủ kinh phí bồi thường, giải phóng mặt bằng dự án {project}",
                OT,
                "kinh phí được cấp cho chủ đầu tư",
                (10, 20),
                coop=("SKHDT",),
            ),
            Job(
                "BQLDA",
                "cắm mốc giới, nhận bàn giao mặt bằng dự án {project} theo từng phần đã giải phóng để tổ chức thi công",
                R,
                "báo cáo tiến độ nhận mặt bằng",
                (15, 30),
            ),
            Job(
                "SXD",
                "hướng dẫn điều chỉnh cục bộ thiết kế, ranh giới thu hồi đất dự án {project} để hạn chế ảnh hưởng đến "
                "nhà ở của người dân",
                OT,
                "văn bản hướng dẫn",
                (20, 40),
            ),
            Job(
                "TTRA",
                "phối hợp giải quyết dứt điểm đơn thư khiếu nại liên quan đến bồi thường, hỗ trợ dự án {project}",
                R,
                "báo cáo kết quả giải quyết đơn thư",
                (30, 60),
            ),
        ),
        project="public",
    ),
    Topic(
        "promotion",
        6,
        "về công tác xúc tiến đầu tư năm {year}",
        "về chuẩn bị làm việc với đoàn nhà đầu tư {country}",
        "công tác xúc tiến đầu tư chưa có trọng tâm, quỹ đất sạch để giới thiệu cho nhà đầu tư còn ít",
        "SKHDT",
        (
            Job(
                "SKHDT",
                "xây dựng Chương trình xúc tiến đầu tư năm {next_year}, tập trung vào thị trường Nhật Bản, Hàn Quốc, "
                "Đài Loan (Trung Quốc)",
                P,
                "dự thảo Chương trình xúc tiến đầu tư trình UBND {level}",
                (30, 60),
            ),
            Job(
                "BQLKCN",
                "cập nhật danh mục quỹ đất sạch trong các khu công nghiệp, chuẩn bị hồ sơ giới thiệu địa điểm cho nhà "
                "đầu tư",
                R,
                "danh mục quỹ đất sạch",
                (15, 30),
            ),
            Job(
                "SKHDT",
                "chuẩn bị nội dung, tài liệu làm việc với đoàn nhà đầu tư {country}; đề xuất địa điểm phù hợp",
                R,
                "tài liệu phục vụ buổi làm việc",
                (7, 15),
                coop=("BQLKCN",),
            ),
            Job(
                "SVHTTDL",
                "xây dựng ấn phẩm quảng bá tiềm năng du lịch, văn hóa phục vụ hội nghị xúc tiến đầu tư",
                OT,
                "ấn phẩm quảng bá",
                (30, 45),
            ),
            Job(
                "STTTT",
                "cập nhật thông tin xúc tiến đầu tư bằng tiếng Anh, tiếng Nhật, tiếng Hàn trên Cổng thông tin điện tử",
                OT,
                "chuyên trang xúc tiến đầu tư",
                (15, 30),
            ),
            Job(
                "SCT",
                "rà soát, đề xuất danh mục dự án kêu gọi đầu tư hạ tầng cụm công nghiệp",
                PR,
                "danh mục dự án trình UBND {level}",
                (30, 60),
            ),
        ),
        plan="xúc tiến đầu tư năm {next_year}",
    ),
    Topic(
        "digital",
        7,
        "về tiến độ chuyển đổi số, xây dựng chính quyền số",
        "về đẩy mạnh chuyển đổi số trong các cơ quan nhà nước năm {year}",
        "tỷ lệ hồ sơ trực tuyến toàn trình và tỷ lệ số hóa kết quả giải quyết thủ tục hành chính còn thấp",
        "STTTT",
        (
            Job(
                "STTTT",
                "xây dựng Kế hoạch chuyển đổi số năm {next_year} của {level}",
                P,
                "dự thảo Kế hoạch trình UBND {level}",
                (30, 60),
            ),
            Job(
                "STTTT",
                "nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính, kết nối, đồng bộ với Cổng Dịch vụ công "
                "quốc gia",
                OT,
                "hệ thống được nâng cấp, kết nối",
                (60, 120),
            ),
            Job(
                "VPUB",
                "đôn đốc các cơ quan số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; công khai tỷ lệ số hóa của "
                "từng cơ quan hằng tháng",
                R,
                standing=True,
            ),
            Job(
                "DEPTS",
                "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; bảo đảm tỷ lệ hồ sơ trực tuyến toàn trình theo "
                "chỉ tiêu được giao",
                R,
                "báo cáo kết quả số hóa",
                (60, 90),
            ),
            Job(
                "COMMUNES",
                "bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến tại bộ phận một cửa",
                OT,
                standing=True,
            ),
            Job(
                "SNV",
                "đánh giá, xếp hạng mức độ chuyển đổi số của các cơ quan, đơn vị năm {year}",
                R,
                "báo cáo kết quả xếp hạng",
                (45, 90),
            ),
            Job(
                "STC",
                "bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số năm {next_year}",
                OT,
                "dự toán kinh phí được giao",
                (30, 60),
            ),
        ),
        plan="chuyển đổi số năm {year}",
    ),
    Topic(
        "reform",
        7,
        "về công tác cải cách hành chính và kết quả các chỉ số PAR INDEX, SIPAS, PAPI năm {prev_year}",
        "về siết chặt kỷ luật, kỷ cương hành chính, nâng cao chất lượng giải quyết thủ tục hành chính",
        "một số chỉ số thành phần về cải cách hành chính giảm điểm; vẫn còn hồ sơ giải quyết quá hạn",
        "SNV",
        (
            Job(
                "SNV",
                "tham mưu Kế hoạch cải thiện Chỉ số cải cách hành chính (PAR INDEX) năm {year}; phân công cơ quan phụ "
                "trách từng chỉ số thành phần",
                P,
                "dự thảo Kế hoạch trình UBND {level}",
                (20, 45),
            ),
            Job(
                "SNV",
                "tổ chức kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị",
                R,
                "báo cáo kết quả kiểm tra",
                (30, 90),
            ),
            Job(
                "VPUB",
                "rà soát, trình công bố danh mục thủ tục hành chính được sửa đổi, bổ sung; đề xuất cắt giảm thời gian "
                "giải quyết",
                D,
                "dự thảo Quyết định công bố danh mục thủ tục hành chính",
                (20, 45),
            ),
            Job(
                "STP",
                "rà soát các văn bản quy phạm pháp luật của {level} không còn phù hợp; đề xuất sửa đổi, bãi bỏ",
                R,
                "báo cáo kết quả rà soát",
                (30, 60),
            ),
            Job(
                "COMMUNES",
                "niêm yết công khai thủ tục hành chính; xin lỗi người dân đối với hồ sơ giải quyết quá hạn",
                OT,
                standing=True,
            ),
            Job(
                "TTRA",
                "thanh tra trách nhiệm thực hiện cải cách hành chính tại một số cơ quan có chỉ số thấp",
                R,
                "kết luận thanh tra",
                (60, 120),
            ),
        ),
        plan="cải cách hành chính năm {year}",
    ),
    Topic(
        "budget",
        7,
        "về tình hình thu, chi ngân sách nhà nước {quarter} và giải pháp tăng thu",
        "về tăng cường các biện pháp thu ngân sách nhà nước năm {year}",
        "thu ngân sách, nhất là thu tiền sử dụng đất, đạt thấp so với dự toán",
        "STC",
        (
            Job(
                "STC",
                "đánh giá tình hình thu, chi ngân sách {quarter}; đề xuất giải pháp điều hành ngân sách những tháng "
                "cuối năm",
                R,
                "báo cáo UBND {level}",
                (15, 30),
            ),
            Job(
                "STC",
                "tham mưu dự thảo Quyết định giao dự toán thu, chi ngân sách nhà nước năm {next_year}",
                D,
                "dự thảo Quyết định của UBND {level}",
                (30, 60),
                coop=("SKHDT",),
            ),
            Job(
                "STNMT",
                "đẩy nhanh tiến độ đấu giá quyền sử dụng đất các khu dân cư, khu đô thị đã đủ điều kiện để tăng thu "
                "tiền sử dụng đất",
                R,
                "báo cáo kết quả đấu giá",
                (30, 90),
                coop=("STC",),
            ),
            Job(
                "COMMUNES",
                "tổ chức đấu giá quyền sử dụng đất theo kế hoạch; đôn đốc thu nợ tiền sử dụng đất, tiền thuê đất",
                R,
                "báo cáo kết quả thu",
                (45, 90),
            ),
            Job(
                "STC",
                "phối hợp với cơ quan thuế đôn đốc, cưỡng chế thu hồi nợ thuế; công khai doanh nghiệp nợ thuế kéo dài",
                R,
                "báo cáo kết quả thu hồi nợ",
                (30, 60),
                coop_text="cơ quan thuế",
            ),
            Job(
                "SXD",
                "rà soát nghĩa vụ tài chính của các dự án khu đô thị, khu dân cư chưa hoàn thành",
                R,
                "báo cáo kết quả rà soát",
                (30, 45),
                coop=("STNMT",),
            ),
        ),
    ),
]
