"""``gaoxin demo``: a demo zone on SQLite in the data directory, served on 127.0.0.1 with the worker."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Role
from gaoxin.core.management.commands.serve import serve
from gaoxin.demo.catalogue import ZONE_NAME
from gaoxin.demo.loader import SIZES, DemoStep, DemoWipeBlocked, load_demo, wipe_demo
from gaoxin.demo.zone import DEMO_PASSWORD, DEMO_USERS, DEPARTMENTS
from gaoxin.enterprises.models import Enterprise

ADDRESS = "127.0.0.1"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(row[k]) for row in rows) for k in range(len(rows[0]))]
    return [
        "  ".join(
            cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = "Load the demo zone (unless the database has enterprises already), then serve it with the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=["tiny", "small", "large"],
            default="small",
            help="tiny: 60 enterprises, for tests.",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the demo and stop; do not serve it."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Wipe the demo data first, then load it again."
        )
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(_("Data directory: %(path)s") % {"path": settings.DATA_DIR})
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            try:
                wipe_demo()
            except DemoWipeBlocked as error:
                raise CommandError(_(error.msgid)) from error
            self.stdout.write(_("The demo data has been wiped."))
        existing = Enterprise.objects.count()
        if existing:
            self.stdout.write(
                _(
                    "The database holds %(count)s enterprises already; the demo is not loaded again (--reset reloads it)."
                )
                % {"count": f"{existing:,}"}
            )
        else:
            size = options["size"]
            self.stdout.write(
                _("Loading the demo zone %(zone)s with %(count)s enterprises …")
                % {"zone": ZONE_NAME, "count": f"{SIZES[size]:,}"}
            )
            summary = load_demo(size, progress=self.show_step)
            self.stdout.write(_("Demo zone loaded in %(seconds).1f s.") % {"seconds": summary.seconds})
        self.show_logins(options["port"])
        if not options["no_serve"]:
            serve(ADDRESS, options["port"], stdout=self.stdout)

    def show_step(self, step: DemoStep) -> None:
        self.stdout.write(
            _("  %(step)s: %(count)s (%(seconds).1f s)")
            % {"step": _(step.label), "count": f"{step.count:,}", "seconds": step.seconds}
        )

    def show_logins(self, port: int) -> None:
        departments = {spec.code: spec.name for spec in DEPARTMENTS}
        contact_of = (
            Enterprise.objects.filter(contacts__username="qiye").values_list("name", flat=True).first()
        )
        rows = [[_("Username"), _("Role"), _("Works for"), _("Password")]]
        for spec in DEMO_USERS:
            works_for = departments[spec.department] if spec.department else ""
            if spec.role == Role.ENTERPRISE_CONTACT:
                works_for = contact_of or ""
            rows.append([spec.username, str(Role(spec.role).label), works_for, DEMO_PASSWORD])
        self.stdout.write("")
        self.stdout.write(_("Open %(url)s and sign in as one of:") % {"url": f"http://{ADDRESS}:{port}/"})
        for line in table(rows):
            self.stdout.write("  " + line)
        self.stdout.write("")
