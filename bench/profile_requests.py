"""Where a sending and the admin's list spend their time: cProfile over a few requests.

`python bench/profile_requests.py --database-url postgres://…/accelerator_bench_s5000`
sends `--times` complete applications (the bench's own answers, each with its own stamp)
to the bench's call, then opens the admin's list of applications and its search for a
name as the bench's superuser, through Django's whole request handling (the test client,
in this process, DEBUG off). For each it prints this process's CPU time a request (what
the machine's load changes least; PostgreSQL's share is not in it), the wall time, the
time under the profiler, the statements a request sends to PostgreSQL (each, with
`--sql`) and the profile's top lines. It adds sent applications to the database, as the
bench does.
"""

import cProfile
import io
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.profiling import parser_of, setup_django, top_lines


def setup(args):
    setup_django(
        args,
        **{
            "EMAIL_URL": "dummymail://",
            "EMAIL_SEND_AT_ONCE": "false",
            "APPLICATION_SUBMIT_LIMIT": "1000000",
            "APPLICATION_MIN_FILL_SECONDS": "0",
            "PRIVATE_MEDIA_ROOT": "/tmp/accelerator-bench-profile/private",  # noqa: S108
        },
    )


def measure(label, request, args):
    """Run `request()` once to warm, once counting its statements, then `--times` times
    under cProfile; print the figures and the top lines."""
    from django.db import connection

    request(0)
    queries = []

    def count(run, sql, *rest):
        queries.append(sql)
        return run(sql, *rest)

    with connection.execute_wrapper(count):
        request(1)
    # This process's CPU time, without the profiler: what the machine's load barely
    # changes, unlike the wall time (PostgreSQL's share is not in it).
    cpu, wall = time.process_time(), time.perf_counter()
    for n in range(args.times):
        request(args.times + n + 2)
    cpu = (time.process_time() - cpu) / args.times * 1000
    wall = (time.perf_counter() - wall) / args.times * 1000
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for n in range(args.times):
        request(n + 2)
    profile.disable()
    per_request = (time.perf_counter() - started) / args.times * 1000
    print(f"\n## {label}: {cpu:.1f} ms of CPU a request ({wall:.1f} ms wall), ", end="")
    print(f"{per_request:.1f} ms under the profiler, {len(queries)} statements")
    if args.sql:
        for n, sql in enumerate(queries, start=1):
            print(f"{n:3d}. {' '.join(sql.split())[:160]}")
    print(top_lines(profile, args))


def main():
    parser = parser_of(__doc__, times=10)
    parser.add_argument("--only", help="only the kinds whose label contains this")
    parser.add_argument("--sql", action="store_true", help="print each statement")
    args = parser.parse_args()
    setup(args)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from bench.load import PDF, application_fields
    from bench.scenarios import ADMIN, targets_of
    from seasons.applying import antispam

    pages, call = targets_of()
    apply_path = f"/saisons/{call.season.slug}/appels/{call.slug}/candidater/"
    client = Client(HTTP_HOST="127.0.0.1")
    base = secrets.randbelow(10**9)

    def send(n):
        from django.core.files.uploadedfile import SimpleUploadedFile

        stamp = antispam.form_stamp(secrets.token_urlsafe(32))
        data = {**application_fields(base + n), "stamp": stamp}
        data["presentation"] = SimpleUploadedFile("projet.pdf", PDF, "application/pdf")
        response = client.post(apply_path, data)
        if response.status_code != 302 or "/envoyee/" not in response["Location"]:
            raise SystemExit(f"The sending was refused: {response.status_code}")

    kinds = [("Sending an application", send)]
    out = io.StringIO()
    call_command("bench_staff_session", stdout=out)
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.cookies[settings.SESSION_COOKIE_NAME] = out.getvalue().strip().splitlines()[-1]
    for label, path, is_staff in pages:
        if is_staff and label in ADMIN:
            kinds.append((label, lambda n, path=path: check(staff.get(path))))
    for label, request in kinds:
        if not args.only or args.only in label:
            measure(label, request, args)


def check(response):
    if response.status_code != 200:
        raise SystemExit(f"The page answered {response.status_code}")


if __name__ == "__main__":
    main()
