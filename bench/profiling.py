"""What the profilers (`profile_miss.py`, `profile_requests.py`, `cpu_requests.py`) share:
the deployed settings (DEBUG off) on the bench's database and cache, their common options,
and the profile's top lines."""

import argparse
import io
import os
import pstats


def parser_of(doc, times, lines=25):
    """The options every profiler takes; each adds its own."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--times", type=int, default=times, help="requests of each kind")
    parser.add_argument("--lines", type=int, default=lines, help="profile lines per kind")
    parser.add_argument("--sort", default="cumulative", help="or tottime")
    return parser


def top_lines(profile, args):
    """The profile's first `--lines` lines, sorted by `--sort`, without pstats' header."""
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.lines)
    return out.getvalue().split("ncalls", 1)[-1]


def setup_django(args, **extra):
    """Configure the environment for `args.database_url` and `args.cache_url`, plus
    `extra` variables, then start Django."""
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "profile",
            "HTTPS": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "BENCH": "true",
            "DATABASE_URL": args.database_url,
            "CACHE_URL": args.cache_url,
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "accelerator.settings",
            **extra,
        }
    )
    import django

    django.setup()
