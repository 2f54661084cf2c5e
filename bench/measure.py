"""The in-process halves of `make bench`, each run in a child process on one database.

    python -m bench.measure prepare --count 100000
    python -m bench.measure queries PATH [PATH ...] [--explain FILE]
    python -m bench.measure imports FILES_DIR

DATABASE_URL names the database (bench/run.py sets it). Progress goes to stderr; the last line
on stdout is the result as JSON, for bench/run.py to put in the report.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEAT_IN_PROCESS = 5  # timed requests per page, after one warm-up
PARSE_ONLY_RUNS = 3


def setup_django():
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
    import django

    django.setup()


def progress(line):
    print(line, file=sys.stderr, flush=True)


def prepare(count, seed):
    """Migrate, load `count` postings if the database is empty, and pick the pages' values."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bench.bulk import bulk_load
    from bench.copyload import copy_load
    from postings.models import Company, Posting, TaggedPosting

    call_command("migrate", verbosity=0)
    have = Posting.objects.count()
    if have == 0:
        # The same rows either way (tests/test_copyload.py); COPY is PostgreSQL's.
        postgresql = connection.vendor == "postgresql"
        how = "with COPY, ~5 minutes per 100,000" if postgresql else "~10 minutes per 100,000"
        progress(f"loading {count:,} postings into {connection.vendor} (once, {how})...")
        start = time.perf_counter()
        (copy_load if postgresql else bulk_load)(count, seed=seed, progress=lambda line: None)
        progress(f"loaded in {time.perf_counter() - start:.0f} s")
        have = Posting.objects.count()
    elif have != count:
        sys.exit(f"{connection.settings_dict['NAME']} holds {have:,} postings, not {count:,}.")
    if connection.vendor == "postgresql":
        # What autovacuum would have done on a server that has been running for a while.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    live = Posting.objects.live()
    popular = (
        TaggedPosting.objects.filter(content_object__in=live)
        .values_list("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__slug")[:2]
    )
    # The first posting on the home page: the one visitors are likeliest to open.
    slug = live.order_by("-posted_at", "-pk").values_list("slug", flat=True).first()
    busiest = Company.objects.hiring().order_by("-live_count", "pk").first()
    return {
        "vendor": connection.vendor,
        "server_version": database_version(connection),
        "postings": have,
        "live": live.count(),
        "tags": [{"slug": tag, "live_postings": n} for tag, n in popular],
        "slug": slug,
        "company": busiest.slug if busiest else "",
    }


def database_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


def queries(paths, explain_file=None):
    """SQL queries and in-process time per page, through the test client, page cache off.

    Each page as the first request after a write renders it (a title edit through the admin's
    write path, `Posting.save()`, before each of the timed requests: the index applies it,
    a search reads its sets again for that posting) and as a request with no write since.
    """
    from django.db import connection
    from django.test import Client, override_settings

    from postings.models import Posting

    client = Client()
    edited = Posting.objects.live().order_by("pk").first()
    title = edited.title

    def edit():
        edited.title = title if edited.title != title else f"{title} (edited)"
        edited.save()

    pages, explains = [], []
    try:
        with override_settings(PAGE_CACHE=False):
            edit()  # the first save loads what the write path needs (the gazetteer)
            for path in paths:
                client.get(path)  # warm: the first request pays for imports and the index
                after = timed_requests(client, connection, path, before_each=edit)
                repeat = timed_requests(client, connection, path)
                slowest = after.pop("slowest")
                repeat.pop("slowest")
                pages.append({"path": path, **after, "repeat": repeat})
                progress(
                    f"  {path}: after a write {after['queries']} queries, "
                    f"{after['median_ms']:.1f} ms; no write since: {repeat['queries']} queries, "
                    f"{repeat['median_ms']:.1f} ms"
                )
                if slowest:
                    explains.append((path, slowest, explain(connection, slowest["sql"])))
    finally:
        edited.title = title
        edited.save()
    if explain_file:
        write_explains(explain_file, connection.vendor, explains)
    return {"pages": pages}


def timed_requests(client, connection, path, before_each=None):
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(REPEAT_IN_PROCESS):
        if before_each:
            before_each()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(captured.captured_queries),
        "median_ms": statistics.median(times),
        "slowest_query_ms": float(slowest["time"]) * 1000 if slowest else 0.0,
        "slowest": slowest,
    }


def explain(connection, sql):
    prefix = "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN"
    if connection.vendor == "sqlite":
        prefix += " QUERY PLAN"
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"{prefix} {sql}")
            return "\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall())
    except Exception as error:  # a plan is a nice-to-have; never fail the run for it
        return f"(no plan: {type(error).__name__}: {error})"


def write_explains(path, vendor, explains):
    lines = [f"# The slowest query of each page, with its plan ({vendor})\n"]
    for page, query, plan in explains:
        lines += [
            f"## {page}: {float(query['time']) * 1000:.1f} ms\n",
            "```sql",
            query["sql"],
            "```\n",
            "```",
            plan,
            "```\n",
        ]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def parse_only(files):
    """What the import does besides the database: read, parse, render, classify."""
    from postings.classify import classify_contract, classify_level
    from postings.importers import BadFile, read_posting
    from postings.locations import parse_location
    from postings.markdown import render_markdown

    parsed = 0
    for path in files:
        try:
            data = read_posting(path)
        except BadFile:
            continue
        render_markdown(data.body)
        parse_location(data.location)
        classify_level(data.title, data.body)
        classify_contract(data.title, data.body, data.job_type)
        parsed += 1
    return parsed


def imports(files_dir):
    """Postings per second: parse-only (median of runs) and `import_paths` into this database."""
    from django.core.management import call_command
    from django.db import connection

    from postings import importers
    from postings.importers import import_paths, posting_files
    from postings.models import Posting

    call_command("migrate", verbosity=0)
    if Posting.objects.exists():
        sys.exit("The import benchmark needs an empty database.")
    files = list(posting_files([files_dir]))
    parse_times = []
    for run in range(PARSE_ONLY_RUNS):
        start = time.perf_counter()
        parsed = parse_only(files)
        parse_times.append(time.perf_counter() - start)
        progress(f"  parse only, run {run + 1}: {parse_times[-1]:.1f} s")
    progress(f"  importing {len(files):,} files into {connection.vendor}...")
    start = time.perf_counter()
    report = import_paths([files_dir])
    import_seconds = time.perf_counter() - start
    parse_seconds = statistics.median(parse_times)
    return {
        "files": len(files),
        "parsed": parsed,
        "parse_seconds": parse_seconds,
        "parse_per_second": parsed / parse_seconds,
        "import_seconds": import_seconds,
        "import_per_second": report.counts["created"] / import_seconds,
        "import_summary": report.summary,
        "import_errors": [f"{path.name}: {reason}" for path, reason in report.errors[:5]],
        "postings_in_database": Posting.objects.count(),
        # import_paths may prepare files in worker processes; parse-only runs in this one.
        "parallel_from": getattr(importers, "PARALLEL_FROM", None),
        "cores": os.cpu_count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_parser = commands.add_parser("prepare")
    prepare_parser.add_argument("--count", type=int, required=True)
    prepare_parser.add_argument("--seed", type=int, default=1)
    queries_parser = commands.add_parser("queries")
    queries_parser.add_argument("paths", nargs="+")
    queries_parser.add_argument("--explain", help="write each page's slowest query plan here")
    imports_parser = commands.add_parser("imports")
    imports_parser.add_argument("files_dir")
    args = parser.parse_args()

    setup_django()
    if args.command == "prepare":
        result = prepare(args.count, args.seed)
    elif args.command == "queries":
        result = queries(args.paths, args.explain)
    else:
        result = imports(args.files_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
