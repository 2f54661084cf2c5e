"""Budgets for work on untrusted text: no posting, however hostile, may hold a process.

Python-Markdown is super-linear on some bodies well under the length limit (`[` × 49,000 takes
minutes, `<http://` × 6,000 three seconds) and recurses without bound on nested lists. Rather
than chase each construct, deriving a posting runs under a CPU budget that raises `TooComplex`,
with a reason a person can act on, when it is spent:

- `bounded()` in this process: a CPU timer (signals reach only the main thread, so elsewhere
  the caller's own process is the bound) and a catch of RecursionError. Every save uses it.
- `isolated()` in a forked child that also has a memory limit and is killed at a wall-clock
  deadline, for text typed into the admin: nothing it contains can hold a web worker.
- `limit_memory()` for the importer's worker processes, which call `bounded()` per file.
"""

import os
import resource
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

from pebble import ProcessExpired, concurrent

# A real posting renders in 10 to 20 ms of CPU, even at 40,000 characters; the worst hostile ones
# we know of would take minutes.
CPU_SECONDS = 0.5
# Wall clock, for a child that its CPU timer cannot stop (stuck in C code, or starved of CPU).
DEADLINE_SECONDS = 3.0
# Above what the process already has; no posting needs more than a few MB.
MEMORY_BYTES = 256 * 2**20


class TooComplex(ValueError):
    """The text would take more than its budget to render."""


class _OutOfTime(BaseException):
    # Not an Exception: code under the budget must not be able to catch and ignore it.
    pass


def _out_of_time(signum, frame):
    raise _OutOfTime


@contextmanager
def cpu_budget(seconds=CPU_SECONDS):
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    # Then again every 50 ms: a signal that lands in a finalizer, whose exceptions Python
    # ignores, must not let the work run on unbounded.
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def bounded(function, *args):
    """function(*args), or TooComplex when it needs more than the budget."""
    try:
        with cpu_budget():
            return function(*args)
    except _OutOfTime:
        raise TooComplex(too_complex(f"more than {CPU_SECONDS:g} s of work")) from None
    except RecursionError:
        raise TooComplex(too_complex("nested too deeply")) from None
    except MemoryError:
        raise TooComplex(too_complex(f"more than {MEMORY_BYTES // 2**20} MB")) from None


def too_complex(detail):
    return f"body too complex to render ({detail})"


def limit_memory(extra=MEMORY_BYTES):
    """Cap this process's address space at what it has now plus `extra`.

    Relative, because a process forked from a web worker or a test run already maps hundreds
    of MB (libraries, SQLite's memory-mapped file) that it shares and never touches.
    """
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: the CPU budget and the deadline still hold
    resource.setrlimit(resource.RLIMIT_AS, (mapped + extra, resource.RLIM_INFINITY))


@concurrent.process
def _in_child(function, *args):
    limit_memory()
    return bounded(function, *args)


def isolated(function, *args, deadline=DEADLINE_SECONDS):
    """bounded(function, *args) in a forked child: a memory limit, and killed at a deadline.

    The child only computes and returns; it never touches the database connection it shares
    with its parent, and leaves with os._exit, which closes nothing of the parent's.
    """
    future = _in_child(function, *args)
    try:
        return future.result(timeout=deadline)
    except FutureTimeout:
        future.cancel()  # terminates the child
        raise TooComplex(too_complex(f"took more than {deadline:g} s")) from None
    except ProcessExpired as error:
        raise TooComplex(too_complex(f"the renderer stopped: exit code {error.exitcode}")) from None
