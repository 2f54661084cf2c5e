"""Search latency at scale, on whichever database DATABASE_URL names.

    python bench/search.py --count 100000            # SQLite file bench/data/search-100000.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/search.py --count 100000

Loads `count` generated postings once (kept for later runs), then times each query as the list
page runs it (the count and the first page of 25, best match first) and reports medians, with
a baseline measured in the same run: the first page of the unfiltered list.
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

QUERIES = [
    "kubernetes",
    "kube",
    '"product manager" -senior',
    "python or golang",
    "senior backend engineer",
    "zürich",
    "remote",
]


def timed(fn, repeat):
    fn()  # warm the caches once, as a server that has been running would have them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    data = ROOT / "bench" / "data"
    data.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data / f'search-{args.count}.sqlite3'}")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.bulk import bulk_load
    from postings.models import Posting

    call_command("migrate", verbosity=0)
    have = Posting.objects.count()
    if have < args.count:
        if have:
            sys.exit(f"The database holds {have} postings; use an empty one or --count {have}.")
        print(f"Loading {args.count:,} postings into {connection.vendor} (once)...")
        start = time.perf_counter()
        bulk_load(args.count, progress=lambda line: print(line, end="\r"))
        print(f"\nloaded in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    live = Posting.objects.live()
    baseline, _ = timed(lambda: (live.count(), list(live[:25])), args.repeat)
    print(f"\n{connection.vendor}, {have or args.count:,} postings, median of {args.repeat} runs")
    print("| query | matches | median ms | max ms | × baseline |\n|---|---|---|---|---|")
    print(f"| (baseline: unfiltered first page) | {live.count():,} | {baseline:.1f} | | 1.0 |")
    first_pages = {}
    for query in QUERIES:
        results = live.search(query)
        median, worst = timed(lambda r=results: (r.count(), list(r[:25])), args.repeat)
        print(
            f"| `{query}` | {results.count():,} | {median:.1f} | {worst:.1f} | "
            f"{median / baseline:.1f} |"
        )
        first_pages[query] = list(results.values_list("url", flat=True)[:25])
    compare_first_pages(data, connection.vendor, args.count, first_pages)


def compare_first_pages(data, vendor, count, first_pages):
    """Keep this run's first pages; if the other database's run left its own, compare them."""
    (data / f"first-pages-{vendor}-{count}.json").write_text(json.dumps(first_pages, indent=1))
    other = "postgresql" if vendor == "sqlite" else "sqlite"
    other_file = data / f"first-pages-{other}-{count}.json"
    if not other_file.exists():
        return
    theirs = json.loads(other_file.read_text())
    print(f"\nfirst page of 25, {vendor} against {other}:")
    for query, ours in first_pages.items():
        same_order = ours == theirs.get(query)
        same_set = set(ours) == set(theirs.get(query, []))
        verdict = "identical" if same_order else "same postings" if same_set else "DIFFERENT"
        print(f"- `{query}`: {verdict}")


if __name__ == "__main__":
    main()
