"""Which Law on Public Investment a check cites, and each check's rule id and articles (`PLAN_RULES`).

The Law on Public Investment 39/2019 until 31/12/2024, 58/2024 from 01/01/2025, amended by Law 90/2025 from
01/07/2025 (whose text tiendo has not read: its citations ask to verify); see docs/legal/public-investment.md.
Articles of the 2019 law that docs/legal/ does not give are cited by subject and flagged to verify, rather than
numbered from memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.schedule_rules import (
    PUBLIC_2019,
    PUBLIC_2024,
    PUBLIC_2024_AMENDED,
    Cite,
    Confidence,
    Law,
    cite,
)


def law_in_force(day: date) -> Law:
    """The Law on Public Investment in force on `day`: 39/2019, 58/2024, or 58/2024 as amended by 90/2025."""
    if day < PUBLIC_2024.start:
        return PUBLIC_2019
    if PUBLIC_2024.end is not None and day <= PUBLIC_2024.end:
        return PUBLIC_2024
    return PUBLIC_2024_AMENDED


def public_citation(rule: str, day: date, article_2019: str, confidence_2019: Confidence, article_2024: str) -> Cite:
    """The article of the law version in force on `day` (2024 articles: [V], docs/legal/public-investment.md)."""
    law = law_in_force(day)
    if law is PUBLIC_2019:
        return cite(rule, law, article_2019, confidence_2019)
    return cite(rule, law, article_2024, Confidence.VERIFIED)


@dataclass(frozen=True, slots=True)
class PlanRule:
    """One check: its rule id in docs/legal/public-investment.md, titles, and the article of each law version."""

    key: str
    rule: str
    title: Text
    article_2019: str
    confidence_2019: Confidence
    article_2024: str

    def cite_on(self, day: date, article_2024: str | None = None, article_2019: str | None = None) -> Cite:
        return public_citation(
            self.rule,
            day,
            article_2019 or self.article_2019,
            self.confidence_2019,
            article_2024 or self.article_2024,
        )


S, U = Confidence.SECONDARY, Confidence.UNCERTAIN
PLAN_RULES: Final = {
    rule.key: rule
    for rule in (
        PlanRule(
            "OVER_NEED",
            "OVER_NEED",
            Text("Vượt nhu cầu vốn của dự án", "Above the project's capital need", "超过项目资金需求"),
            "quy định về mức vốn bố trí không vượt tổng mức vốn của dự án",
            U,
            "Điều 61 khoản 5",
        ),
        PlanRule(
            "OVER_SOURCE",
            "OVER_SOURCE",
            Text("Vượt khả năng cân đối của nguồn vốn", "Above what the source has available", "超过资金来源可用额度"),
            "quy định về phù hợp khả năng cân đối nguồn vốn",
            U,
            "Điều 51 khoản 2, Điều 61 khoản 2",
        ),
        PlanRule(
            "PI-03-project",
            "PI-03",
            Text(
                "Vượt số vốn kế hoạch trung hạn còn lại của dự án",
                "Above the project's medium-term remainder",
                "超过项目中期计划剩余额度",
            ),
            "quy định kế hoạch hằng năm phù hợp kế hoạch trung hạn",
            U,
            "Điều 51 khoản 7",
        ),
        PlanRule(
            "PI-03-source",
            "PI-03",
            Text(
                "Vượt số vốn kế hoạch trung hạn còn lại của nguồn vốn",
                "Above the source's medium-term remainder",
                "超过资金来源中期计划剩余额度",
            ),
            "quy định kế hoạch hằng năm phù hợp kế hoạch trung hạn",
            U,
            "Điều 51 khoản 7",
        ),
        PlanRule(
            "PI-04-decision",
            "PI-04",
            Text(
                "Bố trí vốn cho dự án chưa có quyết định đầu tư",
                "Capital for a project without an investment decision",
                "为尚无投资决定的项目安排资金",
            ),
            "quy định về điều kiện bố trí vốn kế hoạch hằng năm",
            U,
            "Điều 56 khoản 2",
        ),
        PlanRule(
            "PI-04-medium-term",
            "PI-04",
            Text(
                "Bố trí vốn cho dự án không có trong kế hoạch trung hạn",
                "Capital for a project not in the medium-term plan",
                "为未列入中期计划的项目安排资金",
            ),
            "quy định về điều kiện bố trí vốn kế hoạch hằng năm",
            U,
            "Điều 56 khoản 1",
        ),
        PlanRule(
            "PI-04-policy",
            "PI-04",
            Text(
                "Dự án khởi công mới chưa có quyết định chủ trương đầu tư",
                "New project without an investment-policy decision",
                "新开工项目尚无投资主张决定",
            ),
            "quy định về điều kiện đưa dự án vào kế hoạch trung hạn",
            U,
            "Điều 55 khoản 2",
        ),
        PlanRule(
            "PI-06",
            "PI-06",
            Text(
                "Quá thời gian bố trí vốn thực hiện dự án", "Capital-allocation period exceeded", "超过项目资金安排期限"
            ),
            "Điều 52 khoản 2",
            S,
            "Điều 57",
        ),
        PlanRule(
            "PI-07",
            "PI-07",
            Text(
                "Dự án chuyển tiếp sang giai đoạn sau vượt 20% vốn trung hạn",
                "Projects carried into the next period above 20% of the period's capital",
                "结转至下一阶段的项目超过中期资金的20%",
            ),
            "quy định về dự án thực hiện qua hai kỳ kế hoạch trung hạn",
            U,
            "Điều 93 khoản 2, khoản 3",
        ),
        PlanRule(
            "PI-09",
            "PI-09",
            Text("Thẩm quyền điều chỉnh kế hoạch", "Authority to adjust the plan", "计划调整权限"),
            "Điều 67",
            U,
            "Điều 71",
        ),
    )
}
