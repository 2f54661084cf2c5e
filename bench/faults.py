"""The drill's stack (bench/drill.py, `make drill`): its own redis-server and PostgreSQL
cluster, which it kills, stalls and restarts (tests/servers.py starts them, on free ports in a
temporary directory; never the shared ones), the project served on them by gunicorn as `make
serve` runs it, and an import watched from outside.
"""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from bench import httpload, soak, watch
from bench.generate import generate
from tests import servers

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *command, timeout=600):
    """manage.py in a child process, bounded in time (bench/soak.py's manage() waits forever)."""
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def check_manage(env, *command, timeout=600):
    done = manage(env, *command, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


# --- servers ------------------------------------------------------------------------------


def available():
    """Why the drill cannot start its own servers, or None."""
    if not Path(servers.REDIS_SERVER).exists():
        return f"no {servers.REDIS_SERVER}"
    if not Path(f"{servers.POSTGRES_BIN}/initdb").exists():
        return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin"
    return None


@contextlib.contextmanager
def own_servers(work):
    """(redis, postgres): the drill's own, bounded like production Redis, removed after."""
    (work / "redis").mkdir()
    config = ("--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru")
    with servers.redis_server(work / "redis", *config) as cache, servers.postgres_cluster() as db:
        yield cache, db


def restart_postgres(cluster):
    """`pg_ctl restart -m fast`: backends terminated, the server up again (-w waits for it)."""
    # With -l: without it the server would hold our pipe open, and run() would never return.
    log = str(cluster.directory / "log")
    subprocess.run(
        [f"{servers.POSTGRES_BIN}/pg_ctl", "-D", str(cluster.data), "-l", log]
        + ["-m", "fast", "-w", "-t", "60", "restart"],
        check=True,
        capture_output=True,
        user=cluster.user,
        timeout=90,
    )


# --- the project on them ------------------------------------------------------------------


class Stack:
    """The servers, the environment (with `settings` on top of production's), and while
    `serving`, gunicorn's address and logs."""

    def __init__(self, args, work, cache, database, settings):
        self.args, self.work, self.redis, self.postgres = args, work, cache, database
        url = f"postgres://postgres@127.0.0.1:{database.port}/drill"
        # bench/soak.py's production environment, pointed at our servers. The secret key is a
        # throwaway: nothing signed outlives the run.
        self.env = soak.production_env(url, SimpleNamespace(redis_db=0), secrets.token_urlsafe(50))
        self.env.pop("TRUSTED_PROXIES", None)
        self.env |= {key: str(value) for key, value in settings.items()}
        self.env["REDIS_URL"] = cache.url
        self.base = self.logs = self.sampler = self.serving_env = None
        self.pages = []

    @contextlib.contextmanager
    def serving(self, name, **changes):
        env = self.env | changes
        error_log, access_log = self.work / f"gunicorn-{name}.log", self.work / f"access-{name}.log"
        env |= {
            "ACCESS_LOG": str(access_log),
            "GUNICORN_CMD_ARGS": f"--access-logformat='{watch.ACCESS_FORMAT}'",
        }
        self.logs, self.serving_env = watch.Logs(error_log, access_log), env
        with httpload.gunicorn(env, error_log) as self.base:
            if env["REDIS_URL"]:
                self.sampler = watch.Sampler(env["REDIS_URL"], self.logs)
                self.sampler.start()
            try:
                yield self
            finally:
                if self.sampler:
                    self.sampler.stop()
                    self.sampler = None

    def back(self):
        """A sample of the cache counters once Redis answers again (within 5 s)."""
        until = time.monotonic() + 5
        while (sample := self.sampler.sample()).run_id is None and time.monotonic() < until:
            time.sleep(0.01)
        return sample

    def prepare(self, password):
        """The drill's database: seeds/ and generated postings, and an `admin` to sign in as."""
        env, work = self.env, self.work
        subprocess.run(
            [sys.executable, "-m", "jobboard.createdb", env["DATABASE_URL"]],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=60,
        )
        generate(work / "generated", self.args.postings)
        check_manage(env, "migrate", "--noinput", "-v", "0")
        check_manage(env, "collectstatic", "--noinput", "-v", "0")
        check_manage(env, "load_seeds", str(soak.SEEDS), str(work / "generated"))
        admin = env | {"DJANGO_SUPERUSER_PASSWORD": password}
        check_manage(
            admin, "createsuperuser", "--noinput", "--username", "admin", "--email", "a@b.example"
        )
        code = "from bench import soak; soak.print_pages()"
        self.pages = json.loads(check_manage(env, "shell", "-c", code).splitlines()[-1])


# --- an import, watched -------------------------------------------------------------------


def run_import(env, folder, timeout):
    """load_seeds of `folder` in a session of its own (killed whole at `timeout`), as
    bench/soak.py's import_outcome() reads it, with its peak memory: the largest resident size
    of the command and of its worker processes (wait4's rusage)."""
    logs = folder.parent / "import.out", folder.parent / "import.err"
    started = time.monotonic()
    with open(logs[0], "w") as out, open(logs[1], "w") as err:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "load_seeds", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    try:
        while not (waited := os.wait4(process.pid, os.WNOHANG))[0]:
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"load_seeds took over {timeout} s")
            time.sleep(0.05)
    finally:
        if not waited[0]:
            os.killpg(process.pid, signal.SIGKILL)
            os.waitpid(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(waited[1])  # reaped here, not by Popen
    done = SimpleNamespace(
        returncode=process.returncode, stdout=logs[0].read_text(), stderr=logs[1].read_text()
    )
    outcome = soak.import_outcome(done, started)
    return outcome | {
        "errors": done.stderr.strip().splitlines(),
        "peak_mb": waited[2].ru_maxrss // 1024,
    }
