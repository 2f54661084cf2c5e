"""Two protections Django 5.2 does not ship: a Content-Security-Policy header and a throttle
on admin sign-in attempts."""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse

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


def _client_address(request):
    # Behind the proxy, the address the proxy saw is the first X-Forwarded-For entry.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def _counter_key(kind, value):
    # Hashed: a username or a forwarded address may hold spaces, control characters or more
    # than 250 characters, which cache backends refuse (memcached) or warn about (the others).
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
    return f"login-failures:{kind}:{digest}"


def _account_key(username):
    return _counter_key("user", username.lower()[:150])


def _failure_keys(request, username):
    # Per account (guessing one password from many addresses) and per address (one address
    # trying many accounts).
    return [_account_key(username), _counter_key("addr", _client_address(request))]


class LoginThrottleMiddleware:
    """Refuse admin sign-in with 429 after LOGIN_FAILURE_LIMIT failures in the window."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == "/admin/login/":
            username = request.POST.get("username", "")
            counts = cache.get_many(_failure_keys(request, username))
            if any(n >= settings.LOGIN_FAILURE_LIMIT for n in counts.values()):
                minutes = settings.LOGIN_FAILURE_WINDOW // 60
                return HttpResponse(
                    f"Too many failed sign-in attempts. Try again in {minutes} minutes.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                    headers={"Retry-After": str(settings.LOGIN_FAILURE_WINDOW)},
                )
        return self.get_response(request)


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key in _failure_keys(request, credentials.get("username", "")):
        cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


@receiver(user_logged_in)
def forget_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(_account_key(user.get_username()))
