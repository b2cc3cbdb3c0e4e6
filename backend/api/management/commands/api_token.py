"""Create a personal API token for a user and print its key (e.g. for a system account)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.accounts.models import User
from backend.api.services import token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print the key (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="CLI", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as error:
            raise CommandError(f"No user {options['username']!r}.") from error
        _token, key = token_create(user=user, name=options["name"])
        self.stdout.write(key)
