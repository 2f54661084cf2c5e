"""The settings file, as the test suite runs it: production-like (DEBUG off), plus a key."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from .settings import *  # noqa: E402,F403

# Hashing test users' passwords at full strength only slows the suite down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Static files come straight from static/ in tests; no collectstatic step is needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The test client speaks plain HTTP; the redirect to HTTPS has its own test.
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Pages render afresh in tests, so query counts measure the real work; tests/test_cache.py
# turns the page cache on where it is the subject.
PAGE_CACHE = False
CATALOGUE_LISTEN = False  # a test enables it: its session would keep the test database open
