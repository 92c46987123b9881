"""Quarterly progress reports: what an owner or investor reported each quarter of the online window, with the
problems they name. A mixin of `generator.Generator`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tiendo.domain.projects import MilestoneKind as MK
from tiendo.domain.projects import ProjectKind

from .context import Plan
from .measures import PERCENT, _days, _vnd, quarter_end, quarter_index
from .vocabulary import VN_TZ

# ---------------------------------------------------------------------------------------------------------------
# Problems investors and owners report (realistic sentences; {left} households, {area} m², {gap} tỷ đồng)
# ---------------------------------------------------------------------------------------------------------------
PROBLEMS = {
    MK.SITE_CLEARANCE: [
        "Còn {left} hộ dân chưa nhận tiền bồi thường, chưa bàn giao mặt bằng do chưa thống nhất đơn giá bồi thường.",
        "Vướng mắc giải phóng mặt bằng: còn {area} m² đất nông nghiệp chưa thu hồi được; đề nghị UBND xã tăng cường "
        "tuyên truyền, vận động.",
        "Một số hộ dân khiếu nại về nguồn gốc đất, đang chờ kết quả xác minh của cơ quan chuyên môn.",
        "Chưa bố trí được khu tái định cư cho {left} hộ phải di dời.",
        "Vướng di dời đường điện trung thế và mộ phần trong phạm vi dự án.",
    ],
    MK.LAND_HANDOVER: [
        "Đang chờ UBND tỉnh ban hành quyết định cho thuê đất và phê duyệt giá đất cụ thể.",
        "Thủ tục chuyển mục đích sử dụng đất trồng lúa kéo dài, chưa được bàn giao đất trên thực địa.",
        "Chưa xác định được tiền sử dụng đất phải nộp do đang chờ phê duyệt giá đất.",
        "Hồ sơ giao đất, cho thuê đất phải bổ sung theo Luật Đất đai 2024, đang chờ hướng dẫn.",
    ],
    MK.CONSTRUCTION_START: [
        "Đang hoàn thiện hồ sơ đề nghị cấp giấy phép xây dựng và thẩm định thiết kế cơ sở.",
        "Báo cáo đánh giá tác động môi trường chưa được phê duyệt.",
        "Điều chỉnh quy hoạch chi tiết tỷ lệ 1/500 chưa được phê duyệt.",
        "Thiếu đất đắp nền, nguồn cát san lấp khan hiếm, giá tăng cao.",
    ],
    MK.CAPITAL_CONTRIBUTION: [
        "Nhà đầu tư chưa góp đủ vốn chủ sở hữu theo tiến độ đăng ký; đang làm việc với ngân hàng để thu xếp vốn vay.",
        "Khó khăn về nguồn vốn do lãi suất vay tăng, doanh nghiệp đề nghị giãn tiến độ góp vốn.",
        "Công ty mẹ chậm chuyển vốn góp do điều chỉnh kế hoạch đầu tư.",
    ],
    MK.OPERATION: [
        "Chậm nhập khẩu máy móc, thiết bị do gián đoạn chuỗi cung ứng.",
        "Đang chờ nghiệm thu về phòng cháy, chữa cháy trước khi đưa công trình vào hoạt động.",
        "Nhà thầu thi công chậm, thiếu nhân lực và thiết bị.",
    ],
    MK.COMPLETION: [
        "Nhà thầu thi công chậm, thiếu nhân lực và thiết bị.",
        "Giá vật liệu xây dựng (thép, cát, đá) tăng cao làm chậm tiến độ thi công.",
        "Khối lượng phát sinh ngoài hợp đồng chưa được phê duyệt điều chỉnh.",
        "Kế hoạch vốn năm {year} mới được giao {share}% nhu cầu, còn thiếu khoảng {gap} tỷ đồng.",
    ],
}
# How investors and owners report (Decree 31 Art. 102: by the 9th of the quarter's next month): most on time,
# a few often late, and some stalled projects whose investor stopped reporting a few quarters after the stall
# (the provinces' reports on slow projects name "không thực hiện chế độ báo cáo" among them, a minority).
OFTEN_LATE = 0.05  # share of projects whose reports are late one quarter in three
STOPS_WHEN_STALLED = (0.0, 0.04, 0.35)  # by behaviour (on time, slow, stalled): the investor stops reporting
COVID = "Ảnh hưởng của dịch Covid-19: tạm dừng thi công, chuyên gia nước ngoài chưa nhập cảnh được."


class Reports:
    """The reporting side of `generator.Generator`: the quarterly reports of one project."""

    # -- reports ------------------------------------------------------------------------------------------------
    def reports(self, plan: Plan, window: int) -> list[tuple]:
        """The quarterly reports of `plan`'s project, as values in `projects.loading.REPORT_FIELDS` order (millions
        at national scale: no model built for each)."""
        rng, today = self.rng, self.today
        last_q = quarter_index(today) - 1
        first_q = max(quarter_index(plan.start + timedelta(days=30)), last_q - window + 1)
        end_q = min(last_q, quarter_index(plan.ended)) if plan.ended else last_q
        if first_q > end_q:
            return []
        project = plan.project
        total = project.total_investment
        public = project.kind == ProjectKind.PUBLIC.value
        by_kind = {m.kind: m for m in plan.milestones}
        end = by_kind.get(MK.COMPLETION) or by_kind.get(MK.OPERATION)
        operation = by_kind.get(MK.OPERATION)
        works_start, works_end, stall = plan.works_start, plan.works_end, plan.stall
        prep_end = works_start or (stall or today) + timedelta(days=365)
        ratio = rng.uniform(0.85, 1.0)
        advance = rng.uniform(0.03, 0.12)  # design, land and compensation paid before the works
        reports, best, paid = [], 0, 0
        often_late = rng.random() < OFTEN_LATE
        stops = None
        if rng.random() < STOPS_WHEN_STALLED[plan.behaviour]:
            # the last quarter reported (the registry holds at least its first report)
            stops = max(first_q, quarter_index(stall or today) + rng.randint(0, 3))
        for q in range(first_q, end_q + 1):
            if stops is not None and q > stops:
                break
            day = quarter_end(q)
            if stall and day > stall:
                point = stall
            else:
                point = day
            if works_start is None or point < works_start:
                span = max(1, (prep_end - plan.start).days)
                value = 5.0 * min(1.0, max(0.0, (point - plan.start).days / span))
            elif works_end is None or works_end <= works_start:
                value = 5.0 + 60.0 * min(1.0, (point - works_start).days / 720)
            else:
                value = 5.0 + 95.0 * min(1.0, (point - works_start).days / (works_end - works_start).days)
            if stall and day > stall:
                value += min(2.0, (day - stall).days / 365)  # stalled: hardly moves
            if end and (end.done is None or end.done > day):
                value = min(value, 98.5)
            elif end:
                value = 100.0
            hundredths = max(best, int(value * 100))
            best = hundredths
            share = hundredths / 10_000
            disbursed = _vnd(total * min(1.0, advance + (1 - advance) * share * ratio)) if share else 0
            disbursed = paid = max(paid, min(disbursed, total))
            jobs = revenue = taxes = None
            if operation and operation.done and operation.done <= day and plan.jobs:
                age = (day - operation.done).days / 365
                ramp = min(1.0, 0.35 + 0.65 * age)
                jobs = int(plan.jobs * ramp)
                revenue = _vnd(plan.revenue / 4 * ramp * rng.uniform(0.85, 1.15))
                taxes = _vnd(revenue * rng.uniform(0.02, 0.08))
            problems = self._problem(plan, by_kind, day, public) if plan.behaviour else ""
            late = often_late and rng.random() < 0.33
            submitted = day + (_days(rng, 12, 45) if late else _days(rng, 2, 9))
            if submitted >= today:
                break  # not sent yet (a late one is then missing, as it is on the day)
            reports.append(  # in project_loading.REPORT_FIELDS order
                (
                    project.pk,
                    day,
                    PERCENT[hundredths],
                    disbursed,
                    jobs,
                    revenue,
                    taxes,
                    problems,
                    plan.reporter,
                    datetime(submitted.year, submitted.month, submitted.day, 9, rng.randrange(60), tzinfo=VN_TZ),
                )
            )
        return reports

    def _problem(self, plan: Plan, by_kind, day: date, public: bool) -> str:
        rng = self.rng
        behind = None
        for m in plan.milestones:
            due = m.first_due
            for _number, decided, _old, new, _reason in m.adjustments:
                if decided <= day:
                    due = new
            if due < day and (m.done is None or m.done > day):
                behind = m
                break
        if behind is None or rng.random() > 0.6:
            return ""
        if date(2020, 1, 1) <= day <= date(2021, 12, 31) and rng.random() < 0.4:
            return COVID
        choices = [p for p in PROBLEMS[behind.kind] if public or "Kế hoạch vốn" not in p]
        if plan.project.kind != ProjectKind.FDI.value:
            choices = [p for p in choices if "Công ty mẹ" not in p]
        text = rng.choice(choices)
        clearance = behind.clearance or (
            by_kind.get(MK.SITE_CLEARANCE).clearance if MK.SITE_CLEARANCE in by_kind else None
        )
        left = max(1, clearance[2] - clearance[3]) if clearance else rng.randint(2, 30)
        area = max(100, clearance[0] - clearance[1]) if clearance else rng.randint(500, 20_000)
        return text.format(
            left=left,
            area=f"{area:,}".replace(",", "."),
            year=day.year,
            share=rng.randint(30, 70),
            gap=rng.randint(5, 120),
        )
