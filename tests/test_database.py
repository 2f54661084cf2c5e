"""A failing or stalled database is a 503 within the deadline, never a request that hangs until
gunicorn kills the worker (jobboard/database.py)."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.http import HttpResponse
from django.urls import include, path

from jobboard import database
from jobboard.database import DatabaseTimeout, deadline
from tests import servers

# The requests below go to these views: each touches the database the way pages do.


def select(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("answered")


def sleep(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(10)")
    return HttpResponse("slept")


def sleep_in_a_transaction(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.execute("SELECT pg_sleep(10)")
    return HttpResponse("slept")


def fail(request):
    raise {"operational": OperationalError, "interface": InterfaceError}[request.GET["error"]]()


urlpatterns = [
    path("select", select),
    path("sleep", sleep),
    path("sleep-in-a-transaction", sleep_in_a_transaction),
    path("fail", fail),
    path("", include("jobboard.urls")),  # the site's own, for the 503 page's links
]
pytestmark = pytest.mark.urls(__name__)


SLACK = 0.75  # seconds a busy machine may add to a deadline


@pytest.fixture(autouse=True)
def short_timeouts(settings, monkeypatch):
    settings.DATABASE_STATEMENT_TIMEOUT = 1
    settings.DATABASE_HEALTH_TIMEOUT = 0.5
    settings.DATABASE_RETRY_AFTER = 0  # each test below waits its own deadline; see the last
    monkeypatch.setattr(database, "_next_log", 0.0)
    monkeypatch.setattr(database, "_stalled_until", 0.0)


@pytest.fixture(scope="module")
def cluster():
    with servers.postgres_cluster() as cluster:
        yield cluster


@pytest.fixture
def own_database(cluster, django_db_blocker):
    with django_db_blocker.unblock(), servers.default_database(cluster.url, connect_timeout=2):
        yield cluster
        cluster.resume()


def get(client, url, *, new_request=True):
    """client.get, timed, after what gunicorn does first: mark kept connections for a check."""
    if new_request:
        close_old_connections()  # on request_started, which the test client leaves out
    started = time.monotonic()
    response = client.get(url)
    response.seconds = time.monotonic() - started
    return response


def test_a_query_on_a_stalled_database_is_a_503_within_the_deadline(client, own_database):
    assert get(client, "/select").content == b"answered"
    own_database.stall()
    # The kept connection was checked when this request began: the query itself waits.
    response = get(client, "/select", new_request=False)
    assert response.status_code == 503
    assert 1 <= response.seconds < 1 + SLACK
    assert response["Retry-After"] == str(database.RETRY_AFTER)
    assert "Temporarily unavailable" in response.content.decode()
    own_database.resume()
    assert get(client, "/select").content == b"answered"  # on a new connection


def test_checking_a_kept_connection_to_a_stalled_database_is_bounded(client, own_database):
    assert get(client, "/select").status_code == 200
    own_database.stall()
    response = get(client, "/select")
    assert response.status_code == 503
    assert response.seconds < 0.5 + SLACK  # the health timeout
    own_database.resume()
    assert get(client, "/select").status_code == 200


def test_connecting_to_a_stalled_database_is_bounded(client, own_database):
    own_database.stall()
    response = get(client, "/select")
    assert response.status_code == 503
    assert response.seconds < 2 + SLACK  # connect_timeout
    own_database.resume()
    assert get(client, "/select").status_code == 200


def test_after_one_wait_ran_out_requests_are_answered_at_once_until_the_retry(
    client, own_database, settings
):
    settings.DATABASE_RETRY_AFTER = 1
    assert get(client, "/select").status_code == 200
    own_database.stall()
    assert get(client, "/select").seconds >= 0.5  # the health timeout, waited once
    for _ in range(5):
        response = get(client, "/select")
        assert response.status_code == 503
        assert response.seconds < 0.2
    own_database.resume()
    time.sleep(1)
    assert get(client, "/select").status_code == 200


def test_healthz_looks_at_the_database_itself_and_ends_the_wait(client, own_database, settings):
    settings.DATABASE_RETRY_AFTER = 60
    own_database.stall()
    assert get(client, "/select").status_code == 503
    own_database.resume()
    assert get(client, "/select").status_code == 503  # still waiting out the interval
    assert get(client, "/healthz").status_code == 200
    assert get(client, "/select").status_code == 200


def test_a_slow_query_is_cut_short_at_the_deadline(client, own_database):
    response = get(client, "/sleep")
    assert response.status_code == 503
    assert 1 <= response.seconds < 1 + SLACK
    assert get(client, "/select").status_code == 200


def test_a_timeout_inside_a_transaction_does_not_wait_for_a_rollback(client, own_database):
    assert get(client, "/select").status_code == 200
    own_database.stall()
    response = get(client, "/sleep-in-a-transaction", new_request=False)
    assert response.status_code == 503
    assert response.seconds < 1 + SLACK
    own_database.resume()
    assert get(client, "/select").status_code == 200


@pytest.mark.django_db  # on PostgreSQL, each request first connects (within the deadline)
@pytest.mark.parametrize("error", ["operational", "interface"])
def test_a_database_error_is_a_503_page(client, error):
    response = client.get(f"/fail?error={error}")
    assert response.status_code == 503
    assert response["Retry-After"] == str(database.RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.django_db
def test_an_outage_is_logged_once_per_interval(client, caplog):
    with caplog.at_level(logging.ERROR, logger="jobboard.database"):
        for _ in range(50):
            assert client.get("/fail?error=operational").status_code == 503
    assert len(caplog.records) == 1
    assert "OperationalError" in caplog.records[0].getMessage()


def test_deadlines_nest_and_the_sooner_one_governs():
    started = time.monotonic()
    with pytest.raises(DatabaseTimeout), deadline(0.2), deadline(5):
        time.sleep(2)
    assert time.monotonic() - started < 0.5
    started = time.monotonic()
    with pytest.raises(DatabaseTimeout), deadline(0.4):
        with pytest.raises(DatabaseTimeout), deadline(0.1):
            time.sleep(2)
        time.sleep(2)  # the outer deadline still runs after the inner one fired
    assert 0.4 <= time.monotonic() - started < 0.4 + SLACK


# What a process started as the web server (gunicorn imports jobboard.wsgi) and as a management
# command (manage.py) get, with DB_STATEMENT_TIMEOUT=3 and the other timeouts left alone.
SHOW_TIMEOUTS = """
from django.db import connection
print(connection.settings_dict["OPTIONS"].get("timeout"))
print(connection.settings_dict["OPTIONS"].get("connect_timeout"))
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        print(cursor.fetchone()[0])
"""


def timeouts(database_url, process):
    command = {
        "web": ["-c", "import jobboard.wsgi\n" + SHOW_TIMEOUTS],
        "command": ["manage.py", "shell", "--no-imports", "-c", SHOW_TIMEOUTS],
    }[process]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobboard.settings",
        "DATABASE_URL": database_url,
        "DB_STATEMENT_TIMEOUT": "3",
    }
    env.pop("JOBBOARD_WEB_PROCESS", None)
    env.setdefault("SECRET_KEY", "tests-only-not-secret")
    project = Path(__file__).parent.parent
    run = subprocess.run(
        [sys.executable, *command], cwd=project, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_only_the_web_process_gets_a_statement_timeout_on_postgresql(cluster):
    assert timeouts(cluster.url, "web") == ["None", "3", "3s"]
    assert timeouts(cluster.url, "command") == ["None", "3", "0"]


def test_only_the_web_process_waits_less_for_a_lock_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert timeouts(url, "web") == ["3.0", "None"]
    assert timeouts(url, "command") == ["20.0", "None"]


def test_a_database_error_outside_the_views_is_a_503_too(monkeypatch, settings):
    # Raised by a middleware (the session store, say), it never reaches the view's handling.
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import Client

    def broken(self, request):
        raise OperationalError("the session table is gone")

    settings.ROOT_URLCONF = "jobboard.urls"
    monkeypatch.setattr(SessionMiddleware, "process_request", broken)
    response = Client(raise_request_exception=False).get("/admin/login/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(database.RETRY_AFTER)


def test_any_other_error_outside_the_views_is_still_a_500(monkeypatch, settings):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import Client

    def broken(self, request):
        raise ValueError("a bug")

    settings.ROOT_URLCONF = "jobboard.urls"
    monkeypatch.setattr(SessionMiddleware, "process_request", broken)
    assert Client(raise_request_exception=False).get("/admin/login/").status_code == 500
