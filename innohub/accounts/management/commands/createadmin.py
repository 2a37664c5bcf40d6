"""Create (or reset) a network administrator account."""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import role_grant


class Command(BaseCommand):
    help = "Create a network administrator (a superuser) or reset its password."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            help="The password; else INNOHUB_ADMIN_PASSWORD, else asked for on the terminal.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        password = options["password"] or os.environ.get("INNOHUB_ADMIN_PASSWORD")
        if not password:
            if not os.isatty(0):
                raise CommandError(_("Give --password or set INNOHUB_ADMIN_PASSWORD."))
            password = getpass.getpass(_("Password: "))
        user, created = User.objects.get_or_create(
            username=options["username"], defaults={"email": options["email"]}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        role_grant(user=user, kind=RoleKind.NETWORK_ADMIN)
        verb = _("Created") if created else _("Updated")
        self.stdout.write(f"{verb}: {user.username}")
