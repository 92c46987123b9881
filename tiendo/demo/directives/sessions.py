"""The two real meetings of the seeds (data/seed_*.json) and the demo officers' working sessions with a leader,
whose tasks have every status today. A mixin of `generator.Generator`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

from tiendo.directives.models import Directive, ExtensionRequest, Task
from tiendo.domain.text import clean

from .model import DirectivePlan, Event, Extension, TaskPlan, _capital, _day, _weekday
from .texts import _article, _sentences
from .topics import APPROVALS, REFUSALS, TROUBLE
from .vocabulary import DATA, DEMO_OFFICERS, OT, TWO_TIER, D, P, R

# The demo officers' sessions with a leader: (days ago, the status each task will have today)
SESSIONS = [
    (150, ("on_time", "late", "approved", "refused", "standing")),
    (60, ("overdue", "on_time")),
    (20, ("due_soon", "pending", "in_progress")),
]
SESSION_DEADLINES: dict[str, Callable[[date, date], date]] = {
    "on_time": lambda day, today: day + timedelta(days=30),
    "late": lambda day, today: day + timedelta(days=25),
    "approved": lambda day, today: day + timedelta(days=30),
    "refused": lambda day, today: day + timedelta(days=35),
    "overdue": lambda day, today: max(day + timedelta(days=10), today - timedelta(days=20)),
    "due_soon": lambda day, today: today + timedelta(days=4),
    "pending": lambda day, today: today + timedelta(days=6),
    "in_progress": lambda day, today: today + timedelta(days=45),
}
SESSION_ACTIONS = {
    "SXD": (
        "công tác quản lý xây dựng, trật tự đô thị",
        [
            ("rà soát, báo cáo tình hình cấp giấy phép xây dựng các dự án trong khu vực đô thị", R, "báo cáo UBND"),
            ("kiểm tra chất lượng hạ tầng các khu dân cư đã hoàn thành, đề xuất nghiệm thu", R, "biên bản kiểm tra"),
            ("tham mưu dự thảo Quyết định phân cấp quản lý hạ tầng kỹ thuật đô thị", D, "dự thảo Quyết định"),
            ("thẩm định điều chỉnh thiết kế cơ sở dự án mở rộng đường trục chính đô thị", OT, "văn bản thẩm định"),
            ("hướng dẫn các xã, phường kiểm tra, xử lý vi phạm trật tự xây dựng", OT, "văn bản hướng dẫn"),
            ("kiểm tra, báo cáo tình hình trật tự xây dựng trên các tuyến phố chính", R, "báo cáo kết quả kiểm tra"),
            ("rà soát các dự án nhà ở xã hội; đề xuất giải pháp đẩy nhanh tiến độ", R, "báo cáo UBND"),
            ("tổng hợp, công bố chỉ số giá xây dựng quý", OT, "văn bản công bố"),
            ("tham mưu Kế hoạch phát triển nhà ở giai đoạn tiếp theo", P, "dự thảo Kế hoạch"),
            ("kiểm tra an toàn lao động tại các công trình sử dụng vốn ngân sách", R, "báo cáo kết quả kiểm tra"),
        ],
    ),
    "UB-TPHD-01": (
        "công tác giải phóng mặt bằng, trật tự xây dựng và chuyển đổi số",
        [
            (
                "hoàn thành kiểm đếm, lập phương án bồi thường dự án chỉnh trang khu dân cư trên địa bàn",
                OT,
                "phương án được phê duyệt",
            ),
            ("xử lý dứt điểm các trường hợp lấn chiếm vỉa hè, hành lang giao thông", R, "báo cáo kết quả xử lý"),
            ("tổ chức đối thoại với các hộ chưa đồng thuận phương án bồi thường, hỗ trợ", R, "biên bản đối thoại"),
            ("số hóa hồ sơ địa chính, kết quả giải quyết thủ tục hành chính của phường", OT, "dữ liệu được cập nhật"),
            ("giải quyết dứt điểm các vi phạm trật tự xây dựng đã phát hiện", R, "báo cáo kết quả xử lý"),
            ("rà soát quỹ đất công do phường quản lý, lập phương án khai thác", P, "phương án khai thác quỹ đất"),
            ("bàn giao mặt bằng còn lại cho chủ đầu tư dự án cải tạo hệ thống thoát nước", R, "biên bản bàn giao"),
            ("tổ chức lấy ý kiến nhân dân về phương án chỉnh trang đô thị", R, "báo cáo tổng hợp ý kiến"),
            ("kiện toàn tổ công tác hướng dẫn người dân nộp hồ sơ trực tuyến", OT, "quyết định kiện toàn"),
            ("rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo trên địa bàn", R, "danh sách được phê duyệt"),
        ],
    ),
}


class Sessions:
    """The seeds and sessions side of `generator.Generator`."""

    # -- the seeds -----------------------------------------------------------------------------------------------
    def seeds(self) -> list[DirectivePlan]:
        """The two real meetings, with the tasks made from them by hand (data/seed_*.json)."""
        plans = []
        for name in ("seed_002.json", "seed_000.json"):
            data = json.loads((DATA / name).read_text(encoding="utf-8"))
            day = date.fromisoformat(data["issued_on"])
            text = _article((DATA / data["text"]).read_text(encoding="utf-8"), data["title"])
            directive = Directive(
                kind=data["kind"],
                issued_on=day,
                issuer=data["issuer"],
                title=data["title"],
                text=text,
                source=f"{data['source']} ({data['text']})",
                created_by_id=self.ctx.creator,
            )
            sentences = _sentences(text)
            tasks = []
            for item in data["tasks"]:
                anchor = clean(item["anchor"])
                sentence = next((s for s in sentences if anchor in s), "")
                deadline = date.fromisoformat(item["deadline"]) if item["deadline"] else None
                for key, outcome in zip(item["agencies"], item["outcomes"], strict=True):
                    code = self.agency_code(key, day)
                    task = Task(
                        assigned_on=day,
                        title=_capital(item["action"]),
                        assignee_text=item["assignee"],
                        lead_agency_id=self.ctx.agencies[code][0],
                        responsible_person=self.responsible_for(code),
                        cooperating_text="; ".join(item["cooperating"]),
                        expected_result_kind=item.get("result_kind", Task.ResultKind.REPORT),
                        deadline=deadline,
                        original_deadline=deadline,
                        deadline_text=item["deadline_text"] or "",
                        standing=item["standing"],
                        source_sentence=sentence,
                        created_by_id=self.ctx.creator,
                    )
                    plan = TaskPlan(task, code, self.author_for(code))
                    done = date.fromisoformat(outcome) if outcome else None
                    self.progress(plan, done if done and done < self.today else None)
                    tasks.append(plan)
            plans.append(DirectivePlan(directive, tasks))
        return plans

    # -- the demo officers' working sessions ---------------------------------------------------------------------
    def session_days(self) -> list[tuple[date, tuple]]:
        """When the demo officers' agencies met a leader: about 150, 60 and 20 days ago (all after 07/2025)."""
        found = []
        for username, (key, name) in DEMO_OFFICERS.items():
            user = self.ctx.demo_users.get(username)
            if user is None:
                continue
            for index, (ago, fates) in enumerate(SESSIONS):
                day = _weekday(max(TWO_TIER + timedelta(days=3), self.today - timedelta(days=ago)))
                if day < self.today:
                    found.append((day, (key, name, user, fates, index)))
        return found

    def session(self, day: date, key: str, name: str, user: tuple[int, str], fates, index: int) -> DirectivePlan:
        """A leader's working session with a demo officer's agency: one task of each status wanted today."""
        _chair, vices, chief = self.leaders[self.era(day)]
        level = self.level(day)
        code = self.agency_code(key, day)
        subject, actions = SESSION_ACTIONS[key]
        directive = Directive(
            kind=Directive.Kind.CONCLUSION,
            number=self.number("TB-VP", day),
            issued_on=day,
            issuer=f"Văn phòng Ủy ban nhân dân {self.province(day)}",
            signer=chief,
            title=f"Thông báo kết luận của đồng chí {vices[0]}, Phó Chủ tịch UBND {level} tại buổi làm việc với "
            f"{name} về {subject}",
            created_by_id=self.ctx.creator,
        )
        first = sum(len(f) for _ago, f in SESSIONS[:index])
        tasks = []
        for offset, fate in enumerate(fates):
            action, kind, result = actions[(first + offset) % len(actions)]
            due = None if fate == "standing" else SESSION_DEADLINES[fate](day, self.today)
            task = Task(
                assigned_on=day,
                title=_capital(action),
                assignee_text=name,
                lead_agency_id=self.ctx.agencies[code][0],
                responsible_person=user[1],
                expected_result_kind=kind,
                expected_result=_capital(result),
                deadline=due,
                original_deadline=due,
                deadline_text="thường xuyên" if due is None else f"trước ngày {_day(due)}",
                standing=due is None,
                priority=Task.Priority.HIGH if fate in ("overdue", "due_soon") else Task.Priority.NORMAL,
                created_by_id=self.ctx.creator,
            )
            plan = TaskPlan(task, code, user[0])
            plan.line = self.line(task, [])
            self.forced(plan, fate)
            tasks.append(plan)
        lines = [f"{i}. {plan.line}" for i, plan in enumerate(tasks, start=1)]
        for plan, line in zip(tasks, lines, strict=True):
            plan.task.source_sentence = line
        directive.text = "\n".join(
            [
                f"Ngày {_day(day)}, đồng chí {vices[0]}, Phó Chủ tịch UBND {level} làm việc với {name} về {subject}.",
                f"Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND {level} kết luận, giao nhiệm vụ như sau:",
                *lines,
            ]
        )
        return DirectivePlan(directive, tasks)

    def forced(self, plan: TaskPlan, fate: str) -> None:
        """What became of a session's task, chosen so that it has `fate` today (see SESSION_DEADLINES)."""
        task, today = plan.task, self.today
        decider = self.ctx.deciders[0]
        due = task.deadline
        done = None
        if fate == "on_time":
            done = due - timedelta(days=5)
        elif fate == "late":
            done = due + timedelta(days=12)
        elif fate in ("approved", "refused"):
            asked, decided = due - timedelta(days=4), due - timedelta(days=2)
            approve = fate == "approved"
            state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
            note = APPROVALS[1] if approve else REFUSALS[0]
            new = due + timedelta(days=30)
            plan.extension = Extension(asked, due, new, self.reason(task), plan.author, state, decided, decider, note)
            if approve:
                plan.events.append(Event(decided, "extend", decider, deadline=new))
            done = new - timedelta(days=3) if approve else due + timedelta(days=9)
        elif fate == "pending":
            self.pending(plan, asked=today - timedelta(days=2))
        if done is not None and done >= today:
            done = today - timedelta(days=1)
        self.progress(plan, done)
        if fate == "overdue" and not any(e.kind == "progress" for e in plan.events):
            day = max(task.assigned_on + timedelta(days=1), due - timedelta(days=5))
            plan.events.insert(0, Event(day, "progress", plan.author, 60, TROUBLE[0].format(households=7)))
