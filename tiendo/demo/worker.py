"""Generating in a second process while this one writes: the national demo makes 200,000 projects with Python's
random streams (about half of its time) and writes them (the other half); with the two in separate processes the
load takes about as long as the larger half on a machine with two cores.

The worker is forked, so it starts with everything the generator needs already read from the database (the
provinces' contexts) and never touches the database itself: it only draws, in the same order as one process
would, and hands over what it made, one item at a time (a pipe: it runs at most an item ahead). An error in it is
raised here, so the caller's transaction rolls back.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


class WorkerError(RuntimeError):
    """What went wrong in the worker, with its traceback there."""


def made_in_a_worker(produce: Callable[[], Iterator[T]]) -> Iterator[T]:
    """What `produce()` yields, made in a forked process, in order."""
    fork = multiprocessing.get_context("fork")
    receiving, sending = fork.Pipe(duplex=False)
    worker = fork.Process(target=_send_all, args=(produce, sending), daemon=True)
    worker.start()
    sending.close()
    try:
        while True:
            try:
                kind, item = receiving.recv()
            except EOFError:
                raise WorkerError(f"the generating process ended early (exit code {worker.exitcode})") from None
            if kind == "done":
                return
            if kind == "error":
                raise WorkerError(item)
            yield item
    finally:
        receiving.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _send_all(produce: Callable[[], Iterator], sending) -> None:
    try:
        for item in produce():
            sending.send(("item", item))
        sending.send(("done", None))
    except BaseException:  # noqa: BLE001 - everything goes back to the writing process, which raises it
        sending.send(("error", traceback.format_exc()))
    finally:
        sending.close()
