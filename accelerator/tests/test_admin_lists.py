"""The admin list's cheaper pieces show exactly what Django's own show (issue 18):
each row's checkbox, the call filter's choices, the date drill-down's years, months and
days (probed, or read from the rows when the whole list is on its page)."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accelerator.admin_lists import (
    QuickActionCheckbox,
    QuickLinksChangeList,
    TitleChoicesFilter,
    years_with_rows,
)
from accelerator.collation import FrenchOrderRelatedFilter
from accelerator.templatetags.admin_lists import quick_date_hierarchy
from seasons.models import Submission, SubmissionStatus
from seasons.tests.factories import PARIS, CallFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_row_s_checkbox_is_the_bytes_django_renders(language):
    submission = SubmissionFactory(
        reference="AIC-2023-0007", project_name='L’atelier "libre" <du quartier> & co'
    )
    model_admin = admin.site._registry[Submission]
    with translation.override(language):
        quick = QuickActionCheckbox.action_checkbox(model_admin, submission)
        django_s = ModelAdmin.action_checkbox(model_admin, submission)
    assert quick == django_s
    assert "&lt;du quartier&gt; &amp; co" in quick


def sent_at(*moments):
    for moment in moments:
        SubmissionFactory(submitted_at=moment)


def test_the_years_are_those_django_finds_with_gaps_and_the_time_zone():
    # 31 December 23:30 UTC is already 2021 in Paris; 2020 and 2022 have nothing.
    sent_at(
        dt.datetime(2019, 3, 1, 10, 0, tzinfo=PARIS),
        dt.datetime(2020, 12, 31, 23, 30, tzinfo=UTC),
        dt.datetime(2023, 12, 31, 23, 30, tzinfo=PARIS),
    )
    SubmissionFactory(status=SubmissionStatus.DRAFT, reference="", submitted_at=None)
    expected = list(Submission.objects.datetimes("submitted_at", "year"))
    found = years_with_rows(Submission, "submitted_at", range(2019, 2024))
    assert found == expected
    assert [moment.year for moment in found] == [2019, 2021, 2023]


def year_links(html):
    return re.findall(r'href="\?submitted_at__year=(\d{4})"', html)


def test_the_list_offers_the_same_years_as_django_unfiltered_and_filtered(admin_client):
    sent_at(
        dt.datetime(2019, 3, 1, 10, 0, tzinfo=PARIS),
        dt.datetime(2021, 6, 1, 10, 0, tzinfo=PARIS),
        dt.datetime(2023, 5, 1, 10, 0, tzinfo=PARIS),
    )
    SubmissionFactory(
        status=SubmissionStatus.REJECTED, submitted_at=dt.datetime(2024, 2, 1, tzinfo=UTC)
    )
    url = reverse("admin:seasons_submission_changelist")
    assert year_links(admin_client.get(url).content.decode()) == ["2019", "2021", "2023", "2024"]
    # A filtered list keeps Django's own query.
    filtered = admin_client.get(url + "?status__exact=submitted").content.decode()
    assert re.findall(
        r'href="\?status__exact=submitted&amp;submitted_at__year=(\d{4})"', filtered
    ) == [
        "2019",
        "2021",
        "2023",
    ]


def test_one_year_of_applications_shows_its_months_as_django_does(admin_client):
    sent_at(
        dt.datetime(2023, 3, 1, 10, 0, tzinfo=PARIS), dt.datetime(2023, 5, 1, 10, 0, tzinfo=PARIS)
    )
    html = admin_client.get(reverse("admin:seasons_submission_changelist")).content.decode()
    assert year_links(html) == []
    assert re.findall(r"submitted_at__month=(\d+)", html) == ["3", "5"]


def test_the_call_filter_lists_what_django_s_filter_lists(rf, admin_user):
    for title in ["Zèbre", "Éducation populaire", "appel à communs", "Éducation populaire"]:
        CallFactory(title=title)
    request = rf.get(reverse("admin:seasons_submission_changelist"))
    request.user = admin_user
    model_admin = admin.site._registry[Submission]
    changelist = model_admin.get_changelist_instance(request)
    spec = next(s for s in changelist.filter_specs if isinstance(s, TitleChoicesFilter))
    field = Submission._meta.get_field("call")
    django_s = FrenchOrderRelatedFilter.field_choices(spec, field, request, model_admin)
    assert spec.lookup_choices == django_s
    assert [title for _pk, title in django_s] == [
        "appel à communs",
        "Éducation populaire",
        "Éducation populaire",
        "Zèbre",
    ]


def changelist_for(rf, admin_user, **params):
    request = rf.get(reverse("admin:seasons_submission_changelist"), params)
    request.user = admin_user
    return admin.site._registry[Submission].get_changelist_instance(request)


DRILL_DOWNS = [
    {},
    {"q": "verger"},
    {"q": "atelier"},
    {"status__exact": "submitted"},
    {"submitted_at__year": "2021"},
    {"submitted_at__year": "2023", "submitted_at__month": "5"},
    {"q": "verger", "submitted_at__year": "2021", "submitted_at__month": "1"},
]


@pytest.mark.parametrize("per_page", [50, 1])
@pytest.mark.parametrize("params", DRILL_DOWNS)
def test_the_drill_down_is_django_s_whether_read_from_the_rows_or_asked(
    rf, admin_user, monkeypatch, params, per_page
):
    # Edges of the program's time zone: already 2021 and January in Paris.
    for project, moment in [
        ("Verger", dt.datetime(2020, 12, 31, 23, 30, tzinfo=UTC)),
        ("Verger partagé", dt.datetime(2021, 1, 2, 10, 0, tzinfo=PARIS)),
        ("Atelier", dt.datetime(2023, 5, 1, 10, 0, tzinfo=PARIS)),
        ("Atelier bis", dt.datetime(2023, 5, 31, 22, 30, tzinfo=UTC)),
        ("Atelier ter", dt.datetime(2023, 5, 14, 9, 0, tzinfo=PARIS)),
    ]:
        SubmissionFactory(project_name=project, submitted_at=moment)
    SubmissionFactory(project_name="Verger brouillon", status=SubmissionStatus.DRAFT)
    monkeypatch.setattr(admin.site._registry[Submission], "list_per_page", per_page)
    changelist = changelist_for(rf, admin_user, **params)
    with translation.override("fr"):
        quick = quick_date_hierarchy(changelist)
        django_s = date_hierarchy(changelist)
    assert quick == django_s
    assert quick["choices"]


def test_a_list_whole_on_its_page_asks_nothing_more_for_its_dates(rf, admin_user):
    SubmissionFactory(project_name="Verger", submitted_at=dt.datetime(2021, 6, 1, tzinfo=UTC))
    SubmissionFactory(project_name="Verger bis", submitted_at=dt.datetime(2023, 6, 1, tzinfo=UTC))
    changelist = changelist_for(rf, admin_user, q="verger")
    list(changelist.result_list)  # the rows the page lists: read once, kept by the queryset
    with CaptureQueriesContext(connection) as queries:
        drill_down = quick_date_hierarchy(changelist)
    assert len(queries) == 0
    assert [choice["title"] for choice in drill_down["choices"]] == ["2021", "2023"]


def test_a_searched_page_sends_its_count_and_its_rows_only(admin_client):
    SubmissionFactory(project_name="Verger", submitted_at=dt.datetime(2021, 6, 1, tzinfo=UTC))
    url = reverse("admin:seasons_submission_changelist") + "?q=verger"
    admin_client.get(url)  # the filters' choices kept
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(url).status_code == 200
    # Session, user, second factor; the count, the rows.
    assert len(queries) == 5


def test_each_row_s_link_is_the_address_django_reverses(rf, admin_user):
    rows = [SubmissionFactory() for _ in range(3)]
    changelist = changelist_for(rf, admin_user)
    assert isinstance(changelist, QuickLinksChangeList)
    for row in rows:
        expected = reverse("admin:seasons_submission_change", args=[row.pk])
        assert changelist.url_for_result(row) == expected
        assert ChangeList.url_for_result(changelist, row) == expected
    # A key that is not an integer keeps Django's quoting.
    odd = SimpleNamespace(id="a/b_c")
    assert changelist.url_for_result(odd) == ChangeList.url_for_result(changelist, odd)
    assert changelist.url_for_result(odd).endswith("/a_2Fb_5Fc/change/")
