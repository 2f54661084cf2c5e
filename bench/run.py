"""`make bench`: import throughput, HTTP load and queries per page, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.run [--count 100000] [--backends sqlite,postgresql]
                                  [--duration 15] [--files 2000] [--runs 1] [--quick]
                                  [--writeload-backends postgresql] [--writeload-duration 30]

For each backend it reuses (or loads once: bench/bulk.py on SQLite, bench/copyload/ on
PostgreSQL) a database of `count` generated postings, times the pages in-process and counts
their SQL queries, serves the project with gunicorn as `make serve` does and loads each page
with wrk with the page cache off then on, imports `files` generated posting files into an
empty scratch database, and writes a Markdown report to
bench/results/<date>-<backend>-<count>.md; then, on PostgreSQL (`--writeload-backends`),
bench/writeload/ measures the cached pages under a recruiter's edits (its own report).
See bench/README.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload, report  # noqa: E402
from bench.generate import generate  # noqa: E402

DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/1"
SCRATCH_DATABASE = "bench_import"
CEILING = "robots.txt"


def database_url(backend, count):
    if backend == "sqlite":
        return f"sqlite:///{DATA / f'search-{count}.sqlite3'}"
    # `bench` holds the 100,000 postings bench/search.py loaded; other sizes get their own.
    return f"{POSTGRES_SERVER}/{'bench' if count == 100_000 else f'bench{count}'}"


def base_env(url):
    """The production settings (DEBUG off), minus HTTPS, on the given database."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        SECRET_KEY="bench-only-not-secret",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        PAGE_CACHE="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def child(command, env):
    """Run `python -m bench.measure ...`; its last stdout line is the result."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def postgres_admin(statement, name):
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def create_postgres_database_if_missing(url):
    subprocess.run([sys.executable, "-m", "jobboard.createdb", url], cwd=ROOT, check=True)


def pages(picked):
    """The pages loaded over HTTP."""
    first, second = (tag["slug"] for tag in picked["tags"])
    return {
        "home": "/",
        "tag": f"/?tag={first}",
        "filters": f"/?tag={first}&tag={second}&remote=1&type=software",
        "search": "/?q=kubernetes",
        "detail": f"/jobs/{picked['slug']}/",
        "feed": "/feeds/jobs.rss",
        "ceiling": f"/{CEILING}",
    }


def in_process_pages(picked):
    """The pages timed in-process: issue 12's list, every list page and the detail page."""
    urls = pages(picked)
    last_page = 10_000 // 25  # the last the list serves (postings/pagination.py)
    return {
        "home": urls["home"],
        "tag": urls["tag"],
        "filters": urls["filters"],
        "search": urls["search"],
        "search-remote": "/?q=remote",
        "search-or": "/?q=python+or+golang",
        "last-page": f"/?page={last_page}",
        "tags": "/tags/",
        "companies": "/companies/",
        "archive": "/archive/",
        "company": f"/companies/{picked['company']}/",
        "feed": urls["feed"],
        "detail": urls["detail"],
    }


def load_pages(base, urls, args, log_path, cache):
    if cache:
        subprocess.run(["redis-cli", "-n", "1", "FLUSHDB"], check=True, capture_output=True)
    results = {}
    for name, path in urls.items():
        status, size, first_ms = httpload.fetch(base + path)  # warm once
        print(f"  {name}: {path} -> {status}, {size:,} bytes, first {first_ms:.0f} ms")
        results[name] = {"status": status, "bytes": size, "first_ms": first_ms}
    for name, path in urls.items():
        for label, connections, threads in (
            ("c1", 1, 1),
            (f"c{args.connections}", args.connections, args.threads),
        ):
            runs, drained = [], []
            for _ in range(args.runs):
                runs.append(httpload.wrk(base + path, connections, threads, args.duration))
                drained.append(httpload.wait_until_drained(base))
            results[name][label] = median_run(runs) | {"drain_s": max(drained)}
            done = results[name][label]
            print(
                f"  {name} {label}: {done['requests']} requests, {done['rps']:.1f} rps, "
                f"p50 {done['p50_ms']} ms, p99 {done['p99_ms']} ms, "
                f"drained in {done['drain_s']:.1f} s"
            )
    keys = subprocess.run(
        ["redis-cli", "-n", "1", "DBSIZE"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {
        "pages": results,
        "redis_keys_after": int(keys) if cache else None,
        "log_problems": httpload.log_problems(log_path),
        "worker_restarts": httpload.worker_restarts(log_path),
    }


def median_run(runs):
    """Medians of rps and latencies over runs; counts are summed."""

    def median(key):
        values = [r[key] for r in runs if r[key] is not None]
        return statistics.median(values) if values else None

    return {
        "runs": len(runs),
        "requests": sum(r["requests"] for r in runs),
        "rps": median("rps"),
        "p50_ms": median("p50_ms"),
        "p99_ms": median("p99_ms"),
        "non_2xx_3xx": sum(r["non_2xx_3xx"] for r in runs),
        "socket_errors": sum(sum(r["socket_errors"].values()) for r in runs),
        "timeouts": sum(r["socket_errors"]["timeout"] for r in runs),
    }


def http_load(url, urls, args, work):
    results = {}
    for cache in (False, True):
        env = base_env(url) | {"PAGE_CACHE": "1" if cache else "0"}
        if cache:
            env["REDIS_URL"] = REDIS_URL
        log_path = work / f"gunicorn-{'on' if cache else 'off'}.log"
        print(f"HTTP load, page cache {'on' if cache else 'off'}:")
        with httpload.gunicorn(env, log_path) as base:
            results["on" if cache else "off"] = load_pages(base, urls, args, log_path, cache)
    return results


def import_throughput(backend, files_dir, work):
    print(f"import of {files_dir.name} into an empty {backend} database:")
    if backend == "sqlite":
        url = f"sqlite:///{work / 'bench_import.sqlite3'}"
        return child(["imports", str(files_dir)], base_env(url))
    postgres_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", SCRATCH_DATABASE)
    postgres_admin("CREATE DATABASE {}", SCRATCH_DATABASE)
    try:
        url = f"{POSTGRES_SERVER}/{SCRATCH_DATABASE}"
        return child(["imports", str(files_dir)], base_env(url))
    finally:
        postgres_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", SCRATCH_DATABASE)


def run_backend(backend, args, files_dir, work, context):
    url = database_url(backend, args.count)
    print(f"\n=== {backend}, {args.count:,} postings: {url}")
    if backend == "postgresql":
        create_postgres_database_if_missing(url)
    picked = child(["prepare", "--count", str(args.count)], base_env(url))
    urls = pages(picked)
    # A partial or smoke run never overwrites the full run's report of the day.
    partial = [
        label
        for label, on in (
            ("quick", args.quick),
            ("no-http", args.skip_http),
            ("no-import", args.skip_import),
        )
        if on
    ]
    stem = "-".join([context["date"], backend, str(args.count), *partial])
    print("queries per page (in-process, page cache off):")
    explain_path = RESULTS / f"{stem}-explain.md"
    in_process = in_process_pages(picked)
    queries = child(
        ["queries", *in_process.values(), "--explain", str(explain_path)], base_env(url)
    )
    http = http_load(url, urls, args, work) if not args.skip_http else None
    imports = import_throughput(backend, files_dir, work) if not args.skip_import else None
    results = {
        **context,
        "backend": backend,
        "count": args.count,
        "settings": settings_summary(args),
        "database": picked,
        "urls": urls,
        "in_process_urls": in_process,
        "queries": queries,
        "http": http,
        "imports": imports,
        "explain_file": explain_path.name,
    }
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=1))
    text = report.render(results)
    (RESULTS / f"{stem}.md").write_text(text)
    print(f"\n{text}\nwritten to {RESULTS / f'{stem}.md'}")
    return write_load(url, args) if backend in args.writeload_backends else True


def write_load(url, args):
    """bench/writeload/ on this database, in a child process (Django set up on it): the
    cached pages under no writes, one edit every 10 s and every 2 s. Its own report."""
    print(f"write load ({args.writeload_duration} s a phase):")
    command = [sys.executable, "-m", "bench.writeload", "--database-url", url]
    command += ["--duration", str(args.writeload_duration), "--no-collectstatic"]
    command += ["--threads", str(args.threads)] + ["--quick"] * args.quick
    done = subprocess.run(command, cwd=ROOT, env=base_env(url))
    return done.returncode == 0


def settings_summary(args):
    return {
        "duration_s": args.duration,
        "runs": args.runs,
        "connections": args.connections,
        "threads": args.threads,
        "files": args.files,
        "workers": os.environ.get("WEB_CONCURRENCY") or f"{(os.cpu_count() or 1) * 2 + 1}",
        "quick": args.quick,
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "uname": " ".join(platform.uname()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
    }


def git_commit():
    def git(*command):
        return subprocess.run(
            ["git", *command], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.rstrip("\n")  # not strip(): porcelain lines start with a space

    changed = [line[3:] for line in git("status", "--porcelain").splitlines()]
    commit = git("rev-parse", "--short", "HEAD") + (" dirty" if changed else "")
    return {"commit": commit, "uncommitted": changed}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="postings in the database")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk measurement")
    parser.add_argument("--runs", type=int, default=1, help="wrk runs per measurement (median)")
    parser.add_argument("--files", type=int, default=2000, help="files for the import test")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 s, 200 files")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--writeload-backends",
        default="postgresql",
        help="backends to run bench/writeload/ on (8 connections, edits); '' for none",
    )
    parser.add_argument("--writeload-duration", type=int, default=30, help="seconds per phase")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.files, args.runs = 3, min(args.files, 200), 1
        args.writeload_duration = min(args.writeload_duration, 5)
    args.writeload_backends = (
        set()
        if args.skip_http
        else {b.strip() for b in args.writeload_backends.split(",") if b.strip()}
    )
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    if not shutil.which("wrk") and not args.skip_http:
        sys.exit("wrk is missing: apt-get install -y wrk (or `make bench`, which does it)")

    RESULTS.mkdir(parents=True, exist_ok=True)
    DATA.mkdir(parents=True, exist_ok=True)
    # DEBUG is off, as in production, so templates need the collected static manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=base_env(database_url(backends[0], args.count)),
        check=True,
    )
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **git_commit(),
        "machine": machine(),
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        work = Path(work)
        files_dir = work / f"{args.files}-files"
        if not args.skip_import:
            generate(files_dir, args.files)
        failed = [
            backend
            for backend in backends
            if not run_backend(backend, args, files_dir, work, context)
        ]
    if failed:
        sys.exit(f"write load failed on {', '.join(failed)}: see its report in {RESULTS}")


if __name__ == "__main__":
    main()
