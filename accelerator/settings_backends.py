"""Where the data lives: the database and the file storages, read from the environment.

A part of `accelerator.settings`, which calls these functions with its `env`; kept apart
so that each module reads as one concern (and stays small).
"""

from django.core.exceptions import ImproperlyConfigured


def database(env, base_dir):
    """The default database: SQLite by default so a new user needs nothing but Python;
    PostgreSQL in production."""
    db = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("OPTIONS", {}).update(
            {
                # WAL lets readers work while one process writes; IMMEDIATE takes the write
                # lock at BEGIN, so concurrent writers queue instead of failing with
                # "database is locked" when they upgrade a read lock mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            }
        )
        # Tests use a file too, not SQLite's shared in-memory database: that one answers
        # "table is locked" to concurrent writers instead of queueing them as a file does.
        db.setdefault("TEST", {}).setdefault("NAME", str(base_dir / "db-test.sqlite3"))
    elif db["ENGINE"] == "django.db.backends.postgresql":
        # How long a request waits for a database connection before the 503 page: a new
        # connection, or one from the pool. A sync worker serves one request at a time, so
        # its pool never runs dry: waiting longer only makes visitors wait when the
        # database is down.
        timeout = env.int("DATABASE_CONNECT_TIMEOUT", default=2)
        db.setdefault("OPTIONS", {}).setdefault("connect_timeout", timeout)
        if env.bool("DATABASE_POOL", default=True):
            # Django's own psycopg 3 connection pool (persistent connections must then be off).
            db["CONN_MAX_AGE"] = 0
            db["OPTIONS"]["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
                "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
                "timeout": timeout,
            }
    return db


def file_storages(env, file_storage, private_media_root):
    """{"default": public uploads (logos), "private": applicants' files}.

    On this machine's disk, or in two S3-compatible buckets: the private one is never
    public and its files are sent only by permission-checked views, as on disk.
    """
    if file_storage == "filesystem":
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_media_root, "base_url": None},
            },
        }
    if file_storage != "s3":
        raise ImproperlyConfigured("FILE_STORAGE must be filesystem or s3.")
    s3 = {
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default=""),
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=""),
        "file_overwrite": False,
    }
    public_bucket = env.str("S3_PUBLIC_BUCKET", default="")
    private_bucket = env.str("S3_PRIVATE_BUCKET", default="")
    if not (public_bucket and private_bucket):
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs S3_PUBLIC_BUCKET and S3_PRIVATE_BUCKET.")
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**s3, "bucket_name": public_bucket, "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**s3, "bucket_name": private_bucket, "querystring_auth": True},
        },
    }
