from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's data generator, staff session and trivial view (bench/README.md).

    Installed only when BENCH=true, so that no production instance ever offers a command
    that fills its database with fictitious rows, nor the /bench/ping address.
    """

    name = "bench"
    verbose_name = "Benchmark"
