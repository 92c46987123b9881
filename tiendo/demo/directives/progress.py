"""What became of a task: progress reports, extensions asked and decided, completion and its result, drawn so
that the statuses today look like a real province's. A mixin of `generator.Generator`."""

from __future__ import annotations

from datetime import date, timedelta

from tiendo.directives.models import ExtensionRequest, Task

from .model import Event, Extension, TaskPlan, _day, _ministry
from .topics import APPROVALS, EXTENSION_REASONS, REFUSALS, TROUBLE, UPDATES
from .vocabulary import DOC_ABBR


class Progress:
    """The progress side of `generator.Generator`."""

    # -- what became of a task -----------------------------------------------------------------------------------
    def fate(self, plan: TaskPlan, ends: date | None = None) -> None:
        """Extension, progress and completion, drawn so that the statuses today look like a real province's."""
        rng, today, task = self.rng, self.today, plan.task
        start = task.assigned_on
        strain = self.strain(plan.agency)
        done: date | None
        if task.standing and ends is not None:  # the matter itself ended (COVID-19, the 2025 reorganisation)
            done = ends + timedelta(days=rng.randint(15, 120))
        elif task.standing:  # closed, if ever, when the matter is settled
            age = (today - start).days
            chance = 0.85 if age > 720 else 0.6 if age > 365 else 0.25 if age > 200 else 0.0
            done = start + timedelta(days=rng.randint(120, max(121, min(age, 720)))) if rng.random() < chance else None
        elif task.deadline is None:  # "khẩn trương": nothing to be late against
            done = start + timedelta(days=rng.randint(5, 75))
        else:
            due = task.deadline
            earliest = start + timedelta(days=max(1, int((due - start).days * 0.35)))
            late = 0.18 * strain
            if rng.random() < 0.06 * strain:
                ext = self.decided_extension(plan, due)
                if ext is not None:
                    earliest = max(earliest, ext.decided + timedelta(days=1))
                    if ext.state == ExtensionRequest.State.APPROVED:
                        due = ext.new
                    else:
                        late = 0.5
            if rng.random() < min(0.9, late):
                done = due + timedelta(days=self.lateness(strain))
            else:  # mostly in the last days before the deadline
                done = due - timedelta(days=int(max(0, (due - earliest).days) * rng.random() ** 2))
        if done is not None and done >= today:
            done = None
        if done is None and task.deadline is not None and plan.extension is None:
            near = -5 <= (task.deadline - today).days <= 20
            if near and rng.random() < 0.3 * strain:
                self.pending(plan)
        self.progress(plan, done)

    def lateness(self, strain: float) -> int:
        """Days after the deadline: mostly a few weeks, with a long tail where land is involved."""
        rng, roll = self.rng, self.rng.random()
        if strain >= 2:
            return rng.randint(1, 30) if roll < 0.5 else rng.randint(31, 120) if roll < 0.8 else rng.randint(121, 400)
        if strain >= 1:
            return rng.randint(1, 30) if roll < 0.85 else rng.randint(31, 90) if roll < 0.98 else rng.randint(91, 200)
        return rng.randint(1, 20)

    def decided_extension(self, plan: TaskPlan, due: date) -> Extension | None:
        rng, task = self.rng, plan.task
        asked = max(task.assigned_on + timedelta(days=1), due - timedelta(days=rng.randint(1, 10)))
        decided = asked + timedelta(days=rng.randint(1, 6))
        if decided >= self.today:
            return None
        approve = rng.random() < 0.7
        plan.extension = Extension(
            asked,
            due,
            due + timedelta(days=rng.randint(15, 60)),
            self.reason(task),
            plan.author,
            ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED,
            decided,
            rng.choice(self.ctx.deciders),
            rng.choice(APPROVALS) if approve else rng.choice(REFUSALS),
        )
        if approve:
            plan.events.append(Event(decided, "extend", plan.extension.decider, deadline=plan.extension.new))
        return plan.extension

    def pending(self, plan: TaskPlan, asked: date | None = None) -> None:
        """The agency has just asked for more time; the request waits for a specialist or a leader."""
        rng, today, task = self.rng, self.today, plan.task
        asked = asked or max(task.assigned_on + timedelta(days=1), today - timedelta(days=rng.randint(0, 5)))
        if asked <= today:
            new = max(task.deadline, today) + timedelta(days=rng.randint(15, 45))
            plan.extension = Extension(asked, task.deadline, new, self.reason(task), plan.author)

    def reason(self, task: Task) -> str:
        return self.rng.choice(EXTENSION_REASONS).format(
            households=self.rng.randint(3, 40), ministry=task.waits_on or _ministry("BKHDT", task.assigned_on)
        )

    def progress(self, plan: TaskPlan, done: date | None) -> None:
        """A couple of progress reports for some tasks, and the report that closes each finished one."""
        rng, today, task = self.rng, self.today, plan.task
        start = task.assigned_on
        end = done or today
        reports = 0
        if (end - start).days > 6 and rng.random() < (0.7 if plan.author in self.demo_authors else 0.35):
            reports = rng.randint(1, 3 if done is None else 2)
        days = sorted({start + timedelta(days=rng.randint(3, (end - start).days - 1)) for _ in range(reports)})
        stuck = done is None and task.deadline is not None and task.deadline < today
        percent = 0
        for i, day in enumerate(days):
            percent = min(95, percent + rng.randint(15, 40))
            template = rng.choice(TROUBLE) if stuck and i == len(days) - 1 else rng.choice(UPDATES)
            text = template.format(percent=percent, households=rng.randint(3, 40))
            plan.events.append(Event(day, "progress", plan.author, percent, text))
        if done is not None:
            plan.events.append(Event(done, "done", plan.author, 100, self.result(plan, done)))
        plan.events.sort(key=lambda event: (event.day, event.kind != "extend"))

    def result(self, plan: TaskPlan, day: date) -> str:
        key = plan.agency.split("-", 1)[1]
        abbr = "UBND" if key.startswith("UB-") else DOC_ABBR.get(key, key)
        level = self.level(day)
        number = f"{self.rng.randint(20, 3200)}"
        kind = plan.task.expected_result_kind
        if plan.task.standing:
            return f"Đã triển khai thường xuyên; tổng kết tại Báo cáo số {number}/BC-{abbr} ngày {_day(day)}."
        if kind == "decision":
            return f"Đã trình dự thảo tại Tờ trình số {number}/TTr-{abbr} ngày {_day(day)}; UBND {level} đã ban hành."
        if kind == "plan":
            return f"Đã trình UBND {level} ban hành (Tờ trình số {number}/TTr-{abbr} ngày {_day(day)})."
        if kind == "proposal":
            return f"Đã có Văn bản số {number}/{abbr} ngày {_day(day)} đề xuất; chờ cấp có thẩm quyền xem xét."
        return f"Đã hoàn thành; báo cáo UBND {level} tại Văn bản số {number}/BC-{abbr} ngày {_day(day)}."
