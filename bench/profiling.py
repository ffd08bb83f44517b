"""What both profilers (`profile_miss.py`, `profile_requests.py`) set before Django starts:
the deployed settings (DEBUG off) on the bench's database and cache."""

import os


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
