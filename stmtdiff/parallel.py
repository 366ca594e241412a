"""Work shared with a forked second process: the machines this runs on have two cores or more.

Only large inputs fork (the callers decide), only where ``fork`` exists, and never when
``STMTDIFF_WORKERS=1``. A child that dies costs time, never output: its share is done here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported only when a child is started (start-up time)
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")


def can_fork() -> bool:
    import multiprocessing

    workers = os.environ.get("STMTDIFF_WORKERS", "")
    if workers == "1" or (os.cpu_count() or 1) < 2:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def in_a_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a forked child now; the returned function waits for its result.

    Without fork the work runs when the result is asked for, so callers read the same either
    way. ``work``'s result must pickle; plain strings and lists move fastest.
    """
    if not can_fork():
        return work
    child, receiver = start_child(lambda sender: sender.send(work()))

    def result() -> T:
        try:
            value: T = receiver.recv()
        except EOFError:  # the child died: do its work here
            value = work()
        child.join()
        receiver.close()
        return value

    return result


def start_child(body: Callable[[Connection], object]) -> tuple[BaseProcess, Connection]:
    """Fork a child that runs ``body(sender)``; return it and the receiving end of its pipe.

    The child ends without a word whatever goes wrong (a bug, Ctrl-C): the parent sees the pipe
    close, redoes the work, and reports any error itself, in one line. Left to multiprocessing,
    the child would print its own traceback.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    _widen_pipe(sender.fileno())

    def run() -> None:
        try:
            body(sender)
        except BaseException:
            os._exit(1)

    child = context.Process(target=run, daemon=True)
    child.start()
    sender.close()
    return child, receiver


def _widen_pipe(fd: int) -> None:
    """Let a large message fit in the pipe (Linux: 64 KiB by default, up to 1 MiB unprivileged),
    so a child rarely waits for this process to read; elsewhere the default just works."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass
