"""Run untrusted parsing in a child process that is killed when it takes too long or too much memory.

Why a process and not ``signal.setitimer`` in the worker: a runaway regular expression or an lxml
parse loops in C, where Python never gets to run a signal handler, and a timer cannot limit
memory. A forked child is stopped with SIGKILL whatever it is doing, and its address space is capped
with ``RLIMIT_AS`` so a decompression bomb fails with ``MemoryError`` inside the child instead of
pushing the server into swap. Fork (Linux) is cheap here because the worker already has Django and
the importer loaded; the child never touches the database and leaves with ``os._exit``.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from typing import Any

from .limits import ImportRefused


class ParseTimedOut(Exception):
    """The child did not answer within the time limit and was killed."""


class ParseOutOfMemory(Exception):
    """The child needed more memory than its limit."""


class ParseFailed(Exception):
    """The child raised something other than ``ImportRefused`` (a corrupt file), or died."""


def _address_space_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _cap_memory(extra_bytes: int) -> None:
    """Let the child grow by ``extra_bytes`` beyond what it inherited from the worker, no more."""
    limit = _address_space_bytes() + extra_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(sender: Any, function: Callable[..., Any], args: tuple, memory_bytes: int | None) -> None:
    try:
        if memory_bytes:
            _cap_memory(memory_bytes)
        outcome = ("ok", function(*args))
    except ImportRefused as refused:
        outcome = ("refused", str(refused))
    except MemoryError:
        outcome = ("memory", "")
    except BaseException as error:  # a corrupt file raises anything from zipfile to lxml
        outcome = ("failed", f"{type(error).__name__}: {error}"[:500])
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory", ""))


def run_isolated(function: Callable[..., Any], *args: Any, seconds: float, memory_bytes: int | None = None) -> Any:
    """``function(*args)`` computed in a forked child; its return value must pickle.

    Raises ``ImportRefused`` as the child raised it, ``ParseTimedOut`` after ``seconds``,
    ``ParseOutOfMemory`` past ``memory_bytes`` more than the parent uses, ``ParseFailed`` otherwise.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, memory_bytes), daemon=True)
    child.start()
    sender.close()  # the child holds the only writing end: its death is seen as EOF
    try:
        if not receiver.poll(seconds):
            raise ParseTimedOut
        try:
            kind, value = receiver.recv()
        except EOFError as died:  # killed by the kernel, or crashed in C
            raise ParseFailed(f"the parsing process ended with code {child.exitcode}") from died
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receiver.close()
    if kind == "ok":
        return value
    if kind == "refused":
        raise ImportRefused(value)
    if kind == "memory":
        raise ParseOutOfMemory
    raise ParseFailed(value)
