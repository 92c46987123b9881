"""The demo's review round, modelled on the province's 2024 review of public-investment projects behind schedule
(the Party Secretary asked the Department of Planning and Investment to be "mạnh tay với các dự án chậm tiến độ"):
the specialist opens the round as of 30/06/2024 and confirms a handful of proposals, the leader decides them in
August 2024, the notice is numbered and the follow-up work reported. Everything goes through tiendo.reviews and
tiendo.directives services on the demo clock, so the history, the notice and the public project pages ("Handling
decided") read as they would have that summer."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.directives import services as directive_services
from tiendo.domain.access import Role
from tiendo.projects.models import Project
from tiendo.reviews import services as review_services
from tiendo.reviews.models import ReviewItem, ReviewRound

from .petitions.clock import DemoClock

TITLE = "Rà soát các dự án đầu tư công chậm tiến độ năm 2024"
NOTE = "Theo chỉ đạo của Thường trực Tỉnh ủy ngày 21/02/2024: đối chiếu quy định pháp luật, mạnh tay với dự án chậm."
AS_OF = date(2024, 6, 30)
OPENED = date(2024, 7, 8)
SUBMITTED = date(2024, 7, 19)
DECIDED = (date(2024, 8, 5), date(2024, 8, 6))
NUMBERED = date(2024, 8, 7)
NOTICE_NUMBER = "215/TB-UBND"
HOME_PROVINCE = "HD"  # the demo province of 2024 (Hải Dương), merged into the city of Hải Phòng in 2025
MONITOR = "HD-SKHDT"  # its Department of Planning and Investment, which monitored public investment
ITEMS = 8  # decided: the last but one "another measure", the last deferred, the rest agreed
FOLLOW_UP_DAYS = 60
NOTE_TO_LEADERS = "Đã đối chiếu hồ sơ, làm việc với chủ đầu tư; đề nghị xử lý theo quy định."
DONE_TEXT = "Đã thực hiện theo kết luận, báo cáo UBND tỉnh kết quả và kế hoạch hoàn thành dự án."
OTHER_MEASURE = (
    "Giao chủ đầu tư lập kế hoạch đẩy nhanh tiến độ, báo cáo UBND tỉnh hằng tháng; "
    "điều chuyển vốn nếu không giải ngân hết trong năm 2024."
)


def load(seed: int) -> dict[str, int]:
    """One closed round: its confirmed items decided, the notice numbered, the follow-up tasks reported on."""
    rng = random.Random(f"{seed}-reviews")
    specialist = User.objects.get(username="chuyenvien")
    leader = User.objects.get(username="lanhdao")
    clock = DemoClock()
    with clock.at(OPENED):
        review = review_services.open_round(
            actor=specialist, title=TITLE, as_of=AS_OF, scope=ReviewRound.Scope.PUBLIC, note=NOTE
        )
    chosen = choose(review, rng)
    if not chosen:
        return {"rounds": 1, "items": review.items.count(), "decided": 0, "follow_ups": 0}
    with clock.at(SUBMITTED):
        for item in chosen:
            review_services.edit_item(
                item,
                actor=specialist,
                note=NOTE_TO_LEADERS,
                confirmed=True,
            )
        review_services.submit_round(review, actor=specialist)
    tasks = []
    for number, item in enumerate(chosen):
        day = DECIDED[0] if number < len(chosen) // 2 else DECIDED[1]
        with clock.at(day):
            decision, text = _decision(number, len(chosen), item)
            follow_ups = [] if decision == ReviewItem.Decision.DEFERRED else [_follow_up(item, day)]
            tasks += review_services.decide_item(
                item, actor=leader, decision=decision, text=text, follow_ups=follow_ups
            )
    review.refresh_from_db()
    with clock.at(NUMBERED):
        notice = review.conclusion
        notice.number = NOTICE_NUMBER
        notice.issuer = _issuer_in(AS_OF) or notice.issuer  # the province of 2024, not the city it merged into
        directive_services.save_directive(notice, actor=specialist, reason="Vào sổ văn bản đi")
    lasting = [task for task in tasks if task.lead_agency.valid_to is None]
    under_way = lasting[-1] if lasting else None  # one follow-up still under way, with an agency of today
    for task in tasks:
        if task is under_way:
            with clock.at(task.deadline - timedelta(days=10)):
                directive_services.record_progress(
                    task,
                    actor=_reporter(task, specialist),
                    text="Đang hoàn thiện hồ sơ điều chỉnh chủ trương đầu tư, chờ ý kiến thẩm định của các sở.",
                    percent=60,
                )
            continue
        done = task.deadline - timedelta(days=rng.randint(3, 20))
        with clock.at(done):
            directive_services.record_progress(
                task,
                actor=_reporter(task, specialist),
                text=DONE_TEXT,
                reported_on=done,
                percent=100,
                completed=True,
            )
    return {"rounds": 1, "items": review.items.count(), "decided": len(chosen), "follow_ups": len(tasks)}


def choose(review: ReviewRound, rng: random.Random) -> list[ReviewItem]:
    """A handful of the round's items, drawn among the gravest."""
    items = list(
        review.items.select_related("project__agency").order_by("-rank", "-days_behind", "project__code")[: ITEMS * 3]
    )
    picked = rng.sample(items, min(ITEMS, len(items)))
    return sorted(picked, key=lambda item: item.project.code)


def _decision(number: int, count: int, item: ReviewItem) -> tuple[str, str]:
    if count >= 3 and number == count - 2:
        return ReviewItem.Decision.OTHER, OTHER_MEASURE
    if count >= 2 and number == count - 1:
        return ReviewItem.Decision.DEFERRED, "Chờ kết quả thanh tra; xem xét lại ở đợt rà soát cuối năm 2024."
    return ReviewItem.Decision.AGREED, ""


def _issuer_in(day: date) -> str:
    unit = AdminUnit.objects.filter(code=HOME_PROVINCE).valid_on(day).first()
    return f"Ủy ban nhân dân {unit.unit_type} {unit.name}" if unit else ""


def _follow_up(item: ReviewItem, day: date) -> review_services.FollowUp:
    """The project's owner of that day leads the follow-up (the 2025 reorganisation moved running projects to
    the agencies of today); without one, the department that monitors the province's investment."""
    moment = timezone.now()
    try:
        then = item.project.history.as_of(moment).agency_id
    except Project.DoesNotExist:
        then = None
    owner = Agency.objects.filter(pk=then).valid_on(day).first() if then else None
    if owner is None:
        owner = Agency.objects.filter(code=MONITOR).first() or Installation.current().owner_agency
    return review_services.FollowUp(
        agency=owner,
        title=f"Thực hiện kết luận rà soát đối với dự án {item.project.name}, báo cáo kết quả"[:500],
        deadline=day + timedelta(days=FOLLOW_UP_DAYS),
    )


def _reporter(task, specialist: User) -> User:
    """An officer of the lead agency reports, or the specialist on its behalf when it has none."""
    officer = User.objects.filter(role=Role.OFFICER.value, agency_id=task.lead_agency_id).order_by("username").first()
    return officer or specialist
