"""What a draft's run may allocate from a source: the approved version left part of a source unallocated on purpose
(the reserve, dự phòng chưa phân bổ); a run re-allocating everything would hand it out, so that a plan cut by
a revenue shortfall would see other sources' lines grow. The reserve stays out of the run unless the draft's
budget releases it, explicitly and at most all of it."""

from __future__ import annotations


def unallocated_reserve(available: int, approved_available: int | None, approved_allocated: int) -> int:
    """The approved version's unallocated capital of a source that is still within the draft's estimate.

    `approved_available` None: the approved version had no budget for the source (all of it is new capital).
    A cut first takes the reserve (the run keeps at most what was allocated); capital added above the approved
    estimate is new and goes to the run."""
    if approved_available is None:
        return 0
    return max(min(available, approved_available) - approved_allocated, 0)


def run_capital(available: int, reserve: int, released: int) -> int:
    """The capital of a source the run may allocate: the draft's estimate less the reserve it does not release."""
    return max(available - reserve + min(max(released, 0), reserve), 0)
