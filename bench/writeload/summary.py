"""What the report data says of a run: what failed (`failures_of`), the ratios to the
ceiling and to the no-writes phase (`ratios`), the seconds each edit took to recover from
(`recoveries`), and the database's URL without its password."""

import statistics
from urllib.parse import urlsplit, urlunsplit

RECOVERED = 0.9  # of the no-writes phase's answers per second


def recoveries(phase, steady):
    """For each edit, from the moment it was saved to the end of the first whole second after
    it with RECOVERED of `steady` answers; None when that did not come by the next edit's
    second or the end of the phase."""
    counts, edits = phase["answers_per_second"], phase["edit_log"]
    found = []
    for n, e in enumerate(edits):
        until = min(edits[n + 1]["second"] + 1 if n + 1 < len(edits) else 10**9, len(counts))
        good = [s for s in range(e["second"] + 1, until) if counts[s] >= RECOVERED * steady]
        found.append(good[0] + 1 - e["in_second_s"] if good else None)
    return found


def failures_of(results):
    failures = [
        f"warm-up: {w['path']} answered {w['status']}"
        for w in results["warmup"]
        if not 200 <= w["status"] < 400
    ]
    for r in [results["ceiling"] | {"name": "ceiling"}, *results["phases"]]:
        sockets = sum(r["socket_errors"].values())
        if r["non_2xx_3xx"] or sockets:
            failures.append(
                f"{r['name']}: {r['non_2xx_3xx']} non-2xx/3xx answers "
                f"({r.get('statuses', {})}), {sockets} socket errors ({r['socket_errors']})"
            )
        failures += [f"{r['name']}: edit failed: {error}" for error in r.get("edit_errors", [])]
        if not r["requests"]:
            failures.append(f"{r['name']}: no answer at all")
    if results["log_problems"]:
        failures.append(
            f"{len(results['log_problems'])} error lines in gunicorn's log, e.g. "
            f"{results['log_problems'][0][:200]}"
        )
    return failures


def ratios(results):
    steady = statistics.median(results["phases"][0]["answers_per_second"] or [0])
    for phase in results["phases"][1:]:
        phase["recovery_s"] = recoveries(phase, steady)
    first = results["phases"][0]["rps"]
    ceiling = results["ceiling"]["rps"]
    return {
        "cached_over_ceiling": first / ceiling if ceiling else None,
        "steady_answers_per_second": steady,
        "over_no_writes": {
            r["name"]: (r["rps"] / first if first else None) for r in results["phases"][1:]
        },
    }


def without_password(url):
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
