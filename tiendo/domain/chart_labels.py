"""Where the labels of a chart's vertical lines go, so that no two of them overlap and none leaves the chart.

A server-drawn chart has no browser to measure its text, so a label's width is estimated from its characters
(wide East Asian characters one em, capitals a little wider than the rest, combining accents nothing) and
rounded up: an estimate too large only spaces the labels further apart. Each label sits beside its line, on the
right unless the chart ends first, and takes the highest row where it meets no label already placed: labels
whose lines are far apart share the top row; the as-of day and a deadline a few days apart stack instead of
printing over each other (issue 14).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["Box", "Label", "PlacedLabel", "place_labels", "text_width"]

ELLIPSIS: Final = "…"
WIDE: Final = 1.0  # a CJK character is an em wide
CAPITAL: Final = 0.74  # the widest Latin capitals (M, W) are narrower than this in the sans fonts the pages use
NARROW: Final = 0.64  # digits, lower case and punctuation (DejaVu Sans's digits are 0.636 em)


def text_width(text: str, font_size: float) -> float:
    """An upper estimate of the width of `text` set at `font_size` in a sans-serif font."""
    ems = 0.0
    for character in text:
        if unicodedata.combining(character):
            continue
        if unicodedata.east_asian_width(character) in ("W", "F"):
            ems += WIDE
        elif character.isupper():
            ems += CAPITAL
        else:
            ems += NARROW
    return ems * font_size


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's coordinates (y grows downwards); boxes that only touch do not intersect."""

    left: float
    top: float
    right: float
    bottom: float

    def intersects(self, other: Box) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )


@dataclass(frozen=True)
class Label:
    """The text that names a vertical line drawn at x = `at`."""

    at: float
    text: str


@dataclass(frozen=True)
class PlacedLabel:
    """Where to write a label: `x` and `baseline` for the SVG <text>, with its text-anchor, and the box it fills."""

    index: int  # the label's place in the list given to place_labels
    label: Label
    text: str  # the label's text, shortened with an ellipsis only if it is wider than the whole chart
    x: float
    baseline: float
    anchor: Literal["start", "end"]
    box: Box


def place_labels(
    labels: Sequence[Label],
    *,
    left: float,
    right: float,
    top: float,
    bottom: float,
    font_size: float = 11.0,
    gap: float = 4.0,
    leading: float = 2.0,
    occupied: Sequence[Box] = (),
) -> list[PlacedLabel]:
    """Place each label beside its line in the highest free row, in the order given (the first has first choice).

    The plot area is left..right × top..bottom. A label goes `gap` to the right of its line, or to its left when
    the right edge comes first, or against the nearer edge when neither side has room; it avoids the `occupied`
    boxes (other text on the chart) as it avoids the labels placed before it. A label that finds no free
    row above `bottom` is left out (the charts' legends list every line), so the result may be shorter than
    `labels`; its order is that of `labels`."""
    if right <= left or bottom <= top or font_size <= 0:
        raise ValueError("the plot area and the font size must not be empty")
    height = font_size * 1.25  # ascenders and descenders
    pitch = height + leading
    rows = int((bottom - top + leading) // pitch)
    placed: list[PlacedLabel] = []
    for index, label in enumerate(labels):
        text = _fitting_text(label.text, right - left, font_size)
        if not text:
            continue
        width = text_width(text, font_size)
        x, anchor, box_left = _beside(label.at, width, left, right, gap)
        for row in range(rows):
            row_top = top + row * pitch
            box = Box(box_left, row_top, box_left + width, row_top + height)
            if not any(box.intersects(other.box) for other in placed) and not any(
                box.intersects(other) for other in occupied
            ):
                placed.append(PlacedLabel(index, label, text, x, round(row_top + font_size, 1), anchor, box))
                break
    return placed


def _beside(
    at: float, width: float, left: float, right: float, gap: float
) -> tuple[float, Literal["start", "end"], float]:
    """The text's x, its anchor and its box's left edge: right of the line, else left of it, kept inside the area."""
    if at + gap + width <= right or at - gap - width < left and at - left <= right - at:
        box_left = min(max(at + gap, left), right - width)
        return box_left, "start", box_left
    box_left = max(min(at - gap - width, right - width), left)
    return box_left + width, "end", box_left


def _fitting_text(text: str, room: float, font_size: float) -> str:
    """The text, cut and ended with an ellipsis when it is wider than `room`."""
    if text_width(text, font_size) <= room:
        return text
    while text and text_width(text + ELLIPSIS, font_size) > room:
        text = text[:-1]
    return text + ELLIPSIS if text_width(text + ELLIPSIS, font_size) <= room else ""
