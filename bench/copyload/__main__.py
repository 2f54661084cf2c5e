"""The command: `python -m bench.copyload --count N [--seed 1] [--workers N]` loads N postings
into the empty database DATABASE_URL names, and says where the time, the CPU and the memory went.
"""

import argparse
import os
import resource
import time

from bench import copyload
from bench.copyload.load import WORKERS, copy_load


def main():
    parser = argparse.ArgumentParser(description=copyload.__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args()
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
    import django

    django.setup()
    start = time.perf_counter()
    report = copy_load(args.count, seed=args.seed, workers=args.workers)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    server = report["server_cpu_seconds"]
    print(
        f"{args.count:,} postings in {seconds:.0f} s ({args.count / seconds:,.0f}/s), "
        f"load average {os.getloadavg()[1]:.1f}; CPU: {cpu:.0f} s here"
        + (f" and {server:.0f} s in PostgreSQL's backend" if server is not None else "")
        + f"; peak memory: this process {own.ru_maxrss / 1024:,.0f} MB, "
        f"a worker {children.ru_maxrss / 1024:,.0f} MB"
    )


if __name__ == "__main__":
    main()
