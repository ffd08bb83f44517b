"""This process's CPU time a request for each public page the bench measures, on a miss.

`python bench/cpu_requests.py --database-url postgres://…/accelerator_bench_s5000` calls
Django's `WSGIHandler` in this process as gunicorn's worker calls it (an environ, the
body read, the answer closed), DEBUG off, with the page cache off and its fragments on
(what a miss is on a running site; `--hit` for the page cache on, every page stored
first). For each page it prints the best of `--rounds` rounds of `--times` requests, in
milliseconds of this process's CPU a request (PostgreSQL's and Redis's share not in it):
what the machine's load changes least, so that two commits measured one after the other
compare. The trivial view comes first, as the yardstick. Read-only.
"""

import io
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.profiling import parser_of, setup_django


def environ_of(path):
    """What gunicorn hands Django for a GET of `path` on 127.0.0.1 by hey, without
    cookies."""
    address = urlsplit(path)
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": address.path,
        "QUERY_STRING": address.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8765",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": "bench",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_ENCODING": "gzip",  # as hey asks (Go's client), and every browser
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, path):
    """One request, its answer read and closed (which ends the request's signals)."""
    status = []
    answer = application(environ_of(path), lambda code, headers, *_: status.append(code))
    try:
        body = b"".join(answer)
    finally:
        answer.close()
    if not status[0].startswith("200"):
        raise SystemExit(f"{path} answered {status[0]}")
    return body


def cpu_per_request(application, path, rounds, times):
    """The best of `rounds` rounds of `times` requests, in ms of this process's CPU."""
    best = None
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(times):
            request(application, path)
        spent = (time.process_time() - started) / times * 1000
        best = spent if best is None else min(best, spent)
    return best


def main():
    parser = parser_of(__doc__, times=20)
    parser.add_argument("--rounds", type=int, default=5, help="best of this many rounds")
    parser.add_argument("--hit", action="store_true", help="the page cache on: hits")
    parser.add_argument("--page", help="only the pages whose label contains this")
    args = parser.parse_args()
    setup_django(args, PUBLIC_PAGE_CACHE_SECONDS="300" if args.hit else "0")
    from django.core.wsgi import get_wsgi_application

    from bench.scenarios import PUBLIC, TRIVIAL, targets_of

    application = get_wsgi_application()
    pages, _call = targets_of()
    print(
        f"{'ms of CPU a request' if not args.hit else 'ms of CPU a hit'}, best of "
        f"{args.rounds} x {args.times}"
    )
    for label, path, _staff in pages:
        if label not in (TRIVIAL, *PUBLIC) or (args.page and args.page not in label):
            continue
        size = len(request(application, path))  # warm: templates, connections, fragments
        cpu = cpu_per_request(application, path, args.rounds, args.times)
        print(f"{cpu:6.2f}  {label} ({path}, {size:,} bytes)")


if __name__ == "__main__":
    main()
