"""`manage.py generate_bench_data`: the benchmark's data set, in bulk (see bench/data.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from bench.data import Scale, generate
from seasons.models import Season


class Command(BaseCommand):
    help = (
        "Add 20 seasons, 200 calls, 100,000 applications with referents and reviews, and "
        "5,000 laureates with 60,000 milestones, for the benchmark. Prints the time taken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--submissions", type=int, default=Scale.submissions, help="applications to add"
        )
        parser.add_argument(
            "--laureates", type=int, default=Scale.laureates, help="laureates to add"
        )
        parser.add_argument(
            "--scale",
            type=int,
            help="N laureates and 20 N applications (instead of --submissions, --laureates)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when bench data is already there",
        )

    def handle(self, *args, **options):
        if Season.objects.filter(slug__startswith="banc-saison-").exists():
            if options["if_empty"]:
                self.stdout.write("Bench data already there: nothing added.")
                return
            raise CommandError("Bench data is already there: use a new database.")
        if options["scale"]:
            scale = Scale.of(options["scale"])
        else:
            scale = Scale(submissions=options["submissions"], laureates=options["laureates"])
        started = time.monotonic()
        counts = generate(scale, report=lambda line: self.stdout.write(f"  {line}"))
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary} in {elapsed:.1f} s."))
