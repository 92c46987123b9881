"""The growth figures in Vietnamese: number format, period names, the monthly report's paragraph and the task texts."""

import pytest

from tests.domain.growth_cases import CONTRACT_INPUT, changed
from tiendo.domain.growth import (
    COMPONENTS,
    Direction,
    IndicatorTarget,
    Reading,
    RequiredTooHigh,
    ScenarioInput,
    Shortfall,
    compute,
    draft_paragraph,
    grdp_alerts,
    indicator_alert,
    scenario_from_json,
    task_text,
)
from tiendo.domain.growth.summary import months_name, number, percent, period_name, points


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9.85, "9,85"),
        (12.345, "12,35"),  # half away from zero, not the float's 12.3449…
        (-12.345, "-12,35"),
        (6.1, "6,1"),
        (13.0, "13"),
        (1234.5, "1.234,5"),
        (-0.001, "0"),
        (0.0, "0"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, text):
    assert number(value) == text


def test_percent_points_and_periods():
    assert percent(0.0985) == "9,85%" and percent(0.13) == "13%" and percent(-0.021) == "-2,1%"
    assert points(-0.45) == "0,45 điểm phần trăm"
    assert [period_name(q, 2026) for q in (1, 2, 3, 4)] == [
        "quý I/2026",
        "6 tháng đầu năm 2026",
        "9 tháng năm 2026",
        "năm 2026",
    ]
    assert [months_name(m) for m in (1, 3, 5, 6, 9, 12)] == [
        "tháng 1",
        "quý I",
        "5 tháng",
        "6 tháng đầu năm",
        "9 tháng",
        "cả năm",
    ]


def test_the_paragraph_of_the_contracts_example():
    # the year so far 13,431.7/102,700 = 13.08 %, planned 12,842/102,700 = 12.50 %: 0.57 points above
    assert draft_paragraph(compute(scenario_from_json(CONTRACT_INPUT))) == (
        "GRDP 6 tháng đầu năm 2026 ước tăng 13,08%, cao hơn kịch bản 0,57 điểm phần trăm. Trong đó, khu vực nông, "
        "lâm nghiệp và thủy sản tăng 2,99% (kịch bản 3%), đóng góp 0,13 điểm phần trăm; khu vực công nghiệp – xây "
        "dựng tăng 16,53% (kịch bản 15,53%), đóng góp 9,49 điểm phần trăm; khu vực dịch vụ tăng 9,26% (kịch bản "
        "9,26%), đóng góp 2,79 điểm phần trăm; thuế sản phẩm trừ trợ cấp sản phẩm tăng 8,26% (kịch bản 8,26%), đóng "
        "góp 0,66 điểm phần trăm. Để đạt mục tiêu tăng 13% cả năm, các quý III và IV cần tăng bình quân 12,93%; nếu "
        "các quý III và IV đạt kịch bản, cả năm ước tăng 13,38%, cao hơn mục tiêu 0,38 điểm phần trăm."
    )


def test_a_first_quarter_below_its_scenario():
    one = ScenarioInput(2026, 0.13, {"g": (100.0,) * 4}, {"g": (0.0985,)}, {"g": (0.103, 0.13, 0.14, 0.15)})
    text = draft_paragraph(compute(one), names={"g": "toàn nền kinh tế"})
    assert text.startswith("GRDP quý I/2026 ước tăng 9,85%, thấp hơn kịch bản 0,45 điểm phần trăm. Trong đó, ")
    assert "toàn nền kinh tế tăng 9,85% (kịch bản 10,3%), đóng góp 9,85 điểm phần trăm." in text
    # (0.52 − 0.0985)/3 = 14.05 %
    assert "Để đạt mục tiêu tăng 13% cả năm, các quý II, III và IV cần tăng bình quân 14,05%" in text


def test_the_last_quarter_the_finished_year_and_an_easy_target():
    last = compute(scenario_from_json(changed(*((f"actual_growth.{c}", [0.13, 0.13, 0.13]) for c in COMPONENTS))))
    assert "GRDP 9 tháng năm 2026 ước tăng 13%" in draft_paragraph(last)
    assert "quý IV cần tăng 13%;" in draft_paragraph(last)
    whole = changed(("scenario", None), *((f"actual_growth.{c}", [0.12] * 4) for c in COMPONENTS))
    assert draft_paragraph(compute(scenario_from_json(whole))).endswith(
        "So với mục tiêu tăng 13% cả năm, kết quả không đạt (thấp hơn mục tiêu 1 điểm phần trăm)."
    )
    easy = changed(("target_growth", 0.01), *((f"actual_growth.{c}", [0.1, 0.1]) for c in COMPONENTS))
    assert "vẫn đạt nếu các quý III và IV giảm không quá " in draft_paragraph(compute(scenario_from_json(easy)))


def test_before_the_first_quarter():
    data = changed(("actual_growth", None))
    assert draft_paragraph(compute(scenario_from_json(data))).startswith(
        "Chưa có số liệu GRDP quý nào của năm 2026 được công bố. Theo kịch bản, GRDP năm 2026 tăng "
    )
    blind = draft_paragraph(compute(scenario_from_json(changed(("actual_growth", None), ("scenario", None)))))
    assert blind.endswith("Để đạt mục tiêu tăng 13% cả năm, cả bốn quý cần tăng bình quân 13%.")


def test_task_texts_carry_the_figures():
    grdp = Shortfall(2026, 2, None, 0.112, 0.12, -0.8, -0.8)
    assert task_text(grdp).startswith("GRDP quý II/2026 tăng 11,2%, thấp hơn kịch bản (12%) 0,8 điểm phần trăm.")
    services = Shortfall(2026, 1, "services", 0.085, 0.095, -1.0, -0.31)
    assert task_text(services).startswith(
        "Khu vực dịch vụ quý I/2026 tăng 8,5%, thấp hơn kịch bản (9,5%) 1 điểm phần trăm, làm tăng trưởng GRDP của "
        "quý thấp hơn kịch bản 0,31 điểm phần trăm. Đề nghị"
    )
    high = RequiredTooHigh(2026, 0.13, 0.152, 0.141, (3, 4), 0.118, 0.125)
    assert task_text(high).startswith(
        "Tăng trưởng GRDP đến nay đạt 11,8%; để đạt mục tiêu tăng 13% năm 2026, các quý III và IV cần tăng bình quân "
        "15,2%, cao hơn mức tăng cao nhất của kịch bản (14,1%) 1,1 điểm phần trăm."
    )
    revenue = indicator_alert(
        "Thu ngân sách", IndicatorTarget(12000.0, cumulative=True), Reading(5000.0, 6), unit="tỷ đồng"
    )
    assert task_text(revenue).startswith(
        "Chỉ tiêu “Thu ngân sách” 6 tháng đầu năm đạt 5.000 tỷ đồng, thấp hơn mức cần đạt (6.000 tỷ đồng, 50% mục "
        "tiêu năm 12.000 tỷ đồng): chậm so với tiến độ cần đạt."
    )
    poverty = IndicatorTarget(0.015, 0.02, Direction.LOWER)
    behind = indicator_alert("Tỷ lệ hộ nghèo", poverty, Reading(0.0209, 9), unit="%")
    assert task_text(behind).startswith(
        "Chỉ tiêu “Tỷ lệ hộ nghèo” 9 tháng đạt 2,09%, cao hơn mức cần đạt (2%, mục tiêu năm 1,5–2%): có nguy cơ không "
        "đạt mục tiêu."
    )


def test_every_alert_of_a_bad_year_has_a_text():
    data = changed(*((f"actual_growth.{c}", [0.05, 0.04]) for c in COMPONENTS))
    alerts = grdp_alerts(compute(scenario_from_json(data)))
    assert {type(a) for a in alerts} == {Shortfall, RequiredTooHigh}
    assert all(task_text(a).endswith(".") and "điểm phần trăm" in task_text(a) for a in alerts)
