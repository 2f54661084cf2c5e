"""Reading, parsing and deriving files in worker processes that no file can take down.

That is most of an import's work (rendering Markdown above all), and the part that hostile
input attacks: a body that renders in minutes, YAML that crashes the C parser. So it runs in a
pool of forked processes (pebble, which replaces a worker that dies or overruns), each with a
memory limit, each file under the CPU budget of postings/budget.py, and each task killed at a
wall-clock deadline. Whatever happens to a worker, its files fail with a reason and the
others are prepared as usual.
"""

import os
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import get_context

from pebble import ProcessExpired, ProcessPool

from .. import budget
from ..derive import derive_fields
from .data import BadFile
from .files import posting_files, read_posting

# Files per task: one task per file would cost more in messages than small files in work.
CHUNK = 8
# Per file, wall clock: six times the CPU budget, for a busy machine.
DEADLINE_SECONDS = budget.DEADLINE_SECONDS
MAX_WORKERS = 4


def prepare(path):
    """(path, PostingData or BadFile, Derived or None) for one file; never raises."""
    try:
        data = read_posting(path)
        derived = budget.bounded(derive_fields, data.title, data.body, data.job_type)
    except BadFile as error:
        return path, error, None
    except budget.TooComplex as error:
        return path, BadFile(str(error)), None
    except Exception as error:  # a bug, not the file's fault; still only this file's failure
        return path, BadFile(f"could not be read: {type(error).__name__}: {error}"), None
    return path, data, derived


def prepare_many(paths):
    return [prepare(path) for path in paths]


def prepared(paths):
    """(path, PostingData or BadFile, Derived) for each file, in order.

    The workers are forked: they start at once and share this process's memory, and they
    never use its database connection (they only compute, and leave by os._exit).
    """
    files = list(posting_files(paths))
    if not files:
        return
    workers = max(1, min(os.cpu_count() or 1, MAX_WORKERS, len(files) // CHUNK + 1))
    with ProcessPool(workers, initializer=budget.limit_memory, context=get_context("fork")) as pool:
        pending = deque()
        for start in range(0, len(files), CHUNK):
            pending.append(schedule(pool, files[start : start + CHUNK]))
            # A few chunks ahead per worker: every core busy, memory bounded.
            if len(pending) >= workers * 4:
                yield from results(pool, *pending.popleft())
        while pending:
            yield from results(pool, *pending.popleft())


def schedule(pool, chunk):
    return chunk, pool.schedule(prepare_many, [chunk], timeout=DEADLINE_SECONDS * len(chunk))


def results(pool, chunk, future):
    try:
        yield from future.result()
    except (FutureTimeout, ProcessExpired) as error:
        if len(chunk) > 1:
            # One of these files stalled or crashed its worker: try each alone to find which.
            for path in chunk:
                yield from results(pool, *schedule(pool, [path]))
        else:
            yield chunk[0], BadFile(failure(error)), None


def failure(error):
    if isinstance(error, ProcessExpired):
        return f"crashed the process that read it (exit code {error.exitcode})"
    return budget.too_complex(f"took more than {DEADLINE_SECONDS:g} s")
