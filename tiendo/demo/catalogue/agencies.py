"""The departments of a province and the ministries, as they were until 2025 and after the reforms, and which
of them merged into which (data)."""

from __future__ import annotations

# (key, name, short name, English, Chinese); "reform" departments end on 01/03/2025 into the key given.
DEPARTMENTS = [
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Department of Planning and Investment", "计划投资厅"),
    ("STC", "Sở Tài chính", "Sở TC", "Department of Finance", "财政厅"),
    ("SXD", "Sở Xây dựng", "Sở XD", "Department of Construction", "建设厅"),
    ("SGTVT", "Sở Giao thông vận tải", "Sở GTVT", "Department of Transport", "交通运输厅"),
    (
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "Sở TN&MT",
        "Department of Natural Resources and Environment",
        "资源环境厅",
    ),
    (
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở NN&PTNT",
        "Department of Agriculture and Rural Development",
        "农业农村发展厅",
    ),
    ("SCT", "Sở Công Thương", "Sở CT", "Department of Industry and Trade", "工贸厅"),
    (
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH",
        "Department of Labour, Invalids and Social Affairs",
        "劳动荣军社会厅",
    ),
    ("SNV", "Sở Nội vụ", "Sở NV", "Department of Home Affairs", "内务厅"),
    ("STP", "Sở Tư pháp", "Sở TP", "Department of Justice", "司法厅"),
    ("SYT", "Sở Y tế", "Sở YT", "Department of Health", "卫生厅"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Department of Education and Training", "教育培训厅"),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VH-TT&DL",
        "Department of Culture, Sports and Tourism",
        "文化体育旅游厅",
    ),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", "Department of Science and Technology", "科技厅"),
    (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "Sở TT&TT",
        "Department of Information and Communications",
        "信息传媒厅",
    ),
    ("VPUB", "Văn phòng Ủy ban nhân dân", "VP UBND", "Office of the People's Committee", "人民委员会办公厅"),
    ("TTRA", "Thanh tra", "Thanh tra", "Inspectorate", "监察厅"),
]
NEW_DEPARTMENTS = [
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "Sở NN&MT",
        "Department of Agriculture and Environment",
        "农业环境厅",
    ),
]
# 01/03/2025: which departments end, and which department takes their work
DEPARTMENT_MERGES = [
    (("SKHDT",), "STC"),
    (("SGTVT",), "SXD"),
    (("STNMT", "SNNPTNT"), "SNNMT"),
    (("SLDTBXH",), "SNV"),
    (("STTTT",), "SKHCN"),
]
ENDED_IN_REFORM = {code for sources, _ in DEPARTMENT_MERGES for code in sources}

MINISTRIES = [
    ("CP", "Chính phủ", "CP", "The Government", "政府"),
    ("VPCP", "Văn phòng Chính phủ", "VPCP", "Office of the Government", "政府办公厅"),
    ("BKHDT", "Bộ Kế hoạch và Đầu tư", "Bộ KH&ĐT", "Ministry of Planning and Investment", "计划投资部"),
    ("BTC", "Bộ Tài chính", "Bộ TC", "Ministry of Finance", "财政部"),
    ("BXD", "Bộ Xây dựng", "Bộ XD", "Ministry of Construction", "建设部"),
    ("BGTVT", "Bộ Giao thông vận tải", "Bộ GTVT", "Ministry of Transport", "交通运输部"),
    (
        "BTNMT",
        "Bộ Tài nguyên và Môi trường",
        "Bộ TN&MT",
        "Ministry of Natural Resources and Environment",
        "资源环境部",
    ),
    (
        "BNNPTNT",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ NN&PTNT",
        "Ministry of Agriculture and Rural Development",
        "农业农村发展部",
    ),
    ("BCT", "Bộ Công Thương", "Bộ CT", "Ministry of Industry and Trade", "工贸部"),
    (
        "BLDTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
        "Bộ LĐ-TB&XH",
        "Ministry of Labour, Invalids and Social Affairs",
        "劳动荣军社会部",
    ),
    ("BNV", "Bộ Nội vụ", "Bộ NV", "Ministry of Home Affairs", "内务部"),
    (
        "BTTTT",
        "Bộ Thông tin và Truyền thông",
        "Bộ TT&TT",
        "Ministry of Information and Communications",
        "信息传媒部",
    ),
    ("BKHCN", "Bộ Khoa học và Công nghệ", "Bộ KH&CN", "Ministry of Science and Technology", "科技部"),
    ("BTP", "Bộ Tư pháp", "Bộ TP", "Ministry of Justice", "司法部"),
    ("BYT", "Bộ Y tế", "Bộ YT", "Ministry of Health", "卫生部"),
    ("BGDDT", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "Ministry of Education and Training", "教育培训部"),
    (
        "BVHTTDL",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ VH-TT&DL",
        "Ministry of Culture, Sports and Tourism",
        "文化体育旅游部",
    ),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", "NHNN", "State Bank of Vietnam", "越南国家银行"),
    ("KBNN", "Kho bạc Nhà nước", "KBNN", "State Treasury", "国库"),
    ("KTNN", "Kiểm toán Nhà nước", "KTNN", "State Audit Office", "国家审计署"),
]
NEW_MINISTRIES = [
    (
        "BNNMT",
        "Bộ Nông nghiệp và Môi trường",
        "Bộ NN&MT",
        "Ministry of Agriculture and Environment",
        "农业环境部",
    )
]
MINISTRY_MERGES = [
    (("BKHDT",), "BTC"),
    (("BGTVT",), "BXD"),
    (("BTNMT", "BNNPTNT"), "BNNMT"),
    (("BLDTBXH",), "BNV"),
    (("BTTTT",), "BKHCN"),
]

# Central agencies' local offices in the demo province (not departments): the tax office, the customs branch and
# the provincial police (who approve fire-safety designs) serving Hải Dương until the province joins Hải Phòng,
# then those of Hải Phòng city. The intermediate regional stage of 2025 (tax and customs "khu vực" branches from
# March) is not modelled: see the README, "Petitions: what is real, what is invented".
CENTRAL_OFFICES = [  # (code, name, short name, English, Chinese, the ministry it belongs to)
    ("HD-CT", "Cục Thuế tỉnh Hải Dương", "Cục Thuế", "Hai Duong Tax Department", "海阳省税务局", "TW-BTC"),
    ("HD-HQ", "Chi cục Hải quan Hải Dương", "Chi cục HQ", "Hai Duong Customs Branch", "海阳海关分局", "TW-BTC"),
    ("HD-CA", "Công an tỉnh Hải Dương", "Công an tỉnh", "Hai Duong Provincial Police", "海阳省公安厅", None),
    ("HP-THUE", "Thuế thành phố Hải Phòng", "Thuế TP", "Hai Phong City Tax Office", "海防市税务局", "TW-BTC"),
    ("HP-HQ", "Hải quan Hải Phòng", "Hải quan HP", "Hai Phong Customs", "海防海关", "TW-BTC"),
    ("HP-CA", "Công an thành phố Hải Phòng", "Công an TP", "Hai Phong City Police", "海防市公安局", None),
]
CENTRAL_OFFICE_MERGES = [
    ("HD-CT", "HP-THUE", "Quyết định của Bộ Tài chính về tổ chức cơ quan thuế từ 01/07/2025"),
    ("HD-HQ", "HP-HQ", "Quyết định của Bộ Tài chính về tổ chức cơ quan hải quan từ 01/07/2025"),
    ("HD-CA", "HP-CA", "Nghị quyết 202/2025/QH15 ngày 12/06/2025"),
]
