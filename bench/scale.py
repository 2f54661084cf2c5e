"""How a page's cost grows with the catalogue: the in-process pages at several sizes.

    .venv/bin/python -m bench.scale [--counts 10000,100000,1000000] [--backend postgresql]

For each count it reuses (or loads, as `make bench` does) the benchmark database of that
size, times bench/run.py's in-process pages in a child process (bench/measure.py: after a
write, and with no write since, medians of 5) and writes bench/results/<date>-scale-<backend>.md
with each page's time per size and its ratio to the 100,000 figure (issue 12's target: 1,000,000
postings in at most twice the time of 100,000, for every list page).
"""

import argparse
import json
import sys
from datetime import UTC, datetime

from bench.run import (
    RESULTS,
    base_env,
    child,
    create_postgres_database_if_missing,
    database_url,
    git_commit,
    in_process_pages,
    machine,
)

BASELINE = 100_000


def measure(backend, count):
    url = database_url(backend, count)
    if backend == "postgresql":
        create_postgres_database_if_missing(url)
    picked = child(["prepare", "--count", str(count)], base_env(url))
    urls = in_process_pages(picked)
    print(f"{backend}, {count:,} postings:", flush=True)
    result = child(["queries", *urls.values()], base_env(url))
    by_path = {page["path"]: page for page in result["pages"]}
    return {"database": picked, "pages": {name: by_path[url] for name, url in urls.items()}}


def render(backend, runs, context):
    counts = sorted(runs)
    names = list(runs[counts[0]]["pages"])
    m = context["machine"]
    head = " | ".join(f"{count:,}: after a write / none since" for count in counts)
    lines = [
        f"# How page cost grows with size: {backend} ({context['date']})",
        "",
        f"- Commit: `{context['commit']['commit']}`",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB; load average at the "
        f"start {m['load_average']}; Python {m['python']}",
        "- In-process (Django test client), page cache off, medians of 5 requests in ms, each "
        "after a title edit through `Posting.save()` and with no write since "
        "(bench/measure.py).",
        "",
        f"| page | {head} | {max(counts):,} / {BASELINE:,} |",
        "|---|" + "---:|" * (len(counts) + 1),
    ]
    for name in names:
        cells = []
        for count in counts:
            page = runs[count]["pages"][name]
            cells.append(f"{page['median_ms']:.1f} / {page['repeat']['median_ms']:.1f}")
        ratio = "–"
        if BASELINE in runs and max(counts) != BASELINE:
            worst = runs[max(counts)]["pages"][name]
            base = runs[BASELINE]["pages"][name]
            ratio = f"{worst['median_ms'] / base['median_ms']:.2f}"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="10000,100000,1000000")
    parser.add_argument("--backend", default="postgresql", choices=["postgresql", "sqlite"])
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",") if c.strip()]
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": git_commit(),
        "machine": machine(),
    }
    runs = {count: measure(args.backend, count) for count in counts}
    stem = f"{context['date']}-scale-{args.backend}"
    (RESULTS / f"{stem}.json").write_text(json.dumps({**context, "runs": runs}, indent=1))
    text = render(args.backend, runs, context)
    (RESULTS / f"{stem}.md").write_text(text)
    print(f"\n{text}\nwritten to {RESULTS / f'{stem}.md'}")


if __name__ == "__main__":
    sys.exit(main())
