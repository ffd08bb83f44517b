"""gunicorn's configuration for every instance (see docs/deploy.md).

The server's own variables, not the application's (those are in .env.example):
PORT (default 8000) and WEB_CONCURRENCY (workers, default 3: about 1.5 per core on the
2-core machines the benchmark ran on). `--bind` and `--workers` on the command line win.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"  # nosec B104 -- behind the load balancer
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Sync workers: every view is short and the database pool is per process (psycopg-pool).
worker_class = "sync"
# A worker is replaced after this many requests (with jitter, so not all at once): a slow
# leak in any library can never grow a worker past its memory budget.
max_requests = 100000
max_requests_jitter = 10000
# Load the application once in the master and fork: workers share its memory pages.
preload_app = True
timeout = 30
graceful_timeout = 30
# The load balancer keeps connections open between requests.
keepalive = 5
# Errors to standard error and one line per request to standard output, for the platform's
# log collector. gunicorn reads FORWARDED_ALLOW_IPS itself (the load balancer's addresses).
errorlog = "-"
accesslog = "-"
# The applicant's private key is masked in every field of the request log (path, Referer…).
logger_class = "accelerator.log_privacy.MaskingGunicornLogger"
