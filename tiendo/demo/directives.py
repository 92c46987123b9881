"""Seeded directives and tasks for the demo: the two real meetings of the seeds and a few hundred generated
conclusion notices, directives, letters and plans, whose tasks stand as they would today.

Decisions:
- **Agencies of their time.** A task goes to the agency that existed on the directive's date (Sở Kế hoạch và Đầu
  tư until 28/02/2025, a district People's Committee until 30/06/2025, a ward or commune of Hải Phòng from
  01/07/2025). Tasks are written before generate.py runs the 2025 reorganisations, as they stood when they were
  given; `Timeline.advance(day)` applies what happened before each merger (progress reports, extensions,
  completion), so the merge service moves exactly the tasks still open on its effective date and work finished
  earlier stays with the agency that did it. District committees ended without a successor: their open tasks go
  to the commune or ward of the task's project, else to the first ward or commune of the old district.
- **History as the services write it.** Each task has a "created" row by the specialist who entered it, then one
  row per change (progress report, approved extension, completion) by the officer, specialist or leader who made
  it, with the reason the services give. Rows are dated when the demo loads, like the rest of the demo (the merge
  rows too), so their order is the order of events; progress updates and extension requests carry their own dates.
- **Statuses are facts, not labels.** A task gets an assigned date, a deadline (or none, or "thường xuyên"), maybe
  an extension and maybe a completion date, from a seeded model in which land, site clearance and three districts
  with heavy site clearance run late far more often; today (`timezone.localdate()`) decides what is done, overdue
  or still running. The demo officers (canbo.xaydung, canbo.phuong) get one task of every status for sure, from
  their working sessions with a leader.
- **Scale.** About 350 directives and 1,600 tasks for the province. A real province gives some 10,000 tasks a
  term, so the nation's 34 would be ~500,000: too many for a demo, the national scale stops at 60,000 tasks.
"""

from __future__ import annotations

import json
import random
import re
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.access import Role
from tiendo.domain.text import clean, search_key
from tiendo.projects.models import Project

from . import catalogue, people

DATA = Path(__file__).parent / "data"
BATCH = 5000
UPDATE_BATCH = 250  # bulk_update writes one CASE over the batch for every row: small batches are much faster
EVENT_FIELDS = {"progress": ["progress"], "extend": ["deadline"], "done": ["progress", "completed_on", "result"]}
REFORM = catalogue.DEPARTMENT_REFORM
TWO_TIER = catalogue.TWO_TIER
FIRST_DAY = date(2021, 1, 4)
REFORM_TARGET = {source: target for sources, target in catalogue.DEPARTMENT_MERGES for source in sources}
DISTRICT_HANDOVER = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/06/2025 về sắp xếp đơn vị hành chính cấp xã"
DEPARTMENT_NAMES = {key: name for key, name, *_ in [*catalogue.DEPARTMENTS, *catalogue.NEW_DEPARTMENTS]}
MINISTRY_NAMES = {key: name for key, name, *_ in [*catalogue.MINISTRIES, *catalogue.NEW_MINISTRIES]}
MINISTRY_TARGET = {source: target for sources, target in catalogue.MINISTRY_MERGES for source in sources}
# the prefix of an agency's own document numbers (Báo cáo 123/BC-SKHĐT)
DOC_ABBR = {"SKHDT": "SKHĐT", "SLDTBXH": "SLĐTBXH", "SGDDT": "SGDĐT", "VPUB": "VP", "TTRA": "TTr", "UBND": "UBND"}
# the demo officers: the agency (a key for agency_code) a leader holds working sessions with, as directives name it
DEMO_OFFICERS = {"canbo.xaydung": ("SXD", "Sở Xây dựng"), "canbo.phuong": ("UB-TPHD-01", "UBND phường Hải Dương")}


@dataclass(frozen=True)
class Size:
    directives: int  # generated directives of the demo province
    others: int = 0  # generated directives of each other province (national scale)
    cap: int = 0  # tasks in all (national scale)


# National: 33 other provinces × 420 directives × ~4 tasks (no communes before 07/2025) would pass 60,000 tasks;
# each province keeps an even share of the cap (see above).
SIZES = {
    "province": Size(340),
    "national": Size(340, others=420, cap=60_000),
    "test": Size(40),
}


# ---------------------------------------------------------------------------------------------------------------
# What leaders ask for: topics of meetings and the tasks each gives
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """One kind of task. `who`: a department key (catalogue.DEPARTMENTS), BQLDA, BQLKCN, UBND (the province's
    People's Committee), COMMUNE (the district, later the commune, of the topic's project or one of them), or a
    generic body given to several agencies: DEPTS ("các sở, ban, ngành") or COMMUNES."""

    who: str
    action: str
    kind: str = "report"  # Task.ResultKind
    result: str = ""
    days: tuple[int, int] = (15, 45)
    standing: bool = False
    coop: tuple[str, ...] = ()
    coop_text: str = ""
    waits_on: str = ""  # a ministry key (catalogue.MINISTRIES), named as it was on the day


@dataclass(frozen=True)
class Topic:
    key: str
    weight: int
    meeting: str  # "tại cuộc họp ..." of a conclusion notice
    subject: str  # "về ..." of a directive (Chỉ thị) or a letter (V/v ...)
    problem: str  # the conclusion's assessment
    reporter: str  # who reported at the meeting (a Job.who key)
    jobs: tuple[Job, ...]
    plan: str = ""  # "Kế hoạch ..." when the topic also comes as a plan
    project: str = ""  # "public" or "private": the meeting is about one project
    since: date | None = None
    until: date | None = None


# Task.ResultKind values, short for the tables below
R, D, P, PR, OT = "report", "decision", "plan", "proposal", "other"

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
    Topic(
        "delayed",
        10,
        "về xử lý các dự án đầu tư ngoài ngân sách chậm tiến độ",
        "về xử lý dự án {project} chậm tiến độ",
        "nhiều dự án ngoài ngân sách chậm tiến độ kéo dài, gây lãng phí đất đai",
        "SKHDT",
        (
            Job(
                "SKHDT",
                "rà soát, phân loại các dự án ngoài ngân sách chậm tiến độ; đề xuất biện pháp xử lý, chấm dứt hoạt "
                "động đối với dự án vi phạm theo quy định của Luật Đầu tư",
                R,
                "báo cáo UBND {level}, kèm danh mục dự án đề xuất xử lý",
                (30, 60),
                coop=("STNMT", "SXD"),
            ),
            Job(
                "SKHDT",
                "làm việc với nhà đầu tư dự án {project}; yêu cầu báo cáo, cam kết tiến độ và ký quỹ bảo đảm thực hiện "
                "dự án theo quy định",
                R,
                "báo cáo kết quả làm việc, cam kết tiến độ của nhà đầu tư",
                (15, 30),
            ),
            Job(
                "STNMT",
                "kiểm tra tình hình sử dụng đất của dự án {project}; đề xuất thu hồi đất nếu nhà đầu tư vi phạm",
                PR,
                "văn bản đề xuất UBND {level}",
                (30, 45),
            ),
            Job(
                "SXD",
                "kiểm tra trật tự xây dựng, tiến độ thi công dự án {project}",
                R,
                "biên bản, báo cáo kết quả kiểm tra",
                (15, 30),
            ),
            Job(
                "COMMUNE",
                "giám sát hiện trạng, báo cáo việc triển khai dự án {project} trên địa bàn",
                R,
                standing=True,
            ),
            Job(
                "TTRA",
                "thanh tra việc chấp hành pháp luật về đầu tư, đất đai đối với dự án {project}",
                R,
                "kết luận thanh tra",
                (60, 120),
            ),
            Job(
                "STC",
                "xác định khoản ký quỹ bị xử lý, khoản phải nộp ngân sách khi chấm dứt hoạt động dự án {project}",
                R,
                "báo cáo UBND {level}",
                (20, 40),
            ),
        ),
        project="private",
    ),
    Topic(
        "farming",
        5,
        "về công tác phòng, chống thiên tai và xây dựng nông thôn mới năm {year}",
        "về chủ động phòng, chống thiên tai, bảo đảm an toàn đê điều năm {year}",
        "một số công trình đê điều, thủy lợi xuống cấp; vi phạm hành lang đê điều chưa được xử lý dứt điểm",
        "SNNPTNT",
        (
            Job(
                "SNNPTNT",
                "rà soát, xây dựng phương án phòng, chống lụt, bão; kiểm tra hiện trạng đê điều, công trình thủy lợi "
                "trước mùa mưa bão năm {year}",
                P,
                "phương án phòng, chống lụt, bão trình UBND {level}",
                (20, 45),
            ),
            Job(
                "SNNPTNT",
                "tham mưu Kế hoạch xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu năm {year}",
                P,
                "dự thảo Kế hoạch trình UBND {level}",
                (30, 60),
            ),
            Job(
                "COMMUNES",
                "xử lý dứt điểm các vi phạm hành lang đê điều, công trình thủy lợi trên địa bàn",
                R,
                "báo cáo kết quả xử lý vi phạm",
                (30, 60),
            ),
            Job(
                "STC",
                "bố trí kinh phí dự phòng cho công tác phòng, chống thiên tai",
                OT,
                "kinh phí được bố trí",
                (20, 40),
            ),
            Job(
                "SNNPTNT",
                "chỉ đạo phòng, chống dịch bệnh trên đàn gia súc, gia cầm; tiêm phòng vắc-xin theo kế hoạch",
                R,
                standing=True,
            ),
            Job(
                "STNMT",
                "kiểm tra, xử lý ô nhiễm môi trường tại các làng nghề, cụm công nghiệp",
                R,
                "báo cáo kết quả kiểm tra, xử lý",
                (60, 120),
            ),
        ),
        plan="phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
    ),
    Topic(
        "transport",
        6,
        "về tiến độ các công trình giao thông trọng điểm",
        "về đẩy nhanh tiến độ các công trình giao thông trọng điểm năm {year}",
        "một số gói thầu chậm tiến độ do thiếu vật liệu đắp nền và vướng mặt bằng cục bộ",
        "SGTVT",
        (
            Job(
                "SGTVT",
                "đôn đốc nhà thầu tăng cường nhân lực, thiết bị, thi công ba ca để đẩy nhanh tiến độ các công trình "
                "giao thông trọng điểm",
                R,
                "báo cáo tiến độ từng gói thầu",
                (30, 60),
            ),
            Job(
                "BQLDA",
                "lập tiến độ chi tiết, cam kết hoàn thành các hạng mục chính trước mùa mưa",
                R,
                "tiến độ chi tiết được phê duyệt",
                (10, 20),
            ),
            Job(
                "SXD",
                "rà soát, đề xuất điều chỉnh quy hoạch chung đô thị phù hợp với quy hoạch {level}",
                PR,
                "tờ trình đề xuất điều chỉnh quy hoạch",
                (60, 120),
            ),
            Job(
                "SGTVT",
                "tổ chức phân luồng, bảo đảm an toàn giao thông khu vực thi công",
                OT,
                standing=True,
            ),
            Job(
                "COMMUNES",
                "phối hợp bàn giao mặt bằng, di dời hạ tầng kỹ thuật (điện, nước, viễn thông) phục vụ thi công",
                R,
                "báo cáo kết quả di dời",
                (20, 45),
            ),
            Job(
                "SCT",
                "đôn đốc ngành điện di dời đường dây trung thế ra khỏi phạm vi thi công",
                R,
                "báo cáo kết quả di dời",
                (20, 45),
                coop_text="Công ty Điện lực",
            ),
        ),
    ),
    Topic(
        "covid",
        14,
        "về công tác phòng, chống dịch COVID-19",
        "về tăng cường các biện pháp phòng, chống dịch COVID-19",
        "dịch COVID-19 diễn biến phức tạp, nguy cơ lây nhiễm trong các khu công nghiệp",
        "SYT",
        (
            Job(
                "SYT",
                "xây dựng phương án tiêm vắc-xin phòng COVID-19 trên địa bàn {level}; bảo đảm an toàn tiêm chủng",
                P,
                "phương án tiêm chủng trình UBND {level}",
                (7, 15),
            ),
            Job(
                "SYT",
                "chuẩn bị cơ sở thu dung, điều trị người nhiễm COVID-19; dự trữ thuốc, vật tư, sinh phẩm",
                R,
                "báo cáo công tác chuẩn bị",
                (7, 14),
            ),
            Job(
                "BQLKCN",
                "hướng dẫn doanh nghiệp trong khu công nghiệp xây dựng phương án sản xuất an toàn, phòng, chống dịch",
                OT,
                "văn bản hướng dẫn",
                (5, 10),
            ),
            Job(
                "SLDTBXH",
                "triển khai hỗ trợ người lao động, người sử dụng lao động gặp khó khăn do đại dịch COVID-19",
                R,
                "báo cáo kết quả hỗ trợ",
                (15, 30),
            ),
            Job(
                "COMMUNES",
                "kiểm soát chặt chẽ người về từ vùng dịch; thực hiện nghiêm các biện pháp phòng, chống dịch",
                OT,
                standing=True,
            ),
            Job(
                "SGDDT",
                "xây dựng phương án dạy học trực tuyến, bảo đảm an toàn khi học sinh trở lại trường",
                P,
                "phương án dạy học",
                (7, 20),
            ),
        ),
        since=date(2021, 1, 1),
        until=date(2022, 6, 30),
    ),
    Topic(
        "restructuring",
        30,
        "về sắp xếp tổ chức bộ máy và đơn vị hành chính các cấp",
        "về thực hiện sắp xếp tổ chức bộ máy, bảo đảm hoạt động thông suốt",
        "khối lượng công việc sắp xếp rất lớn, thời gian gấp, phải bảo đảm không gián đoạn công việc",
        "SNV",
        (
            Job(
                "SNV",
                "xây dựng Đề án sắp xếp đơn vị hành chính cấp xã, không tổ chức cấp huyện",
                P,
                "dự thảo Đề án trình HĐND {level}",
                (15, 30),
            ),
            Job(
                "SNV",
                "tham mưu phương án bố trí cán bộ, công chức, giải quyết chế độ, chính sách cho người nghỉ theo Nghị "
                "định 178/2024/NĐ-CP",
                R,
                "báo cáo UBND {level}",
                (20, 45),
            ),
            Job(
                "STC",
                "rà soát, xây dựng phương án sắp xếp trụ sở làm việc, tài sản công sau sắp xếp",
                P,
                "phương án sắp xếp trụ sở, tài sản",
                (30, 60),
            ),
            Job(
                "COMMUNES",
                "kiểm kê, bàn giao hồ sơ, tài liệu, tài sản và các dự án đang thực hiện trên địa bàn cho đơn vị hành "
                "chính mới",
                R,
                "biên bản bàn giao",
                (30, 60),
            ),
            Job(
                "DEPTS",
                "rà soát các nhiệm vụ, dự án đang thực hiện; lập danh mục bàn giao khi sắp xếp tổ chức bộ máy",
                R,
                "danh mục bàn giao",
                (15, 30),
            ),
            Job(
                "STTTT",
                "bảo đảm hạ tầng công nghệ thông tin, hệ thống một cửa điện tử cho các xã, phường mới",
                OT,
                "hệ thống sẵn sàng vận hành",
                (30, 60),
            ),
        ),
        since=date(2024, 12, 1),
        until=date(2025, 6, 30),
    ),
    Topic(
        "two_tier",
        12,
        "về vận hành chính quyền địa phương hai cấp tại các xã, phường",
        "về bảo đảm vận hành thông suốt chính quyền địa phương hai cấp",
        "một số xã, phường còn lúng túng khi thực hiện nhiệm vụ được phân cấp, thiếu công chức chuyên môn",
        "SNV",
        (
            Job(
                "STC",
                "rà soát, tiếp nhận hồ sơ các dự án đầu tư của tỉnh Hải Dương (cũ); cập nhật vào hệ thống theo dõi dự "
                "án của {level}",
                R,
                "báo cáo kết quả tiếp nhận",
                (30, 60),
            ),
            Job(
                "SNV",
                "hướng dẫn các xã, phường kiện toàn tổ chức, bố trí công chức chuyên môn phù hợp vị trí việc làm",
                OT,
                "văn bản hướng dẫn",
                (30, 60),
            ),
            Job(
                "COMMUNES",
                "rà soát, báo cáo khó khăn, vướng mắc khi vận hành chính quyền địa phương hai cấp; đề xuất giải pháp",
                R,
                "báo cáo gửi Sở Nội vụ",
                (15, 30),
            ),
            Job(
                "SKHCN",
                "hoàn thiện hạ tầng số, bảo đảm kết nối hệ thống quản lý văn bản và hồ sơ công việc đến các xã, phường",
                OT,
                "hệ thống được kết nối",
                (30, 60),
            ),
            Job(
                "SXD",
                "hướng dẫn các xã, phường thực hiện nhiệm vụ quản lý quy hoạch, cấp phép xây dựng được phân cấp",
                OT,
                "văn bản hướng dẫn",
                (20, 45),
            ),
            Job(
                "SNNMT",
                "hướng dẫn các xã, phường thực hiện thẩm quyền về đất đai sau sắp xếp",
                OT,
                "văn bản hướng dẫn",
                (20, 45),
            ),
        ),
        since=TWO_TIER,
    ),
    Topic(
        "economy",
        8,
        "về tình hình kinh tế - xã hội {quarter}, nhiệm vụ, giải pháp trọng tâm thời gian tới",
        "về thực hiện các giải pháp hoàn thành chỉ tiêu kinh tế - xã hội năm {year}",
        "một số chỉ tiêu kinh tế - xã hội có nguy cơ không đạt kế hoạch năm",
        "SKHDT",
        (
            Job(
                "SKHDT",
                "tổng hợp, đánh giá tình hình thực hiện các chỉ tiêu kinh tế - xã hội {quarter}; đề xuất giải pháp "
                "hoàn thành kế hoạch năm {year}",
                R,
                "báo cáo UBND {level}",
                (10, 20),
            ),
            Job(
                "SKHDT",
                "xây dựng kịch bản tăng trưởng các quý năm {year}; theo dõi, cảnh báo các chỉ tiêu có nguy cơ không "
                "đạt",
                R,
                "kịch bản tăng trưởng",
                (20, 40),
            ),
            Job(
                "SCT",
                "bảo đảm cung ứng hàng hóa thiết yếu, bình ổn thị trường dịp cuối năm và Tết Nguyên đán",
                P,
                "kế hoạch bình ổn thị trường",
                (30, 60),
            ),
            Job(
                "SLDTBXH",
                "chăm lo Tết cho các đối tượng chính sách, hộ nghèo; bảo đảm mọi người dân đều được vui Xuân, đón Tết",
                R,
                "báo cáo kết quả",
                (20, 40),
            ),
            Job(
                "SGDDT",
                "rà soát, bảo đảm cơ sở vật chất, đội ngũ giáo viên cho năm học mới",
                R,
                "báo cáo kết quả rà soát",
                (30, 60),
            ),
            Job(
                "SYT",
                "nâng cao chất lượng khám, chữa bệnh; bảo đảm đủ thuốc, vật tư y tế tại các cơ sở y tế công lập",
                R,
                "báo cáo UBND {level}",
                (30, 90),
            ),
            Job(
                "COMMUNES",
                "thực hiện đồng bộ các giải pháp hoàn thành chỉ tiêu kinh tế - xã hội được giao",
                R,
                standing=True,
            ),
        ),
    ),
    Topic(
        "zones",
        5,
        "về tiến độ đầu tư hạ tầng các khu, cụm công nghiệp",
        "về đẩy nhanh tiến độ đầu tư hạ tầng các khu, cụm công nghiệp",
        "hạ tầng một số khu, cụm công nghiệp chậm hoàn thiện, nhất là hệ thống xử lý nước thải tập trung",
        "BQLKCN",
        (
            Job(
                "BQLKCN",
                "đôn đốc các nhà đầu tư hạ tầng khu công nghiệp hoàn thành hệ thống xử lý nước thải tập trung",
                R,
                "báo cáo tiến độ",
                (30, 90),
            ),
            Job(
                "STNMT",
                "hoàn thiện thủ tục giao đất, cho thuê đất cho nhà đầu tư hạ tầng khu công nghiệp",
                D,
                "dự thảo Quyết định cho thuê đất",
                (30, 60),
            ),
            Job(
                "SCT",
                "rà soát các cụm công nghiệp chậm triển khai; đề xuất điều chỉnh quy hoạch hoặc thay thế nhà đầu tư",
                PR,
                "văn bản đề xuất UBND {level}",
                (30, 60),
            ),
            Job(
                "SKHDT",
                "thẩm định hồ sơ đề nghị chấp thuận chủ trương đầu tư hạ tầng khu công nghiệp, báo cáo {ministry}",
                PR,
                "hồ sơ trình {ministry}",
                (30, 60),
                waits_on="BKHDT",
            ),
            Job(
                "COMMUNES",
                "phối hợp giải phóng mặt bằng phần diện tích mở rộng khu công nghiệp trên địa bàn",
                R,
                "báo cáo kết quả",
                (30, 60),
            ),
        ),
    ),
]
TOPIC_KEYS = {topic.key: topic for topic in TOPICS}
DEPTS = ["SKHDT", "STC", "SXD", "SGTVT", "STNMT", "SNNPTNT", "SCT", "SNV", "SYT", "SGDDT", "STTTT", "SLDTBXH"]
COUNTRIES = ["Nhật Bản", "Hàn Quốc", "Đài Loan (Trung Quốc)", "Singapore", "Hoa Kỳ", "Đức"]
# Late more often (×) — land and site clearance; the three districts with the expressway and zone clearances.
STRAIN = {"STNMT": 2.4, "SNNMT": 2.4, "BQLDA": 2.0, "TTRA": 0.4, "STP": 0.3, "SGDDT": 0.3, "SYT": 0.4, "VPUB": 0.3}
HARD_DISTRICTS = {"KT": 2.2, "TH": 2.0, "CG": 2.0}
SERIES = [  # (suffix, kind, numbers a day, share)
    ("TB-UBND", Directive.Kind.CONCLUSION, 0.8, 34),
    ("TB-VP", Directive.Kind.CONCLUSION, 0.6, 28),
    ("UBND-KT", Directive.Kind.LETTER, 11.0, 20),
    ("KH-UBND", Directive.Kind.PLAN, 0.75, 12),
    ("CT-UBND", Directive.Kind.DIRECTIVE, 0.05, 6),
]

UPDATES = [
    "Đã làm việc với các đơn vị liên quan; đang tổng hợp số liệu, dự kiến hoàn thành đúng hạn.",
    "Đã xây dựng dự thảo, đang lấy ý kiến các sở, ngành và địa phương.",
    "Đã tổ chức kiểm tra thực địa; đang hoàn thiện báo cáo.",
    "Đã có văn bản đôn đốc các chủ đầu tư; khối lượng thực hiện đạt khoảng {percent}%.",
    "Đã tiếp thu ý kiến góp ý, hoàn thiện dự thảo trình lãnh đạo đơn vị.",
    "Đã họp với các phòng chuyên môn, phân công cán bộ thực hiện; đang triển khai.",
]
TROUBLE = [
    "Còn {households} hộ chưa đồng thuận phương án bồi thường; đang tiếp tục đối thoại, vận động.",
    "Chưa hoàn thành do hồ sơ của nhà đầu tư chưa đầy đủ; đã có văn bản đề nghị bổ sung.",
    "Chưa hoàn thành do phải chờ ý kiến thống nhất của các sở, ngành liên quan.",
    "Vướng mắc về nguồn gốc đất của một số thửa; đang phối hợp xác minh.",
]
EXTENSION_REASONS = [
    "Còn {households} hộ chưa đồng thuận phương án bồi thường, cần thêm thời gian đối thoại, vận động.",
    "Nội dung liên quan nhiều sở, ngành; cần thêm thời gian lấy ý kiến và hoàn thiện hồ sơ.",
    "Đang chờ ý kiến hướng dẫn của {ministry}.",
    "Mưa kéo dài ảnh hưởng đến tiến độ thi công và kiểm tra hiện trường.",
    "Nhà đầu tư chưa cung cấp đủ hồ sơ, tài liệu theo yêu cầu.",
]
REFUSALS = [
    "Nhiệm vụ cấp bách theo chỉ đạo của lãnh đạo UBND; đề nghị tập trung hoàn thành đúng thời hạn đã giao.",
    "Lý do đề nghị gia hạn chưa thuyết phục; đề nghị báo cáo cụ thể khó khăn để UBND xem xét chỉ đạo.",
]
APPROVALS = [
    "",
    "Đồng ý gia hạn; đề nghị không để phải gia hạn lần sau.",
    "Đồng ý. Báo cáo kết quả ngay khi hoàn thành.",
]


# ---------------------------------------------------------------------------------------------------------------
# Plans: what each directive and task will be, before anything is written
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Event:
    day: date
    kind: str  # "progress", "extend" (an approved extension) or "done"
    by: int  # user pk
    percent: int = 0
    text: str = ""
    deadline: date | None = None


@dataclass
class Extension:
    asked: date
    old: date
    new: date
    reason: str
    by: int
    state: str = ExtensionRequest.State.PENDING
    decided: date | None = None
    decider: int | None = None
    note: str = ""


@dataclass
class TaskPlan:
    task: Task
    agency: str  # the lead agency's code on the day given
    author: int  # the officer who reports on it (a specialist on behalf of an agency without staff)
    line: str = ""  # the sentence of the directive that gives it
    coop: list[int] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extension: Extension | None = None
    applied: int = 0  # events already written


@dataclass
class DirectivePlan:
    directive: Directive
    tasks: list[TaskPlan]


@dataclass
class Context:
    """What the generator of one province reads from the database before writing."""

    home: bool  # the demo province: Hải Dương, then Hải Phòng from 01/07/2025
    prefix: str  # HD or P<code>
    level: str  # "tỉnh" or "thành phố" (before 07/2025 for the demo province)
    name: str  # "tỉnh Hải Dương"
    agencies: dict[str, tuple[int, str, str]]  # code -> (pk, name, short name)
    staff: dict[str, list[tuple[int, str]]]  # agency code -> [(user pk, full name)]
    places: list[tuple[str, str, float]]  # communes of today: (committee code, old district key, weight)
    projects: dict[str, list[tuple[date, int, str, str]]]  # public/private -> [(decided, pk, name, commune code)]
    creator: int
    deciders: list[int]
    demo_users: dict[str, tuple[int, str]] = field(default_factory=dict)  # username -> (pk, full name)
    admin: int = 0
    leader: str = ""  # the demo leader, a vice-chair of the People's Committee


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def _quarter(day: date) -> tuple[int, str]:
    q = (day.month - 1) // 3 + 1
    return q, ["I", "II", "III", "IV"][q - 1]


def _weekday(day: date) -> date:
    """Documents are signed on working days."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _ministry(key: str, day: date) -> str:
    return MINISTRY_NAMES[MINISTRY_TARGET.get(key, key) if day >= REFORM else key]


class Generator:
    """The directives of one province, from a `random.Random` of its own so the same seed gives the same data."""

    def __init__(self, ctx: Context, rng: random.Random, today: date):
        self.ctx, self.rng, self.today = ctx, rng, today
        self.numbers: dict[tuple[str, str, int], int] = {}
        self.demo_authors = {pk for pk, _name in ctx.demo_users.values()}
        leaders = random.Random(rng.random())
        vice = ctx.leader or people.person_name(leaders)
        # (chair, vice-chairs, chief of office) before and after the demo province joined Hải Phòng
        self.leaders = {
            era: (
                people.person_name(leaders),
                [vice, people.person_name(leaders), people.person_name(leaders)],
                people.person_name(leaders),
            )
            for era in ("before", "after")
        }

    def plans(self, count: int) -> list[DirectivePlan]:
        """The seeds (demo province), `count` generated directives and the demo officers' sessions, by date."""
        plans = self.seeds() if self.ctx.home else []
        schedule: list[tuple[date, tuple | None]] = [(day, None) for day in self.dates(count)]
        if self.ctx.home:
            schedule += self.session_days()
        schedule.sort(key=lambda item: item[0])
        for day, session in schedule:
            plan = self.session(day, *session) if session else self.directive(day)
            if plan is not None:
                plans.append(plan)
        return plans

    # -- who, on which day ---------------------------------------------------------------------------------------
    def era(self, day: date) -> str:
        return "after" if self.ctx.home and day >= TWO_TIER else "before"

    def level(self, day: date) -> str:
        return "thành phố" if self.ctx.home and day >= TWO_TIER else self.ctx.level

    def province(self, day: date) -> str:
        return "thành phố Hải Phòng" if self.ctx.home and day >= TWO_TIER else self.ctx.name

    def agency_code(self, key: str, day: date) -> str | None:
        """The agency a task for `key` went to on `day`, or None when there was none (a ward before 07/2025)."""
        if key.startswith("UB-"):
            if not self.ctx.home:
                return None
            if day >= TWO_TIER:
                return f"HP-{key}" if key.count("-") == 2 else None
            return f"HD-{key}" if key.count("-") == 1 else None
        if not self.ctx.home:
            key = REFORM_TARGET.get(key, key)
            return f"{self.ctx.prefix}-{ {'BQLDA': 'SXD', 'BQLKCN': 'STC'}.get(key, key) }"
        if day >= REFORM:
            key = REFORM_TARGET.get(key, key)
        else:
            key = {"SNNMT": "STNMT", "SKHCN": "STTTT"}.get(key, key)
        if day >= TWO_TIER:
            return f"HP-{ {'BQLKCN': 'BQLKKT'}.get(key, key) }"
        return f"HD-{key}"

    def assignee(self, code: str, day: date) -> str:
        """The agency as a directive names it: "Sở Xây dựng", "UBND huyện Nam Sách", "Văn phòng UBND tỉnh"."""
        _pk, name, short = self.ctx.agencies[code]
        key = code.split("-", 1)[1]
        level = self.level(day)
        special = {"VPUB": f"Văn phòng UBND {level}", "TTRA": f"Thanh tra {level}", "UBND": f"UBND {level}"}
        if key in special:
            return special[key]
        return DEPARTMENT_NAMES.get(key) or short or name

    def strain(self, code: str) -> float:
        """How much more often than most this agency runs late (land, site clearance, three districts)."""
        key = code.split("-", 1)[1]
        if key.startswith("UB-"):
            return HARD_DISTRICTS.get(key.split("-")[1], 1.0) if self.ctx.home else 1.0
        return STRAIN.get(key, 1.0)

    def places_on(self, day: date) -> list[tuple[str, float]]:
        """The local committees of the day: districts until 30/06/2025 (demo province), communes from then."""
        if day >= TWO_TIER:
            return [(code, weight) for code, _district, weight in self.ctx.places]
        if not self.ctx.home:
            return []
        weights: dict[str, float] = {}
        for _code, district, weight in self.ctx.places:
            weights[f"HD-UB-{district}"] = weights.get(f"HD-UB-{district}", 0.0) + weight
        return list(weights.items())

    def local_for(self, commune: str, day: date) -> str | None:
        """The local committee, on `day`, of a commune of today ("HP-TK-03")."""
        if day >= TWO_TIER:
            head, rest = commune.split("-", 1)
            return f"{head}-UB-{rest}"
        return f"HD-UB-{commune.split('-')[1]}" if self.ctx.home else None

    def pick_places(self, day: date, count: int) -> list[str]:
        places = self.places_on(day)
        count = min(count, len(places))
        chosen: list[str] = []
        while len(chosen) < count:
            code = self.rng.choices([p for p, _w in places], [w for _p, w in places])[0]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def author_for(self, code: str) -> int:
        staff = self.ctx.staff.get(code)
        if not staff:
            return self.ctx.creator
        demo = [pk for pk, _name in staff if pk in self.demo_authors]
        return demo[0] if demo and self.rng.random() < 0.6 else self.rng.choice(staff)[0]

    def responsible_for(self, code: str) -> str:
        staff = self.ctx.staff.get(code)
        return self.rng.choice(staff)[1] if staff else people.person_name(self.rng)

    # -- numbers and words ---------------------------------------------------------------------------------------
    def dates(self, count: int) -> list[date]:
        """From 2021 to yesterday, one in each slice of equal weight, so the last weeks always have some; Hải Phòng
        since 01/07/2025 (a city of four million) issues four times as many as Hải Dương did."""
        last = self.today - timedelta(days=1)
        days = [FIRST_DAY + timedelta(days=i) for i in range((last - FIRST_DAY).days + 1)]
        weights = list(accumulate(4.0 if self.ctx.home and day >= TWO_TIER else 1.0 for day in days))
        picks = [days[bisect_left(weights, (i + self.rng.random()) * weights[-1] / count)] for i in range(count)]
        return [min(_weekday(day), last) for day in picks]

    def number(self, suffix: str, day: date) -> str:
        """Numbers of each series run through the year, with the issuer's other documents in between."""
        rate = next(r for s, _k, r, _w in SERIES if s == suffix)
        key = (self.province(day), suffix, day.year)
        guess = int((day.timetuple().tm_yday - 1) * rate) + self.rng.randint(1, 1 + int(rate * 2))
        self.numbers[key] = max(self.numbers.get(key, 0) + 1, guess)
        return f"{self.numbers[key]:02d}/{suffix}"

    def values(self, day: date, project: str = "") -> dict[str, str]:
        q, _roman = _quarter(day)
        quarter = f"quý IV/{day.year - 1}" if q == 1 else f"quý {['I', 'II', 'III'][q - 2]}/{day.year}"
        return {
            "year": str(day.year),
            "next_year": str(day.year + 1),
            "prev_year": str(day.year - 1),
            "quarter": quarter,
            "level": self.level(day),
            "project": project,
            "country": self.rng.choice(COUNTRIES),
            "ministry": _ministry("BKHDT", day),
        }

    def topic(self, day: date) -> Topic:
        topics = [
            t
            for t in TOPICS
            if (t.since is None or day >= t.since)
            and (t.until is None or day <= t.until)
            and (t.key != "two_tier" or self.ctx.home)
        ]
        return self.rng.choices(topics, [t.weight for t in topics])[0]

    def project(self, kind: str, day: date) -> tuple[int, str, str] | None:
        """A project decided at least two months before the meeting (one of the last 400 so decided)."""
        rows = self.ctx.projects.get(kind) or []
        end = bisect_left(rows, (day - timedelta(days=60),))
        if not end:
            return None
        _decided, pk, name, commune = rows[self.rng.randrange(max(0, end - 400), end)]
        return pk, name, commune

    # -- one generated directive ---------------------------------------------------------------------------------
    def directive(self, day: date) -> DirectivePlan | None:
        rng = self.rng
        topic = self.topic(day)
        project = self.project(topic.project, day) if topic.project else None
        if topic.project and project is None:
            return None
        series = [s for s in SERIES if s[0] != "KH-UBND" or topic.plan]
        suffix, kind, _rate, _share = rng.choices(series, [s[3] for s in series])[0]
        values = self.values(day, project[1] if project else "")
        chair, vices, chief = self.leaders[self.era(day)]
        level = values["level"]
        by_chair = rng.random() < 0.45
        leader = chair if by_chair else rng.choice(vices)
        leader_title = f"Chủ tịch UBND {level}" if by_chair else f"Phó Chủ tịch UBND {level}"
        meeting = topic.meeting.format(**values)
        subject = topic.subject.format(**values)
        issuer = f"Ủy ban nhân dân {self.province(day)}"
        signer = leader
        if suffix == "TB-UBND":
            who = leader_title if by_chair else f"{leader_title} {leader}"
            title = f"Thông báo kết luận của {who} tại cuộc họp {meeting}"
        elif suffix == "TB-VP":
            issuer = f"Văn phòng {issuer}"
            signer = chief
            title = f"Thông báo kết luận của đồng chí {leader}, {leader_title} tại cuộc họp {meeting}"
        elif suffix == "CT-UBND":
            title = f"Chỉ thị {subject}"
        elif suffix == "KH-UBND":
            title = f"Kế hoạch {topic.plan.format(**values)}"
        else:
            title = f"V/v {subject.removeprefix('về ')}"
        tasks = self.tasks(topic, day, values, project)
        if len(tasks) < 2:
            return None
        directive = Directive(
            kind=kind,
            number=self.number(suffix, day),
            issued_on=day,
            issuer=issuer,
            signer=signer,
            title=title[:500],
            created_by_id=self.ctx.creator,
        )
        directive.text = self.text(suffix, topic, day, values, leader, leader_title, tasks)
        return DirectivePlan(directive, tasks)

    def tasks(self, topic: Topic, day: date, values: dict[str, str], project) -> list[TaskPlan]:
        rng = self.rng
        wanted = rng.choices(range(2, 9), [10, 18, 22, 18, 14, 10, 8])[0]
        jobs = list(topic.jobs)
        rng.shuffle(jobs)
        if project:  # the project's own tasks first
            jobs.sort(key=lambda job: "{project}" not in job.action)
        plans: list[TaskPlan] = []
        for job in jobs:
            room = wanted - len(plans)
            if room <= 0:
                break
            codes, written = self.leads(job, day, project, room)
            when = self.deadline(job, day)  # a generic body's agencies share the sentence and its deadline
            plans += [self.task(job, code, written, when, day, values, project, topic.until) for code in codes]
        return plans

    def leads(self, job: Job, day: date, project, room: int) -> tuple[list[str], str]:
        """The lead agencies of a job on `day`, and the assignee as written when a generic body names several."""
        rng = self.rng
        if job.who == "DEPTS":
            codes = sorted({c for c in (self.agency_code(k, day) for k in DEPTS) if c in self.ctx.agencies})
            return rng.sample(codes, min(len(codes), rng.randint(3, 5), room)), "Các sở, ban, ngành"
        if job.who == "COMMUNES":
            chosen = self.pick_places(day, min(rng.randint(2, 4), room))
            if day < TWO_TIER and self.ctx.home:
                return chosen, "UBND các huyện, thị xã, thành phố"
            return chosen, "UBND các xã, phường"
        if job.who == "COMMUNE":
            code = self.local_for(project[2], day) if project else None
            if code is None:
                code = next(iter(self.pick_places(day, 1)), None)
            return ([code], "") if code in self.ctx.agencies else ([], "")
        code = self.agency_code(job.who, day)
        return ([code], "") if code in self.ctx.agencies else ([], "")

    def task(self, job: Job, code: str, written: str, when, day: date, values, project, ends) -> TaskPlan:
        rng = self.rng
        deadline, deadline_text, standing = when
        coop_codes = [c for c in (self.agency_code(k, day) for k in job.coop) if c in self.ctx.agencies and c != code]
        priority = Task.Priority.NORMAL
        if deadline and (deadline - day).days <= 10 and rng.random() < 0.5:
            priority = Task.Priority.URGENT
        elif rng.random() < 0.2:
            priority = Task.Priority.HIGH
        task = Task(
            assigned_on=day,
            title=_capital(job.action.format(**values))[:1000],
            assignee_text=written or self.assignee(code, day),
            lead_agency_id=self.ctx.agencies[code][0],
            responsible_person=self.responsible_for(code),
            cooperating_text=job.coop_text.format(**values),
            expected_result_kind=job.kind,
            expected_result=_capital(job.result.format(**values)),
            deadline=deadline,
            original_deadline=deadline,
            deadline_text=deadline_text,
            standing=standing,
            waits_on=_ministry(job.waits_on, day) if job.waits_on and rng.random() < 0.6 else "",
            priority=priority,
            project_id=project[0] if project and "{project}" in job.action else None,
            created_by_id=self.ctx.creator,
        )
        plan = TaskPlan(task, code, self.author_for(code), coop=[self.ctx.agencies[c][0] for c in coop_codes])
        plan.line = self.line(task, [self.assignee(c, day) for c in coop_codes])
        self.fate(plan, ends)
        return plan

    def deadline(self, job: Job, day: date) -> tuple[date | None, str, bool]:
        """A date as directives write it: "trước ngày ...", "trong tháng ...", "trong quý ..."; or none."""
        rng = self.rng
        if job.standing:
            return None, rng.choice(["thường xuyên", "thường xuyên, báo cáo kết quả hằng tháng", "hằng quý"]), True
        if rng.random() < 0.06:
            return None, rng.choice(["khẩn trương", "sớm", "ngay", ""]), False
        due = day + timedelta(days=rng.randint(*job.days))
        style = rng.random()
        if style < 0.2:
            due = _month_end(due)
            return due, f"trong tháng {due.month}/{due.year}", False
        if style < 0.3 and job.days[1] >= 60:
            q, roman = _quarter(due)
            due = _month_end(date(due.year, q * 3, 1))
            return due, f"trong quý {roman}/{due.year}", False
        return due, f"trước ngày {_day(due)}", False

    @staticmethod
    def line(task: Task, coop: list[str]) -> str:
        """The sentence of the directive that gives the task."""
        with_ = coop + ([task.cooperating_text] if task.cooperating_text else [])
        lead = f"{task.assignee_text} chủ trì, phối hợp với {', '.join(with_)}" if with_ else task.assignee_text
        result = f"; {_lower(task.expected_result)}" if task.expected_result else ""
        when = f", {task.deadline_text}" if task.deadline_text else ""
        return f"{lead}: {_lower(task.title)}{result}{when}."

    def text(self, suffix, topic: Topic, day: date, values, leader, leader_title, tasks: list[TaskPlan]) -> str:
        level = values["level"]
        reporter_code = self.agency_code(topic.reporter, day)
        reporter = self.assignee(reporter_code, day) if reporter_code in self.ctx.agencies else f"UBND {level}"
        lines = list(dict.fromkeys(plan.line for plan in tasks))  # a generic body's line gives several tasks
        if suffix in ("TB-UBND", "TB-VP"):
            body = [
                f"Ngày {_day(day)}, đồng chí {leader}, {leader_title} chủ trì cuộc họp "
                f"{topic.meeting.format(**values)}. Dự họp có lãnh đạo {reporter} và các cơ quan, đơn vị liên quan.",
                f"Sau khi nghe {reporter} báo cáo và ý kiến của các đại biểu dự họp, đồng chí {leader_title} kết luận "
                "như sau:",
                f"1. Thời gian qua, các cơ quan, đơn vị đã có nhiều cố gắng; tuy nhiên {topic.problem}.",
                "2. Giao nhiệm vụ cụ thể như sau:",
                *[f"{chr(97 + i)}) {line}" for i, line in enumerate(lines)],
                f"3. Văn phòng UBND {level} theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo {leader_title}.",
            ]
        elif suffix == "CT-UBND":
            body = [
                f"Thời gian qua, {topic.problem}. Để khắc phục tình trạng trên, Chủ tịch UBND {level} yêu cầu:",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
                f"{len(lines) + 1}. Văn phòng UBND {level} theo dõi, đôn đốc việc thực hiện Chỉ thị này.",
            ]
        elif suffix == "KH-UBND":
            body = [
                "I. MỤC ĐÍCH, YÊU CẦU",
                f"Khắc phục tình trạng {topic.problem}; phân công rõ người, rõ việc, rõ thời gian, rõ trách nhiệm.",
                "II. NHIỆM VỤ CỤ THỂ",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
                "III. TỔ CHỨC THỰC HIỆN",
                f"Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về {reporter} để tổng hợp, báo cáo "
                f"UBND {level}.",
            ]
        else:
            body = [
                f"Xét báo cáo của {reporter} {topic.subject.format(**values)}, Chủ tịch UBND {level} có ý kiến như "
                "sau:",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
            ]
        for plan in tasks:
            plan.task.source_sentence = next(line for line in body if line.endswith(plan.line))
        return "\n".join(body)

    # -- what became of a task -----------------------------------------------------------------------------------
    def fate(self, plan: TaskPlan, ends: date | None = None) -> None:
        """Extension, progress and completion, drawn so that the statuses today look like a real province's."""
        rng, today, task = self.rng, self.today, plan.task
        start = task.assigned_on
        strain = self.strain(plan.agency)
        done: date | None
        if task.standing and ends is not None:  # the matter itself ended (COVID-19, the 2025 reorganisation)
            done = ends + timedelta(days=rng.randint(15, 120))
        elif task.standing:  # closed, if ever, when the matter is settled
            age = (today - start).days
            chance = 0.85 if age > 720 else 0.6 if age > 365 else 0.25 if age > 200 else 0.0
            done = start + timedelta(days=rng.randint(120, max(121, min(age, 720)))) if rng.random() < chance else None
        elif task.deadline is None:  # "khẩn trương": nothing to be late against
            done = start + timedelta(days=rng.randint(5, 75))
        else:
            due = task.deadline
            earliest = start + timedelta(days=max(1, int((due - start).days * 0.35)))
            late = 0.18 * strain
            if rng.random() < 0.06 * strain:
                ext = self.decided_extension(plan, due)
                if ext is not None:
                    earliest = max(earliest, ext.decided + timedelta(days=1))
                    if ext.state == ExtensionRequest.State.APPROVED:
                        due = ext.new
                    else:
                        late = 0.5
            if rng.random() < min(0.9, late):
                done = due + timedelta(days=self.lateness(strain))
            else:  # mostly in the last days before the deadline
                done = due - timedelta(days=int(max(0, (due - earliest).days) * rng.random() ** 2))
        if done is not None and done >= today:
            done = None
        if done is None and task.deadline is not None and plan.extension is None:
            near = -5 <= (task.deadline - today).days <= 20
            if near and rng.random() < 0.3 * strain:
                self.pending(plan)
        self.progress(plan, done)

    def lateness(self, strain: float) -> int:
        """Days after the deadline: mostly a few weeks, with a long tail where land is involved."""
        rng, roll = self.rng, self.rng.random()
        if strain >= 2:
            return rng.randint(1, 30) if roll < 0.5 else rng.randint(31, 120) if roll < 0.8 else rng.randint(121, 400)
        if strain >= 1:
            return rng.randint(1, 30) if roll < 0.85 else rng.randint(31, 90) if roll < 0.98 else rng.randint(91, 200)
        return rng.randint(1, 20)

    def decided_extension(self, plan: TaskPlan, due: date) -> Extension | None:
        rng, task = self.rng, plan.task
        asked = max(task.assigned_on + timedelta(days=1), due - timedelta(days=rng.randint(1, 10)))
        decided = asked + timedelta(days=rng.randint(1, 6))
        if decided >= self.today:
            return None
        approve = rng.random() < 0.7
        plan.extension = Extension(
            asked,
            due,
            due + timedelta(days=rng.randint(15, 60)),
            self.reason(task),
            plan.author,
            ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED,
            decided,
            rng.choice(self.ctx.deciders),
            rng.choice(APPROVALS) if approve else rng.choice(REFUSALS),
        )
        if approve:
            plan.events.append(Event(decided, "extend", plan.extension.decider, deadline=plan.extension.new))
        return plan.extension

    def pending(self, plan: TaskPlan, asked: date | None = None) -> None:
        """The agency has just asked for more time; the request waits for a specialist or a leader."""
        rng, today, task = self.rng, self.today, plan.task
        asked = asked or max(task.assigned_on + timedelta(days=1), today - timedelta(days=rng.randint(0, 5)))
        if asked <= today:
            new = max(task.deadline, today) + timedelta(days=rng.randint(15, 45))
            plan.extension = Extension(asked, task.deadline, new, self.reason(task), plan.author)

    def reason(self, task: Task) -> str:
        return self.rng.choice(EXTENSION_REASONS).format(
            households=self.rng.randint(3, 40), ministry=task.waits_on or _ministry("BKHDT", task.assigned_on)
        )

    def progress(self, plan: TaskPlan, done: date | None) -> None:
        """A couple of progress reports for some tasks, and the report that closes each finished one."""
        rng, today, task = self.rng, self.today, plan.task
        start = task.assigned_on
        end = done or today
        reports = 0
        if (end - start).days > 6 and rng.random() < (0.7 if plan.author in self.demo_authors else 0.35):
            reports = rng.randint(1, 3 if done is None else 2)
        days = sorted({start + timedelta(days=rng.randint(3, (end - start).days - 1)) for _ in range(reports)})
        stuck = done is None and task.deadline is not None and task.deadline < today
        percent = 0
        for i, day in enumerate(days):
            percent = min(95, percent + rng.randint(15, 40))
            template = rng.choice(TROUBLE) if stuck and i == len(days) - 1 else rng.choice(UPDATES)
            text = template.format(percent=percent, households=rng.randint(3, 40))
            plan.events.append(Event(day, "progress", plan.author, percent, text))
        if done is not None:
            plan.events.append(Event(done, "done", plan.author, 100, self.result(plan, done)))
        plan.events.sort(key=lambda event: (event.day, event.kind != "extend"))

    def result(self, plan: TaskPlan, day: date) -> str:
        key = plan.agency.split("-", 1)[1]
        abbr = "UBND" if key.startswith("UB-") else DOC_ABBR.get(key, key)
        level = self.level(day)
        number = f"{self.rng.randint(20, 3200)}"
        kind = plan.task.expected_result_kind
        if plan.task.standing:
            return f"Đã triển khai thường xuyên; tổng kết tại Báo cáo số {number}/BC-{abbr} ngày {_day(day)}."
        if kind == "decision":
            return f"Đã trình dự thảo tại Tờ trình số {number}/TTr-{abbr} ngày {_day(day)}; UBND {level} đã ban hành."
        if kind == "plan":
            return f"Đã trình UBND {level} ban hành (Tờ trình số {number}/TTr-{abbr} ngày {_day(day)})."
        if kind == "proposal":
            return f"Đã có Văn bản số {number}/{abbr} ngày {_day(day)} đề xuất; chờ cấp có thẩm quyền xem xét."
        return f"Đã hoàn thành; báo cáo UBND {level} tại Văn bản số {number}/BC-{abbr} ngày {_day(day)}."

    # -- the seeds -----------------------------------------------------------------------------------------------
    def seeds(self) -> list[DirectivePlan]:
        """The two real meetings, with the tasks made from them by hand (data/seed_*.json)."""
        plans = []
        for name in ("seed_002.json", "seed_000.json"):
            data = json.loads((DATA / name).read_text(encoding="utf-8"))
            day = date.fromisoformat(data["issued_on"])
            text = _article((DATA / data["text"]).read_text(encoding="utf-8"), data["title"])
            directive = Directive(
                kind=data["kind"],
                issued_on=day,
                issuer=data["issuer"],
                title=data["title"],
                text=text,
                source=f"{data['source']} ({data['text']})",
                created_by_id=self.ctx.creator,
            )
            sentences = _sentences(text)
            tasks = []
            for item in data["tasks"]:
                anchor = clean(item["anchor"])
                sentence = next((s for s in sentences if anchor in s), "")
                deadline = date.fromisoformat(item["deadline"]) if item["deadline"] else None
                for key, outcome in zip(item["agencies"], item["outcomes"], strict=True):
                    code = self.agency_code(key, day)
                    task = Task(
                        assigned_on=day,
                        title=_capital(item["action"]),
                        assignee_text=item["assignee"],
                        lead_agency_id=self.ctx.agencies[code][0],
                        responsible_person=self.responsible_for(code),
                        cooperating_text="; ".join(item["cooperating"]),
                        expected_result_kind=item.get("result_kind", Task.ResultKind.REPORT),
                        deadline=deadline,
                        original_deadline=deadline,
                        deadline_text=item["deadline_text"] or "",
                        standing=item["standing"],
                        source_sentence=sentence,
                        created_by_id=self.ctx.creator,
                    )
                    plan = TaskPlan(task, code, self.author_for(code))
                    done = date.fromisoformat(outcome) if outcome else None
                    self.progress(plan, done if done and done < self.today else None)
                    tasks.append(plan)
            plans.append(DirectivePlan(directive, tasks))
        return plans

    # -- the demo officers' working sessions ---------------------------------------------------------------------
    def session_days(self) -> list[tuple[date, tuple]]:
        """When the demo officers' agencies met a leader: about 150, 60 and 20 days ago (all after 07/2025)."""
        found = []
        for username, (key, name) in DEMO_OFFICERS.items():
            user = self.ctx.demo_users.get(username)
            if user is None:
                continue
            for index, (ago, fates) in enumerate(SESSIONS):
                day = _weekday(max(TWO_TIER + timedelta(days=3), self.today - timedelta(days=ago)))
                if day < self.today:
                    found.append((day, (key, name, user, fates, index)))
        return found

    def session(self, day: date, key: str, name: str, user: tuple[int, str], fates, index: int) -> DirectivePlan:
        """A leader's working session with a demo officer's agency: one task of each status wanted today."""
        _chair, vices, chief = self.leaders[self.era(day)]
        level = self.level(day)
        code = self.agency_code(key, day)
        subject, actions = SESSION_ACTIONS[key]
        directive = Directive(
            kind=Directive.Kind.CONCLUSION,
            number=self.number("TB-VP", day),
            issued_on=day,
            issuer=f"Văn phòng Ủy ban nhân dân {self.province(day)}",
            signer=chief,
            title=f"Thông báo kết luận của đồng chí {vices[0]}, Phó Chủ tịch UBND {level} tại buổi làm việc với "
            f"{name} về {subject}",
            created_by_id=self.ctx.creator,
        )
        first = sum(len(f) for _ago, f in SESSIONS[:index])
        tasks = []
        for offset, fate in enumerate(fates):
            action, kind, result = actions[(first + offset) % len(actions)]
            due = None if fate == "standing" else SESSION_DEADLINES[fate](day, self.today)
            task = Task(
                assigned_on=day,
                title=_capital(action),
                assignee_text=name,
                lead_agency_id=self.ctx.agencies[code][0],
                responsible_person=user[1],
                expected_result_kind=kind,
                expected_result=_capital(result),
                deadline=due,
                original_deadline=due,
                deadline_text="thường xuyên" if due is None else f"trước ngày {_day(due)}",
                standing=due is None,
                priority=Task.Priority.HIGH if fate in ("overdue", "due_soon") else Task.Priority.NORMAL,
                created_by_id=self.ctx.creator,
            )
            plan = TaskPlan(task, code, user[0])
            plan.line = self.line(task, [])
            self.forced(plan, fate)
            tasks.append(plan)
        lines = [f"{i}. {plan.line}" for i, plan in enumerate(tasks, start=1)]
        for plan, line in zip(tasks, lines, strict=True):
            plan.task.source_sentence = line
        directive.text = "\n".join(
            [
                f"Ngày {_day(day)}, đồng chí {vices[0]}, Phó Chủ tịch UBND {level} làm việc với {name} về {subject}.",
                f"Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND {level} kết luận, giao nhiệm vụ như sau:",
                *lines,
            ]
        )
        return DirectivePlan(directive, tasks)

    def forced(self, plan: TaskPlan, fate: str) -> None:
        """What became of a session's task, chosen so that it has `fate` today (see SESSION_DEADLINES)."""
        task, today = plan.task, self.today
        decider = self.ctx.deciders[0]
        due = task.deadline
        done = None
        if fate == "on_time":
            done = due - timedelta(days=5)
        elif fate == "late":
            done = due + timedelta(days=12)
        elif fate in ("approved", "refused"):
            asked, decided = due - timedelta(days=4), due - timedelta(days=2)
            approve = fate == "approved"
            state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
            note = APPROVALS[1] if approve else REFUSALS[0]
            new = due + timedelta(days=30)
            plan.extension = Extension(asked, due, new, self.reason(task), plan.author, state, decided, decider, note)
            if approve:
                plan.events.append(Event(decided, "extend", decider, deadline=new))
            done = new - timedelta(days=3) if approve else due + timedelta(days=9)
        elif fate == "pending":
            self.pending(plan, asked=today - timedelta(days=2))
        if done is not None and done >= today:
            done = today - timedelta(days=1)
        self.progress(plan, done)
        if fate == "overdue" and not any(e.kind == "progress" for e in plan.events):
            day = max(task.assigned_on + timedelta(days=1), due - timedelta(days=5))
            plan.events.insert(0, Event(day, "progress", plan.author, 60, TROUBLE[0].format(households=7)))


# The demo officers' sessions with a leader: (days ago, the status each task will have today)
SESSIONS = [
    (150, ("on_time", "late", "approved", "refused", "standing")),
    (60, ("overdue", "on_time")),
    (20, ("due_soon", "pending", "in_progress")),
]
SESSION_DEADLINES: dict[str, Callable[[date, date], date]] = {
    "on_time": lambda day, today: day + timedelta(days=30),
    "late": lambda day, today: day + timedelta(days=25),
    "approved": lambda day, today: day + timedelta(days=30),
    "refused": lambda day, today: day + timedelta(days=35),
    "overdue": lambda day, today: max(day + timedelta(days=10), today - timedelta(days=20)),
    "due_soon": lambda day, today: today + timedelta(days=4),
    "pending": lambda day, today: today + timedelta(days=6),
    "in_progress": lambda day, today: today + timedelta(days=45),
}
SESSION_ACTIONS = {
    "SXD": (
        "công tác quản lý xây dựng, trật tự đô thị",
        [
            ("rà soát, báo cáo tình hình cấp giấy phép xây dựng các dự án trong khu vực đô thị", R, "báo cáo UBND"),
            ("kiểm tra chất lượng hạ tầng các khu dân cư đã hoàn thành, đề xuất nghiệm thu", R, "biên bản kiểm tra"),
            ("tham mưu dự thảo Quyết định phân cấp quản lý hạ tầng kỹ thuật đô thị", D, "dự thảo Quyết định"),
            ("thẩm định điều chỉnh thiết kế cơ sở dự án mở rộng đường trục chính đô thị", OT, "văn bản thẩm định"),
            ("hướng dẫn các xã, phường kiểm tra, xử lý vi phạm trật tự xây dựng", OT, "văn bản hướng dẫn"),
            ("kiểm tra, báo cáo tình hình trật tự xây dựng trên các tuyến phố chính", R, "báo cáo kết quả kiểm tra"),
            ("rà soát các dự án nhà ở xã hội; đề xuất giải pháp đẩy nhanh tiến độ", R, "báo cáo UBND"),
            ("tổng hợp, công bố chỉ số giá xây dựng quý", OT, "văn bản công bố"),
            ("tham mưu Kế hoạch phát triển nhà ở giai đoạn tiếp theo", P, "dự thảo Kế hoạch"),
            ("kiểm tra an toàn lao động tại các công trình sử dụng vốn ngân sách", R, "báo cáo kết quả kiểm tra"),
        ],
    ),
    "UB-TPHD-01": (
        "công tác giải phóng mặt bằng, trật tự xây dựng và chuyển đổi số",
        [
            (
                "hoàn thành kiểm đếm, lập phương án bồi thường dự án chỉnh trang khu dân cư trên địa bàn",
                OT,
                "phương án được phê duyệt",
            ),
            ("xử lý dứt điểm các trường hợp lấn chiếm vỉa hè, hành lang giao thông", R, "báo cáo kết quả xử lý"),
            ("tổ chức đối thoại với các hộ chưa đồng thuận phương án bồi thường, hỗ trợ", R, "biên bản đối thoại"),
            ("số hóa hồ sơ địa chính, kết quả giải quyết thủ tục hành chính của phường", OT, "dữ liệu được cập nhật"),
            ("giải quyết dứt điểm các vi phạm trật tự xây dựng đã phát hiện", R, "báo cáo kết quả xử lý"),
            ("rà soát quỹ đất công do phường quản lý, lập phương án khai thác", P, "phương án khai thác quỹ đất"),
            ("bàn giao mặt bằng còn lại cho chủ đầu tư dự án cải tạo hệ thống thoát nước", R, "biên bản bàn giao"),
            ("tổ chức lấy ý kiến nhân dân về phương án chỉnh trang đô thị", R, "báo cáo tổng hợp ý kiến"),
            ("kiện toàn tổ công tác hướng dẫn người dân nộp hồ sơ trực tuyến", OT, "quyết định kiện toàn"),
            ("rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên địa bàn", R, "danh sách được phê duyệt"),
        ],
    ),
}


def _article(text: str, title: str) -> str:
    """The article from its title on, without the portal's menu above it."""
    lines = [clean(line) for line in text.split("\n")]
    start = next((i for i, line in enumerate(lines) if line == clean(title)), 0)
    return "\n".join(lines[start:]).strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?…])\s+|\n+", text) if s.strip()]


# ---------------------------------------------------------------------------------------------------------------
# Writing, and what happened to the tasks around the reorganisations
# ---------------------------------------------------------------------------------------------------------------
class Timeline:
    """Writes the plans, then what happened to the tasks, in the order of the reorganisations (see above)."""

    def __init__(self, today: date):
        self.today = today
        self.kept: list[TaskPlan] = []  # the demo province's tasks: the reorganisations move some of them
        self.counts = {"directives": 0, "tasks": 0, "progress_updates": 0, "extension_requests": 0}
        self.users: dict[int, User] = {}

    def user(self, pk: int) -> User:
        """A stand-in carrying the key, enough for a history row's author."""
        if pk not in self.users:
            self.users[pk] = User(pk=pk)
        return self.users[pk]

    def write(self, plans: list[DirectivePlan], *, keep: bool) -> None:
        directives = [plan.directive for plan in plans]
        for directive in directives:
            directive.text = "\n".join(clean(line) for line in directive.text.split("\n"))
            directive.search_key = search_key(f"{directive.number} {directive.title} {directive.issuer}")[:900]
            directive._history_user = self.user(directive.created_by_id)
        bulk_create_with_history(directives, Directive, batch_size=BATCH)
        tasks: list[TaskPlan] = []
        for plan in plans:
            label = plan.directive.number or plan.directive.title
            for task_plan in plan.tasks:
                task = task_plan.task
                task.directive_id = plan.directive.pk
                task.search_key = search_key(f"{task.title} {task.assignee_text} {task.expected_result}")[:1500]
                task._history_user = self.user(task.created_by_id)
                task._change_reason = f"Giao tại {label}"[:200]
                tasks.append(task_plan)
        bulk_create_with_history([p.task for p in tasks], Task, batch_size=BATCH)
        through = Task.cooperating_agencies.through
        through.objects.bulk_create(
            [through(task_id=p.task.pk, agency_id=agency) for p in tasks for agency in p.coop], batch_size=BATCH
        )
        self.counts["directives"] += len(directives)
        self.counts["tasks"] += len(tasks)
        if keep:
            self.kept += tasks
        else:  # no reorganisation to wait for
            self.apply(tasks, None)
            self.records(tasks)

    def advance(self, day: date) -> None:
        """Apply what happened before `day` to the demo province's tasks (called before each reorganisation)."""
        self.apply(self.kept, day)

    def finish(self, actor) -> dict[str, int]:
        """After the reorganisations: hand the districts' open tasks over, apply the rest, write the records."""
        self.advance(TWO_TIER)
        self.hand_over_district_tasks(actor)
        self.apply(self.kept, None)
        self.records(self.kept)
        self.notify(self.kept)
        self.kept = []
        return self.counts

    def apply(self, plans: list[TaskPlan], until: date | None) -> None:
        """Write each task's events before `until` in rounds (one event per task a round), each with its row."""

        def waiting(plans: list[TaskPlan]) -> list[TaskPlan]:
            return [p for p in plans if p.applied < len(p.events) and (not until or p.events[p.applied].day < until)]

        due = waiting(plans)
        if not due:
            return
        leads = dict(_tasks_of(due).values_list("pk", "lead_agency_id"))
        for plan in due:  # a reorganisation may have moved it since it was written
            plan.task.lead_agency_id = leads[plan.task.pk]
        while due:
            by_kind: dict[str, list[Task]] = {kind: [] for kind in EVENT_FIELDS}
            for plan in due:
                event = plan.events[plan.applied]
                plan.applied += 1
                task = plan.task
                task._history_user = self.user(event.by)
                if event.kind == "extend":
                    task.deadline = event.deadline
                    task._change_reason = f"Gia hạn được chấp thuận: {plan.extension.reason}"
                else:
                    task.progress = event.percent
                    task._change_reason = f"Báo cáo tiến độ ngày {_day(event.day)}"
                    if event.kind == "done":
                        task.completed_on = event.day
                        task.result = event.text
                by_kind[event.kind].append(task)
            for kind, tasks in by_kind.items():
                if tasks:
                    bulk_update_with_history(tasks, Task, EVENT_FIELDS[kind], batch_size=UPDATE_BATCH)
            due = waiting(due)

    def records(self, plans: list[TaskPlan]) -> None:
        """The progress updates and extension requests behind the task rows."""
        updates = []
        for plan in plans:
            for event in plan.events:
                if event.kind == "extend":
                    continue
                update = ProgressUpdate(
                    task_id=plan.task.pk,
                    reported_on=event.day,
                    text=event.text,
                    percent=event.percent,
                    completed=event.kind == "done",
                    author_id=event.by,
                )
                update._history_user = self.user(event.by)
                updates.append(update)
        bulk_create_with_history(updates, ProgressUpdate, batch_size=BATCH)
        requests, decided = [], []
        for plan in plans:
            ext = plan.extension
            if ext is None:
                continue
            request = ExtensionRequest(
                task_id=plan.task.pk,
                old_deadline=ext.old,
                requested_deadline=ext.new,
                reason=ext.reason,
                requested_by_id=ext.by,
            )
            request._history_user = self.user(ext.by)
            requests.append((request, ext))
        bulk_create_with_history([request for request, _ext in requests], ExtensionRequest, batch_size=BATCH)
        for request, ext in requests:
            request.requested_at = _at(ext.asked, 9)
            if ext.state != ExtensionRequest.State.PENDING:
                request.state = ext.state
                request.decided_by_id = ext.decider
                request.decided_at = _at(ext.decided, 15)
                request.decision_note = ext.note
                request._history_user = self.user(ext.decider)
                request._change_reason = ext.note
                decided.append(request)
        # requested_at is stamped on creation; the demo's requests were made on their own days
        ExtensionRequest.objects.bulk_update([r for r, _e in requests], ["requested_at"], batch_size=UPDATE_BATCH)
        bulk_update_with_history(
            decided, ExtensionRequest, ["state", "decided_by", "decided_at", "decision_note"], batch_size=UPDATE_BATCH
        )
        self.counts["progress_updates"] += len(updates)
        self.counts["extension_requests"] += len(requests)

    def hand_over_district_tasks(self, actor) -> int:
        """District committees ended on 30/06/2025 without a successor: their open tasks go to the committee of
        the project's commune, else of the district's first commune (NQ 1669/NQ-UBTVQH15)."""
        committees = dict(Agency.objects.filter(code__startswith="HP-UB-").values_list("code", "pk"))
        districts = dict(Agency.objects.filter(code__startswith="HD-UB-").values_list("pk", "code"))
        names = dict(Agency.objects.filter(pk__in=districts).values_list("pk", "name"))
        moved = []
        open_tasks = Task.objects.filter(lead_agency__in=districts, completed_on__isnull=True, deleted_at__isnull=True)
        for task in open_tasks.select_related("project__commune"):
            district = districts[task.lead_agency_id].removeprefix("HD-UB-")
            commune = task.project.commune.code if task.project and task.project.commune else f"HP-{district}-01"
            target = committees.get(commune.replace("HP-", "HP-UB-", 1))
            if target:
                task._change_reason = f"Tiếp nhận nhiệm vụ của {names[task.lead_agency_id]} theo {DISTRICT_HANDOVER}"
                task.lead_agency_id = target
                moved.append(task)
        if moved:
            bulk_update_with_history(moved, Task, ["lead_agency"], batch_size=UPDATE_BATCH, default_user=actor)
        return len(moved)

    def notify(self, plans: list[TaskPlan]) -> None:
        """What the demo's users find in their notifications: new tasks, requests to decide, decisions taken."""
        kind, recent = Notification.Kind, self.today - timedelta(days=14)
        specialists = list(User.objects.filter(is_active=True, role=Role.SPECIALIST).values_list("pk", flat=True))
        leads = dict(_tasks_of(plans).values_list("pk", "lead_agency_id"))
        staff: dict[int, list[int]] = {}
        for pk, agency in User.objects.filter(is_active=True, role=Role.OFFICER).values_list("pk", "agency_id"):
            staff.setdefault(agency, []).append(pk)
        rows = []
        for plan in plans:
            task, ext = plan.task, plan.extension
            title = task.title if len(task.title) < 200 else f"{task.title[:197]}..."
            if task.assigned_on >= recent:
                message = f"Việc mới: {title}" + (f" hạn {_day(task.deadline)}" if task.deadline else "")
                rows += [
                    Notification(user_id=user, task=task, kind=kind.ASSIGNED, day=task.assigned_on, message=message)
                    for user in staff.get(leads[task.pk], [])
                ]
            if ext is not None and ext.state == ExtensionRequest.State.PENDING:
                message = f"{task.assignee_text} xin gia hạn “{title}” đến {_day(ext.new)}"[:500]
                rows += [
                    Notification(user_id=user, task=task, kind=kind.EXTENSION_REQUESTED, day=ext.asked, message=message)
                    for user in specialists
                ]
            elif ext is not None and ext.decided >= recent:
                verdict = "đồng ý" if ext.state == ExtensionRequest.State.APPROVED else "không đồng ý"
                message = f"Gia hạn “{title}” đến {_day(ext.new)}: {verdict}"
                rows.append(
                    Notification(
                        user_id=ext.by,
                        task=task,
                        kind=kind.EXTENSION_DECIDED,
                        day=ext.decided,
                        message=message,
                    )
                )
        Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _tasks_of(plans: list[TaskPlan]):
    """The written tasks of `plans`, by key range (written together, their keys follow each other)."""
    keys = [p.task.pk for p in plans]
    return Task.objects.filter(pk__range=(min(keys), max(keys))) if keys else Task.objects.none()


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


# ---------------------------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------------------------
def load(scale: str, seed: int, *, progress: Callable[[str], None] = print, today: date | None = None) -> Timeline:
    """Write the directives and tasks of `scale` as they were given; the returned Timeline applies what happened
    next around the reorganisations (`advance(day)` before each, `finish(actor)` after them)."""
    size = SIZES[scale]
    today = today or timezone.localdate()
    timeline = Timeline(today)
    home = home_context()
    timeline.write(Generator(home, random.Random(f"{seed}-directives-HD"), today).plans(size.directives), keep=True)
    others = [(code, unit_type, name) for code, unit_type, name, *_r in catalogue.PROVINCES if code != "HP"]
    for index, (code, unit_type, name) in enumerate(others if size.others else []):
        budget = (size.cap - timeline.counts["tasks"]) // (len(others) - index)  # an even share of what is left
        prefix = f"P{code}"
        ctx = Context(
            False,
            prefix,
            unit_type,
            f"{unit_type} {name}",
            home.agencies,
            home.staff,
            _places(prefix, home.agencies, False),
            _projects(prefix),
            home.admin,  # no specialist there: the administrator enters and decides
            [home.admin],
        )
        plans = Generator(ctx, random.Random(f"{seed}-directives-{code}"), today).plans(size.others)
        timeline.write(_thinned(plans, budget), keep=False)
        progress(f"Nhiệm vụ: {_n(timeline.counts['tasks'])} / {_n(size.cap)}")
    progress(f"Văn bản chỉ đạo: {_n(timeline.counts['directives'])}; nhiệm vụ: {_n(timeline.counts['tasks'])}")
    return timeline


def _thinned(plans: list[DirectivePlan], budget: int) -> list[DirectivePlan]:
    """Drop directives evenly over the years until their tasks fit the budget (recent ones stay as many)."""
    total = sum(len(plan.tasks) for plan in plans)
    share = min(1.0, budget / total) if total else 1.0
    kept, count = [], 0
    for index, plan in enumerate(plans):
        if int((index + 1) * share) > int(index * share) and count + len(plan.tasks) <= budget:
            kept.append(plan)
            count += len(plan.tasks)
    return kept


def home_context() -> Context:
    """The demo province as the database holds it: agencies, their officers, the demo logins, the projects."""
    agencies = {
        code: (pk, name, short)
        for code, pk, name, short in Agency.objects.values_list("code", "pk", "name", "short_name")
    }
    staff: dict[str, list[tuple[int, str]]] = {}
    officers = User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk")
    for pk, code, name in officers.values_list("pk", "agency__code", "full_name"):
        staff.setdefault(code, []).append((pk, name))
    logins = {
        u.username: u for u in User.objects.filter(username__in=["admin", "lanhdao", "chuyenvien", *DEMO_OFFICERS])
    }
    demo_users = {name: (logins[name].pk, logins[name].full_name) for name in DEMO_OFFICERS if name in logins}
    if "canbo.xaydung" in demo_users and demo_users["canbo.xaydung"] not in staff.get("HP-SXD", []):
        staff.setdefault("HP-SXD", []).append(demo_users["canbo.xaydung"])  # he moves there on 01/07/2025
    admin = logins["admin"].pk
    creator = logins["chuyenvien"].pk if "chuyenvien" in logins else admin
    # the specialist decides most extension requests, the leader some
    deciders = [logins[n].pk for n in ("chuyenvien", "chuyenvien", "lanhdao") if n in logins] or [admin]
    return Context(
        True,
        "HD",
        "tỉnh",
        "tỉnh Hải Dương",
        agencies,
        staff,
        _places("HP", agencies, True),
        _projects("HP"),
        creator,
        deciders,
        demo_users,
        admin,
        logins["lanhdao"].full_name if "lanhdao" in logins else "",
    )


def _places(prefix: str, agencies, home: bool) -> list[tuple[str, str, float]]:
    """The communes' committees of today, with the old district and the weight that draws them."""
    places = []
    for code in sorted(c for c in agencies if c.startswith(f"{prefix}-UB-")):
        district = code.split("-")[2] if home else ""
        places.append((code, district, HARD_DISTRICTS.get(district, 1.0)))
    return places


def _projects(province: str) -> dict[str, list[tuple[date, int, str, str]]]:
    """Public projects under way (site clearance) and private ones that may be late, by decision date."""
    found: dict[str, list[tuple[date, int, str, str]]] = {"public": [], "private": []}
    rows = Project.objects.filter(commune__parent__code=province, status__in=["preparing", "implementing", "suspended"])
    for pk, name, kind, commune, policy, certificate in rows.values_list(
        "pk", "name", "kind", "commune__code", "policy_decision_date", "certificate_date"
    ):
        decided = policy or certificate
        if decided is not None:
            found["public" if kind == "public" else "private"].append((decided, pk, name, commune))
    for rows_of_kind in found.values():
        rows_of_kind.sort()
    return found
