"""The Redis cache reuses one client per connection pool (accelerator.cache)."""

import uuid

import environ
import pytest

from accelerator.cache import RedisCache


def test_a_redis_cache_url_chooses_the_reusing_backend(monkeypatch):
    import importlib

    from accelerator import settings as project_settings

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/15")
    monkeypatch.setenv("SECRET_KEY", "x")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.CACHES["default"] == {
            "BACKEND": "accelerator.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
    assert environ.Env().cache_url_config("locmemcache://")["BACKEND"].endswith("LocMemCache")


def test_one_client_serves_every_call_and_the_values_go_through():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client("any", write=True) is client
    key = f"test-cache-backend:{uuid.uuid4().hex}"
    try:
        cache.set(key, {"page": b"<html>"}, timeout=30)
        assert cache.get_many([key, key + ":missing"]) == {key: {"page": b"<html>"}}
    except Exception as error:
        pytest.fail(f"Redis must run on 127.0.0.1:6379 for this test: {error}")
    finally:
        cache.delete(key)
    assert cache._cache.get_client() is client
