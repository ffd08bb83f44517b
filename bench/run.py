"""The benchmark, from one command: `python bench/run.py` (see bench/README.md).

It prepares a PostgreSQL database with the bench data (bench/data.py), starts gunicorn
(bench/server.py), warms it up, then measures each page (bench/scenarios.py) at 8
concurrent clients with `hey` and the application POSTs with a small Python client
(bench/load.py). It prints the table and writes it into docs/performance.md between the
bench markers (bench/report.py). Every request goes to 127.0.0.1 only.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import CONCURRENCY, hey, post_applications
from bench.report import REPORT, machine, row, write_report
from bench.scenarios import targets_of
from bench.server import (
    BASE,
    ROOT,
    Server,
    ensure_database,
    ensure_hey,
    environment,
    flush_cache,
    manage,
    setup_django,
)


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
    args.work = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/accelerator-bench"))  # noqa: S108
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
