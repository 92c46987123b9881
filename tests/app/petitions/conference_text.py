"""A dialogue conference's conclusion written for the tests: six commitments for named departments."""

CONCLUSION = """THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại Hội nghị đối thoại với doanh nghiệp năm 2026

Ngày 15/5/2026, Ủy ban nhân dân tỉnh tổ chức Hội nghị đối thoại giữa lãnh đạo tỉnh với cộng đồng doanh nghiệp \
đang hoạt động tại các khu công nghiệp. Sau khi nghe các doanh nghiệp nêu khó khăn, vướng mắc và ý kiến trả lời \
của các sở, ngành, Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
1. Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát, hướng dẫn thủ tục điều chỉnh dự án đầu \
tư cho các doanh nghiệp tại Khu công nghiệp Đại An, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/6/2026.
2. Giao Sở Xây dựng hoàn thành việc cấp giấy phép xây dựng nhà xưởng cho Công ty TNHH Hoshino Việt Nam trước \
ngày 15/7/2026.
3. Sở Nông nghiệp và Môi trường giải quyết dứt điểm hồ sơ giao đất, cho thuê đất của các doanh nghiệp tại Cụm \
công nghiệp Cẩm Điền trong tháng 9/2026.
4. Giao Ban Quản lý các khu công nghiệp tỉnh phối hợp với Công ty Điện lực Hải Dương bảo đảm cấp điện ổn định \
cho Khu công nghiệp Phúc Điền, hoàn thành trước ngày 31/8/2026.
5. Sở Nội vụ tổ chức phiên giao dịch việc làm cho các doanh nghiệp khu công nghiệp trước ngày 30/9/2026.
6. Giao Sở Công Thương chủ trì tổng hợp kết quả thực hiện các nội dung trên, báo cáo tại Hội nghị đối thoại \
doanh nghiệp tiếp theo trong tháng 11/2026.
"""

# what was written: (lead agency's code, deadline)
WRITTEN = [
    ("HD-STC", "2026-06-30"),
    ("HD-SXD", "2026-07-15"),
    ("HD-SNNMT", "2026-09-30"),
    ("HD-BQLKCN", "2026-08-31"),
    ("HD-SNV", "2026-09-30"),
    ("HD-SCT", "2026-11-30"),
]
