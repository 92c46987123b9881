"""`tiendo targets standing | save-indicator | save-term | set-target`: the page's forms and status from the
command line, with the same Vietnamese refusals, history and stale-edit check."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tiendo.targets.models import Indicator, Target, Term

pytestmark = pytest.mark.django_db


def _run(*args, user) -> dict:
    out = io.StringIO()
    call_command("targets", *args, "--json", "--as", user.username, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def catalogue(specialist, agency_x):
    _run("save-term", "2026", "2030", "--document", "NQ Đại hội", user=specialist)
    _run(
        "save-indicator", "budget_revenue", "--name", "Thu ngân sách", "--unit", "billion_vnd", "--accumulates", "yes",
        "--agency", agency_x.code, user=specialist,
    )  # fmt: skip


def test_a_target_is_set_then_revised_with_its_reason_and_the_standing_reads_it(specialist, catalogue):
    with pytest.raises(CommandError, match="“20.000” chưa rõ nghĩa"):  # twenty thousand, or twenty?
        _run("set-target", "budget_revenue", "--year", "2026", "--low", "20.000", "--document", "NQ", user=specialist)
    first = _run(
        "set-target", "budget_revenue", "--year", "2026", "--low", "20000", "--document", "NQ 45", user=specialist
    )
    assert first["revised"] is False and first["term"] == "2026–2030" and first["target"] == "20.000 tỷ đồng"
    with pytest.raises(CommandError, match="Hãy nêu lý do điều chỉnh mục tiêu"):
        _run("set-target", "budget_revenue", "--year", "2026", "--low", "21000", "--document", "NQ 60", user=specialist)
    revised = _run(
        "set-target", "budget_revenue", "--year", "2026", "--low", "21.000,0", "--document", "NQ 60",
        "--reason", "HĐND điều chỉnh dự toán", user=specialist,
    )  # fmt: skip
    assert revised["revised"] and revised["low"] == 21000.0
    target = Target.objects.get(indicator__code="budget_revenue", year=2026)
    assert target.history.first().history_change_reason == "HĐND điều chỉnh dự toán"
    assert target.history.last().low == Decimal("20000")
    rows = _run("standing", "--year", "2026", user=specialist)["indicators"]
    assert rows == [
        {
            "code": "budget_revenue", "name": "Thu ngân sách", "target": "21.000 tỷ đồng", "target_low": 21000.0,
            "target_high": None, "term_target": "—", "latest_value": None, "months": None, "estimate": None,
            "status": "no_data", "status_shown": "○ Chưa có số liệu",
        }
    ]  # fmt: skip


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(specialist, catalogue):
    with pytest.raises(CommandError, match="Năm 2031 nằm ngoài nhiệm kỳ 2026–2030"):
        _run(
            "set-target", "budget_revenue", "--kind", "term_year", "--term", "2026", "--year", "2031", "--low", "1",
            "--document", "KH", user=specialist,
        )  # fmt: skip
    with pytest.raises(CommandError, match="Cận trên của khoảng thấp hơn mục tiêu"):
        _run("set-target", "budget_revenue", "--year", "2027", "--low", "14", "--high", "13", "--document", "x",
             user=specialist)  # fmt: skip
    with pytest.raises(CommandError, match="Năm cuối đứng trước năm đầu"):
        _run("save-term", "2031", "2030", user=specialist)
    assert not Target.objects.exists() and Term.objects.count() == 1


def test_a_stale_edit_is_refused_and_an_officer_may_not_change_the_catalogue(specialist, officer_x, catalogue):
    _run("save-indicator", "budget_revenue", "--name-en", "Budget revenue", "--expect-version", "1", user=specialist)
    with pytest.raises(CommandError, match="đã được người khác thay đổi"):
        _run("save-indicator", "budget_revenue", "--name-en", "Revenue", "--expect-version", "1", user=specialist)
    with pytest.raises(CommandError, match="Không có quyền"):
        _run("save-indicator", "budget_revenue", "--name-en", "Revenue", user=officer_x)
    indicator = Indicator.objects.get(code="budget_revenue")
    assert (indicator.name_en, indicator.accumulates, indicator.version) == ("Budget revenue", True, 2)
    assert _run("standing", user=officer_x)["indicators"][0]["code"] == "budget_revenue"  # officers read
