"""Tasks proposed from meeting conclusions: who, what, by when."""

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.domain.extraction import (
    Extraction,
    KnownBody,
    body_key,
    expand_abbreviations,
    extract,
    match_known,
    to_json,
)
from tiendo.domain.text import normalize

UBND_NOTICE = """ỦY BAN NHÂN DÂN
TỈNH HẢI DƯƠNG
Số: 45/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hải Dương, ngày 05 tháng 3 năm 2024

THÔNG BÁO
Kết luận của đồng chí Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2024

Ngày 01/3/2024, đồng chí Triệu Thế Hùng, Chủ tịch UBND tỉnh chủ trì cuộc họp nghe báo cáo tình hình giải ngân vốn \
đầu tư công. Tham dự cuộc họp có lãnh đạo các sở: Kế hoạch và Đầu tư, Tài chính, Xây dựng; lãnh đạo UBND các huyện, \
thị xã, thành phố.

Sau khi nghe báo cáo của Sở Kế hoạch và Đầu tư và ý kiến của các đại biểu, Chủ tịch UBND tỉnh kết luận như sau:

1. Đánh giá cao sự nỗ lực của các sở, ngành, địa phương trong thời gian qua. Tuy nhiên, tỷ lệ giải ngân còn thấp.

2. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan rà soát, tham mưu điều \
chuyển kế hoạch vốn của các dự án chậm giải ngân, báo cáo UBND tỉnh trước ngày 15/3/2024.

3. Sở Tài chính:
- Chủ trì thẩm định quyết toán các dự án hoàn thành, hoàn thành trong tháng 4/2024.
- Hướng dẫn các chủ đầu tư thực hiện thủ tục thanh toán vốn.

4. UBND các huyện, thị xã, thành phố:
a) Tập trung chỉ đạo công tác giải phóng mặt bằng, hoàn thành trong Quý II/2024.
b) Định kỳ hằng tháng báo cáo tiến độ giải ngân về Sở Kế hoạch và Đầu tư.

5. Sở Xây dựng, Sở Giao thông vận tải khẩn trương thẩm định thiết kế các công trình, hoàn thành trước 30/4.

6. Các sở, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao tổ chức triển khai thực hiện.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Chủ tịch, các PCT UBND tỉnh;
- Các sở: KH&ĐT, TC, XD;
- Lưu: VT.
"""

PARTY_CONCLUSION = """KẾT LUẬN
của Ban Thường vụ Tỉnh ủy về tình hình thực hiện nhiệm vụ năm 2024

Tại phiên họp ngày 15/01/2025, sau khi nghe Ban cán sự đảng UBND tỉnh báo cáo, Ban Thường vụ Tỉnh ủy kết luận như sau:

I. ĐÁNH GIÁ CHUNG
Năm 2024, trong bối cảnh còn nhiều khó khăn, các cấp ủy, chính quyền đã nỗ lực đạt được nhiều kết quả quan trọng. \
Sở Kế hoạch và Đầu tư đã tham mưu kịp thời.

II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM
1. Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh hoàn thiện Đề án sắp xếp đơn vị hành chính cấp xã, trình \
Ban Thường vụ Tỉnh ủy trước ngày 20/02/2025.
2. Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh tổ chức kỳ họp chuyên đề trong Quý I năm 2025.
3. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy, Sở Nội vụ tham mưu phương án sắp xếp tổ chức \
bộ máy; hoàn thành trong tháng 3.
4. Các huyện ủy, thị ủy, thành ủy chỉ đạo rà soát, sắp xếp đội ngũ cán bộ; báo cáo kết quả về Ban Thường vụ Tỉnh ủy \
(qua Ban Tổ chức Tỉnh ủy) chậm nhất ngày 31/3/2025.
5. Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Kết luận này.
"""

SITE_VISIT = """Thông báo ý kiến kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại buổi kiểm tra Dự án đường trục

Chiều ngày 12/6/2023, đồng chí Lưu Văn Bản, Phó Chủ tịch Thường trực UBND tỉnh đã đi kiểm tra thực địa tiến độ \
Dự án. Sau khi nghe Ban Quản lý dự án đầu tư xây dựng tỉnh báo cáo, đồng chí Phó Chủ tịch kết luận như sau:

Ghi nhận sự cố gắng của chủ đầu tư và các nhà thầu. Để bảo đảm tiến độ, yêu cầu các đơn vị thực hiện tốt một số nội \
dung sau:
- Ban Quản lý dự án đầu tư xây dựng tỉnh chỉ đạo nhà thầu tăng cường nhân lực, máy móc, thi công "3 ca, 4 kíp", \
hoàn thành phần đường trước ngày 30/9/2023.
- UBND huyện Gia Lộc, UBND huyện Thanh Miện khẩn trương hoàn thành công tác giải phóng mặt bằng phần diện tích còn \
lại, bàn giao cho chủ đầu tư trong tháng 7/2023.
- Giao Sở Tài nguyên và Môi trường hướng dẫn UBND các huyện thủ tục thu hồi đất; đồng thời kiểm tra, xử lý các trường \
hợp khai thác đất trái phép.
- Sở TN&MT phối hợp với UBND huyện Gia Lộc xác định nguồn gốc đất trong 10 ngày.
- Công an tỉnh có trách nhiệm bảo đảm an ninh trật tự tại khu vực thi công.
- Đề nghị Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội tuyên truyền, vận động nhân dân ủng hộ dự án.
"""

NEWS_REPORT = """Chiều 3/10, Phó Chủ tịch UBND tỉnh Nguyễn Minh Hùng làm việc với Sở Y tế về công tác phòng, chống \
dịch năm 2023. Theo báo cáo của Sở Y tế, năm 2023 sở đã triển khai nhiều giải pháp.
Kết luận buổi làm việc, đồng chí yêu cầu ngành y tế tăng cường giám sát, phát hiện sớm các ca bệnh. Sở Y tế cần chủ \
động phương án, không để bị động. Sở Tài chính sớm bố trí kinh phí mua sắm vật tư, hoàn thành trước 15/11. Đồng \
thời, sở cần hướng dẫn các bệnh viện thanh quyết toán. Thời gian tới, sở sẽ tập trung nâng cao chất lượng khám \
chữa bệnh.
Giám đốc Sở Giáo dục và Đào tạo chịu trách nhiệm chỉ đạo các trường học bảo đảm an toàn. UBND các huyện, thị xã, \
thành phố và các cơ quan liên quan thường xuyên kiểm tra, xử lý vi phạm. Đề nghị Công an tỉnh, Bộ Chỉ huy Quân sự \
tỉnh phối hợp bảo đảm an ninh trật tự trong 2 tuần.
"""

CONTINUED = """Năm 2021, dự báo còn nhiều khó khăn, nhất là 6 tháng đầu năm; để đạt mục tiêu tăng trưởng, Chủ tịch \
UBND tỉnh yêu cầu các sở, ngành, địa phương phải tập trung cao độ triển khai các dự án lớn. Trước mắt cần tiếp tục \
tháo gỡ khó khăn cho doanh nghiệp. Cùng với đẩy nhanh hoàn thiện hồ sơ, thủ tục pháp lý các khu công nghiệp. Tập \
trung giải ngân vốn đầu tư công. Phương án xử lý phải căn cứ quy định của pháp luật.
Ban Thường vụ Tỉnh ủy yêu cầu thành lập Tổ công tác do đồng chí Giám đốc Sở Nội vụ làm Tổ trưởng. Đồng thời lựa \
chọn cán bộ có năng lực tham gia Tổ công tác.
"""

DESCRIPTIVE = """Năm 2023, ngành y tế tỉnh đã hoàn thành vượt mức các chỉ tiêu được giao. Sở Y tế đã chủ động tham mưu \
UBND tỉnh ban hành nhiều văn bản chỉ đạo. Các địa phương đã tích cực triển khai công tác tiêm chủng.
Theo Giám đốc Sở Y tế, thời gian tới, Sở Y tế sẽ tiếp tục nâng cao chất lượng khám, chữa bệnh. Sở Công Thương cho \
biết, năm 2024 sẽ tập trung thu hút đầu tư. UBND tỉnh đã giao chỉ tiêu cho các huyện. Sở Tài chính đề nghị UBND tỉnh \
quan tâm bố trí kinh phí cho các dự án.
Tham dự hội nghị có lãnh đạo Sở Tài chính, Sở Xây dựng và UBND các huyện, thị xã, thành phố. Đồng chí Giám đốc Sở Y \
tế chủ trì hội nghị. Các đại biểu thống nhất cao với dự thảo báo cáo. Ban Thường vụ Tỉnh ủy phải tập trung lãnh đạo.
Đồng chí Bí thư Tỉnh ủy ghi nhận, đánh giá cao nỗ lực của các sở, ngành. Đồng thời đề nghị các sở, ngành tiếp tục \
phát huy tinh thần đoàn kết. Các cấp, các ngành cần nâng cao tinh thần trách nhiệm.
"""


def pairs(extraction: Extraction) -> list[tuple[str, date | None]]:
    return [(task.assignee, task.deadline) for task in extraction.tasks]


def test_a_formal_notice_with_numbered_items_and_headings() -> None:
    extraction = extract(UBND_NOTICE)
    assert extraction.document_date == date(2024, 3, 5)
    assert pairs(extraction) == [
        ("Sở Kế hoạch và Đầu tư", date(2024, 3, 15)),
        ("Sở Tài chính", date(2024, 4, 30)),
        ("Sở Tài chính", None),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", date(2024, 6, 30)),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", None),
        ("Sở Xây dựng", date(2024, 4, 30)),
        ("Sở Giao thông vận tải", date(2024, 4, 30)),
        ("các sở, ngành, địa phương", None),
    ]
    first, finance, _, districts, monthly, *_ = extraction.tasks
    assert first.cooperating == ("Sở Tài chính", "các đơn vị liên quan")
    assert first.action == "rà soát, tham mưu điều chuyển kế hoạch vốn của các dự án chậm giải ngân, báo cáo UBND tỉnh"
    assert first.deadline_text == "trước ngày 15/3/2024" and not first.implicit
    assert finance.action == "chủ trì thẩm định quyết toán các dự án hoàn thành" and finance.implicit
    assert districts.deadline_text == "trong Quý II/2024"
    assert monthly.standing and monthly.deadline is None


def test_the_report_to_body_and_the_speaker_are_not_assignees() -> None:
    text = (
        "Chủ tịch UBND tỉnh giao Sở Y tế chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan rà soát nhu cầu "
        "trang thiết bị, báo cáo UBND tỉnh trước ngày 15/7/2025."
    )
    (task,) = extract(text).tasks
    assert (task.assignee, task.cooperating, task.deadline) == (
        "Sở Y tế",
        ("Sở Tài chính", "các đơn vị liên quan"),
        date(2025, 7, 15),
    )


def test_a_party_conclusion() -> None:
    extraction = extract(PARTY_CONCLUSION)
    assert extraction.document_date == date(2025, 1, 15)
    assert pairs(extraction) == [
        ("Ban cán sự đảng Ủy ban nhân dân tỉnh", date(2025, 2, 20)),
        ("Đảng đoàn Hội đồng nhân dân tỉnh", date(2025, 3, 31)),
        ("Ban Tổ chức Tỉnh ủy", date(2025, 3, 31)),
        ("các huyện ủy, thị ủy, thành ủy", date(2025, 3, 31)),
        ("Văn phòng Tỉnh ủy", None),
    ]
    assert extraction.tasks[2].cooperating == ("Ban Tuyên giáo Tỉnh ủy", "Sở Nội vụ")


def test_a_site_visit_with_a_dashed_list() -> None:
    extraction = extract(SITE_VISIT)
    assert extraction.document_date == date(2023, 6, 12)
    assert pairs(extraction) == [
        ("Ban Quản lý dự án đầu tư xây dựng tỉnh", date(2023, 9, 30)),
        ("Ủy ban nhân dân huyện Gia Lộc", date(2023, 7, 31)),
        ("Ủy ban nhân dân huyện Thanh Miện", date(2023, 7, 31)),
        ("Sở Tài nguyên và Môi trường", None),  # "...; đồng thời ..." is a second task
        ("Sở Tài nguyên và Môi trường", None),
        ("Sở Tài nguyên và Môi trường", date(2023, 6, 22)),
        ("Công an tỉnh", None),
        ("Ủy ban Mặt trận Tổ quốc tỉnh", None),
        ("các tổ chức chính trị - xã hội", None),
    ]
    assert extraction.tasks[0].action.endswith('thi công "3 ca, 4 kíp", hoàn thành phần đường')
    assert extraction.tasks[4].action == "kiểm tra, xử lý các trường hợp khai thác đất trái phép"
    assert extraction.tasks[5].cooperating == ("Ủy ban nhân dân huyện Gia Lộc",)


def test_a_news_report_with_a_pronoun_and_a_sector() -> None:
    extraction = extract(NEWS_REPORT)
    assert extraction.document_date == date(2023, 10, 3)
    assert pairs(extraction) == [
        ("Sở Y tế", None),  # "ngành y tế"
        ("Sở Y tế", None),
        ("Sở Tài chính", date(2023, 11, 15)),
        ("Sở Tài chính", None),  # "Đồng thời, sở cần ...": the department named last
        ("Sở Giáo dục và Đào tạo", None),  # the title is dropped: the agency is assigned
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", None),
        ("các cơ quan liên quan", None),
        ("Công an tỉnh", date(2023, 10, 17)),
        ("Bộ Chỉ huy Quân sự tỉnh", date(2023, 10, 17)),
    ]
    assert extraction.tasks[5].standing
    assert extraction.tasks[0].deadline_text is None  # "phát hiện sớm" says how, not when


def test_sentences_without_a_subject_continue_the_assignment() -> None:
    extraction = extract(CONTINUED, date(2020, 11, 26))
    assert [(task.assignee, task.implicit) for task in extraction.tasks] == [
        ("các sở, ngành, địa phương", False),
        ("các sở, ngành, địa phương", True),
        ("các sở, ngành, địa phương", True),
        ("các sở, ngành, địa phương", True),
        ("Sở Nội vụ", True),  # "do đồng chí Giám đốc Sở Nội vụ làm Tổ trưởng"
        ("Sở Nội vụ", True),
    ]
    assert extraction.tasks[0].deadline is None  # "6 tháng đầu năm" describes the year, before the assignment
    assert extraction.tasks[1].action == "tiếp tục tháo gỡ khó khăn cho doanh nghiệp"


def test_a_detail_joins_the_task_it_details() -> None:
    text = (
        "Đồng chí Bí thư yêu cầu Sở Kế hoạch và Đầu tư đề xuất, tham mưu công việc. Trong đó, cần tăng cường phối "
        "hợp với sở, ban, ngành, địa phương. Đồng chí đề nghị ngành kế hoạch đầu tư hỗ trợ doanh nghiệp. Bên cạnh "
        "nắm bắt tình hình, sở cần chủ động tháo gỡ khó khăn. Đồng thời, sở cần bắt tay ngay vào việc chuẩn bị báo cáo."
    )
    first, second, third = extract(text, date(2024, 2, 21)).tasks
    assert first.action == "đề xuất, tham mưu công việc; tăng cường phối hợp với sở, ban, ngành, địa phương"
    assert first.cooperating == ("sở, ban, ngành, địa phương",)
    assert second.action == "hỗ trợ doanh nghiệp; chủ động tháo gỡ khó khăn"
    assert (third.assignee, third.deadline_text, third.deadline) == ("Sở Kế hoạch và Đầu tư", "ngay", None)
    assert third.action == "bắt tay vào việc chuẩn bị báo cáo"


def test_a_board_and_a_district_referred_to_by_their_kind() -> None:
    text = (
        "Sáng 5/3/2024, đồng chí Bí thư Tỉnh ủy làm việc với Ban Quản lý các khu công nghiệp tỉnh. Đồng chí yêu cầu "
        "Ban Quản lý các khu công nghiệp tỉnh tập trung tháo gỡ vướng mắc cho nhà đầu tư. Đối với các dự án chậm "
        "tiến độ, ban phải kiên quyết xử lý, báo cáo Thường trực Tỉnh ủy trước ngày 30/4. UBND tỉnh sẽ ban hành quy "
        "chế phối hợp.\nChiều cùng ngày, đồng chí làm việc với huyện Nam Sách. Đồng chí yêu cầu huyện Nam Sách tập "
        "trung giải phóng mặt bằng. Đồng thời, huyện cần quan tâm quy hoạch đô thị. Đề nghị Đảng ủy Khối các cơ quan "
        "tỉnh tập trung lãnh đạo."
    )
    known = [KnownBody("ns", ("Ủy ban nhân dân huyện Nam Sách",))]
    extraction = extract(text, known=known)
    assert [(task.assignee, task.deadline, task.agency) for task in extraction.tasks] == [
        ("Ban Quản lý các khu công nghiệp tỉnh", None, None),
        ("Ban Quản lý các khu công nghiệp tỉnh", date(2024, 4, 30), None),
        ("huyện Nam Sách", None, "ns"),
        ("huyện Nam Sách", None, "ns"),
        ("Đảng ủy Khối các cơ quan tỉnh", None, None),
    ]


def test_bodies_listed_after_a_conclusion_are_assigned_by_their_verb() -> None:
    text = (
        "Chiều 12/9/2023, Thường trực Tỉnh ủy họp nghe báo cáo công tác chuẩn bị Lễ kỷ niệm. Kết luận cuộc họp, đồng "
        "chí Bí thư Tỉnh ủy đề nghị Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch xây "
        "dựng kịch bản, báo cáo Thường trực Tỉnh ủy trước ngày 30/9. Công an tỉnh xây dựng phương án bảo đảm an ninh. "
        "Sở Y tế bố trí lực lượng y tế trực tại buổi lễ. Các cơ quan báo chí của tỉnh tăng cường tuyên truyền. Sở Tài "
        "chính cho biết đã bố trí đủ kinh phí."
    )
    extraction = extract(text)
    assert [(task.assignee, task.deadline) for task in extraction.tasks] == [
        ("Ban Tuyên giáo Tỉnh ủy", date(2023, 9, 30)),
        ("Công an tỉnh", None),
        ("Sở Y tế", None),
        ("các cơ quan báo chí của tỉnh", None),
    ]
    assert extraction.tasks[0].cooperating == ("Sở Văn hóa, Thể thao và Du lịch",)


def test_one_task_per_assignee_but_a_plural_group_is_one() -> None:
    text = (
        "Giao Sở Tài chính, Sở Xây dựng và Kho bạc Nhà nước tỉnh hướng dẫn thanh toán vốn, hoàn thành trong tháng 6. "
        "Yêu cầu các cấp, các ngành, các cơ quan, đơn vị khẩn trương rà soát, hoàn thành trong năm 2024."
    )
    assert pairs(extract(text, date(2024, 3, 1))) == [
        ("Sở Tài chính", date(2024, 6, 30)),
        ("Sở Xây dựng", date(2024, 6, 30)),
        ("Kho bạc Nhà nước tỉnh", date(2024, 6, 30)),
        ("các cấp, các ngành, các cơ quan, đơn vị", date(2024, 12, 31)),
    ]


def test_several_assignments_in_one_sentence() -> None:
    text = (
        "Giao Sở Tài chính chủ trì thẩm định phương án giá trước ngày 10/4/2024; Sở Kế hoạch và Đầu tư phối hợp "
        "cân đối nguồn vốn; UBND huyện Kim Thành có trách nhiệm bàn giao mặt bằng trong Quý III/2024."
    )
    extraction = extract(text, date(2024, 3, 1))
    assert pairs(extraction) == [
        ("Sở Tài chính", date(2024, 4, 10)),
        ("Sở Kế hoạch và Đầu tư", None),
        ("Ủy ban nhân dân huyện Kim Thành", date(2024, 9, 30)),
    ]
    assert extraction.tasks[0].action == "thẩm định phương án giá"


def test_roles_titles_and_asides() -> None:
    text = (
        "Chủ tịch UBND tỉnh đề nghị chủ đầu tư, nhà thầu tập trung nhân lực, hoàn thành dự án trước ngày 30/9/2024. "
        "Đồng chí chỉ đạo Sở Giao thông vận tải hướng dẫn phân luồng. Yêu cầu các cơ quan báo chí tăng cường "
        "tuyên truyền. Giao Sở Nội vụ (cơ quan thường trực) chủ trì, phối hợp với Sở Tư pháp tham mưu quy chế. "
        "Yêu cầu Công ty Cổ phần Kinh doanh nước sạch Hải Dương khẩn trương hoàn thiện hồ sơ. Thủ trưởng các sở, "
        "ban, ngành, Chủ tịch UBND các huyện chịu trách nhiệm về tiến độ giải ngân."
    )
    assert [task.assignee for task in extract(text, date(2024, 7, 1)).tasks] == [
        "chủ đầu tư",
        "nhà thầu",
        "Sở Giao thông vận tải",
        "các cơ quan báo chí",
        "Sở Nội vụ",
        "Công ty Cổ phần Kinh doanh nước sạch Hải Dương",
        "các sở, ban, ngành",
        "Ủy ban nhân dân các huyện",
    ]


AFTER_CONCLUDING = """Ngày 10/4/2024, đồng chí Phó Chủ tịch Thường trực UBND tỉnh chủ trì cuộc họp. Tham dự có \
lãnh đạo các Sở: Kế hoạch và Đầu tư, Tài chính; UBND huyện Cẩm Giàng. Sau khi nghe báo cáo, đồng chí Phó Chủ tịch \
kết luận như sau:
Đồng ý với đề xuất của Sở Kế hoạch và Đầu tư tại Tờ trình số 123/TTr-SKHĐT ngày 5/4/2024.
Sở Tài chính tham mưu UBND tỉnh bố trí vốn cho dự án trong tháng 5/2024.
Giao các Sở: Tài chính, Xây dựng, Kế hoạch và Đầu tư rà soát hồ sơ, báo cáo trước ngày 25/4/2024.
Chủ tịch UBND tỉnh giao Sở Y tế:
- Chủ trì xây dựng kế hoạch mua sắm.
- Phối hợp với Sở Tài chính thẩm định giá.
1. UBND huyện Cẩm Giàng: bàn giao mặt bằng trong Quý II/2024.
"""


def test_after_the_conclusion_starts_a_body_with_a_verb_is_assigned() -> None:
    extraction = extract(AFTER_CONCLUDING)
    assert [(task.assignee, task.deadline, task.implicit) for task in extraction.tasks] == [
        ("Sở Tài chính", date(2024, 5, 31), False),
        ("Sở Tài chính", date(2024, 4, 25), False),  # "các Sở: Tài chính, Xây dựng, ...": one task each
        ("Sở Xây dựng", date(2024, 4, 25), False),
        ("Sở Kế hoạch và Đầu tư", date(2024, 4, 25), False),
        ("Sở Y tế", None, True),  # the items under "giao Sở Y tế:"
        ("Sở Y tế", None, True),
        ("Ủy ban nhân dân huyện Cẩm Giàng", date(2024, 6, 30), False),  # its heading is on its own line
    ]
    assert extraction.tasks[5].cooperating == ("Sở Tài chính",)


def test_descriptions_praise_and_exhortations_are_no_tasks() -> None:
    assert extract(DESCRIPTIVE).tasks == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "asdf qwer zxcv",
        "12/13/2024 32/1 ...",
        "Sở",
        "Yêu cầu",
        "giao Sở",
        "1.\n-\n:",
        "Nơi nhận:\n- Sở Tài chính cần lưu.",
        "<html><body><p>Sở Tài chính cần</p></body></html>",
        "\x00\x01\ufeff",
        "Hôm nay trời đẹp. Chúng tôi đi chơi công viên.",
    ],
)
def test_bad_input_gives_no_tasks(text: str) -> None:
    assert extract(text).tasks == ()


def test_a_pasted_sentence_without_a_final_stop_is_read() -> None:
    (task,) = extract("Giao Sở Tài chính rà soát, báo cáo trước ngày 30/6/2024").tasks
    assert (task.assignee, task.action, task.deadline) == ("Sở Tài chính", "rà soát, báo cáo", date(2024, 6, 30))


def test_a_caption_is_not_read_as_a_task() -> None:
    text = "Chủ tịch UBND tỉnh yêu cầu Sở Y tế khẩn trương mua vật tư\n\nĐồng chí yêu cầu Sở Y tế mua vật tư y tế."
    assert [task.action for task in extract(text).tasks] == ["mua vật tư y tế"]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="aăâbcdđeêgiklmnoôơpqrstuưvxyàáảạ ,.;:-/()0123456789\nSởUBNDcầnphảigiaotrướcngày", max_size=400)
)
def test_any_text_is_read_without_error(text: str) -> None:
    extraction = extract(text)
    normal = normalize(text)
    for task in extraction.tasks:
        assert 0 <= task.start < task.end <= len(normal)
        assert task.assignee and task.action


def test_offsets_locate_the_sentence_in_the_normalised_text() -> None:
    text = "Đồng chí Bí thư Tỉnh uỷ yêu cầu Sở KH&ĐT hoàn thiện hồ sơ, trình UBND tỉnh trong tháng 5/2024."
    (task,) = extract(text, date(2024, 3, 1)).tasks
    normal = normalize(text)
    assert task.sentence == " ".join(normal[task.start : task.end].split()) == normal
    assert task.assignee == "Sở Kế hoạch và Đầu tư"


KNOWN = (
    KnownBody("so-tai-chinh", ("Sở Tài chính tỉnh Hải Dương", "Sở Kế hoạch và Đầu tư")),  # merged in 2025
    KnownBody("ubnd-tinh", ("Ủy ban nhân dân tỉnh Hải Dương", "UBND tỉnh")),
    KnownBody("bqlda", ("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh",)),
)


def test_assignees_match_known_bodies_by_any_name() -> None:
    text = (
        "Yêu cầu Sở KH&ĐT rà soát. Đề nghị ngành kế hoạch đầu tư hỗ trợ doanh nghiệp. Giao Sở Tài chính thẩm định. "
        "Yêu cầu Ủy ban nhân dân tỉnh có giải pháp tăng thu. Giao Ban Quản lý dự án đầu tư xây dựng công trình dân "
        "dụng và công nghiệp tỉnh khẩn trương thi công. Giao Sở Xây dựng kiểm tra."
    )
    extraction = extract(text, date(2025, 8, 1), KNOWN)
    assert [(task.assignee, task.agency) for task in extraction.tasks] == [
        ("Sở Kế hoạch và Đầu tư", "so-tai-chinh"),
        ("Sở Kế hoạch và Đầu tư", "so-tai-chinh"),
        ("Sở Tài chính", "so-tai-chinh"),
        ("Ủy ban nhân dân tỉnh", "ubnd-tinh"),
        ("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh", "bqlda"),
        ("Sở Xây dựng", None),
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Sở KH&ĐT", "so-tai-chinh"),
        ("Sở Kế hoạch - Đầu tư", "so-tai-chinh"),
        ("sở tài chính", "so-tai-chinh"),
        ("UBND tỉnh Hải Dương", "ubnd-tinh"),
        ("Ủy ban nhân dân huyện Gia Lộc", None),
        ("các sở, ngành", None),
    ],
)
def test_match_known(name: str, key: str | None) -> None:
    assert match_known(name, KNOWN) == key


def test_short_and_capitalised_known_names_are_not_ordinary_words() -> None:
    known = [KnownBody("ca", ("Công an tỉnh", "CA")), KnownBody("stc", ("Sở Tài chính", "STC"))]
    text = "Đề nghị stc trực ca tăng cường. SỞ TÀI CHÍNH CẦN RÀ SOÁT. Yêu cầu STC thẩm định giá."
    assert [(task.assignee, task.agency) for task in extract(text, known=known).tasks] == [
        ("Sở Tài chính", "stc"),
        ("STC", "stc"),
    ]


def test_a_current_name_wins_over_a_former_one() -> None:
    known = [KnownBody("old", ("Sở Xây dựng", "Sở Giao thông vận tải")), KnownBody("new", ("Sở Giao thông vận tải",))]
    assert match_known("Sở GTVT", known) == "new"


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở KHĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở TC", "Sở Tài chính"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("UBND TP Hải Dương", "Ủy ban nhân dân thành phố Hải Dương"),
        ("BQL các KCN tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("ngành kế hoạch và đầu tư", "Sở Kế hoạch và Đầu tư"),
        ("Sở Y tế", "Sở Y tế"),
    ],
)
def test_expand_abbreviations(name: str, full: str) -> None:
    assert expand_abbreviations(name) == full


def test_body_key_ignores_spelling_and_the_province() -> None:
    assert body_key("Sở KH&ĐT") == body_key("Sở Kế hoạch và Đầu tư tỉnh Hải Dương") == "so ke hoach dau tu"
    assert body_key("UBND tỉnh") == body_key("Ủy ban nhân dân tỉnh Hải Dương")
    assert body_key("UBND huyện Gia Lộc") != body_key("UBND tỉnh")


def test_to_json() -> None:
    text = "Yêu cầu Sở KH&ĐT hoàn thiện hồ sơ trước ngày 30/6/2024. Giao Sở Xây dựng thường xuyên kiểm tra."
    data = to_json(extract(text, date(2024, 3, 1), KNOWN))
    assert data == {
        "document_date": "2024-03-01",
        "tasks": [
            {
                "assignee": "Sở Kế hoạch và Đầu tư",
                "cooperating": [],
                "action": "hoàn thiện hồ sơ",
                "deadline_text": "trước ngày 30/6/2024",
                "deadline": "2024-06-30",
                "sentence": "Yêu cầu Sở KH&ĐT hoàn thiện hồ sơ trước ngày 30/6/2024.",
                "standing": False,
                "implicit": False,
                "agency": "so-tai-chinh",
            },
            {
                "assignee": "Sở Xây dựng",
                "cooperating": [],
                "action": "thường xuyên kiểm tra",
                "deadline_text": "thường xuyên",
                "deadline": None,
                "sentence": "Giao Sở Xây dựng thường xuyên kiểm tra.",
                "standing": True,
                "implicit": False,
            },
        ],
    }
    assert to_json(extract("")) == {"document_date": None, "tasks": []}


def test_an_explicit_document_date_wins() -> None:
    text = "Ngày 26/11/2020, Ban Thường vụ Tỉnh ủy họp. Yêu cầu UBND tỉnh hoàn thành trước 15/12."
    assert pairs(extract(text)) == [("Ủy ban nhân dân tỉnh", date(2020, 12, 15))]
    assert pairs(extract(text, date(2021, 1, 5))) == [("Ủy ban nhân dân tỉnh", date(2021, 12, 15))]


def test_importing_the_module_stays_cheap() -> None:
    code = "import sys, tiendo.domain.extraction; print('underthesea' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
