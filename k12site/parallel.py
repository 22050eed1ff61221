"""Run one part of a build in a second process, beside the rest.

A build's pages and its calendars are independent once the data is loaded, and machines here
have two or more cores. `Beside` forks the process after loading, so the second one starts with
the checked project already in memory (nothing is sent to it), runs one function there, and
hands back its pickled result or its error. Where forking is not possible or not safe (no
``os.fork``, one core, or threads running), `can_fork` says so and the caller works in one
process instead: the output is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process can help: fork exists, a second core is free, no thread runs.

    Forking a process with threads can copy a lock another thread holds; the preview server
    runs threads, so its rebuilds stay in one process.
    """
    return hasattr(os, "fork") and cores() > 1 and threading.active_count() == 1


class Beside(Generic[T]):
    """``work()`` running in a forked copy of this process; `join` returns what it returned.

    An exception in the copy is raised again by `join`, with the copy's traceback as a note.
    The caller must `join` or `stop` it, also when its own part fails.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: never returns into the caller's code
            os.close(read)
            _run_and_exit(work, write)
        os.close(write)
        self.pid: int | None = pid
        self._read = os.fdopen(read, "rb")

    def join(self) -> T:
        """Wait for the copy; its result, or its exception raised here."""
        with self._read:
            data = self._read.read()
        status = self._wait()
        finished = not os.WIFSIGNALED(status) and os.waitstatus_to_exitcode(status) in (0, 1)
        if not (finished and data):  # killed, or ended some other way, perhaps mid-answer
            raise RuntimeError(f"the build's second process {_describe(status)} before it finished its part")
        outcome, value = pickle.loads(data)
        if outcome == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the copy without its result (the caller's own part failed)."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self._read.close()
        self._wait()

    def _wait(self) -> int:
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return status


def _run_and_exit(work: Callable[[], object], write: int) -> None:
    code = 1
    try:
        try:
            payload = pickle.dumps(("ok", work()))
            code = 0
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            payload = pickle.dumps(("error", _portable(exc)))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)  # no atexit handlers, no flushing the caller's buffers a second time


def _portable(exc: BaseException) -> BaseException:
    """The exception, with the copy's traceback as a note, in a form pickle can carry."""
    where = "".join(traceback.format_exception(exc))
    exc.add_note(f"(raised in the build's second process)\n{where}")
    try:
        copy = pickle.loads(pickle.dumps(exc))
    except (pickle.PickleError, TypeError, AttributeError):  # e.g. an __init__ pickle cannot call again
        copy = None
    if type(copy) is type(exc) and str(copy) == str(exc):
        return copy
    return RuntimeError(f"the build's second process failed:\n{where}")


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"was ended by signal {os.WTERMSIG(status)}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"
