"""The benchmark, from one command: `python bench/run.py` (see bench/README.md).

It prepares a PostgreSQL database with the bench data (bench/data.py; with `--scales`,
one database per scale, built once and reused), starts gunicorn
(bench/server.py), warms it up, then measures each page (bench/scenarios.py) at 8
concurrent clients with `hey` and the application POSTs with a small Python client
(bench/load.py). It prints the table and writes it into docs/performance.md between the
bench markers (bench/report.py); over several scales, one table per page and a chart
(bench/chart.py). Every request goes to 127.0.0.1 only.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.chart import write_chart
from bench.load import hey, post_applications
from bench.report import REPORT, curve_lines, row, table_lines, write_report
from bench.scenarios import PUBLIC, targets_of
from bench.server import (
    BASE,
    ROOT,
    Server,
    database_of,
    ensure_database,
    ensure_hey,
    environment,
    flush_cache,
    manage,
    setup_django,
    use_database,
)


def build(args, url, scale):
    """Migrate the scale's database and generate its data set unless it is there already;
    returns the application's environment and the seconds the build took (None: reused)."""
    ensure_database(url)
    env = environment(args, url)
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    sized = ["--scale", str(scale)] if scale else []
    output = manage(env, "generate_bench_data", "--if-empty", *sized, capture=True)
    print(output.rstrip())
    return env, (time.monotonic() - started if "Created" in output else None)


def measure(args, hey_binary, scale):
    """Every page of one scale's data set, cache on then off; the POSTs; the memory."""
    url = database_of(args.database_url, scale)
    flush_cache(args.cache_url)
    print(f"== Scale {scale or 'default'}: {url.rsplit('/', 1)[-1]}")
    env, build_seconds = build(args, url, scale)
    session = manage(env, "bench_staff_session", capture=True).strip().splitlines()[-1]
    setup_django(env)
    use_database(url)
    from django.conf import settings

    from seasons.applying import antispam
    from seasons.models import Submission, SubmissionStatus

    pages, call = targets_of()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    run = {"scale": scale, "build": build_seconds, "load": [os.getloadavg()[0]]}
    results, floor = {}, None
    server = Server(env)
    try:
        server.wait_ready()
        for _label, path, staff in pages:
            hey(hey_binary, BASE + path, 2, cookie if staff else None)
        # Staff are a handful: the admin pages again with one client at a time.
        staff_pages = [(label + ", 1 client", path, True, 1) for label, path, s in pages if s]
        for label, path, staff, clients in [(*page, 8) for page in pages] + staff_pages:
            result = hey(hey_binary, BASE + path, args.seconds, staff and cookie, clients)
            results[label] = result
            floor = floor or result["rate"]
            print(row(label, result, floor))
        apply_path = f"/saisons/{call.season.slug}/appels/{call.slug}/candidater/"
        sent = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
        before = sent.count()
        stamps = ((n, antispam.form_stamp(secrets.token_urlsafe(32))) for n in range(10**6))
        posts = post_applications(apply_path, stamps, args.seconds)
        posts["stored"] = sent.count() - before
        results["Application POSTs (sent)"] = posts
        print(row("Application POSTs (sent)", posts, floor))
    finally:
        run["peak_cached"] = server.stop()

    # The same public pages with the page cache off: what a miss costs.
    server = Server(environment(args, url, cache_seconds=0))
    try:
        server.wait_ready()
        for label, path, _staff in pages:
            if label in PUBLIC:
                hey(hey_binary, BASE + path, 1)
                results[label + ", cache off"] = hey(hey_binary, BASE + path, args.seconds)
                print(row(label + ", cache off", results[label + ", cache off"], floor))
    finally:
        run["peak_uncached"] = server.stop()
    run["load"].append(os.getloadavg()[0])
    run["results"] = results
    return run


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
    parser.add_argument("--scale", type=int, help="N laureates, 20 N applications, …")
    parser.add_argument("--scales", help="several scales, e.g. 50,500,5000,50000")
    parser.add_argument("--seconds", type=int, help="length of each measure (10, 5 with --scales)")
    parser.add_argument("--no-report", action="store_true", help="do not write the report")
    args = parser.parse_args()
    scales = [int(n) for n in args.scales.split(",")] if args.scales else [args.scale]
    args.seconds = args.seconds or (5 if args.scales else 10)
    args.secret_key = secrets.token_urlsafe(40)
    args.work = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/accelerator-bench"))  # noqa: S108
    hey_binary = ensure_hey()
    started = time.monotonic()
    manage(environment(args, args.database_url), "collectstatic", "--noinput", "-v0")
    runs = [measure(args, hey_binary, scale) for scale in scales]
    minutes = (time.monotonic() - started) / 60
    if args.scales:
        lines, markers = curve_lines(runs, args.seconds, minutes), "bench-curve"
        if not args.no_report:
            print(f"== Chart written to {write_chart(runs).relative_to(ROOT)}")
    else:
        lines, markers = table_lines(runs[0], args.seconds), "bench"
    print("\n".join(lines))
    if not args.no_report:
        write_report(lines, markers)
        print(f"== Written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
