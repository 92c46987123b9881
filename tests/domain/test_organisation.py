"""Who exists when, and who took over: pure rules, no database."""

from datetime import date

import pytest

from tiendo.domain.organisation import AgencyFacts, MergeProblem, Validity, lineage, merge_problems, successor_on

REFORM = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2024, 12, 31), False), (date(2025, 1, 1), True), (date(2025, 2, 28), True), (date(2025, 3, 1), False)],
)
def test_validity_is_inclusive_at_both_ends(day, expected):
    assert Validity(date(2025, 1, 1), date(2025, 2, 28)).covers(day) is expected


def test_open_ended_validity_covers_everything():
    assert Validity().covers(date(1900, 1, 1))
    assert Validity(valid_to=date(2025, 6, 30)).covers(date(2025, 6, 30))
    assert not Validity(valid_to=date(2025, 6, 30)).covers(date(2025, 7, 1))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), True),
        (date(2025, 2, 28), date(2025, 12, 31), True),
        (date(2025, 3, 1), date(2025, 12, 31), False),
    ],
)
def test_a_period_report_lists_agencies_that_existed_then(start, end, expected):
    assert Validity(None, date(2025, 2, 28)).overlaps(start, end) is expected


def _facts(id_, code, valid_from=None, valid_to=None, successor=None):
    return AgencyFacts(id_, code, Validity(valid_from, valid_to), successor)


def test_merge_problems_accepts_a_clean_merge():
    assert merge_problems([_facts(1, "SKHDT")], _facts(2, "STC"), REFORM, "NĐ 45/2025") == []


@pytest.mark.parametrize(
    ("sources", "target", "decision", "codes"),
    [
        ([], _facts(2, "STC"), "NĐ 45", ["no_sources"]),
        ([_facts(1, "SKHDT")], _facts(2, "STC"), "   ", ["no_decision"]),
        ([_facts(1, "SKHDT")], _facts(2, "STC", valid_to=date(2025, 2, 28)), "NĐ 45", ["target_not_valid"]),
        ([_facts(1, "SKHDT")], _facts(2, "STC", valid_from=date(2025, 3, 2)), "NĐ 45", ["target_not_valid"]),
        ([_facts(2, "STC")], _facts(2, "STC"), "NĐ 45", ["target_is_source"]),
        ([_facts(1, "SKHDT", valid_to=date(2024, 1, 1))], _facts(2, "STC"), "NĐ 45", ["source_already_ended"]),
        ([_facts(1, "SKHDT", successor=3)], _facts(2, "STC"), "NĐ 45", ["source_already_ended"]),
        ([_facts(1, "SKHDT", valid_from=REFORM)], _facts(2, "STC"), "NĐ 45", ["source_starts_after_merge"]),
    ],
)
def test_merge_problems_name_each_fault(sources, target, decision, codes):
    assert [p.code for p in merge_problems(sources, target, REFORM, decision)] == codes


def test_merge_problem_names_the_agency():
    problems = merge_problems([_facts(1, "SKHDT", valid_to=date(2024, 1, 1))], _facts(2, "STC"), REFORM, "x")
    assert problems == [MergeProblem("source_already_ended", "SKHDT")]


def test_successor_on_follows_the_chain_by_date():
    facts = {
        1: _facts(1, "HD-SKHDT", valid_to=date(2025, 2, 28), successor=2),
        2: _facts(2, "HD-STC", valid_to=date(2025, 6, 30), successor=3),
        3: _facts(3, "HP-STC"),
    }
    assert successor_on(1, date(2025, 2, 28), facts) == 1
    assert successor_on(1, date(2025, 3, 1), facts) == 2
    assert successor_on(1, date(2025, 7, 1), facts) == 3
    assert successor_on(3, date(2030, 1, 1), facts) == 3


def test_successor_on_stops_on_a_cycle():
    facts = {
        1: _facts(1, "A", valid_to=date(2020, 1, 1), successor=2),
        2: _facts(2, "B", valid_to=date(2020, 1, 1), successor=1),
    }
    assert successor_on(1, date(2021, 1, 1), facts) in {1, 2}


def test_lineage_collects_every_predecessor():
    facts = {
        1: _facts(1, "HD-SKHDT", successor=2),
        2: _facts(2, "HD-STC", successor=4),
        3: _facts(3, "HP-SKHDT", successor=4),
        4: _facts(4, "HP-STC"),
        5: _facts(5, "HP-SXD"),
    }
    assert lineage(4, facts) == {1, 2, 3, 4}
    assert lineage(2, facts) == {1, 2}
    assert lineage(5, facts) == {5}


def test_pointers_on_undoes_only_the_moves_after_the_day():
    from tiendo.domain.organisation import Move, pointers_on

    current = {10: 3, 11: 3, 12: 5}  # today: 10 and 11 under HP-STC (3)
    moves = [Move(date(2025, 3, 1), 10, 1), Move(date(2025, 7, 1), 10, 2), Move(date(2025, 7, 1), 11, 2)]
    assert pointers_on(current, moves, date(2026, 1, 1)) == current
    assert pointers_on(current, moves, date(2025, 7, 1)) == current
    assert pointers_on(current, moves, date(2025, 6, 30)) == {10: 2, 11: 2, 12: 5}
    assert pointers_on(current, moves, date(2025, 2, 28)) == {10: 1, 11: 2, 12: 5}


def test_chinese_names_keep_the_tone_marks_that_tell_communes_apart():
    from tiendo.domain.organisation import chinese_name

    giang, giang_huyen = chinese_name("Cẩm Giang", "社人民委员会"), chinese_name("Cẩm Giàng", "社人民委员会")
    assert giang == "Cẩm Giang 社人民委员会"
    assert giang_huyen == "Cẩm Giàng 社人民委员会"
    assert giang != giang_huyen


def test_the_demo_catalogue_names_every_commune_committee_apart_in_chinese():
    from tiendo.demo.catalogue import province_catalogue

    communes = [a for a in province_catalogue().agencies if a.kind == "commune"]
    by_zh = {a.name_zh for a in communes}
    assert len(by_zh) == len(communes)  # Cẩm Giang and Cẩm Giàng no longer both read "Cam Giang社人民委员会"
    assert "Cẩm Giàng 社人民委员会" in by_zh and "Cẩm Giang 社人民委员会" in by_zh
    # English keeps the usual official form, without diacritics
    assert any(a.name_en == "People's Committee of Cam Giang Commune" for a in communes)
