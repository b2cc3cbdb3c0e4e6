"""`manage.py personal_data export --user X` prints (or writes) what the system holds about
a person as JSON; `manage.py personal_data erase --user X` anonymises the account and keeps
the legal record. X is a username, an e-mail address or a user id. docs/personal-data.md."""

import json
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from backend.audit.personal_data import personal_data_erase, personal_data_export


class Command(BaseCommand):
    help = "Export or erase (anonymise) a person's data (GDPR); see docs/personal-data.md."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("--user", required=True, help="username, e-mail or id")
        parser.add_argument("--output", help="export: write the JSON to this file")
        parser.add_argument(
            "--no-input", action="store_true", help="erase: do not ask for confirmation"
        )

    def handle(self, *args: Any, action: str, user: str, **options: Any) -> None:
        person = self._user(user)
        if action == "export":
            text = json.dumps(personal_data_export(user=person), ensure_ascii=False, indent=2)
            if options.get("output"):
                with open(options["output"], "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            else:
                self.stdout.write(text)
            return
        if not options.get("no_input"):
            answer = input(f"Anonymise the account {person.username} (id {person.pk})? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "a", "ano"}:
                raise CommandError("Nothing was changed.")
        personal_data_erase(user=person)
        self.stdout.write(f"Account {person.pk} anonymised; the legal record keeps its id.")

    @staticmethod
    def _user(value: str) -> Any:
        users = get_user_model().objects
        match = Q(username=value) | Q(email__iexact=value)
        if value.isdigit():
            match |= Q(pk=int(value))
        found = list(users.filter(match)[:2])
        if len(found) != 1:
            raise CommandError(f"No single user matches “{value}” ({len(found)} found).")
        return found[0]
