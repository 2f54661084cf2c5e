"""What one recruiter's edits do to the production stack under load (`make writeload`).

    .venv/bin/python -m bench.writeload --database-url URL [--duration 30] [--connections 8]
                                        [--edit-every 10,2] [--redis-db 1] [--quick]

Serves the database at URL with gunicorn as `make serve` does (gunicorn.conf.py, DEBUG=0), the
page cache on (`PAGE_CACHE=1`, Redis db `--redis-db`, flushed before and after), and loads it
with wrk (`--connections` connections, `--latency`) through a Lua script that cycles over about
60 pages read from the database: the list with filters, page numbers and searches, detail
pages, companies, tags, the archive, the feed. Every page is fetched once first. Then, for
`--duration` seconds each:

0. the ceiling: `/robots.txt` alone, a template view with no database access;
1. the pages, no writes;
2. the pages while this process edits one random live posting's title every 10 s,
3. and every 2 s (`--edit-every`),

an edit being what the admin does: load the posting with the ORM, change its title (append or
remove a marker), set `edited_at`, `posting.save()`, on a timer thread of this process, with
Django set up on the same database. Each write bumps the catalogue version, so every cached
page is stale from then on. The edited postings get their titles back at the end.

Report: bench/results/<date>-writeload-<backend>-<count>.md (`-quick` for --quick) and its
raw numbers as .json; the exit status is 1 if any request failed (a non-2xx/3xx answer, a
socket error, an error line in gunicorn's log) or an edit did.
"""

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload, report  # noqa: E402
from bench.run import CEILING, base_env, git_commit, machine  # noqa: E402
from bench.soak import server_times  # noqa: E402

RESULTS = ROOT / "bench" / "results"
MARKER = " (edited)"
# When answered (to the second), seconds in the worker, status, path.
ACCESS_FORMAT = "%(t)s %(L)s %(s)s %(U)s?%(q)s"
RECOVERED = 0.9  # of the no-writes phase's answers per second
LUA = """-- Written by bench/writeload.py: cycle over the pages, each thread from another one;
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


# --- inside Django (this process) ---------------------------------------------------------


def setup_django(env):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jobboard.settings"
    import django

    django.setup()


def pick_pages():
    """About 60 pages a visitor would open, from the database; and what the report says of it."""
    from django.db import connection
    from django.db.models import Count

    from bench.measure import database_version
    from postings import views
    from postings.models import Company, Place, Posting, Tag

    per_page = views.PER_PAGE

    live = Posting.objects.live()
    live_count = live.count()
    if not live_count:
        sys.exit(f"{connection.settings_dict['NAME']}: no live postings to load and edit")

    def ranked(queryset, field="slug"):
        rows = queryset.values_list(field).annotate(n=Count("pk")).order_by("-n", field)
        return [value for value, _ in rows if value]

    tags = ranked(Tag.objects.filter(tagged_postings__content_object__in=live))
    countries = ranked(Place.objects.filter(kind="country", postings__in=live))
    types = ranked(live, "job_type")
    levels = ranked(live, "level")
    contracts = ranked(live, "contract")
    companies = list(
        Company.objects.hiring().order_by("-live_count", "slug").values_list("slug", flat=True)[:2]
    )
    newest = list(live.order_by("-posted_at", "-pk").values_list("slug", flat=True))
    details = newest[:: max(1, len(newest) // 8)][:8]
    # The deepest page the list serves (past the results window it asks to narrow the list).
    window = getattr(views, "RESULTS_WINDOW", None) or live_count
    deepest = math.ceil(min(live_count, window) / per_page)
    page_numbers = [n for n in sorted({2, 3, 10, 100, deepest // 2, deepest}) if 1 < n <= deepest]

    def at(values, *indexes):
        """The values at these ranks (negative from the end), each once, when there."""
        chosen = [values[i] for i in indexes if -len(values) <= i < len(values)]
        return list(dict.fromkeys(chosen))

    def listing(**params):
        return "/?" + urlencode(params, doseq=True)

    t1, t2, t3, t4 = (tags + [None] * 4)[:4]  # too few tags: the pages naming none drop out
    rare = at(tags, len(tags) // 4, len(tags) // 2, (3 * len(tags)) // 4, -1)
    searches = [
        "kubernetes",
        "remote",
        "python or golang",
        "senior engineer",
        '"product manager"',
        "python -senior",
        "data",
        "design",
        "sales",
        "platf",
    ]
    pages = [
        "/",
        *(listing(tag=tag) for tag in at(tags, 0, 1, 2, 3, 4) + rare),
        *(listing(tag=pair) for pair in ([t1, t2], [t1, t3], [t2, t4]) if all(pair)),
        *(
            listing(tag=tag, remote=1, type=job_type)
            for tag, job_type in zip(at(tags, 0, 1, 2), at(types, 0, 0, 1), strict=False)
        ),
        *(listing(location=country) for country in at(countries, 0, 1, 2, len(countries) // 2)),
        *(listing(tag=t1, location=country) for country in at(countries, 0) if t1),
        *(listing(location=country, remote=1) for country in at(countries, 1)),
        *(listing(level=level) for level in at(levels, 0, 1, -1)),
        *(listing(level=lv, type=jt) for lv, jt in zip(levels[:1], types[:1], strict=False)),
        *(listing(contract=contract) for contract in at(contracts, 0, 1, -1)),
        *(listing(type=job_type) for job_type in at(types, 0, -1)),
        listing(remote=1),
        listing(sort="featured"),
        *(listing(page=n) for n in page_numbers),
        *([listing(tag=t1, page=2)] if t1 else []),
        *(listing(q=q) for q in searches),
        *([listing(q="engineer", tag=t1, remote=1)] if t1 else []),
        *(f"/jobs/{quote(slug)}/" for slug in details),
        "/tags/",
        "/companies/",
        "/companies/?page=2",
        *(f"/companies/{quote(slug)}/" for slug in companies),
        "/archive/",
        "/feeds/jobs.rss",
        *([f"/feeds/jobs.rss?{urlencode({'tag': t1})}"] if t1 else []),
        "/feeds/jobs.atom",
    ]
    database = {
        "vendor": connection.vendor,
        "server_version": database_version(connection),
        "postings": Posting.objects.count(),
        "live": live_count,
    }
    return list(dict.fromkeys(pages)), database, list(live.values_list("pk", flat=True))


class Editor(threading.Thread):
    """One title edit every `interval` seconds while a phase lasts, the first half an interval
    in: the edits are spread over the phase as a steady recruiter's would be."""

    def __init__(self, interval, duration, pks, rng, originals):
        super().__init__(daemon=True)
        self.interval, self.duration, self.pks, self.rng = interval, duration, pks, rng
        self.originals = originals  # pk -> (title, edited_at) before the first edit
        self.stopping = threading.Event()
        self.edits, self.errors = [], []

    def run(self):
        from django.db import connection

        started = time.monotonic()
        # A phase shorter than the interval still gets its one edit, halfway through.
        first = min(self.interval, self.duration) / 2
        try:
            for k in range(10**9):
                due = first + self.interval * k
                if due >= self.duration or self.stopping.wait(
                    max(0.0, started + due - time.monotonic())
                ):
                    break
                pk = self.rng.choice(self.pks)
                at, epoch, begun = time.monotonic() - started, time.time(), time.perf_counter()
                try:
                    edit(pk, self.originals)
                    ms = (time.perf_counter() - begun) * 1000
                    self.edits.append({"at_s": round(at, 2), "epoch": epoch, "pk": pk, "ms": ms})
                except Exception as error:  # reported, and the run fails
                    self.errors.append(f"posting {pk}: {type(error).__name__}: {error}")
        finally:
            connection.close()  # this thread's own connection

    def stop(self):
        self.stopping.set()
        self.join()


def edit(pk, originals):
    """The admin's write: load the posting, change its title, remember the edit, save()."""
    from django.utils import timezone

    from postings.models import Posting

    posting = Posting.objects.get(pk=pk)
    originals.setdefault(pk, (posting.title, posting.edited_at))
    if posting.title.endswith(MARKER):
        posting.title = posting.title.removesuffix(MARKER)
    else:
        limit = Posting._meta.get_field("title").max_length - len(MARKER)
        posting.title = posting.title[:limit] + MARKER
    posting.edited_at = timezone.now()  # what PostingAdmin.save_model() sets
    posting.save()


def restore(originals):
    """Give the edited postings their titles (and edited_at) back, through the same save()."""
    from postings.models import Posting

    for posting in Posting.objects.filter(pk__in=originals):
        title, edited_at = originals[posting.pk]
        if (posting.title, posting.edited_at) != (title, edited_at):
            posting.title, posting.edited_at = title, edited_at
            posting.save()


# --- load -----------------------------------------------------------------------------------


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
    """Keys in the cache's Redis db: pages under a catalogue state, and renderings (a page
    rendered is stored both ways; one served again after a write, only under the new state:
    postings/cache.py)."""
    total = int(redis(db, "DBSIZE") or 0)
    pages = int(redis(db, "EVAL", "return #redis.call('KEYS', '*:page:*')", "0") or 0)
    renders = int(redis(db, "EVAL", "return #redis.call('KEYS', '*:rendered:*')", "0") or 0)
    return {"pages": pages, "renders": renders, "other": total - pages - renders}


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
    result["redis_keys_added"] = {k: keys_after[k] - keys_before[k] for k in keys_after}
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


def recoveries(phase, steady):
    """For each edit, from the moment it was saved to the end of the first whole second after
    it with RECOVERED of `steady` answers; None when that did not come by the next edit's
    second or the end of the phase."""
    counts, edits = phase["answers_per_second"], phase["edit_log"]
    found = []
    for n, e in enumerate(edits):
        until = min(edits[n + 1]["second"] + 1 if n + 1 < len(edits) else 10**9, len(counts))
        good = [s for s in range(e["second"] + 1, until) if counts[s] >= RECOVERED * steady]
        found.append(good[0] + 1 - e["in_second_s"] if good else None)
    return found


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


def failures_of(results):
    failures = [
        f"warm-up: {w['path']} answered {w['status']}"
        for w in results["warmup"]
        if not 200 <= w["status"] < 400
    ]
    for r in [results["ceiling"] | {"name": "ceiling"}, *results["phases"]]:
        sockets = sum(r["socket_errors"].values())
        if r["non_2xx_3xx"] or sockets:
            failures.append(
                f"{r['name']}: {r['non_2xx_3xx']} non-2xx/3xx answers "
                f"({r.get('statuses', {})}), {sockets} socket errors ({r['socket_errors']})"
            )
        failures += [f"{r['name']}: edit failed: {error}" for error in r.get("edit_errors", [])]
        if not r["requests"]:
            failures.append(f"{r['name']}: no answer at all")
    if results["log_problems"]:
        failures.append(
            f"{len(results['log_problems'])} error lines in gunicorn's log, e.g. "
            f"{results['log_problems'][0][:200]}"
        )
    return failures


def ratios(results):
    steady = statistics.median(results["phases"][0]["answers_per_second"] or [0])
    for phase in results["phases"][1:]:
        phase["recovery_s"] = recoveries(phase, steady)
    first = results["phases"][0]["rps"]
    ceiling = results["ceiling"]["rps"]
    return {
        "cached_over_ceiling": first / ceiling if ceiling else None,
        "steady_answers_per_second": steady,
        "over_no_writes": {
            r["name"]: (r["rps"] / first if first else None) for r in results["phases"][1:]
        },
    }


def without_password(url):
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a loaded, migrated database")
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument(
        "--edit-every", default="10,2", help="seconds between edits, one phase each"
    )
    parser.add_argument("--redis-db", type=int, default=1, help="flushed before and after")
    parser.add_argument("--seed", type=int, default=1, help="which postings get edited")
    parser.add_argument(
        "--max-requests",
        help="gunicorn's max_requests instead of gunicorn.conf.py's (0: workers never recycled)",
    )
    parser.add_argument("--quick", action="store_true", help="5 s phases")
    parser.add_argument(
        "--no-collectstatic", action="store_true", help="bench.run has collected them"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 5
    args.threads = max(1, min(args.threads, args.connections))
    try:
        args.edit_every = [float(x) for x in args.edit_every.split(",") if x.strip()]
    except ValueError:
        parser.error("--edit-every: seconds, comma-separated, e.g. 10,2")
    if any(x <= 0 for x in args.edit_every):
        parser.error("--edit-every: seconds must be positive")
    if args.redis_db == 0:
        parser.error("--redis-db 0 is the shared cache of `make serve`: never flushed here")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (or `make writeload`, which does it)")

    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    env = base_env(args.database_url) | {"PAGE_CACHE": "1", "REDIS_URL": redis_url}
    if not args.no_collectstatic:
        # DEBUG is off, as in production, so templates need the collected static manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **git_commit(),
        "machine": machine(),
    }
    setup_django(env)  # the harness edits through the ORM, as the admin's process would
    pages, database, pks = pick_pages()
    backend = database["vendor"]
    print(
        f"write load on {backend}, {database['postings']:,} postings ({database['live']:,} "
        f"live), {len(pages)} pages, {args.connections} connections, {args.duration} s a phase"
    )
    work = Path(tempfile.mkdtemp(prefix="writeload-"))
    try:
        results = run_load(env, pages, pks, args, work)
    except Exception:
        # gunicorn that would not start (an error in the app's code, say), wrk that failed
        log = work / "gunicorn.log"
        if log.exists():
            print("gunicorn's log ends:", *log.read_text().splitlines()[-30:], sep="\n  ")
        print(f"logs kept in {work}", file=sys.stderr)
        raise
    failures = failures_of(results)
    if failures:
        failures.append(f"gunicorn's logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    summary = ratios(results)  # and each phase's recovery after its edits
    results = {
        **context,
        "backend": backend,
        "count": database["postings"],
        "database": database | {"url": without_password(args.database_url)},
        "settings": {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "edit_every_s": args.edit_every,
            "redis_db": args.redis_db,
            "max_requests": args.max_requests,
            "recovered": RECOVERED,
            "workers": os.environ.get("WEB_CONCURRENCY") or f"{(os.cpu_count() or 1) * 2 + 1}",
            "wrk_timeout": httpload.WRK_TIMEOUT,
            "quick": args.quick,
        },
        "pages": pages,
        **results,
        "ratios": summary,
        "failures": failures,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = "-".join(
        [context["date"], "writeload", backend, str(database["postings"])] + ["quick"] * args.quick
    )
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=1))
    text = report.render_writeload(results)
    (RESULTS / f"{stem}.md").write_text(text)
    print(f"\n{text}\nwritten to {RESULTS / f'{stem}.md'}")
    if failures:
        sys.exit(f"writeload FAILED: {len(failures)} problems")


if __name__ == "__main__":
    main()
