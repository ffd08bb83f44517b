"""The benchmark, from one command: `python bench/run.py` (see bench/README.md).

It prepares a PostgreSQL database with the bench data, starts gunicorn (3 workers, DEBUG
off) on 127.0.0.1, warms it up, then measures each page at 8 concurrent clients with `hey`
(installed with apt when missing) and the application POSTs with a small Python client
(each POST needs its own signed form stamp, which `hey`, sending one body, cannot give).
It samples the workers' resident memory all along, prints the table and writes it into
docs/performance.md between the bench markers. Every request goes to 127.0.0.1 only.
"""

# The script runs fixed local programs (manage.py, gunicorn, hey, apt-get) and talks to
# 127.0.0.1 only; its work folder is a parameter (BENCH_WORK_DIR).
# ruff: noqa: S603, S607, S310, S108
import argparse
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"
CONCURRENCY = 8
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def environment(args, cache_seconds=300):
    """What the application is run with: production settings, on this machine, for the bench."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": args.secret_key,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH": "true",
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "EMAIL_URL": "dummymail://",
        # As docs/deploy.md recommends in production: requests store e-mails, the mail
        # process sends them.
        "EMAIL_SEND_AT_ONCE": "false",
        "LOG_LEVEL": "WARNING",
        "APPLICATION_SUBMIT_LIMIT": "1000000",
        "APPLICATION_MIN_FILL_SECONDS": "0",
        "PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds),
        "MEDIA_ROOT": str(args.work / "media"),
        "PRIVATE_MEDIA_ROOT": str(args.work / "private"),
    }


def manage(env, *arguments, capture=False):
    command = [PYTHON, "manage.py", *arguments]
    if capture:
        return subprocess.run(
            command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return ""


def ensure_hey():
    if shutil.which("hey"):
        return shutil.which("hey")
    print("== Installing hey (apt-get install hey)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "hey"], check=True)
    return shutil.which("hey")


def ensure_database(url):
    """CREATE DATABASE when it is missing (the URL's user must be allowed to)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"== Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def flush_cache(url):
    import redis

    redis.Redis.from_url(url).flushdb()


class Server:
    """gunicorn with the project's gunicorn.conf.py, and a sampler of its workers' memory."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [
                *(PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"),
                *("--bind", f"{HOST}:{PORT}", "--workers", "3", "accelerator.wsgi"),
            ],
            cwd=ROOT,
            env=env,
        )
        self.peak_rss = {}
        self.stop_sampling = threading.Event()
        self.sampler = threading.Thread(target=self.sample, daemon=True)

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(BASE + "/bench/ping", timeout=2) as response:  # nosec B310
                    if response.status == 200:
                        self.sampler.start()
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer on /bench/ping")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def sample(self):
        while not self.stop_sampling.wait(0.5):
            for pid in self.workers():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                found = re.search(r"VmRSS:\s+(\d+)", status)
                if found:  # a worker that is exiting has no resident set any more
                    self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), int(found.group(1)))

    def stop(self):
        self.stop_sampling.set()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        return max(self.peak_rss.values(), default=0) / 1024


def hey(binary, url, seconds, cookie=None, concurrency=CONCURRENCY):
    command = [binary, "-z", f"{seconds}s", "-c", str(concurrency), "-disable-redirects"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    if "Latency distribution" not in output:
        raise RuntimeError(f"hey got no answer from {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"(\d+)%+ in ([\d.]+) secs", output))
    # With very few answers hey leaves the top percentiles out: the slowest stands in.
    slowest = re.search(r"Slowest:\s+([\d.]+) secs", output).group(1)
    p50, p95 = (float(percentiles.get(p, slowest)) * 1000 for p in ("50", "95"))
    codes = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", output))
    return {"rate": rate, "p50": p50, "p95": p95, "codes": {k: int(v) for k, v in codes.items()}}


def multipart(fields, boundary):
    body = b""
    for name, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="presentation"; '
            f'filename="projet.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + PDF
        + b"\r\n"
    )
    return body + f"--{boundary}--\r\n".encode()


def application_fields(number):
    return {
        "contact_email": f"banc{number}@example.org",
        "organisation_name": f"Collectif du banc {number}",
        "project_name": f"Projet du banc {number}",
        "organisation_type": "public_administration",
        "commons_nature": "digital",
        "description": "Des cartes libres pour les collectivités.",
        "resource_pooling": "Les données sont partagées sous licence ODbL.",
        "commons_rationale": "Licence libre et gouvernance partagée.",
        "website": "https://cartes-libres.example.org",
        "budget_last_year": "120000",
        "budget_year_before": "95000",
        "main_funders": "Fondation X, région Y",
        "has_paid_activity": "False",
        "has_related_structures": "False",
        "contributors_count": "40",
        "availability_confirmed": "on",
        "referent1-first_name": "Camille",
        "referent1-last_name": "Durand",
        "referent1-email": f"camille{number}@example.org",
        "referent1-phone": "01 23 45 67 89",
        "referent1-role": "Présidente",
        "problem": "Les petites communes n’ont pas de cartes à jour.",
        "main_impact": "Des cartes à jour dans 500 communes.",
        "impact_indicator": "communes équipées",
        "impact_indicator_unit": "communes",
        "impact_baseline": "12",
        "impact_target": "500",
        "impact_strategy": "Former des relais départementaux.",
        "state_collaboration_goals": "Travailler avec l’IGN.",
        "other_actors": "OpenStreetMap France.",
        "goal_1": "Financer un développeur.",
        "heard_about": "website",
        "action": "send",
    }


def post_applications(path, stamps, seconds):
    """8 clients sending complete applications for `seconds`; each body has its own stamp.

    The CSRF cookie holds a secret chosen here, and the form sends that same secret as its
    token, as Django accepts. Returns the rate, the latencies and the responses by status.
    """
    csrf = secrets.token_hex(16)
    stamps = iter(stamps)
    lock = threading.Lock()
    latencies, statuses = [], {}
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                number, stamp = next(stamps)
            boundary = uuid.uuid4().hex
            fields = {**application_fields(number), "stamp": stamp, "csrfmiddlewaretoken": csrf}
            body = multipart(fields, boundary)
            started = time.monotonic()
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Cookie": f"csrftoken={csrf}",
                },
            )
            response = connection.getresponse()
            response.read()
            elapsed = time.monotonic() - started
            sent = response.status == 302 and "/envoyee/" in (response.getheader("Location") or "")
            with lock:
                latencies.append(elapsed)
                key = "302 sent" if sent else str(response.status)
                statuses[key] = statuses.get(key, 0) + 1
        connection.close()

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        for future in [pool.submit(client) for _ in range(CONCURRENCY)]:
            future.result()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rate": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "codes": statuses,
    }


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accelerator.settings")
    import django

    django.setup()


def targets_of(args):
    """The pages measured: (label, path, needs the staff session, laureate/admin target)."""
    from django.urls import reverse

    from laureates.models import Domain, Laureate
    from seasons.models import Call, Season, Submission

    season = Season.objects.filter(slug__startswith="banc-saison-").order_by("-number").first()
    call = Call.objects.filter(season=season).order_by("pk").first()
    laureate = Laureate.objects.published().filter(slug__startswith="banc-laureat-").first()
    domain = Domain.objects.filter(slug__startswith="banc-").order_by("pk").first()
    searched = Submission.objects.exclude(reference="").order_by("pk")[5000]
    word = laureate.name.split()[0]
    admin_list = reverse("admin:seasons_submission_changelist")
    return [
        ("Trivial view (/bench/ping)", "/bench/ping", False),
        ("Home", "/", False),
        ("Laureate list", "/laureats/", False),
        (
            "Laureate list, filtered",
            f"/laureats/?saison={season.slug}&domaine={domain.slug}",
            False,
        ),
        ("Laureate list, searched", f"/laureats/?q={urllib.parse.quote(word)}", False),
        ("Laureate list, page 50", "/laureats/?page=50", False),
        ("Laureate page", laureate.get_absolute_url(), False),
        ("Call page", call.get_absolute_url(), False),
        ("Admin: applications (100k)", admin_list, True),
        (
            "Admin: search a name",
            admin_list + "?q=" + urllib.parse.quote(searched.project_name),
            True,
        ),
    ], call


def row(label, result, floor):
    codes = ", ".join(f"{code}: {n}" for code, n in sorted(result["codes"].items()))
    ratio = result["rate"] / floor if floor else 0
    return (
        f"| {label} | {result['rate']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
        f"| {ratio:.0%} | {codes} |"
    )


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def write_report(lines):
    text = REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    REPORT.write_text(before + START + "\n" + "\n".join(lines) + "\n" + END + after)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/accelerator_bench"
        ),
    )
    parser.add_argument(
        "--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
    )
    parser.add_argument("--seconds", type=int, default=10, help="length of each measure")
    parser.add_argument("--no-report", action="store_true", help="do not write the report")
    args = parser.parse_args()
    args.secret_key = secrets.token_urlsafe(40)
    args.work = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/accelerator-bench"))
    hey_binary = ensure_hey()
    ensure_database(args.database_url)
    flush_cache(args.cache_url)
    env = environment(args)
    print("== Migrating, generating the data (once per database), collecting static files")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "generate_bench_data", "--if-empty")
    manage(env, "collectstatic", "--noinput", "-v0")
    session = manage(env, "bench_staff_session", capture=True).strip().splitlines()[-1]
    setup_django(env)
    pages, call = targets_of(args)
    from django.conf import settings

    from seasons.applying import antispam
    from seasons.models import Submission, SubmissionStatus

    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    results = []
    server = Server(env)
    try:
        server.wait_ready()
        print("== Warming up")
        for _label, path, staff in pages:
            hey(hey_binary, BASE + path, 2, cookie if staff else None)
        for label, path, staff in pages:
            result = hey(hey_binary, BASE + path, args.seconds, cookie if staff else None)
            results.append((label, result))
            print(row(label, result, results[0][1]["rate"]))
        # Staff are a handful: the admin pages again with one client, one request at a time.
        for label, path, staff in pages:
            if staff:
                result = hey(hey_binary, BASE + path, args.seconds, cookie, concurrency=1)
                results.append((label + ", 1 client", result))
                print(row(label + ", 1 client", result, results[0][1]["rate"]))
        apply_path = f"/saisons/{call.season.slug}/appels/{call.slug}/candidater/"
        before = Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count()
        stamps = ((n, antispam.form_stamp(secrets.token_urlsafe(32))) for n in range(10**6))
        posts = post_applications(apply_path, stamps, args.seconds)
        stored = Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count() - before
        posts["stored"] = stored
        results.append(("Application POSTs (sent)", posts))
        print(row("Application POSTs (sent)", posts, results[0][1]["rate"]))
    finally:
        peak_cached = server.stop()

    # The same public pages with the page cache off: what a miss costs.
    uncached = []
    server = Server(environment(args, cache_seconds=0))
    try:
        server.wait_ready()
        for label, path, _staff in pages[1:8]:
            hey(hey_binary, BASE + path, 1)
            result = hey(hey_binary, BASE + path, args.seconds)
            uncached.append((label + ", cache off", result))
            print(row(label + ", cache off", result, results[0][1]["rate"]))
    finally:
        peak_uncached = server.stop()

    floor = results[0][1]["rate"]
    lines = [
        f"Measured on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {machine()}; "
        f"PostgreSQL and Redis on the same machine; gunicorn with 3 sync workers, DEBUG off; "
        f"{CONCURRENCY} concurrent clients unless the line says otherwise, {args.seconds} s "
        "per line (hey for GETs, a Python client for the POSTs).",
        "",
        "| Page | req/s | p50 (ms) | p95 (ms) | vs trivial | responses |",
        "|---|---:|---:|---:|---:|---|",
        *[row(label, result, floor) for label, result in results + uncached],
        "",
        f"Application POSTs: {posts['codes'].get('302 sent', 0)} accepted responses, "
        f"{posts['stored']} new sent applications in the database "
        f"({posts['codes'].get('302 sent', 0) - posts['stored']} lost).",
        f"Largest resident memory of a gunicorn worker: {peak_cached:.0f} MB (page cache on), "
        f"{peak_uncached:.0f} MB (page cache off).",
    ]
    print("\n".join(lines))
    if not args.no_report:
        write_report(lines)
        print(f"== Written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
