"""`innohub apitoken USERNAME [--name N]`: create a personal API token and print it once."""

from django.core.management.base import BaseCommand, CommandError

from innohub.accounts.models import User
from innohub.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user (printed once; only its hash is stored)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['username']!r}.")
        _token, key = api_token_create(user=user, name=options["name"])
        self.stdout.write(key)
