"""Running one read-only function over many files in worker processes, one per core, when
that pays and is safe here; in this process otherwise, with the very same results.

``team status`` of a few hundred reviews is ~10 ms of unzipping, parsing and validating per
review, all CPU, so a second core nearly halves it. Worker processes are used only:

- for :data:`MIN_FILES` files or more (or while a pool started for an earlier batch is
  still running), where the start (~20 ms) is won back;
- on Linux, started by ``fork`` (cheap: the workers share the code already imported), and
  only while this process runs a single thread (as the operating system counts them, which
  includes threads a GUI library starts), since forking a threaded process can deadlock the
  child; never in a frozen app bundle. Elsewhere (Windows, macOS: ``spawn`` would re-import
  everything in each worker, and re-run a bundle's main) the files are read here, one by one;
- as many as there are cores not busy with other work right now (the system's count of
  runnable threads, ``/proc/loadavg``), and none unless at least one other core is free:
  on a machine whose cores are all busy the workers only share this process's portion of
  them, and cost more than they give (measured on the 2-core bench machine at load 5–6).

Results come back in the order of the files whatever the workers' timing. If the workers
cannot be started or one dies (no ``/dev/shm``, a sandbox forbidding ``fork``, killed for
memory), the whole batch is read again in this process: the function only reads, so
reading again gives the same answer.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MIN_FILES = 24
"""Fewest files a batch must hold to start the workers. Starting and ending them costs
~25 ms on the bench's machine under load (a few reviews' reading); below two dozen files
the gain is a tenth of a second at most, and on a busy machine the second core is often not
free (``benchmarks/bench_team.py`` measures 60 and 500 reviews both ways)."""
MAX_WORKERS = 8
"""Most worker processes (each holds one review at a time)."""
THREAD_END_WAIT = 0.1
"""Longest wait, in seconds, for the pool's last thread to end once it is shut down."""
CHUNKS_PER_WORKER = 4
"""Each worker is sent its files in about this many parts, so that none waits long at the
end for another's last, slower part."""


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def free_cores() -> int:
    """The usable cores not running other work right now (0 if it cannot tell)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as stream:
            return cores_left(stream.read(), usable_cores())
    except OSError:
        return 0


def cores_left(loadavg: str, cores: int) -> int:
    """Of ``cores``, those not taken by the threads ``/proc/loadavg`` (its text) counts as
    runnable, this one aside; 0 if the text is not understood."""
    try:
        runnable = int(loadavg.split()[3].split("/")[0])
    except (ValueError, IndexError):
        return 0
    return max(0, cores - max(0, runnable - 1))


def can_fork() -> bool:
    """Whether worker processes may be started here by ``fork`` (see the module's notes)."""
    if sys.platform != "linux" or getattr(sys, "frozen", False):
        return False
    return _threads() == 1


def _threads() -> int:
    """The threads of this process as Linux counts them (0 if it cannot tell)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


class Workers:
    """Worker processes started on first need and kept for the next batch; close it (or use
    it as a context manager) when done."""

    def __init__(self, min_files: int | None = None) -> None:
        self.min_files = MIN_FILES if min_files is None else min_files
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0
        self._failed = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(item) for item in items]``, in worker processes when it pays. ``fn`` must
        be a module-level function (or a ``functools.partial`` of one) that only reads."""
        pool = self._ready(len(items))
        if pool is not None:
            # The first here, before the workers are forked: what it loads on first use
            # (imports, validators: ~0.3 s for a review) is then loaded once, for all.
            first, rest = fn(items[0]), items[1:]
            if not can_fork():  # reading the first started a thread: forking now could hang
                self.close()
                return [first, *(fn(item) for item in rest)]
            chunk = max(1, -(-len(rest) // (self._size * CHUNKS_PER_WORKER)))
            try:
                return [first, *pool.map(fn, rest, chunksize=chunk)]
            except (BrokenProcessPool, OSError) as err:
                log.info("Reading here: the worker processes stopped (%s)", err)
                self._failed = True
                self.close()
        return [fn(item) for item in items]

    def _ready(self, count: int) -> ProcessPoolExecutor | None:
        if self._pool is not None:
            return self._pool
        if self._failed or count < self.min_files:
            return None
        size = min(usable_cores(), MAX_WORKERS, count, 1 + free_cores())
        if size < 2 or not can_fork():
            return None
        import multiprocessing

        try:
            self._pool = ProcessPoolExecutor(
                size, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start
            )
        except (OSError, ValueError, NotImplementedError) as err:  # no semaphores, no fork
            log.info("Reading here: the worker processes could not start (%s)", err)
            self._failed = True
            return None
        self._size = size
        return self._pool

    def close(self) -> None:
        if self._pool is None:
            return
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        # The pool's threads are joined, but the system may not have ended the last one
        # yet: wait (a millisecond or so) so the next status here may fork again.
        deadline = time.monotonic() + THREAD_END_WAIT
        while _threads() > 1 and time.monotonic() < deadline:
            time.sleep(0.001)


def _worker_start() -> None:
    """In each worker: Ctrl-C is for the command, which stops the workers itself (no
    traceback from each of them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
