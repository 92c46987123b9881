"""Deadlines as conclusions write them, resolved from the document's date."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tiendo.domain.deadlines import Deadline, document_date, find_deadline, parse_deadline

REF = date(2024, 3, 10)  # a Sunday


@pytest.mark.parametrize(
    ("sentence", "text", "due"),
    [
        # A day, with or without its year.
        ("báo cáo UBND tỉnh trước ngày 30/6/2024.", "trước ngày 30/6/2024", date(2024, 6, 30)),
        ("báo cáo trước ngày 05/7/2024", "trước ngày 05/7/2024", date(2024, 7, 5)),
        ("hoàn thành trước 15/12", "trước 15/12", date(2024, 12, 15)),
        ("hoàn thành trước ngày 05 tháng 7 năm 2024", "trước ngày 05 tháng 7 năm 2024", date(2024, 7, 5)),
        ("trình UBND tỉnh chậm nhất ngày 10/3/2025", "chậm nhất ngày 10/3/2025", date(2025, 3, 10)),
        ("chậm nhất là ngày 20/3", "chậm nhất là ngày 20/3", date(2024, 3, 20)),
        ("thẩm định xong trước 30/4", "trước 30/4", date(2024, 4, 30)),
        ("thực hiện đến hết ngày 31/5/2024", "đến hết ngày 31/5/2024", date(2024, 5, 31)),
        ("hoàn thành trước ngày 30-6-2024", "trước ngày 30-6-2024", date(2024, 6, 30)),
        ("hoàn thành trước ngày 30.6.2024", "trước ngày 30.6.2024", date(2024, 6, 30)),
        # A month: its last day.
        ("hoàn thành trong tháng 3", "trong tháng 3", date(2024, 3, 31)),
        ("hoàn thành trong tháng 4/2024.", "trong tháng 4/2024", date(2024, 4, 30)),
        ("hoàn thành trong tháng 4 năm 2024", "trong tháng 4 năm 2024", date(2024, 4, 30)),
        ("bàn giao mặt bằng trong tháng 11", "trong tháng 11", date(2024, 11, 30)),
        ("hoàn thành trong tháng này", "trong tháng này", date(2024, 3, 31)),
        ("phấn đấu hoàn thành cuối tháng 6/2024", "cuối tháng 6/2024", date(2024, 6, 30)),
        # A quarter: its last day.
        ("tổ chức kỳ họp trong Quý I/2025", "trong Quý I/2025", date(2025, 3, 31)),
        ("hoàn thành trong quý II năm 2025", "trong quý II năm 2025", date(2025, 6, 30)),
        ("hoàn thành trong Quý 3", "trong Quý 3", date(2024, 9, 30)),
        ("hoàn thành trong quý IV/2024", "trong quý IV/2024", date(2024, 12, 31)),
        # A year, when a cue or a completion verb makes it a deadline.
        ("hoàn thành xong các nội dung trong năm 2024 để báo cáo Bộ", "trong năm 2024", date(2024, 12, 31)),
        ("phấn đấu hoàn thành năm 2025", "năm 2025", date(2025, 12, 31)),
        ("đưa vào sử dụng cuối năm 2024", "cuối năm 2024", date(2024, 12, 31)),
        ("giải ngân hết kế hoạch vốn đến hết năm 2024", "đến hết năm 2024", date(2024, 12, 31)),
        ("hoàn thành trong năm nay", "trong năm nay", date(2024, 12, 31)),
        ("giải ngân trong 6 tháng đầu năm", "trong 6 tháng đầu năm", date(2024, 6, 30)),
        ("giải ngân trong 9 tháng đầu năm 2024", "trong 9 tháng đầu năm 2024", date(2024, 9, 30)),
        # "trước" a period: before it starts.
        ("hoàn thành trước tháng 6/2024", "trước tháng 6/2024", date(2024, 5, 31)),
        ("hoàn thành trước Quý III/2024", "trước Quý III/2024", date(2024, 6, 30)),
        ("hoàn thành trước năm 2025", "trước năm 2025", date(2024, 12, 31)),
        # Counted from the document's date.
        ("báo cáo kết quả trong tuần", "trong tuần", REF + timedelta(days=7)),
        ("xác định nguồn gốc đất trong 10 ngày", "trong 10 ngày", REF + timedelta(days=10)),
        ("trả lời trong vòng 30 ngày kể từ ngày nhận", "trong vòng 30 ngày", REF + timedelta(days=30)),
        ("có ý kiến trong 05 ngày làm việc", "trong 05 ngày làm việc", date(2024, 3, 15)),
        ("bảo đảm an ninh trật tự trong 2 tuần", "trong 2 tuần", REF + timedelta(days=14)),
        ("rà soát trong 3 tháng", "trong 3 tháng", date(2024, 6, 10)),
        ("thời hạn: trước ngày 15/4/2024", "thời hạn: trước ngày 15/4/2024", date(2024, 4, 15)),
    ],
)
def test_dated_deadlines(sentence: str, text: str, due: date) -> None:
    found = find_deadline(sentence, REF)
    assert found is not None
    assert (found.text, found.due, found.standing) == (text, due, False)
    assert sentence[found.start : found.end] == text


@pytest.mark.parametrize(
    ("sentence", "reference", "due"),
    [
        # A day without its year that has passed belongs to next year.
        ("hoàn thành trước 15/1", date(2024, 3, 10), date(2025, 1, 15)),
        ("hoàn thành trước 10/3", date(2024, 3, 10), date(2024, 3, 10)),
        ("hoàn thành trước 9/3", date(2024, 3, 10), date(2025, 3, 9)),
        ("hoàn thành trước 15/1", date(2024, 12, 20), date(2025, 1, 15)),
        # So does a month or a quarter.
        ("hoàn thành trong tháng 2", date(2024, 3, 10), date(2025, 2, 28)),
        ("hoàn thành trong tháng 3", date(2024, 3, 31), date(2024, 3, 31)),
        ("hoàn thành trong Quý I", date(2024, 5, 2), date(2025, 3, 31)),
        ("hoàn thành trong quý tới", date(2024, 11, 2), date(2025, 3, 31)),
        ("giải ngân trong 6 tháng đầu năm", date(2024, 10, 1), date(2025, 6, 30)),
        ("hoàn thành trong tháng tới", date(2024, 12, 5), date(2025, 1, 31)),
        # Leap years.
        ("hoàn thành trước ngày 29/2/2024", date(2024, 1, 2), date(2024, 2, 29)),
        ("hoàn thành trước 29/2", date(2023, 5, 1), date(2024, 2, 29)),
        ("hoàn thành trước 29/2", date(2024, 3, 1), date(2028, 2, 29)),
        ("hoàn thành trong tháng 2/2024", date(2024, 1, 2), date(2024, 2, 29)),
        ("hoàn thành trong tháng 2/2023", date(2023, 1, 2), date(2023, 2, 28)),
        ("hoàn thành trong tháng 2", date(2027, 3, 1), date(2028, 2, 29)),
        ("rà soát trong 1 tháng", date(2024, 1, 31), date(2024, 2, 29)),
        ("rà soát trong 1 tháng", date(2023, 1, 31), date(2023, 2, 28)),
        ("có ý kiến trong 3 ngày làm việc", date(2024, 3, 8), date(2024, 3, 13)),  # Friday: Mon, Tue, Wed
    ],
)
def test_years_roll_over_from_the_document_date(sentence: str, reference: date, due: date) -> None:
    found = find_deadline(sentence, reference)
    assert found is not None and found.due == due


@pytest.mark.parametrize(
    "sentence",
    [
        "xây dựng kế hoạch điều chỉnh đầu tư công trung hạn 2021-2025",
        "kế hoạch điều chỉnh năm 2024 và giai đoạn tiếp theo",
        "Chương trình hành động nhiệm kỳ 2020-2025",
        "Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2045",
        "để đạt mục tiêu tăng trưởng 8%",
        "chuẩn bị báo cáo phục vụ Đại hội Đảng bộ tỉnh lần thứ XVIII",
        "kết quả thực hiện nhiệm vụ năm 2020 và mục tiêu năm 2021",
        "tổ chức phiên họp cuối tháng 11/2020",
        "Ngày 26/11/2020, Ban Thường vụ Tỉnh ủy họp",
        "bổ sung dự toán chi thường xuyên",
        "ngay cả khi có nguồn vốn",
        "kiểm tra ngay tại hiện trường",
        "tổ chức vào ngày mai",
        "trước mắt cần tiếp tục cải thiện môi trường đầu tư",
        "phát hiện sớm các ca bệnh",
        "hoàn thành trước khi mùa mưa đến",
        "trước hết cần rà soát",
        "vốn đầu tư 1.000 tỷ đồng trước thuế",
        "",
    ],
)
def test_years_and_dates_that_are_not_deadlines(sentence: str) -> None:
    assert find_deadline(sentence, REF) is None


def test_a_dated_phrase_before_the_document_describes_the_past() -> None:
    assert find_deadline("rà soát các dự án được phê duyệt trước năm 2020", REF) is None
    assert find_deadline("hoàn thành xong các nội dung trong năm 2021", date(2020, 11, 26)) == Deadline(
        "trong năm 2021", date(2021, 12, 31), False, 29, 43
    )
    # Read on its own, the phrase is what it says.
    found = parse_deadline("trước năm 2020", REF)
    assert found is not None and found.due == date(2019, 12, 31)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Đồng thời, sở cần bắt tay ngay vào việc chuẩn bị báo cáo", "ngay"),
        ("triển khai ngay trong thời gian tới", "ngay"),
        ("các cơ quan liên quan sớm có kế hoạch", "sớm"),
        ("trong thời gian sớm nhất", "sớm"),
        ("khẩn trương đề xuất định hướng phát triển", "khẩn trương"),
    ],
)
def test_urgency_is_kept_but_not_dated(sentence: str, text: str) -> None:
    found = find_deadline(sentence, REF)
    assert found is not None
    assert (found.text, found.due, found.standing) == (text, None, False)
    assert sentence[found.start : found.end].lower() == text


def test_ngay_is_a_word_and_differs_from_ngay_day() -> None:
    sentence = "Ngày 21/2 sở cần bắt tay ngay vào việc"
    found = find_deadline(sentence, REF)
    assert found is not None and found.text == "ngay"
    assert found.start == sentence.index("ngay vào")
    assert find_deadline("đến ngày làm việc tiếp theo", REF) is None
    assert find_deadline("trao đổi ngay thẳng", REF) is None


def test_a_dated_deadline_wins_over_urgency() -> None:
    found = find_deadline("khẩn trương hoàn thiện hồ sơ, trình UBND tỉnh trước ngày 15/7/2025", REF)
    assert found is not None and (found.text, found.due) == ("trước ngày 15/7/2025", date(2025, 7, 15))


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("thường xuyên kiểm tra, đôn đốc", "thường xuyên"),
        ("định kỳ hằng tháng báo cáo tiến độ", "định kỳ hằng tháng"),
        ("báo cáo kết quả hàng quý", "hàng quý"),
        ("báo cáo trước ngày 20 hằng tháng", "trước ngày 20 hằng tháng"),
    ],
)
def test_standing_tasks(sentence: str, text: str) -> None:
    found = find_deadline(sentence, REF)
    assert found is not None
    assert (found.text, found.due, found.standing) == (text, None, True)


def test_without_a_reference_only_written_years_are_dated() -> None:
    assert find_deadline("báo cáo trước ngày 30/6/2024") == Deadline(
        "trước ngày 30/6/2024", date(2024, 6, 30), False, 8, 28
    )
    undated = find_deadline("hoàn thành trước 15/12")
    assert undated is not None and (undated.text, undated.due) == ("trước 15/12", None)
    relative = find_deadline("trả lời trong 10 ngày")
    assert relative is not None and relative.due is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("trước ngày 30/6/2024", date(2024, 6, 30)),
        ("30/6/2024", date(2024, 6, 30)),
        ("tháng 3 năm 2024", date(2024, 3, 31)),
        ("trong Quý I/2024", date(2024, 3, 31)),
        ("quý II năm 2025", date(2025, 6, 30)),
        ("Quý 3", date(2024, 9, 30)),
        ("năm 2021", date(2021, 12, 31)),
        ("trong năm 2021", date(2021, 12, 31)),
        ("6 tháng đầu năm", date(2024, 6, 30)),
        ("6 tháng cuối năm 2025", date(2025, 12, 31)),
        ("ngày 05 tháng 3 năm 2024", date(2024, 3, 5)),
        ("  trong tuần  ", REF + timedelta(days=7)),
    ],
)
def test_parse_a_phrase(text: str, due: date) -> None:
    found = parse_deadline(text, REF)
    assert found is not None and found.due == due
    assert text[found.start : found.end].strip() == found.text


@pytest.mark.parametrize("text", ["ngay", "sớm", "khẩn trương"])
def test_parse_an_undated_phrase(text: str) -> None:
    assert parse_deadline(text, REF) == Deadline(text, None, False, 0, len(text))


@pytest.mark.parametrize("text", ["31/2/2024", "trước ngày 30/13/2024", "quý V/2024", "tháng 13", "abc", ""])
def test_parse_refuses_what_is_no_date(text: str) -> None:
    assert parse_deadline(text, REF) is None


def test_decomposed_input_still_matches() -> None:
    import unicodedata

    sentence = unicodedata.normalize("NFD", "hoàn thành trong tháng 4/2024")
    found = find_deadline(sentence, REF)
    assert found is not None and found.due == date(2024, 4, 30)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_any_written_date_after_truoc_ngay_parses_to_itself(due: date, padded: bool) -> None:
    day, month = (f"{due.day:02d}", f"{due.month:02d}") if padded else (str(due.day), str(due.month))
    sentence = f"rà soát, báo cáo UBND tỉnh trước ngày {day}/{month}/{due.year}."
    found = find_deadline(sentence, due - timedelta(days=30))
    assert found is not None and found.due == due
    assert sentence[found.start : found.end] == found.text
    words = parse_deadline(f"ngày {due.day} tháng {due.month} năm {due.year}")
    assert words is not None and words.due == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 12), st.integers(1, 31))
def test_a_day_without_year_is_the_next_one_on_or_after_the_reference(reference: date, month: int, day: int) -> None:
    assume(day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    found = find_deadline(f"hoàn thành trước {day}/{month}", reference)
    assert found is not None and found.due is not None
    assert (found.due.day, found.due.month) == (day, month)
    assert reference <= found.due < reference.replace(day=1) + timedelta(days=366 * 8 + 31)
    if not (day == 29 and month == 2):
        assert found.due < reference + timedelta(days=366)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 12))
def test_a_month_without_year_ends_on_or_after_the_reference(reference: date, month: int) -> None:
    found = find_deadline(f"hoàn thành trong tháng {month}", reference)
    assert found is not None and found.due is not None
    assert found.due.month == month and (found.due + timedelta(days=1)).day == 1
    assert reference <= found.due < reference + timedelta(days=366)


@given(st.text(max_size=300), st.none() | st.dates())
def test_any_text_is_read_without_error(text: str, reference: date | None) -> None:
    for found in (find_deadline(text, reference), parse_deadline(text, reference)):
        if found is not None:
            assert 0 <= found.start <= found.end <= len(text)
    document_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 26/11/2020, Ban Thường vụ Tỉnh ủy tổ chức phiên họp cuối tháng 11/2020.", date(2020, 11, 26)),
        (
            "Đăng nhập\n\n23/4/2023  |  English  |  中文\n\nThường trực Tỉnh ủy làm việc với Sở\n\n"
            "Sáng 21/2, các đồng chí Thường trực Tỉnh ủy nghe báo cáo kế hoạch năm 2024, kế hoạch trung hạn "
            "2021-2025, tầm nhìn đến năm 2045. Kết quả năm 2023 đã chứng minh.",
            date(2024, 2, 21),
        ),
        (
            "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\nSố: 45/TB-UBND\nHải Dương, ngày 05 tháng 3 năm 2024\n\nTHÔNG BÁO\n"
            "Ngày 01/3/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp.",
            date(2024, 3, 5),
        ),
        ("Số: 45/TB-UBND     Hải Dương, ngày 05/3/2024\nTHÔNG BÁO", date(2024, 3, 5)),
        ("(Baohaiduong.vn) - Chiều 5/3 tại trụ sở UBND tỉnh, năm 2025 là năm cuối nhiệm kỳ.", date(2025, 3, 5)),
        ("Hôm nay (26/11), Ban Thường vụ Tỉnh ủy họp bàn kế hoạch năm 2021.", date(2021, 11, 26)),
        ("Tại phiên họp ngày 15/01/2025, Ban Thường vụ Tỉnh ủy kết luận như sau:", date(2025, 1, 15)),
        ("UBND tỉnh vừa có Thông báo số 112/TB-VP ngày 20/5/2024 kết luận của Chủ tịch UBND tỉnh.", date(2024, 5, 20)),
    ],
)
def test_document_date(text: str, expected: date) -> None:
    assert document_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "23/4/2023  |  English  |  中文\n\nThường trực Tỉnh ủy làm việc với Sở Kế hoạch và Đầu tư",
        "Sáng 21/2, các đồng chí làm việc với Sở Kế hoạch và Đầu tư.",  # no year anywhere
        "Sáng 21/2, bàn quy hoạch thời kỳ 2021-2030, tầm nhìn đến năm 2045.",
        "Thực hiện Quyết định số 12/QĐ-UBND, ngày 5/3/2023 của UBND tỉnh",
        "",
    ],
)
def test_no_document_date(text: str) -> None:
    assert document_date(text) is None
