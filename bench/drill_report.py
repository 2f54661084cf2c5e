"""The fault drill's report (bench/drill.py): Markdown, one table per kind of fault."""

from collections import Counter

from bench.soak import milliseconds
from bench.watch import five_hundreds

HOW = """## How it is measured

- **Load**: one wrk run per fault, one connection per thread, over bench/soak.py's pages (listed
  at the end); the drill's Lua script writes down each request: when it was sent (the same
  clock as the drill's), how long its answer took, its status. A run splits into periods at
  the moments the drill struck and lifted the fault, by when each request was *sent*; the
  answer may come later, and its latency (client side, queueing included) counts in full.
  "No answer": the connection broke before one came. The 5xx of a run are counted twice,
  as wrk got them per period and as gunicorn answered them (its access log, whose lines also
  give each answer's seconds in the worker).
- **Redis killed**: SIGKILL to the drill's redis-server, restarted empty on the same port after
  `--fault` seconds. **Stalled**: SIGSTOP, then SIGCONT.
- **Cached serving back**: every 0.1 s the drill reads Redis's `keyspace_hits` (GETs that
  found their key: answers from the cache) and counts gunicorn's access-log lines (answers).
  Back is the end of the first 0.5 s after Redis returned in which hits per answer reached
  90 % of the steady run's share: each worker skips Redis for REDIS_RETRY_AFTER after a
  failure, so the share stays below that until every worker reads the cache again. "First
  hit" is the first GET after Redis returned that found its key.
- **PostgreSQL stalled**: SIGSTOP to the postmaster, then to each of its children
  (tests/servers.py), SIGCONT after `--fault` seconds. **Restarted**: `pg_ctl restart -m fast
  -w`. Meanwhile one prober fetches `/healthz` and another `/`, each one request at a time
  into the same queue as the load; back is the first 200 of `/` after SIGCONT, or after
  pg_ctl returned. A worker lost is any `WORKER TIMEOUT`, `was sent SIG…` (not SIGTERM) or
  `exited with code` line in gunicorn's log, or a `Worker exiting` without max_requests's
  `Autorestarting` before it.
- **Hostile files**: bench/hostile.py's folder imported by `load_seeds` under load, then each
  file alone (`hostile.measure`, a dry run). Peak memory: the largest resident size of
  `load_seeds` and of its worker processes (wait4's rusage).
- **Sign-in**: the admin's form over real HTTP, CSRF cookie and token fetched first, each test
  from loopback addresses of its own (gunicorn sees 127.0.0.2 and up as REMOTE_ADDR), axes'
  counts reset between tests (`manage.py axes_reset`), no other load. The answer cannot tell a
  password check (the attempt that reaches the limit is checked and gets the 429 too, as would
  any a race let through after it), so checks are counted in the drill's PostgreSQL, which
  logs every statement during the phase (`log_statement = all`): a check is ModelBackend
  looking the account up (`... FROM "auth_user" WHERE "auth_user"."username" = ...`), always
  followed by a hash; axes' backend, first in line, refuses a locked-out attempt before it.
- **Junk**: after one request for each page without junk, the Redis keys (SCAN) before and
  after the junk requests, 8 at a time.
"""


def render(context, args, results, failures):
    m = context["machine"]
    uncommitted = ", ".join(context["uncommitted"]) or "none"
    timeouts = ", ".join(f"{key}={value}" for key, value in context["timeouts"].items())
    lines = [
        f"# Fault drill: Redis, PostgreSQL, hostile files, sign-in ({context['date']})",
        "",
        f"- Started: {context['started']}"
        + (" — **quick run**" if args.quick else "")
        + f"; took {context['seconds']:.0f} s",
        f"- Commit: `{context['commit']}` (uncommitted: {uncommitted})",
        f"- Machine: `{m['uname']}`; {m['cpu']}, {m['cores']} cores, RAM {m['ram_gb']} GB; "
        f"load average at start {m['load_average']}; Python {m['python']}",
        f"- Server: gunicorn -c gunicorn.conf.py jobboard.wsgi, {args.workers} sync workers, "
        "DEBUG=0, on the drill's own PostgreSQL cluster and redis-server (maxmemory 256mb, "
        f"allkeys-lru), all on loopback; {timeouts}",
        f"- Load: {m['wrk'].split(' Copyright')[0]}, {args.connections} connections, "
        f"one thread each, --timeout {args.timeout}s; faults of {args.fault} s, "
        f"{args.after} s of load after each, {args.steady} s steady before",
        f"- Data: seeds/ + {args.postings:,} generated postings",
        "",
        "**PASS**: every requirement met."
        if not failures
        else "**FAIL**:\n\n" + "\n".join(f"- {failure}" for failure in failures),
        "",
    ]
    lines += windows_section(results)
    lines += postgres_section(results.get("postgres"))
    lines += hostile_section(results.get("hostile"))
    lines += sign_in_section(results)
    lines += junk_section(results.get("junk"))
    lines += [HOW, "## Pages", "", *(f"- `{page}`" for page in context.get("pages", []))]
    return "\n".join(lines) + "\n"


def seconds(value):
    return "–" if value is None else f"{value:.2f} s"


def verdict(result):
    return "–" if result is None else "FAIL" if result.get("failures") else "PASS"


def windows_section(results):
    lines = [
        "## Under load",
        "",
        "Per period of each run of load: what wrk sent, by when it was sent (the answer may "
        "come after the period), the latency of its answer and its status; then what gunicorn "
        "answered in the period (the probers' requests too) and the mean time in the worker.",
        "",
        "| phase | period | from s | s | requests | p50 ms | p99 ms | max ms | 500 | 503 "
        "| no answer | gunicorn answers | worker ms | back after |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    servers = []
    for result in results.values():
        for load in (result or {}).get("loads", []):
            for p in load["periods"]:
                e = five_hundreds(p["statuses"])
                lines.append(
                    f"| {load['name']} | {p['name']} | {p['from_s']:.1f} | {p['seconds']:.1f} "
                    f"| {p['requests']:,} | {milliseconds(p['p50_ms'])} "
                    f"| {milliseconds(p['p99_ms'])} | {milliseconds(p['max_ms'])} | {e['500']} "
                    f"| {e['503']} | {p['statuses'].get(0, 0)} | {sum(p['answered'].values()):,} "
                    f"| {milliseconds(p['worker_mean_ms'])} "
                    f"| {back_after(load) if p['name'] == 'after' else ''} |"
                )
            e, s, log = five_hundreds(load["answered"]), load["socket_errors"], load["log"]
            servers.append(
                f"| {load['name']} | {load['seconds']:.0f} | {sum(load['answered'].values()):,} "
                f"| {e['500']} | {e['503']} | {e['other']} | {sum(s.values())} "
                f"| {len(log['worker_deaths']) + log['unplanned_exits']} | {log['autorestarts']} "
                f"| {log['tracebacks']} | {load['load_before']:.1f} → {load['load_after']:.1f} "
                f"| {verdict(result)} |"
            )
    lines += [
        "",
        "What gunicorn answered (the probers' requests too) and logged during each run, and "
        "wrk's socket errors (a timeout is a request waiting over `--timeout`, counted once "
        "per 2 s):",
        "",
        "| run | s | answers | 500 | 503 | other 5xx | socket errors | workers lost "
        "| max_requests restarts | tracebacks | load avg | phase result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        *servers,
    ]
    steady = (results.get("steady") or {}).get("loads")
    if steady and steady[0].get("hit_share") is not None:
        lines += ["", f"Steady share of answers from the cache: {steady[0]['hit_share']:.2f}."]
    return [*lines, ""]


def back_after(load):
    if "cache_recovery" in load:
        r = load["cache_recovery"]
        return f"first hit {seconds(r['first_hit_s'])}, cached serving {seconds(r['recovered_s'])}"
    if "recovery" in load:  # PostgreSQL: the first 200 of `/`
        return f"`/` 200 after {seconds(load['recovery']['first_200_s'])}"
    return ""


def postgres_section(result):
    if not result or len(result.get("loads", [])) != 2:
        return []
    stalled, restart = result["loads"]
    health = stalled["healthz"]
    worst = max(load["server"].get("503", {}).get("max", 0) for load in result["loads"])
    during = next(p for p in stalled["periods"] if p["name"] == "during")
    restarting = next(p for p in restart["periods"] if p["name"] == "restarting")
    return [
        "## PostgreSQL",
        "",
        f"- Stalled for {during['seconds']:.1f} s: wrk's requests sent meanwhile got "
        f"{during['statuses']}; gunicorn answered {stalled['answered']} over the run; a 503 took "
        f"at most {worst:.2f} s in its worker ({timing(stalled['server'].get('503'))}).",
        f"- /healthz, probed one request at a time: the probes the stall held up got "
        f"{health['statuses']} ({health['answered_during']} of them before SIGCONT), in "
        f"{timing(health['seconds'])} (queueing behind the load included); in the worker "
        f"{timing(stalled['server'].get('healthz 503'))}.",
        f"- After SIGCONT: `/` answered 200 after {seconds(stalled['recovery']['first_200_s'])} "
        f"({stalled['recovery']['failures_after']} non-200 after that).",
        f"- Restarted: pg_ctl took {restarting['seconds']:.2f} s; gunicorn answered "
        f"{restart['answered']}; 503s {timing(restart['server'].get('503'))} in the worker; `/` "
        f"answered 200 {seconds(restart['recovery']['first_200_s'])} after pg_ctl returned.",
        "",
    ]


def timing(q):
    if not q:
        return "–"
    return f"p50 {q['p50']:.2f} s, max {q['max']:.2f} s ({q['count']:,})"


def hostile_section(result):
    if not result or "import" not in result:
        return []
    i = result["import"]
    lines = [
        "## Hostile files under load",
        "",
        f"`load_seeds` of {i['hostile']} hostile and {i['good']} good files: exit {i['exit']} "
        f"in {i['seconds']:.1f} s, peak memory {i['peak_mb']} MB; `{i['summary']}`.",
        "",
        "| file | outcome (each file imported alone, dry run) | as expected | s | peak MB |",
        "|---|---|---|---:|---:|",
    ]
    for row in i["per_file"]:
        if not row["file"].startswith("good/") or not row["expected"]:
            lines.append(
                f"| `{row['file']}` | {row['outcome'][:90]} | {'yes' if row['expected'] else 'NO'} "
                f"| {row['seconds']:.2f} | {row['peak_mb']} |"
            )
    good = [row for row in i["per_file"] if row["file"].startswith("good/")]
    if good:
        slowest = max(row["seconds"] for row in good)
        lines.append(f"| {len(good)} good files | imported | yes | ≤ {slowest:.2f} | |")
    return [*lines, ""]


def sign_in_section(results):
    runs = {name: results[name] for name in ("sign-in", "sign-in without Redis") if name in results}
    runs = {name: r for name, r in runs.items() if "control" in r}
    if not runs:
        return []
    lines = [
        "## Sign-in throttle over HTTP (no load)",
        "",
        "Answers, and the password checks they made (counted in PostgreSQL's statement log).",
        "",
        "| test | " + " | ".join(runs) + " |",
        "|---|" + "---|" * len(runs),
    ]

    def row(label, show):
        lines.append(f"| {label} | " + " | ".join(show(r) for r in runs.values()) + " |")

    def answers(test, together=False):
        def show(r):
            said = r[test]
            text = (
                ", ".join(f"{n} {answer}" for answer, n in Counter(said).items())
                if together
                else outcomes(said)
            )
            checks = r[f"{test}_checks"]
            return f"{text}; {checks} check{'' if checks == 1 else 's'}"

        return show

    row("the right password, nothing failed before", answers("control"))
    row("5 wrong passwords for admin", answers("wrong"))
    row("10 more, each from another address", answers("after_limit"))
    row(
        "then the right one as `' admin'`, `'ａdmin'`, `'admin'`, each from another address",
        answers("variants"),
    )
    row("30 guesses at 30 accounts, one address, 30 X-Forwarded-For values", answers("forwarded"))
    row("20 concurrent wrong passwords for admin, 20 addresses", answers("concurrent", True))
    row("workers that answered the sign-ins", lambda r: str(r["workers"]))
    row("result", verdict)
    return [*lines, ""]


def outcomes(answers):
    """["refused", "refused", "locked out"] -> "2 refused, then 1 locked out"."""
    runs = []
    for answer in answers:
        if runs and runs[-1][0] == answer:
            runs[-1][1] += 1
        else:
            runs.append([answer, 1])
    return ", then ".join(f"{n} {answer}" for answer, n in runs)


def junk_section(result):
    if not result or "keys_added_count" not in result:
        return []
    added = ", ".join(f"`{key}`" for key in result["keys_added"][:5])
    return [
        "## Junk parameters",
        "",
        f"{result['requests']:,} requests with unique junk parameters in {result['seconds']:.0f} s "
        f"(answers {result['statuses']}), after one request for each page without junk: Redis "
        f"had {result['keys_before']:,} keys before and {result['keys_added_count']:,} new ones "
        f"after{': ' + added if added else ''}. {verdict(result)}.",
        "",
    ]
