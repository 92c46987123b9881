"""The demo's petitions: the working-day calendar's declared days, a few hundred petitions of Hải Dương's (from
01/07/2025 Hải Phòng's) industrial-zone enterprises over 2023–2026, and two dialogue conferences with their
commitments.

Decisions:
- **Through the services, on their days.** Every petition is received, classified, routed, answered, published,
  rated, reopened, merged or withdrawn through tiendo.petitions.services with `at=` its day, in date order, under
  the demo's clock (`clock.py`), so numbers, deadlines (with the declared days), pauses, StateChanges and the kept
  history are the ones the services make.
- **Every state.** Old petitions ran their course (most answered on time; about one in five late); recent ones
  stand in every open state; a dozen are still open past their deadline, some past the escalation threshold —
  left for the escalation run, which is not the demo's.
- **Agencies of their time.** A petition goes to the Hải Dương department of its day, or its successor after the
  2025 reorganisation; no petition is received in the weeks before a merger, so none is handled by an agency
  after its end. The zones, enterprises and projects are the demo's own.
- **Today.** Nothing is dated after `timezone.localdate()`; a conference whose conclusion would come later is left
  out.

Modules: `topics` (what is asked and answered), `story` (the lives planned), `loading` (the phase),
`conferences`, `clock`.
"""

from .loading import load
from .story import OLD

__all__ = ["OLD", "load"]
