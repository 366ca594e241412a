"""Work shared with a forked second process: the machines this runs on have two cores or more.

Only large inputs fork (the callers decide), only where ``fork`` exists, and never when
``STMTDIFF_WORKERS=1``. A child that dies costs time, never output: its share is done here.
A parent that dies takes its child with it within a second, whatever the child is doing
(computing, or blocked sending a result nobody will read): an orphaned helper once held
5.5 GB for 11 minutes after its parent was killed.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

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


def in_a_child(work: Callable[[], T]) -> Later[T]:
    """Start ``work`` in a forked child now; calling the returned object waits for its result.

    Without fork the work runs when the result is asked for, so callers read the same either
    way. ``work``'s result must pickle; plain strings and lists move fastest. A caller that
    no longer wants the result calls ``cancel()``: the child is ended, not left blocked on a
    pipe nobody reads.
    """
    if not can_fork():
        return Later(work)
    child, receiver = start_child(lambda sender: sender.send(work()))
    return Later(work, child, receiver)


class Later(Generic[T]):
    """The result of work started in a child (or, without one, of work not yet done)."""

    def __init__(
        self, work: Callable[[], T], child: BaseProcess | None = None, receiver: Connection | None = None
    ) -> None:
        self._work, self._child, self._receiver = work, child, receiver

    def __call__(self) -> T:
        child, receiver = self._child, self._receiver
        if child is None or receiver is None:
            return self._work()
        try:
            value: T = receiver.recv()
        except (EOFError, OSError):  # the child died: do its work here
            value = self._work()
        child.join()
        receiver.close()
        self._child = self._receiver = None
        return value

    def cancel(self) -> None:
        """End the child, if there is one, without waiting for its result."""
        child, receiver = self._child, self._receiver
        if child is not None and receiver is not None:
            child.kill()
            child.join()
            receiver.close()
        self._child = self._receiver = None


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
    parent = os.getpid()

    def run() -> None:
        try:
            # The read end came along with the fork: held open here, it kept a send blocked
            # for ever once the parent was gone. Closed, the send fails at once instead.
            receiver.close()
            end_with_parent(parent)
            body(sender)
        except BaseException:
            os._exit(1)

    child = context.Process(target=run, daemon=True)
    child.start()
    sender.close()
    return child, receiver


# Linux's prctl option: the kernel sends this process a signal when its parent dies.
_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.2  # how often the watchdog thread looks at the parent
USE_PDEATHSIG = True  # tests turn it off to check the watchdog alone


def end_with_parent(parent: int) -> None:
    """Make this forked child end when ``parent`` does, within a second, whatever it is doing.

    On Linux the kernel kills it (``PR_SET_PDEATHSIG`` with SIGKILL, set through ctypes), even
    in the middle of a long C call. Everywhere, a watchdog thread also checks every
    WATCH_SECONDS that the parent is still the same process (an orphan is adopted by another)
    and ends the child if not; it needs the interpreter lock, which a long C call may hold,
    so it is the fallback. A parent that died before either was set up is caught at once.
    """
    if USE_PDEATHSIG and sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the watchdog alone
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="stmtdiff-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _widen_pipe(fd: int) -> None:
    """Let a large message fit in the pipe (Linux: 64 KiB by default, up to 1 MiB unprivileged),
    so a child rarely waits for this process to read; elsewhere the default just works."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass
