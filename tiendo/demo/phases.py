"""The demo's progress: each phase told as it ends, with its count and how long it took, and the total at the end,
so a slow national run shows where its minutes go (`tiendo demo` prints them; `--json` gives them as `phases`)."""

from __future__ import annotations

import time
from collections.abc import Callable


def seconds_text(seconds: float) -> str:
    """ "12,3 giây", written as the counts are (Vietnamese: a decimal comma)."""
    return f"{seconds:.1f}".replace(".", ",") + " giây"


class Phases:
    """A clock for the load's phases: `done` ends the phase running since the last one ended; `set_aside` moves
    time spent inside it on work told as a phase of its own (the reports written within each chunk of projects)."""

    def __init__(self, progress: Callable[[str], None], clock: Callable[[], float] = time.perf_counter):
        self.progress = progress
        self.clock = clock
        self.started = self.mark = clock()
        self.seconds: dict[str, float] = {}

    def done(self, key: str, message: str) -> float:
        """End the running phase as `key`; tell `message` with its time (set-aside time excluded)."""
        now = self.clock()
        elapsed = now - self.mark
        self.mark = now
        self.seconds[key] = self.seconds.get(key, 0.0) + elapsed
        self.progress(f"{message} ({seconds_text(elapsed)})")
        return elapsed

    def set_aside(self, key: str, elapsed: float) -> None:
        """Count `elapsed` seconds of the running phase as `key` instead (told later with `tell`)."""
        self.seconds[key] = self.seconds.get(key, 0.0) + elapsed
        self.mark += elapsed

    def tell(self, key: str, message: str) -> None:
        """Tell `message` with the time set aside as `key`, without ending the running phase."""
        self.progress(f"{message} ({seconds_text(self.seconds.get(key, 0.0))})")

    def since_start(self) -> float:
        return self.clock() - self.started

    def rounded(self) -> dict[str, float]:
        return {key: round(value, 2) for key, value in self.seconds.items()}
