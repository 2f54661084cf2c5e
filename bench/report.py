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
    lines += queries_section(r["queries"], r.get("in_process_urls", r["urls"]), r["explain_file"])
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


# Issue 12's targets, in-process with the page cache off: every list page, and the detail page.
TARGET_MS = {"detail": 15}
LIST_TARGET_MS = 50


def queries_section(q, urls, explain_file):
    lines = [
        "## Pages in-process (Django test client, page cache off)",
        "",
        "After a write: each timed request follows a title edit through the admin's write "
        "path (`Posting.save()`), which the index applies before the page is rendered. No "
        "write since: the same page again. Medians of 5 requests; target "
        f"{LIST_TARGET_MS} ms for a list page, {TARGET_MS['detail']} ms for the detail page.",
        "",
        "| page | status | queries | median ms after a write | median ms, no write since "
        "| slowest query ms | target ms | met |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    by_path = {page["path"]: page for page in q["pages"]}
    for name, url in urls.items():
        p = by_path[url]
        repeat = p.get("repeat", p)
        target = TARGET_MS.get(name, LIST_TARGET_MS)
        worst = max(p["median_ms"], repeat["median_ms"])
        lines.append(
            f"| {name} (`{url}`) | {p['status']} | {p['queries']} / {repeat['queries']} "
            f"| {p['median_ms']:.1f} | {repeat['median_ms']:.1f} | {p['slowest_query_ms']:.1f} "
            f"| {target} | {'yes' if worst <= target else '**no**'} |"
        )
    lines += [
        "",
        "Queries: after a write / no write since. Plans of each page's slowest query (after a "
        f"write): `{explain_file}`.",
        "",
    ]
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
                    "Every page rendered for each request, its counts and order from each "
                    "worker's index of the catalogue (postings/catalogue/): what a page costs "
                    "when the page cache misses.",
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


# --- `bench/writeload/`: one recruiter's edits under load ------------------------------------


def render_writeload(r):
    """The Markdown report of a write-load run (the dict bench/writeload/ builds)."""
    name = VENDOR_NAMES.get(r["backend"], r["backend"])
    s, m, db = r["settings"], r["machine"], r["database"]
    uncommitted = ", ".join(r["uncommitted"]) or "none"
    ceiling, phases = r["ceiling"], r["phases"]
    first = phases[0]
    lines = [
        f"# Write load: {name}, {r['count']:,} postings ({r['date']})",
        "",
        f"- Started: {r['started']}" + (" — **quick run**" if s["quick"] else ""),
        f"- Commit: `{r['commit']}` (uncommitted: {uncommitted})",
        f"- Machine: `{m['uname']}`",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; "
        f"load average at start {m['load_average']}; Python {m['python']}",
        f"- Database: {name} {db['server_version']}, {db['postings']:,} postings "
        f"({db['live']:,} live), `{db['url']}`",
        f"- Server: gunicorn -c gunicorn.conf.py jobboard.wsgi, {s['workers']} sync workers, "
        f"DEBUG=0, page cache on (Redis db {s['redis_db']}, flushed first), on loopback; "
        "wrk and this harness on the same machine",
        f"- Load: {m['wrk'].split(' Copyright')[0]}; {s['connections']} connections/"
        f"{s['threads']} threads, --timeout {s['wrk_timeout']}, --latency; {s['duration_s']} s "
        f"per phase, cycling over the {len(r['pages'])} pages below, each fetched once first",
        "- Edits: a random live posting loaded with the ORM, its title changed (a marker added "
        "or removed), `edited_at` set and `posting.save()` (the admin's write path), on a timer "
        "thread of the harness, the first half an interval (or half the phase) in; titles restored "
        "after the run",
        "",
        "**PASS**: no request or edit failed."
        if not r["failures"]
        else "**FAIL**:\n\n" + "\n".join(f"- {failure}" for failure in r["failures"]),
        "",
        "| phase | edits | requests | rps | p50 ms | p99 ms | non-2xx/3xx | socket errors "
        "| rps / no writes | rps / ceiling | pages served anew | renders | workers recycled "
        "| load avg before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, p in [(f"ceiling: `/{_ceiling_path(r)}` alone", ceiling), *_phase_rows(phases)]:
        lines.append(
            f"| {label} | {p.get('edits', '–')} | {p['requests']:,} | {rate(p['rps'])} "
            f"| {ms(p['p50_ms'])} | {ms(p['p99_ms'])} | {p['non_2xx_3xx']} "
            f"| {sum(p['socket_errors'].values())} "
            f"| {ratio(p['rps'], first['rps']) if 'edits' in p and first['rps'] else '–'} "
            f"| {ratio(p['rps'], ceiling['rps']) if ceiling['rps'] else '–'} "
            f"| {p['redis_keys_added']['pages']} | {p['redis_keys_added'].get('renders', 0)} "
            f"| {p['worker_restarts']} "
            f"| {p['load_before']:.2f} → {p['load_after']:.2f} |"
        )
    cached = r["ratios"]["cached_over_ceiling"]
    lines += [
        "",
        f"Cached pages / ceiling (phase 1 rps / `/robots.txt` rps): **{_ratio_text(cached)}**. "
        + "; ".join(
            f"{label} / no writes: **{_ratio_text(value)}**"
            for label, value in r["ratios"]["over_no_writes"].items()
        )
        + ".",
        "",
        "Every write changes the catalogue state, the key of every cached page "
        "(postings/cache.py). The next request for a page serves its last rendering again "
        "when the index tells that the writes since changed only the text of postings it does "
        "not show (and, for a search, not what it matches), and renders it otherwise. Pages "
        "served anew: the page keys the phase added to Redis (one per page and state); "
        "renders: the pages rendered (Redis's SETs less the page keys added). "
        "Workers recycled: gunicorn's restarts (max_requests "
        + (s["max_requests"] if s.get("max_requests") else "as in gunicorn.conf.py")
        + ") during the phase; a new worker's first requests are slower.",
        "",
    ]
    lines += _timeline_section(phases, r["ratios"]["steady_answers_per_second"], s["recovered"])
    lines += _edits_section(phases, r.get("harness_warmup_edit_ms"))
    lines += _server_times_section(ceiling, phases)
    lines += [
        f"Redis db {s['redis_db']} held {r.get('redis_keys_after', '?')} keys after the run. "
        f"Server log: {len(r['log_problems'])} error lines; gunicorn recycled a worker "
        f"{r['worker_restarts']} times (max_requests)" + (":" if r["log_problems"] else "."),
        *(f"    {line[:200]}" for line in r["log_problems"][:5]),
        "",
        "## Pages (first fetch, page cache empty)",
        "",
        "| page | status | bytes | first ms |",
        "|---|---:|---:|---:|",
        *(
            f"| `{w['path']}` | {w['status']} | {w['bytes']:,} | {ms(w['first_ms'])} |"
            for w in r["warmup"]
        ),
    ]
    return "\n".join(lines) + "\n"


def _ceiling_path(r):
    return r["warmup"][-1]["path"].lstrip("/")


def _phase_rows(phases):
    return [(f"{n}. {p['name']}", p) for n, p in enumerate(phases, 1)]


def _ratio_text(value):
    return "–" if value is None else f"{value:.2f}" if value >= 0.01 else f"{value:.4f}"


def _edits_section(phases, r_warmup):
    edited = [p for p in phases if p["edits"] or p["edit_errors"]]
    if not edited:
        return []
    lines = [
        "## Edits",
        "",
        "The harness's first save, before the run (and undone), took "
        f"{ms(r_warmup)} ms: it loads what the write path needs once per process.",
        "",
        "| phase | edits | failed | save ms median | save ms max | at (s into the phase) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for n, p in _phase_rows(phases):
        if p["interval_s"] is None:
            continue
        times = sorted(e["ms"] for e in p["edit_log"])
        median = times[len(times) // 2] if times else None
        at = ", ".join(f"{e['at_s']:g}" for e in p["edit_log"][:20])
        lines.append(
            f"| {n} | {p['edits']} | {len(p['edit_errors'])} | {ms(median)} "
            f"| {ms(times[-1] if times else None)} | {at}{' …' * (p['edits'] > 20)} |"
        )
    return [*lines, ""]


def _timeline_section(phases, steady, share):
    if not steady:
        return []
    width = max(len(label) for label, _ in _phase_rows(phases))
    rows = []
    for label, p in _phase_rows(phases):
        edited = {e["second"] for e in p["edit_log"]}
        counts = [f"{n}{'*' if s in edited else ''}" for s, n in enumerate(p["answers_per_second"])]
        rows.append(f"{label:<{width}}  {' '.join(counts)}")
    recovered = [
        f"{label.split('.')[0]}: "
        + ", ".join("–" if s is None else f"{s:.1f} s" for s in p["recovery_s"])
        for label, p in _phase_rows(phases)
        if p.get("recovery_s")
    ]
    return [
        "## Answers per second",
        "",
        "Each whole second of a phase, from gunicorn's access log; `*`: an edit was saved in "
        "that second.",
        "",
        "```",
        *rows,
        "```",
        "",
        f"Back to {share:.0%} of the no-writes phase's median ({steady:.0f} answers/s), "
        "seconds after each edit (– : not before the next edit or the end of the phase): "
        + ("; ".join(recovered) or "no edits")
        + ".",
        "",
    ]


def _server_times_section(ceiling, phases):
    lines = [
        "## Server time per request (gunicorn's access log)",
        "",
        "From a worker accepting a request to its answer, without the wait in the queue "
        "before; all pages, and each phase's five slowest by p99.",
        "",
        "| phase | page | requests | p50 ms | p99 ms | max ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, p in [("ceiling", ceiling), *_phase_rows(phases)]:
        times = dict(p.get("server_times") or {})
        everything = times.pop("all", None)
        if not everything:
            continue
        slowest = sorted(times.items(), key=lambda item: -item[1]["p99"])[:5]
        for page, t in [("all", everything), *(slowest if label != "ceiling" else [])]:
            lines.append(
                f"| {label.split('.')[0]} | `{page}` | {t['count']:,} | {ms(t['p50'] * 1000)} "
                f"| {ms(t['p99'] * 1000)} | {ms(t['max'] * 1000)} |"
            )
    errors = [f"{label}: {e}" for label, p in _phase_rows(phases) for e in p["server_errors"]]
    if errors:
        lines += ["", "Answered 4xx/5xx (access log): " + "; ".join(errors[:20])]
    return [*lines, ""]
