"""The allocation's sentences (why each project got what it got) in Vietnamese, English and Chinese (see
tiendo.domain.messages). The Vietnamese rendering is the explainer's text to the byte (`explaining` writes it on its
fast path; a test compares the two). Legal references (the clause that ranks a tier) stay Vietnamese parameters."""

from __future__ import annotations

from typing import Final

from tiendo.domain.allocation.tiers import Tier
from tiendo.domain.languages import Text
from tiendo.domain.messages import Message, register, register_names

T = Text
TIER_NAMES: Final[dict[Tier, Text]] = {
    Tier.SPECIAL_OR_EMERGENCY: T(
        "Dự án đầu tư công đặc biệt, khẩn cấp",
        "Special and emergency public investment projects",
        "特别、紧急公共投资项目",
    ),
    Tier.NATIONAL_PROGRAMME: T(
        "Chương trình mục tiêu quốc gia, dự án quan trọng quốc gia",
        "National target programmes and national important projects",
        "国家目标计划、国家重要项目",
    ),
    Tier.ADVANCE_REPAYMENT: T("Hoàn trả vốn ứng trước", "Repayment of advanced capital", "偿还预拨资金"),
    Tier.COMPLETED_UNFUNDED: T(
        "Dự án đã hoàn thành, bàn giao đưa vào sử dụng nhưng chưa bố trí đủ vốn",
        "Projects completed and handed over for use but not yet fully funded",
        "已完工并交付使用但尚未足额安排资金的项目",
    ),
    Tier.ODA: T(
        "Chương trình, dự án ODA và vốn vay ưu đãi nước ngoài, kể cả vốn đối ứng",
        "ODA and foreign concessional loan programmes and projects, counterpart capital included",
        "ODA及外国优惠贷款计划和项目（含配套资金）",
    ),
    Tier.PPP_STATE: T(
        "Vốn nhà nước tham gia dự án PPP, chi trả hợp đồng BT",
        "The State's capital in PPP projects, payments under BT contracts",
        "国家参与PPP项目的资金、BT合同支付",
    ),
    Tier.TRANSITIONAL_FINISHING: T(
        "Dự án chuyển tiếp hoàn thành trong kỳ kế hoạch",
        "Transitional projects finishing in the plan period",
        "在计划期内完工的结转项目",
    ),
    Tier.TRANSITIONAL_ON_SCHEDULE: T(
        "Dự án chuyển tiếp thực hiện theo tiến độ được phê duyệt",
        "Transitional projects on their approved schedule",
        "按批准进度实施的结转项目",
    ),
    Tier.PREPARATION: T(
        "Nhiệm vụ quy hoạch, chuẩn bị đầu tư", "Planning and investment preparation tasks", "规划和投资准备任务"
    ),
    Tier.DEBT_BEFORE_2015: T(
        "Nợ đọng xây dựng cơ bản phát sinh trước ngày 01/01/2015",
        "Basic construction debts incurred before 01/01/2015",
        "2015年1月1日前产生的基本建设欠款",
    ),
    Tier.OTHER_SUPPORT: T(
        "Cấp bù lãi suất, phí quản lý, vốn điều lệ, hỗ trợ khác theo quyết định của Chính phủ, Thủ tướng",
        "Interest subsidies, management fees, charter capital and other support decided by the Government or the Prime "
        "Minister",
        "政府、总理决定的利息补贴、管理费、注册资本及其他支持",
    ),
    Tier.POLICY_BANK: T(
        "Vốn ngân sách địa phương ủy thác qua Ngân hàng Chính sách xã hội",
        "Local budget capital entrusted to the Bank for Social Policies",
        "通过社会政策银行委托的地方预算资金",
    ),
    Tier.NEW: T("Dự án khởi công mới", "New projects", "新开工项目"),
}
register_names({f"al.tier.{tier.value}": text for tier, text in TIER_NAMES.items()})

_VIOLATIONS: Final[dict[str, Text]] = {
    "al.pi04.no_decision": T(
        "Chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch hằng năm ({citation}).",
        "No investment decision yet: not eligible for annual plan capital ({citation}).",
        "尚无投资决定：不具备安排年度计划资金的条件（{citation}）。",
    ),
    "al.pi04.not_in_medium_term": T(
        "Không có trong kế hoạch đầu tư công trung hạn: không đủ điều kiện bố trí vốn kế hoạch hằng năm ({citation}).",
        "Not in the medium-term public investment plan: not eligible for annual plan capital ({citation}).",
        "未列入中期公共投资计划：不具备安排年度计划资金的条件（{citation}）。",
    ),
    "al.pi04.new_no_decision": T(
        "Dự án khởi công mới chưa có quyết định đầu tư: không đủ điều kiện bố trí vốn kế hoạch trung hạn ({citation}).",
        "A new project without an investment decision: not eligible for medium-term plan capital ({citation}).",
        "尚无投资决定的新开工项目：不具备安排中期计划资金的条件（{citation}）。",
    ),
    "al.pi06.overrun": T(
        "Dự án nhóm {group} bố trí vốn từ năm {first}, thời gian bố trí vốn tối đa {limit} năm{extended}, đến hết năm "
        "{last}; {judged} đã quá thời hạn mà dự án chưa hoàn thành bàn giao: không bố trí vốn ({citation}).",
        "A group {group} project funded since {first}, for at most {limit} years{extended}, until the end of {last}; "
        "{judged} is past that time and the project is not completed and handed over: no capital ({citation}).",
        "{group}类项目自{first}年起安排资金，最长安排期限{limit}年{extended}，至{last}年底；{judged}已超过期限而项目尚未"
        "完工交付：不安排资金（{citation}）。",
    ),
}

TEMPLATES: Final[dict[str, Text]] = {
    **_VIOLATIONS,
    # the same sentences starting lower case, as the explanation quotes the first of them after a colon
    **{
        f"{code}.lower": T(t.vi[0].lower() + t.vi[1:], t.en[0].lower() + t.en[1:], t.zh)
        for code, t in _VIOLATIONS.items()
    },
    "al.pi04.annual_2019": T(
        "{law}, điều kiện bố trí vốn kế hoạch hằng năm",
        "{law}, conditions for annual plan capital",
        "{law}，年度计划资金安排条件",
    ),
    "al.pi04.medium_2019": T(
        "{law}, điều kiện bố trí vốn kế hoạch trung hạn",
        "{law}, conditions for medium-term plan capital",
        "{law}，中期计划资金安排条件",
    ),
    "al.pi06.extended": T(" (đã gia hạn {years} năm)", " (extended by {years} years)", "（已延长{years}年）"),
    "al.pi06.year": T("năm {year}", "the year {year}", "{year}年"),
    "al.pi06.period": T(
        "ngay năm đầu kỳ kế hoạch {first}-{last} ({judged})",
        "the first year of the {first}-{last} plan period ({judged})",
        "{first}-{last}年计划期的第一年（{judged}）",
    ),
    "al.then": T("{first} {rest}", "{first} {rest}", "{first}{rest}"),
    "al.citation.2019.named": T(
        "mức {place}/{count} theo {article}",
        "level {place}/{count} under {article}",
        "第{place}/{count}级，依据{article}",
    ),
    "al.citation.2019.unnamed": T(
        "mức {place}/{count}: {article} không nêu, tiendo xếp như docs/allocation.md ghi",
        "level {place}/{count}: {article} does not name it; tiendo ranks it as docs/allocation.md records",
        "第{place}/{count}级：{article}未列明，tiendo按docs/allocation.md所载排序",
    ),
    "al.new_rule.2019": T(
        "{article}; tiendo áp dụng như khoản 5 Điều 54 Luật 58/2024",
        "{article}; tiendo applies it as khoản 5 Điều 54 Luật 58/2024",
        "{article}；tiendo参照khoản 5 Điều 54 Luật 58/2024适用",
    ),
    "al.head": T(
        "{tier} — thứ tự ưu tiên {citation}. Nhu cầu {need}",
        "{tier} — priority {citation}. Need {need}",
        "{tier}——优先顺序{citation}。需求{need}",
    ),
    "al.full": T("{head}, bố trí đủ.", "{head}, allocated in full.", "{head}，足额安排。"),
    "al.violation": T(
        "{head}, không bố trí vốn: {why}", "{head}, no capital allocated: {why}", "{head}，不安排资金：{why}"
    ),
    "al.new_not_funded": T(
        "{head}, không bố trí: dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành theo tiến độ ({rule}); {why}.",
        "{head}, not allocated: a new project is funded only with enough capital to complete it on schedule "
        "({rule}); {why}.",
        "{head}，不安排：新开工项目仅在资金足以按进度完成时才安排（{rule}）；{why}。",
    ),
    "al.below_floor": T(
        "{head}, không bố trí: không đủ vốn để giữ mức đã cam kết {floor} (dự án chỉ nhận vốn khi đạt mức này); {why}.",
        "{head}, not allocated: not enough capital to keep the committed {floor} (the project receives capital only "
        "from that amount); {why}.",
        "{head}，不安排：资金不足以维持已承诺的{floor}（项目仅在达到该数额时才获得资金）；{why}。",
    ),
    "al.short": T(
        "{head}, {done}: {why}{shared}.", "{head}, {done}: {why}{shared}.", "{head}，{done}：{why}{shared}。"
    ),
    "al.done.some": T("bố trí {amount} ({percent}%)", "{amount} allocated ({percent}%)", "安排{amount}（{percent}%）"),
    "al.done.none": T("không bố trí", "not allocated", "不安排"),
    "al.shared": T(
        "; phần thiếu được chia theo tỷ lệ nhu cầu giữa các dự án cùng thứ tự ưu tiên",
        "; the shortfall is shared in proportion to need among the projects of the same priority",
        "；缺口按需求比例由同一优先顺序的项目分担",
    ),
    "al.why.taken": T(
        "nguồn {sources} đã hết, đã bố trí cho {takers}",
        "the capital of {sources} used up, allocated to {takers}",
        "资金来源{sources}已用完，已安排给{takers}",
    ),
    "al.why.never": T("nguồn {sources} không có vốn", "no capital in {sources}", "资金来源{sources}没有资金"),
    "al.why.spent": T("nguồn {sources} đã hết", "the capital of {sources} used up", "资金来源{sources}已用完"),
    "al.why.left": T(
        "nguồn {sources} chỉ còn {amount}", "only {amount} left in {sources}", "资金来源{sources}仅剩{amount}"
    ),
    "al.why.both": T("{empty}; {left}", "{empty}; {left}", "{empty}；{left}"),
    "al.takers.same": T("các dự án cùng thứ tự ưu tiên", "the projects of the same priority", "同一优先顺序的项目"),
    "al.takers.both": T(
        "{higher} và các dự án cùng thứ tự ưu tiên",
        "{higher} and the projects of the same priority",
        "{higher}和同一优先顺序的项目",
    ),
    "al.higher.points": T(
        "thứ tự ưu tiên cao hơn (điểm {points})", "the higher priorities {points}", "更高优先顺序{points}"
    ),
    "al.higher.levels": T(
        "thứ tự ưu tiên cao hơn (mức {levels})", "higher priorities (levels {levels})", "更高优先顺序（第{levels}级）"
    ),
}
register(TEMPLATES)

# What the plans app adds before the solver's sentence: capital it keeps or caps, items the solver never sees.
PLAN_TEMPLATES: Final[dict[str, Text]] = {
    "al.plan.all_kept_or_fixed": T(
        "Mọi nguồn vốn dự án được sử dụng đều giữ như phiên bản được duyệt hoặc đã được ấn định thủ công.",
        "Every source the project may use is kept as in the approved version or set by hand.",
        "项目可使用的所有资金来源均保持已批准版本的数额或已手工设定。",
    ),
    "al.plan.all_fixed": T(
        "Mọi nguồn vốn dự án được sử dụng đều đã được ấn định thủ công.",
        "Every source the project may use is set by hand.",
        "项目可使用的所有资金来源均已手工设定。",
    ),
    "al.plan.no_source": T(
        "Dự án không có nguồn vốn nào được phép sử dụng trong phiên bản này: không bố trí vốn.",
        "The project may use no source in this version: no capital allocated.",
        "项目在本版本中没有可使用的资金来源：不安排资金。",
    ),
    "al.plan.capped": T(
        "Nhu cầu {need} được giới hạn ở số vốn kế hoạch trung hạn còn lại của dự án ({left}).",
        "The need of {need} is capped at what remains of the project's medium-term plan capital ({left}).",
        "需求{need}以项目中期计划剩余资金（{left}）为限。",
    ),
    "al.plan.cuts_only": T(
        "Chỉ cắt giảm: không quá {ceiling} đã bố trí trong phiên bản được duyệt.",
        "Cuts only: no more than the {ceiling} allocated in the approved version.",
        "仅削减：不超过已批准版本中安排的{ceiling}。",
    ),
    "al.plan.kept": T(
        "Vốn ngân sách trung ương không thay đổi, giữ như phiên bản được duyệt: {parts}.",
        "Central budget capital unchanged, kept as in the approved version: {parts}.",
        "中央预算资金不变，保持已批准版本的数额：{parts}。",
    ),
    "al.plan.fixed": T(
        "Vốn ấn định thủ công, giữ nguyên khi phân bổ: {parts}.",
        "Capital set by hand, kept when allocating: {parts}.",
        "手工设定的资金，分配时保持不变：{parts}。",
    ),
    "al.plan.part": T("{source} {amount}", "{source} {amount}", "{source} {amount}"),
}
register(PLAN_TEMPLATES)


def then(first: Message | None, rest: Message | None) -> Message | None:
    """Two sentences one after the other (`f"{first} {rest}".strip()`), either of them possibly missing."""
    if first is None or rest is None:
        return first or rest
    return Message("al.then", {"first": first, "rest": rest})


# A capital transfer (tiendo.plans.disbursement.transfer): what each donor gives and each receiver gets, and why.
TRANSFER_TEMPLATES: Final[dict[str, Text]] = {
    "al.transfer.gives": T(
        "Điều chuyển giảm {amount} ({parts}) do dự án {pace} đến ngày {day}: {reasons} Vốn chuyển cho dự án: {to}.",
        "Transfer cut of {amount} ({parts}) as the project is {pace} as of {day}: {reasons} The capital goes to: {to}.",
        "调减{amount}（{parts}），因项目截至{day}{pace}：{reasons}资金调往项目：{to}。",
    ),
    "al.transfer.receives": T(
        "Nhận điều chuyển {amount} ({parts}) từ dự án {donors}: dự án giải ngân {percent}% vốn giao, đạt mục tiêu "
        "{target}% của tỉnh tại ngày {day}; theo tốc độ hiện nay có thể giải ngân thêm {capacity}, còn nhu cầu "
        "{remaining}.",
        "Receives {amount} ({parts}) transferred from {donors}: the project disbursed {percent}% of its allocation, "
        "meeting the province's target of {target}% on {day}; at the current pace it can disburse {capacity} more, "
        "and still needs {remaining}.",
        "接收自项目{donors}调入的{amount}（{parts}）：项目已拨付下达资金的{percent}%，达到省定{day}目标{target}%；按目前"
        "进度还可拨付{capacity}，尚需{remaining}。",
    ),
    "al.transfer.more": T(
        "{codes} và {count} dự án khác", "{codes} and {count} other projects", "{codes}等另外{count}个项目"
    ),
    "al.transfer.no_source": T(
        "Không có nguồn vốn được giải phóng mà dự án được dùng.",
        "No capital released from a source the project may use.",
        "没有项目可使用的资金来源释放资金。",
    ),
}
register(TRANSFER_TEMPLATES)

# The demo province's explanations (tiendo.demo.plans.writing: its figures are generated, not solved), registered
# here so that the pages render them whether or not the demo is loaded in the process.
DEMO_TEMPLATES: Final[dict[str, Text]] = {
    "al.demo.head": T(
        "Thứ tự ưu tiên ({letter}): {tier}. Nhu cầu {need}, bố trí {got}",
        "Priority ({letter}): {tier}. Need {need}, allocated {got}",
        "优先顺序({letter})：{tier}。需求{need}，安排{got}",
    ),
    "al.demo.full": T("{head}: đủ nhu cầu.", "{head}: the whole need.", "{head}：满足全部需求。"),
    "al.demo.whole": T(
        "{head}: dự án khởi công mới chỉ được bố trí khi đủ vốn hoàn thành theo tiến độ ({law}), nguồn không còn đủ.",
        "{head}: a new project is funded only with enough capital to complete it on schedule ({law}), and the "
        "sources no longer suffice.",
        "{head}：新开工项目仅在资金足以按进度完成时才安排（{law}），资金来源已不足。",
    ),
    "al.demo.short": T(
        "{head}: thiếu {short} do nguồn {sources} không đủ cho các dự án cùng thứ tự ưu tiên.",
        "{head}: {short} short as source {sources} does not cover the projects of the same priority.",
        "{head}：缺少{short}，因资金来源{sources}不足以满足同一优先顺序的项目。",
    ),
    "al.demo.floor": T(
        "{text} Giữ {floor} đã giao hoặc đã giải ngân.",
        "{text} Keeps the {floor} already allocated or disbursed.",
        "{text}保留已下达或已拨付的{floor}。",
    ),
}
register(DEMO_TEMPLATES)
