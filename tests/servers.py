"""Our own Redis and PostgreSQL servers, on free ports in a temporary directory, for the fault
tests to kill, stall (SIGSTOP) and resume without touching the shared ones.

Without the binaries the tests that need them are skipped, unless REQUIRE_REDIS is set (CI sets
it): then they fail.
"""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import pytest
import redis
from django.db import connections
from django.db.utils import ConnectionHandler

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
POSTGRES_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), "")


# A stalled server resumes by itself after this many seconds: a test of code that would wait
# on it forever fails (the request succeeds late) instead of hanging the run.
STALL_AT_MOST = 8


def _resume_later(server, seconds):
    timer = threading.Timer(seconds, server.resume)
    timer.daemon = True
    timer.start()
    return timer


def require(available, reason):
    if available:
        return
    if os.environ.get("REQUIRE_REDIS"):
        pytest.fail(f"{reason} (REQUIRE_REDIS is set)")
    pytest.skip(reason)


def free_port():
    # Nothing listens on it once this returns: connecting to it is refused.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(check, what, seconds=10):
    until = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except Exception:
            if time.monotonic() > until:
                raise
        if time.monotonic() > until:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.02)


class RedisServer:
    def __init__(self, directory, *config):
        self.directory, self.config = directory, config
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.watchdog = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.directory), *self.config],
            stdout=subprocess.DEVNULL,
        )
        _wait_for(self.client().ping, "redis-server")

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=1)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def stall(self, at_most=STALL_AT_MOST):
        self.process.send_signal(signal.SIGSTOP)
        self.watchdog = _resume_later(self, at_most)

    def resume(self):
        if self.watchdog:
            self.watchdog.cancel()
        self.process.send_signal(signal.SIGCONT)


@contextmanager
def redis_server(directory, *config):
    require(os.access(REDIS_SERVER, os.X_OK), f"no {REDIS_SERVER}")
    server = RedisServer(directory, *config)
    server.start()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.resume()
            server.kill()


def _children(pid):
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            yield int(stat.parent.name)


class PostgresCluster:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        # initdb and postgres refuse to run as root: run them as the postgres user then.
        self.user = "postgres" if os.geteuid() == 0 else None
        self.watchdog = None

    def run(self, *command):
        subprocess.run(
            [f"{POSTGRES_BIN}/{command[0]}", *command[1:]],
            check=True,
            capture_output=True,
            user=self.user,
        )

    def start(self):
        if self.user:
            os.chown(self.directory, pwd.getpwnam(self.user).pw_uid, -1)
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "log")
        self.run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def postmaster(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stall(self, at_most=STALL_AT_MOST):
        # The postmaster first, so that it forks no new backend meanwhile.
        master = self.postmaster()
        os.kill(master, signal.SIGSTOP)
        for pid in _children(master):
            os.kill(pid, signal.SIGSTOP)
        self.watchdog = _resume_later(self, at_most)

    def resume(self):
        if self.watchdog:
            self.watchdog.cancel()
        master = self.postmaster()
        for pid in [*_children(master), master]:
            os.kill(pid, signal.SIGCONT)

    def stop(self):
        self.resume()
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


@contextmanager
def postgres_cluster():
    require(os.access(f"{POSTGRES_BIN}/initdb", os.X_OK), "no PostgreSQL binaries")
    # Not under pytest's tmp_path: as root, the postgres user could not reach into it.
    directory = tempfile.mkdtemp(prefix="jobboard-postgres-")
    cluster = PostgresCluster(directory)
    try:
        cluster.start()
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def default_database(url, **options):
    """django.db.connection, pointed at another database (our own cluster) for the block."""
    handler = ConnectionHandler(
        {
            "default": {
                **dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True),
                "OPTIONS": options,
            }
        }
    )
    original = connections["default"]
    connections["default"] = handler["default"]
    try:
        yield connections["default"]
    finally:
        connections["default"].close()
        connections["default"] = original
