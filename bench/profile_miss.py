"""Where a cache miss of the public pages spends its time: cProfile over a few renders.

`python bench/profile_miss.py --database-url postgres://…/accelerator_bench_s5000` renders
each public page the bench measures, with the page cache off (fragments on, as on a real
miss) and DEBUG off, through
Django's whole request handling (the test client, in this process), `--times` times each,
and prints for each page this process's CPU time a render (without the profiler), the
time under the profiler, the queries per render and the profile's top
lines by cumulative time. Read-only: it writes nothing to the database.
"""

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.profiling import parser_of, setup_django, top_lines

# Where the time goes: waiting for the database's answers, and the templates' rendering
# (which includes the queries of lazy querysets they evaluate).
PARTS = [("psycopg/connection.py", "wait"), ("template/backends/django.py", "render")]


def share(stats, times, where, function):
    """Milliseconds per render spent in one function, cumulated (its callees included)."""
    total = sum(
        entry[3]
        for (filename, _line, name), entry in stats.stats.items()
        if filename.endswith(where) and name == function
    )
    return total / times * 1000


def main():
    parser = parser_of(__doc__, times=20)
    parser.add_argument("--page", help="only the pages whose label contains this")
    args = parser.parse_args()
    setup_django(args, PUBLIC_PAGE_CACHE_SECONDS="0")
    from django.db import connection
    from django.test import Client

    from bench.scenarios import PUBLIC, targets_of

    client = Client(HTTP_HOST="127.0.0.1")
    pages, _call = targets_of()
    for label, path, _staff in pages:
        if label not in PUBLIC or (args.page and args.page not in label):
            continue
        if client.get(path).status_code != 200:  # warm: templates, connections, fragments
            raise SystemExit(f"{path} does not answer 200")
        queries = []

        def count(run, sql, *rest, queries=queries):
            queries.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(path)
        # This process's CPU time without the profiler: what the machine's load changes
        # least (PostgreSQL's share is not in it).
        cpu = time.process_time()
        for _ in range(args.times):
            client.get(path)
        cpu = (time.process_time() - cpu) / args.times * 1000
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.times):
            client.get(path)
        profile.disable()
        per_render = (time.perf_counter() - started) / args.times * 1000
        stats = pstats.Stats(profile)
        sql, templates = (share(stats, args.times, where, function) for where, function in PARTS)
        print(
            f"\n## {label} ({path}): {cpu:.1f} ms of CPU a render, "
            f"{per_render:.1f} ms under the profiler, "
            f"{len(queries)} queries; waiting for PostgreSQL {sql:.1f} ms, rendering the "
            f"templates {templates:.1f} ms (the rest: the ORM, middlewares, the view)"
        )
        print(top_lines(profile, args))


if __name__ == "__main__":
    main()
