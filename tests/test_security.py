import secrets
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.urls import reverse

from jobboard.security import client_address
from postings.models import MODERATORS, RECRUITERS
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def test_production_settings_pass_the_deploy_check(settings, capsys):
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.SECURE_SSL_REDIRECT = True
    call_command("check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in capsys.readouterr().out


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_content_security_policy_allows_no_inline_or_foreign_script(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_public_pages_allow_no_inline_style_either(client):
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]


def test_security_headers_on_every_page(client):
    PostingFactory()
    response = client.get("/", **HTTPS)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_behind_the_proxy(client):
    response = client.get("/jobs/x/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/jobs/x/"
    assert client.get("/", **HTTPS).status_code == 200
    assert client.get("/healthz").status_code == 200  # load balancers probe over HTTP


def test_session_and_csrf_cookies_are_secure_and_httponly(client, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.com", "right-password")
    client.get("/admin/login/", **HTTPS)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "right-password"},
        **HTTPS,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert client.cookies["csrftoken"]["secure"]


# --- admin sign-in throttle (django-axes, jobboard/security.py) ------------------------------

LOGIN = "/admin/login/"


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "a@example.com", "right-password")


def sign_in(client, username="admin", password="wrong", address="10.0.0.1", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def password_checks(monkeypatch):
    """How many attempts got as far as a password check (the model backend, which hashes the
    password whether or not the account exists). Each check takes as long as a real hash
    would, so that concurrent attempts overlap as they do in production."""
    checked = []
    authenticate = ModelBackend.authenticate

    def counted(self, request, *args, **kwargs):
        checked.append(1)  # thread-safe: concurrent attempts count at once
        time.sleep(0.2)  # what PBKDF2 takes here
        return authenticate(self, request, *args, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counted)
    return checked


def test_admin_sign_in_is_locked_after_five_failures(client, admin_user, password_checks):
    for _ in range(4):
        assert sign_in(client).status_code == 200  # the form, with its error
    locked = sign_in(client)  # the fifth failure locks the account
    assert locked.status_code == 429
    assert sign_in(client, password="right-password").status_code == 429
    assert not signed_in_as(client)
    assert len(password_checks) == 5  # the last attempt was refused unchecked


def test_lockout_page_says_when_to_try_again(client, admin_user):
    for _ in range(5):
        response = sign_in(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "lockout.html" in [template.name for template in response.templates]
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "Try again in 15 minutes" in page
    assert "Job board administration" in page  # the admin's own layout


def test_lock_counts_per_address_across_accounts(client):
    for n in range(4):
        assert sign_in(client, username=f"user{n}", address="10.0.0.9").status_code == 200
    assert sign_in(client, username="user4", address="10.0.0.9").status_code == 429
    assert sign_in(client, username="someone-else", address="10.0.0.9").status_code == 429
    assert sign_in(client, username="someone-else", address="10.0.0.10").status_code == 200


def test_a_successful_sign_in_resets_the_account_counter(client, admin_user):
    for n in range(4):
        sign_in(client, address=f"10.0.1.{n}")
    assert sign_in(client, password="right-password", address="10.0.0.2").status_code == 302
    client.logout()
    for n in range(4):
        assert sign_in(client, address=f"10.0.2.{n}").status_code == 200
    assert sign_in(client, address="10.0.3.1").status_code == 429


def test_signing_in_to_one_account_does_not_reset_another(client, admin_user, django_user_model):
    # axes' own reset on success wipes every failure from the address, so an attacker with an
    # account of their own could sign in to it between guesses at admin's password.
    django_user_model.objects.create_user("eve", password="eves-password", is_staff=True)
    for _ in range(4):
        sign_in(client, address="10.0.0.66")
    assert sign_in(client, "eve", "eves-password", address="10.0.0.66").status_code == 302
    client.logout()
    assert sign_in(client, address="10.0.0.67").status_code == 429


@pytest.mark.parametrize("spelling", [" admin", "admin ", "\tadmin", "ａdmin", "ａｄｍｉｎ"])
def test_another_spelling_of_a_locked_username_is_locked_too(client, admin_user, spelling):
    # Authentication strips and NFKC-normalises the username; the lock must read it the same.
    for _ in range(5):
        sign_in(client, address="10.0.0.1")
    response = sign_in(client, spelling, "right-password", address="10.0.0.2")
    assert response.status_code == 429
    assert not signed_in_as(client)


def test_forwarded_for_is_ignored_without_trusted_proxies(client, password_checks):
    # One client, one address, 30 accounts, and a new X-Forwarded-For for every guess.
    statuses = [
        sign_in(client, f"user{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(30)
    ]
    assert statuses == [200] * 4 + [429] * 26
    assert len(password_checks) == 5


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "address"),
    [
        (0, None, "10.0.0.1"),
        (0, "203.0.113.7", "10.0.0.1"),  # the client says so: ignored
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "spoofed, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1,203.0.113.7:4711", "203.0.113.7"),
        # A quote in the client's part must not swallow the entry the proxy appended.
        (1, 'for=198.51.100.1;x=", 203.0.113.7', "203.0.113.7"),
        (1, '"198.51.100.1, 203.0.113.7', "203.0.113.7"),
        (1, "2001:db8::1, 2001:db8::7", "2001:db8::7"),
        (2, "spoofed, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # fewer entries than proxies: not through them all
        (1, None, "10.0.0.1"),
        (1, "not an address", "10.0.0.1"),
    ],
)
def test_client_address_is_the_one_the_outermost_trusted_proxy_saw(
    rf, settings, proxies, forwarded_for, address
):
    settings.TRUSTED_PROXIES = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = rf.post(LOGIN, REMOTE_ADDR="10.0.0.1", **headers)
    assert client_address(request) == address


def test_behind_a_proxy_spoofed_forwarded_for_entries_are_counted_as_one_address(client, settings):
    settings.TRUSTED_PROXIES = 1
    statuses = [
        sign_in(
            client,
            f"user{n}",
            address="127.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        ).status_code
        for n in range(10)
    ]
    assert statuses == [200] * 4 + [429] * 6
    other = sign_in(client, "user0", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


def test_lock_survives_a_cleared_cache_and_a_new_client(client, admin_user):
    # The counts live in the database: no worker's memory, no Redis to lose them.
    for _ in range(5):
        sign_in(client)
    cache.clear()
    assert sign_in(Client(), password="right-password", address="10.0.0.2").status_code == 429


def test_sign_in_works_with_the_cache_down(client, admin_user):
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            }
        }
    ):
        with pytest.raises(redis.ConnectionError):
            cache.get("anything")
        assert client.get(LOGIN).status_code == 200
        assert sign_in(client).status_code == 200
        assert sign_in(client, password="right-password").status_code == 302
        client.logout()
        for _ in range(5):
            response = sign_in(client, address="10.0.0.5")
        assert response.status_code == 429


@pytest.fixture
def own_connection(tmp_path):
    """What a worker thread calls first to get a database connection of its own, as each
    gunicorn worker has. On SQLite the test database lives in memory, where threads share one
    connection (Django's live server does) or fail on each other's locks: the threads get a
    file copy of it, opened with the project's SQLite options."""
    if connection.vendor != "sqlite":
        return lambda: None
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    settings_dict = {**connection.settings_dict, "NAME": str(path)}

    def use_copy():
        connections["default"] = type(connections["default"])(settings_dict, "default")

    return use_copy


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("guessing", ["one account from many addresses", "many from one"])
def test_concurrent_guesses_get_five_password_checks(
    admin_user, password_checks, own_connection, guessing
):
    # axes checks the count before the password and counts after: without taking turns,
    # all 20 guesses at once got a password check, on SQLite and PostgreSQL alike.
    start = threading.Barrier(20, timeout=30)

    def guess(n):
        own_connection()
        try:
            start.wait()
            if guessing == "many from one":
                return sign_in(Client(), f"user{n}", address="10.0.0.99").status_code
            return sign_in(Client(), password=f"guess-{n}", address=f"10.0.4.{n}").status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(guess, range(20)))

    assert len(password_checks) == 5
    assert sorted(statuses) == [200] * 4 + [429] * 16


@pytest.mark.parametrize(
    ("username", "checked"), [(" ", 0), ("a b", 1), ("\x1b[31m", 1), ("x" * 151, 0), ("x" * 300, 0)]
)
def test_any_username_gets_the_form_back(client, password_checks, username, checked):
    # Blank or longer than any account's (a 500 on PostgreSQL once): no password to check.
    assert sign_in(client, username=username).status_code == 200
    assert len(password_checks) == checked


@pytest.mark.parametrize("proxies", [0, 1])
def test_any_forwarded_address_is_counted_without_an_error(client, settings, proxies):
    settings.TRUSTED_PROXIES = proxies
    response = sign_in(client, HTTP_X_FORWARDED_FOR="not an address\x07, 10.0.0.1, ::zz")
    assert response.status_code == 200


@pytest.mark.parametrize("role", [RECRUITERS, MODERATORS])
def test_sign_in_records_are_for_superusers_only(client, django_user_model, role):
    staff = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    staff.groups.add(Group.objects.get(name=role))
    client.force_login(staff)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert b"Access attempts" not in index.content
    for model in ["accessattempt", "accesslog", "accessfailurelog"]:
        assert client.get(reverse(f"admin:axes_{model}_changelist")).status_code == 403


def test_superusers_see_the_sign_in_records(admin_client_logged_in):
    assert b"Access attempts" in admin_client_logged_in.get(reverse("admin:index")).content
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin_client_logged_in.get(changelist).status_code == 200
