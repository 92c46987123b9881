"""The directives generator's constants: sizes per scale, the 2025 reorganisation's dates and targets, the
agencies' names and document abbreviations, and the shapes (`Job`, `Topic`) the meeting topics are written in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import catalogue

DATA = Path(__file__).parent.parent / "data"
EVENT_FIELDS = {"progress": ["progress"], "extend": ["deadline"], "done": ["progress", "completed_on", "result"]}
REFORM = catalogue.DEPARTMENT_REFORM
TWO_TIER = catalogue.TWO_TIER
FIRST_DAY = date(2021, 1, 4)
REFORM_TARGET = {source: target for sources, target in catalogue.DEPARTMENT_MERGES for source in sources}
DISTRICT_HANDOVER = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/06/2025 về sắp xếp đơn vị hành chính cấp xã"
DEPARTMENT_NAMES = {key: name for key, name, *_ in [*catalogue.DEPARTMENTS, *catalogue.NEW_DEPARTMENTS]}
MINISTRY_NAMES = {key: name for key, name, *_ in [*catalogue.MINISTRIES, *catalogue.NEW_MINISTRIES]}
MINISTRY_TARGET = {source: target for sources, target in catalogue.MINISTRY_MERGES for source in sources}
# the prefix of an agency's own document numbers (Báo cáo 123/BC-SKHĐT)
DOC_ABBR = {"SKHDT": "SKHĐT", "SLDTBXH": "SLĐTBXH", "SGDDT": "SGDĐT", "VPUB": "VP", "TTRA": "TTr", "UBND": "UBND"}
# the demo officers: the agency (a key for agency_code) a leader holds working sessions with, as directives name it
DEMO_OFFICERS = {"canbo.xaydung": ("SXD", "Sở Xây dựng"), "canbo.phuong": ("UB-TPHD-01", "UBND phường Hải Dương")}


@dataclass(frozen=True)
class Size:
    directives: int  # generated directives of the demo province
    others: int = 0  # generated directives of each other province (national scale)
    cap: int = 0  # tasks in all (national scale)


# National: 33 other provinces × 420 directives × ~4 tasks (no communes before 07/2025) would pass 60,000 tasks;
# each province keeps an even share of the cap (see above).
SIZES = {
    "province": Size(340),
    "national": Size(340, others=420, cap=60_000),
    "test": Size(40),
    "national-test": Size(40, others=3, cap=400),
}


# ---------------------------------------------------------------------------------------------------------------
# What leaders ask for: topics of meetings and the tasks each gives
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    """One kind of task. `who`: a department key (catalogue.DEPARTMENTS), BQLDA, BQLKCN, UBND (the province's
    People's Committee), COMMUNE (the district, later the commune, of the topic's project or one of them), or a
    generic body given to several agencies: DEPTS ("các sở, ban, ngành") or COMMUNES."""

    who: str
    action: str
    kind: str = "report"  # Task.ResultKind
    result: str = ""
    days: tuple[int, int] = (15, 45)
    standing: bool = False
    coop: tuple[str, ...] = ()
    coop_text: str = ""
    waits_on: str = ""  # a ministry key (catalogue.MINISTRIES), named as it was on the day


@dataclass(frozen=True)
class Topic:
    key: str
    weight: int
    meeting: str  # "tại cuộc họp ..." of a conclusion notice
    subject: str  # "về ..." of a directive (Chỉ thị) or a letter (V/v ...)
    problem: str  # the conclusion's assessment
    reporter: str  # who reported at the meeting (a Job.who key)
    jobs: tuple[Job, ...]
    plan: str = ""  # "Kế hoạch ..." when the topic also comes as a plan
    project: str = ""  # "public" or "private": the meeting is about one project
    since: date | None = None
    until: date | None = None


# Task.ResultKind values, short for the tables below
R, D, P, PR, OT = "report", "decision", "plan", "proposal", "other"
