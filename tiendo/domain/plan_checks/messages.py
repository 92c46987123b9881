"""The plan checks' sentences in Vietnamese, English and Chinese: one template per message code (see
tiendo.domain.messages). Amounts are `Money`, written in the reader's units; articles keep their Vietnamese form."""

from __future__ import annotations

from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Param, register
from tiendo.domain.plan_checks.facts import PlanFacts
from tiendo.domain.plan_checks.vocabulary import PlanKind

T = Text
TEMPLATES: Final[dict[str, Text]] = {
    "pc.plan.annual": T("Kế hoạch năm {year}", "The {year} plan", "{year}年计划"),
    "pc.plan.annual_inside": T("kế hoạch năm {year}", "the {year} plan", "{year}年计划"),
    "pc.plan.medium": T(
        "Kế hoạch trung hạn {first}–{last}", "The {first}–{last} medium-term plan", "{first}–{last}年中期计划"
    ),
    "pc.plan.medium_inside": T(
        "kế hoạch trung hạn {first}–{last}", "the {first}–{last} medium-term plan", "{first}–{last}年中期计划"
    ),
    "pc.over_need": T(
        "{plan} bố trí cho dự án {code} {total}, vượt nhu cầu vốn còn lại ({need}) {excess}.",
        "{plan} gives project {code} {total}, {excess} over its remaining capital need ({need}).",
        "{plan}为项目{code}安排{total}，超出剩余资金需求（{need}）{excess}。",
    ),
    "pc.over_source": T(
        "Nguồn {source}: tổng bố trí {total}, vượt khả năng cân đối ({available}) {excess}.",
        "Source {source}: {total} allocated in all, {excess} over what it can provide ({available}).",
        "资金来源{source}：合计安排{total}，超出可平衡能力（{available}）{excess}。",
    ),
    "pc.first_year": T(
        " Năm {first} là năm đầu tiên của kỳ trung hạn {first}–{last}: kế hoạch hằng năm năm đầu chưa bắt buộc phù hợp "
        "kế hoạch trung hạn, cần rà soát khi kế hoạch trung hạn được quyết định.",
        " {first} is the first year of the {first}–{last} medium-term period: the first year's annual plan need not "
        "fit the medium-term plan yet; review it once the medium-term plan is decided.",
        "{first}年是{first}–{last}年中期的第一年：第一年的年度计划尚不强制符合中期计划，须在中期计划决定后复核。",
    ),
    "pc.project_over_medium_term": T(
        "{plan} bố trí cho dự án {code} {total}, vượt số vốn kế hoạch trung hạn còn lại của dự án ({remainder}) "
        "{excess}.{note}",
        "{plan} gives project {code} {total}, {excess} over the project's remaining medium-term capital "
        "({remainder}).{note}",
        "{plan}为项目{code}安排{total}，超出该项目剩余中期计划资金（{remainder}）{excess}。{note}",
    ),
    "pc.source_over_medium_term": T(
        "Nguồn {source}: {plan} bố trí {total}, vượt số vốn kế hoạch trung hạn còn lại của nguồn ({remainder}) "
        "{excess}.{note}",
        "Source {source}: {plan} allocates {total}, {excess} over the source's remaining medium-term capital "
        "({remainder}).{note}",
        "资金来源{source}：{plan}安排{total}，超出该来源剩余中期计划资金（{remainder}）{excess}。{note}",
    ),
    "pc.given": T(
        "{plan} bố trí {total} cho dự án {code}",
        "{plan} gives {total} to project {code}",
        "{plan}为项目{code}安排{total}",
    ),
    "pc.no_estimate": T(
        "nhiệm vụ chuẩn bị đầu tư chưa được phê duyệt dự toán",
        "the investment-preparation task has no approved cost estimate",
        "投资准备任务的预算尚未批准",
    ),
    "pc.no_decision": T(
        "dự án chưa có quyết định đầu tư", "the project has no investment decision", "项目尚无投资决定"
    ),
    "pc.not_eligible_annual": T(
        "{given}: {what}, chưa đủ điều kiện bố trí vốn kế hoạch hằng năm.",
        "{given}: {what}, so it may not be funded in the annual plan yet.",
        "{given}：{what}，尚不具备安排年度计划资金的条件。",
    ),
    "pc.not_in_medium_term": T(
        "{given}: dự án không có trong kế hoạch đầu tư công trung hạn (chỉ dự án khẩn cấp, dự án dùng vốn ODA không "
        "hoàn lại được miễn).{note}",
        "{given}: the project is not in the medium-term public investment plan (only emergency projects and projects "
        "on non-refundable ODA are exempt).{note}",
        "{given}：项目不在中期公共投资计划内（仅紧急项目和使用无偿ODA资金的项目可豁免）。{note}",
    ),
    "pc.no_policy": T(
        "{given}: dự án khởi công mới chưa được cấp có thẩm quyền quyết định chủ trương đầu tư, chưa đủ điều kiện đưa "
        "vào kế hoạch trung hạn.",
        "{given}: a new project whose investment policy the competent level has not decided may not be in the "
        "medium-term plan yet.",
        "{given}：新开工项目尚未经有权机关决定投资主张，尚不具备列入中期计划的条件。",
    ),
}
register(TEMPLATES)


def msg(code: str, /, **params: Param) -> Message:
    """A message of the plan checks (its code must be one of TEMPLATES)."""
    if code not in TEMPLATES:
        raise KeyError(code)
    return Message(code, params)


def plan_name(plan: PlanFacts, inside: bool = False) -> Message:
    """ "Kế hoạch năm 2024" at the start of a sentence, "kế hoạch năm 2024" inside one (the message of year_text)."""
    suffix = "_inside" if inside else ""
    if plan.kind is PlanKind.ANNUAL:
        return msg("pc.plan.annual" + suffix, year=plan.first_year)
    return msg("pc.plan.medium" + suffix, first=plan.first_year, last=plan.end_year)
