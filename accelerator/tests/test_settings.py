"""The settings refuse unsafe configurations and tune each database as documented."""

import os
import re

from .processes import BASE_DIR, run_django, run_python


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = run_django("print('started')", DEBUG="false")
    assert result.returncode == 1
    assert "started" not in result.stdout
    assert "ImproperlyConfigured: SECRET_KEY is not set." in result.stderr


def test_settings_use_a_development_key_only_with_debug_on():
    result = run_django(
        "from django.conf import settings; print(settings.SECRET_KEY[:16])", DEBUG="true"
    )
    assert result.stdout.strip() == "django-insecure-"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = run_django(code, SECRET_KEY="x", DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    assert result.stdout.split() == ["wal", "IMMEDIATE"]


def test_postgresql_uses_the_connection_pool():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['OPTIONS']['pool']['max_size'], d['CONN_MAX_AGE'])"
    )
    result = run_django(code, SECRET_KEY="x", DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert result.stdout.split() == ["django.db.backends.postgresql", "10", "0"]


def test_postgresql_waits_two_seconds_for_a_connection_with_or_without_the_pool():
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        "print(o['connect_timeout'], o.get('pool', {}).get('timeout'))"
    )
    url = "postgres://u@127.0.0.1:5432/db"
    pooled = run_django(code, SECRET_KEY="x", DATABASE_URL=url, DATABASE_POOL="true")
    assert pooled.stdout.split() == ["2", "2"]
    direct = run_django(code, SECRET_KEY="x", DATABASE_URL=url, DATABASE_POOL="false")
    assert direct.stdout.split() == ["2", "None"]


def test_every_environment_variable_is_documented_in_env_example():
    settings_modules = ["settings.py", "settings_backends.py"]
    settings_source = "".join((BASE_DIR / "accelerator" / m).read_text() for m in settings_modules)
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    documented = set(
        re.findall(r"^# ([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), flags=re.M)
    )
    assert read == documented
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "STATE_BRANDING"} <= read


def test_manage_py_without_secret_key_says_so_in_one_line():
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS"}}
    result = run_python(["manage.py", "check"], environment)
    assert result.returncode == 1
    assert result.stderr == (
        "Configuration error: SECRET_KEY is not set. Set it in the environment "
        "(see .env.example), or set DEBUG=true on a development machine.\n"
    )


def test_every_smtp_exchange_is_bounded_by_email_timeout():
    code = "from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    assert run_django(code, SECRET_KEY="x").stdout.split() == ["10"]
    assert run_django(code, SECRET_KEY="x", EMAIL_TIMEOUT="3").stdout.split() == ["3"]
