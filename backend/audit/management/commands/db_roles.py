"""`manage.py db_roles` (run as the owner role, after `migrate`): the role the web and the
worker log in as, with the privileges the application needs and no more. The role's name
comes from `--app-role` or DB_APP_ROLE (default `zsss_app`), its password from the
environment variable DB_APP_PASSWORD (never the command line: it would show in process
lists). docs/operations.md, "Database roles"."""

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from backend.audit.db_roles import RoleError, grant_app_role


class Command(BaseCommand):
    help = "Create or update the application's database role (PostgreSQL; run as the owner)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--app-role", default=os.environ.get("DB_APP_ROLE", "zsss_app"))
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, app_role: str, database: str, **options: Any) -> None:
        connection = connections[database]
        password = os.environ.get("DB_APP_PASSWORD") or None
        try:
            with transaction.atomic(using=database):
                statements = grant_app_role(connection, app_role, password)
        except RoleError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 2:
            for statement in statements:
                self.stdout.write(statement)
        self.stdout.write(f"Role {app_role}: privileges of the application, owns nothing.")
