"""`make drill`: the production stack under load while its Redis and PostgreSQL fail.

    .venv/bin/python -m bench.drill [--quick] [--phases redis-kill,...] [--postings 3000]

gunicorn as `make serve` runs it (gunicorn.conf.py, DEBUG off, WEB_CONCURRENCY=5) on the
drill's own PostgreSQL cluster and redis-server (tests/servers.py: free ports, a temporary
directory, removed after), holding seeds/ and `--postings` generated postings, loaded by wrk
with bench/soak.py's mix of pages. The phases, each measured under load:

1. redis-kill: SIGKILL redis-server, restart it: no 5xx, p99 < 1 s meanwhile, cached serving
   back within 5 s.
2. redis-stall: SIGSTOP redis-server, then SIGCONT: the same targets.
3. postgres: SIGSTOP the postmaster and its backends, then SIGCONT; then `pg_ctl restart -m
   fast`: 503s within DB_STATEMENT_TIMEOUT, no 500, no gunicorn worker killed, /healthz a
   503 within DB_HEALTH_TIMEOUT in its worker (and one more wait for a worker, for a prober),
   and the time until pages answer 200 again.
4. hostile: `load_seeds` of bench/hostile.py's files under load: exit 1, the summary line,
   every hostile file failed with its reason, every good one imported, no 5xx.
5. sign-in: the admin's sign-in throttle over HTTP, with Redis and with none.
6. junk: requests with unique junk parameters add at most a handful of Redis keys.

The report is printed and written to bench/results/<date>-drill.md (.json beside it); the exit
status is 1 when a requirement fails. See bench/README.md, "The fault drill".
"""

import argparse
import json
import secrets
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from bench import faults, hostile, httpload, signin, soak, watch
from bench.drill_report import render
from bench.run import git_commit, machine
from bench.soak import milliseconds
from bench.watch import five_hundreds, loaded

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PASSWORD = secrets.token_urlsafe(16)  # the drill's `admin`, in its own throwaway database
LEAD = 1  # seconds of load before a fault, which then strikes requests in flight
TIMEOUTS = {  # the settings the drill runs with (README, "Configuration")
    "DB_STATEMENT_TIMEOUT": 2,
    "DB_HEALTH_TIMEOUT": 1,
    "DB_CONNECT_TIMEOUT": 2,
    "DB_RETRY_AFTER": 1,
    "REDIS_TIMEOUT": 0.25,
    "REDIS_RETRY_AFTER": 2,
}
SLACK = 0.5  # seconds a busy machine may add to a timeout
TARGETS = {"p99_ms": 1000, "cache_back_s": 5, "junk_keys": 10}


class Interrupted(BaseException):
    """SIGINT, SIGTERM or the drill's own deadline: stop, clean up, report what was measured."""


# --- the phases ---------------------------------------------------------------------------


def steady(stack):
    """Load with nothing wrong: the cache's share of answers that the recoveries aim back at."""
    wrong = soak.check_pages(stack.base, stack.pages)  # also fills the cache
    start = stack.sampler.sample()
    with loaded(stack, "steady", stack.args.steady) as load:
        pass
    result = load.result | {"hit_share": watch.hit_share(start, stack.sampler.sample())}
    failures = [f"page {page}" for page in wrong] + load_failures(result, allow_503=False)
    if not result["hit_share"]:
        failures.append("no answer came from the cache")
    return {"loads": [result], "failures": failures}


def fault(stack, name, inject, lift):
    """One run of load: `before`, `during` the fault, `after` it was lifted. Returns the load,
    and when the fault struck and was lifted. Whatever goes wrong, a fault that struck is
    lifted."""
    struck = lifted = None
    with loaded(stack, name, first="before") as load:
        try:
            time.sleep(LEAD)
            inject()
            struck = time.monotonic()
            load.mark("during")
            time.sleep(stack.args.fault)
        finally:
            if struck is not None:
                lift()
                lifted = time.monotonic()
                load.mark("after")
        time.sleep(stack.args.after)
    return load.result, struck, lifted


def redis_fault(stack, name, inject, lift, steady_share):
    back = []
    result, _, _ = fault(stack, name, inject, lambda: (lift(), back.append(stack.back())))
    result["cache_recovery"] = recovery = watch.cache_recovery(
        stack.sampler.samples, back[0], steady_share
    )
    failures = load_failures(result, allow_503=False)
    p99 = result["periods"][1]["p99_ms"]
    if p99 is None or p99 >= TARGETS["p99_ms"]:
        failures.append(f"p99 while Redis was out {milliseconds(p99)} ms (target < 1,000)")
    if recovery["recovered_s"] is None or recovery["recovered_s"] >= TARGETS["cache_back_s"]:
        failures.append(f"cached serving back after {recovery['recovered_s']} s (target < 5)")
    return {"loads": [result], "failures": failures}


def phase_redis_kill(stack, steady_share):
    return redis_fault(stack, "redis-kill", stack.redis.kill, stack.redis.start, steady_share)


def phase_redis_stall(stack, steady_share):
    stall = lambda: stack.redis.stall(at_most=stack.args.fault + 20)  # noqa: E731
    return redis_fault(stack, "redis-stall", stall, stack.redis.resume, steady_share)


def phase_postgres(stack):
    pg = stack.postgres
    stall = lambda: pg.stall(at_most=stack.args.fault + 20)  # noqa: E731 (resumes by itself)
    with watch.probing(stack.base + "/healthz", stack.base + "/") as (health, page):
        stalled, struck, lifted = fault(stack, "postgres-stall", stall, pg.resume)
        with loaded(stack, "postgres-restart", first="before") as load:
            time.sleep(LEAD)
            restarting = time.monotonic()
            load.mark("restarting")
            faults.restart_postgres(pg)
            restarted = time.monotonic()
            load.mark("after")
            time.sleep(stack.args.after)
    restart = load.result
    # Every probe the stall held up: sent before it was lifted, answered after it struck.
    probes = [(s, a, status) for s, a, status in health.answers if s < lifted and a > struck]
    stalled["healthz"] = {
        "statuses": dict(Counter(status for *_, status in probes)),
        "seconds": soak.quantiles([a - s for s, a, _ in probes]) if probes else None,
        "answered_during": sum(a < lifted for _, a, _ in probes),
    }
    stalled["recovery"] = page.first_ok_after(lifted, until=restarting)
    restart["recovery"] = page.first_ok_after(restarted)
    failures = load_failures(stalled, allow_503=True) + load_failures(restart, allow_503=True)
    if not stalled["answered"].get(503):
        failures.append("no 503 while PostgreSQL was stalled")
    slowest = max(load["server"].get("503", {}).get("max", 0) for load in (stalled, restart))
    if slowest > TIMEOUTS["DB_STATEMENT_TIMEOUT"] + SLACK:
        failures.append(f"a 503 took {slowest:.1f} s in its worker (DB_STATEMENT_TIMEOUT 2 s)")
    answered = [(s, a, status) for s, a, status in probes if a < lifted]
    if not answered or {status for *_, status in answered} != {503}:
        failures.append(
            f"/healthz during the stall: {len(probes)} probes held up, answered "
            f"{stalled['healthz']['statuses']}, {len(answered)} of them before SIGCONT"
        )
    # /healthz always makes its own check, of at most DB_HEALTH_TIMEOUT, and a probe may first
    # wait for a worker to end a wait of its own: at most DB_STATEMENT_TIMEOUT, for a query in
    # flight as the stall struck.
    limit = TIMEOUTS["DB_STATEMENT_TIMEOUT"] + TIMEOUTS["DB_HEALTH_TIMEOUT"] + SLACK
    slowest = max((a - s for s, a, _ in probes), default=0)
    if slowest > limit:
        failures.append(
            f"/healthz took up to {slowest:.1f} s to answer a prober (target ≤ {limit:g}: "
            f"DB_STATEMENT_TIMEOUT + DB_HEALTH_TIMEOUT + {SLACK:g})"
        )
    slowest = stalled["server"].get("healthz 503", {}).get("max", 0)
    if slowest > TIMEOUTS["DB_HEALTH_TIMEOUT"] + SLACK:
        failures.append(f"/healthz took {slowest:.1f} s in its worker (DB_HEALTH_TIMEOUT 1 s)")
    for load in (stalled, restart):
        if load["recovery"]["first_200_s"] is None:
            failures.append(f"{load['name']}: `/` never answered 200 again")
    return {"loads": [stalled, restart], "failures": failures}


def phase_hostile(stack):
    folder = stack.work / "hostile"
    expected = hostile.write(folder, good=stack.args.good)
    measure = (
        "import json; from pathlib import Path; from bench import hostile; "
        f"print(json.dumps(hostile.measure(Path({str(folder)!r}), {expected!r})))"
    )
    with loaded(stack, "hostile import") as load:
        outcome = faults.run_import(stack.env, folder, timeout=600)
        load.mark("each file alone")
        output = faults.check_manage(stack.env, "shell", "-c", measure)
    per_file = json.loads(output.splitlines()[-1])
    reported = dict(line.split(": ", 1) for line in outcome["errors"] if ": " in line)
    bad, good = sum(map(bool, expected.values())), sum(not r for r in expected.values())
    failures = load_failures(load.result, allow_503=False)
    for name, reason in expected.items():
        said = reported.get(str(folder / name), "")
        if not (reason in said if reason else not said or said.startswith("imported, but")):
            failures.append(f"{name}: {said or 'imported'} (expected: {reason or 'imported'})")
    if outcome["exit"] == 0:
        failures.append("load_seeds exited 0")
    if outcome["counts"] != {"created": good, "updated": 0, "unchanged": 0, "failed": bad}:
        failures.append(f"summary {outcome['summary']!r}: expected {good} created, {bad} failed")
    failures += [
        f"alone: {row['file']}: {row['outcome']}" for row in per_file if not row["expected"]
    ]
    outcome |= {"hostile": bad, "good": good, "per_file": per_file}
    return {"loads": [load.result], "import": outcome, "failures": failures}


JUNK = [  # parameters no page reads, and values outside a closed vocabulary
    "/?utm_source=drill{n}",
    "/?x{n}=1&sort=newest",
    "/?sort=bogus{n}",
    "/?page=p{n}",
    "/?remote=maybe{n}",
    "/feeds/jobs.rss?ref={n}",
    "/companies/?page=z{n}",
    "/archive/?fbclid={n}",
    "/tags/?v={n}",
]


def phase_junk(stack):
    base, count = stack.base, stack.args.junk
    for path in JUNK:  # each page once, without junk: what the junk must not add to
        httpload.fetch(base + path.split("?")[0])
    before = watch.redis_keys(stack.redis.url)

    def fetch(n):
        return httpload.fetch(base + JUNK[n % len(JUNK)].format(n=n))[0]

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        statuses = dict(Counter(pool.map(fetch, range(count))))
    added = sorted(watch.redis_keys(stack.redis.url) - before)
    failures = [] if set(statuses) == {200} else [f"junk requests answered {statuses}"]
    if len(added) > TARGETS["junk_keys"]:
        failures.append(f"{count:,} junk requests added {len(added):,} Redis keys (target ≤ 10)")
    return {
        "requests": count,
        "seconds": time.monotonic() - started,
        "statuses": statuses,
        "keys_before": len(before),
        "keys_added": added[:20],  # the first few, to show which
        "keys_added_count": len(added),
        "failures": failures,
    }


def load_failures(load, allow_503):
    """What went wrong in one run of load, by what wrk got and what gunicorn answered and
    logged meanwhile."""
    failures, label = [], load["name"]
    for statuses in [load["answered"], *(p["statuses"] for p in load["periods"])]:
        errors = five_hundreds(statuses)
        if errors["500"] or errors["other"] or (errors["503"] and not allow_503):
            failures.append(f"{label}: 5xx answers {statuses}")
            break
    if sum(load["socket_errors"].values()):
        failures.append(f"{label}: socket errors {load['socket_errors']}")
    log = load["log"]
    if log["worker_deaths"] or log["unplanned_exits"]:
        deaths = log["worker_deaths"][:2] or [f"{log['unplanned_exits']} workers exited"]
        failures.append(f"{label}: gunicorn lost workers: {deaths}")
    if log["tracebacks"] or log["errors_500"]:
        failures.append(f"{label}: {log['tracebacks']} tracebacks in gunicorn's log")
    if not load["requests"]:
        failures.append(f"{label}: wrk got no answer at all")
    return failures


# --- main ---------------------------------------------------------------------------------

PHASES = ["redis-kill", "redis-stall", "postgres", "hostile", "junk", "sign-in"]


def run_phases(stack, phases, results):
    def run(name, function, *arguments):
        print(f"phase {name}...", flush=True)
        started = time.monotonic()
        try:
            results[name] = function(*arguments)
        except Exception as error:
            traceback.print_exc()
            results[name] = {"failures": [f"crashed: {error}".splitlines()[0]]}
        print(f"phase {name}: {time.monotonic() - started:.0f} s", flush=True)

    with stack.serving("redis"):
        run("steady", steady, stack)
        share = (results["steady"].get("loads") or [{}])[0].get("hit_share") or 1.0
        for name, function, *arguments in [
            ("redis-kill", phase_redis_kill, stack, share),
            ("redis-stall", phase_redis_stall, stack, share),
            ("postgres", phase_postgres, stack),
            ("hostile", phase_hostile, stack),
            ("junk", phase_junk, stack),
            ("sign-in", signin.drill, stack, PASSWORD),
        ]:
            if name in phases:
                run(name, function, *arguments)
    if "sign-in" in phases:
        with stack.serving("no-redis", REDIS_URL=""):
            run("sign-in without Redis", signin.drill, stack, PASSWORD)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 s faults, 400 postings (CI)")
    parser.add_argument("--phases", default=",".join(PHASES), help="e.g. redis-kill,postgres")
    parser.add_argument("--postings", type=int, default=3000, help="generated postings served")
    parser.add_argument("--steady", type=int, default=10, help="seconds of load before faults")
    parser.add_argument("--fault", type=int, default=10, help="seconds each fault lasts")
    parser.add_argument("--after", type=int, default=15, help="seconds of load after each")
    parser.add_argument("--junk", type=int, default=10_000, help="junk requests (phase 6)")
    parser.add_argument("--good", type=int, default=10, help="good files beside the hostile")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=5, help="WEB_CONCURRENCY")
    parser.add_argument("--timeout", type=int, default=10, help="wrk's timeout, seconds")
    parser.add_argument("--deadline", type=int, default=1800, help="seconds for the whole drill")
    args = parser.parse_args()
    if args.quick:
        args.postings, args.steady, args.fault, args.after, args.junk = 400, 3, 4, 6, 2000
        args.deadline = min(args.deadline, 600)
    phases = [name.strip() for name in args.phases.split(",") if name.strip()]
    if set(phases) - set(PHASES):
        parser.error(f"phases are {', '.join(PHASES)}")
    if reason := faults.available() or (not shutil.which("wrk") and "wrk is missing"):
        sys.exit(f"cannot drill: {reason} (apt-get install -y wrk redis-server postgresql)")

    def interrupt(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    # SIGINT too: a shell that starts the drill in the background leaves it ignored.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM):
        signal.signal(signum, interrupt)
    signal.alarm(args.deadline)
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **git_commit(),
        "machine": machine(),
        "args": vars(args),
        "timeouts": TIMEOUTS,
        "targets": TARGETS,
    }
    work = Path(tempfile.mkdtemp(prefix="drill-"))
    workers = {"WEB_CONCURRENCY": args.workers}
    results, started = {}, time.monotonic()
    try:
        with faults.own_servers(work) as (cache, database):
            stack = faults.Stack(args, work, cache, database, TIMEOUTS | workers)
            print("preparing the database...", flush=True)
            stack.prepare(PASSWORD)
            context["pages"] = stack.pages
            run_phases(stack, phases, results)
    except (Interrupted, Exception) as error:
        traceback.print_exc()
        results["drill"] = {"failures": [f"stopped: {type(error).__name__}: {error}"]}
    finally:
        signal.alarm(0)
    context["seconds"] = time.monotonic() - started
    failures = [f"{name}: {f}" for name, r in results.items() for f in r.get("failures", [])]
    text = render(context, args, results, failures)
    partial = ["quick"] * args.quick + (phases if phases != PHASES else [])
    soak.publish("drill", text, context, results, partial, failures, work)


if __name__ == "__main__":
    main()
