"""The command: `python -m bench.writeload --database-url URL [...]` checks its arguments and
wrk, collects the static files, runs the load on the database and writes the report and its raw
numbers to bench/results; the exit status is 1 when a request or an edit failed."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import httpload, report, writeload
from bench.run import base_env, git_commit, machine
from bench.writeload import RESULTS, ROOT
from bench.writeload.pages import pick_pages, setup_django
from bench.writeload.phases import run_load
from bench.writeload.summary import RECOVERED, failures_of, ratios, without_password


def main(argv=None):
    parser = argparse.ArgumentParser(description=writeload.__doc__.splitlines()[0])
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
