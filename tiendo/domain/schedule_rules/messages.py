"""The schedule rules' reasoning in Vietnamese, English and Chinese: one template per message code.

A condition builds `msg(code, ...)`; the finding keeps the message and its Vietnamese sentence (the CLI's
`explanation`); pages render it in the reader's language. Legal references inside the sentences keep their
Vietnamese form ("Điều 41 khoản 4 điểm a–e"), as the citations do; the sentence around them is translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, Param, register, register_names
from tiendo.domain.projects import MilestoneKind
from tiendo.domain.schedule_rules.vocabulary import ReportKind

MILESTONE: Final = {
    MilestoneKind.CAPITAL_CONTRIBUTION: Text("góp vốn", "capital contribution", "出资"),
    MilestoneKind.SITE_CLEARANCE: Text("giải phóng mặt bằng", "site clearance", "征地清场"),
    MilestoneKind.LAND_HANDOVER: Text("nhận bàn giao đất", "land handover", "土地交付"),
    MilestoneKind.CONSTRUCTION_START: Text("khởi công xây dựng", "construction start", "开工建设"),
    MilestoneKind.OPERATION: Text("đưa dự án vào hoạt động", "start of operation", "项目投入运营"),
    MilestoneKind.COMPLETION: Text("hoàn thành dự án", "project completion", "项目竣工"),
}
REPORT: Final = {
    ReportKind.QUARTERLY: Text("báo cáo quý", "quarterly report", "季度报告"),
    ReportKind.ANNUAL: Text("báo cáo năm", "annual report", "年度报告"),
    ReportKind.SUPERVISION_HALF_YEAR: Text("báo cáo giám sát 6 tháng", "6-month supervision report", "6个月监督报告"),
    ReportKind.SUPERVISION_ANNUAL: Text("báo cáo giám sát năm", "annual supervision report", "年度监督报告"),
}
# The fines of Decree 122/2021 for organisations, by the reports they punish.
FINE_INVESTMENT_REPORTS: Final = Text("30–50 triệu đồng", "30–50 million VND", "3,000–5,000 万越南盾")
FINE_SUPERVISION_REPORTS: Final = Text("20–30 triệu đồng", "20–30 million VND", "2,000–3,000 万越南盾")
FINE_SUPERVISION_REPORTS_2024: Final = Text("20–50 triệu đồng", "20–50 million VND", "2,000–5,000 万越南盾")

T = Text
TEMPLATES: Final[dict[str, Text]] = {
    # lists
    "sr.semicolon": T("{a}; {b}", "{a}; {b}", "{a}；{b}"),
    "sr.parenthesis": T(" ({inner})", " ({inner})", "（{inner}）"),
    "sr.report": T("{kind} {period}", "{kind} {period}", "{period} {kind}"),
    "sr.reports": T("{items}{more}", "{items}{more}", "{items}{more}"),
    "sr.reports_more": T(" và {count} báo cáo khác", " and {count} other reports", "及其他{count}份报告"),
    # LATE
    "sr.late": T(
        "Mốc {milestone} {schedule}, chưa hoàn thành đến {as_of}: chậm {days} ngày{state_delay}.",
        "Milestone “{milestone}” {schedule}, not completed by {as_of}: {days} days late{state_delay}.",
        "{milestone}节点{schedule}，截至{as_of}未完成：逾期{days}天{state_delay}。",
    ),
    "sr.late.due": T("hạn {due}", "due {due}", "期限为{due}"),
    "sr.late.pushed": T(
        "hạn ban đầu {first}, đã lùi {months} tháng đến {due}",
        "first due {first}, pushed back {months} months to {due}",
        "原定期限{first}，已延后{months}个月至{due}",
    ),
    "sr.late.state_delay": T(
        " (đã trừ {days} ngày Nhà nước chậm bàn giao đất)",
        " (after deducting {days} days of the State's delay in handing over the land)",
        "（已扣除国家延迟交付土地的{days}天）",
    ),
    # INV-01, INV-02, INV-08
    "sr.inv.policy_adjustment": T(
        "Mốc {milestone} hạn theo chủ trương lần đầu {first}, hạn hiện hành {due}, chưa hoàn thành đến {as_of}: tiến "
        "độ lùi {pushed} tháng, quá 12 tháng nên phải điều chỉnh chủ trương đầu tư; còn được lùi tối đa {remaining} "
        "tháng (đến {limit}).",
        "Milestone “{milestone}” first due {first} under the investment policy, currently due {due}, not completed by "
        "{as_of}: the schedule is pushed back {pushed} months, over 12 months, so the investment policy must be "
        "adjusted; it may be pushed back at most {remaining} more months (to {limit}).",
        "{milestone}节点按首次投资主张期限为{first}，现行期限为{due}，截至{as_of}未完成：进度延后{pushed}个月，"
        "超过12个月，须调整投资主张；最多还可延后{remaining}个月（至{limit}）。",
    ),
    "sr.inv.beyond_cap": T(
        "Mốc {milestone} hạn theo chủ trương lần đầu {first}, {state}: tiến độ lùi {pushed} tháng, vượt giới hạn 24 "
        "tháng (hạn muộn nhất {limit}{exempt}): không được giãn tiến độ thêm, trừ trường hợp Điều 41 khoản 4 điểm a–e.",
        "Milestone “{milestone}” first due {first} under the investment policy, {state}: the schedule is pushed back "
        "{pushed} months, beyond the 24-month limit (latest allowed due date {limit}{exempt}): no further extension, "
        "except in the cases of Điều 41 khoản 4 điểm a–e.",
        "{milestone}节点按首次投资主张期限为{first}，{state}：进度延后{pushed}个月，超过24个月上限（最迟期限"
        "{limit}{exempt}）：不得再延长进度，Điều 41 khoản 4 điểm a–e 规定的情形除外。",
    ),
    "sr.inv.state_late": T(
        "hạn hiện hành {due}, chưa hoàn thành đến {as_of}",
        "currently due {due}, not completed by {as_of}",
        "现行期限为{due}，截至{as_of}未完成",
    ),
    "sr.inv.state_pushed": T("đã được lùi đến {due}", "already pushed back to {due}", "已延后至{due}"),
    "sr.inv.exempt": T(
        ", đã trừ {months} tháng gia hạn thuộc trường hợp loại trừ",
        ", after deducting {months} months of extensions in the excepted cases",
        "，已扣除属于例外情形的{months}个月延期",
    ),
    "sr.inv.deposit_forfeited": T(
        "Mốc {milestone} hạn {due} chưa hoàn thành đến {as_of} và không còn được điều chỉnh tiến độ (vượt 24 tháng so "
        "với chủ trương lần đầu, hạn muộn nhất {limit}): tiền ký quỹ đã nộp bị nộp vào ngân sách nhà nước.",
        "Milestone “{milestone}”, due {due}, not completed by {as_of}, and its schedule may no longer be adjusted "
        "(over 24 months past the first investment policy, latest allowed due date {limit}): the deposit paid goes to "
        "the State budget.",
        "{milestone}节点期限为{due}，截至{as_of}未完成，且不得再调整进度（较首次投资主张超过24个月，最迟期限"
        "{limit}）：已缴纳的保证金上缴国家预算。",
    ),
    # INV-09, INV-10, INV-12
    "sr.inv.stopped": T(
        "Dự án ngừng hoạt động từ {since}, đến {as_of} đã {months} tháng, quá thời hạn ngừng 12 tháng: yêu cầu nhà "
        "đầu tư báo cáo, tiếp tục thực hiện hoặc chấm dứt dự án.",
        "The project stopped on {since}; by {as_of} it has been stopped {months} months, over the 12-month limit on a "
        "stop: require the investor to report, and to resume or terminate the project.",
        "项目自{since}起停止活动，截至{as_of}已停止{months}个月，超过12个月的停止期限：要求投资者报告，继续实施或"
        "终止项目。",
    ),
    "sr.inv.sanctioned": T(
        "Nhà đầu tư đã bị xử phạt ngày {first} nhưng đến {as_of} tiếp tục vi phạm: {breaches}: ngừng hoạt động dự án "
        "theo Điều 47 khoản 2 điểm đ.",
        "The investor was sanctioned on {first} but by {as_of} is still in breach: {breaches}: stop the project under "
        "Điều 47 khoản 2 điểm đ.",
        "投资者已于{first}受到处罚，但截至{as_of}仍继续违规：{breaches}：依照 Điều 47 khoản 2 điểm đ 停止项目活动。",
    ),
    "sr.inv.sanctioned.milestone": T(
        "mốc {milestone} (hạn {due}) vẫn chưa hoàn thành",
        "milestone “{milestone}” (due {due}) still not completed",
        "{milestone}节点（期限{due}）仍未完成",
    ),
    "sr.inv.sanctioned.deposit": T("vẫn chưa ký quỹ", "the deposit still not posted", "仍未缴纳保证金"),
    "sr.inv.unreachable": T(
        "Dự án ngừng hoạt động từ {since}, đã quá 12 tháng đến {as_of} và không liên lạc được với nhà đầu tư: chấm dứt "
        "hoạt động dự án.",
        "The project stopped on {since}, more than 12 months before {as_of}, and the investor cannot be contacted: "
        "terminate the project.",
        "项目自{since}起停止活动，截至{as_of}已超过12个月，且无法联系投资者：终止项目。",
    ),
    "sr.inv.land_recovered": T(
        "Đất dự án hết thời gian gia hạn sử dụng ngày {until} mà vẫn chưa sử dụng đến {as_of}: sau khi có quyết định "
        "thu hồi đất, chấm dứt hoạt động dự án.",
        "The extension of use of the project land ended on {until} and the land is still unused on {as_of}: once the "
        "land-recovery decision is made, terminate the project.",
        "项目用地延期使用期限已于{until}届满，截至{as_of}仍未使用：作出收回土地决定后，终止项目。",
    ),
    "sr.inv.no_deposit": T(
        "Nhà đầu tư không ký quỹ theo quy định (đất đã bàn giao ngày {handed}, chưa ký quỹ đến {as_of}): căn cứ chấm "
        "dứt hoạt động dự án.",
        "The investor did not post the required deposit (land handed over on {handed}, no deposit by {as_of}): a "
        "ground to terminate the project.",
        "投资者未按规定缴纳保证金（土地已于{handed}交付，截至{as_of}仍未缴纳）：构成终止项目的依据。",
    ),
    # INV-16, SUP-02, SUP-03
    "sr.reports.missing": T(
        "Đến {as_of} chưa nộp {count} báo cáo ({periods}); báo cáo sớm nhất hạn {oldest}: yêu cầu nộp báo cáo.",
        "By {as_of}, {count} reports not submitted ({periods}); the earliest was due {oldest}: require the reports.",
        "截至{as_of}，未提交{count}份报告（{periods}）；最早一份的期限为{oldest}：要求提交报告。",
    ),
    # LAND-01 / LAND-03
    "sr.land.unused": T(
        "Đất nhận bàn giao trên thực địa ngày {handed}, chưa đưa vào sử dụng đến {as_of} ({months} tháng)",
        "Land handed over on site on {handed}, not put to use by {as_of} ({months} months)",
        "土地于{handed}实地交付，截至{as_of}未投入使用（{months}个月）",
    ),
    "sr.land.behind": T(
        "Đất nhận bàn giao ngày {handed}, tiến độ sử dụng đất chậm {months} tháng so với dự án đến {as_of}",
        "Land handed over on {handed}, its use {months} months behind the project's schedule by {as_of}",
        "土地于{handed}交付，截至{as_of}土地使用进度较项目进度滞后{months}个月",
    ),
    "sr.land.breach": T(
        "{what}, vi phạm từ {since}: được gia hạn một lần không quá 24 tháng và phải nộp tiền tương ứng, hết hạn mà "
        "chưa sử dụng thì Nhà nước thu hồi đất không bồi thường.",
        "{what}, in breach since {since}: one extension of at most 24 months may be granted against payment; if the "
        "land is still unused when it ends, the State recovers it without compensation.",
        "{what}，自{since}起违规：可延期一次，不超过24个月，并须缴纳相应款项；期满仍未使用的，国家收回土地且不予补偿。",
    ),
    "sr.land.extended": T(
        "{what}, đang trong thời gian gia hạn sử dụng đất đến {until}: đôn đốc đưa đất vào sử dụng trước khi hết hạn.",
        "{what}, within the extension of land use until {until}: urge the investor to put the land to use before it "
        "ends.",
        "{what}，处于土地使用延期期内（至{until}）：督促在期满前将土地投入使用。",
    ),
    "sr.land.recover": T(
        "{what}, đã hết thời gian gia hạn sử dụng đất ngày {until}: Nhà nước thu hồi đất không bồi thường về đất và "
        "tài sản gắn liền với đất.",
        "{what}, the extension of land use ended on {until}: the State recovers the land without compensation for the "
        "land or the assets attached to it.",
        "{what}，土地使用延期已于{until}届满：国家收回土地，对土地及地上附着资产不予补偿。",
    ),
    # SANC-*
    "sr.sanc.deposit": T(
        "Dự án phải ký quỹ nhưng đến {as_of} chưa ký quỹ, dù đất đã bàn giao ngày {handed}: phạt 50–70 triệu đồng "
        "(tổ chức) và buộc ký quỹ.",
        "The project must post a deposit but has not by {as_of}, though the land was handed over on {handed}: a fine "
        "of 50–70 million VND (organisations) and the deposit ordered.",
        "项目须缴纳保证金，但截至{as_of}仍未缴纳，尽管土地已于{handed}交付：处以5,000–7,000 万越南盾罚款（组织）"
        "并责令缴纳保证金。",
    ),
    "sr.sanc.procedure": T(
        "Mốc {milestone} chậm {days} ngày so với hạn {due} mà chưa được điều chỉnh tiến độ đến {as_of}: phạt 70–100 "
        "triệu đồng (tổ chức) và buộc thực hiện thủ tục điều chỉnh.",
        "Milestone “{milestone}” is {days} days past its due date {due} and the schedule has not been adjusted by "
        "{as_of}: a fine of 70–100 million VND (organisations) and the adjustment procedure ordered.",
        "{milestone}节点较期限{due}逾期{days}天，截至{as_of}仍未办理进度调整：处以7,000 万–1 亿越南盾罚款（组织）"
        "并责令办理调整手续。",
    ),
    "sr.sanc.reports": T(
        "Đến {as_of} {parts}, báo cáo sớm nhất hạn {oldest}: phạt {fine} (tổ chức) và buộc báo cáo.",
        "By {as_of}, {parts}; the earliest was due {oldest}: a fine of {fine} (organisations) and the reports ordered.",
        "截至{as_of}，{parts}，最早一份的期限为{oldest}：处以{fine}罚款（组织）并责令报告。",
    ),
    "sr.sanc.reports.missing": T(
        "chưa nộp {count} báo cáo ({periods})",
        "{count} reports not submitted ({periods})",
        "未提交{count}份报告（{periods}）",
    ),
    "sr.sanc.reports.late": T(
        "nộp muộn {count} báo cáo ({periods})",
        "{count} reports submitted late ({periods})",
        "逾期提交{count}份报告（{periods}）",
    ),
    # PI-06, PI-11, PI-17
    "sr.pi.period": T(
        "Dự án nhóm {group} bố trí vốn từ năm {first}, thời gian tối đa {limit} năm{extended}, đến hết năm {last}; "
        "chưa hoàn thành bàn giao đến {as_of}",
        "Group {group} project funded from {first}, for at most {limit} years{extended}, until the end of {last}; not "
        "handed over by {as_of}",
        "{group}类项目自{first}年起安排资金，最长{limit}年{extended}，至{last}年底；截至{as_of}未完成交付",
    ),
    "sr.pi.period.extended": T(" (đã gia hạn {years} năm)", " (extended by {years} years)", "（已延长{years}年）"),
    "sr.pi.before_2025": T(
        "{period}: mọi trường hợp kéo dài do HĐND cùng cấp (vốn địa phương) hoặc Thủ tướng Chính phủ (vốn ngân sách "
        "trung ương) quyết định; chưa được quyết định thì không bố trí vốn tiếp.",
        "{period}: any extension is decided by the People's Council of the same level (local capital) or the Prime "
        "Minister (central-budget capital); until it is decided, no further capital is allocated.",
        "{period}：任何延长均由同级人民议会（地方资金）或政府总理（中央预算资金）决定；未作决定前不再安排资金。",
    ),
    "sr.pi.extendable": T(
        "{period}: Chủ tịch UBND (vốn địa phương) hoặc cấp quyết định chủ trương (vốn ngân sách trung ương) được gia "
        "hạn không quá {most} năm; còn {left} năm.",
        "{period}: the Chairman of the People's Committee (local capital) or the level that decided the investment "
        "policy (central-budget capital) may extend it by at most {most} years; {left} years left.",
        "{period}：人民委员会主席（地方资金）或投资主张决定机关（中央预算资金）可延长不超过{most}年；尚余{left}年。",
    ),
    "sr.pi.exhausted": T(
        "{period}, đã hết {most} năm gia hạn hành chính: kiểm điểm trách nhiệm, rồi HĐND cùng cấp (vốn địa phương) "
        "hoặc Thủ tướng Chính phủ (vốn ngân sách trung ương) quyết định; chưa quyết định thì dừng bố trí vốn.",
        "{period}, and its {most} years of administrative extension are used up: review who is responsible, then the "
        "People's Council of the same level (local capital) or the Prime Minister (central-budget capital) decides; "
        "until then, capital allocation stops.",
        "{period}，{most}年行政延期已用尽：追究责任，再由同级人民议会（地方资金）或政府总理（中央预算资金）决定；"
        "未作决定前停止安排资金。",
    ),
    "sr.pi.undisbursed": T(
        "Vốn kế hoạch năm {year}: giao {planned}, giải ngân {disbursed}; hết thời hạn giải ngân {deadline}{why}: "
        "{rest} chưa giải ngân bị hủy bỏ, điều chuyển.",
        "Plan capital of {year}: {planned} allocated, {disbursed} disbursed; the disbursement deadline {deadline} has "
        "passed{why}: the {rest} not disbursed is cancelled or transferred.",
        "{year}年计划资金：下达{planned}，已拨付{disbursed}；拨付期限{deadline}已过{why}：未拨付的{rest}予以取消、"
        "调剂。",
    ),
    "sr.pi.after_september": T("vốn bổ sung sau 30/9", "capital added after 30/9", "9月30日后追加的资金"),
    "sr.pi.extended_until": T("đã được kéo dài đến {until}", "extended to {until}", "已延长至{until}"),
    "sr.pi.adjustment": T(
        "Dự án đầu tư công có mốc {milestone} quá hạn {due} ({days} ngày đến {as_of}): điều chỉnh thời gian thực hiện "
        "dự án phải được thẩm định và cấp quyết định đầu tư quyết định.",
        "Public investment project with milestone “{milestone}” past its due date {due} ({days} days by {as_of}): "
        "adjusting the project's implementation period must be appraised and decided by the level that decided the "
        "investment.",
        "公共投资项目的{milestone}节点已逾期（期限{due}，截至{as_of}逾期{days}天）：调整项目实施期限须经评审并由"
        "投资决定机关决定。",
    ),
}
register(TEMPLATES)
register_names({f"milestone.{kind.value}": text for kind, text in MILESTONE.items()})
register_names({f"report.{kind.value}": text for kind, text in REPORT.items()})
register_names(
    {
        "fine.investment_reports": FINE_INVESTMENT_REPORTS,
        "fine.supervision_reports": FINE_SUPERVISION_REPORTS,
        "fine.supervision_reports_2024": FINE_SUPERVISION_REPORTS_2024,
    }
)


def msg(code: str, /, **params: Param) -> Message:
    """A message of the schedule rules (its code must be one of TEMPLATES)."""
    if code not in TEMPLATES:
        raise KeyError(code)
    return Message(code, params)


def semicolons(parts: Sequence[Message]) -> Message:
    """Parts joined by "; " (Chinese "；"), as one message."""
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = msg("sr.semicolon", a=part, b=joined)
    return joined
