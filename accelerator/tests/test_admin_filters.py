"""The applications list's filter sidebar, kept rendered (accelerator.admin_filters): the
bytes Django renders, one per query string, language and set of filters, stale as soon as
a season or a call changes."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator import admin_filters
from accelerator.tests.staff import login_staff
from seasons.models import Call
from seasons.selection.roles import REVIEWER
from seasons.tests.factories import CallFactory, SeasonFactory, SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

URL = reverse("admin:seasons_submission_changelist")


def sidebar(html):
    found = re.findall(r'<nav id="changelist-filter".*?</nav>', html, re.S)
    assert len(found) == 1
    return found[0]


def page(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    # The CSRF token is the only part made for each request.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def without_kept_filters(monkeypatch):
    """What Django's own block renders: every sidebar built again."""
    monkeypatch.setattr(admin_filters, "kept", lambda _name, build: build())


@pytest.fixture
def calls():
    season = SeasonFactory(title="Saison des communs")
    first = CallFactory(season=season, title="Zèbre des communs")
    second = CallFactory(season=SeasonFactory(title="Saison passée"), title="Éducation populaire")
    SubmissionFactory(call=first, project_name="Atelier")
    return first, second


@pytest.mark.parametrize(
    "query", ["", "?q=atelier", "?status__exact=submitted&o=2", "?call__id__exact=1&p=1"]
)
def test_the_page_is_the_bytes_django_renders_when_kept_and_from_the_cache(
    admin_client, calls, monkeypatch, query
):
    missed = page(admin_client, query)
    hit = page(admin_client, query)
    with monkeypatch.context() as patched:
        without_kept_filters(patched)
        django_s = page(admin_client, query)
    assert missed == hit == django_s
    assert "Zèbre des communs" in sidebar(hit)


def test_each_query_string_has_its_own_sidebar(admin_client, calls):
    first = sidebar(page(admin_client, "?q=atelier"))
    other = sidebar(page(admin_client, "?q=verger"))
    assert "q=atelier" in first and "q=verger" not in first
    assert "q=verger" in other and "q=atelier" not in other
    assert sidebar(page(admin_client, "?q=atelier")) == first


def test_a_reviewer_does_not_get_the_sidebar_kept_for_managers(client, admin_client, calls):
    assert "?score=4" in sidebar(page(admin_client))
    login_staff(client, member_of(REVIEWER, "evaluateur"))
    html = sidebar(page(client))
    assert "?score=" not in html
    assert "?reviews=done" in html


def test_the_sidebar_follows_the_language(admin_client, calls):
    admin_client.cookies["django_language"] = "en"
    english = sidebar(page(admin_client))
    admin_client.cookies["django_language"] = "fr"
    french = sidebar(page(admin_client))
    assert "By status" in english
    assert "Par statut" in french


def test_a_call_renamed_added_or_deleted_shows_at_once(admin_client, calls):
    first, second = calls
    assert "Zèbre des communs" in sidebar(page(admin_client))
    first.title = "Zébu des communs"
    first.save()
    html = sidebar(page(admin_client))
    assert "Zébu des communs" in html and "Zèbre des communs" not in html
    CallFactory(season=first.season, title="Appel à verger")
    assert "Appel à verger" in sidebar(page(admin_client))
    second.delete()
    assert "Éducation populaire" not in sidebar(page(admin_client))


def test_a_season_renamed_or_added_shows_at_once(admin_client, calls):
    season = calls[0].season
    assert "Saison des communs" in sidebar(page(admin_client))
    season.title = "Saison des vergers"
    season.save()
    html = sidebar(page(admin_client))
    assert "Saison des vergers" in html and "Saison des communs" not in html
    SeasonFactory(title="Saison nouvelle")
    assert "Saison nouvelle" in sidebar(page(admin_client))


def test_a_change_is_seen_again_once_committed(
    admin_client, calls, django_capture_on_commit_callbacks
):
    first = calls[0]
    page(admin_client)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Call.objects.filter(pk=first.pk).update(title="Renommé en masse")
        admin_filters.invalidate_admin_filters()
        # A sidebar rendered before the commit, from the old rows in production,
        # is stored under a version the commit replaces.
        version = admin_filters.current_version()
    assert admin_filters.current_version() != version
    assert "Renommé en masse" in sidebar(page(admin_client))


def test_a_kept_sidebar_reads_neither_the_seasons_nor_the_calls(admin_client, calls):
    page(admin_client)
    with CaptureQueriesContext(connection) as queries:
        page(admin_client)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    # Session, user, second factor, the rows (the total kept, the dates read from the rows).
    assert len(queries) == 4
    assert 'FROM "seasons_season"' not in read
    assert 'FROM "seasons_call"' not in read


def test_counts_are_never_kept(admin_client, calls):
    assert "Atelier" in page(admin_client)
    assert "(1)" in sidebar(page(admin_client, "?_facets=True"))
    SubmissionFactory(call=calls[0], project_name="Verger")
    html = sidebar(page(admin_client, "?_facets=True"))
    assert "Zèbre des communs (2)" in html


def test_a_cache_that_fails_makes_the_sidebar_rendered(admin_client, calls, monkeypatch):
    kept_html = page(admin_client)

    def failing(*_args, **_kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(admin_filters.cache, "get_many", failing)
    monkeypatch.setattr(admin_filters.cache, "set", failing)
    assert page(admin_client) == kept_html
