"""The Markdown report of one backend's `make bench` results (the dict bench/run.py builds)."""

IMPORT_TARGET = 0.75
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def render(r):
    name = VENDOR_NAMES[r["backend"]]
    s, m, db = r["settings"], r["machine"], r["database"]
    uncommitted = ", ".join(r["uncommitted"]) or "none"
    runs = f"median of {s['runs']} runs" if s["runs"] > 1 else "1 run"
    lines = [
        f"# Benchmark: {name}, {r['count']:,} postings ({r['date']})",
        "",
        f"- Started: {r['started']}" + (" — **quick smoke run**" if s["quick"] else ""),
        f"- Commit: `{r['commit']}` (uncommitted: {uncommitted})",
        f"- Machine: `{m['uname']}`",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; "
        f"load average at start {m['load_average']}; Python {m['python']}",
        f"- Database: {name} {db['server_version']}, {db['postings']:,} postings "
        f"({db['live']:,} live)",
        f"- Server: gunicorn -c gunicorn.conf.py jobboard.wsgi, {s['workers']} sync workers, "
        "DEBUG=0, on loopback; load generator on the same machine",
        f"- Load: {m['wrk']}; {s['duration_s']} s per measurement, {runs}; "
        f"1 connection/1 thread, and {s['connections']} connections/{s['threads']} threads",
        "",
        "| page | URL |",
        "|---|---|",
        *(f"| {page} | `{url}` |" for page, url in r["urls"].items()),
        "",
        "The ceiling is `/robots.txt`: a TemplateView of the same project, through the same "
        "middleware, with no database access.",
        "",
    ]
    if r["imports"]:
        lines += import_section(r["imports"])
    lines += queries_section(r["queries"], r["urls"], r["explain_file"])
    if r["http"]:
        lines += http_section(r["http"], r["urls"], s)
    return "\n".join(lines) + "\n"


def import_section(i):
    ratio = i["import_per_second"] / i["parse_per_second"]
    verdict = "met" if ratio >= IMPORT_TARGET else "**not met**"
    return [
        f"## Import throughput: {i['files']:,} generated files into an empty database",
        "",
        "| step | files | seconds | postings/s |",
        "|---|---:|---:|---:|",
        f"| read + parse + render + classify only, no database (median of 3) | {i['parsed']:,} "
        f"| {i['parse_seconds']:.1f} | {i['parse_per_second']:.0f} |",
        f"| import (`import_paths`, what `load_seeds` runs) | {i['files']:,} "
        f"| {i['import_seconds']:.1f} | {i['import_per_second']:.0f} |",
        "",
        f"Import / parse-only: **{ratio:.2f}** (target ≥ {IMPORT_TARGET}: {verdict}). "
        f"Import result: {i['import_summary']}; {i['postings_in_database']:,} postings in the "
        "database after it.",
        *(f"- failed: {error}" for error in i["import_errors"]),
        "",
        *parallel_note(i),
    ]


def parallel_note(i):
    threshold = i.get("parallel_from")
    if threshold is None or i["files"] < threshold:
        return []
    return [
        f"`import_paths` prepares the files (parse, render, classify) in worker processes from "
        f"{threshold} files on (min(cores, 4); {i['cores']} cores here) while the main process "
        "writes; parse-only runs in one process.",
        "",
    ]


def queries_section(q, urls, explain_file):
    lines = [
        "## Queries per page (in-process, Django test client, page cache off)",
        "",
        "Computed: the first request after any change to the catalogue, which counts the "
        "facets. Memoised: every later request for the same result set, in any order or page "
        "(facet counts cached under the catalogue state). Medians of 5 requests.",
        "",
        "| page | status | queries computed | median ms computed | slowest query ms "
        "| queries memoised | median ms memoised |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    by_path = {page["path"]: page for page in q["pages"]}
    for name, url in urls.items():
        p = by_path[url]
        warm = p.get("memoised", p)
        lines.append(
            f"| {name} | {p['status']} | {p['queries']} | {p['median_ms']:.1f} "
            f"| {p['slowest_query_ms']:.1f} | {warm['queries']} | {warm['median_ms']:.1f} |"
        )
    lines += ["", f"Plans of each page's slowest query (computed): `{explain_file}`.", ""]
    return lines


def rate(rps):
    return f"{rps:.0f}" if rps >= 100 else f"{rps:.1f}" if rps >= 1 else f"{rps:.2f}"


def ms(value):
    if value is None:
        return "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def ratio(rps, ceiling):
    value = rps / ceiling
    return f"{value:.2f}" if value >= 0.01 else f"{value:.4f}"


def http_section(http, urls, s):
    c16 = f"c{s['connections']}"
    lines = []
    for mode in ("off", "on"):
        result = http[mode]
        pages = result["pages"]
        ceiling = pages["ceiling"][c16]["rps"]
        lines += [
            f"## HTTP load, page cache {mode}",
            "",
            *(
                [
                    "Facet counts memoised under the catalogue state, as in production: what a "
                    "page costs when its URL is not in the page cache (another page number or "
                    "order, a new search) but nothing has changed since its result set was "
                    "last counted. The first request after a change: the in-process table.",
                    "",
                ]
                if mode == "off"
                else []
            ),
            f"| page | status | 1 conn rps | 1 conn p50 ms | {s['connections']} conns rps "
            f"| {s['connections']} conns p50 ms | {s['connections']} conns p99 ms "
            "| non-2xx/3xx | socket errors | rps / ceiling |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name in urls:
            p = pages[name]
            one, many = p["c1"], p[c16]
            errors = one["non_2xx_3xx"] + many["non_2xx_3xx"]
            sockets = one["socket_errors"] + many["socket_errors"]
            lines.append(
                f"| {name} | {p['status']} | {rate(one['rps'])} | {ms(one['p50_ms'])} "
                f"| {rate(many['rps'])} | {ms(many['p50_ms'])} | {ms(many['p99_ms'])} "
                f"| {errors} | {sockets} | {ratio(many['rps'], ceiling)} |"
            )
        lines.append("")
        slow = [
            f"{name} ({p[c16]['requests']} requests with {s['connections']} connections, "
            f"queue drained {p[c16]['drain_s']:.0f} s after wrk stopped)"
            for name, p in pages.items()
            if p[c16]["requests"] < 20 * s["runs"]
        ]
        if slow:
            lines.append(
                "Fewer than 20 answers in a measurement: "
                + "; ".join(slow)
                + f". wrk only counts answers that arrive within its {s['duration_s']} s, so "
                'a p99 near that duration means "at least this slow".'
            )
        if mode == "on":
            keys = result["redis_keys_after"]
            lines.append(
                f"Redis db 1 held {keys} keys after the run"
                + (
                    ": **the page cache stored nothing, so cache on measured the same "
                    "uncached pages as cache off**."
                    if not keys
                    else "."
                )
            )
        problems = result["log_problems"]
        lines.append(
            f"Server log: {len(problems)} error lines; gunicorn recycled a worker "
            f"{result.get('worker_restarts', 0)} times (max_requests)" + (":" if problems else ".")
        )
        lines += [f"    {line[:200]}" for line in problems[:5]]
        lines.append("")
    return lines
