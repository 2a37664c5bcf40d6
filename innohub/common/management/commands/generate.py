"""`innohub generate --scale small|medium|national [--seed N]`: synthetic data for load tests."""

from django.core.management.base import BaseCommand, CommandError

from innohub.common.generate import SCALES, generate


class Command(BaseCommand):
    help = "Add a reproducible synthetic dataset (hubs, organisations, IP, bookings, events…)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        sizes = ", ".join(f"{k} {v:,}" for k, v in SCALES[options["scale"]].items())
        self.stdout.write(
            f"Generating the {options['scale']} dataset ({sizes}), seed {options['seed']}:"
        )
        try:
            generate(scale=options["scale"], seed=options["seed"], log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
