"""All the meeting topics, and the words the generator draws from: departments, countries, how late each agency
runs, the series of documents, progress sentences, extension reasons, refusals and approvals."""

from __future__ import annotations

from tiendo.directives.models import Directive

from . import topics_investment, topics_projects

TOPICS = [*topics_investment.TOPICS, *topics_projects.TOPICS]
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
