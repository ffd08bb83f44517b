"""Python in a child process, for tests of what is read once at start-up (the settings)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Set by the tests themselves (pytest.ini, the browser fixture), never by a real deployment.
NOT_INHERITED = {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(args, environment, check=False):
    """`python *args` in the project's folder with exactly `environment`, its output as text."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


def run_django(code, **env):
    """`code` run after `django.setup()`, with the environment of the tests but their own
    settings (NOT_INHERITED) and `env`."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update({"DJANGO_SETTINGS_MODULE": "accelerator.settings", **env})
    return run_python(["-c", f"import django; django.setup(); {code}"], environment)


def release_steps():
    """The `manage.py` commands of the Procfile's release line, in order."""
    line = (BASE_DIR / "Procfile").read_text().splitlines()[0].removeprefix("release:")
    steps = [command.split() for command in line.split("&&")]
    assert all(step[:2] == ["python", "manage.py"] for step in steps), steps
    return [step[2:] for step in steps]
