"""The disbursement engine's sentences (deadlines, pace) in Vietnamese, English and Chinese (see
tiendo.domain.messages): amounts are `Money`, percentages `Number`s, written in the reader's format."""

from __future__ import annotations

from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Param, register

T = Text
TEMPLATES: Final[dict[str, Text]] = {
    "db.deadline.added": T(
        "Vốn bổ sung ngày {added}, sau ngày {september}, được thực hiện và giải ngân đến hết ngày {latest}.",
        "Capital added on {added}, after {september}, may be used and disbursed until the end of {latest}.",
        "于{added}追加的资金（晚于{september}）可实施和拨付至{latest}。",
    ),
    "db.deadline.normal": T(
        "Vốn kế hoạch năm {year} được thực hiện và giải ngân đến hết ngày {day}.",
        "The {year} plan capital may be used and disbursed until the end of {day}.",
        "{year}年计划资金可实施和拨付至{day}。",
    ),
    "db.deadline.too_long": T(
        "Không được kéo dài thời gian thực hiện và giải ngân vốn kế hoạch năm {year} đến ngày {asked}: thời hạn kéo "
        "dài tối đa là hết ngày {latest}.",
        "The {year} plan capital may not be extended to {asked}: the longest extension ends on {latest}.",
        "{year}年计划资金的实施和拨付期限不得延长至{asked}：最长延至{latest}。",
    ),
    "db.deadline.extended": T(
        "Vốn kế hoạch năm {year} được kéo dài thời gian thực hiện và giải ngân đến hết ngày {granted} (thẩm quyền: "
        "{who}; không quá ngày {latest}).",
        "The {year} plan capital is extended for use and disbursement until the end of {granted} (decided by {who}; "
        "no later than {latest}).",
        "{year}年计划资金的实施和拨付期限延长至{granted}（决定权限：{who}；不晚于{latest}）。",
    ),
    "db.who.2019": T(
        "Hội đồng nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn ngân sách trung ương)",
        "the People's Council of the same level (local budget capital) or the Prime Minister (central budget capital)",
        "同级人民议会（地方预算资金）或政府总理（中央预算资金）",
    ),
    "db.who.2024": T(
        "Chủ tịch Ủy ban nhân dân cùng cấp (vốn ngân sách địa phương) hoặc Thủ tướng Chính phủ (vốn ngân sách trung "
        "ương)",
        "the Chairman of the People's Committee of the same level (local budget capital) or the Prime Minister "
        "(central budget capital)",
        "同级人民委员会主席（地方预算资金）或政府总理（中央预算资金）",
    ),
    "db.deadline.medium_term": T(
        "Vốn kế hoạch đầu tư công trung hạn {first}–{last} được giải ngân đến hết ngày {day}.",
        "The {first}–{last} medium-term public investment capital may be disbursed until the end of {day}.",
        "{first}–{last}年中期公共投资计划资金可拨付至{day}。",
    ),
    "db.pace.no_capital": T(
        "Dự án không có vốn giao trong năm.",
        "The project has no capital allocated this year.",
        "项目本年度未获下达资金。",
    ),
    "db.pace.none_since": T(
        "Chưa giải ngân vốn sau ngày {day}.", "Nothing disbursed after {day}.", "{day}之后尚未拨付资金。"
    ),
    "db.pace.idle": T(
        "Không giải ngân trong {months} tháng liền (lần gần nhất tháng {last}).",
        "No disbursement for {months} months in a row (the last in {last}).",
        "连续{months}个月未拨付（最近一次为{last}）。",
    ),
    "db.pace.slow": T(
        "Giải ngân {percent}% vốn giao, thấp hơn mục tiêu {target}% của tỉnh tại ngày {day} {gap} điểm phần trăm.",
        "{percent}% of the allocation disbursed, {gap} percentage points below the province's target of {target}% on "
        "{day}.",
        "已拨付下达资金的{percent}%，比省定{day}目标{target}%低{gap}个百分点。",
    ),
    "db.pace.at_risk": T(
        "Theo tốc độ hiện nay đến hạn {due} chỉ giải ngân được khoảng {projected} ({share}%): {rest} có nguy cơ không "
        "giải ngân hết.",
        "At the current pace only about {projected} ({share}%) will be disbursed by the deadline {due}: {rest} may "
        "remain undisbursed.",
        "按目前进度，至期限{due}仅能拨付约{projected}（{share}%）：{rest}有无法拨付完毕的风险。",
    ),
}
register(TEMPLATES)


def msg(code: str, /, **params: Param) -> Message:
    """A message of the disbursement engine (its code must be one of TEMPLATES)."""
    if code not in TEMPLATES:
        raise KeyError(code)
    return Message(code, params)
