"""`make soak`: the production stack under sustained load, during an import, and after a crash.

    .venv/bin/python -m bench.soak [--seconds 60] [--connections 64] [--postings 10000] [--quick]

Three phases, each on a fresh database of its own:

1. load: gunicorn as `make serve` runs it (PostgreSQL database `soak`, Redis cache db 2, DEBUG
   off) holding seeds/ plus `--base` generated postings, loaded by wrk for `--seconds` with
   `--connections` connections through a Lua script that cycles over a mix of pages.
2. import under load: the same load on a SQLite file, while `load_seeds` imports `--postings`
   more generated postings into that file; the load lasts as long as the import.
3. kill: `load_seeds` of `--postings` files into a SQLite file, SIGKILLed when about half are
   in, then run again; every posting must then be there once and whole.

Requirements: no socket error (a timeout is a socket error: `--timeout`), no 5xx, no 4xx but
the intended 404, no error line in gunicorn's log, imports that complete with every posting
whole and there once, `PRAGMA integrity_check` ok. The report is printed and written to
bench/results/<date>-soak.md; the exit status is 1 when a requirement fails.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

from bench import httpload
from bench.generate import generate
from bench.run import POSTGRES_SERVER, git_commit, machine, postgres_admin

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SEEDS = ROOT / "seeds"
DATABASE = "soak"
MISSING = "/jobs/no-such-posting-soak/"  # the one page that must answer 404
ACCESS_FORMAT = "%(L)s %(s)s %(U)s?%(q)s"  # seconds, status, path
LUA = """-- Written by bench/soak.py: cycle over the pages, count the answers per status (wrk alone
-- only counts "non-2xx/3xx", which would mix the intended 404s with real failures).
local paths = {%(paths)s}
local missing = %(missing)s
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  n, sent_missing, statuses = 0, 0, {}
end

function request()
  n = n %% #paths + 1
  if paths[n] == missing then sent_missing = sent_missing + 1 end
  return wrk.format("GET", paths[n])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write("soak sent-missing ", thread:get("sent_missing"), "\\n")
    for status, count in pairs(thread:get("statuses")) do
      io.write("soak status ", status, " ", count, "\\n")
    end
  end
end
"""


# --- running the project ------------------------------------------------------------------


def production_env(database_url, args, secret_key):
    """`make serve`'s environment on another database: DEBUG off, Redis cache, plain HTTP."""
    env = {key: value for key, value in os.environ.items() if key != "PAGE_CACHE"}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:6379/{args.redis_db}",
        DEBUG="0",
        SECRET_KEY=secret_key,
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *command, check=True):
    done = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and done.returncode:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done


def in_django(env, function, *arguments):
    """Call `function` of this module inside Django on env's database; return what it prints."""
    code = f"from bench import soak; soak.{function}(*{json.dumps(arguments)})"
    return json.loads(manage(env, "shell", "-c", code).stdout.strip().splitlines()[-1])


def populate(env, folders):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_seeds", *map(str, folders))


def flush_cache(args):
    subprocess.run(
        ["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True, capture_output=True
    )


# --- inside Django (called through in_django) ---------------------------------------------


def print_pages():
    """The soak's pages: every kind of public page, filters and searches on the busiest values."""
    from django.db.models import Count

    from postings.models import Company, Place, Posting, Tag

    live = Posting.objects.live()

    def busiest(queryset, relation, count):
        ranked = queryset.annotate(n=Count(relation)).order_by("-n", "slug")
        return list(ranked.values_list("slug", flat=True)[:count])

    t1, t2, t3 = busiest(Tag.objects.filter(tagged_postings__content_object__in=live), "pk", 3)
    p1, p2 = busiest(Place.objects.filter(postings__in=live), "pk", 2)
    companies = list(
        Company.objects.hiring().order_by("-live_count").values_list("slug", flat=True)[:3]
    )
    slugs = list(live.values_list("slug", flat=True))
    details = slugs[:: max(1, len(slugs) // 6)][:6] + list(
        Posting.objects.closed().values_list("slug", flat=True)[:2]
    )

    def listing(**params):
        return "/?" + urlencode(params, doseq=True)

    pages = [
        "/",
        listing(page=2),
        listing(tag=t1),
        listing(tag=t2),
        listing(tag=[t1, t2]),
        listing(tag=t1, location=p1, remote=1, type="software"),
        listing(tag=t3, remote=1, type=["software", "design"]),
        listing(location=[p1, p2]),
        listing(type="marketing", sort="featured"),
        listing(q="kubernetes"),
        listing(q="senior engineer"),
        listing(q='"product manager"'),
        listing(q="python -senior"),
        listing(q="data", tag=t1, remote=1),
        listing(q="platf"),
        *(f"/jobs/{quote(slug)}/" for slug in details),
        "/companies/",
        *(f"/companies/{quote(slug)}/" for slug in companies),
        "/tags/",
        "/archive/",
        "/feeds/jobs.rss",
        "/feeds/jobs.atom",
        "/feeds/jobs.rss?" + urlencode({"tag": t1, "remote": 1}),
        "/healthz",
        MISSING,
    ]
    print(json.dumps(pages))


def named_places(posting):
    return {(link.place.key, link.remote) for link in posting.place_links.all() if link.named}


def print_verification(*folders):
    """Check that each file in `folders` made one whole posting, and nothing else is there.

    Whole: the row, its rendered body, its company, the tags and places the file names (as the
    importer reads them) and its search document. SQLite only (the FTS5 table, the PRAGMA).
    """
    from django.db import DatabaseError, connection

    from postings.companies import company_key
    from postings.importers import posting_files, read_posting
    from postings.locations import parse_location
    from postings.models import Posting
    from postings.search import TABLE, index_text

    files = list(posting_files(folders))
    postings = Posting.objects.select_related("company").prefetch_related(
        "tags", "place_links__place"
    )
    by_url = {posting.url: posting for posting in postings}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, title FROM {TABLE}")
        documents = dict(cursor.fetchall())
        integrity = [row[0] for row in cursor.execute("PRAGMA integrity_check").fetchall()]
        try:  # FTS5's own check of its index; it raises when the index is corrupt
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('integrity-check')")
            fts = "ok"
        except DatabaseError as error:
            fts = str(error)
    problems, urls = [], Counter()
    for path in files:
        data = read_posting(path)
        urls[data.url] += 1
        posting = by_url.get(data.url)
        location = parse_location(data.location)
        places = {(key, False) for key in location.onsite} | {
            (key, True) for key in location.regions
        }
        wrong = (
            ["no posting"]
            if posting is None
            else [
                what
                for what, bad in (
                    ("empty body_html", not posting.body_html.strip()),
                    ("company", posting.company.key != company_key(data.company_name)),
                    ("tags", {tag.name for tag in posting.tags.all()} != set(data.tags)),
                    ("places", named_places(posting) != places),
                    ("search document", documents.get(posting.pk) != index_text(posting.title)),
                )
                if bad
            ]
        )
        if wrong:
            problems.append(f"{path.name}: {', '.join(wrong)}")
    slugs = Counter(posting.slug for posting in by_url.values())
    print(
        json.dumps(
            {
                "files": len(files),
                "postings": Posting.objects.count(),
                "documents": len(documents),
                "duplicate_urls_in_files": sum(n - 1 for n in urls.values()),
                "duplicate_slugs": sum(n - 1 for n in slugs.values()),
                "problems": problems,
                "integrity_check": ", ".join(integrity),
                "fts5_integrity_check": fts,
            }
        )
    )


def verification_failures(v):
    failures = []
    if v["problems"]:
        failures.append(f"{len(v['problems'])} incomplete postings, e.g. {v['problems'][0]}")
    if v["postings"] != v["files"] or v["documents"] != v["files"]:
        failures.append(
            f"{v['files']} files but {v['postings']} postings and {v['documents']} search "
            "documents in the database"
        )
    if v["duplicate_urls_in_files"] or v["duplicate_slugs"]:
        failures.append("duplicated source URLs or slugs")
    if v["integrity_check"] != "ok" or v["fts5_integrity_check"] != "ok":
        failures.append(
            f"integrity check: {v['integrity_check']}; FTS5: {v['fts5_integrity_check']}"
        )
    return failures


# --- HTTP load ----------------------------------------------------------------------------


def expected(path):
    return "404" if path == MISSING else "200"


def check_pages(base, pages):
    """Each page once, outside the load: the answers the load's counts are judged against."""
    wrong = []
    for path in pages:
        status = str(httpload.fetch(base + path)[0])
        if status != expected(path):
            wrong.append(f"{path} answered {status}")
    return wrong


def start_wrk(base, pages, args, work, name, seconds):
    script = work / f"{name}.lua"
    script.write_text(
        LUA % {"paths": ", ".join(map(json.dumps, pages)), "missing": json.dumps(MISSING)}
    )
    command = [
        "wrk",
        f"-t{min(args.threads, args.connections)}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        f"--timeout={args.timeout}s",
        "--latency",
        f"--script={script}",
        base + "/",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_load(env, pages, args, work, name, alongside=None):
    """Serve with gunicorn and load it with wrk; `alongside()` runs meanwhile, as long as it needs.

    Without `alongside` the load lasts `--seconds`; with it, until it returns and at least
    `--seconds` (wrk is then stopped with SIGINT, which makes it report as at the end of a run).
    """
    flush_cache(args)
    log_path, access_path = work / f"gunicorn-{name}.log", work / f"access-{name}.log"
    # Time and status of every request, server side: tells a slow page from a long queue.
    env = env | {
        "ACCESS_LOG": str(access_path),
        "GUNICORN_CMD_ARGS": f"--access-logformat='{ACCESS_FORMAT}'",
    }
    result = {"load_before": os.getloadavg()[0]}
    with httpload.gunicorn(env, log_path) as base:
        result["pages_wrong"] = check_pages(base, pages)
        started = time.monotonic()
        wrk = start_wrk(base, pages, args, work, name, 86_400 if alongside else args.seconds)
        try:
            if alongside:
                result["alongside"] = alongside()
                time.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
                wrk.send_signal(signal.SIGINT)
            output, errors = wrk.communicate(timeout=args.seconds + 120)
        finally:
            if wrk.poll() is None:
                wrk.kill()
                wrk.wait()
        result["seconds"] = time.monotonic() - started
        result["load_after"] = os.getloadavg()[0]
        result["pages_wrong"] += check_pages(base, pages)
    flush_cache(args)  # leave no pages behind in a Redis db others may use
    if wrk.returncode:
        raise RuntimeError(f"wrk failed ({wrk.returncode}): {errors}")
    statuses = Counter()
    for status, count in re.findall(r"^soak status (\d+) (\d+)$", output, re.MULTILINE):
        statuses[int(status)] += int(count)
    served = [
        (seconds, status, path.removesuffix("?"))
        for seconds, status, path in map(str.split, access_path.read_text().splitlines())
    ]
    return (
        result
        | httpload.parse_wrk(output)
        | {
            "statuses": dict(sorted(statuses.items())),
            "missing_sent": sum(map(int, re.findall(r"^soak sent-missing (\d+)$", output, re.M))),
            "unexpected": sorted(
                {f"{path} {status}" for _, status, path in served if status != expected(path)}
            ),
            "server_times": server_times(served),
            "log_problems": httpload.log_problems(log_path),
            "worker_restarts": httpload.worker_restarts(log_path),
        }
    )


def server_times(served):
    """Per page, the seconds gunicorn spent on each request: count, p50, p99, max."""
    times = defaultdict(list)
    for seconds, _, path in served:
        times[path].append(float(seconds))
    pages = {path: quantiles(values) for path, values in times.items()}
    return {"all": quantiles([t for values in times.values() for t in values]), **pages}


def quantiles(values):
    values = sorted(values)

    def at(q):
        return values[min(len(values) - 1, int(q * len(values)))]

    return {"count": len(values), "p50": at(0.5), "p99": at(0.99), "max": values[-1]}


def load_failures(r):
    failures = [f"page {wrong}" for wrong in r["pages_wrong"]]
    sockets = r["socket_errors"]
    if sum(sockets.values()):
        failures.append(
            "socket errors: " + ", ".join(f"{kind} {n}" for kind, n in sockets.items() if n)
        )
    server_errors = sum(n for status, n in r["statuses"].items() if status >= 500)
    if server_errors:
        failures.append(f"{server_errors} 5xx answers ({r['statuses']})")
    other = {s: n for s, n in r["statuses"].items() if 400 <= s < 500 and s != 404}
    if other or r["statuses"].get(404, 0) > r["missing_sent"]:
        failures.append(f"unexpected 4xx: {r['statuses']}")
    if r["unexpected"]:
        failures.append(f"unexpected answers (access log): {', '.join(r['unexpected'][:5])}")
    if r["log_problems"]:
        failures.append(
            f"{len(r['log_problems'])} error lines in gunicorn's log, e.g. {r['log_problems'][0]}"
        )
    if not r["requests"]:
        failures.append("wrk got no answer at all")
    return failures


# --- the phases ---------------------------------------------------------------------------


def phase_load(args, work, files, secret_key):
    """PostgreSQL + Redis, as in production, under `--seconds` of load."""
    url = f"{POSTGRES_SERVER}/{DATABASE}"
    postgres_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", DATABASE)  # a crashed run's
    subprocess.run(
        [sys.executable, "-m", "jobboard.createdb", url], cwd=ROOT, check=True, capture_output=True
    )
    try:
        env = production_env(url, args, secret_key)
        populate(env, [SEEDS, files["base"]])
        pages = in_django(env, "print_pages")
        result = run_load(env, pages, args, work, "load")
    finally:
        postgres_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", DATABASE)
    return result | {"database": "PostgreSQL", "pages": pages, "failures": load_failures(result)}


def phase_import(args, work, files, secret_key):
    """The same load on SQLite while load_seeds writes `--postings` postings into that file."""
    env = production_env(f"sqlite:///{work / 'import.sqlite3'}", args, secret_key)
    populate(env, [SEEDS, files["base"]])
    pages = in_django(env, "print_pages")

    def import_more():
        started = time.monotonic()
        done = manage(env, "load_seeds", str(files["more"]), check=False)
        return import_outcome(done, started)

    result = run_load(env, pages, args, work, "import", alongside=import_more)
    outcome = result.pop("alongside")
    outcome["verification"] = in_django(
        env, "print_verification", str(SEEDS), str(files["base"]), str(files["more"])
    )
    failures = load_failures(result) + verification_failures(outcome["verification"])
    if outcome["exit"] or outcome["counts"] != import_counts(args.postings):
        failures.append(f"import: exit {outcome['exit']}, {outcome['summary']!r}")
    return result | {"database": "SQLite", "pages": pages, "import": outcome, "failures": failures}


def phase_kill(args, work, files, secret_key):
    """SIGKILL an import halfway, import again: nothing half-written, nothing twice."""
    db = work / "kill.sqlite3"
    env = production_env(f"sqlite:///{db}", args, secret_key)
    manage(env, "migrate", "--noinput", "-v", "0")
    half = args.postings // 2
    started = time.monotonic()
    with open(work / "kill-import.log", "w") as log:
        # Its own process group, so that the kill takes the importer's worker processes too,
        # as a crash of the machine or the OOM killer's cgroup kill would.
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "load_seeds", str(files["kill"])],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with contextlib.closing(sqlite3.connect(db, timeout=60)) as reader:
            while (seen := count_postings(reader)) < half and importer.poll() is None:
                time.sleep(0.05)
            if importer.poll() is not None:
                raise RuntimeError(f"load_seeds ended ({importer.returncode}) before the kill")
            os.killpg(importer.pid, signal.SIGKILL)
            importer.wait()
            kill_seconds = time.monotonic() - started
            committed = count_postings(reader)
            if committed >= args.postings:
                raise RuntimeError("load_seeds had written every posting before the kill")
    rerun_started = time.monotonic()
    rerun = import_outcome(
        manage(env, "load_seeds", str(files["kill"]), check=False), rerun_started
    )
    rerun["verification"] = in_django(env, "print_verification", str(files["kill"]))
    failures = verification_failures(rerun["verification"])
    wanted = import_counts(args.postings - committed, unchanged=committed)
    if rerun["exit"] or rerun["counts"] != wanted:
        failures.append(f"re-run: exit {rerun['exit']}, {rerun['summary']!r}, expected {wanted}")
    return {
        "database": "SQLite",
        "files": args.postings,
        "seen_at_kill": seen,
        "committed": committed,
        "kill_seconds": kill_seconds,
        "rerun": rerun,
        "failures": failures,
    }


def count_postings(reader):
    return reader.execute("SELECT count(*) FROM postings_posting").fetchone()[0]


def import_counts(created, unchanged=0):
    """load_seeds's summary of a clean import, as import_outcome() reads it."""
    return {"created": created, "updated": 0, "unchanged": unchanged, "failed": 0}


def import_outcome(done, started):
    lines = done.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    return {
        "exit": done.returncode,
        "summary": summary,
        "counts": {key: int(n) for key, n in re.findall(r"(\w+) (\d+)", summary)},
        "errors": done.stderr.strip().splitlines()[:5],
        "seconds": time.monotonic() - started,
    }


PHASES = {"load": phase_load, "import": phase_import, "kill": phase_kill}


# --- the report ---------------------------------------------------------------------------


def render(context, args, results, failures):
    m = context["machine"]
    workers = os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1
    pages = next((r["pages"] for r in results.values() if r and "pages" in r), [])
    uncommitted = ", ".join(context["uncommitted"]) or "none"
    lines = [
        f"# Soak: load, import under load, kill ({context['date']})",
        "",
        f"- Started: {context['started']}" + (" — **quick run**" if args.quick else ""),
        f"- Commit: `{context['commit']}` (uncommitted: {uncommitted})",
        f"- Machine: `{m['uname']}`; {m['cpu']}, {m['cores']} cores, RAM {m['ram_gb']} GB; "
        f"load average at start {m['load_average']}; Python {m['python']}",
        f"- Server: gunicorn -c gunicorn.conf.py jobboard.wsgi, {workers} sync workers, DEBUG=0, "
        f"page cache on Redis db {args.redis_db}, on loopback; wrk on the same machine",
        f"- Load: {m['wrk'].split(' Copyright')[0]}, {args.connections} connections, "
        f"{min(args.threads, args.connections)} threads, --timeout {args.timeout}s, cycling "
        f"over {len(pages)} pages; {args.seconds} s, and as long as the import in phase 2",
        f"- Data: seeds/ + {args.base:,} generated postings in phases 1 and 2; "
        f"{args.postings:,} generated postings imported in phases 2 and 3",
        "",
        "**PASS**: every requirement met."
        if not failures
        else "**FAIL**:\n\n" + "\n".join(f"- {failure}" for failure in failures),
        "",
    ]
    http = {name: r for name, r in results.items() if r and "statuses" in r}
    if http:
        lines += http_section(http, args)
    lines += imports_section(results)
    lines += ["", "## Pages", "", *(f"- `{page}`" for page in pages)]
    return "\n".join(lines) + "\n"


def http_section(http, args):
    lines = [
        "## HTTP load",
        "",
        "| phase | database | seconds | requests | rps | p50 ms | p99 ms | socket errors "
        "| non-2xx/3xx | 404 (intended) | 5xx | gunicorn error lines | worker restarts "
        "| load avg before → after |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in http.items():
        s = r["socket_errors"]
        fivexx = sum(n for status, n in r["statuses"].items() if status >= 500)
        lines.append(
            f"| {name} | {r['database']} | {r['seconds']:.0f} | {r['requests']:,} "
            f"| {r['rps']:.1f} | {milliseconds(r['p50_ms'])} | {milliseconds(r['p99_ms'])} "
            f"| {sum(s.values())} (c {s['connect']}, r {s['read']}, w {s['write']}, "
            f"t {s['timeout']}) | {r['non_2xx_3xx']:,} | {r['statuses'].get(404, 0):,} "
            f"| {fivexx} | {len(r['log_problems'])} | {r['worker_restarts']} "
            f"| {r['load_before']:.2f} → {r['load_after']:.2f} |"
        )
    lines += [
        "",
        "Answers per status: " + "; ".join(f"{n}: {r['statuses']}" for n, r in http.items()),
        *(
            f"- gunicorn log ({name}): `{line.strip()[:300]}`"
            for name, r in http.items()
            for line in r["log_problems"][:10]
        ),
        "",
        "wrk counts a timeout for each connection still waiting after --timeout, once every 2 s, "
        "and leaves answers slower than that out of its percentiles. With a closed loop of "
        "connections, the mean time a request spends queued and served is connections / rps "
        "(Little's law): "
        + "; ".join(
            f"{n}: {args.connections / r['rps']:.2f} s" for n, r in http.items() if r["rps"]
        )
        + ".",
        "",
        "### Server time per request (gunicorn's access log)",
        "",
        "From a worker accepting a request to its answer, without the wait in the queue before.",
        "",
        "| phase | page | requests | p50 ms | p99 ms | max ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, r in http.items():
        times = dict(r["server_times"])
        everything = times.pop("all")
        slowest = sorted(times.items(), key=lambda item: -item[1]["p99"])
        for page, t in [("all", everything), *slowest[:6]]:
            lines.append(
                f"| {name} | `{page}` | {t['count']:,} | {t['p50'] * 1000:.0f} "
                f"| {t['p99'] * 1000:.0f} | {t['max'] * 1000:.0f} |"
            )
    return [*lines, ""]


def imports_section(results):
    lines = ["## Imports", ""]
    if results.get("import"):
        i = results["import"]["import"]
        lines.append(
            f"- Import under load: `load_seeds` exit {i['exit']} in {i['seconds']:.0f} s: "
            f"`{i['summary']}`; {verification_text(i['verification'])}"
        )
        lines += [f"  - `{error[:300]}`" for error in i["errors"]]
    if results.get("kill"):
        k, rerun = results["kill"], results["kill"]["rerun"]
        lines.append(
            f"- Kill: `load_seeds` of {k['files']:,} files SIGKILLed after {k['kill_seconds']:.0f} "
            f"s, at {k['seen_at_kill']:,} postings ({k['committed']:,} committed); re-run exit "
            f"{rerun['exit']} in {rerun['seconds']:.0f} s: `{rerun['summary']}`; "
            f"{verification_text(rerun['verification'])}"
        )
        lines += [f"  - `{error[:300]}`" for error in rerun["errors"]]
    return lines


def milliseconds(value):
    return "–" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def verification_text(v):
    return (
        f"afterwards {v['postings']:,} postings and {v['documents']:,} search documents for "
        f"{v['files']:,} files, {len(v['problems'])} incomplete, "
        f"{v['duplicate_slugs']} duplicated slugs; integrity_check {v['integrity_check']}, "
        f"FTS5 integrity-check {v['fts5_integrity_check']}"
    )


# --- main ---------------------------------------------------------------------------------


def generated_files(args, work):
    """Base postings, more of them to import (other source URLs), and a folder for the kill."""
    everything = work / "generated"
    generate(everything, args.base + args.postings)
    files = {"base": work / "base", "more": work / "more", "kill": work / "kill"}
    for folder in files.values():
        folder.mkdir()
    for path in everything.iterdir():
        number = int(re.match(r"-?(\d+)", path.name)[1])  # generate()'s file numbering
        path.rename(files["base" if number < args.base else "more"] / path.name)
    generate(files["kill"], args.postings, seed=2)
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="load duration (at least)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--timeout", type=int, default=10, help="wrk's timeout, seconds")
    parser.add_argument("--postings", type=int, default=10_000, help="imported in phases 2, 3")
    parser.add_argument("--base", type=int, default=2_000, help="generated postings served")
    parser.add_argument("--redis-db", type=int, default=2)
    parser.add_argument("--phases", default=",".join(PHASES), help="e.g. load,kill")
    parser.add_argument("--quick", action="store_true", help="5 s, 16 connections, 1,500 postings")
    args = parser.parse_args()
    if args.quick:
        # 1,500 postings: three of the importer's 500-file transactions, so that the kill
        # still lands between commits.
        args.seconds, args.connections, args.postings, args.base = 5, 16, 1_500, 200
    phases = [name.strip() for name in args.phases.split(",") if name.strip()]
    if set(phases) - PHASES.keys():
        parser.error(f"phases are {', '.join(PHASES)}")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (or `make soak`, which does it)")

    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **git_commit(),
        "machine": machine(),
    }
    secret_key = secrets.token_urlsafe(50)  # throwaway: nothing signed outlives the run
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    files = generated_files(args, work)
    # DEBUG is off, so pages need the collected static files' manifest.
    manage(production_env("sqlite://:memory:", args, secret_key), "collectstatic", "--noinput")
    results, failures = {}, []
    for name in phases:
        print(f"phase {name}...", flush=True)
        started = time.monotonic()
        try:
            results[name] = PHASES[name](args, work, files, secret_key)
            print(f"phase {name}: {time.monotonic() - started:.0f} s", flush=True)
            failures += [f"{name}: {failure}" for failure in results[name]["failures"]]
        except Exception as error:
            traceback.print_exc()
            results[name] = None
            failures.append(f"{name}: crashed: {error}".splitlines()[0])

    text = render(context, args, results, failures)
    partial = ["quick"] * args.quick + (phases if phases != list(PHASES) else [])
    publish("soak", text, context, results, partial, failures, work)


def publish(kind, text, context, results, partial, failures, work):
    """Write a run's report (.md) and data (.json) to bench/results/, print it, and exit
    non-zero if a requirement failed, keeping the logs; a quick or partial run (`partial`
    names it) never overwrites the full run's report of the day."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / ("-".join([context["date"], kind, *partial]) + ".md")
    path.write_text(text)
    path.with_suffix(".json").write_text(json.dumps({**context, "results": results}, indent=1))
    print(f"\n{text}\nwritten to {path}")
    if failures:
        sys.exit(f"{kind} FAILED ({len(failures)} requirements); logs kept in {work}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
