"""What the review pages and `tiendo reviews` read: the rounds a user sees, counts per handling, the follow-up
tasks of a round, a project's place in every review, the follow-up task a leader starts from. Queries only; every
change goes through services.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from tiendo.agencies.models import Agency, Installation
from tiendo.core import access as core_access
from tiendo.directives.models import Task
from tiendo.domain import schedule_rules
from tiendo.domain.schedule_rules import ProposalCode
from tiendo.projects.models import Project

from .models import ReviewItem, ReviewRound

FOLLOW_UP_DAYS = 30

# What the operating agency is asked to do when the leaders agree with a proposal: the prefilled follow-up task.
FOLLOW_UP_TITLES: dict[ProposalCode, str] = {
    ProposalCode.REMIND: "Có văn bản nhắc nhở, đôn đốc nhà đầu tư đẩy nhanh tiến độ dự án {name}",
    ProposalCode.REQUIRE_REPORT: "Yêu cầu chủ đầu tư báo cáo tình hình thực hiện dự án {name}",
    ProposalCode.FINE_REPORTING: "Lập hồ sơ xử phạt vi phạm chế độ báo cáo đối với dự án {name}",
    ProposalCode.FINE_PROCEDURE: "Lập hồ sơ xử phạt việc không thực hiện thủ tục điều chỉnh dự án {name}",
    ProposalCode.FINE_DEPOSIT: "Lập hồ sơ xử phạt vi phạm về ký quỹ đối với dự án {name}",
    ProposalCode.ALLOW_EXTENSION: "Hướng dẫn nhà đầu tư thực hiện thủ tục điều chỉnh tiến độ dự án {name}",
    ProposalCode.DENY_EXTENSION: (
        "Thông báo không chấp thuận giãn tiến độ dự án {name}, đề xuất biện pháp xử lý tiếp theo"
    ),
    ProposalCode.EXTEND_LAND_USE: "Trình UBND tỉnh gia hạn sử dụng đất (không quá 24 tháng) đối với dự án {name}",
    ProposalCode.EXTEND_ALLOCATION_PERIOD: "Trình cấp có thẩm quyền gia hạn thời gian bố trí vốn dự án {name}",
    ProposalCode.CANCEL_UNDISBURSED: "Trình hủy bỏ, điều chuyển vốn chưa giải ngân của dự án {name}",
    ProposalCode.REAPPRAISE: "Tổ chức thẩm định lại, trình điều chỉnh dự án {name}",
    ProposalCode.REVIEW_RESPONSIBILITY: "Tổ chức kiểm điểm trách nhiệm tập thể, cá nhân để dự án {name} chậm tiến độ",
    ProposalCode.STOP_PUBLIC_ALLOCATION: "Trình dừng bố trí vốn đầu tư công cho dự án {name}",
    ProposalCode.FORFEIT_DEPOSIT: "Thông báo và thực hiện nộp tiền ký quỹ của dự án {name} vào ngân sách nhà nước",
    ProposalCode.SUSPEND: "Trình UBND tỉnh quyết định ngừng hoạt động dự án {name}",
    ProposalCode.RECOVER_LAND: "Trình UBND tỉnh quyết định thu hồi đất dự án {name}",
    ProposalCode.TERMINATE: "Trình UBND tỉnh quyết định chấm dứt hoạt động dự án {name}",
}


def follow_up_title(code: str, project_name: str) -> str:
    try:
        template = FOLLOW_UP_TITLES[ProposalCode(code)]
    except ValueError:
        template = "Tổ chức thực hiện kết luận đối với dự án {name}"
    return template.format(name=project_name)


def owner_agency() -> Agency | None:
    installation = Installation.current()
    return installation.owner_agency if installation else None


def suggested_follow_up(item: ReviewItem, today: date | None = None) -> dict:
    """The task a leader starts from: the operating agency submits the proposed measure within 30 days."""
    today = today or timezone.localdate()
    agency = owner_agency()
    return {
        "agency": agency.code if agency else "",
        "title": follow_up_title(item.proposal, item.project.name),
        "deadline": today + timedelta(days=FOLLOW_UP_DAYS),
    }


def rounds_for_user(user):
    return core_access.visible(user, ReviewRound)


def group_counts(review: ReviewRound, items=None) -> list[dict]:
    """Per handling, gravest first: items, confirmed, decided (one grouped query)."""
    items = review.items.all() if items is None else items
    rows = (
        items.order_by()
        .values("proposal", "rank")
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed=True)),
            decided=Count("pk", filter=~Q(decision="")),
        )
    )
    groups = sorted(rows, key=lambda row: (-row["rank"], row["proposal"]))
    for group in groups:
        try:
            group["label"] = ProposalCode(group["proposal"]).label
        except ValueError:
            group["label"] = schedule_rules.Text(group["proposal"], group["proposal"], group["proposal"])
    return groups


def tasks_of(review: ReviewRound, project_ids: Iterable[int] | None = None):
    """The follow-up tasks of a round's decisions: its conclusion's tasks, by project."""
    if not review.conclusion_id:
        return Task.objects.none()
    tasks = Task.objects.alive().filter(directive_id=review.conclusion_id)
    if project_ids is not None:
        tasks = tasks.filter(project_id__in=list(project_ids))
    return tasks


def items_for_project(user, project: Project) -> list[ReviewItem]:
    """The project's place in every review, newest first, with the follow-up tasks of each decision."""
    items = list(
        core_access.visible(user, ReviewItem)
        .filter(project=project)
        .select_related("round", "decided_by")
        .order_by("-round__as_of", "-round_id")
    )
    conclusions = [item.round.conclusion_id for item in items if item.round.conclusion_id]
    tasks: dict[int, list[Task]] = {}
    if conclusions:
        for task in (
            Task.objects.alive()
            .filter(project=project, directive_id__in=conclusions)
            .select_related("lead_agency")
            .order_by("deadline", "pk")
        ):
            tasks.setdefault(task.directive_id, []).append(task)
    for item in items:
        item.follow_ups = tasks.get(item.round.conclusion_id, []) if item.decision else []
    return items
