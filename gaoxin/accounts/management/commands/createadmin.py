"""``gaoxin createadmin``: create an administrator, asking for what the options and environment do not give."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.accounts.services import user_create

PASSWORD_VARIABLE = "GAOXIN_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = "Create an administrator account (password from --password, GAOXIN_ADMIN_PASSWORD or a prompt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username")
        parser.add_argument(
            "--password", help=f"Better given in the environment variable {PASSWORD_VARIABLE}."
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt; fail if something is missing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = options["interactive"] and sys.stdin.isatty()
        try:
            username = options["username"] or (input(_("Username: ")).strip() if interactive else "")
            if not username:
                raise CommandError(_("Give the administrator's username with --username."))
            if User.objects.filter(username=username).exists():
                raise CommandError(_("A user named “%(username)s” exists already.") % {"username": username})
            password = options["password"] or os.environ.get(PASSWORD_VARIABLE, "")
            if not password and interactive:
                password = getpass.getpass(_("Password: "))
                if getpass.getpass(_("Password (again): ")) != password:
                    raise CommandError(_("The two passwords differ."))
        except (EOFError, KeyboardInterrupt) as error:
            raise CommandError(_("Cancelled; no user was created.")) from error
        if not password:
            raise CommandError(
                _("Give the password with --password or in the environment variable %(variable)s.")
                % {"variable": PASSWORD_VARIABLE}
            )
        try:
            validate_password(password, user=User(username=username, role=Role.ADMINISTRATOR))
        except ValidationError as error:
            raise CommandError(
                _("The password is not accepted: %(reasons)s") % {"reasons": " ".join(error.messages)}
            ) from error
        try:
            user_create(username=username, password=password, role=Role.ADMINISTRATOR)
        except ValidationError as error:
            raise CommandError(
                _("The user cannot be created: %(reasons)s") % {"reasons": " ".join(error.messages)}
            ) from error
        self.stdout.write(_("Administrator “%(username)s” created.") % {"username": username})
