"""The load: gunicorn with the page cache on, the warm-up, the ceiling and the phases under
wrk (`run_load`), each measurement with what the server's logs and Redis say of it (`measure`):
answers per second, server time, errors, recycled workers, cache keys added."""

import json
import os
import random
import subprocess
import time
from collections import Counter
from datetime import datetime

from bench import httpload, report
from bench.run import CEILING
from bench.soak import server_times
from bench.writeload.editor import Editor, edit, restore

# When answered (to the second), seconds in the worker, status, path.
ACCESS_FORMAT = "%(t)s %(L)s %(s)s %(U)s?%(q)s"
LUA = """-- Written by bench/writeload: cycle over the pages, each thread from another one;
-- count the answers per status.
local paths = {PATHS}
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  n = math.floor((id - 1) * #paths / THREADS)
  statuses = {}
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, answers in pairs(thread:get("statuses")) do
      io.write("writeload status ", status, " ", answers, "\\n")
    end
  end
end
"""


def redis(db, *command):
    return subprocess.run(
        ["redis-cli", "-n", str(db), *command], capture_output=True, text=True, check=True
    ).stdout.strip()


def wrk_pages(base, pages, args, script):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        f"--timeout={httpload.WRK_TIMEOUT}",
        "--latency",
        f"--script={script}",
        base + "/",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    statuses = Counter()
    for line in output.splitlines():
        if line.startswith("writeload status "):
            _, _, status, count = line.split()
            statuses[int(status)] += int(count)
    return httpload.parse_wrk(output) | {"statuses": dict(sorted(statuses.items()))}


def redis_keys(db):
    """Keys in the cache's Redis db, pages under a catalogue state apart, and SETs so far.

    A page rendered is stored twice (under the state, and under its URL with what it shows),
    one served again after a write only under the new state (postings/cache.py): over a phase,
    renders = SETs - page keys added.
    """
    total = int(redis(db, "DBSIZE") or 0)
    pages = int(redis(db, "EVAL", "return #redis.call('KEYS', '*:page:*')", "0") or 0)
    stats = redis(db, "INFO", "commandstats")
    sets = next(
        (int(line.split("calls=")[1].split(",")[0]) for line in stats.splitlines()
         if line.startswith("cmdstat_set:")),
        0,
    )  # fmt: skip
    return {"pages": pages, "other": total - pages, "sets": sets}


def measure(base, logs, redis_db, duration, run, alongside=None):
    """Run `run()` (a wrk run), with `alongside` (an Editor) started just before it and stopped
    just after; add the load average, the queue drained after it, what the
    server's logs say of the run (time per request, errors, workers recycled) and the keys it
    added to the cache (one per page or count rendered: none when all came from the cache)."""
    marks = [path.stat().st_size if path.exists() else 0 for path in logs]
    keys_before = redis_keys(redis_db)
    load_before = os.getloadavg()[0]
    started = time.time()
    if alongside:
        alongside.start()
    try:
        result = run()
    finally:
        if alongside:
            alongside.stop()
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    result["drain_s"] = httpload.wait_until_drained(base)
    keys_after = redis_keys(redis_db)
    added = {k: keys_after[k] - keys_before[k] for k in keys_after}
    added["renders"] = max(added.pop("sets") - added["pages"], 0)
    result["redis_keys_added"] = added
    error_text, access_text = map(read_since, logs, marks)
    served = served_rows(access_text)
    result["answers_per_second"] = per_second(served, started, duration)
    for e in alongside.edits if alongside else []:  # which of those seconds it was saved in
        e["second"] = int(e["epoch"]) - int(started)
        e["in_second_s"] = e["epoch"] - int(started)
    served = [row[1:] for row in served]
    result["server_times"] = server_times(served) if served else {}
    result["server_errors"] = sorted({f"{p} {s}" for _, s, p in served if s >= 400})[:20]
    result["worker_restarts"] = error_text.count("Autorestarting worker")
    return result


def read_since(path, mark):
    if not path.exists():
        return ""
    with open(path, "rb") as file:
        file.seek(mark)
        return file.read().decode(errors="replace")


def served_rows(text):
    """(epoch second, seconds, status, path) of each request in a slice of gunicorn's log."""
    rows = []
    for line in text.splitlines():
        parts = line.split(" ", 4)
        if len(parts) == 5:
            when = datetime.strptime(" ".join(parts[:2]), "[%d/%b/%Y:%H:%M:%S %z]")
            status, path = int(parts[3]), parts[4].removesuffix("?")
            rows.append((when.timestamp(), parts[2], status, path))
    return rows


def per_second(served, started, duration):
    """Answers in each whole second of the run, from its start (the last, partial, left out)."""
    counts = Counter(int(when - int(started)) for when, *_ in served)
    return [counts.get(second, 0) for second in range(duration)]


def phase_line(name, r, edits=None):
    line = (
        f"  {name}: {r['requests']:,} requests, {r['rps']:.1f} rps, p50 {report.ms(r['p50_ms'])} "
        f"ms, p99 {report.ms(r['p99_ms'])} ms, non-2xx/3xx {r['non_2xx_3xx']}, "
        f"socket errors {sum(r['socket_errors'].values())}"
    )
    return line + (f", {edits} edits" if edits is not None else "")


def run_load(env, pages, pks, args, work):
    """Warm-up, ceiling and the phases on one gunicorn; the edits made; the server's log."""
    log_path, access_path = work / "gunicorn.log", work / "access.log"
    logs = (log_path, access_path)
    gunicorn_args = f"--access-logformat='{ACCESS_FORMAT}'"
    if args.max_requests is not None:
        gunicorn_args += f" --max-requests {int(args.max_requests)} --max-requests-jitter 0"
    env = env | {"ACCESS_LOG": str(access_path), "GUNICORN_CMD_ARGS": gunicorn_args}
    script = work / "pages.lua"
    script.write_text(
        LUA.replace("PATHS", ", ".join(map(json.dumps, pages))).replace(
            "THREADS", str(args.threads)
        )
    )
    rng = random.Random(args.seed)
    originals = {}
    results = {"phases": []}
    try:
        # The first save in a process loads what the write path needs (the gazetteer, the
        # classifier's rules): seconds of CPU that would land in phase 2. Paid here, before the
        # pages are cached, and undone.
        begun = time.perf_counter()
        edit(rng.choice(pks), originals)
        restore(originals)
        results["harness_warmup_edit_ms"] = (time.perf_counter() - begun) * 1000
        print(f"harness warm-up edit (and undo): {results['harness_warmup_edit_ms']:.0f} ms")
        redis(args.redis_db, "FLUSHDB")
        with httpload.gunicorn(env, log_path) as base:
            print(f"warm-up: each of {len(pages)} pages once, and /{CEILING}", flush=True)
            results["warmup"] = []
            for path in [*pages, f"/{CEILING}"]:
                status, size, first_ms = httpload.fetch(base + path)
                results["warmup"].append(
                    {"path": path, "status": status, "bytes": size, "first_ms": first_ms}
                )
            slowest = max(results["warmup"], key=lambda w: w["first_ms"])
            print(f"  slowest first fetch: {slowest['path']} {slowest['first_ms']:.0f} ms")
            print(f"ceiling, /{CEILING}, {args.duration} s:", flush=True)
            results["ceiling"] = measure(
                base,
                logs,
                args.redis_db,
                args.duration,
                lambda: httpload.wrk(
                    f"{base}/{CEILING}", args.connections, args.threads, args.duration
                ),
            )
            print(phase_line("ceiling", results["ceiling"]), flush=True)
            for interval in [None, *args.edit_every]:
                name = "no writes" if interval is None else f"one edit every {interval:g} s"
                print(f"pages, {name}, {args.duration} s:", flush=True)
                editor = None
                if interval is not None:
                    editor = Editor(interval, args.duration, pks, rng, originals)
                result = measure(
                    base,
                    logs,
                    args.redis_db,
                    args.duration,
                    lambda: wrk_pages(base, pages, args, script),
                    alongside=editor,
                )
                result |= {
                    "name": name,
                    "interval_s": interval,
                    "edits": len(editor.edits) if editor else 0,
                    "edit_log": editor.edits if editor else [],
                    "edit_errors": editor.errors if editor else [],
                }
                results["phases"].append(result)
                print(phase_line(name, result, result["edits"]), flush=True)
            results["redis_keys_after"] = int(redis(args.redis_db, "DBSIZE") or 0)
    finally:
        redis(args.redis_db, "FLUSHDB")  # leave no pages behind in a db others may use
        if originals:
            restore(originals)
            print(f"{len(originals)} edited postings given their titles back")
    results["log_problems"] = httpload.log_problems(log_path)
    results["worker_restarts"] = httpload.worker_restarts(log_path)
    return results
