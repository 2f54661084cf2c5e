"""The drill's sign-in phase (bench/drill.py): the admin's login throttle over real HTTP.

Each test signs in from loopback addresses of its own (127.0.0.0/8 all reaches gunicorn, which
sees them as REMOTE_ADDR), so that one test's failures cannot lock the next; axes' counts are
reset between tests. The answer does not tell whether a password was checked: the attempt
whose failure reaches the limit is checked and gets the lockout page, and so would any that a
race let through after it. So checks are counted in the database: the drill's own PostgreSQL
logs every statement meanwhile, and a check is Django's ModelBackend looking the account up
(it then hashes the password, the account's or a dummy's). An attempt axes refuses never gets
there: its backend comes first and stops authentication.
"""

import contextlib
import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import psycopg

from bench import faults, watch

LIMIT = 5  # AXES_FAILURE_LIMIT
# What ModelBackend.authenticate() runs first: get_by_natural_key(username).
LOOKUP = re.compile(r'statement: SELECT .* FROM "auth_user" WHERE "auth_user"\."username" = ')


def _request(base, method, path, source, headers=None, body=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=60, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read().decode(errors="replace")
    finally:
        connection.close()


def sign_in_form(base, source):
    """GET the sign-in page from `source`: its CSRF cookie and token."""
    response, body = _request(base, "GET", "/admin/login/?next=/admin/", source)
    cookies = "; ".join(
        header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if response.status != 200 or not token:
        raise RuntimeError(f"no sign-in form from {source}: HTTP {response.status}")
    return cookies, token[1]


def sign_in(base, form, username, password, source, forwarded=None):
    """POST the sign-in form: "signed in" (302 to /admin/), "refused" (the form again),
    "locked out" (429), or another HTTP status."""
    cookies, token = form
    headers = {"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    body = urlencode(fields | {"next": "/admin/"})
    response, _ = _request(base, "POST", "/admin/login/?next=/admin/", source, headers, body)
    if response.status == 302 and response.getheader("Location", "").endswith("/admin/"):
        return "signed in"
    return {200: "refused", 429: "locked out"}.get(response.status, f"HTTP {response.status}")


class Checks:
    """Password checks counted in the statements PostgreSQL logs (log_statement = all, set on
    the drill's own cluster for the phase only)."""

    def __init__(self, stack):
        self.url, self.log = stack.env["DATABASE_URL"], stack.postgres.directory / "log"

    def setting(self, value):
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"ALTER SYSTEM SET log_statement = '{value}'")
            connection.execute("SELECT pg_reload_conf()")

    @contextlib.contextmanager
    def logged(self):
        self.setting("all")
        try:
            yield self
        finally:
            self.setting("none")

    def mark(self):
        return self.log.stat().st_size

    def since(self, mark):
        with open(self.log, "rb") as file:
            file.seek(mark)
            return len(LOOKUP.findall(file.read().decode(errors="replace")))


def drill(stack, password):
    """The bypasses of issue 10, against the account `admin` whose password is `password`."""
    base, checks = stack.base, Checks(stack)
    marks = stack.logs.marks()
    r = {}

    def reset():
        faults.check_manage(stack.serving_env, "axes_reset")

    def attempt(username, secret, source, form=None, forwarded=None):
        form = form or sign_in_form(base, source)
        return sign_in(base, form, username, secret, source, forwarded)

    def test(name, attempts):
        """Run `attempts` (answers are filled in meanwhile), then count the checks they made."""
        mark = checks.mark()
        r[name] = attempts()
        r[f"{name}_checks"] = checks.since(mark)

    with checks.logged():
        reset()
        test("control", lambda: [attempt("admin", password, "127.0.0.9")])
        reset()
        form = sign_in_form(base, "127.0.0.2")
        test("wrong", lambda: [attempt("admin", f"no{n}", "127.0.0.2", form) for n in range(LIMIT)])
        # More, each from an address of its own: the account is locked, whatever the address.
        test("after_limit", lambda: [attempt("admin", "no", f"127.0.4.{n + 1}") for n in range(10)])
        # The right password, each from an address of its own: only the account is locked.
        variants = [(" admin", "127.0.0.3"), ("ａdmin", "127.0.0.4"), ("admin", "127.0.0.5")]
        test("variants", lambda: [attempt(name, password, source) for name, source in variants])
        reset()
        # Another account each time, so that only the address can lock them out.
        form = sign_in_form(base, "127.0.0.6")
        test(
            "forwarded",
            lambda: [
                attempt(f"guess{n}", "no", "127.0.0.6", form, f"203.0.113.{n + 1}")
                for n in range(30)
            ],
        )
        reset()
        forms = [(f"127.0.1.{n + 1}", sign_in_form(base, f"127.0.1.{n + 1}")) for n in range(20)]
        barrier = threading.Barrier(len(forms))

        def together(source_form):
            barrier.wait(timeout=60)
            return attempt("admin", "no", *source_form)

        with ThreadPoolExecutor(len(forms)) as pool:
            test("concurrent", lambda: list(pool.map(together, forms)))
        reset()
    rows = watch.served(stack.logs.since(marks)[1])
    r["workers"] = len({pid for pid, _, _, path in rows if path.startswith("/admin/login/")})
    return r | {"failures": failures(r)}


def failures(r):
    """Each test's answers and password checks against what the throttle promises."""
    locked_at_limit = ["refused"] * (LIMIT - 1) + ["locked out"]
    expected = {  # test: (answers, at most this many checks)
        "control": (["signed in"], 1),
        "wrong": (locked_at_limit, LIMIT),
        "after_limit": (["locked out"] * 10, 0),
        "variants": (["locked out"] * 3, 0),
        "forwarded": (locked_at_limit + ["locked out"] * (30 - LIMIT), LIMIT),
        "concurrent": (None, LIMIT),  # which of them are refused depends on the order
    }
    found = []
    for test, (answers, most) in expected.items():
        if answers is not None and r[test] != answers:
            found.append(f"{test}: answered {r[test]}")
        if any(answer.startswith("HTTP") for answer in r[test]):
            found.append(f"{test}: answered {r[test]}")
        if r[f"{test}_checks"] > most:
            found.append(f"{test}: {r[f'{test}_checks']} password checks (at most {most})")
    return found
