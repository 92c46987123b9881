"""An official document prints a citation without tiendo's notes to verify: `without_marks` removes exactly them."""

from tiendo.domain.schedule_rules import RULES
from tiendo.domain.schedule_rules.laws import TO_VERIFY, UNREAD, without_marks


def test_every_citation_of_the_registry_loses_its_marks_and_keeps_its_law_and_article():
    seen = 0
    for rule in RULES:
        for c in rule.cites:
            plain = without_marks(c.citation)
            for mark in ("chưa kiểm chứng", "cần đối chiếu", TO_VERIFY):
                assert mark not in plain, (rule.key, c.citation)
            assert c.article in plain and plain == c.citation.split(" (cần đối chiếu")[0].split(" — ")[0]
            if not c.verify:
                assert plain == c.citation  # a verified citation is printed as is
            seen += c.verify
    assert seen  # the registry has citations to verify (the Law on Investment 2025 and its decree)


def test_only_the_marks_are_removed():
    decree = next(law for law in UNREAD if "96/2026" in law.number)
    cited = f"Nghị định 31/2021/NĐ-CP, Điều 102 (cần đối chiếu {decree.name} {decree.number})"
    assert without_marks(cited) == "Nghị định 31/2021/NĐ-CP, Điều 102"
    assert without_marks(f"Luật Đất đai 2013, Điều 64 khoản 1 điểm i — {TO_VERIFY}") == (
        "Luật Đất đai 2013, Điều 64 khoản 1 điểm i"
    )
    kept = "Luật Đầu tư 2020, Điều 41 khoản 4; Nghị định 31/2021/NĐ-CP, Điều 117 khoản 4 (dự án chấp thuận trước 2021)"
    assert without_marks(kept) == kept
