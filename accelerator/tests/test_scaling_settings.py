"""Settings for several instances: uploads on S3, sessions in the cache, e-mails later."""

from .processes import run_django

SHOW_STORAGES = (
    "from django.core.files.storage import storages; "
    "print(type(storages['default']).__name__, storages['default'].bucket_name, "
    "storages['default'].querystring_auth, type(storages['private']).__name__, "
    "storages['private'].bucket_name, storages['private'].querystring_auth)"
)


def test_uploads_go_to_the_file_system_by_default():
    result = run_django(
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__, type(storages['private']).__name__)",
        SECRET_KEY="x",
    )
    assert result.stdout.split() == ["FileSystemStorage", "FileSystemStorage"]


def test_uploads_go_to_a_public_and_a_private_bucket_with_s3():
    result = run_django(
        SHOW_STORAGES,
        SECRET_KEY="x",
        FILE_STORAGE="s3",
        S3_PUBLIC_BUCKET="aic-public",
        S3_PRIVATE_BUCKET="aic-private",
    )
    assert result.stdout.split() == [
        "S3Storage",
        "aic-public",
        "False",
        "S3Storage",
        "aic-private",
        "True",
    ]


def test_s3_without_buckets_is_refused_with_a_sentence_that_says_so():
    result = run_django("", SECRET_KEY="x", FILE_STORAGE="s3")
    assert result.returncode == 1
    assert result.stderr.endswith("FILE_STORAGE=s3 needs S3_PUBLIC_BUCKET and S3_PRIVATE_BUCKET.\n")


def test_unknown_file_storage_is_refused():
    result = run_django("", SECRET_KEY="x", FILE_STORAGE="ftp")
    assert result.returncode == 1
    assert result.stderr.endswith("FILE_STORAGE must be filesystem or s3.\n")


def test_sessions_can_live_in_the_cache_shared_by_every_instance():
    result = run_django(
        "from django.conf import settings; print(settings.SESSION_ENGINE)",
        SECRET_KEY="x",
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    )
    assert result.stdout.split() == ["django.contrib.sessions.backends.cached_db"]
