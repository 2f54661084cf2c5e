"""Two protections Django 5.2 does not ship: a Content-Security-Policy header and a throttle
on admin sign-in attempts.

The throttle is django-axes (settings: AXES_*), which counts failures in the database, so
every worker on every machine shares the count, with or without Redis, and it outlives
restarts. This module tells axes who is signing in, and from where, and closes the race
between its check and its count.
"""

import hashlib
from contextlib import contextmanager

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import UsernameField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection, transaction
from django.shortcuts import render
from django.views.decorators.debug import sensitive_variables
from ipware.ip import get_client_ip

# No inline script anywhere, no third-party host: every script, style, font and image is ours.
# The admin's own templates set inline style attributes, so only it may use them.
_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PUBLIC_POLICY = _POLICY.format(styles="")
ADMIN_POLICY = _POLICY.format(styles=" 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith("/admin/")
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_POLICY if admin else PUBLIC_POLICY
        )
        return response


def login_username(request, credentials):
    """The username as authentication reads it (AXES_USERNAME_CALLABLE): stripped and
    NFKC-normalised by the sign-in form's own field, so " admin" and "ａdmin" count as admin."""
    if credentials and "username" in credentials:
        username = credentials["username"]
    else:
        username = request.POST.get("username")
    return UsernameField().to_python(username)


def client_address(request):
    """The address that attempts are counted against (AXES_CLIENT_IP_CALLABLE).

    With no TRUSTED_PROXIES, the address that connected to us: X-Forwarded-For is whatever
    the client says. Behind N proxies, each of which appends the address it saw to
    X-Forwarded-For (gunicorn leaves REMOTE_ADDR alone), the client is the Nth entry from the
    right; entries left of it are the client's own.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        # ipware counts the proxies listed in the header, which leaves out the one that
        # connected to us: N - 1. Its "legacy" parser splits on commas alone; the default one
        # reads quotes, so a client's `for=1.2.3.4;x="` swallows the entries the proxies
        # append and chooses the address. Not strict: junk from the client is skipped.
        address, _ = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
            algorithm="legacy",
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): 429, and when to retry."""
    # A refused attempt counts as a failure too (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT),
    # so the lock ends within one cool-off from now.
    seconds = int(get_cool_off(request).total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": "Too many sign-in attempts",
        "minutes": seconds // 60,
    }
    response = render(request, "lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _lock_key(name):
    # pg_advisory_xact_lock takes a signed 64-bit key.
    digest = hashlib.sha256(f"sign-in:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def _taking_turns(*names):
    """Run the block in a transaction that holds a lock on each name until it commits.

    axes checks the failure count before the password and adds to it after, so attempts that
    overlap all pass the check: 20 concurrent guesses at one account got 20 password checks,
    not 5. Taking turns, each attempt sees the count the one before it left.

    PostgreSQL: an advisory lock per name, taken in one order so that two attempts never wait
    for each other. SQLite has one writer at a time, and the settings begin every transaction
    IMMEDIATE, which takes that write lock at once: there all attempts take turns, not only
    those on one name, each holding the lock for one password check (0.2 s at Django's PBKDF2
    cost). An attempt writes its failure or its session anyway, so its turn only grows by the
    hash, and with gunicorn's sync workers no more attempts wait than there are workers.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for key in sorted({_lock_key(name) for name in names}):
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in form, one attempt per account and per address at a time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django gives the field its max_length after building it, so it is never checked: a
        # longer name went on to authenticate() and into axes' 255-character column, a 500 on
        # PostgreSQL. No account has such a name; the password need not be checked.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    @sensitive_variables()
    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # nothing to check: the field errors stand
        refusal = None
        with _taking_turns(f"user:{username}", f"address:{client_address(self.request)}"):
            try:
                super().clean()
            except ValidationError as error:
                # Raised out of the transaction, it would roll back the failure just counted.
                refusal = error
            else:
                # The account's failures only: axes' own reset (AXES_RESET_ON_SUCCESS) also
                # wipes every failure from the address, other accounts' included, so anyone
                # with an account could sign in between guesses at another.
                AxesProxyHandler.reset_attempts(username=username)
        if refusal is not None:
            raise refusal
        return self.cleaned_data
