"""The applications list fits a 1,400 px screen: a short call label, the day only."""

import datetime as dt

import pytest
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.admin.applications import short_call_label
from seasons.models import SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import PARIS, CallFactory, SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def test_a_long_call_title_is_cut_in_its_middle_after_the_seasons_number():
    call = CallFactory(title="Communs numériques — 2e relève", season__number=2)
    assert short_call_label(call) == "S2 · Communs numé…— 2e relève"
    call.title = "Appel à projets 2022"
    assert short_call_label(call) == "S2 · Appel à projets 2022"


def test_the_list_shows_the_short_label_with_the_full_title_and_the_day(client):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    call = CallFactory(title="Communs à dimension non numérique", season__number=3)
    SubmissionFactory(
        call=call,
        status=SubmissionStatus.IN_REVIEW,
        submitted_at=dt.datetime(2023, 5, 1, 23, 30, tzinfo=PARIS),
    )
    html = client.get(reverse("admin:seasons_submission_changelist")).content.decode()
    assert (
        '<td class="field-call_label"><span title="Communs à dimension non numérique">'
        "S3 · Communs à di…on numérique</span></td>"
    ) in html
    # The day on the program's clock (23:30 in Paris is still the 1st).
    assert '<td class="field-submitted_on">01/05/2023</td>' in html
    assert '<td class="field-review_progress">0/0</td>' in html
    assert "field-organisation_type" not in html
