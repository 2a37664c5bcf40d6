"""`innohub demo`: reset the database and load the demo hub."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from innohub.common.demo import demo_logins, demo_reset


class Command(BaseCommand):
    help = "Empty the database and load the China–Israel Innovation Hub demo and its network."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading the demo hub…")
        demo_reset(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo hub loaded. Demo sign-ins:"))
        for login in demo_logins():
            self.stdout.write(
                f"  {login.username:<14} {settings.INNOHUB_DEMO_PASSWORD:<14} {login.description}"
            )
