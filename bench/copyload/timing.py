"""Where a load's time goes: seconds per step, summed in TIMINGS by `with timed(step):`."""

import time
from collections import Counter
from contextlib import contextmanager

# Where the load's time goes, in seconds per step (the writer's steps are on its own thread).
TIMINGS = Counter()


@contextmanager
def timed(step):
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[step] += time.perf_counter() - start
