"""What the engines say, as a message code and its parameters, rendered in Vietnamese, English or Chinese.

The engines stay pure and language-free: a finding or a check carries a `Message`; the page renders it in the
reader's language, the CLI and official documents in Vietnamese. The templates are plain `Text`s registered by the
engine that speaks them (`register`), with `str.format` fields; a parameter is a date (dd/mm/yyyy), a number, an
amount in đồng (`Money`), a `Text` (a name the vocabulary holds in three languages), another message, or a tuple
of them (a list). Messages are stored as JSON (`to_json`/`from_json`) so that a stored finding can be read again in
any language. Legal citations are parameters or template text that keep the Vietnamese document names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeAlias

from tiendo.domain.languages import Text
from tiendo.domain.money import format_number, format_vnd_in

__all__ = [
    "NAMES",
    "Message",
    "Money",
    "Number",
    "Param",
    "TEMPLATES",
    "register",
    "register_names",
    "render_date",
    "render_stored",
]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in đồng, written in the reader's units (tỷ đồng, billion VND, 亿越南盾)."""

    dong: int


@dataclass(frozen=True, slots=True)
class Number:
    """A decimal number with a fixed number of places: "12,50" in Vietnamese, "12.50" in English and Chinese."""

    value: Decimal
    decimals: int = 2


Param: TypeAlias = "str | int | date | Text | Money | Number | Message | tuple[Param, ...] | None"

# Every template by its code; the engines register theirs when imported.
TEMPLATES: dict[str, Text] = {}
# The vocabulary's names (a milestone, a kind of report) by key: a stored message refers to them by key.
NAMES: dict[str, Text] = {}
_KEY_OF: dict[Text, str] = {}
_LIST_SEPARATOR = Text(", ", ", ", "、")
# English counts of one are singular: "1 years" -> "1 year", "1 other reports" -> "1 other report".
_ONE_PLURAL = re.compile(r"(?<![\d.,])1 ((?:other )?)(year|month|day|report|project)s\b")


def register(templates: Mapping[str, Text]) -> None:
    """Add an engine's templates; a code is registered once (two engines must not reuse one)."""
    for code, text in templates.items():
        if TEMPLATES.get(code, text) != text:
            raise ValueError(f"message code {code!r} registered twice")
        TEMPLATES[code] = text


def register_names(names: Mapping[str, Text]) -> None:
    """Add names a message may carry: stored as their key ({"name": key}), read back as the name."""
    for key, text in names.items():
        if NAMES.get(key, text) != text:
            raise ValueError(f"name {key!r} registered twice")
        NAMES[key] = text
        _KEY_OF.setdefault(text, key)


def render_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True, slots=True)
class Message:
    """One sentence of an engine: its template's code and the values that fill it."""

    code: str
    params: Mapping[str, Param]

    def render(self, language: str = "vi") -> str:
        """The sentence in `language` (vi, en, zh or zh-hans); unknown languages read Vietnamese."""
        template = TEMPLATES[self.code].get(language)
        text = template.format_map({name: _render(value, language) for name, value in self.params.items()})
        return _ONE_PLURAL.sub(r"1 \1\2", text) if language.startswith("en") else text

    @property
    def vi(self) -> str:
        return self.render("vi")

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "params": {name: _to_json(value) for name, value in self.params.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Message:
        code, params = data.get("code"), data.get("params", {})
        if not isinstance(code, str) or not isinstance(params, Mapping):
            raise ValueError(f"not a stored message: {data!r}")
        return cls(code, {str(name): _from_json(value) for name, value in params.items()})


def render_stored(stored: object, fallback: str, language: str) -> str:
    """A stored message (`to_json`) in `language`; `fallback` (the Vietnamese text kept with it) when there is none
    or its code is no longer in the catalogue."""
    if isinstance(stored, Mapping) and stored:
        try:
            return Message.from_json(stored).render(language)
        except (KeyError, ValueError):
            pass
    return fallback


def _render(value: Param, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, Text):
        return value.get(language)
    if isinstance(value, Money):
        return format_vnd_in(value.dong, language)
    if isinstance(value, date):
        return render_date(value)
    if isinstance(value, Number):
        text = format_number(value.value, value.decimals)
        return text if language.startswith("vi") else text.replace(".", "\0").replace(",", ".").replace("\0", ",")
    if isinstance(value, tuple):
        return _LIST_SEPARATOR.get(language).join(_render(item, language) for item in value)
    return str(value)


def _to_json(value: Param) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Text):
        key = _KEY_OF.get(value)
        return {"name": key} if key is not None else {"vi": value.vi, "en": value.en, "zh": value.zh}
    if isinstance(value, Money):
        return {"dong": value.dong}
    if isinstance(value, Number):
        return {"number": str(value.value), "decimals": value.decimals}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    return value


def _from_json(value: object) -> Param:
    if isinstance(value, list):
        return tuple(_from_json(item) for item in value)
    if isinstance(value, dict):
        if "code" in value:
            return Message.from_json(value)
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "dong" in value:
            return Money(int(value["dong"]))
        if "number" in value:
            return Number(Decimal(str(value["number"])), int(value["decimals"]))
        if "name" in value:
            return NAMES[str(value["name"])]
        return Text(str(value["vi"]), str(value["en"]), str(value["zh"]))
    if value is None or isinstance(value, (str, int)):
        return value
    raise ValueError(f"not a stored message parameter: {value!r}")
