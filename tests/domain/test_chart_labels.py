"""The labels of a chart's vertical lines never overlap and never leave the chart (issue 14: the as-of day printed
over the deadline on the disbursement S-curves)."""

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.chart_labels import Box, Label, place_labels, text_width

# the S-curve's plot area (tiendo.plans.charts.s_curve: 860 × 300, margins 44, 64, 14, 40)
AREA = {"left": 44.0, "right": 796.0, "top": 14.0, "bottom": 260.0}


def test_two_labels_a_few_days_apart_stack_instead_of_overlapping():
    deadline, as_of = Label(700.0, "Hạn 31/01/2027"), Label(690.0, "07/12/2026")
    first, second = place_labels([deadline, as_of], **AREA)
    assert not first.box.intersects(second.box)
    assert second.baseline > first.baseline  # the second goes one row down


def test_labels_far_apart_share_the_top_row():
    first, second = place_labels([Label(100.0, "Hạn 31/01/2026"), Label(600.0, "07/12/2026")], **AREA)
    assert first.baseline == second.baseline


def test_a_label_near_the_right_edge_goes_left_of_its_line():
    (placed,) = place_labels([Label(790.0, "Hạn 31/01/2027")], **AREA)
    assert placed.anchor == "end"
    assert placed.x == 786.0
    assert placed.box.right <= AREA["right"]


def test_a_label_wider_than_the_chart_is_shortened_with_an_ellipsis():
    (placed,) = place_labels([Label(60.0, "Vốn bổ sung hoặc kéo dài " * 3)], left=0, right=200, top=0, bottom=50)
    assert placed.text.endswith("…")
    assert placed.box.right - placed.box.left <= 200


def test_a_label_that_finds_no_free_row_is_left_out():
    labels = [Label(100.0, "31/01/2027")] * 3
    assert len(place_labels(labels, left=0, right=400, top=0, bottom=30, font_size=11)) == 2


def test_chinese_characters_count_an_em_each_and_accents_nothing():
    assert text_width("截止日期", 10) == 40
    assert text_width("a\u0301", 10) == text_width("a", 10)


def test_an_empty_plot_area_is_refused():
    with pytest.raises(ValueError, match="plot area"):
        place_labels([Label(1.0, "x")], left=10, right=10, top=0, bottom=100)


def test_boxes_that_only_touch_do_not_intersect():
    assert not Box(0, 0, 10, 10).intersects(Box(10, 0, 20, 10))
    assert Box(0, 0, 10, 10).intersects(Box(9, 9, 20, 20))


texts = st.text(
    alphabet=st.sampled_from("0123456789/ HạnVốnbổsungWM截止日期ĐƯỜNG"),
    min_size=1,
    max_size=40,
)


@given(
    st.lists(st.tuples(st.floats(-50, 900, allow_nan=False), texts), max_size=12),
    st.floats(8, 16),
)
def test_no_two_placed_labels_intersect_and_all_stay_inside_the_chart(lines, font_size):
    placed = place_labels([Label(at, text) for at, text in lines], font_size=font_size, **AREA)
    for one, other in combinations(placed, 2):
        assert not one.box.intersects(other.box)
    for label in placed:
        assert AREA["left"] - 1e-6 <= label.box.left <= label.box.right <= AREA["right"] + 1e-6
        assert AREA["top"] <= label.box.top <= label.box.bottom <= AREA["bottom"]
        assert text_width(label.text, font_size) == pytest.approx(label.box.right - label.box.left)
        anchor_edge = label.box.left if label.anchor == "start" else label.box.right
        assert label.x == pytest.approx(anchor_edge)


@given(st.lists(st.tuples(st.floats(44, 796, allow_nan=False), texts), max_size=10))
def test_every_label_is_placed_while_the_chart_has_a_row_for_each(lines):
    # 246 units of height hold 17 rows of 11-unit text: ten labels always fit, even all on one line
    placed = place_labels([Label(at, text) for at, text in lines], **AREA)
    assert [p.label for p in placed] == [Label(at, text) for at, text in lines]


boxes = st.builds(
    lambda x, y, w, h: Box(x, y, x + w, y + h),
    st.floats(0, 800, allow_nan=False),
    st.floats(0, 260, allow_nan=False),
    st.floats(1, 120, allow_nan=False),
    st.floats(1, 30, allow_nan=False),
)


@given(st.lists(st.tuples(st.floats(44, 796, allow_nan=False), texts), max_size=8), st.lists(boxes, max_size=4))
def test_placed_labels_keep_clear_of_the_text_already_on_the_chart(lines, occupied):
    placed = place_labels([Label(at, text) for at, text in lines], occupied=occupied, **AREA)
    for label in placed:
        assert not any(label.box.intersects(box) for box in occupied)
    for one, other in combinations(placed, 2):
        assert not one.box.intersects(other.box)


def test_a_label_moves_down_a_row_to_clear_the_curve_s_last_value():
    value = Box(700.0, 14.0, 760.0, 26.0)
    (placed,) = place_labels([Label(690.0, "07/12/2026")], occupied=[value], **AREA)
    assert placed.box.top >= value.bottom
