"""HTTP load with wrk against the production stack: gunicorn as `make serve` starts it."""

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
# The server's own worker timeout (gunicorn.conf.py): a slower answer never comes anyway.
WRK_TIMEOUT = "30s"
# Lines of the server's log that mean something went wrong while it served the load.
LOG_PROBLEMS = re.compile(r"Traceback|\[ERROR\]|\[CRITICAL\]|WORKER TIMEOUT|Internal Server Error")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, log_path):
    """Serve the project on a free loopback port; yield its base URL; stop the server after."""
    port = free_port()
    env = {**env, "BIND": f"127.0.0.1:{port}"}
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "jobboard.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(base + "/robots.txt", server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see its log")
        with contextlib.suppress(OSError):
            fetch(url)
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


# Server-side TCP states of a request not yet answered: its worker has not closed it.
_UNANSWERED_STATES = {"01", "03", "08"}  # ESTABLISHED, SYN_RECV, CLOSE_WAIT


def unanswered(port):
    """Connections to `port` the server still has to answer (from /proc/net/tcp)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, _remote, state = line.split()[1:4]
        if int(local.rsplit(":", 1)[1], 16) == port and state in _UNANSWERED_STATES:
            count += 1
    return count


def wait_until_drained(base, seconds=600):
    """Wait until the server has answered every request a finished wrk left queued.

    When wrk stops, requests it sent are still queued in the sync workers' backlog and are
    served anyway; on a slow page that takes longer than a measurement, and the next
    measurement would be starved. Returns the seconds waited.
    """
    port = int(base.rsplit(":", 1)[1])
    start = time.monotonic()
    while unanswered(port) and time.monotonic() - start < seconds:
        time.sleep(0.2)
    return time.monotonic() - start


def fetch(url):
    """One GET: (status, bytes, milliseconds). Redirects are not followed (wrk does not)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    start = time.perf_counter()
    try:
        with opener.open(url, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, len(body), (time.perf_counter() - start) * 1000


def log_problems(log_path):
    lines = Path(log_path).read_text(errors="replace").splitlines()
    return [line for line in lines if LOG_PROBLEMS.search(line)]


def worker_restarts(log_path):
    """Workers recycled by gunicorn's max_requests while the load ran."""
    return Path(log_path).read_text(errors="replace").count("Autorestarting worker")


def wrk(url, connections, threads, seconds):
    """Run wrk once and return its numbers (latencies in ms)."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        "--latency",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


_DURATION_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _DURATION_UNITS[unit]


def parse_wrk(output):
    """The numbers from `wrk --latency` output; absent error lines mean zero."""
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    requests = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if not (rps and requests):
        raise ValueError(f"cannot read wrk's output:\n{output}")
    # Without a single answer in the time, wrk's percentiles are zeros: there are none.
    answered = int(requests[1]) > 0 and "50" in percentiles and "99" in percentiles
    return {
        "requests": int(requests[1]),
        "rps": float(rps[1]),
        "p50_ms": to_ms(percentiles["50"]) if answered else None,
        "p99_ms": to_ms(percentiles["99"]) if answered else None,
        "non_2xx_3xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        )
        if sockets
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
