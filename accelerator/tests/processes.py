"""Python in a child process, for tests of what is read once at start-up (the settings);
waiting for a server started in one to answer."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


def wait_until_up(url, path="/", timeout=30, error_status_fails=False):
    """Poll `url + path` until it answers, at most `timeout` seconds. With
    `error_status_fails`, an error status ends the wait at once: the server is up, unwell."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + path, timeout=2).read()
            return
        except urllib.error.HTTPError as error:
            if error_status_fails:
                raise AssertionError(f"{path} answered {error.code}: {error.read()!r}") from error
            time.sleep(0.2)
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start within {timeout} s")
