"""The applications list's rows written in one pass (accelerator.admin_rows): the bytes of
Django's own `result_list`, row by row and for the whole page, for each reader, language,
search, filter and order."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.templatetags.admin_list import result_list
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accelerator import admin_rows
from accelerator.admin_rows import quick_result_list
from accelerator.tests.staff import login_staff
from seasons.models import Submission, SubmissionStatus
from seasons.selection import reviewing
from seasons.selection.roles import REVIEWER
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all

pytestmark = pytest.mark.django_db

SUBMISSIONS = reverse("admin:seasons_submission_changelist")

READS = [
    {},
    {"q": "atelier"},
    {"status__exact": "submitted"},
    {"o": "2.-5"},
    {"q": "atelier", "o": "-4", "reviews": "pending"},
]


@pytest.fixture
def applications():
    """Rows of every kind of cell: names to escape, no score and a score, reviews done,
    open and in conflict, a draft without a date nor reference."""
    scored = SubmissionFactory(project_name='L’atelier "libre" <du quartier> & co')
    score_all(ReviewFactory(submission=scored), 4)
    score_all(ReviewFactory(submission=scored), 3)
    pending = SubmissionFactory(project_name="Atelier ouvert", organisation_name="   ")
    ReviewFactory(submission=pending)
    conflicted = ReviewFactory(submission=SubmissionFactory(project_name="Verger"))
    reviewing.save_review(conflicted, conflict_of_interest=True, scores={}, comment="", submit=True)
    SubmissionFactory(
        status=SubmissionStatus.DRAFT, reference="", submitted_at=None, project_name=""
    )
    return Submission.objects.order_by("pk")


def changelist_for(rf, user, params):
    request = rf.get(SUBMISSIONS, params)
    request.user = user
    changelist = admin.site._registry[Submission].get_changelist_instance(request)
    changelist.formset = None  # as the change list's view sets it without list_editable
    return changelist


def django_rows(changelist):
    return ["".join(row) for row in result_list(changelist)["results"]]


def quick_rows(changelist):
    rows = quick_result_list(changelist)["results"]
    assert all(len(row) == 1 and row.form is None for row in rows)
    return [row[0] for row in rows]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("params", READS)
def test_each_row_is_the_bytes_django_writes(rf, admin_user, applications, language, params):
    reviewer = member_of(REVIEWER, "evaluatrice")
    for row in applications.exclude(status=SubmissionStatus.DRAFT):
        ReviewFactory(submission=row, reviewer=reviewer)
    for user in (admin_user, reviewer):
        with translation.override(language):
            changelist = changelist_for(rf, user, params)
            quick, django_s = quick_rows(changelist), django_rows(changelist)
        assert quick == django_s
        assert len(quick) == changelist.result_count > 0
    # What the cells are made of, once, in words.
    with translation.override("fr"):
        first = quick_rows(changelist_for(rf, admin_user, {"q": "libre"}))[0]
    assert "L’atelier &quot;libre&quot; &lt;du quartier&gt; &amp; co</a></td>" in first
    assert '<td class="field-score">3,50</td>' in first


def test_the_whole_page_is_the_bytes_django_renders(client, admin_user, applications, monkeypatch):
    def page(url):
        html = client.get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    reviewer = member_of(REVIEWER, "evaluatrice")
    for row in applications.exclude(status=SubmissionStatus.DRAFT):
        ReviewFactory(submission=row, reviewer=reviewer)
    for user in (admin_user, reviewer):
        login_staff(client, user)
        for params in READS:
            url = SUBMISSIONS + "?" + "&".join(f"{k}={v}" for k, v in params.items())
            quick = page(url)
            with monkeypatch.context() as patched:
                patched.setattr(admin_rows, "quick_results", lambda _changelist: None)
                django_s = page(url)
            assert quick == django_s
            assert '<th class="field-reference"><a href=' in quick
            if params:  # each row's links keep the list's search, filters and order
                assert re.search(
                    r'<th class="field-reference"><a href="[^"]+\?_changelist_filters=', quick
                )


def test_a_list_of_another_kind_is_left_to_django(rf, admin_user, applications, monkeypatch):
    model_admin = admin.site._registry[Submission]
    monkeypatch.setattr(model_admin, "list_display", ["reference", "call", "status"])
    changelist = changelist_for(rf, admin_user, {})
    assert admin_rows.quick_results(changelist) is None
    assert quick_result_list(changelist)["results"] == result_list(changelist)["results"]


def test_the_list_s_query_is_django_s_built_once(rf, admin_user, monkeypatch):
    model_admin = admin.site._registry[Submission]
    request = rf.get(SUBMISSIONS)
    request.user = admin_user
    django_s = reviewing.with_review_figures(ModelAdmin.get_queryset(model_admin, request))
    assert str(model_admin.get_queryset(request).query) == str(django_s.query)
    monkeypatch.setattr(model_admin, "ordering", ["project_name", "-pk"])
    django_s = reviewing.with_review_figures(ModelAdmin.get_queryset(model_admin, request))
    assert str(model_admin.get_queryset(request).query) == str(django_s.query)
    built = []
    monkeypatch.setattr(reviewing, "_KEPT_QUERIES", {})
    monkeypatch.setattr(
        reviewing, "with_review_figures", lambda queryset: built.append(1) or queryset
    )
    for _ in range(3):
        model_admin.get_queryset(request)
    assert built == [1]


def row_of(client, submission):
    html = client.get(SUBMISSIONS).content.decode()
    rows = [row for row in re.findall(r"<tr>.*?</tr>", html) if f'value="{submission.pk}"' in row]
    assert len(rows) == 1
    return rows[0]


def test_a_new_application_and_a_changed_review_show_at_once(admin_client, applications):
    first = applications.first()
    assert '<td class="field-review_progress">2/2</td>' in row_of(admin_client, first)
    new = SubmissionFactory(project_name="Jardin nouveau")
    assert "Jardin nouveau" in row_of(admin_client, new)
    assert '<td class="field-score">—</td>' in row_of(admin_client, new)
    review = ReviewFactory(submission=new)
    assert '<td class="field-review_progress">0/1</td>' in row_of(admin_client, new)
    score_all(review, 2)
    shown = row_of(admin_client, new)
    assert '<td class="field-score">2,00</td>' in shown
    assert '<td class="field-review_progress">1/1</td>' in shown


def test_the_rows_are_read_without_the_answers_and_nothing_more_per_row(admin_client, applications):
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(SUBMISSIONS + "?o=2").status_code == 200
    rows = [q["sql"] for q in queries if '"seasons_submission"."reference"' in q["sql"]]
    assert len(rows) == 1
    assert '"seasons_submission"."description"' not in rows[0]
    assert '"seasons_season"."number"' in rows[0]
    # No column read later, row by row: the same statements for 4 rows as for 5.
    SubmissionFactory(project_name="Cinquième")
    with CaptureQueriesContext(connection) as more:
        admin_client.get(SUBMISSIONS + "?o=2")
    assert len(more) == len(queries)
