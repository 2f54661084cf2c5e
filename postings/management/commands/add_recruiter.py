from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from postings.recruiters import RecruiterError, add_recruiter, password_set_link


class Command(BaseCommand):
    help = (
        "Make the account with this email a recruiter for a company (creating it if need be) "
        "and print a one-time link for setting its password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("company", help="the company's slug or exact name (any case)")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            help="where the board is served, for the link (default: the SITE_URL setting)",
        )

    def handle(self, *args, email, company, base_url, **options):
        try:
            recruiter = add_recruiter(email, company)
        except RecruiterError as error:
            raise CommandError(str(error)) from None
        user, name = recruiter.user, recruiter.company.name
        if recruiter.created:
            self.stdout.write(f"Created recruiter {user.email} for {name}.")
        elif recruiter.attached:
            self.stdout.write(f"Added {name} to existing account {user.email}.")
        else:
            self.stdout.write(f"{user.email} already recruits for {name}; nothing to add.")
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        valid_for = f"{hours // 24} days" if hours >= 48 else f"{hours} hours"
        self.stdout.write(f"Link to set the password (works once, for {valid_for}):")
        self.stdout.write(password_set_link(user, base_url))
