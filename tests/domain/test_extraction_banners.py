"""A pasted web page's banner, menu and footer are not the directive's title."""

import pytest

from tiendo.domain.extraction.banners import guess_title, is_site_banner

PORTAL_PAGE = """Cổng thông tin điện tử tỉnh Hải Dương
Trang chủ > Tin tức > Chỉ đạo, điều hành
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Kế hoạch và Đầu tư
Sáng 21/2, đồng chí Chủ tịch UBND tỉnh làm việc với Sở Kế hoạch và Đầu tư.
Bản quyền thuộc Cổng thông tin điện tử tỉnh Hải Dương. Ghi rõ nguồn khi phát hành lại thông tin từ website này.
"""


@pytest.mark.parametrize(
    "line",
    [
        "Cổng thông tin điện tử tỉnh Hải Dương",
        "CỔNG THÔNG TIN ĐIỆN TỬ THÀNH PHỐ HẢI PHÒNG",
        "Cong thong tin dien tu tinh Hai Duong",
        "Cổng TTĐT tỉnh Hải Dương",
        "Trang thông tin điện tử Sở Kế hoạch và Đầu tư",
        "Báo điện tử Hải Dương",
        "Trang chủ > Tin tức > Chỉ đạo, điều hành",
        "Giới thiệu | Tin tức | Văn bản | Liên hệ",
        "© 2024 Sở Kế hoạch và Đầu tư",
        "Copyright by haiduong.gov.vn",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ],
)
def test_portal_furniture_is_a_banner(line):
    assert is_site_banner(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Kế hoạch và Đầu tư",
        "Thông báo kết luận của Thường trực Tỉnh ủy về tiến độ các dự án trọng điểm",
        "Kết luận cuộc họp về dự án Khu công nghiệp Cẩm Giàng - Cổng thông tin điện tử tỉnh Hải Dương",
        "Giao Sở Tài chính chủ trì cân đối vốn > 500 tỷ đồng",
        "",
    ],
)
def test_a_document_line_is_not_a_banner(line):
    assert not is_site_banner(line)


def test_the_title_of_a_pasted_portal_page_skips_its_banner_and_breadcrumb():
    assert guess_title(PORTAL_PAGE) == "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Kế hoạch và Đầu tư"


def test_a_text_of_banners_and_sentences_only_falls_back_to_its_first_real_line():
    text = "Cổng thông tin điện tử tỉnh Hải Dương\nGiao Sở Tài chính cân đối vốn.\n"
    assert guess_title(text) == "Giao Sở Tài chính cân đối vốn."
    assert guess_title("Cổng thông tin điện tử tỉnh Hải Dương\n") == ""
