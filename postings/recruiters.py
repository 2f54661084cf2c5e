"""Give a person a recruiter account for a company, and a link to set its password.

`add_recruiter` creates the account (staff, in the Recruiters group, with no usable password)
or reuses the one with that email, and attaches the company; running it twice changes nothing.
Nobody ever types, sees or sends a password: `password_set_link` gives a one-time link to
Django's password-reset form instead. The token in it is invalidated as soon as the password
changes, and expires after PASSWORD_RESET_TIMEOUT.
"""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import RECRUITERS, Company


class RecruiterError(ValueError):
    """Bad input, with a message a person can act on."""


class Recruiter(NamedTuple):
    user: object
    company: Company
    created: bool  # a new account
    attached: bool  # the company was not yet the account's


def find_company(ref):
    """The company whose slug is `ref` (in any case), or whose name is, however spelled
    (postings/companies.py), or was before a merge; slugs win."""
    ref = ref.strip()
    company = Company.objects.filter(slug__iexact=ref).first() or Company.objects.named(ref)
    if company is None:
        raise RecruiterError(f"No company with the slug or name '{ref}'.")
    return company


def normalize_email(email):
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RecruiterError(f"'{email}' is not a valid email address.") from None
    return email


@transaction.atomic
def add_recruiter(email, company_ref):
    """Make the account with this email a recruiter for the company; create it if need be."""
    email = normalize_email(email)
    company = find_company(company_ref)
    User = get_user_model()

    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise RecruiterError(f"More than one account has the email {email}; fix that first.")
    if accounts:
        user, created = accounts[0], False
        if not user.is_active:
            # Deactivated on purpose, presumably: reviving it is a decision for the admin.
            raise RecruiterError(f"The account {email} is deactivated; reactivate it first.")
    elif User.objects.filter(username__iexact=email).exists():
        raise RecruiterError(f"An account named {email} exists with another email; fix that first.")
    else:
        user, created = User(username=email, email=email, is_staff=True), True
        user.set_unusable_password()
        user.save()

    if not user.is_superuser:  # superusers see everything already; leave their flags alone
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=RECRUITERS))

    attached = not company.recruiters.filter(pk=user.pk).exists()
    company.recruiters.add(user)
    return Recruiter(user, company, created, attached)


def password_set_link(user, base_url):
    """A one-time link to the form where `user` chooses a password."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path
