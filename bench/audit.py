"""`make audit`: Lighthouse scores of the list and a detail page on the production stack.

    .venv/bin/python -m bench.audit [--runs 3] [--generate N] [--chrome /usr/bin/chromium]

Builds a throwaway SQLite database (migrated, the postings in seeds/ loaded; with --generate N
also N postings from bench/generate.py, for full facets, pagination and similar jobs), collects
the static files, serves the project with gunicorn as `make serve` does (DEBUG off,
whitenoise, page cache on; plain HTTP on a free loopback port), and runs Lighthouse (audit/,
pinned) on `/` and the detail page of the first posting listed there, with its defaults:
mobile form factor, simulated throttling. Each page is audited --runs times and the run with
the median performance score is kept, as Lighthouse's docs advise: on a busy machine one run's
blocking time varies a lot (the report gives the machine's benchmark index). Prints the
scores, writes bench/results/<date>-lighthouse.md and .json (scores, metrics, each audit that
cost points, the performance opportunities left), keeps the full reports beside them as
<date>-lighthouse-<page>.report.json and .report.html (git-ignored: large), and exits 1
unless every page scores performance >= 95 and 100 in the other categories.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload  # noqa: E402
from bench.generate import generate  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE = ROOT / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
# Headless Chromium with nothing of its own on the network: no updates, sync or first-run UI.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
ATTEMPTS = 3
BROWSER = re.compile(r"Chrome/(\S+)")
DETAIL_LINK = re.compile(r'data-testid="posting".*?href="(/jobs/[^"]+/)"', re.DOTALL)


def production_env(database_url):
    """The production settings of `make serve` on a database of the audit's own."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PAGE_CACHE="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *command):
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def warm(url):
    """Fill the page cache, as on a visited site: without Redis each worker keeps its own, and
    the kernel hands requests to the workers in no set order, so ask a few times per worker."""
    workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))
    for _ in range(3 * workers):
        get(url)


def detail_path(base):
    """The detail page of the first posting on the list page."""
    match = DETAIL_LINK.search(get(base + "/"))
    if not match:
        sys.exit("no posting on the list page: did load_seeds load anything?")
    return match[1]


def lighthouse(url, output_stem, chrome):
    """Run Lighthouse once; return its report (LHR) as a dict."""
    # Given two formats, Lighthouse writes <output-path>.report.json and .report.html.
    report = Path(f"{output_stem}.report.json")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={output_stem}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    # On a busy machine Chromium now and then loses the trace (NO_NAVSTART, NO_FCP): try again.
    for attempt in range(1, ATTEMPTS + 1):
        report.unlink(missing_ok=True)
        done = subprocess.run(
            command, cwd=ROOT, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True
        )
        if not done.returncode and report.exists():
            return json.loads(report.read_text())
        sys.stderr.write(done.stderr.decode(errors="replace"))
        print(f"lighthouse failed on {url} (attempt {attempt} of {ATTEMPTS})", file=sys.stderr)
    sys.exit(f"lighthouse failed on {url} {ATTEMPTS} times")


def score(category):
    return None if category["score"] is None else round(category["score"] * 100)


def summarize(lhr):
    """Scores, metrics and the audits that cost points, from one Lighthouse report."""
    audits = lhr["audits"]

    def found(ref):
        audit = audits[ref["id"]]
        return {
            "id": ref["id"],
            "title": audit["title"],
            "score": audit["score"],
            "weight": ref["weight"],
            "display": audit.get("displayValue", ""),
        }

    def failed(ref):
        return audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1

    lost = {
        key: [
            found(ref)
            for ref in lhr["categories"][key]["auditRefs"]
            if ref["weight"] and failed(ref)
        ]
        for key in CATEGORIES
    }
    # Performance audits that weigh nothing themselves but say what would make a metric faster.
    opportunities = [
        found(ref)
        for ref in lhr["categories"]["performance"]["auditRefs"]
        if not ref["weight"]
        and audits[ref["id"]]["scoreDisplayMode"] == "metricSavings"
        and failed(ref)
    ]
    return {
        "url": lhr["finalDisplayedUrl"],
        "benchmark_index": lhr["environment"]["benchmarkIndex"],
        "scores": {key: score(lhr["categories"][key]) for key in CATEGORIES},
        "metrics": {key: audits[key].get("displayValue", "") for key in METRICS},
        "lost": lost,
        "opportunities": opportunities,
        "runtime_error": (lhr.get("runtimeError") or {}).get("message"),
        "warnings": lhr.get("runWarnings", []),
    }


def median_run(runs):
    """The (report, run) whose performance score is the median (the lower middle of an even
    count)."""
    ranked = sorted(runs, key=lambda item: score(item[0]["categories"]["performance"]) or 0)
    return ranked[(len(ranked) - 1) // 2]


def passes(scores):
    return all(scores[key] is not None and scores[key] >= TARGETS[key] for key in CATEGORIES)


def render(results):
    lines = [
        f"# Lighthouse {results['lighthouse']}, {results['started']}",
        "",
        f"Commit {results['commit']}; {results['postings']}. Lighthouse's defaults: mobile "
        f"form factor, simulated throttling; headless Chromium {results['browser']}. gunicorn "
        "with DEBUG off and the page cache on, SQLite. The median of "
        f"{results['runs']} runs per page by performance (each run's score in brackets). "
        "Targets: performance >= 95, the others 100.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " | pass |",
        "| --- | " + " | ".join("---:" for _ in CATEGORIES) + " | --- |",
    ]
    for name, page in results["pages"].items():
        cells = [str(page["scores"][key]) for key in CATEGORIES]
        cells[0] += f" ({', '.join(map(str, page['performance_runs']))})"
        ok = "yes" if passes(page["scores"]) else "**no**"
        lines.append(f"| {name} `{page['path']}` | " + " | ".join(cells) + f" | {ok} |")
    lines += ["", "| page | " + " | ".join(METRICS) + " | benchmark index |"]
    lines.append("| --- | " + " | ".join("---:" for _ in METRICS) + " | ---: |")
    for name, page in results["pages"].items():
        cells = [page["metrics"][key].replace("\xa0", " ") for key in METRICS]
        cells.append(f"{page['benchmark_index']:.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for name, page in results["pages"].items():
        lost = [(key, audit) for key in CATEGORIES for audit in page["lost"][key]]
        if lost:
            lines += ["", f"Audits that cost points on {name}:", ""]
            lines += [
                f"- {key}: `{audit['id']}` {audit['title']} (score {audit['score']:.2f}"
                f"{', ' + audit['display'] if audit['display'] else ''})".replace("\xa0", " ")
                for key, audit in lost
            ]
        if page["opportunities"]:
            lines += ["", f"Performance opportunities on {name} (no weight of their own):", ""]
            lines += [
                f"- `{audit['id']}` {audit['title']}"
                f"{' (' + audit['display'] + ')' if audit['display'] else ''}".replace("\xa0", " ")
                for audit in page["opportunities"]
            ]
        for problem in filter(None, [page["runtime_error"], *page["warnings"]]):
            lines.append(f"- warning on {name}: {problem}")
    if results["log_problems"]:
        lines += ["", "gunicorn logged:", "", "```", *results["log_problems"], "```"]
    return "\n".join(lines) + "\n"


def git_commit():
    def git(*command):
        return subprocess.run(
            ["git", *command], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (" dirty" if git("status", "--porcelain") else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept")
    parser.add_argument(
        "--generate", type=int, default=0, metavar="N", help="also load N generated postings"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: `make audit` installs it (npm ci --prefix audit)")
    if not Path(args.chrome).exists():
        sys.exit(f"no Chromium at {args.chrome}: give --chrome or set CHROME_PATH")

    RESULTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    # A run on generated postings never overwrites the day's report on the seeds.
    name = "lighthouse" + (f"-generated{args.generate}" if args.generate else "")
    results = {
        "started": now.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "lighthouse": None,
        "browser": None,
        "runs": args.runs,
        "postings": "the postings in seeds/"
        + (f" and {args.generate} from bench/generate.py" if args.generate else ""),
        "pages": {},
    }
    with tempfile.TemporaryDirectory(prefix="audit-") as work:
        work = Path(work)
        env = production_env(f"sqlite:///{work / 'audit.sqlite3'}")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        seeds = [str(ROOT / "seeds")]
        if args.generate:
            generate(work / "generated", args.generate)
            seeds.append(str(work / "generated"))
        manage(env, "load_seeds", *seeds)
        log_path = work / "gunicorn.log"
        with httpload.gunicorn(env, log_path) as base:
            pages = {"home": "/", "detail": detail_path(base)}
            for page, path in pages.items():
                warm(base + path)
                print(f"lighthouse {base}{path} ...", flush=True)
                runs = [
                    (lighthouse(base + path, work / f"{page}-{run}", args.chrome), run)
                    for run in range(args.runs)
                ]
                performance = [score(lhr["categories"]["performance"]) or 0 for lhr, _ in runs]
                lhr, run = median_run(runs)
                for suffix in (".report.json", ".report.html"):
                    shutil.copy(
                        work / f"{page}-{run}{suffix}",
                        RESULTS / f"{now:%Y-%m-%d}-{name}-{page}{suffix}",
                    )
                results["lighthouse"] = lhr["lighthouseVersion"]
                results["browser"] = BROWSER.search(lhr["environment"]["hostUserAgent"])[1]
                results["pages"][page] = {
                    "path": path,
                    "performance_runs": performance,
                    **summarize(lhr),
                }
        results["log_problems"] = httpload.log_problems(log_path)

    stem = RESULTS / f"{now:%Y-%m-%d}-{name}"
    Path(f"{stem}.json").write_text(json.dumps(results, indent=1) + "\n")
    text = render(results)
    Path(f"{stem}.md").write_text(text)
    print(f"\n{text}\nwritten to {stem}.md")
    failed = [page for page, found in results["pages"].items() if not passes(found["scores"])]
    if failed:
        sys.exit(f"below target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
