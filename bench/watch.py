"""Load, and what watches the service while a fault lasts (bench/drill.py, `make drill`).

- `loaded`: wrk over the drill's pages, one connection per thread and every request written
  down by its Lua script, so that the run splits into periods (before, during and after a
  fault) by when each request was sent; with the slice of gunicorn's error and access logs
  written meanwhile.
- `Sampler`: Redis's hit counter against the requests gunicorn answered, which tells when
  pages are served from the cache again.
- `Prober`: one URL fetched again and again, one request at a time.
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, namedtuple
from pathlib import Path

import redis

from bench import httpload, soak

# pid, seconds in the worker, status, path: one line per request gunicorn answered.
ACCESS_FORMAT = "%(p)s %(L)s %(s)s %(U)s?%(q)s"
# gunicorn's words for a worker it killed or lost (arbiter.py); SIGTERM is an orderly stop.
WORKER_DEATHS = re.compile(
    r"WORKER TIMEOUT|was sent SIG(?!TERM)|exited with code|Exception in worker process"
)


# --- load in periods ----------------------------------------------------------------------


class Logs:
    """gunicorn's error and access logs, read in slices: what one run of load added."""

    def __init__(self, error_log, access_log):
        self.paths = (Path(error_log), Path(access_log))
        self.read = self.lines = 0
        self.lock = threading.Lock()  # the sampler's thread counts too

    def marks(self):
        return tuple(path.stat().st_size if path.exists() else 0 for path in self.paths)

    def since(self, marks):
        texts = []
        for path, mark in zip(self.paths, marks, strict=True):
            with open(path, "rb") as file:
                file.seek(mark)
                texts.append(file.read().decode(errors="replace"))
        return texts

    def answered(self):
        """How many requests gunicorn has answered so far: lines of its access log."""
        with self.lock:
            if self.paths[1].exists():
                with open(self.paths[1], "rb") as file:
                    file.seek(self.read)
                    new = file.read()
                self.read += len(new)
                self.lines += new.count(b"\n")
            return self.lines


def served(access_text):
    """(pid, seconds, status, path) of each request in a slice of the access log."""
    rows = []
    for line in access_text.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4:
            pid, seconds, status, path = parts
            rows.append((pid.strip("<>"), float(seconds), int(status), path.removesuffix("?")))
    return rows


def log_summary(error_text):
    lines = error_text.splitlines()
    autorestarts = sum("Autorestarting worker" in line for line in lines)
    exits = sum("Worker exiting" in line for line in lines)
    return {
        "worker_deaths": [line for line in lines if WORKER_DEATHS.search(line)],
        # A worker that leaves but was not recycled by max_requests.
        "unplanned_exits": max(0, exits - autorestarts),
        "autorestarts": autorestarts,
        "tracebacks": sum("Traceback" in line for line in lines),
        "errors_500": sum("Internal Server Error" in line for line in lines),
    }


# One connection per wrk thread, so that each answer follows its request on that thread: every
# request is written down, when it was sent (CLOCK_MONOTONIC, Python's time.monotonic()), how
# long its answer took, and its status (0: none came, the connection broke and was made again).
LUA = """-- Written by bench/watch.py: each request, when sent, how long it took, its status.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } drill_timespec;
int clock_gettime(int clock, drill_timespec *now);
]]
local clock = ffi.new("drill_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end
local paths = {%(paths)s}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  n = id %% #paths  -- each thread starts at another page
  log = io.open(string.format("%(folder)s/%%d.log", id), "w")
  answered = false  -- wrk asks for one request before the first it sends
end

function request()
  local t = now()
  if sent and answered then log:write(string.format("%%.4f %%.4f 0\\n", sent, t - sent)) end
  n = n %% #paths + 1
  sent = t
  return wrk.format("GET", paths[n])
end

function response(status, headers, body)
  log:write(string.format("%%.4f %%.4f %%d\\n", sent, now() - sent, status))
  sent, answered = nil, true
end
"""


class Load:
    """What `loaded` yields: `mark(period)` starts a period of the load, named in the report."""

    def __init__(self, first, logs):
        self.logs, self.result = logs, {}
        self.marks = []
        self.mark(first)

    def mark(self, period):
        # With how many answers gunicorn had logged: its answers of the period follow.
        self.marks.append((period, time.monotonic(), self.logs.answered()))

    def periods(self, records, rows, end):
        origin, first_row = self.marks[0][1], self.marks[0][2]
        bounds = [*self.marks, (None, end, first_row + len(rows))]
        return [
            period(records, name, start, until, origin)
            | served_stats(rows[at - first_row : to - first_row])
            for (name, start, at), (_, until, to) in zip(bounds, bounds[1:], strict=False)
        ]


@contextlib.contextmanager
def loaded(stack, name, seconds=0, first="load"):
    """wrk over the stack's pages while the block runs, and at least `seconds`. Yields a Load;
    its `result` is filled in once wrk has finished: per period of the load (`mark`), what
    wrk sent and got; over the whole run, what gunicorn answered and logged."""
    args, marks = stack.args, stack.logs.marks()
    folder = stack.work / "wrk" / re.sub(r"\W+", "-", name)
    folder.mkdir(parents=True)
    script = folder / "drill.lua"
    paths = ", ".join(json.dumps(page) for page in stack.pages)
    script.write_text(LUA % {"paths": paths, "folder": folder})
    command = ["wrk", f"-t{args.connections}", f"-c{args.connections}", "-d86400s"]
    command += [f"--timeout={args.timeout}s", f"--script={script}", stack.base + "/"]
    load = Load(first, stack.logs)
    load.result = {"name": name, "load_before": os.getloadavg()[0]}
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield load
        time.sleep(max(0.0, seconds - (time.monotonic() - load.marks[0][1])))
        end = time.monotonic()
        wrk.send_signal(signal.SIGINT)  # wrk then reports as at the end of its time
        output, errors = wrk.communicate(timeout=60)
    finally:
        if wrk.poll() is None:
            wrk.kill()
            wrk.wait()
    if wrk.returncode:
        raise RuntimeError(f"wrk failed ({wrk.returncode}): {errors}")
    records = [
        (float(sent), float(took), int(status))
        for path in folder.glob("*.log")
        for sent, took, status in map(str.split, path.read_text().splitlines())
    ]
    error_text, access_text = stack.logs.since(marks)
    rows = served(access_text)
    load.result |= httpload.parse_wrk(output) | {
        "seconds": end - load.marks[0][1],
        "load_after": os.getloadavg()[0],
        "periods": load.periods(records, rows, end),
        # Every answer gunicorn gave meanwhile, the probers' too.
        "answered": dict(sorted(Counter(status for _, _, status, _ in rows).items())),
        "server": server_times(rows),
        "log": log_summary(error_text),
    }


def period(records, name, start, end, origin):
    """The requests wrk sent from `start` to `end`: how many, their answers and latencies."""
    sent = [(took, status) for at, took, status in records if start <= at < end]
    statuses = Counter(status for _, status in sent)
    q = soak.quantiles([took for took, _ in sent]) if sent else None
    return {
        "name": name,
        "from_s": start - origin,
        "seconds": end - start,
        "requests": len(sent),
        "statuses": dict(sorted(statuses.items())),
        **{f"{key}_ms": q[key] * 1000 if q else None for key in ("p50", "p99", "max")},
    }


def served_stats(rows):
    """What gunicorn answered in a period (the probers' requests too) and the seconds it spent
    in the worker on each."""
    seconds = [took for _, took, _, _ in rows]
    return {
        "answered": dict(sorted(Counter(status for _, _, status, _ in rows).items())),
        "worker_mean_ms": sum(seconds) / len(seconds) * 1000 if seconds else None,
        "worker_max_ms": max(seconds) * 1000 if seconds else None,
    }


def server_times(rows):
    """Per status, and for /healthz, the seconds gunicorn spent on each answer (count, max)."""
    groups = {}
    for _, seconds, status, path in rows:
        groups.setdefault(str(status), []).append(seconds)
        if path == "/healthz":
            groups.setdefault(f"healthz {status}", []).append(seconds)
    return {key: soak.quantiles(values) for key, values in sorted(groups.items())}


def five_hundreds(statuses):
    """500, 503 and any other 5xx among answers counted per status."""
    return {
        "500": statuses.get(500, 0),
        "503": statuses.get(503, 0),
        "other": sum(n for code, n in statuses.items() if code >= 500 and code not in (500, 503)),
    }


# --- watching the cache -------------------------------------------------------------------

Sample = namedtuple("Sample", "t run_id hits answered")


class Sampler(threading.Thread):
    """Every 0.1 s: Redis's keyspace_hits (a GET that found its key: an answer from the cache)
    and the number of requests gunicorn has answered (lines of its access log)."""

    def __init__(self, redis_url, logs, every=0.1):
        super().__init__(daemon=True)
        self.client = redis.Redis.from_url(
            redis_url, socket_timeout=0.05, socket_connect_timeout=0.05
        )
        self.answered, self.every = logs.answered, every
        self.samples, self.stopping = [], threading.Event()

    def sample(self):
        try:
            info = self.client.info("default")
            run_id, hits = info["run_id"], info["keyspace_hits"]
        except (redis.RedisError, OSError):
            run_id = hits = None
        return Sample(time.monotonic(), run_id, hits, self.answered())

    def run(self):
        while not self.stopping.wait(self.every):
            self.samples.append(self.sample())

    def stop(self):
        self.stopping.set()
        self.join(timeout=5)


def hit_share(start, end):
    """Cache hits per request answered between two samples of one Redis run, or None."""
    if start.run_id is None or start.run_id != end.run_id or end.answered <= start.answered:
        return None
    return (end.hits - start.hits) / (end.answered - start.answered)


def cache_recovery(samples, back, steady, window=0.5, share=0.9, at_least=20):
    """Seconds from `back` (a sample taken as Redis came back) to the first cache hit, and to
    the end of the first `window` in which hits per answered request were `share` of `steady`.

    Each worker skips Redis for REDIS_RETRY_AFTER after a failure; until every one of them
    reads it again, the share of requests answered from the cache stays below the steady one.
    """
    after = [s for s in samples if s.t > back.t and s.run_id == back.run_id]
    first_hit = next((s.t - back.t for s in after if s.hits > back.hits), None)
    recovered = None
    for index, sample in enumerate(after):
        earlier = [s for s in [back, *after[:index]] if s.t <= sample.t - window] or [back]
        start = earlier[-1]
        if sample.answered - start.answered < at_least:
            continue
        value = hit_share(start, sample)
        if value is not None and value >= share * steady:
            recovered = sample.t - back.t
            break
    return {"first_hit_s": first_hit, "recovered_s": recovered}


def redis_keys(url):
    """Every key in the Redis at `url` (the drill's own: a few hundred at most)."""
    with contextlib.closing(redis.Redis.from_url(url, socket_timeout=5)) as client:
        return {key.decode() for key in client.scan_iter(count=1000)}


# --- probing one URL ----------------------------------------------------------------------


class Prober(threading.Thread):
    """GET one URL again and again, one request at a time: (sent, answered, status); status 0
    when no answer came within `timeout`."""

    def __init__(self, url, every=0.1, timeout=15):
        super().__init__(daemon=True)
        self.url, self.every, self.timeout = url, every, timeout
        self.answers, self.stopping = [], threading.Event()

    def run(self):
        while not self.stopping.is_set():
            sent = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=self.timeout) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            answered = time.monotonic()
            self.answers.append((sent, answered, status))
            self.stopping.wait(max(0.0, self.every - (answered - sent)))

    def stop(self):
        self.stopping.set()
        self.join(timeout=self.timeout + 5)

    def first_ok_after(self, moment, until=float("inf")):
        """Seconds from `moment` to the first 200 answered after it, and how many answers
        after that one, until `until`, were not a 200."""
        later = [(a, status) for _, a, status in self.answers if moment <= a < until]
        first = next((a for a, status in later if status == 200), None)
        if first is None:
            return {"first_200_s": None, "failures_after": None}
        return {
            "first_200_s": first - moment,
            "failures_after": sum(status != 200 for a, status in later if a > first),
        }


@contextlib.contextmanager
def probing(*urls):
    probers = [Prober(url) for url in urls]
    for prober in probers:
        prober.start()
    try:
        yield probers
    finally:
        for prober in probers:
            prober.stop()
