"""The directives of one province: dates, topics, agencies of the time, the directive and the tasks it gives."""

from __future__ import annotations

import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate

from tiendo.directives.models import Directive, Task

from .. import people
from .model import Context, DirectivePlan, TaskPlan, _capital, _day, _ministry, _month_end, _quarter, _weekday
from .progress import Progress
from .sessions import Sessions
from .texts import Texts
from .topics import DEPTS, HARD_DISTRICTS, SERIES, STRAIN, TOPICS
from .vocabulary import DEPARTMENT_NAMES, FIRST_DAY, REFORM, REFORM_TARGET, TWO_TIER, Job, Topic


class Generator(Texts, Progress, Sessions):
    """The directives of one province, from a `random.Random` of its own so the same seed gives the same data."""

    def __init__(self, ctx: Context, rng: random.Random, today: date):
        self.ctx, self.rng, self.today = ctx, rng, today
        self.numbers: dict[tuple[str, str, int], int] = {}
        self.demo_authors = {pk for pk, _name in ctx.demo_users.values()}
        leaders = random.Random(rng.random())
        vice = ctx.leader or people.person_name(leaders)
        # (chair, vice-chairs, chief of office) before and after the demo province joined Hải Phòng
        self.leaders = {
            era: (
                people.person_name(leaders),
                [vice, people.person_name(leaders), people.person_name(leaders)],
                people.person_name(leaders),
            )
            for era in ("before", "after")
        }

    def plans(self, count: int) -> list[DirectivePlan]:
        """The seeds (demo province), `count` generated directives and the demo officers' sessions, by date."""
        plans = self.seeds() if self.ctx.home else []
        schedule: list[tuple[date, tuple | None]] = [(day, None) for day in self.dates(count)]
        if self.ctx.home:
            schedule += self.session_days()
        schedule.sort(key=lambda item: item[0])
        for day, session in schedule:
            plan = self.session(day, *session) if session else self.directive(day)
            if plan is not None:
                plans.append(plan)
        return plans

    # -- who, on which day ---------------------------------------------------------------------------------------
    def era(self, day: date) -> str:
        return "after" if self.ctx.home and day >= TWO_TIER else "before"

    def level(self, day: date) -> str:
        return "thành phố" if self.ctx.home and day >= TWO_TIER else self.ctx.level

    def province(self, day: date) -> str:
        return "thành phố Hải Phòng" if self.ctx.home and day >= TWO_TIER else self.ctx.name

    def agency_code(self, key: str, day: date) -> str | None:
        """The agency a task for `key` went to on `day`, or None when there was none (a ward before 07/2025)."""
        if key.startswith("UB-"):
            if not self.ctx.home:
                return None
            if day >= TWO_TIER:
                return f"HP-{key}" if key.count("-") == 2 else None
            return f"HD-{key}" if key.count("-") == 1 else None
        if not self.ctx.home:
            key = REFORM_TARGET.get(key, key)
            return f"{self.ctx.prefix}-{ {'BQLDA': 'SXD', 'BQLKCN': 'STC'}.get(key, key) }"
        if day >= REFORM:
            key = REFORM_TARGET.get(key, key)
        else:
            key = {"SNNMT": "STNMT", "SKHCN": "STTTT"}.get(key, key)
        if day >= TWO_TIER:
            return f"HP-{ {'BQLKCN': 'BQLKKT'}.get(key, key) }"
        return f"HD-{key}"

    def assignee(self, code: str, day: date) -> str:
        """The agency as a directive names it: "Sở Xây dựng", "UBND huyện Nam Sách", "Văn phòng UBND tỉnh"."""
        _pk, name, short = self.ctx.agencies[code]
        key = code.split("-", 1)[1]
        level = self.level(day)
        special = {"VPUB": f"Văn phòng UBND {level}", "TTRA": f"Thanh tra {level}", "UBND": f"UBND {level}"}
        if key in special:
            return special[key]
        return DEPARTMENT_NAMES.get(key) or short or name

    def strain(self, code: str) -> float:
        """How much more often than most this agency runs late (land, site clearance, three districts)."""
        key = code.split("-", 1)[1]
        if key.startswith("UB-"):
            return HARD_DISTRICTS.get(key.split("-")[1], 1.0) if self.ctx.home else 1.0
        return STRAIN.get(key, 1.0)

    def places_on(self, day: date) -> list[tuple[str, float]]:
        """The local committees of the day: districts until 30/06/2025 (demo province), communes from then."""
        if day >= TWO_TIER:
            return [(code, weight) for code, _district, weight in self.ctx.places]
        if not self.ctx.home:
            return []
        weights: dict[str, float] = {}
        for _code, district, weight in self.ctx.places:
            weights[f"HD-UB-{district}"] = weights.get(f"HD-UB-{district}", 0.0) + weight
        return list(weights.items())

    def local_for(self, commune: str, day: date) -> str | None:
        """The local committee, on `day`, of a commune of today ("HP-TK-03")."""
        if day >= TWO_TIER:
            head, rest = commune.split("-", 1)
            return f"{head}-UB-{rest}"
        return f"HD-UB-{commune.split('-')[1]}" if self.ctx.home else None

    def pick_places(self, day: date, count: int) -> list[str]:
        places = self.places_on(day)
        count = min(count, len(places))
        chosen: list[str] = []
        while len(chosen) < count:
            code = self.rng.choices([p for p, _w in places], [w for _p, w in places])[0]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def author_for(self, code: str) -> int:
        staff = self.ctx.staff.get(code)
        if not staff:
            return self.ctx.creator
        demo = [pk for pk, _name in staff if pk in self.demo_authors]
        return demo[0] if demo and self.rng.random() < 0.6 else self.rng.choice(staff)[0]

    def responsible_for(self, code: str) -> str:
        staff = self.ctx.staff.get(code)
        return self.rng.choice(staff)[1] if staff else people.person_name(self.rng)

    # -- numbers and words ---------------------------------------------------------------------------------------
    def dates(self, count: int) -> list[date]:
        """From 2021 to yesterday, one in each slice of equal weight, so the last weeks always have some; Hải Phòng
        since 01/07/2025 (a city of four million) issues four times as many as Hải Dương did."""
        last = self.today - timedelta(days=1)
        days = [FIRST_DAY + timedelta(days=i) for i in range((last - FIRST_DAY).days + 1)]
        weights = list(accumulate(4.0 if self.ctx.home and day >= TWO_TIER else 1.0 for day in days))
        picks = [days[bisect_left(weights, (i + self.rng.random()) * weights[-1] / count)] for i in range(count)]
        return [min(_weekday(day), last) for day in picks]

    def topic(self, day: date) -> Topic:
        topics = [
            t
            for t in TOPICS
            if (t.since is None or day >= t.since)
            and (t.until is None or day <= t.until)
            and (t.key != "two_tier" or self.ctx.home)
        ]
        return self.rng.choices(topics, [t.weight for t in topics])[0]

    def project(self, kind: str, day: date) -> tuple[int, str, str] | None:
        """A project decided at least two months before the meeting (one of the last 400 so decided)."""
        rows = self.ctx.projects.get(kind) or []
        end = bisect_left(rows, (day - timedelta(days=60),))
        if not end:
            return None
        _decided, pk, name, commune = rows[self.rng.randrange(max(0, end - 400), end)]
        return pk, name, commune

    # -- one generated directive ---------------------------------------------------------------------------------
    def directive(self, day: date) -> DirectivePlan | None:
        rng = self.rng
        topic = self.topic(day)
        project = self.project(topic.project, day) if topic.project else None
        if topic.project and project is None:
            return None
        series = [s for s in SERIES if s[0] != "KH-UBND" or topic.plan]
        suffix, kind, _rate, _share = rng.choices(series, [s[3] for s in series])[0]
        values = self.values(day, project[1] if project else "")
        chair, vices, chief = self.leaders[self.era(day)]
        level = values["level"]
        by_chair = rng.random() < 0.45
        leader = chair if by_chair else rng.choice(vices)
        leader_title = f"Chủ tịch UBND {level}" if by_chair else f"Phó Chủ tịch UBND {level}"
        meeting = topic.meeting.format(**values)
        subject = topic.subject.format(**values)
        issuer = f"Ủy ban nhân dân {self.province(day)}"
        signer = leader
        if suffix == "TB-UBND":
            who = leader_title if by_chair else f"{leader_title} {leader}"
            title = f"Thông báo kết luận của {who} tại cuộc họp {meeting}"
        elif suffix == "TB-VP":
            issuer = f"Văn phòng {issuer}"
            signer = chief
            title = f"Thông báo kết luận của đồng chí {leader}, {leader_title} tại cuộc họp {meeting}"
        elif suffix == "CT-UBND":
            title = f"Chỉ thị {subject}"
        elif suffix == "KH-UBND":
            title = f"Kế hoạch {topic.plan.format(**values)}"
        else:
            title = f"V/v {subject.removeprefix('về ')}"
        tasks = self.tasks(topic, day, values, project)
        if len(tasks) < 2:
            return None
        directive = Directive(
            kind=kind,
            number=self.number(suffix, day),
            issued_on=day,
            issuer=issuer,
            signer=signer,
            title=title[:500],
            created_by_id=self.ctx.creator,
        )
        directive.text = self.text(suffix, topic, day, values, leader, leader_title, tasks)
        return DirectivePlan(directive, tasks)

    def tasks(self, topic: Topic, day: date, values: dict[str, str], project) -> list[TaskPlan]:
        rng = self.rng
        wanted = rng.choices(range(2, 9), [10, 18, 22, 18, 14, 10, 8])[0]
        jobs = list(topic.jobs)
        rng.shuffle(jobs)
        if project:  # the project's own tasks first
            jobs.sort(key=lambda job: "{project}" not in job.action)
        plans: list[TaskPlan] = []
        for job in jobs:
            room = wanted - len(plans)
            if room <= 0:
                break
            codes, written = self.leads(job, day, project, room)
            when = self.deadline(job, day)  # a generic body's agencies share the sentence and its deadline
            plans += [self.task(job, code, written, when, day, values, project, topic.until) for code in codes]
        return plans

    def leads(self, job: Job, day: date, project, room: int) -> tuple[list[str], str]:
        """The lead agencies of a job on `day`, and the assignee as written when a generic body names several."""
        rng = self.rng
        if job.who == "DEPTS":
            codes = sorted({c for c in (self.agency_code(k, day) for k in DEPTS) if c in self.ctx.agencies})
            return rng.sample(codes, min(len(codes), rng.randint(3, 5), room)), "Các sở, ban, ngành"
        if job.who == "COMMUNES":
            chosen = self.pick_places(day, min(rng.randint(2, 4), room))
            if day < TWO_TIER and self.ctx.home:
                return chosen, "UBND các huyện, thị xã, thành phố"
            return chosen, "UBND các xã, phường"
        if job.who == "COMMUNE":
            code = self.local_for(project[2], day) if project else None
            if code is None:
                code = next(iter(self.pick_places(day, 1)), None)
            return ([code], "") if code in self.ctx.agencies else ([], "")
        code = self.agency_code(job.who, day)
        return ([code], "") if code in self.ctx.agencies else ([], "")

    def task(self, job: Job, code: str, written: str, when, day: date, values, project, ends) -> TaskPlan:
        rng = self.rng
        deadline, deadline_text, standing = when
        coop_codes = [c for c in (self.agency_code(k, day) for k in job.coop) if c in self.ctx.agencies and c != code]
        priority = Task.Priority.NORMAL
        if deadline and (deadline - day).days <= 10 and rng.random() < 0.5:
            priority = Task.Priority.URGENT
        elif rng.random() < 0.2:
            priority = Task.Priority.HIGH
        task = Task(
            assigned_on=day,
            title=_capital(job.action.format(**values))[:1000],
            assignee_text=written or self.assignee(code, day),
            lead_agency_id=self.ctx.agencies[code][0],
            responsible_person=self.responsible_for(code),
            cooperating_text=job.coop_text.format(**values),
            expected_result_kind=job.kind,
            expected_result=_capital(job.result.format(**values)),
            deadline=deadline,
            original_deadline=deadline,
            deadline_text=deadline_text,
            standing=standing,
            waits_on=_ministry(job.waits_on, day) if job.waits_on and rng.random() < 0.6 else "",
            priority=priority,
            project_id=project[0] if project and "{project}" in job.action else None,
            created_by_id=self.ctx.creator,
        )
        plan = TaskPlan(task, code, self.author_for(code), coop=[self.ctx.agencies[c][0] for c in coop_codes])
        plan.line = self.line(task, [self.assignee(c, day) for c in coop_codes])
        self.fate(plan, ends)
        return plan

    def deadline(self, job: Job, day: date) -> tuple[date | None, str, bool]:
        """A date as directives write it: "trước ngày ...", "trong tháng ...", "trong quý ..."; or none."""
        rng = self.rng
        if job.standing:
            return None, rng.choice(["thường xuyên", "thường xuyên, báo cáo kết quả hằng tháng", "hằng quý"]), True
        if rng.random() < 0.06:
            return None, rng.choice(["khẩn trương", "sớm", "ngay", ""]), False
        due = day + timedelta(days=rng.randint(*job.days))
        style = rng.random()
        if style < 0.2:
            due = _month_end(due)
            return due, f"trong tháng {due.month}/{due.year}", False
        if style < 0.3 and job.days[1] >= 60:
            q, roman = _quarter(due)
            due = _month_end(date(due.year, q * 3, 1))
            return due, f"trong quý {roman}/{due.year}", False
        return due, f"trước ngày {_day(due)}", False
