"""A year's working-day calendar as the page and the command show it: the statutory holidays (from the `holidays`
library, named in Vietnamese) and the declared days with their documents, in date order; and a deadline counted
on it with the days it skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import translation

from tiendo.domain.workdays import add_working_days, statutory_days_off

from .calendar import work_calendar
from .models import DeclaredDay

# the library's English names, in Vietnamese (a name not here is shown as the library gives it)
VIETNAMESE_NAMES = {
    "New Year's Day": "Tết Dương lịch",
    "29 of Lunar New Year": "Tết Nguyên đán (29 tháng Chạp)",
    "Lunar New Year's Eve": "Tết Nguyên đán (30 tháng Chạp)",
    "Lunar New Year": "Tết Nguyên đán (mùng 1 tháng Giêng)",
    "Second Day of Lunar New Year": "Tết Nguyên đán (mùng 2)",
    "Third Day of Lunar New Year": "Tết Nguyên đán (mùng 3)",
    "Fourth Day of Lunar New Year": "Tết Nguyên đán (mùng 4)",
    "Fifth Day of Lunar New Year": "Tết Nguyên đán (mùng 5)",
    "Hung Kings' Commemoration Day": "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    "Liberation Day/Reunification Day": "Ngày Chiến thắng (30/4)",
    "International Labor Day": "Ngày Quốc tế Lao động (1/5)",
    "National Day": "Quốc khánh (2/9)",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam (24/11)",
    "Day off": "Ngày nghỉ hoán đổi",
}


# and in Chinese (the English page shows the library's own names)
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "29 of Lunar New Year": "春节（腊月二十九）",
    "Lunar New Year's Eve": "春节（除夕）",
    "Lunar New Year": "春节（正月初一）",
    "Second Day of Lunar New Year": "春节（初二）",
    "Third Day of Lunar New Year": "春节（初三）",
    "Fourth Day of Lunar New Year": "春节（初四）",
    "Fifth Day of Lunar New Year": "春节（初五）",
    "Hung Kings' Commemoration Day": "雄王祭祖日（农历三月初十）",
    "Liberation Day/Reunification Day": "南方解放日（4月30日）",
    "International Labor Day": "国际劳动节（5月1日）",
    "National Day": "国庆节（9月2日）",
    "Vietnam Cultural Day": "越南文化日（11月24日）",
    "Day off": "调休日",
}


def holiday_name(name: str) -> str:
    """The library's name in the page's language: Vietnamese (the default), Chinese, or its own English."""
    language = (translation.get_language() or "vi").lower()
    if language.startswith("en"):
        return name
    if language.startswith("zh"):
        base, _, rest = name.partition(" (")
        text = CHINESE_NAMES.get(base, CHINESE_NAMES.get(name, name))
        if rest.startswith("observed"):
            return f"{text}（补休）"
        if rest.startswith("substituted"):
            return f"{text}（另日补班）"
        return text
    return vietnamese_name(name)


def vietnamese_name(name: str) -> str:
    """ "National Day (observed)" -> "Quốc khánh (2/9) (nghỉ bù)"; "Day off (substituted from …)" likewise."""
    base, _, rest = name.partition(" (")
    text = VIETNAMESE_NAMES.get(base, VIETNAMESE_NAMES.get(name, name))
    if rest.startswith("observed"):
        return f"{text} (nghỉ bù)"
    if rest.startswith("substituted"):
        return f"{text} (làm bù vào ngày khác)"
    return text


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # "holiday" (statutory), "day_off" or "working_day" (declared)
    name: str
    document: str = ""
    note: str = ""
    record: DeclaredDay | None = None


def year_days(year: int) -> list[CalendarDay]:
    """The year's days that are not ordinary: statutory holidays and declared days, by date."""
    days = [
        CalendarDay(day, "holiday", holiday_name(name), "Bộ luật Lao động 2019, Điều 112")
        for day, name in statutory_days_off([year]).items()
        if day.year == year
    ]
    for record in DeclaredDay.objects.filter(day__year=year):
        days.append(CalendarDay(record.day, record.kind, record.name, record.document, record.note, record))
    return sorted(days, key=lambda d: (d.day, d.kind != "holiday"))


@dataclass(frozen=True)
class Count:
    start: date
    days: int
    due: date
    skipped: list[date]  # days off (weekends, holidays, declared) passed over between start and due


def count_working_days(start: date, days: int) -> Count:
    """The deadline `days` working days after `start` (day of receipt = day 0), and the days it skipped."""
    calendar = work_calendar(range(start.year, start.year + 2))
    due = add_working_days(calendar, start, days)
    skipped, day = [], start + timedelta(days=1)
    while day < due:
        if not calendar.is_working_day(day):
            skipped.append(day)
        day += timedelta(days=1)
    return Count(start, days, due, skipped)
