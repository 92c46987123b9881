"""The demo petitions' lives, planned before anything is written: who petitions about what and when, through which
channel, and what happens to it day by day. Old petitions (2023 to some weeks ago) have run their course — most
answered on time and closed, some late, rated not satisfied, reopened once, rejected as complaints, merged as
duplicates, withdrawn; recent ones stand in every open state; a few are still open well past their deadline (some
past the escalation threshold, left for the escalation run to find)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tiendo.domain.workdays import add_working_days
from tiendo.petitions.models import Petition

from .topics import COMPLAINT_TEXTS, NOT_ACCEPTED_TEXTS, SUBJECTS

# old petitions; recent ones in open states; open ones past their deadline
OLD, RECENT, OVERDUE = 170, 34, 12
# receipts are kept out of the weeks before a reorganisation, so no petition is handled by an agency after its end
QUIET = ((date(2025, 1, 20), date(2025, 3, 1)), (date(2025, 5, 26), date(2025, 7, 1)))
FIRST_DAY = date(2023, 1, 4)

CHANNEL_WEIGHTS = (
    ("investor_portal", 44),
    ("letter", 16),
    ("hotline", 10),
    ("national_system", 12),
    ("email", 14),
    ("public_portal", 4),
)
# the open states recent petitions are left in, and how many working days old each needs to be at least
RECENT_STATES = (
    ("received", 0),
    ("received", 0),
    ("classified", 1),
    ("classified", 1),
    ("assigned", 1),
    ("assigned", 2),
    ("in_progress", 2),
    ("in_progress", 3),
    ("in_progress", 4),
    ("waiting_enterprise", 3),
    ("waiting_enterprise", 4),
    ("waiting_enterprise", 6),
    ("waiting_agency", 4),
    ("waiting_agency", 5),
    ("answered", 4),
    ("answered", 6),
    ("answered", 8),
    ("published", 6),
    ("published", 8),
    ("rated", 8),
    ("rated_not_satisfied", 9),
    ("reopened", 10),
    ("withdrawn", 3),
)
OVERDUE_STATES = ("in_progress", "in_progress", "in_progress", "assigned", "waiting_agency", "in_progress")


@dataclass
class Step:
    action: str
    day: date
    data: dict = field(default_factory=dict)


@dataclass
class Duplicate:
    petition: Petition
    project: object
    received: date


@dataclass
class Life:
    order: int
    petition: Petition
    enterprise: object
    project: object
    channel: str
    received: date
    subject: int | None
    steps: list[Step] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _working_days(world, start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if world.calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _quiet(day: date) -> bool:
    return any(start <= day < end for start, end in QUIET)


def plan_lives(rng: random.Random, world, old: int = OLD) -> list[Life]:
    today = world.today
    recent_days = _working_days(world, today - timedelta(days=70), today)
    old_days = [d for d in _working_days(world, FIRST_DAY, recent_days[-40]) if not _quiet(d)]
    lives: list[Life] = []
    for day in sorted(rng.sample(old_days, min(old, len(old_days)))):
        lives.append(_old(rng, world, len(lives), day))
    for index in range(OVERDUE):
        back = 13 + (index * 3) % 19  # 13 to 31 working days old: 3 to 21 working days late
        received = recent_days[-1 - back]
        lives.append(_open(rng, world, len(lives), received, OVERDUE_STATES[index % len(OVERDUE_STATES)]))
    for index in range(RECENT):
        state, least = RECENT_STATES[index % len(RECENT_STATES)]
        back = least + rng.randint(0, 2)
        lives.append(_open(rng, world, len(lives), recent_days[-1 - back], state))
    return lives


def _who(rng: random.Random, world):
    """An enterprise of the pool (the demo investor's own one petition in six) and one of its zone projects."""
    enterprise = world.enterprises[0] if rng.random() < 0.16 else rng.choice(world.enterprises)
    projects = world.projects.get(enterprise.pk, [])
    return enterprise, (rng.choice(projects) if projects else None)


def _texts(subject, enterprise, project) -> dict[str, str]:
    zone = project.zone.name if project is not None and project.zone_id else "khu công nghiệp"
    values = {"enterprise": enterprise.name, "project": project.name if project else "của doanh nghiệp", "zone": zone}
    foreign = enterprise.country != "VN"
    english = foreign and enterprise.country not in {"CN", "TW"}
    chinese = foreign and enterprise.country in {"CN", "TW", "JP"}
    name_en = enterprise.name_en or enterprise.name
    return {
        "title": subject.title.format(**values),
        "text": subject.text.format(**values),
        "text_en": subject.text_en.format(**{**values, "enterprise": name_en}) if english else "",
        "text_zh": subject.text_zh.format(**values) if chinese else "",
    }


def _channel(rng: random.Random) -> str:
    return rng.choices([c for c, _w in CHANNEL_WEIGHTS], weights=[w for _c, w in CHANNEL_WEIGHTS])[0]


def _reference(rng: random.Random, channel: str, day: date) -> str:
    serial = rng.randint(10, 999)
    return {
        "letter": f"Công văn số {serial}/{day.year}/CV-DN ngày {day:%d/%m/%Y}",
        "hotline": f"Cuộc gọi số HL-{day:%Y%m%d}-{serial:03d}",
        "national_system": f"PAKN.{day:%Y%m%d}.{serial:04d}",
        "email": f"Thư điện tử ngày {day:%d/%m/%Y}",
        "public_portal": f"CTTĐT-{day.year}-{serial:04d}",
    }.get(channel, "")


def _petition(rng, world, day, channel, subject_index, enterprise, project) -> Petition:
    subject = SUBJECTS[subject_index]
    texts = _texts(subject, enterprise, project)
    return Petition(
        channel=channel,
        channel_reference=_reference(rng, channel, day),
        received_on=day,
        enterprise=enterprise,
        topic=subject.topic,
        publish_consent=False,
        **texts,
    )


def _agency_code(subject, project) -> str:
    in_zone = project is not None and project.zone_id and project.zone.kind == "kcn"
    return subject.in_zone_agency if in_zone and subject.in_zone_agency else subject.agency


def _wd(world, day: date, days: int) -> date:
    return add_working_days(world.calendar, day, days)


def full_life(rng, world, life: Life, *, late: bool, pause: bool, wait: bool, fate: str) -> list[Step]:
    """Every move of a life that runs its course, on realistic days (the caller keeps those up to today)."""
    subject = SUBJECTS[life.subject]  # type: ignore[index]
    r = life.received
    classify_day = _wd(world, r, 2 if life.duplicates else rng.randint(1, 2))
    agency = world.agency(_agency_code(subject, life.project), classify_day)
    steps = [Step("classify", classify_day, {"kind": subject.kind, "agency": agency})]
    if life.duplicates:
        steps.append(Step("merge", classify_day))
    steps.append(Step("assign", classify_day))
    day = _wd(world, classify_day, 1)
    steps.append(Step("start", day))
    if fate == "withdrawn":
        steps.append(
            Step(
                "withdraw",
                _wd(world, day, 2),
                {"text": "Doanh nghiệp đã tự thỏa thuận được với chủ đầu tư hạ tầng, xin rút kiến nghị."},
            )
        )
        return steps
    paused = 0
    if pause:
        asked = _wd(world, day, rng.randint(1, 2))
        paused = rng.randint(2, 6)
        steps.append(
            Step(
                "ask",
                asked,
                {"text": "Đề nghị doanh nghiệp bổ sung bản sao hồ sơ đã nộp và văn bản trả lời trước đây (nếu có)."},
            )
        )
        day = _wd(world, asked, paused)
        steps.append(
            Step("reply", day, {"text": "Doanh nghiệp đã gửi bổ sung bản sao hồ sơ và các văn bản liên quan."})
        )
    if wait:
        asked = _wd(world, day, 1)
        other = "HD-SXD" if subject.agency != "HD-SXD" else "HD-STNMT"
        steps.append(
            Step(
                "wait_agency",
                asked,
                {"agency": other, "text": "Đề nghị cho ý kiến về nội dung thuộc lĩnh vực quản lý."},
            )
        )
        day = _wd(world, asked, rng.randint(2, 4))
        steps.append(Step("resume", day, {"text": "Đã nhận ý kiến của cơ quan phối hợp."}))
    target = rng.randint(11, 18) if late else rng.randint(4, 9)
    answered = max(_wd(world, r, target + paused), _wd(world, day, 1))
    consent = rng.random() < 0.6
    steps.append(Step("answer", answered, {"consent": consent, "translate": life.enterprise.country != "VN"}))
    day = answered
    if consent:
        day = _wd(world, answered, rng.randint(1, 3))
        steps.append(Step("publish", day))
    if fate == "answered_closed":
        steps.append(Step("close", _wd(world, day, 15), {"text": "Doanh nghiệp không đánh giá sau 15 ngày làm việc."}))
        return steps
    rated = _wd(world, day, rng.randint(2, 8))
    if fate in {"not_satisfied", "reopened"}:
        reason = "Câu trả lời chưa nêu thời hạn cụ thể hoàn thành việc giải quyết."
        steps.append(Step("rate", rated, {"rating": "not_satisfied", "reason": reason}))
        if fate == "reopened":
            reopened = _wd(world, rated, 1)
            steps.append(Step("reopen", reopened, {"text": "Đề nghị trả lời rõ thời hạn và cơ quan chịu trách nhiệm."}))
            again = _wd(world, reopened, rng.randint(3, 8))
            steps.append(
                Step(
                    "answer",
                    again,
                    {
                        "consent": consent,
                        "text": subject.answer + " Thời hạn hoàn thành: trong 15 ngày làm việc kể từ ngày trả lời.",
                    },
                )
            )
            steps.append(
                Step("close", _wd(world, again, rng.randint(3, 10)), {"text": "Đã trả lời lại sau khi mở lại."})
            )
            return steps
    else:
        steps.append(Step("rate", rated, {"rating": "satisfied"}))
    if fate != "rated":
        steps.append(Step("close", _wd(world, rated, rng.randint(1, 3))))
    return steps


def _old(rng: random.Random, world, order: int, day: date) -> Life:
    enterprise, project = _who(rng, world)
    roll = rng.random()
    if roll < 0.05:
        return _rejected(rng, world, order, day, enterprise, project)
    subject_index = rng.randrange(len(SUBJECTS))
    channel = _channel(rng)
    life = Life(
        order,
        _petition(rng, world, day, channel, subject_index, enterprise, project),
        enterprise,
        project,
        channel,
        day,
        subject_index,
    )
    if rng.random() < 0.07:  # others raised the same difficulty within a day: merged into this one
        for _ in range(rng.randint(1, 2)):
            other, other_project = _who(rng, world)
            received = _wd(world, day, 1)
            life.duplicates.append(
                Duplicate(
                    _petition(
                        rng,
                        world,
                        received,
                        rng.choice(["hotline", "letter", "email"]),
                        subject_index,
                        other,
                        other_project,
                    ),
                    other_project,
                    received,
                )
            )
    fate = rng.choices(
        ["closed", "not_satisfied", "rated", "published", "answered_closed", "reopened", "withdrawn"],
        weights=[52, 9, 7, 6, 10, 5, 6],
    )[0]
    if fate == "published":
        fate = "rated_never"
    steps = full_life(
        rng, world, life, late=rng.random() < 0.2, pause=rng.random() < 0.15, wait=rng.random() < 0.1, fate=fate
    )
    if fate == "rated_never":  # published, the enterprise never rated it: it stays published
        steps = [s for s in steps if s.action not in {"rate", "close"}]
        if not any(s.action == "publish" for s in steps):
            answer = next(s for s in steps if s.action == "answer")
            answer.data["consent"] = True
            steps.append(Step("publish", _wd(world, answer.day, 2)))
    life.steps = [s for s in steps if s.day <= world.today]
    return life


def _rejected(rng, world, order, day, enterprise, project) -> Life:
    complaint = rng.random() < 0.75
    title, text, redirect = rng.choice(COMPLAINT_TEXTS if complaint else NOT_ACCEPTED_TEXTS)
    zone = project.zone.name if project is not None and project.zone_id else "khu công nghiệp"
    channel = _channel(rng)
    petition = Petition(
        channel=channel,
        channel_reference=_reference(rng, channel, day),
        received_on=day,
        enterprise=enterprise,
        topic="environment" if complaint and "môi trường" in title else "other",
        title=title,
        text=text.format(enterprise=enterprise.name, zone=zone),
    )
    life = Life(order, petition, enterprise, project, channel, day, None)
    life.steps = [
        Step("classify", _wd(world, day, 1), {"kind": "not_accepted", "complaint": complaint, "redirect": redirect})
    ]
    return life


def _open(rng: random.Random, world, order: int, day: date, state: str) -> Life:
    """A petition received `day` left in `state` today: its moves squeezed between its receipt and today."""
    enterprise, project = _who(rng, world)
    subject_index = rng.randrange(len(SUBJECTS))
    channel = _channel(rng)
    life = Life(
        order,
        _petition(rng, world, day, channel, subject_index, enterprise, project),
        enterprise,
        project,
        channel,
        day,
        subject_index,
    )
    fate = {"rated": "rated", "rated_not_satisfied": "not_satisfied", "reopened": "reopened", "withdrawn": "withdrawn"}
    steps = full_life(
        rng,
        world,
        life,
        late=False,
        pause=state == "waiting_enterprise",
        wait=state == "waiting_agency",
        fate=fate.get(state, "closed"),
    )
    stop = {
        "received": None,
        "classified": "classify",
        "assigned": "assign",
        "in_progress": "start",
        "waiting_enterprise": "ask",
        "waiting_agency": "wait_agency",
        "answered": "answer",
        "published": "publish",
        "rated": "rate",
        "rated_not_satisfied": "rate",
        "reopened": "reopen",
        "withdrawn": "withdraw",
    }[state]
    if state == "published":
        next(s for s in steps if s.action == "answer").data["consent"] = True
        if not any(s.action == "publish" for s in steps):
            answer = next(i for i, s in enumerate(steps) if s.action == "answer")
            steps.insert(answer + 1, Step("publish", steps[answer].day))
    kept: list[Step] = []
    if stop is not None:
        for step in steps:
            kept.append(step)
            if step.action == stop:
                break
    # squeezed: no move after today, none before the previous one
    for step in kept:
        step.day = min(step.day, world.today)
    life.steps = kept
    return life
