"""The two dialogue conferences of the demo: the city's business dialogue of the fourth quarter of 2025 and the
FDI enterprises' meeting of 2026, each with its questions (petitions of the channel "conference", some raised on
the day and answered on the spot, some sent before) and its conclusion notice (a Directive of kind "conclusion")
whose tasks are the commitments, some done on time, some late, some still open."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from tiendo.audit.models import acted_by
from tiendo.directives import services as task_services
from tiendo.directives.models import Directive, Task
from tiendo.petitions.models import Conference, Petition

from .story import Life, full_life
from .topics import SUBJECTS


@dataclass(frozen=True)
class Commitment:
    agency: str
    title: str
    weeks: int  # deadline, weeks after the notice
    done_after: int | None  # weeks after the notice it was reported done (None: still open)


@dataclass(frozen=True)
class ConferenceSpec:
    title: str
    held_on: date
    place: str
    chair: str
    participants: str
    notice: str
    subjects: tuple[int, ...]  # indexes of SUBJECTS raised
    commitments: tuple[Commitment, ...]


CONFERENCES = (
    ConferenceSpec(
        title="Hội nghị đối thoại doanh nghiệp quý IV/2025",
        held_on=date(2025, 12, 18),
        place="Trung tâm Hội nghị thành phố, phường Lê Thanh Nghị",
        chair="Phó Chủ tịch UBND thành phố",
        participants="Lãnh đạo các sở Tài chính, Xây dựng, Công Thương, Nông nghiệp và Môi trường, Nội vụ; Ban Quản "
        "lý Khu kinh tế; Hiệp hội Doanh nghiệp thành phố; 180 doanh nghiệp",
        notice="412/TB-UBND",
        subjects=(0, 1, 2, 3, 4, 7, 8, 6),
        commitments=(
            Commitment(
                "HP-SNNMT",
                "Hoàn thành giải phóng mặt bằng phần diện tích còn lại của các dự án trong KCN "
                "Đại An mở rộng, Cẩm Điền - Lương Điền",
                10,
                9,
            ),
            Commitment(
                "HP-SCT",
                "Chủ trì, phối hợp Công ty Điện lực bảo đảm cấp điện ổn định cho các khu công "
                "nghiệp mùa nắng nóng 2026; thông báo lịch cắt điện trước 5 ngày",
                12,
                14,
            ),
            Commitment(
                "HP-BQLKKT",
                "Ban hành quy trình một lần yêu cầu bổ sung hồ sơ điều chỉnh giấy chứng nhận đăng ký đầu tư",
                6,
                5,
            ),
            Commitment(
                "HP-SXD",
                "Rút ngắn thời gian cấp giấy phép xây dựng công trình trong khu công nghiệp còn 15 ngày",
                8,
                None,
            ),
            Commitment(
                "HP-SNV",
                "Hướng dẫn doanh nghiệp FDI thủ tục xác nhận chuyên gia không thuộc diện cấp giấy phép lao động",
                4,
                3,
            ),
            Commitment(
                "HP-STC",
                "Phối hợp Thuế thành phố giải quyết dứt điểm hồ sơ hoàn thuế giá trị gia tăng tồn đọng",
                6,
                None,
            ),
        ),
    ),
    ConferenceSpec(
        title="Hội nghị gặp gỡ, đối thoại với doanh nghiệp có vốn đầu tư nước ngoài năm 2026",
        held_on=date(2026, 9, 24),
        place="Trụ sở Ban Quản lý Khu kinh tế, phường Hải Dương",
        chair="Chủ tịch UBND thành phố",
        participants="Lãnh đạo UBND thành phố; các sở, ngành; Ban Quản lý Khu kinh tế; Hiệp hội doanh nghiệp Hàn "
        "Quốc, Nhật Bản, Đài Loan; 120 doanh nghiệp FDI",
        notice="287/TB-UBND",
        subjects=(3, 5, 7, 8, 2, 10),
        commitments=(
            Commitment(
                "HP-BQLKKT",
                "Rà soát thỏa thuận đấu nối nước thải của các chủ đầu tư hạ tầng, bỏ yêu cầu "
                "ngoài giấy phép môi trường",
                6,
                5,
            ),
            Commitment(
                "HP-CA",
                "Hướng dẫn bằng văn bản các hạng mục không thuộc diện thẩm duyệt thiết kế phòng cháy, chữa cháy",
                4,
                6,
            ),
            Commitment("HP-SNV", "Tổ chức hội nghị hướng dẫn thủ tục giấy phép lao động cho doanh nghiệp FDI", 8, None),
            Commitment("HP-SCT", "Đề xuất đầu tư trạm biến áp 110 kV cấp điện cho KCN Phúc Điền, Tân Trường", 20, None),
            Commitment("HP-STC", "Phối hợp Hải quan Hải Phòng rút ngắn thời gian kiểm tra cơ sở gia công", 5, None),
        ),
    ),
)


def write_conferences(world, rng: random.Random, live) -> dict[str, int]:
    """`live(world, life)` writes a question's life as the other petitions' (loading._live)."""
    counts = {"conferences": 0, "commitments": 0}
    for spec in CONFERENCES:
        notice_day = _weekday_after(world, spec.held_on, 7)
        if notice_day > world.today:
            continue
        counts["conferences"] += 1
        counts["commitments"] += _conference(world, rng, spec, notice_day, live)
    return counts


def _weekday_after(world, day: date, days: int) -> date:
    from tiendo.domain.workdays import add_working_days

    return add_working_days(world.calendar, day, days)


def _conference(world, rng: random.Random, spec: ConferenceSpec, notice_day: date, live) -> int:
    at, desk = world.clock.at, world.desk
    with at(spec.held_on):
        conference = Conference(
            title=spec.title,
            held_on=spec.held_on,
            place=spec.place,
            chair=spec.chair,
            participants=spec.participants,
            created_by=desk,
        )
        acted_by(conference, desk, "Hội nghị đối thoại").save()
    for index, subject_index in enumerate(spec.subjects):
        subject = SUBJECTS[subject_index]
        enterprise = world.enterprises[(index * 7 + spec.held_on.month) % len(world.enterprises)]
        projects = world.projects.get(enterprise.pk, [])
        project = projects[0] if projects else None
        zone = project.zone.name if project is not None and project.zone_id else "khu công nghiệp"
        values = {
            "enterprise": enterprise.name,
            "project": project.name if project else "của doanh nghiệp",
            "zone": zone,
        }
        on_the_day = index % 2 == 0
        petition = Petition(
            channel="conference",
            channel_reference=f"Câu hỏi số {index + 1} tại {spec.title}",
            received_on=spec.held_on,
            enterprise=enterprise,
            topic=subject.topic,
            title=subject.title.format(**values),
            text=subject.text.format(**values),
            text_en=subject.text_en.format(**values) if enterprise.country != "VN" else "",
            conference=conference,
            raised_on_the_day=on_the_day,
            spot_answer=(f"{subject.answer} (trả lời trực tiếp tại hội nghị)" if on_the_day else ""),
        )
        life = Life(index, petition, enterprise, project, "conference", spec.held_on, subject_index)
        fate = "closed" if spec.held_on.year < world.today.year else "rated"
        steps = full_life(rng, world, life, late=index == 3, pause=False, wait=index == 5, fate=fate)
        life.steps = [step for step in steps if step.day <= world.today]
        live(world, life)
    with at(notice_day):
        directive = task_services.save_directive(
            Directive(
                kind=Directive.Kind.CONCLUSION,
                number=spec.notice,
                issued_on=notice_day,
                issuer="Ủy ban nhân dân thành phố Hải Phòng",
                signer=spec.chair,
                title=f"Thông báo kết luận của {spec.chair} tại {spec.title}",
                text="\n".join(f"- Giao {world.agencies[c.agency].name}: {c.title}." for c in spec.commitments),
            ),
            actor=desk,
            reason="Kết luận hội nghị đối thoại doanh nghiệp",
        )
        conference.conclusion = directive
        acted_by(conference, desk, "Thông báo kết luận hội nghị").save()
    from datetime import timedelta

    written = 0
    for commitment in spec.commitments:
        agency = world.agencies[commitment.agency]
        deadline = notice_day + timedelta(weeks=commitment.weeks)
        with at(notice_day):
            task = task_services.save_task(
                Task(
                    directive=directive,
                    assigned_on=notice_day,
                    title=commitment.title,
                    assignee_text=agency.name,
                    lead_agency=agency,
                    deadline=deadline,
                    deadline_text=f"trước ngày {deadline:%d/%m/%Y}",
                    source_sentence=f"Giao {agency.name}: {commitment.title}.",
                ),
                actor=desk,
                reason="Cam kết tại hội nghị đối thoại doanh nghiệp",
            )
        written += 1
        if commitment.done_after is None:
            continue
        done = notice_day + timedelta(weeks=commitment.done_after)
        if done > world.today:
            continue
        with at(done):
            task_services.record_progress(
                task,
                actor=world.handler(agency),
                text="Đã hoàn thành, có văn bản báo cáo UBND thành phố.",
                percent=100,
                reported_on=done,
                completed=True,
            )
    return written
