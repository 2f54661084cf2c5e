"""gunicorn settings for production and for `make serve`; every value can come from the env."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8080")
# Sync workers: each holds one persistent database connection (CONN_MAX_AGE).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, staggered, so a slow leak never takes a machine down; not so
# often that their caches (the searches each worker keeps) are always cold.
max_requests = int(os.environ.get("MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Import the app before forking: workers start fast and share memory.
preload_app = True
accesslog = os.environ.get("ACCESS_LOG")  # e.g. "-" for stdout; off by default
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    # Each worker starts with the master's index of the catalogue (postings/catalogue/),
    # brought up to date here: a new or recycled worker applies the few changes since instead
    # of building its own (seconds at 100,000 postings).
    from postings.catalogue.index import prepare_for_fork

    prepare_for_fork(server.log)
