"""What one recruiter's edits do to the production stack under load (`make writeload`).

    .venv/bin/python -m bench.writeload --database-url URL [--duration 30] [--connections 8]
                                        [--edit-every 10,2] [--redis-db 1] [--quick]

Serves the database at URL with gunicorn as `make serve` does (gunicorn.conf.py, DEBUG=0), the
page cache on (`PAGE_CACHE=1`, Redis db `--redis-db`, flushed before and after), and loads it
with wrk (`--connections` connections, `--latency`) through a Lua script that cycles over about
60 pages read from the database: the list with filters, page numbers and searches, detail
pages, companies, tags, the archive, the feed. Every page is fetched once first. Then, for
`--duration` seconds each:

0. the ceiling: `/robots.txt` alone, a template view with no database access;
1. the pages, no writes;
2. the pages while this process edits one random live posting's title every 10 s,
3. and every 2 s (`--edit-every`),

an edit being what the admin does: load the posting with the ORM, change its title (append or
remove a marker), set `edited_at`, `posting.save()`, on a timer thread of this process, with
Django set up on the same database. Each write bumps the catalogue version, so every cached
page is stale from then on. The edited postings get their titles back at the end.

Report: bench/results/<date>-writeload-<backend>-<count>.md (`-quick` for --quick) and its
raw numbers as .json; the exit status is 1 if any request failed (a non-2xx/3xx answer, a
socket error, an error line in gunicorn's log) or an edit did.

The parts:

- `pages.py`: Django set up in this process, and the pages (and postings to edit) read from
  the database;
- `editor.py`: the edits, on a timer thread while a phase lasts, and the titles given back;
- `phases.py`: gunicorn, the warm-up, the ceiling and the phases under wrk, and what each
  measurement adds from the server's logs and Redis;
- `summary.py`: what the report data says of a run: failures, ratios, recoveries after edits;
- `__main__.py`: the command, the report written to bench/results.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"

from bench.writeload.editor import MARKER, Editor, edit, restore  # noqa: E402
from bench.writeload.pages import pick_pages, setup_django  # noqa: E402
from bench.writeload.phases import (  # noqa: E402
    ACCESS_FORMAT,
    LUA,
    measure,
    per_second,
    phase_line,
    read_since,
    redis,
    redis_keys,
    run_load,
    served_rows,
    wrk_pages,
)
from bench.writeload.summary import (  # noqa: E402
    RECOVERED,
    failures_of,
    ratios,
    recoveries,
    without_password,
)

__all__ = [
    "ACCESS_FORMAT",
    "LUA",
    "MARKER",
    "RECOVERED",
    "RESULTS",
    "ROOT",
    "Editor",
    "edit",
    "failures_of",
    "measure",
    "per_second",
    "phase_line",
    "pick_pages",
    "ratios",
    "read_since",
    "recoveries",
    "redis",
    "redis_keys",
    "restore",
    "run_load",
    "served_rows",
    "setup_django",
    "without_password",
    "wrk_pages",
]


def __getattr__(name):
    # The command's main(), imported only when asked for: importing bench.writeload.__main__
    # with the package would have `python -m bench.writeload` run a module already imported.
    if name == "main":
        from bench.writeload.__main__ import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
