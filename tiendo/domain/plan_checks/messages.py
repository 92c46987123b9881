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
    # PI-06: the allocation period
    "pc.semicolon": T("{a}; {b}", "{a}; {b}", "{a}；{b}"),
    "pc.or": T("{a} hoặc {b}", "{a} or {b}", "{a}或{b}"),
    "pc.period": T(
        "{plan} bố trí {total} cho dự án {code} (nhóm {group}) bố trí vốn thực hiện từ năm {first}: thời gian bố trí "
        "vốn tối đa {limit} năm{extended}, đến hết năm {last}; dự án chưa hoàn thành, bàn giao đưa vào sử dụng"
        "{uncertain}{rest}.",
        "{plan} gives {total} to project {code} (group {group}), funded from {first}: capital may be allocated for at "
        "most {limit} years{extended}, until the end of {last}; the project is not completed and handed over"
        "{uncertain}{rest}.",
        "{plan}为项目{code}（{group}类）安排{total}，该项目自{first}年起安排实施资金：资金安排期限最长{limit}年"
        "{extended}，至{last}年底；项目尚未完成并交付使用{uncertain}{rest}。",
    ),
    "pc.period.extended": T(", đã gia hạn {years} năm", ", extended by {years} years", "，已延长{years}年"),
    "pc.period.uncertain": T(
        " (tính đến năm cuối kỳ {year}; không vi phạm nếu chỉ bố trí vốn đến hết năm {last})",
        " (counted to the period's last year, {year}; no breach if capital is only allocated until the end of {last})",
        "（按计划期最后一年{year}计算；若仅安排资金至{last}年底则不违规）",
    ),
    "pc.period.law_2019": T(
        ". Theo Luật Đầu tư công 2019, mọi trường hợp kéo dài thời gian bố trí vốn do {who}",
        ". Under Luật Đầu tư công 2019, any extension of the allocation period is decided by {who}",
        "。依照 Luật Đầu tư công 2019，延长资金安排期限的任何情形均由{who}决定",
    ),
    "pc.period.council_2019": T(
        "Hội đồng nhân dân cùng cấp quyết định (vốn ngân sách địa phương)",
        "the People's Council of the same level (local budget capital)",
        "同级人民议会（地方预算资金）",
    ),
    "pc.period.prime_minister_2019": T(
        "Thủ tướng Chính phủ quyết định (vốn ngân sách trung ương)",
        "the Prime Minister (central budget capital)",
        "政府总理（中央预算资金）",
    ),
    "pc.period.extendable": T(
        ". Được gia hạn không quá {most} năm (còn {left} năm) do {who} quyết định; chưa có quyết định gia hạn thì chưa "
        "được bố trí vốn",
        ". It may be extended by at most {most} years ({left} years left) by {who}; without an extension decision no "
        "capital may be allocated",
        "。可由{who}决定延长不超过{most}年（尚余{left}年）；未作出延长决定前不得安排资金",
    ),
    "pc.period.chairman": T(
        "Chủ tịch Ủy ban nhân dân cùng cấp (vốn ngân sách địa phương, Điều 57 khoản 3 điểm c)",
        "the Chairman of the People's Committee of the same level (local budget capital, Điều 57 khoản 3 điểm c)",
        "同级人民委员会主席（地方预算资金，Điều 57 khoản 3 điểm c）",
    ),
    "pc.period.policy_level": T(
        "cấp quyết định chủ trương đầu tư (vốn ngân sách trung ương, Điều 57 khoản 3 điểm b)",
        "the level that decided the investment policy (central budget capital, Điều 57 khoản 3 điểm b)",
        "投资主张决定机关（中央预算资金，Điều 57 khoản 3 điểm b）",
    ),
    "pc.period.exhausted": T(
        ". Đã dùng hết {most} năm gia hạn của Chủ tịch Ủy ban nhân dân hoặc cấp quyết định chủ trương: {who}",
        ". The extension of {most} years by the Chairman of the People's Committee or the level that decided the "
        "policy is used up: {who}",
        "。人民委员会主席或投资主张决定机关的{most}年延期已用尽：{who}",
    ),
    "pc.period.council_review": T(
        "Ủy ban nhân dân kiểm điểm trách nhiệm, báo cáo Hội đồng nhân dân cùng cấp quyết định",
        "the People's Committee reviews who is responsible and reports to the People's Council of the same level, "
        "which decides",
        "人民委员会追究责任，报同级人民议会决定",
    ),
    "pc.period.ministry_review": T(
        "cơ quan chủ quản kiểm điểm trách nhiệm, báo cáo Thủ tướng Chính phủ quyết định",
        "the managing agency reviews who is responsible and reports to the Prime Minister, who decides",
        "主管机关追究责任，报政府总理决定",
    ),
    # PI-09: who decides an adjustment
    "pc.auth.change": T("{key} {old} → {new}", "{key} {old} → {new}", "{key} {old} → {new}"),
    "pc.auth.totals": T(
        "tổng {budget} thay đổi ({shown})", "total {budget} changed ({shown})", "{budget}总额变动（{shown}）"
    ),
    "pc.auth.between_units": T(
        "điều chuyển {amount} {budget} giữa các cơ quan, đơn vị ({units}) trong tổng mức vốn",
        "{amount} of {budget} moved between agencies and units ({units}) within the total",
        "在资金总额内于各机关、单位之间调剂{budget}{amount}（{units}）",
    ),
    "pc.auth.within_unit": T(
        "chỉ điều chuyển {amount} {budget} giữa các dự án trong nội bộ đơn vị {units}, không thay đổi tổng mức vốn của "
        "đơn vị",
        "only {amount} of {budget} moved between projects within unit {units}, the unit's total unchanged",
        "仅在单位{units}内部各项目之间调剂{budget}{amount}，不改变该单位资金总额",
    ),
    "pc.auth.reason": T(
        "{what}, do {body} quyết định{how}", "{what}, decided by {body}{how}", "{what}，由{body}决定{how}"
    ),
    "pc.auth.how.total": T(
        " khi mục tiêu phát triển kinh tế - xã hội thay đổi, thu ngân sách hoặc khả năng huy động vốn biến động, hoặc "
        "nhu cầu, khả năng thực hiện vốn của các cơ quan, đơn vị thay đổi",
        " when the socio-economic development targets change, budget revenue or the capacity to raise capital varies, "
        "or the agencies' and units' capital needs or capacity to use it change",
        "（在经济社会发展目标变化、预算收入或筹资能力波动，或各机关、单位资金需求和实施能力变化时）",
    ),
    "pc.auth.how.central_total": T(
        " phân bổ theo mức vốn cấp trên giao điều chỉnh",
        ", allocating the adjusted capital the higher level assigns",
        "，按上级调整下达的资金额分配",
    ),
    "pc.auth.how.central_medium": T(
        " (kế hoạch trung hạn vốn ngân sách trung ương)",
        " (medium-term plan of central budget capital)",
        "（中央预算资金中期计划）",
    ),
    "pc.auth.how.central_annual": T(
        " (vốn ngân sách trung ương bổ sung có mục tiêu, trong tổng mức vốn trung hạn đã giao){report}",
        " (targeted central budget capital, within the medium-term total assigned){report}",
        "（中央预算定向补助资金，在已下达的中期资金总额内）{report}",
    ),
    "pc.auth.report": T(
        ", báo cáo {council} tại kỳ họp gần nhất",
        ", reported to {council} at its next session",
        "，并在最近一次会议上向{council}报告",
    ),
    "pc.auth.how.within_unit": T(
        " trong tổng mức vốn {council} đã quyết định",
        " within the total decided by {council}",
        "（在{council}已决定的资金总额内）",
    ),
    "pc.auth.how.medium_2019": T(
        " (Luật Đầu tư công 2019 chưa giao Ủy ban nhân dân điều chỉnh kế hoạch trung hạn giữa các đơn vị)",
        " (Luật Đầu tư công 2019 does not give the People's Committee the adjustment of the medium-term plan between "
        "units)",
        "（Luật Đầu tư công 2019 未授权人民委员会在各单位之间调整中期计划）",
    ),
    "pc.auth.info": T(
        "Điều chỉnh so với phiên bản đã duyệt: {reason}.",
        "Adjustment of the approved version: {reason}.",
        "对已批准版本的调整：{reason}。",
    ),
    "pc.auth.wrong": T(
        "Phiên bản điều chỉnh ghi cấp quyết định là {recorded}, không đúng thẩm quyền: {reason}.",
        "The adjustment records {recorded} as the deciding body, which lacks the authority: {reason}.",
        "调整版本记录的决定机关为{recorded}，不符合权限：{reason}。",
    ),
    # PI-07: projects carried into the next period
    "pc.carried.no_total": T(
        "Dự án {code} chuyển tiếp sang giai đoạn sau nhưng chưa có tổng mức đầu tư: chưa kiểm tra được mức 20%.",
        "Project {code} is carried into the next period but has no total investment: the 20% limit cannot be checked.",
        "项目{code}结转至下一阶段，但尚无总投资额：无法核查20%的上限。",
    ),
    "pc.carried": T(
        "{budget}: tổng mức đầu tư của {count} dự án chuyển tiếp sang giai đoạn sau ({codes}) là {total}, bằng {share} "
        "số vốn kế hoạch trung hạn {first}–{last} ({base}), vượt mức 20% ({cap}){rest}",
        "{budget}: the total investment of the {count} projects carried into the next period ({codes}) is {total}, "
        "{share} of the {first}–{last} medium-term capital ({base}), above the 20% limit ({cap}){rest}",
        "{budget}：结转至下一阶段的{count}个项目（{codes}）总投资额为{total}，占{first}–{last}年中期计划资金"
        "（{base}）的{share}，超过20%的上限（{cap}）{rest}",
    ),
    "pc.carried.percent": T("{value}%", "{value}%", "{value}%"),
    "pc.carried.allowed": T(
        " {excess}: chỉ được phê duyệt khi {approver} cho phép, tối đa 50%.",
        " by {excess}: it may only be approved if {approver} allows it, up to 50%.",
        "{excess}：仅在{approver}同意时方可批准，最高50%。",
    ),
    "pc.carried.refused": T(
        ", vượt cả mức tối đa 50% ({most}) {excess}: không được phê duyệt kể cả khi {approver} cho phép.",
        ", and above the 50% maximum ({most}) by {excess}: it may not be approved even if {approver} allows it.",
        "，并超过50%的最高限额（{most}）{excess}：即使{approver}同意也不得批准。",
    ),
}
register(TEMPLATES)
CARRIED_APPROVER: Final = {
    "central": Text("Thủ tướng Chính phủ", "the Prime Minister", "政府总理"),
    "local": Text("Hội đồng nhân dân cùng cấp", "the People's Council of the same level", "同级人民议会"),
}


def msg(code: str, /, **params: Param) -> Message:
    """A message of the plan checks (its code must be one of TEMPLATES)."""
    if code not in TEMPLATES:
        raise KeyError(code)
    return Message(code, params)


def joined(parts: list[Message], how: str) -> Message:
    """One or two parts, joined by "pc.semicolon" or "pc.or"."""
    return parts[0] if len(parts) == 1 else msg(how, a=parts[0], b=parts[1])


def semicolons(parts: list[Message]) -> Message:
    """Parts joined by "; " (Chinese "；"), as one message."""
    whole = parts[-1]
    for part in reversed(parts[:-1]):
        whole = msg("pc.semicolon", a=part, b=whole)
    return whole


def plan_name(plan: PlanFacts, inside: bool = False) -> Message:
    """ "Kế hoạch năm 2024" at the start of a sentence, "kế hoạch năm 2024" inside one (the message of year_text)."""
    suffix = "_inside" if inside else ""
    if plan.kind is PlanKind.ANNUAL:
        return msg("pc.plan.annual" + suffix, year=plan.first_year)
    return msg("pc.plan.medium" + suffix, first=plan.first_year, last=plan.end_year)
