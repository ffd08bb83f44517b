"""The side menu of every admin page, kept rendered (accelerator.admin_nav): the bytes
Django renders, for each reader's menu, page and language."""

import re

import pytest
from django.contrib.admin import AdminSite, site
from django.contrib.auth.models import Group, Permission, User
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accelerator import admin_nav
from accelerator.tests.staff import login_staff
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

SUBMISSIONS = reverse("admin:seasons_submission_changelist")
CALLS = reverse("admin:seasons_call_changelist")


def menu(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = re.findall(
        r'<nav class="sticky" id="nav-sidebar".*?</nav>', response.content.decode(), re.S
    )
    assert len(found) == 1
    return found[0]


def djangos_menu(client, url, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(admin_nav.cache, "get", lambda _key: None)
        patched.setattr(admin_nav.cache, "set", lambda *_args, **_kwargs: None)
        return menu(client, url)


@pytest.mark.parametrize("url", [SUBMISSIONS, CALLS, reverse("admin:seasons_season_add")])
def test_the_menu_is_the_bytes_django_renders_kept_or_not(admin_client, monkeypatch, url):
    missed = menu(admin_client, url)
    hit = menu(admin_client, url)
    assert missed == hit == djangos_menu(admin_client, url, monkeypatch)


def test_each_page_marks_its_own_model(admin_client):
    on_submissions = menu(admin_client, SUBMISSIONS)
    on_calls = menu(admin_client, CALLS)
    current = r'<tr class="model-(\w+) current-model">'
    assert re.findall(current, on_submissions) == ["submission"]
    assert re.findall(current, on_calls) == ["call"]
    assert re.findall(current, menu(admin_client, SUBMISSIONS + "?q=x")) == ["submission"]


def test_each_reader_gets_the_menu_of_their_permissions(client, admin_client, monkeypatch):
    everything = menu(admin_client, SUBMISSIONS)
    reviewer = member_of(REVIEWER, "evaluateur")
    login_staff(client, reviewer)
    reviewers = menu(client, SUBMISSIONS)
    assert reviewers == djangos_menu(client, SUBMISSIONS, monkeypatch)
    assert reviewers != everything
    assert CALLS in everything and CALLS not in reviewers
    # A permission given shows at once.
    reviewer.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    assert CALLS in menu(client, SUBMISSIONS)


def test_the_menu_follows_the_language(admin_client):
    admin_client.cookies["django_language"] = "en"
    english = menu(admin_client, SUBMISSIONS)
    admin_client.cookies["django_language"] = "fr"
    french = menu(admin_client, SUBMISSIONS)
    assert "Start typing to filter" in english and "Applications" in english
    assert "Candidatures" in french and "Applications" not in french


def test_a_cache_that_fails_makes_the_menu_rendered(admin_client, monkeypatch):
    kept = menu(admin_client, SUBMISSIONS)

    def failing(*_args, **_kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(admin_nav.cache, "get", failing)
    assert menu(admin_client, SUBMISSIONS) == kept
    monkeypatch.undo()
    monkeypatch.setattr(admin_nav.cache, "get", lambda _key: None)
    monkeypatch.setattr(admin_nav.cache, "set", failing)
    assert menu(admin_client, SUBMISSIONS) == kept


def djangos_app_list(request, app_label=None):
    return AdminSite.get_app_list(site, request, app_label)


def reader_request(user, path=SUBMISSIONS):
    request = RequestFactory().get(path)
    request.user = User.objects.get(pk=user.pk)  # a new request reads the user again
    return request


@pytest.mark.parametrize("app_label", [None, "seasons"])
def test_the_kept_app_list_is_djangos_for_each_reader(admin_user, app_label):
    reviewer = member_of(REVIEWER, "evaluateur")
    for user in (admin_user, reviewer):
        expected = djangos_app_list(reader_request(user), app_label)
        assert site.get_app_list(reader_request(user), app_label) == expected
        assert site.get_app_list(reader_request(user), app_label) == expected


def test_the_app_list_is_built_once_per_permission_set(admin_user, monkeypatch):
    built = []
    original = AdminSite._build_app_dict

    def counting(self, request, label=None):
        built.append(request.user.username)
        return original(self, request, label)

    monkeypatch.setattr(site, "_kept_app_lists", {})
    monkeypatch.setattr(AdminSite, "_build_app_dict", counting)
    first, second = member_of(REVIEWER, "evaluateur"), member_of(REVIEWER, "evaluatrice")
    for user in (first, second, first, admin_user, admin_user):
        site.get_app_list(reader_request(user))
    assert built == ["evaluateur", "admin"]
    with translation.override("en"):
        site.get_app_list(reader_request(first))
    assert built == ["evaluateur", "admin", "evaluateur"]


def test_a_permission_given_or_taken_changes_the_app_list_at_once(client):
    reviewer = member_of(REVIEWER, "evaluateur")
    before = site.get_app_list(reader_request(reviewer))
    permission = Permission.objects.get(codename="view_call")
    reviewer.user_permissions.add(permission)
    given = site.get_app_list(reader_request(reviewer))
    assert given == djangos_app_list(reader_request(reviewer)) != before
    login_staff(client, reviewer)
    assert CALLS in menu(client, SUBMISSIONS)
    reviewer.user_permissions.remove(permission)
    assert site.get_app_list(reader_request(reviewer)) == before
    assert CALLS not in menu(client, SUBMISSIONS)
    # The account deactivated: nothing to open any more.
    User.objects.filter(pk=reviewer.pk).update(is_active=False)
    assert site.get_app_list(reader_request(reviewer)) == []


def test_each_reader_gets_copies_of_the_kept_list(admin_user):
    apps = site.get_app_list(reader_request(admin_user))
    apps[0]["models"][0]["perms"]["change"] = "changed"
    apps[0]["models"].clear()
    apps.clear()
    assert site.get_app_list(reader_request(admin_user)) == djangos_app_list(
        reader_request(admin_user)
    )


def test_a_model_admin_registered_or_removed_changes_the_app_list(admin_user):
    from django.contrib.sites.models import Site

    shown = site.get_app_list(reader_request(admin_user))
    sites_shown = any(app["app_label"] == "sites" for app in shown)
    if sites_shown:
        original = type(site._registry[Site])
        site.unregister(Site)
    try:
        assert not any(
            app["app_label"] == "sites" for app in site.get_app_list(reader_request(admin_user))
        )
        site.register(Site)
        assert any(
            app["app_label"] == "sites" for app in site.get_app_list(reader_request(admin_user))
        )
    finally:
        site.unregister(Site)
        if sites_shown:
            site.register(Site, original)
    assert site.get_app_list(reader_request(admin_user)) == shown
