"""Where the demo's real figures come from: each published page the targets' data cites, by a short key.

A figure in `catalogue` or `figures` that names one of these keys is the published figure as the page gives it;
one with no key (`INVENTED`) is made up for the demo. The README's table "Targets: what is real, what is invented"
lists the same pages (a test keeps the two in step)."""

from __future__ import annotations

from dataclasses import dataclass

INVENTED = ""  # the key of a figure no page gives: made up for the demo


@dataclass(frozen=True)
class Source:
    url: str
    title: str


SOURCES = {
    # Hải Dương's Party Congress XVII (27/10/2020): GRDP up 9 % or more a year on average over 2020-2025
    "hd-congress-17": Source(
        "https://vov.vn/chinh-tri/be-mac-dai-hoi-dang-bo-tinh-hai-duong-813183.vov",
        "Bế mạc Đại hội Đảng bộ tỉnh Hải Dương (VOV, 27/10/2020)",
    ),
    # 2021 grew 8.6 %; 2022 estimated 9.06 % against a plan of 10 % or more; industry-construction 11.8 %
    "hd-2022-estimate": Source(
        "https://m.baohaiduong.vn/kinh-te/grdp-nam-2022-cua-hai-duong-uoc-tang-906-220782",
        "GRDP năm 2022 của Hải Dương ước tăng 9,06% (Báo Hải Dương, 01/12/2022)",
    ),
    # Statistics office, year 2022: 9.0 %, Q1 14.1 %; components' growth; current-price GRDP 169,179 bn; 3,746 USD
    "hd-2022-statistics": Source(
        "https://mekongasean.vn/hai-duong-dung-thu-17-ca-nuoc-ve-thu-hut-dau-tu-nuoc-ngoai-nam-2022-29359.html",
        "Hải Dương đứng thứ 17 cả nước về thu hút đầu tư nước ngoài năm 2022 (Mekong ASEAN)",
    ),
    # 6 months 2022: Q2 9.2 %; exports 5.13 bn USD
    "hd-2022-6m": Source(
        "http://tinhuyhaiduong.vn/news/Pages/new.aspx?CateID=3&ItemID=5777",
        "Hải Dương: Tăng trưởng kinh tế 6 tháng đầu năm 2022 đứng thứ 6 cả nước (Tỉnh ủy Hải Dương, 30/06/2022)",
    ),
    # Statistics office's Q1 2023 report: Q1 2023 8.35 %, Q4 2022 5.8 %
    "hd-2023-q1": Source(
        "https://www.scribd.com/document/649024332/BC-KTXH-T3-tinh-Hai-Duong",
        "Báo cáo tình hình kinh tế - xã hội tháng 3 và quý I năm 2023 tỉnh Hải Dương (Cục Thống kê Hải Dương)",
    ),
    # Statistics office, year 2023: 8.16 % (2022 official: 9.12 %), components, Q4 2023 10.88 %
    "hd-2023-statistics": Source(
        "https://thongkehd.gov.vn/bao-cao-tinh-hinh-kinh-te-xa-hoi-thang-nam-2023/",
        "Báo cáo tình hình kinh tế - xã hội tháng 12 và năm 2023 (Cục Thống kê tỉnh Hải Dương)",
    ),
    # 2023: target above 9 % missed; 1.136 bn USD of investment attracted; 1,805 new enterprises
    "hd-2023-party": Source(
        "https://kienthuc.net.vn/xa-hoi/tang-truong-kinh-te-cua-hai-duong-nam-2023-uoc-dat-82-xep-thu-13-toan-quoc-1928044.html",
        "Tăng trưởng kinh tế của Hải Dương năm 2023 ước đạt 8,2%, xếp thứ 13 toàn quốc (Kiến Thức, 30/11/2023)",
    ),
    # the People's Council's session 19 (6-8/12/2023): 2024 GRDP target 9 % or more
    "hd-2024-plan": Source(
        "https://nhandan.vn/hai-duong-phan-dau-tong-san-pham-tren-dia-ban-grdp-tang-9-tro-len-post786507.html",
        "Hải Dương phấn đấu tổng sản phẩm trên địa bàn (GRDP) tăng 9% trở lên (Nhân Dân, 12/2023)",
    ),
    # 2024 quarters 10.19 / 9.66 / 9.07 / 11.66 %, year 10.2 %; FDI 747.2 million USD to 25/12
    "hd-2024-quarters": Source(
        "https://doanhnghiepkinhdoanh.doanhnhanvn.vn/thiet-hai-do-bao-yagi-grdp-hai-duong-2024-van-tang-tren-10-dung-thu-6-ca-nuoc-4220251411224859.htm",
        "Thiệt hại do bão Yagi, GRDP Hải Dương 2024 vẫn tăng trên 10% (Doanh nghiệp & Kinh doanh)",
    ),
    # Statistics office, 02/01/2025: 2024 10.2 %, contributions by component, 107.4 million đồng = 4,456 USD a head
    "hd-2024-statistics": Source(
        "http://congdoan.vn/tin-tuc/thoi-su-487/quy-mo-kinh-te-tinh-hai-duong-tiep-tuc-dung-thu-11-ca-nuoc-927846.tld",
        "Quy mô kinh tế tỉnh Hải Dương tiếp tục đứng thứ 11 cả nước (Lao Động Công đoàn, 03/01/2025)",
    ),
    # People's Committee's report to the Council, 09/12/2024: revenue 28,813 bn, investment 64,360 bn, FDI 718.1
    # million USD, domestic investment 11,489 bn đồng, 2,000 new enterprises
    "hd-2024-council": Source(
        "https://plo.vn/tang-truong-kinh-te-nam-2024-cua-hai-duong-dung-thu-6-ca-nuoc-post823974.html",
        "Tăng trưởng kinh tế năm 2024 của Hải Dương đứng thứ 6 cả nước (PLO, 09/12/2024)",
    ),
    # Statistics office, year 2024: revenue almost 31,000 bn đồng; development investment over 64,600 bn đồng
    "hd-2024-revenue": Source(
        "https://congthuong.vn/hai-duong-tang-truong-kinh-te-dung-thu-663-tinh-thanh-pho-trong-ca-nuoc-363934.html",
        "Hải Dương: Tăng trưởng kinh tế đứng thứ 6/63 tỉnh, thành phố trong cả nước (Công Thương)",
    ),
    # Government Resolution 25/NQ-CP of 05/02/2025: Hải Phòng's 2025 target 12.5 % (as the city quoted it in Q1)
    "hp-2025-q1": Source(
        "https://vietnambiz.vn/quy-i2025-hai-phong-tang-truong-grdp-cao-thu-6-ca-nuoc-thu-ngan-sach-gan-50000-ty-dong-20254101053355.htm",
        "Quý I/2025: Hải Phòng tăng trưởng GRDP cao thứ 6 cả nước (VietnamBiz, 04/2025)",
    ),
    # 6 months 2025, the merged city: 11.2 % (industry-construction 12.84, services 9.89, agriculture 4.28, taxes 9.95)
    "hp-2025-6m": Source(
        "https://doanhnghiepkinhdoanh.doanhnhanvn.vn/so-huu-hai-nha-may-o-to-lon-quy-mo-kinh-te-hai-phong-duoc-mo-rong-the-nao-sau-sap-nhap-42202577111444242.htm",
        "Sở hữu hai nhà máy ô tô lớn, quy mô kinh tế Hải Phòng được mở rộng thế nào sau sáp nhập (07/2025)",
    ),
    # 6 months 2025: revenue of old Hải Phòng 77,319 bn + Hải Dương 19,500 bn ("almost 97,000")
    "hp-2025-6m-revenue": Source(
        "https://vneconomy.vn/hai-phong-moi-thu-ngan-sach-gan-97-000-ty-trong-6-thang.htm",
        "Hải Phòng mới thu ngân sách gần 97.000 tỷ trong 6 tháng (VnEconomy, 07/2025)",
    ),
    # Council resolution 42/NQ-HĐND of 25/07/2025: the 2025 plan of the city after the merger
    "hp-42-2025": Source(
        "https://nhansu.vn/van-ban-phap-luat/Nghi-quyet-42-NQ-HDND-2025-nhiem-vu-phat-trien-kinh-te-xa-hoi-6-thang-cuoi-nam-sau-sap-xep-Hai-Phong-668973.html",
        "Nghị quyết 42/NQ-HĐND ngày 25/07/2025 của HĐND thành phố Hải Phòng",
    ),
    # 9 months 2025: GRDP 11.59 %, revenue 145,601 bn đồng, exports 36 bn USD, investment 225,177 bn đồng
    "hp-2025-9m": Source(
        "https://vneconomy.vn/hai-phong-ba-chi-tieu-kinh-te-thap-hon-muc-tieu-de-ra.htm",
        "Hải Phòng: Ba chỉ tiêu kinh tế thấp hơn mục tiêu đề ra (VnEconomy, 07/10/2025)",
    ),
    # Statistics office, 06/01/2026: 2025 up 11.81 % against a plan of 12.35 %; components' growth
    "hp-2025-statistics": Source(
        "https://mekongasean.vn/grdp-cua-hai-phong-dung-thu-hai-ca-nuoc-50490.html",
        "GRDP của Hải Phòng đứng thứ hai cả nước (Mekong ASEAN, 01/2026)",
    ),
    # 2025: investment 321,000 bn đồng, exports 50.14 bn USD, 7,200 new enterprises, 14.43 million visitors,
    # disbursement target 100 %
    "hp-2025-review": Source(
        "https://plo.vn/kinh-te-hai-phong-nam-2025-quy-mo-30-ti-usd-dung-thu-3-ca-nuoc-post885699.html",
        "Kinh tế Hải Phòng năm 2025: Quy mô 30 tỉ USD, đứng thứ 3 cả nước (PLO, 09/12/2025)",
    ),
    # Council's session 32 (11/12/2025): revenue above 187,000 bn đồng (estimate)
    "hp-2025-council": Source(
        "https://thoibaotaichinhvietnam.vn/hai-phong-thong-qua-47-nghi-quyet-phat-trien-kinh-te-xa-hoi-188597.html",
        "Hải Phòng thông qua 47 nghị quyết phát triển kinh tế - xã hội (Thời báo Tài chính, 11/12/2025)",
    ),
    # People's Committee's year review (12/01/2026): revenue 190,379 bn đồng; 2026 target 13 %
    "hp-2025-final": Source(
        "https://vneconomy.vn/nam-2026-hai-phong-dat-muc-tieu-tang-truong-13.htm",
        "Năm 2026, Hải Phòng đặt mục tiêu tăng trưởng 13% (VnEconomy, 12/01/2026)",
    ),
    # Council's 2026 plan: GRDP about 13 %, industry-construction 15.16 %, services 11 %; over 16 million visitors
    "hp-2026-plan": Source(
        "https://www.sggp.org.vn/hai-phong-dat-muc-tieu-tro-thanh-noi-dang-song-tam-co-dong-nam-a-post828716.html",
        "Hải Phòng đặt mục tiêu trở thành nơi đáng sống tầm cỡ Đông Nam Á (SGGP, 15/12/2025)",
    ),
    # 2026 exports target 52 bn USD
    "hp-2026-exports": Source(
        "https://doanhnghieptiepthi.vn/nam-2026-hai-phong-dat-muc-tieu-grdp-tang-13-161251227142422312.htm",
        "Năm 2026, Hải Phòng đặt mục tiêu GRDP tăng 13% (Doanh nghiệp & Tiếp thị, 12/2025)",
    ),
    # Government Resolution 01/NQ-CP (08/01/2026), appendix II: Hải Phòng 13-13.5 %
    "nq-01-2026": Source(
        "https://baomoi.net.vn/muc-tieu-tang-truong-grdp-cac-tinh-thanh-pho-truc-thuoc-trung-uong-nam-2026-c54389229.epi",
        "Mục tiêu tăng trưởng GRDP các tỉnh, thành phố năm 2026 (theo Phụ lục II Nghị quyết 01/NQ-CP)",
    ),
    # Council's 5-year plan 2026-2030 (11/12/2025): GRDP 13-14 % a year, 11,247 USD a head in 2030, 9,200 new
    # enterprises a year
    "hp-2026-2030": Source(
        "https://plo.vn/hai-phong-huong-toi-thanh-pho-cang-tam-co-dong-nam-a-trong-5-nam-toi-post886081.html",
        "Hải Phòng hướng tới thành phố cảng tầm cỡ Đông Nam Á trong 5 năm tới (PLO, 11/12/2025)",
    ),
}
