"""The texts of conclusions, directives, letters and plans: document numbers, the values filling a topic's
sentences, and the whole text with one sentence per task. A mixin of `generator.Generator`; `_article` and
`_sentences` read the seeds' real texts."""

from __future__ import annotations

import re
from datetime import date

from tiendo.directives.models import Task
from tiendo.domain.text import clean

from .model import TaskPlan, _day, _lower, _ministry, _quarter
from .topics import COUNTRIES, SERIES
from .vocabulary import Topic


def _article(text: str, title: str) -> str:
    """The article from its title on, without the portal's menu above it."""
    lines = [clean(line) for line in text.split("\n")]
    start = next((i for i, line in enumerate(lines) if line == clean(title)), 0)
    return "\n".join(lines[start:]).strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?…])\s+|\n+", text) if s.strip()]


class Texts:
    """The texts side of `generator.Generator`."""

    def number(self, suffix: str, day: date) -> str:
        """Numbers of each series run through the year, with the issuer's other documents in between."""
        rate = next(r for s, _k, r, _w in SERIES if s == suffix)
        key = (self.province(day), suffix, day.year)
        guess = int((day.timetuple().tm_yday - 1) * rate) + self.rng.randint(1, 1 + int(rate * 2))
        self.numbers[key] = max(self.numbers.get(key, 0) + 1, guess)
        return f"{self.numbers[key]:02d}/{suffix}"

    def values(self, day: date, project: str = "") -> dict[str, str]:
        q, _roman = _quarter(day)
        quarter = f"quý IV/{day.year - 1}" if q == 1 else f"quý {['I', 'II', 'III'][q - 2]}/{day.year}"
        return {
            "year": str(day.year),
            "next_year": str(day.year + 1),
            "prev_year": str(day.year - 1),
            "quarter": quarter,
            "level": self.level(day),
            "project": project,
            "country": self.rng.choice(COUNTRIES),
            "ministry": _ministry("BKHDT", day),
        }

    @staticmethod
    def line(task: Task, coop: list[str]) -> str:
        """The sentence of the directive that gives the task."""
        with_ = coop + ([task.cooperating_text] if task.cooperating_text else [])
        lead = f"{task.assignee_text} chủ trì, phối hợp với {', '.join(with_)}" if with_ else task.assignee_text
        result = f"; {_lower(task.expected_result)}" if task.expected_result else ""
        when = f", {task.deadline_text}" if task.deadline_text else ""
        return f"{lead}: {_lower(task.title)}{result}{when}."

    def text(self, suffix, topic: Topic, day: date, values, leader, leader_title, tasks: list[TaskPlan]) -> str:
        level = values["level"]
        reporter_code = self.agency_code(topic.reporter, day)
        reporter = self.assignee(reporter_code, day) if reporter_code in self.ctx.agencies else f"UBND {level}"
        lines = list(dict.fromkeys(plan.line for plan in tasks))  # a generic body's line gives several tasks
        if suffix in ("TB-UBND", "TB-VP"):
            body = [
                f"Ngày {_day(day)}, đồng chí {leader}, {leader_title} chủ trì cuộc họp "
                f"{topic.meeting.format(**values)}. Dự họp có lãnh đạo {reporter} và các cơ quan, đơn vị liên quan.",
                f"Sau khi nghe {reporter} báo cáo và ý kiến của các đại biểu dự họp, đồng chí {leader_title} kết luận "
                "như sau:",
                f"1. Thời gian qua, các cơ quan, đơn vị đã có nhiều cố gắng; tuy nhiên {topic.problem}.",
                "2. Giao nhiệm vụ cụ thể như sau:",
                *[f"{chr(97 + i)}) {line}" for i, line in enumerate(lines)],
                f"3. Văn phòng UBND {level} theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo {leader_title}.",
            ]
        elif suffix == "CT-UBND":
            body = [
                f"Thời gian qua, {topic.problem}. Để khắc phục tình trạng trên, Chủ tịch UBND {level} yêu cầu:",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
                f"{len(lines) + 1}. Văn phòng UBND {level} theo dõi, đôn đốc việc thực hiện Chỉ thị này.",
            ]
        elif suffix == "KH-UBND":
            body = [
                "I. MỤC ĐÍCH, YÊU CẦU",
                f"Khắc phục tình trạng {topic.problem}; phân công rõ người, rõ việc, rõ thời gian, rõ trách nhiệm.",
                "II. NHIỆM VỤ CỤ THỂ",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
                "III. TỔ CHỨC THỰC HIỆN",
                f"Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về {reporter} để tổng hợp, báo cáo "
                f"UBND {level}.",
            ]
        else:
            body = [
                f"Xét báo cáo của {reporter} {topic.subject.format(**values)}, Chủ tịch UBND {level} có ý kiến như "
                "sau:",
                *[f"{i}. {line}" for i, line in enumerate(lines, start=1)],
            ]
        for plan in tasks:
            plan.task.source_sentence = next(line for line in body if line.endswith(plan.line))
        return "\n".join(body)
